"""The analysis bundle: the public JSON contract of GUIDE §4."""

import json

from briefing.bundle import to_bundle, write_bundle
from briefing.pipeline import analyze_folder
from support import SEEDS_DIR, long_sentence_article


def test_bundle_articles_carry_every_contract_field_with_its_type():
    bundle = to_bundle(analyze_folder(SEEDS_DIR))
    for article in bundle["articles"]:
        assert isinstance(article["id"], str) and len(article["id"]) == 16
        assert isinstance(article["text"], str) and article["text"]
        assert isinstance(article["removed"], list)
        assert article["published"] is None or len(article["published"]) == 10
        assert all(isinstance(article[key], (str, type(None))) for key in ("title", "outlet", "byline", "dateline"))


def test_bundle_is_json_serialisable_and_round_trips(tmp_path):
    analysis = analyze_folder(SEEDS_DIR)
    path = tmp_path / "bundle.json"
    write_bundle(analysis, path)
    assert json.loads(path.read_text(encoding="utf-8")) == to_bundle(analysis)
    assert not list(tmp_path.glob("*.tmp"))


def test_bundle_sentences_index_the_article_text():
    bundle = to_bundle(analyze_folder(SEEDS_DIR))
    for article in bundle["articles"]:
        for sentence in article["sentences"]:
            assert article["text"][sentence["start"]:sentence["end"]] == sentence["text"]


def test_each_article_record_carries_the_notes_of_what_a_bound_cut_from_its_analysis(tmp_path):
    (tmp_path / "long.txt").write_bytes(long_sentence_article(200))
    (tmp_path / "seed.txt").write_bytes(sorted(SEEDS_DIR.iterdir())[0].read_bytes())
    records = {record["source_file"]: record for record in to_bundle(analyze_folder(tmp_path))["articles"]}
    assert records["seed.txt"]["analysis_notes"] == []
    assert len(records["long.txt"]["analysis_notes"]) == 1 and "characters long" in records["long.txt"]["analysis_notes"][0]
