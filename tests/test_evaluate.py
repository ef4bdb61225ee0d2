"""Scoring the analysis against gold (briefing/evaluate.py) and `python -m briefing evaluate`.

The metric tests score hand-made analyses of the mini labelled set (tests/fixtures/labelled_mini),
so each answer is known and none depends on what the extraction finds today.
"""

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from briefing import config
from briefing.commitments import Commitment, CommitmentMention
from briefing.evaluate import (GoldError, evaluation_table, labelled_set_problems, load_episode, metrics,
                               same_speaker, score_episode)
from briefing.ingest import read_folder
from briefing.pipeline import Analysis
from briefing.positions import Position
from briefing.quotes import Quote
from briefing.records import PublishedDate
from briefing.scenario import load_scenario
from support import PROJECT_ROOT

MINI_SET = Path(__file__).resolve().parent / "fixtures" / "labelled_mini"
MINI_EPISODE = MINI_SET / "dev" / "mini_talks"
SCENARIO = load_scenario(config.SCENARIO_FILE)
WIRE, READOUT = "01_wire.txt", "02_readout.txt"


def mini_articles():
    articles, _ = read_folder(MINI_EPISODE)
    return {article.source_file: article for article in articles}


def cluster(*mentions):
    """An extracted commitment of (file, sentence) or (file, sentence, clause) mentions."""
    ids = mini_articles()
    return Commitment("c", "c", "other", frozenset(), "agreed", (), {},
                      [CommitmentMention(ids[file].id, 0, sentence, clause[0] if clause else sentence, "other",
                                         frozenset(), (), "agreed") for file, sentence, *clause in mentions],
                      (), 0, 0, ())


MILITARY_WIRE = (WIRE, "The United States and China agreed on Wednesday to resume high-level military communications, "
                       "U.S. President Joe Biden said after talks with Chinese President Xi Jinping.")
MILITARY_READOUT = (READOUT, "The two sides agreed to resume high-level military-to-military communication on the "
                             "basis of equality and respect.")
DRUGS_WIRE = (WIRE, "The two governments also agreed to launch a working group on counternarcotics cooperation, "
                    "officials said.")
DRUGS_READOUT = (READOUT, "The two presidents agreed to establish a working group on counternarcotics cooperation.")


def quote(file, text, speaker, side):
    return Quote(mini_articles()[file].id, text, speaker, side, text, 0, len(text))


def position(file, side, issue):
    return Position(mini_articles()[file].id, side, "someone", issue, "demand", "", "", 0, "quote")


def perfect_analysis(**changes):
    """What an analysis that agrees with the mini gold in everything holds, with ``changes``."""
    articles = mini_articles()  # their metadata set here: the test does not hang on what ingest finds
    wire = replace(articles[WIRE], outlet="REUTERS", published=PublishedDate("2023-11-15"))
    readout = replace(articles[READOUT], outlet="The Xinhua", published=PublishedDate("2023-11-16"))  # "The" dropped
    fields = {
        "articles": (wire, readout),
        "commitments": (cluster(MILITARY_WIRE, MILITARY_READOUT), cluster(DRUGS_WIRE, DRUGS_READOUT)),
        "quotes": (quote(WIRE, "We are resuming direct, open, clear communications,", "Biden", "US"),
                   quote(WIRE, "The Taiwan question is the most important issue in China-US relations", "Wang",
                         "China"),
                   quote(WIRE, "reset", None, None),
                   quote(READOUT, "“Planet Earth is big enough for the two countries to succeed", "Xi",
                         "China")),
        "positions": (position(WIRE, "US", "dialogue"), position(WIRE, "China", "taiwan"),
                      position(READOUT, "China", "export_controls")),
    }
    return Analysis(**{**fields, **changes})


def score(analysis):
    return metrics(score_episode(load_episode(MINI_EPISODE, SCENARIO), analysis))


def test_a_perfect_analysis_scores_one_on_every_metric_and_no_count_error():
    values = score(perfect_analysis())
    assert values.pop("commitment_count_error") == 0
    assert values == dict.fromkeys(values, 1.0)


def test_a_missed_commitment_lowers_recall_not_precision():
    values = score(perfect_analysis(commitments=(cluster(DRUGS_WIRE, DRUGS_READOUT),)))
    assert values["commitment_recall"] == 0.5 and values["commitment_precision"] == 1.0
    assert values["commitment_f1"] == pytest.approx(2 / 3)
    assert values["commitment_count_error"] == 1


def test_a_commitment_split_in_two_clusters_has_fragmentation_two():
    commitments = (cluster(MILITARY_WIRE), cluster(MILITARY_READOUT), cluster(DRUGS_WIRE, DRUGS_READOUT))
    values = score(perfect_analysis(commitments=commitments))
    assert values["commitment_fragmentation"] == 1.5  # 3 mapped clusters for 2 gold commitments
    values = score(perfect_analysis(commitments=commitments[:2]))
    assert values["commitment_fragmentation"] == 2.0 and values["commitment_precision"] == 1.0


def test_a_cluster_matching_no_gold_evidence_is_a_false_positive():
    unrelated = cluster((WIRE, "Chinese Foreign Ministry spokesperson Wang Wenbin said the United States must stop "
                               "arming Taiwan."))
    values = score(perfect_analysis(commitments=(*perfect_analysis().commitments, unrelated)))
    assert values["commitment_precision"] == pytest.approx(2 / 3) and values["commitment_recall"] == 1.0


def test_a_cluster_maps_to_the_gold_commitment_most_of_its_mentions_match():
    merged = cluster(MILITARY_WIRE, MILITARY_READOUT, DRUGS_WIRE)  # two of three mentions: military
    values = score(perfect_analysis(commitments=(merged, cluster(DRUGS_READOUT))))
    assert values["commitment_recall"] == 1.0 and values["commitment_fragmentation"] == 1.0


def test_a_mention_whose_sentence_reports_two_commitments_matches_by_its_clause():
    sentence = f"{MILITARY_WIRE[1]} {DRUGS_WIRE[1]}"
    commitments = (cluster(MILITARY_WIRE), cluster((WIRE, sentence, DRUGS_WIRE[1])))
    values = score(perfect_analysis(commitments=commitments))
    assert values["commitment_recall"] == 1.0 and values["commitment_fragmentation"] == 1.0


def test_a_wrong_speaker_lowers_speaker_accuracy_only():
    quotes = list(perfect_analysis().quotes)
    quotes[0] = replace(quotes[0], speaker="Xi Jinping")
    values = score(perfect_analysis(quotes=tuple(quotes)))
    assert values["speaker_accuracy"] == pytest.approx(2 / 3)
    assert values["quote_recall"] == 1.0 and values["side_accuracy"] == 1.0


def test_a_scare_quote_given_a_side_is_a_wrong_side():
    quotes = list(perfect_analysis().quotes)
    quotes[2] = replace(quotes[2], speaker="Joe Biden", side="US")
    values = score(perfect_analysis(quotes=tuple(quotes)))
    assert values["side_accuracy"] == 0.75
    assert values["speaker_accuracy"] == 1.0  # a scare quote has no gold speaker to judge


def test_a_quote_is_found_when_held_or_mostly_shared_and_not_when_less_than_the_rule():
    quotes = list(perfect_analysis().quotes)
    quotes[1] = replace(quotes[1], text="The Taiwan question is")  # held by the gold quote: found
    assert score(perfect_analysis(quotes=tuple(quotes)))["quote_recall"] == 1.0
    quotes[1] = replace(quotes[1], text="The Taiwan question is the most important issue in China-US ties")
    assert score(perfect_analysis(quotes=tuple(quotes)))["quote_recall"] == 1.0  # 60 of 65 characters shared
    quotes[1] = replace(quotes[1], text="the most important issue in US-China ties, truly and deeply and always")
    assert score(perfect_analysis(quotes=tuple(quotes)))["quote_recall"] == 0.75


def test_a_false_position_lowers_position_precision():
    positions = (*perfect_analysis().positions, position(READOUT, "US", "tariffs"))
    values = score(perfect_analysis(positions=positions))
    assert values["position_precision"] == 0.75 and values["position_recall"] == 1.0
    assert values["position_f1"] == pytest.approx(6 / 7)


def test_a_wrong_outlet_and_a_missing_date_lower_their_accuracy():
    wire, readout = perfect_analysis().articles
    wrong = replace(wire, outlet="Reuters.com", published=PublishedDate(None))
    values = score(perfect_analysis(articles=(wrong, readout)))
    assert values["outlet_accuracy"] == 0.5 and values["date_accuracy"] == 0.5


@pytest.mark.parametrize("gold, extracted, same", [
    ("Joe Biden", "President Biden", True), ("Wang Wenbin", "Wang", True), ("Xi Jinping", "Jinping", True),
    ("Li Qiang", "Liu He", False), ("Wang Wenbin", "Wang Yi", False), ("Joe Biden", None, False),
])
def test_speakers_are_the_same_by_surname_or_a_name_inside_the_other(gold, extracted, same):
    assert same_speaker(gold, extracted) is same


def test_the_table_has_a_row_per_episode_and_a_total_summing_their_counts():
    episode = load_episode(MINI_EPISODE, SCENARIO)
    first = score_episode(episode, perfect_analysis())
    second = score_episode(episode, perfect_analysis(commitments=()))
    lines = evaluation_table({"first": first, "second": second}).splitlines()
    assert [line.split()[0] for line in lines] == ["episode", "first", "second", "TOTAL"]
    assert lines[-1].split()[1:5] == ["1.00", "0.50", "0.67", "2"]  # 2 of 2 clusters mapped, 2 of 4 gold found


def broken_copy(tmp_path, edit):
    """A copy of the mini set whose gold file ``edit`` changed."""
    root = tmp_path / "labelled"
    shutil.copytree(MINI_SET, root)
    gold_path = root / "dev" / "mini_talks" / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    edit(gold)
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    return root


@pytest.mark.parametrize("edit, message", [
    (lambda g: g["articles"]["01_wire.txt"]["quotes"][0].update(text="words nobody said"),
     "01_wire.txt quote 'words nobody said' is not in 01_wire.txt"),
    (lambda g: g["commitments"][0]["mentions"][0].update(evidence="agreed to resume everything"),
     "commitment 'military_communication' evidence 'agreed to resume everything' is not in 01_wire.txt"),
    (lambda g: g["commitments"][0]["mentions"][1].update(article="03_missing.txt"),
     "commitment 'military_communication' names article '03_missing.txt', which is not in"),
    (lambda g: g["articles"]["01_wire.txt"]["positions"][0].update(side="Taiwan"),
     "01_wire.txt position side is 'Taiwan'; allowed: US, China, other"),
    (lambda g: g["articles"]["02_readout.txt"]["positions"][0].update(issue="chips"),
     "02_readout.txt position issue is 'chips'; allowed: export_controls"),
    (lambda g: g["articles"]["02_readout.txt"]["positions"][0].update(stance="anger"),
     "02_readout.txt position stance is 'anger'"),
    (lambda g: g["commitments"][1].update(action="launch"), "commitment 'counternarcotics_working_group' action"),
    (lambda g: g["articles"]["01_wire.txt"].update(published="15 Nov 2023"), "not YYYY-MM-DD"),
    (lambda g: g["articles"]["01_wire.txt"]["quotes"][0].update(speaker=["Joe", "Biden"]),
     "01_wire.txt quote speaker is ['Joe', 'Biden'], not text or null"),
    (lambda g: g["articles"]["01_wire.txt"].update(outlet=7), "01_wire.txt outlet is 7, not text or null"),
])
def test_a_broken_gold_file_is_one_error_line_naming_what_is_wrong(tmp_path, edit, message):
    root = broken_copy(tmp_path, edit)
    with pytest.raises(GoldError) as error:
        load_episode(root / "dev" / "mini_talks", SCENARIO)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_gold_text_matches_its_article_across_line_breaks_quote_marks_and_case(tmp_path):
    root = broken_copy(tmp_path, lambda g: g["articles"]["01_wire.txt"]["quotes"][2].update(text="RESET"))
    assert load_episode(root / "dev" / "mini_talks", SCENARIO).articles["01_wire.txt"].quotes[2].text == "RESET"


def test_the_labelled_set_check_reports_a_broken_gold_file(tmp_path):
    assert labelled_set_problems(MINI_SET, SCENARIO) == []
    root = broken_copy(tmp_path, lambda g: g["articles"]["01_wire.txt"].update(kind="blog"))
    (problem,) = labelled_set_problems(root, SCENARIO)
    assert "01_wire.txt kind is 'blog'" in problem


def test_every_gold_file_of_the_labelled_set_is_valid():
    assert labelled_set_problems(PROJECT_ROOT / "tests" / "labelled", SCENARIO) == []


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "briefing", "evaluate", *map(str, args)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


def test_evaluate_prints_the_table_and_writes_the_scores_as_json(tmp_path):
    out = tmp_path / "scores.json"
    result = run_cli(MINI_SET, "--split", "dev", "--json", out)
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[:3]] == ["episode", "mini_talks", "TOTAL"]
    scores = json.loads(out.read_text(encoding="utf-8"))
    counts = scores["episodes"]["mini_talks"]["counts"]
    assert (counts["gold_commitments"], counts["gold_quotes"], counts["positions_gold"]) == (2, 4, 3)
    assert scores["total"] == scores["episodes"]["mini_talks"]
    assert set(scores["total"]["metrics"]) >= {"commitment_fragmentation", "speaker_accuracy", "date_accuracy"}


def test_evaluate_of_a_missing_folder_a_split_without_episodes_or_a_broken_gold_exits_2_with_one_line(tmp_path):
    result = run_cli(tmp_path / "nowhere")
    assert result.returncode == 2 and result.stderr == f"error: {tmp_path / 'nowhere'} is not a folder\n"
    result = run_cli(MINI_SET, "--split", "test")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "no labelled episodes" in result.stderr
    root = broken_copy(tmp_path, lambda g: g["articles"]["02_readout.txt"].update(kind=None))
    result = run_cli(root / "dev")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "02_readout.txt kind is None" in result.stderr
