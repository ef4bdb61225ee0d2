"""The pipeline over a stored corpus: a saved analysis is reused until the corpus changes."""

import pytest

from briefing import pipeline
from briefing.storage import Store
from briefing.ingest import parse_files
from support import SEEDS_DIR, long_sentence_article, seed


@pytest.fixture
def counted_analyses(monkeypatch):
    """Counts the analyses actually run (the rest were read back from the store)."""
    runs = []
    real = pipeline.analyze_articles

    def counting(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyze_articles", counting)
    return runs


def test_a_restarted_store_gives_the_saved_analysis_without_analysing(tmp_path, counted_analyses):
    path = tmp_path / "corpus.sqlite3"
    store = Store(path)
    store.seed_from_folder(SEEDS_DIR)
    first = pipeline.analyze_store(store)
    store.close()
    reopened = Store(path)
    assert pipeline.analyze_store(reopened) == first
    assert len(counted_analyses) == 1
    assert len(first.commitments) == 4
    reopened.close()


def test_a_corpus_change_is_analysed_afresh(tmp_path, counted_analyses):
    store = Store(tmp_path / "corpus.sqlite3")
    store.seed_from_folder(SEEDS_DIR)
    before = pipeline.analyze_store(store)
    store.remove(seed("004").id)
    after = pipeline.analyze_store(store)
    assert len(counted_analyses) == 2
    assert seed("004").id in {a.id for a in before.articles} - {a.id for a in after.articles}
    store.close()


def test_read_files_leaves_the_findings_so_the_analysis_does_not_extract_again(monkeypatch):
    files = [(path.read_bytes(), path.name) for path in sorted(SEEDS_DIR.iterdir())]
    pipeline._PER_ARTICLE.clear()
    expected = pipeline.analyze_articles(parse_files(files, workers=1), workers=1)
    pipeline._PER_ARTICLE.clear()
    articles = pipeline.read_files(files, workers=1)
    extracted = []
    monkeypatch.setattr(pipeline, "analyse_articles", lambda *args: extracted.append(args))
    assert pipeline.analyze_articles(articles, workers=1) == expected
    assert extracted == []


def test_a_store_read_afresh_is_analysed_once_per_article(tmp_path, monkeypatch):
    store = Store(tmp_path / "corpus.sqlite3")
    store.seed_from_folder(SEEDS_DIR)
    pipeline._PER_ARTICLE.clear()
    monkeypatch.setattr("briefing.storage._PARSED", {})  # as in a freshly started dashboard
    extracted = []
    real = pipeline.analyse_articles
    monkeypatch.setattr(pipeline, "analyse_articles", lambda *args: extracted.append(args) or real(*args))
    assert len(pipeline.analyze_store(store).commitments) == 4
    assert extracted == []  # every article was analysed while it was read
    store.close()


def test_a_stored_file_that_tightened_rules_now_refuse_is_left_out_with_a_reason_not_a_crash(tmp_path, monkeypatch):
    store = Store(tmp_path / "corpus.sqlite3")
    store.seed_from_folder(SEEDS_DIR)
    short = store.add_bytes("short.txt", b"Officials in Beijing and Washington agreed to keep talking about export controls next year.")
    assert short.status == "added"
    monkeypatch.setattr("briefing.storage._PARSED", {})  # as in a dashboard started after the change
    monkeypatch.setattr("briefing.config.MIN_ARTICLE_WORDS", 20)  # a rule tightened since the file was added
    analysis = pipeline.analyze_store(store)
    assert len(analysis.articles) == 5 and short.article_id not in {a.id for a in analysis.articles}
    assert [(e.source_file, e.message.split(":")[0]) for e in analysis.errors] == [
        ("short.txt", "stored, but can no longer be read")]
    store.close()


def test_an_article_at_a_bound_is_analysed_in_part_with_a_note_not_dropped():
    files = [(long_sentence_article(200), "long.txt"), (sorted(SEEDS_DIR.iterdir())[0].read_bytes(), "seed.txt")]
    articles = parse_files(files, workers=1)
    analysis = pipeline.analyze_articles(articles, workers=1)
    long, ordinary = articles
    assert {a.id for a in analysis.articles} == {long.id, ordinary.id}
    assert len(analysis.notes[long.id]) == 1 and ordinary.id not in analysis.notes
    assert sum(q.article_id == long.id for q in analysis.quotes) == 200
