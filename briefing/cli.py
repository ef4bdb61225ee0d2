"""Command line: ``python -m briefing analyze <folder> --json <out.json>``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.bundle import write_bundle
from briefing.pipeline import analyze_folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m briefing", description="Analyse news coverage of US–China talks.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze",
        help="analyse a folder of article files and write the analysis bundle",
        description="Read every article file (.txt, .md) in FOLDER and write the analysis bundle as JSON.",
    )
    analyze.add_argument("folder", type=Path, help="folder holding the article files")
    analyze.add_argument("--json", dest="json_path", type=Path, required=True, help="where to write the bundle")
    return parser


def run_analyze(folder: Path, json_path: Path) -> int:
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return 2
    analysis = analyze_folder(folder)
    for error in analysis.errors:
        print(f"skipped {error.source_file}: {error.message}", file=sys.stderr)
    if not analysis.articles:
        print(f"error: no readable article files in {folder}", file=sys.stderr)
        return 1
    write_bundle(analysis, json_path)
    print(f"analysed {len(analysis.articles)} articles ({len(analysis.errors)} skipped) -> {json_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_analyze(args.folder, args.json_path)
