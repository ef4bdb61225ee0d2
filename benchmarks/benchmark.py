"""Benchmark the analysis at scale against a bare TF-IDF floor, in one run.

    .venv/bin/python benchmarks/benchmark.py [--sizes 500 2000 8000] [--repeats 3]

For each size N, a fresh process reads N articles from the scale corpus (repeating it with new ids
past its end), then times, alternating, a bare ``TfidfVectorizer().fit_transform`` on the same
texts (the floor) and the full pipeline (parse every article from its bytes, then
``analyze_articles``). Medians are reported with articles per second, the full/floor ratio, the
8,000 vs 2,000 growth ratio and the process's peak RSS. Results go to benchmarks/results/ as
Markdown and JSON. Timings are compared only within one run: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "news-21k.jsonl"
RESULTS = Path(__file__).resolve().parent / "results"


def load_texts(size: int) -> list[bytes]:
    """``size`` article files' bytes from the scale corpus, repeated with new ids when needed."""
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    texts = []
    for index in range(size):
        row = rows[index % len(rows)]
        copy = index // len(rows)
        suffix = f"\n\n(Repeat {copy} of item {row['id']}.)" if copy else ""
        texts.append(f"{row['title']}\n\n{row['text']}{suffix}\n".encode("utf-8"))
    return texts


def measure(size: int, repeats: int) -> dict:
    """Run in a child process: time the floor and the pipeline on ``size`` articles."""
    sys.path.insert(0, str(ROOT))
    from sklearn.feature_extraction.text import TfidfVectorizer

    from briefing.ingest import parse_article
    from briefing.pipeline import _PER_ARTICLE, analyze_articles

    data = load_texts(size)
    texts = [item.decode("utf-8") for item in data]
    floors, fulls, articles = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        TfidfVectorizer().fit_transform(texts)
        floors.append(time.perf_counter() - start)
        _PER_ARTICLE.clear()  # every repeat does all the work
        start = time.perf_counter()
        articles = []
        for number, item in enumerate(data):
            try:
                articles.append(parse_article(item, f"{number}.txt"))
            except ValueError:
                pass
        analysis = analyze_articles(articles)
        fulls.append(time.perf_counter() - start)
    return {
        "articles": size, "analysed": len(analysis.articles), "floor_s": statistics.median(floors),
        "full_s": statistics.median(fulls), "repeats": repeats,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "quotes": len(analysis.quotes), "positions": len(analysis.positions), "commitments": len(analysis.commitments),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 8000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.repeats)))
        return 0
    if not CORPUS.is_file():
        print(f"error: the scale corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    rows = []
    for size in args.sizes:
        result = subprocess.run([sys.executable, __file__, "--child", str(size), "--repeats", str(args.repeats)],
                                capture_output=True, text=True, check=True, cwd=ROOT)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        row["articles_per_s"] = row["articles"] / row["full_s"]
        row["full_over_floor"] = row["full_s"] / row["floor_s"]
        rows.append(row)
        print(f"{size:>6} articles: full {row['full_s']:.2f} s, floor {row['floor_s']:.2f} s, "
              f"ratio {row['full_over_floor']:.1f}, {row['articles_per_s']:.0f} articles/s, "
              f"peak {row['peak_rss_mb']:.0f} MB", flush=True)
    by_size = {row["articles"]: row for row in rows}
    growth = by_size[8000]["full_s"] / by_size[2000]["full_s"] if {2000, 8000} <= set(by_size) else None
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.platform(),
              "cpus": __import__("os").cpu_count(), "rows": rows, "growth_8000_vs_2000": growth}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "benchmark.json").write_text(json.dumps(report, indent=2))
    lines = ["| articles | full (s) | floor TF-IDF (s) | full / floor | articles/s | peak RSS (MB) |",
             "|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['articles']:,} | {r['full_s']:.2f} | {r['floor_s']:.2f} | {r['full_over_floor']:.1f} | "
              f"{r['articles_per_s']:.0f} | {r['peak_rss_mb']:.0f} |" for r in rows]
    if growth:
        lines.append(f"\nGrowth 2,000 → 8,000 articles: {growth:.2f}× the time (linear would be 4×).")
    lines.append(f"\nMedian of {args.repeats} runs per size, {report['when']}, {report['cpus']} CPUs.")
    (RESULTS / "benchmark.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
