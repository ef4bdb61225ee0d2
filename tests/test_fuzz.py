"""Fuzzing: mutated PDF, DOCX, HTML and text files through the store, each added or refused with a
reason, never an exception, and the store whole afterwards.

Seeded and bounded: BRIEFING_FUZZ_CASES inputs (default 100, a few seconds), BRIEFING_FUZZ_SEED
picks the mutations. Run ``BRIEFING_FUZZ_CASES=2000 pytest tests/test_fuzz.py -s`` for a long run;
each test prints its counts.
"""

import io
import os
import random
import re
import zipfile
from collections import Counter

import pytest

from briefing.storage import AddOutcome, Store
from documents import docx_with_paragraphs, pdf_with_lines, rezipped

# zipfile warns of the duplicated member names these tests make on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")

CASES = int(os.environ.get("BRIEFING_FUZZ_CASES", 100))
SEED = int(os.environ.get("BRIEFING_FUZZ_SEED", 15))
STATUSES = {"added", "near-duplicate", "duplicate", "refused"}

PROSE = [
    "Commerce Secretary Gina Raimondo met Chinese officials in Beijing on Tuesday to discuss export controls.",
    "The two sides agreed to set up a working group on commercial issues, officials said.",
    "China's commerce minister Wang Wentao said Beijing opposed the tariffs and urged Washington to act.",
    "Both sides will meet again next year in Washington, the officials said after the talks.",
]


def valid_files() -> list[tuple[str, bytes]]:
    """One valid file of each supported type, all holding the same short article."""
    text = "Raimondo in Beijing\n\n" + "\n\n".join(PROSE) + "\n"
    page = ("<html><head><title>Raimondo in Beijing</title></head><body><nav>Home | World</nav><article>"
            "<h1>Raimondo in Beijing</h1>" + "".join(f"<p>{line}</p>" for line in PROSE)
            + "</article><script>alert(1)</script></body></html>")
    return [
        (".txt", text.encode("utf-8")),
        (".md", text.encode("utf-16")),
        (".html", page.encode("utf-8")),
        (".pdf", pdf_with_lines(PROSE, title="Raimondo in Beijing")),
        (".docx", docx_with_paragraphs(["Raimondo in Beijing", *PROSE], title="Raimondo in Beijing")),
    ]


# --- mutations: each takes a random generator and a file's bytes --------------------------------


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    mutated = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    return bytes(mutated)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """A slice of the file copied elsewhere in it, or random bytes inserted."""
    at = rng.randrange(len(data))
    start = rng.randrange(len(data))
    inserted = data[start:start + rng.randint(1, 512)] if rng.random() < 0.5 else rng.randbytes(rng.randint(1, 64))
    return data[:at] + inserted + data[at:]


def change_a_number(rng: random.Random, data: bytes) -> bytes:
    """One number of the file (a PDF's offsets, lengths, counts, object numbers) replaced."""
    numbers = list(re.finditer(rb"\d+", data))
    match = rng.choice(numbers)
    replacement = str(rng.choice([0, 1, -1, 2**31, 2**63, rng.randrange(10**6)])).encode()
    return data[:match.start()] + replacement + data[match.end():]


def zip_member_damaged(rng: random.Random, data: bytes) -> bytes:
    """One member of the zip rewritten: its bytes flipped, cut or spliced (valid zip, bad content)."""
    names = member_names(data)
    target = rng.choice(names)
    damage = rng.choice([flip_bytes, truncate, splice])
    return rezipped(data, lambda name, body: damage(rng, body) if name == target and body else body)


def zip_member_removed(rng: random.Random, data: bytes) -> bytes:
    target = rng.choice(member_names(data))
    return rezipped(data, lambda name, body: None if name == target else body)


def zip_member_duplicated(rng: random.Random, data: bytes) -> bytes:
    """A second entry under an existing member's name, with other bytes."""
    target = rng.choice(member_names(data))
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(target, flip_bytes(rng, archive.read(target) or b"x"))
    return out.getvalue()


def zip_sizes_misdeclared(rng: random.Random, data: bytes) -> bytes:
    """A size field of a directory or local header entry set to a huge, zero or random value."""
    headers = [(match.start(), offsets) for match in re.finditer(rb"PK\x01\x02|PK\x03\x04", data)
               for offsets in [(20, 24) if match.group() == b"PK\x01\x02" else (18, 22)]]
    start, offsets = rng.choice(headers)
    field = start + rng.choice(offsets)
    value = rng.choice([0, 1, 0xFFFFFFFF, 0xFFFFFFF0, rng.randrange(2**32)])
    return data[:field] + value.to_bytes(4, "little") + data[field + 4:]


def member_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


BYTE_MUTATIONS = [flip_bytes, truncate, splice, change_a_number]
ZIP_MUTATIONS = [zip_member_damaged, zip_member_removed, zip_member_duplicated, zip_sizes_misdeclared]


def mutated_inputs(count: int, seed: int) -> list[tuple[str, bytes, str]]:
    """``count`` (file name, bytes, what was done) triples, the same for the same seed."""
    rng = random.Random(seed)
    bases = valid_files()
    inputs = []
    for case in range(count):
        extension, data = rng.choice(bases)
        mutations = BYTE_MUTATIONS + ZIP_MUTATIONS if extension == ".docx" else BYTE_MUTATIONS
        mutated, done = data, []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutation = rng.choice(mutations)
            try:
                mutated = mutation(rng, mutated)
            except Exception:  # noqa: BLE001 - a zip mutation of bytes no longer a zip: try another
                continue
            done.append(mutation.__name__)
            if not mutated:
                break
        inputs.append((f"case{case:05d}{extension}", mutated, "+".join(done) or "none"))
    return inputs


# --- the properties ------------------------------------------------------------------------------


def check_outcome(outcome: AddOutcome, name: str) -> None:
    assert isinstance(outcome, AddOutcome) and outcome.source_name == name
    assert outcome.status in STATUSES and outcome.message.strip()
    assert "\n" not in outcome.message
    assert "internal error" not in outcome.message, "our own code failed on the file (see the logged traceback)"


def report(test: str, outcomes: list[AddOutcome], crashes: list) -> None:
    counts = Counter(outcome.status for outcome in outcomes)
    print(f"\n{test}: {len(outcomes) + len(crashes)} inputs, " + ", ".join(
        f"{counts[status]} {status}" for status in sorted(STATUSES)) + f", {len(crashes)} crashes")


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "fuzz.sqlite3")
    yield opened
    opened.close()


def test_mutated_files_are_each_added_or_refused_with_a_reason_and_the_store_stays_whole(store):
    originals = [store.add_bytes(f"original{extension}", data) for extension, data in valid_files()[::2]]
    assert all(outcome.stored for outcome in originals)
    before = store.list()
    outcomes, crashes = [], []
    for name, data, done in mutated_inputs(CASES, SEED):
        try:
            outcome = store.add_bytes(name, data)
        except Exception as error:  # noqa: BLE001 - counted, then reported all at once
            crashes.append((name, done, f"{type(error).__name__}: {error}"))
            continue
        check_outcome(outcome, name)
        outcomes.append(outcome)
    report("add_bytes", outcomes, crashes)
    assert crashes == []
    assert store.integrity_check() == "ok"
    rows = store.list()
    assert rows[: len(before)] == before  # the earlier rows intact
    stored = {outcome.article_id for outcome in outcomes + originals if outcome.stored}
    assert {row.id for row in rows} == stored
    assert {article.id for article in store.articles()} == stored  # every stored file reads again


def test_a_batch_of_mutated_files_from_disk_gives_each_file_one_outcome(store, tmp_path):
    inputs = mutated_inputs(max(CASES // 2, 10), SEED + 1)
    paths = []
    for name, data, _ in inputs:
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    outcomes = store.add_files(paths)
    report("add_files", outcomes, [])
    assert [outcome.source_name for outcome in outcomes] == [name for name, _, _ in inputs]
    for outcome, (name, _, _) in zip(outcomes, inputs):
        check_outcome(outcome, name)
    assert store.integrity_check() == "ok"
