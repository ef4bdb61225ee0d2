"""Near-duplicate detection: syndicated copies are one story."""

import numpy as np

from briefing.duplicates import (
    CANDIDATES_PER_SHARED_HASH,
    NearDuplicateIndex,
    jaccard,
    near_duplicate_pairs,
    numbered_shingle_hashes,
    shingle_hashes,
    story_groups,
)
from briefing.ingest import parse_article
from briefing.keywords import number_tokens
from briefing.terms import joined_tokens
from support import seed


def _copy_of(prefix, edit):
    return parse_article(edit(seed(prefix).raw_text).encode(), f"copy-of-{prefix}.txt")


def test_a_lightly_edited_copy_is_a_near_duplicate_of_its_original():
    copy = _copy_of("001", lambda text: text.replace("Upcoming Events", "Related stories: none").replace("chilly", "cold"))
    pairs = list(near_duplicate_pairs([seed("000"), seed("001"), copy]))
    assert [(a, b) for a, b, _ in pairs] == [(seed("001").id, copy.id)]
    assert pairs[0][2] >= 0.6


def test_different_coverage_of_the_same_event_is_not_a_duplicate():
    articles = [seed(prefix) for prefix in ("000", "001", "002", "003", "004")]
    assert list(near_duplicate_pairs(articles)) == []
    assert story_groups(articles) == {a.id: a.id for a in articles}


def test_no_articles_make_no_pairs_and_no_groups():
    assert list(near_duplicate_pairs([])) == [] and story_groups([]) == {}


def test_story_groups_point_copies_at_the_first_article():
    copy = _copy_of("004", lambda text: text.replace("Joe Leahy", "Staff reporter"))
    groups = story_groups([seed("004"), copy])
    assert groups[copy.id] == seed("004").id


def test_jaccard_counts_shared_hashes_over_all_distinct_ones_whatever_the_order_or_sizes():
    first = np.array([1, 5, 9], dtype=np.uint64)
    second = np.array([5, 9, 12, 20], dtype=np.uint64)
    empty = np.zeros(0, dtype=np.uint64)
    assert jaccard(first, second) == jaccard(second, first) == 2 / 5
    assert jaccard(first, first) == 1.0
    assert jaccard(first, empty) == jaccard(empty, first) == jaccard(empty, empty) == 0.0
    far = np.array([2**64 - 1], dtype=np.uint64)  # beyond every hash of the other: no false match
    assert jaccard(first, far) == 0.0


def _numbered_shingles(texts):
    numbered = number_tokens([joined_tokens(text) for text in texts])
    return numbered_shingle_hashes(numbered.lengths, numbered.codes, numbered.vocabulary == "")


def test_numbered_shingles_score_every_pair_as_text_shingles_do():
    copy = _copy_of("001", lambda text: text.replace("Upcoming Events", "Related stories: none").replace("chilly", "cold"))
    articles = [seed("000"), seed("001"), copy, seed("004")]
    numbered = _numbered_shingles([article.text for article in articles])
    by_text = [shingle_hashes(article.text) for article in articles]
    for first in range(len(articles)):
        assert len(numbered[first]) == len(by_text[first])
        for second in range(first + 1, len(articles)):
            assert jaccard(numbered[first], numbered[second]) == jaccard(by_text[first], by_text[second])
    ids = {article.id: hashes for article, hashes in zip(articles, numbered)}
    assert story_groups(articles, ids) == story_groups(articles) != {a.id: a.id for a in articles}


def test_numbered_shingles_skip_breaks_stay_inside_their_document_and_give_a_short_one_one_hash():
    # The comma and the number are breaks, skipped as in shingle_hashes: both texts have the same
    # two windows ("one two three four five", "two three four five six"); none joins two documents.
    short, with_breaks, plain, single = _numbered_shingles(
        ["three short words", "one, two 2023 three four five six", "one two three four five six", "six"])
    assert len(short) == len(single) == 1
    assert len(with_breaks) == 2 and np.array_equal(with_breaks, plain)
    assert jaccard(short, plain) == jaccard(single, plain) == 0.0


def test_near_duplicate_pairs_are_those_the_incremental_index_finds_by_later_then_earlier_article():
    first = _copy_of("001", lambda text: text.replace("chilly", "cold"))
    second = _copy_of("001", lambda text: text.replace("Upcoming Events", "Related stories: none"))
    articles = [seed("001"), seed("000"), first, seed("001"), second]  # three copies of one story, an id repeated
    index, expected = NearDuplicateIndex(), []
    for article in articles:
        if article.id not in index:
            own = shingle_hashes(article.text)
            expected += [(earlier, article.id, round(score, 3)) for earlier, score in index.matches(own)]
            index.add(article.id, own)
    pairs = list(near_duplicate_pairs(articles))
    assert pairs == expected
    assert [(a, b) for a, b, _ in pairs] == [(seed("001").id, first.id), (seed("001").id, second.id), (first.id, second.id)]


def test_pairs_whose_sizes_rule_out_the_threshold_are_never_scored(monkeypatch):
    # Jaccard is at most the smaller set's size over the larger's: 10/40 and 14/40 cannot reach 0.6,
    # 10/14 can, so of the three candidate pairs only that one is scored.
    small, large, close = seed("000"), seed("001"), seed("002")
    hashes = {small.id: np.arange(1, 11, dtype=np.uint64), large.id: np.arange(1, 41, dtype=np.uint64),
              close.id: np.arange(1, 15, dtype=np.uint64)}  # every sketch shares the values 1…10
    scored = []
    monkeypatch.setattr("briefing.duplicates.jaccard", lambda first, second: scored.append((len(first), len(second)))
                        or jaccard(first, second))
    pairs = list(near_duplicate_pairs([small, large, close], hashes))
    assert scored == [(10, 14)]
    assert pairs == [(small.id, close.id, round(10 / 14, 3))]


def _count_scores(monkeypatch):
    scored = []
    monkeypatch.setattr("briefing.duplicates.jaccard", lambda first, second: scored.append(1) or jaccard(first, second))
    return scored


def _sharing_one_sentence(count, own=20, start=0):
    """Shingles of ``count`` articles holding the same 10 hashes (the smallest: in every sketch) and
    ``own`` hashes of their own: each pair 10 / (10 + 2 × own) similar (0.2 by default)."""
    shared = np.arange(1, 11, dtype=np.uint64)
    return [np.concatenate((shared, np.arange(1000 + 100 * n, 1000 + 100 * n + own, dtype=np.uint64)))
            for n in range(start, start + count)]


def test_a_value_shared_by_hundreds_of_articles_pairs_each_with_a_bounded_number_of_candidates(monkeypatch):
    articles = [seed("000")] + [_copy_of("000", lambda text, n=n: f"{n} {text}") for n in range(1, 200)]
    hashes = dict(zip((article.id for article in articles), _sharing_one_sentence(len(articles))))
    scored = _count_scores(monkeypatch)
    assert list(near_duplicate_pairs(articles, hashes)) == []
    # All 19,900 pairs share the sentence; each article is scored against the 32 before it.
    assert len(scored) <= CANDIDATES_PER_SHARED_HASH * len(articles)


def test_many_copies_of_one_story_are_grouped_with_about_one_comparison_each(monkeypatch):
    articles = [seed("000")] + [_copy_of("000", lambda text, n=n: f"{n} {text}") for n in range(1, 200)]
    hashes = {article.id: np.arange(1, 31, dtype=np.uint64) for article in articles}
    scored = _count_scores(monkeypatch)
    groups = story_groups(articles, hashes)
    assert set(groups.values()) == {articles[0].id}
    assert len(scored) == len(articles) - 1  # a pair already joined through others is not scored


def test_a_copy_among_hundreds_of_larger_articles_holding_its_words_is_still_found():
    # The two short articles share their words with 100 long ones listed between them: pairing by
    # size puts the short ones side by side in every run, however many long ones there are.
    articles = [_copy_of("000", lambda text, n=n: f"{n} {text}") for n in range(102)]
    short = np.arange(1, 11, dtype=np.uint64)
    hashes = {article.id: np.concatenate((short, np.arange(1000 + 100 * n, 1060 + 100 * n, dtype=np.uint64)))
              for n, article in enumerate(articles)}
    hashes[articles[0].id] = hashes[articles[-1].id] = short
    pairs = list(near_duplicate_pairs(articles, hashes))
    assert [(a, b) for a, b, _ in pairs] == [(articles[0].id, articles[-1].id)]
    assert story_groups(articles, hashes)[articles[-1].id] == articles[0].id


def test_the_incremental_index_scores_a_bounded_number_of_articles_sharing_a_value(monkeypatch):
    index = NearDuplicateIndex()
    for number, hashes in enumerate(_sharing_one_sentence(300)):
        index.add(f"article-{number}", hashes)
    (new,) = _sharing_one_sentence(1, start=300)
    scored = _count_scores(monkeypatch)
    assert index.matches(new) == []
    assert len(scored) <= 2 * CANDIDATES_PER_SHARED_HASH  # the nearest in size below and above, not all 300


def test_the_incremental_index_finds_a_copy_among_hundreds_of_larger_articles_holding_its_words():
    index = NearDuplicateIndex()
    short = np.arange(1, 11, dtype=np.uint64)
    index.add("short original", short)
    for number in range(100):
        index.add(f"long {number}", np.concatenate((short, np.arange(1000 + 100 * number, 1060 + 100 * number,
                                                                    dtype=np.uint64))))
    assert index.matches(short) == [("short original", 1.0)]
