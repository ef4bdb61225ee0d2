"""The command line: `python -m briefing analyze <folder> --json <out.json>`."""

import argparse
import json
import subprocess
import sys

import pytest

from briefing.cli import build_parser
from documents import docx_with_document_part, docx_with_paragraphs
from support import PROJECT_ROOT, SEEDS_DIR

BUNDLE_ARTICLE_FIELDS = {"id", "source_file", "title", "outlet", "published", "byline", "dateline", "text", "removed"}


# A new store starts empty: the folder it is filled from on first use does not exist.
pytestmark = pytest.mark.usefixtures("no_sample_folder")


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )


def test_analyze_writes_the_bundle_for_the_sample_corpus(tmp_path):
    out = tmp_path / "bundle.json"
    result = run_cli("analyze", SEEDS_DIR, "--json", out)
    assert result.returncode == 0, result.stderr
    assert "analysed 5 articles" in result.stdout
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["schema_version"] == 1
    assert set(bundle) >= {"articles", "quotes", "positions", "commitments", "keywords"}
    assert len(bundle["articles"]) == 5
    for article in bundle["articles"]:
        assert BUNDLE_ARTICLE_FIELDS <= set(article)
    by_file = {a["source_file"][:3]: a for a in bundle["articles"]}
    assert by_file["000"]["published"] == "2023-08-30"
    assert by_file["004"]["outlet"] == "Financial Times"
    assert "Upcoming Events" in by_file["001"]["removed"]
    assert len(bundle["commitments"]) == 4
    assert all(q["article_id"] in {a["id"] for a in bundle["articles"]} for q in bundle["quotes"])
    corpus_terms = [k["term"] for k in bundle["keywords"]["corpus"]]
    assert {"export controls", "national security", "trade secrets"} <= set(corpus_terms)
    assert not {"said", "copyright", "advertisement", "reply"} & set(corpus_terms)
    assert set(bundle["keywords"]["articles"]) == {a["id"] for a in bundle["articles"]}
    assert bundle["keywords"]["sides"]["US"] and bundle["keywords"]["sides"]["China"]


def test_analyze_of_a_missing_folder_fails_with_a_message(tmp_path):
    result = run_cli("analyze", tmp_path / "nowhere", "--json", tmp_path / "out.json")
    assert result.returncode != 0
    assert "is not a folder" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_analyze_of_a_folder_without_articles_fails_with_a_message(tmp_path):
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    result = run_cli("analyze", tmp_path, "--json", tmp_path / "out.json")
    assert result.returncode != 0
    assert "no readable article files" in result.stderr
    assert "skipped notes.xlsx: unsupported file type" in result.stderr


def test_help_describes_the_analyze_command():
    result = run_cli("analyze", "--help")
    assert result.returncode == 0
    assert "--json" in result.stdout and "FOLDER" in result.stdout.upper()


def test_add_prints_one_outcome_line_per_file_and_list_shows_them(tmp_path):
    db = tmp_path / "c.sqlite3"
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    files = [SEEDS_DIR / "000_8871d45ce03c33d8.txt", SEEDS_DIR / "000_8871d45ce03c33d8.txt", bad, tmp_path / "nowhere.md"]
    result = run_cli("add", "--db", db, *files)
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["refused", "added", "duplicate", "refused"]
    assert "nowhere.md: not a file" in lines[0] and "empty.txt: the file is empty" in lines[3]
    assert lines[-1] == "4 files: 1 added, 1 duplicate, 1 refused, 1 missing"
    assert result.returncode == 0
    listing = run_cli("list", "--db", db).stdout
    assert "US commerce secretary rejects Chinese appeal" in listing and "2023-08-30" in listing


def test_add_of_a_batch_with_a_damaged_file_in_the_middle_prints_every_outcome_and_the_summary(tmp_path):
    damaged = tmp_path / "half.docx"
    damaged.write_bytes(docx_with_document_part(docx_with_paragraphs(["Raimondo met Wang in Beijing."] * 3),
                                                lambda body: body[: len(body) // 2]))
    files = [SEEDS_DIR / "000_8871d45ce03c33d8.txt", damaged, SEEDS_DIR / "003_ea73050f650b9240.txt"]
    result = run_cli("add", "--db", tmp_path / "c.sqlite3", *files)
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:-1]] == [
        ["added", "000_8871d45ce03c33d8.txt:"], ["refused", "half.docx:"], ["added", "003_ea73050f650b9240.txt:"]]
    assert "the DOCX is damaged or not a Word document (XMLSyntaxError" in lines[1]
    assert lines[-1] == "3 files: 2 added, 1 refused"
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_remove_and_restore_by_id(tmp_path):
    db = tmp_path / "c.sqlite3"
    run_cli("add", "--db", db, SEEDS_DIR / "003_ea73050f650b9240.txt")
    article_id = run_cli("list", "--db", db).stdout.split()[0]
    assert run_cli("remove", article_id, "--db", db).stdout.strip() == f"removed {article_id}"
    assert run_cli("list", "--db", db).stdout == ""
    assert "(deleted)" in run_cli("list", "--all", "--db", db).stdout
    assert run_cli("restore", article_id, "--db", db).returncode == 0
    assert run_cli("remove", "nope", "--db", db).returncode == 1


def test_add_of_only_bad_files_fails(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK")
    result = run_cli("add", "--db", tmp_path / "c.sqlite3", bad)
    assert result.returncode == 1 and "unsupported file type" in result.stdout


def test_report_writes_the_note_with_filters(tmp_path):
    out = tmp_path / "note.md"
    result = run_cli("report", "--format", "md", "-o", out, "--folder", SEEDS_DIR, "--outlet", "AP")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Filters applied: outlets: AP" in text and "Information exchange on export controls" in text
    assert run_cli("report", "--format", "md", "-o", out, "--folder", SEEDS_DIR, "--from", "28/08/2023").returncode == 2


def test_list_fills_a_new_store_from_the_sample_folder_as_the_dashboard_and_report_do(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_ARTICLES_DIR", str(SEEDS_DIR))
    result = run_cli("list", "--db", tmp_path / "new.sqlite3")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5 and "US commerce secretary rejects Chinese appeal" in result.stdout


@pytest.mark.parametrize("option, value, valid", [("--side", "Mars", "US, China, other"),
                                                  ("--issue", "tarifs", "export_controls, national_security")])
def test_report_refuses_a_side_or_issue_the_scenario_lacks_and_names_the_valid_values(tmp_path, option, value, valid):
    out = tmp_path / "note.md"
    result = run_cli("report", "--format", "md", "-o", out, "--folder", SEEDS_DIR, option, "US" if option == "--side" else "tariffs",
                     option, value)
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.startswith(f"error: {option} '{value}': not in the scenario; choose from {valid}")
    assert len(result.stderr.splitlines()) == 1


def test_every_repeatable_report_option_says_so_in_its_help():
    (report,) = [action.choices["report"] for action in build_parser()._actions
                 if isinstance(action, argparse._SubParsersAction)]
    repeatable = [action for action in report._actions if isinstance(action, argparse._AppendAction)]
    assert "--side" in {name for action in repeatable for name in action.option_strings}
    assert all(action.help.endswith("(repeatable)") for action in repeatable), [a.help for a in repeatable]


@pytest.mark.parametrize("command", [("analyze", SEEDS_DIR, "--json", "bundle.json"),
                                     ("report", "--format", "md", "-o", "note.md", "--folder", SEEDS_DIR),
                                     ("report", "--format", "md", "-o", "note.md")],
                         ids=["analyze", "report --folder", "report"])
def test_a_broken_scenario_file_is_one_line_on_stderr_and_exit_2_in_every_command(tmp_path, monkeypatch, command):
    scenario = tmp_path / "scenario.toml"
    scenario.write_bytes(b"a = " + b"[" * 100_000 + b"]" * 100_000)
    monkeypatch.setenv("BRIEFING_SCENARIO", str(scenario))
    monkeypatch.setenv("BRIEFING_DB", str(tmp_path / "c.sqlite3"))
    result = run_cli(*command)
    assert result.returncode == 2
    assert result.stderr == f"error: {scenario}: not valid TOML: arrays or tables nested too deeply\n"
