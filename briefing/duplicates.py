"""Near-duplicate articles: the same story syndicated in several papers counts once.

Two articles are near-duplicates when the Jaccard similarity of their sets of word 5-gram
shingles is at least NEAR_DUPLICATE_THRESHOLD. Candidate pairs come from an inverted index of
shingles, so the cost grows with shared text rather than with the square of the corpus size;
shingles shared by very many articles (stock phrases) are ignored as evidence of copying.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain, combinations

from briefing.records import Article

#: Jaccard similarity of 5-word shingles above which two articles are one story. Rewritten
#: coverage of one event by different outlets scores well under 0.2; wire copies with a changed
#: headline, trimmed ending or house-style edits score above 0.6.
NEAR_DUPLICATE_THRESHOLD = 0.6
SHINGLE_WORDS = 5
#: Shingles found in more articles than this are stock phrases, not evidence of copying; a real
#: copy shares hundreds of rarer ones, and its similarity is then computed on the full sets.
_COMMON_SHINGLE_ARTICLES = 5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    """Hashes of every run of SHINGLE_WORDS words (compared within one process only)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return frozenset([hash(tuple(words))])
    return frozenset(map(hash, zip(*(words[i:] for i in range(SHINGLE_WORDS)))))


def near_duplicate_pairs(articles: list[Article]) -> list[tuple[str, str, float]]:
    """(earlier id, later id, similarity) for every pair of near-duplicate articles."""
    sets = {article.id: shingles(article.text) for article in articles}
    # Counting every shingle runs in C; only shingles shared by a few articles get postings.
    counts = Counter(chain.from_iterable(sets.values()))
    shared_shingles = {shingle for shingle, count in counts.items() if 1 < count <= _COMMON_SHINGLE_ARTICLES}
    index: dict[int, list[str]] = defaultdict(list)
    for article_id, article_shingles in sets.items():
        for shingle in article_shingles & shared_shingles:
            index[shingle].append(article_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        for pair in combinations(ids, 2):
            shared[pair] += 1
    pairs = []
    for (first, second), rare_overlap in shared.items():
        smaller = min(len(sets[first]), len(sets[second]))
        if rare_overlap < NEAR_DUPLICATE_THRESHOLD * smaller / 4:
            continue  # too few shared rare shingles for the full sets to reach the threshold
        similarity = jaccard(sets[first], sets[second])
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
