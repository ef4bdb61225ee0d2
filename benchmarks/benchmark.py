"""Benchmark the analysis at scale against a bare TF-IDF floor, in one run.

    .venv/bin/python benchmarks/benchmark.py [--sizes 500 2000 8000] [--repeats 3]

For each size N, a fresh process reads N articles from the scale corpus (repeating it with new ids
past its end), then times, alternating, a bare ``TfidfVectorizer().fit_transform`` on the same
texts (the floor) and the full pipeline as the dashboard runs it on a store read afresh: every
file parsed from its bytes and its article analysed where it was parsed (``pipeline.read_files``),
then ``analyze_articles`` for the work across articles. Medians are reported with the two parts,
articles per second, the full/floor ratio, the 8,000 vs 2,000 growth ratio and peak RSS. Results go to benchmarks/results/ as
Markdown and JSON. Timings are compared only within one run: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
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


def measure(size: int, repeats: int, workers: int) -> dict:
    """Run in a child process: time the floor and the pipeline on ``size`` articles."""
    sys.path.insert(0, str(ROOT))
    from sklearn.feature_extraction.text import TfidfVectorizer

    from briefing.pipeline import _PER_ARTICLE, analyze_articles, read_files

    data = load_texts(size)
    texts = [item.decode("utf-8") for item in data]
    files = [(item, f"{number}.txt") for number, item in enumerate(data)]
    start = time.perf_counter()
    analyze_articles(read_files(files[:400], workers), workers=workers)  # starts the worker pool
    warm_up = time.perf_counter() - start
    floors, fulls, per_article = [], [], []
    for _ in range(repeats):
        _PER_ARTICLE.clear()  # every repeat does all the work
        gc.collect()  # the floor runs on the same clean heap each time, never beside a kept analysis
        start = time.perf_counter()
        TfidfVectorizer().fit_transform(texts)
        floors.append(time.perf_counter() - start)
        start = time.perf_counter()
        articles = [item for item in read_files(files, workers) if not hasattr(item, "message")]
        read = time.perf_counter()
        analysis = analyze_articles(articles, workers=workers)
        fulls.append(time.perf_counter() - start)
        per_article.append(read - start)
        counts = {"analysed": len(analysis.articles), "quotes": len(analysis.quotes),
                  "positions": len(analysis.positions), "commitments": len(analysis.commitments)}
        del articles, analysis
    return {
        "articles": size, "workers": workers, **counts,
        "floor_s": statistics.median(floors), "full_s": statistics.median(fulls),
        "per_article_s": statistics.median(per_article), "repeats": repeats, "warm_up_s": warm_up,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": max(_descendant_peak_rss_mb(), default=0),
    }


def _descendant_peak_rss_mb() -> list[float]:
    """Peak RSS of each live process below this one (the worker pool and its forkserver), from /proc."""
    status = {}
    for path in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in path.read_text().splitlines() if ":" in line)
        except OSError:
            continue  # the process ended while we looked
        status[int(path.parent.name)] = (int(fields["PPid"]), int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)
    below, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, (parent, _) in status.items() if parent in frontier} - below
        below |= frontier
    return [status[pid][1] for pid in below]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 8000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[os.cpu_count() or 1],
                        help="worker process counts to compare (default: one per CPU)")
    parser.add_argument("--child", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], args.repeats, args.child[1])))
        return 0
    if not CORPUS.is_file():
        print(f"error: the scale corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    rows = [_run_child(size, workers, args.repeats) for workers in args.workers for size in args.sizes]
    report = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": platform.platform(),
              "cpus": os.cpu_count(), "rows": rows, "growth_8000_vs_2000": _growth(rows)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "benchmark.json").write_text(json.dumps(report, indent=2))
    markdown = _markdown(report, args.repeats)
    (RESULTS / "benchmark.md").write_text(markdown)
    print(markdown)
    return 0


def _run_child(size: int, workers: int, repeats: int) -> dict:
    # A fresh process per row: peak memory and caches belong to that size alone.
    result = subprocess.run([sys.executable, __file__, "--child", str(size), str(workers), "--repeats", str(repeats)],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    row = json.loads(result.stdout.strip().splitlines()[-1])
    row["articles_per_s"] = row["articles"] / row["full_s"]
    row["full_over_floor"] = row["full_s"] / row["floor_s"]
    print(f"{size:>6} articles, {workers} worker(s): full {row['full_s']:.2f} s (per article {row['per_article_s']:.2f} s), "
          f"floor {row['floor_s']:.2f} s, ratio {row['full_over_floor']:.1f}, peak {row['peak_rss_mb']:.0f} MB",
          flush=True)
    return row


def _growth(rows: list[dict]) -> dict[int, float]:
    """Time at 8,000 articles over time at 2,000, per worker count."""
    by_key = {(row["workers"], row["articles"]): row["full_s"] for row in rows}
    return {workers: by_key[(workers, 8000)] / by_key[(workers, 2000)]
            for workers, size in by_key if size == 2000 and (workers, 8000) in by_key}


def _markdown(report: dict, repeats: int) -> str:
    lines = ["| articles | workers | full (s) | of which per article (s) | floor TF-IDF (s) | full / floor | articles/s "
             "| peak RSS main / worker (MB) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['articles']:,} | {r['workers']} | {r['full_s']:.2f} | {r['per_article_s']:.2f} | {r['floor_s']:.2f} | "
              f"{r['full_over_floor']:.1f} | {r['articles_per_s']:.0f} | {r['peak_rss_mb']:.0f} / "
              f"{r['worker_peak_rss_mb']:.0f} |" for r in report["rows"]]
    for workers, growth in report["growth_8000_vs_2000"].items():
        lines.append(f"\nGrowth 2,000 → 8,000 articles with {workers} worker(s): {growth:.2f}× the time "
                     "(linear would be 4×).")
    lines.append(f"\nMedian of {repeats} runs per row, {report['when']}, {report['cpus']} CPUs. \"Per article\" is reading "
                 "the files: parsing each and analysing its article (`pipeline.read_files`); the rest is the work "
                 "across articles (`analyze_articles`). The worker pool is started before timing (once per process, "
                 "as in the dashboard).")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
