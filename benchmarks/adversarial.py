"""Per-article time on adversarial texts, next to a normal article, at doubling sizes.

    .venv/bin/python benchmarks/adversarial.py [--sizes 25 50 100 200] [--max-seconds 60]
    .venv/bin/python benchmarks/adversarial.py --profile quotes_straight 100

Each kind of text is built to the given sizes (KB) and run through the whole per-article path the
pipeline runs on a file, with the cyclic collector paused as there: ``ingest.parse_article``
(decoding, cleaning, metadata, sentences, language) and, for an English article,
``article_analysis`` (speakers, quotes, positions, commitment mentions, keyword tokens). Every run
is in a forked process given ``--max-seconds``: one that takes longer is stopped and reported as
over the budget, and the larger sizes of that kind are not tried. A normal article (a sample
article repeated to the same size) is the reference.

The table gives seconds per MB of text for each kind and size, and the growth per doubling (the
time at twice the size over the time at the size: 2 is linear, 4 quadratic). Results go to
benchmarks/results/adversarial.md (or ``--output``). Timings are compared only within one run: the
machines are shared and noisy. ``--profile KIND KB`` prints the top of a cProfile of one run.
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import os
import platform
import pstats
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import config  # noqa: E402
from briefing.article_analysis import parse_and_analyse  # noqa: E402
from briefing.collector import collector_paused  # noqa: E402
from briefing.scenario import load_scenario  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
SAMPLE = ROOT / "data" / "articles" / "000_8871d45ce03c33d8.txt"

#: An English opening, so that the language check lets every adversarial text through to the analysis.
LEAD = ("US and China agree to talks\n\nBEIJING (AP) — U.S. Commerce Secretary Gina Raimondo said on Tuesday "
        "that the two governments agreed to hold talks on export controls, and Chinese Premier Li Qiang said "
        "China would respond.\n\n")


def _repeated(unit: str, size: int, joiner: str = "") -> str:
    """``unit`` repeated (with ``joiner`` between) until the text is ``size`` characters long."""
    count = max(1, size // (len(unit) + len(joiner)))
    return joiner.join([unit] * count)


def _numbered(template: str, size: int, joiner: str = " ") -> str:
    """``template`` with ``{n}`` filled by successive numbers, repeated to ``size`` characters."""
    parts, length, number = [], 0, 0
    while length < size:
        part = template.format(n=number)
        parts.append(part)
        length += len(part) + len(joiner)
        number += 1
    return joiner.join(parts)


def _sample_repeated(size: int) -> str:
    """The sample article's paragraphs repeated to ``size`` characters, each copy's marked with its
    number: cleaning drops a paragraph seen before (a duplicated caption), so exact copies would vanish."""
    paragraphs = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    copies, length, copy = [], 0, 0
    while length < size:
        copies.extend(f"{paragraph} (Copy {copy}.)" if copy else paragraph for paragraph in paragraphs)
        length = sum(map(len, copies)) + 2 * len(copies)
        copy += 1
    return "\n\n".join(copies)


#: Each kind's body of about ``size`` characters, in one sentence unless said. The LEAD goes before it
#: and ISSUE opens it, so every sentence names an issue and goes through every extractor.
KINDS: dict[str, Callable[[int], str]] = {
    "normal (sample article repeated)": _sample_repeated,
    "quotes_straight": lambda size: _repeated('the minister said "it is a test of the" and ', size),
    "quotes_curly": lambda size: _repeated("the minister said “it is a test of the” and ", size),
    "quotes_straight_unbalanced": lambda size: _repeated('the minister said "it is a test of the and ', size),
    "quotes_curly_opening_only": lambda size: _repeated("the minister said “it is a test of the and ", size),
    "quotes_single_only": lambda size: _repeated("the minister's ‘view of the’ and ‘the China’s’ and ", size),
    "quotes_in_own_sentences": lambda size: _numbered('"It is test {n} of the talks," he said.', size),
    "no_punctuation": lambda size: _repeated(re.sub(r"[^\w\s]", "", _sample_repeated(size)).replace("\n", " "), size),
    "speech_verbs_bare": lambda size: _repeated("said ", size),
    "speech_verbs_clauses": lambda size: _repeated("the trade talks went on, Raimondo said, ", size),
    "speech_verbs_reported": lambda size: _repeated("Raimondo said that Wang said that Li expressed concerns about tariffs and ", size),
    "pronoun_speakers": lambda size: _repeated("he said that she told them that it said and ", size),
    "requests_without_target": lambda size: _repeated("an appeal by the Chinese leaders and a request from ", size),
    "names_and_titles": lambda size: _repeated("Commerce Secretary Gina Raimondo, Chinese Premier Li Qiang and U.S. Ambassador Nicholas Burns of the ", size),
    "commitment_items": lambda size: "the two sides agreed to " + _repeated("hold talks on tariffs and ", size),
    "issue_and_commitment_cues": lambda size: _repeated("the sides agreed to establish a working group on export controls, tariffs, sanctions, chips and the ", size),
    "single_paragraph": lambda size: _sample_repeated(size).replace("\n\n", " "),
    "short_lines": lambda size: _numbered("the talks {n}", size, "\n"),
    "transcript_turns": lambda size: _numbered("Q: What of tariffs {n}?\nRAIMONDO: We said tariffs {n} matter.", size, "\n"),
    "nested_brackets_quotes": lambda size: _repeated("(the “‘[the “(‘", size // 2) + _repeated("’)” the]’” the)", size // 2),
    "markdown_residue": lambda size: _repeated("**the [talks of the ](and **the ", size),
    "unclosed_brackets": lambda size: _repeated("[the ![talks ", size),
    "long_word": lambda size: "the talks of the " + "a" * size,
    "abbreviations": lambda size: _repeated("Mr. U.S. No. Aug. the a.m. Gen. ", size),
}

#: What every adversarial body opens with: an issue's cue, so the sentence is searched for positions.
ISSUE = "On export controls and tariffs "


def article_bytes(kind: str, kilobytes: int) -> bytes:
    body = KINDS[kind](kilobytes * 1000)
    text = body if kind.startswith("normal") else LEAD + ISSUE + body + ".\n"
    return text.encode("utf-8")


def _timed_run(data: bytes, name: str, results) -> None:
    scenario = load_scenario(config.SCENARIO_FILE)  # read and built in the parent (see warm_up)
    start = time.perf_counter()
    with collector_paused():  # as the pipeline's workers run each batch (briefing.parallel)
        [(article, findings)] = parse_and_analyse(scenario, [(data, name)])
    elapsed = time.perf_counter() - start
    language = getattr(article, "language", "refused")
    counts = (len(findings.quotes), len(findings.positions), len(findings.mentions)) if findings else None
    notes = getattr(findings, "notes", ())  # findings carry no notes in code older than the bounds
    results.put((elapsed, language, counts, len(notes)))


def warm_up() -> None:
    """One small normal article analysed before any fork, so no run pays for building the scenario's tables."""
    parse_and_analyse(load_scenario(config.SCENARIO_FILE), [(article_bytes(next(iter(KINDS)), 5), "warm-up.txt")])


def measure(kind: str, kilobytes: int, max_seconds: float) -> dict:
    """One run of the per-article path in a forked process, stopped after ``max_seconds``."""
    data = article_bytes(kind, kilobytes)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=_timed_run, args=(data, f"{kind}.txt", results))
    process.start()
    process.join(max_seconds)
    if process.is_alive():
        process.kill()
        process.join()
        return {"kind": kind, "kb": kilobytes, "mb": len(data) / 1e6, "seconds": None}
    elapsed, language, counts, notes = results.get(timeout=10)  # a run that failed put nothing: queue.Empty
    return {"kind": kind, "kb": kilobytes, "mb": len(data) / 1e6, "seconds": elapsed,
            "language": language, "counts": counts, "notes": notes}


def profile(kind: str, kilobytes: int) -> None:
    scenario = load_scenario(config.SCENARIO_FILE)
    data = article_bytes(kind, kilobytes)
    profiler = cProfile.Profile()
    with collector_paused():
        profiler.runcall(parse_and_analyse, scenario, [(data, f"{kind}.txt")])
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


def markdown(rows: list[dict], sizes: list[int], max_seconds: float) -> str:
    lines = [
        "# Per-article time on adversarial texts",
        "",
        f"Seconds per MB of text for the whole per-article path (parse and analyse), per size; "
        f"growth = time at twice the size over time at the size (2 is linear, 4 quadratic). "
        f"'> {max_seconds:g} s' = stopped at the budget. {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} CPUs, {platform.python_version()}.",
        "",
        "| kind | " + " | ".join(f"{size} KB s/MB" for size in sizes) + " | growth per doubling | language | notes |",
        "|---|" + "---:|" * len(sizes) + "---|---|---:|",
    ]
    for kind in KINDS:
        runs = {row["kb"]: row for row in rows if row["kind"] == kind}
        cells = []
        for size in sizes:
            row = runs.get(size)
            if row is None:
                cells.append("not run")
            elif row["seconds"] is None:
                cells.append(f"> {max_seconds:g} s")
            else:
                cells.append(f"{row['seconds'] / row['mb']:.2f}")
        growth = [runs[b]["seconds"] / runs[a]["seconds"] for a, b in zip(sizes, sizes[1:])
                  if runs.get(a, {}).get("seconds") and runs.get(b, {}).get("seconds") and b == 2 * a]
        measured = [row for row in runs.values() if row["seconds"] is not None]
        last = measured[-1] if measured else {}
        lines.append(f"| {kind} | " + " | ".join(cells) + f" | {' '.join(f'{g:.1f}' for g in growth) or '–'} | "
                     f"{last.get('language', '–')} | {last.get('notes', '–')} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100, 200], help="text sizes in KB")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="budget per run; longer runs are stopped")
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS))
    parser.add_argument("--output", type=Path, default=RESULTS / "adversarial.md")
    parser.add_argument("--profile", nargs=2, metavar=("KIND", "KB"), help="print a cProfile of one run instead")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile[0], int(args.profile[1]))
        return 0
    warm_up()
    rows = []
    for kind in args.kinds:
        for size in sorted(args.sizes):
            row = measure(kind, size, args.max_seconds)
            rows.append(row)
            seconds = "over budget" if row["seconds"] is None else f"{row['seconds']:.3f} s ({row['seconds'] / row['mb']:.2f} s/MB)"
            print(f"{kind:<34} {size:>5} KB  {seconds}", flush=True)
            if row["seconds"] is None:
                break  # a larger text of this kind would take longer still
    report = markdown(rows, sorted(args.sizes), args.max_seconds)
    args.output.parent.mkdir(exist_ok=True)
    args.output.write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
