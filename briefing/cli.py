"""Command line.

    python -m briefing analyze <folder> --json <out.json>   analyse a folder, write the bundle
    python -m briefing add <files...>                        add files to the corpus store
    python -m briefing list [--all]                          list the stored articles
    python -m briefing remove <id> / restore <id>            delete (soft) or restore an article
    python -m briefing report --format md|html|pdf|docx -o FILE [filters]   write the briefing note
    python -m briefing evaluate [FOLDER ...] [--split dev|test|all] [--json OUT]   score the analysis against gold
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from briefing import config
from briefing.bundle import write_bundle
from briefing.evaluate import (GOLD_FILE, SPLITS, GoldError, episode_folders, evaluation_report, evaluation_table,
                               load_episode, score_episode)
from briefing.filters import Filters, apply_filters
from briefing.pipeline import analyze_folder, analyze_store
from briefing.report import FORMATS, build_briefing, render
from briefing.scenario import SIDE_OTHER, Scenario, ScenarioError, load_scenario
from briefing.storage import Store
from briefing.wording import plural

#: The labelled set scored by default (see its README for the dev and test halves).
LABELLED_DIR = config.PROJECT_ROOT / "tests" / "labelled"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m briefing", description="Analyse news coverage of US–China talks.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze",
        help="analyse a folder of article files and write the analysis bundle",
        description="Read every article file (.txt, .md, .html, .pdf, .docx) in FOLDER and write the analysis "
                    "bundle as JSON.",
    )
    analyze.add_argument("folder", type=Path, help="folder holding the article files")
    analyze.add_argument("--json", dest="json_path", type=Path, required=True, help="where to write the bundle")
    store_help = f"the corpus database (default: $BRIEFING_DB or {config.DATABASE_PATH})"
    add = commands.add_parser("add", help="add article files to the corpus store",
                              description="Add files to the corpus store; prints one outcome line per file.")
    add.add_argument("files", nargs="+", type=Path, help="article files (.txt, .md, .html, .pdf, .docx)")
    listing = commands.add_parser("list", help="list the stored articles")
    listing.add_argument("--all", action="store_true", help="include deleted articles")
    for name, what in (("remove", "delete an article (it can be restored)"), ("restore", "restore a deleted article")):
        command = commands.add_parser(name, help=what)
        command.add_argument("id", help="the article id (see list)")
    report = commands.add_parser(
        "report", help="write the briefing note (md, html, pdf, docx)",
        description="Write the briefing note for the corpus store (or a folder), with the dashboard's filters.")
    report.add_argument("--format", choices=FORMATS, required=True, help="output format")
    report.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    report.add_argument("--folder", type=Path, help="analyse this folder instead of the corpus store")
    report.add_argument("--from", dest="date_from", help="earliest publication date (YYYY-MM-DD)")
    report.add_argument("--to", dest="date_to", help="latest publication date (YYYY-MM-DD)")
    report.add_argument("--exclude-undated", action="store_true", help="leave out articles without a date")
    report.add_argument("--outlet", action="append", default=[], help="only this outlet (repeatable)")
    report.add_argument("--article", action="append", default=[], help="only this article id (repeatable)")
    report.add_argument("--side", action="append", default=[],
                        help="only this side's quotes and positions: a side of the scenario, or other (repeatable)")
    report.add_argument("--issue", action="append", default=[], help="only this issue id (repeatable)")
    evaluate = commands.add_parser(
        "evaluate", help="score the analysis against a labelled set (gold)",
        description="Analyse each labelled episode folder on its own and score it against its gold.json: "
                    "commitments, quotes, positions, outlet and date. Prints a table; --json writes the scores.")
    evaluate.add_argument("folders", nargs="*", type=Path, metavar="FOLDER",
                          help=f"an episode folder, a folder of episodes, or a labelled set holding "
                               f"{'/'.join(SPLITS)} (default: {LABELLED_DIR})")
    evaluate.add_argument("--split", choices=(*SPLITS, "all"), default="test",
                          help="which half of a labelled set to score (default: test)")
    evaluate.add_argument("--json", dest="json_path", type=Path, help="where to write the scores as JSON")
    for command in (add, listing, report, *[commands.choices[n] for n in ("remove", "restore")]):
        command.add_argument("--db", type=Path, default=None, help=store_help)
    return parser


def run_report(args: argparse.Namespace) -> int:
    for value in filter(None, (args.date_from, args.date_to)):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            print(f"error: '{value}' is not a date in the form YYYY-MM-DD", file=sys.stderr)
            return 2
    scenario = load_scenario(config.SCENARIO_FILE)
    unknown = _unknown_filter_values(args, scenario)
    if unknown:
        print(f"error: {unknown}", file=sys.stderr)
        return 2
    if args.folder:
        if not args.folder.is_dir():
            print(f"error: {args.folder} is not a folder", file=sys.stderr)
            return 2
        analysis = analyze_folder(args.folder, scenario)
    else:
        store = _seeded_store(args.db)
        analysis = analyze_store(store, scenario)
        store.close()
    filters = Filters(args.date_from, args.date_to, not args.exclude_undated, tuple(args.outlet),
                      tuple(args.article), tuple(args.side), tuple(args.issue))
    document = build_briefing(apply_filters(analysis, filters), scenario, filters)
    args.output.write_bytes(render(document, args.format))
    print(f"wrote {args.output} ({args.format}, {len(document.sources)} sources)")
    return 0


def run_evaluate(folders: list[Path], split: str, json_path: Path | None) -> int:
    scenario = load_scenario(config.SCENARIO_FILE)
    scores = {}
    for folder in folders or [LABELLED_DIR]:
        if not folder.is_dir():
            print(f"error: {folder} is not a folder", file=sys.stderr)
            return 2
        episodes = episode_folders(folder, split)
        if not episodes:
            print(f"error: no labelled episodes (folders with {GOLD_FILE}) in {folder} for split {split}",
                  file=sys.stderr)
            return 2
        for episode_folder in episodes:
            try:
                episode = load_episode(episode_folder, scenario)
            except GoldError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
            analysis = analyze_folder(episode_folder, scenario)
            for error in analysis.errors:
                if error.source_file != GOLD_FILE:
                    print(f"skipped {episode.name}/{error.source_file}: {error.message}", file=sys.stderr)
            # Episodes are named by their folders; one of the same name in another split keeps it.
            name = episode.name if episode.name not in scores else f"{episode_folder.parent.name}/{episode.name}"
            scores[name] = score_episode(episode, analysis)
    print(evaluation_table(scores))
    if json_path:
        json_path.write_text(json.dumps(evaluation_report(scores), indent=2), encoding="utf-8")
        print(f"wrote {json_path}")
    return 0


def _unknown_filter_values(args: argparse.Namespace, scenario: Scenario) -> str | None:
    """What is wrong with the ``--side`` and ``--issue`` values, with the valid ones; None if nothing."""
    for option, given, valid in (("--side", args.side, (*scenario.side_ids, SIDE_OTHER)),
                                 ("--issue", args.issue, tuple(issue.id for issue in scenario.issues))):
        unknown = [value for value in given if value not in valid]
        if unknown:
            return f"{option} {', '.join(map(repr, unknown))}: not in the scenario; choose from {', '.join(valid)}"
    return None


def _seeded_store(database: Path | None) -> Store:
    """The corpus store, filled from the sample folder on first use as the dashboard's is."""
    store = Store(database or config.DATABASE_PATH)
    store.seed_from_folder(config.ARTICLES_DIR)
    return store


def run_analyze(folder: Path, json_path: Path) -> int:
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return 2
    analysis = analyze_folder(folder)
    for error in analysis.errors:
        print(f"skipped {error.source_file}: {error.message}", file=sys.stderr)
    for article in analysis.not_analysed:
        print(f"not analysed {article.source_file}: not in English", file=sys.stderr)
    if not analysis.articles:
        print(f"error: no readable article files in {folder}", file=sys.stderr)
        return 1
    write_bundle(analysis, json_path)
    print(f"analysed {len(analysis.articles)} articles ({len(analysis.errors)} skipped) -> {json_path}")
    return 0


def run_add(store: Store, files: list[Path]) -> int:
    """Add files one by one, printing each outcome; progress on stderr when it is a terminal."""
    missing = [f for f in files if not f.is_file()]
    for path in missing:
        print(f"refused  {path.name}: not a file", flush=True)
    present = [f for f in files if f.is_file()]
    counts: dict[str, int] = {}
    for done, path in enumerate(present, start=1):
        (outcome,) = store.add_files([path])
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        print(f"{outcome.status:<8} {outcome.source_name}: {outcome.message}"
              + (f" [{outcome.article_id}]" if outcome.article_id else ""), flush=True)
        if sys.stderr.isatty():
            print(f"\r{_bar(done, len(present))}", end="" if done < len(present) else "\n", file=sys.stderr, flush=True)
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    print(f"{plural(len(files), 'file')}: {summary or 'none read'}" + (f", {len(missing)} missing" if missing else ""))
    return 0 if counts.get("added", 0) + counts.get("near-duplicate", 0) or not files else 1


def _bar(done: int, total: int, width: int = 30) -> str:
    filled = width * done // total
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def run_list(store: Store, include_deleted: bool) -> int:
    for row in store.list(include_deleted=include_deleted):
        flags = [flag for flag, on in (("deleted", row.deleted_at), (f"near-duplicate of {row.near_duplicate_of}",
                 row.near_duplicate_of), (f"language: {row.language}", row.language != "en")) if on]
        print(f"{row.id}  {row.published or '----------'}  {(row.outlet or 'unknown')[:24]:<24}  "
              f"{(row.title or row.source_name)[:70]}" + (f"  ({'; '.join(flags)})" if flags else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run_command(args)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def run_command(args: argparse.Namespace) -> int:
    if args.command == "analyze":
        return run_analyze(args.folder, args.json_path)
    if args.command == "report":
        return run_report(args)
    if args.command == "evaluate":
        return run_evaluate(args.folders, args.split, args.json_path)
    store = _seeded_store(args.db)
    try:
        if args.command == "add":
            return run_add(store, args.files)
        if args.command == "list":
            return run_list(store, args.all)
        changed = store.remove(args.id) if args.command == "remove" else store.restore(args.id)
        print(f"{args.command}d {args.id}" if changed else f"error: no article {args.id}")
        return 0 if changed else 1
    finally:
        store.close()
