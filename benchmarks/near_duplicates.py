"""Benchmark near-duplicate detection on many tiny articles that share one sentence (issue 15, item 2).

    .venv/bin/python benchmarks/near_duplicates.py [--sizes 1000 2000 4000 8000] [--adds 2000 10000]
                                                   [--budget 120]

Two kinds of tiny article, each the same sentence plus a few words of its own:
"copies" (two words of its own: every pair is a near-duplicate, Jaccard 0.81) and "distinct"
(twelve words of its own: no pair is, Jaccard 0.41, and the sizes alone cannot rule a pair out).
For each kind it times the corpus-wide story grouping (``story_groups`` on shingles computed
beforehand, as the analysis does) at each size, and adding articles one by one to a Store in a
temporary folder (``Store.add_bytes``: exact-duplicate check, parse, near-duplicate check, insert),
reporting the time at each checkpoint and the growth per doubling (2.0 is linear, 4.0 quadratic).
A series stops once it has run for ``--budget`` seconds, so a quadratic "before" run stays
bounded. Results go to benchmarks/results/near_duplicates.md. Timings compare within one run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.duplicates import shingle_hashes, story_groups  # noqa: E402
from briefing.ingest import parse_article  # noqa: E402
from briefing.storage import Store  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
SHARED_SENTENCE = ("The two governments agreed on Monday to hold regular talks on trade, export controls and "
                   "investment rules in Beijing.")
WORDS = ("trade tariffs chips export controls ministers talks Beijing Washington agreed officials market "
         "investment security companies meeting working group technology supply chain sanctions visit "
         "dialogue minister secretary premier economy growth policy rules transparency cooperation").split()
OWN_WORDS = {"copies": 2, "distinct": 12}


def tiny_article(kind: str, number: int) -> bytes:
    """The shared sentence and a few words of this article's own (random, seeded by ``number``)."""
    rng = random.Random(number)
    own = " ".join(rng.choice(WORDS) for _ in range(OWN_WORDS[kind]))
    return f"Brief {number}\n\n{SHARED_SENTENCE} Officials said {own} ({number}).\n".encode()


def time_grouping(kind: str, size: int) -> dict:
    articles = [parse_article(tiny_article(kind, number), f"{kind}-{number}.txt") for number in range(size)]
    hashes = {article.id: shingle_hashes(article.text) for article in articles}
    start = time.perf_counter()
    groups = story_groups(articles, hashes)
    seconds = time.perf_counter() - start
    return {"size": size, "seconds": seconds, "stories": len(set(groups.values()))}


def time_adds(kind: str, checkpoints: list[int], budget: float) -> list[dict]:
    """Add articles one by one; the time since the first add at each checkpoint reached in budget,
    and the mean time of an add since the checkpoint before."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "adds.sqlite3")
        statuses: dict[str, int] = {}
        start = time.perf_counter()
        for number in range(max(checkpoints)):
            outcome = store.add_bytes(f"{kind}-{number}.txt", tiny_article(kind, number))
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            elapsed = time.perf_counter() - start
            stopped = elapsed > budget and number + 1 < max(checkpoints)
            if number + 1 in checkpoints or stopped:
                last = rows[-1] if rows else {"size": 0, "seconds": 0.0}
                rows.append({"size": number + 1, "seconds": elapsed, "statuses": dict(statuses), "stopped": stopped,
                             "stretch_ms": 1000 * (elapsed - last["seconds"]) / (number + 1 - last["size"])})
                print(f"adds     {kind:<8} {number + 1:>6,} articles: {elapsed:.1f} s", flush=True)
            if stopped:
                break
        store.close()
    return rows


def run_with_budget(kind: str, sizes: list[int], budget: float) -> list[dict]:
    """Time the grouping at each size; once one took over a quarter of the budget, the larger ones
    are skipped (were the growth quadratic, the next would take the whole budget)."""
    rows = []
    for size in sizes:
        if not rows or rows[-1]["seconds"] is not None and rows[-1]["seconds"] <= budget / 4:
            row = time_grouping(kind, size)
            print(f"grouping {kind:<8} {size:>6,} articles: {row['seconds']:.3f} s, {row['stories']:,} stories", flush=True)
        else:
            row = {"size": size, "seconds": None}
        rows.append(row)
    return rows


def _growth(rows: list[dict], row: dict) -> str:
    half = next((other for other in rows if other["size"] * 2 == row["size"] and other.get("seconds")), None)
    return f"{row['seconds'] / half['seconds']:.2f}×" if half and row.get("seconds") else "–"


def _table(title: str, header: list[str], lines: list[str]) -> list[str]:
    return ["", f"## {title}", "", "| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1), *lines]


def _markdown(grouping: dict[str, list[dict]], adds: dict[str, list[dict]], budget: float) -> str:
    grouped = [f"| {kind} | {row['size']:,} | "
               + (f"{row['seconds']:.3f} | {_growth(rows, row)} | {row['stories']:,}" if row["seconds"] is not None
                  else "skipped (budget) | – | –") + " |"
               for kind, rows in grouping.items() for row in rows]
    added = [f"| {kind} | {row['size']:,}{' (budget reached)' if row['stopped'] else ''} | {row['seconds']:.1f} | "
             f"{row['stretch_ms']:.2f} | {_growth(rows, row)} | "
             + ", ".join(f"{count:,} {status}" for status, count in sorted(row["statuses"].items())) + " |"
             for kind, rows in adds.items() for row in rows]
    return "\n".join([
        "# Near-duplicates on many tiny articles sharing one sentence",
        "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, budget {budget:.0f} s per series. "
        "Growth: time over the time at half the size (2.0× linear, 4.0× quadratic).",
        *_table("Corpus-wide story grouping (`story_groups`)",
                ["kind", "articles", "seconds", "growth per doubling", "stories"], grouped),
        *_table("Adding them one by one to a Store (`Store.add_bytes`)",
                ["kind", "articles added", "seconds since the first", "ms per add since the row before",
                 "growth per doubling", "outcomes"], added),
    ]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--adds", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 10000])
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per series before it stops")
    parser.add_argument("--output", type=Path, default=RESULTS / "near_duplicates.md")
    args = parser.parse_args()
    grouping = {kind: run_with_budget(kind, args.sizes, args.budget) for kind in OWN_WORDS}
    adds = {kind: time_adds(kind, args.adds, args.budget) for kind in OWN_WORDS}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(_markdown(grouping, adds, args.budget), encoding="utf-8")
    print(f"-> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
