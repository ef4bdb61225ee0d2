"""Near-duplicate articles: the same story syndicated in several papers counts once.

Two articles are near-duplicates when the Jaccard similarity of their sets of word 5-gram
shingles is at least NEAR_DUPLICATE_THRESHOLD. Candidate pairs come from an inverted index of
shingles, so the cost grows with shared text rather than with the square of the corpus size;
shingles shared by very many articles (stock phrases) are ignored as evidence of copying.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from itertools import combinations

from briefing.records import Article

#: Jaccard similarity of 5-word shingles above which two articles are one story. Rewritten
#: coverage of one event by different outlets scores well under 0.2; wire copies with a changed
#: headline, trimmed ending or house-style edits score above 0.6.
NEAR_DUPLICATE_THRESHOLD = 0.6
SHINGLE_WORDS = 5
_COMMON_SHINGLE_ARTICLES = 50


def shingles(text: str) -> frozenset[int]:
    words = re.findall(r"\w+", text.lower())
    # crc32 rather than hash(): stable across processes, so parallel workers agree.
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE_WORDS]).encode()) for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))


def near_duplicate_pairs(articles: list[Article]) -> list[tuple[str, str, float]]:
    """(earlier id, later id, similarity) for every pair of near-duplicate articles."""
    sets = {article.id: shingles(article.text) for article in articles}
    index: dict[int, list[str]] = defaultdict(list)
    for article_id, article_shingles in sets.items():
        for shingle in article_shingles:
            index[shingle].append(article_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        if 1 < len(ids) <= _COMMON_SHINGLE_ARTICLES:
            for pair in combinations(ids, 2):
                shared[pair] += 1
    pairs = []
    for (first, second), overlap in shared.items():
        similarity = overlap / len(sets[first] | sets[second])
        if similarity >= NEAR_DUPLICATE_THRESHOLD:
            pairs.append((first, second, round(similarity, 3)))
    return pairs


def story_groups(articles: list[Article]) -> dict[str, str]:
    """Map every article id to the id of the first article of its story (itself if unique)."""
    parent = {article.id: article.id for article in articles}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    order = {article.id: position for position, article in enumerate(articles)}
    for first, second, _ in near_duplicate_pairs(articles):
        a, b = sorted((root(first), root(second)), key=order.get)
        parent[b] = a
    return {article_id: root(article_id) for article_id in parent}


def jaccard(first: frozenset[int], second: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets (the measure the threshold applies to)."""
    return len(first & second) / len(first | second) if first | second else 0.0
