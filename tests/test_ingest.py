"""Reading folders of article files into Article records."""

import hashlib
import logging
import shutil

import pytest

from briefing import ingest
from briefing.decoding import DecodingError
from briefing.ingest import article_id, parse_article, parse_files, read_article_file, read_folder
from briefing.records import IngestError
from support import FIXTURES_DIR, PROJECT_ROOT, SEEDS_DIR

SHARED_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"
#: The SHA-256 of each sample file as copied from the shared seeds: checked in any clone.
SAMPLE_SHA256 = {
    "000_8871d45ce03c33d8.txt": "1b5a25fc732e38f6943d73dc54cdf179a2967788eb90b913d08180b90da5cdd3",
    "001_8934f456c32fa2e6.txt": "51dcf053c271097bfa9d6fb04da6c5acf092ed050816bd14e236638a9bfc258b",
    "002_49cf2199bd229b9c.txt": "5cdc34e505d4848f7256b337138994349bdbec09b507b4d66ec49f409e1d8e66",
    "003_ea73050f650b9240.txt": "be88a8ff52c2da14632a86746c4a5e34c47f45a81bd3493c113e79c5e132bc50",
    "004_f1176771b0f5d702.txt": "b7d06b8e7c7a8f52f54fa2d41c6e151095a66f22302fd334bb54aa068280cdea",
}


def test_sample_corpus_files_have_their_recorded_checksums():
    files = [path for path in SEEDS_DIR.iterdir() if not path.name.startswith(".")]  # what seeding reads
    assert {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files} == SAMPLE_SHA256


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason=f"no shared seeds at {SHARED_SEEDS} (a clone outside the team's "
                                                      "layout): the checksums above still pin the sample")
def test_sample_corpus_is_the_shared_seeds_byte_for_byte():
    seeds = sorted(SHARED_SEEDS.iterdir())
    assert len(seeds) == 5
    for original in seeds:
        assert (SEEDS_DIR / original.name).read_bytes() == original.read_bytes()


def test_sample_folder_reads_five_articles_without_errors():
    articles, errors = read_folder(SEEDS_DIR)
    assert errors == []
    assert [a.source_file[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    assert all(a.encoding == "utf-8" and a.text and a.sentences for a in articles)


def test_article_id_follows_content_not_file_name(tmp_path):
    data = (FIXTURES_DIR / "no_title.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.md").write_bytes(data)
    (tmp_path / "c.txt").write_bytes(data + b"\nOne more sentence at the end.\n")
    articles, _ = read_folder(tmp_path)
    ids = [a.id for a in articles]
    assert ids[0] == ids[1] == article_id(data)
    assert ids[2] != ids[0]


def test_unreadable_files_are_reported_and_the_rest_is_read(tmp_path):
    shutil.copy(FIXTURES_DIR / "no_title.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "report.xlsx").write_bytes(b"PK not supported")
    (tmp_path / ".hidden.txt").write_text("ignored")
    articles, errors = read_folder(tmp_path)
    assert [a.source_file for a in articles] == ["good.txt"]
    messages = {e.source_file: e.message for e in errors}
    assert set(messages) == {"empty.txt", "binary.md", "report.xlsx"}
    assert "empty" in messages["empty.txt"]
    assert "binary" in messages["binary.md"]
    assert "unsupported file type '.xlsx'" in messages["report.xlsx"]


def test_file_over_the_size_limit_is_refused_without_being_read(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"x" * 2048)

    def fail_read(*args, **kwargs):
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(type(big), "read_bytes", fail_read)
    result = read_article_file(big, max_bytes=1024)
    assert isinstance(result, IngestError)
    assert "2,048 bytes, over the 1,024-byte limit" in result.message


def test_file_with_only_boilerplate_is_refused_with_a_reason():
    with pytest.raises(DecodingError, match="no article text was left after removing headers and boilerplate"):
        parse_article(b"Advertisement\n\nLeave a Reply\n", "promo.txt")


def test_encoding_used_is_recorded_on_the_article(tmp_path):
    text = (FIXTURES_DIR / "no_title.txt").read_text(encoding="utf-8") + "Café owners paid €5.\n"
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    articles, errors = read_folder(tmp_path)
    assert errors == []
    assert {a.source_file: a.encoding for a in articles} == {"wide.txt": "utf-16", "win.txt": "cp1252"}
    assert all("Café owners paid €5." in a.text for a in articles)


def fail_on_marked_text(monkeypatch, marker: str = "MARKED") -> None:
    """Make cleaning (our own code, past the parsers) raise on a text holding ``marker``: a stand-in for a bug."""
    clean_text = ingest.clean_text

    def failing(text):
        if marker in text:
            raise RuntimeError("a bug in our own code")
        return clean_text(text)

    monkeypatch.setattr(ingest, "clean_text", failing)


def test_an_internal_error_on_one_file_refuses_it_logs_the_traceback_and_the_rest_is_read(tmp_path, monkeypatch, caplog):
    good = (FIXTURES_DIR / "no_title.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(good)
    (tmp_path / "b.txt").write_bytes(b"MARKED " + good)
    (tmp_path / "c.md").write_bytes(good)
    fail_on_marked_text(monkeypatch)
    with caplog.at_level(logging.ERROR, logger="briefing.ingest"):
        articles, errors = read_folder(tmp_path)
    assert [a.source_file for a in articles] == ["a.txt", "c.md"]
    assert errors == [IngestError("b.txt", "could not be read: internal error RuntimeError")]
    (record,) = caplog.records
    assert "b.txt" in record.getMessage() and "a bug in our own code" in caplog.text  # the traceback is logged


def test_parse_files_turns_an_internal_error_into_that_files_refusal(monkeypatch):
    good = (FIXTURES_DIR / "no_title.txt").read_bytes()
    fail_on_marked_text(monkeypatch)
    results = parse_files([(good, "a.txt"), (b"MARKED " + good, "b.txt")], workers=1)
    assert results[0].source_file == "a.txt" and results[0].text
    assert results[1] == IngestError("b.txt", "could not be read: internal error RuntimeError")
