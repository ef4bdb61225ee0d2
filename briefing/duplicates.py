"""Near-duplicate articles: the same story syndicated in several papers counts once.

Two articles are near-duplicates when the Jaccard similarity of their sets of word 5-gram
shingles is at least NEAR_DUPLICATE_THRESHOLD. The words are the keyword tokenizer's
(``briefing.terms.tokens``, numbers and punctuation skipped) and shingles are 64-bit polynomial
hashes of word codes. For a whole corpus the codes are the numbers the keyword counting gives its
tokens (``numbered_shingle_hashes``): one tokenizing and one numbering serve both, and every
window of the corpus is hashed in a few array operations. Candidates come from bottom-k sketches:
an article is compared in full only with articles sharing one of its SKETCH_SIZE smallest shingle
hashes (``NearDuplicateIndex`` one article at a time, ``near_duplicate_pairs`` all at once). Two
sets with similarity J share one of the sketch hashes with probability about
1 - (1 - J)^SKETCH_SIZE (above 1 - 10⁻⁷ at the threshold), so the cost grows with the number of
copies rather than with the square of the corpus size.
"""

from __future__ import annotations

import zlib
from collections import defaultdict

import numpy as np

from briefing.records import Article
from briefing.terms import tokens

#: Jaccard similarity of 5-word shingles above which two articles are one story. Rewritten
#: coverage of one event by different outlets scores well under 0.2; wire copies with a changed
#: headline, trimmed ending or house-style edits score above 0.6.
NEAR_DUPLICATE_THRESHOLD = 0.6
SHINGLE_WORDS = 5
SKETCH_SIZE = 20
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: a polynomial hash over word codes, modulo 2⁶⁴


def shingle_hashes(text: str) -> np.ndarray:
    """The sorted, distinct hashes of every run of SHINGLE_WORDS words (one hash for shorter texts)."""
    words = [token for token in tokens(text) if token]
    return _distinct(_window_hashes(np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64,
                                                count=len(words))))


def numbered_shingle_hashes(lengths: np.ndarray, codes: np.ndarray, is_mark: np.ndarray) -> list[np.ndarray]:
    """``shingle_hashes`` of many documents from their numbered tokens (``keywords.number_tokens``).

    ``lengths``: tokens per document; ``codes``: every token's number, document after document;
    ``is_mark``: for each number, whether it is the break marker "" (punctuation, numbers: skipped,
    as above; stop words are words here). The hashes compare only with those of documents numbered
    in the same call.
    """
    kept = ~is_mark[codes]
    words = codes[kept].astype(np.uint64)
    ends = np.cumsum(np.bincount(np.repeat(np.arange(len(lengths)), lengths)[kept], minlength=len(lengths)))
    # Every window of the concatenated words at once; those running into the next document are cut off below.
    windows = _window_hashes(np.concatenate((words, np.zeros(SHINGLE_WORDS - 1, dtype=np.uint64))))
    hashes, start = [], 0
    for end in ends.tolist():
        long_enough = end - start >= SHINGLE_WORDS
        hashes.append(_distinct(windows[start:end - SHINGLE_WORDS + 1] if long_enough else _window_hashes(words[start:end])))
        start = end
    return hashes


def _window_hashes(codes: np.ndarray) -> np.ndarray:
    """The hash of every run of SHINGLE_WORDS codes, in order (one hash of all the codes when fewer)."""
    width = min(SHINGLE_WORDS, len(codes))
    hashes = np.zeros(len(codes) - width + 1, dtype=np.uint64)
    for offset in range(width):
        hashes *= _MULTIPLIER
        hashes += codes[offset: len(codes) - width + 1 + offset]
    return hashes


def _distinct(hashes: np.ndarray) -> np.ndarray:
    """np.unique's result for a non-empty array, at a quarter of its cost on short arrays."""
    hashes = np.sort(hashes)
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Jaccard similarity of two shingle hash arrays (sorted and distinct, as shingle_hashes gives)."""
    shorter, longer = sorted((first, second), key=len)
    # Both are sorted: each hash of the shorter is looked up in the longer by binary search,
    # faster than np.intersect1d, which sorts them together again.
    where = np.minimum(np.searchsorted(longer, shorter), len(longer) - 1)
    common = int(np.count_nonzero(longer[where] == shorter)) if len(longer) else 0
    union = len(first) + len(second) - common
    return common / union if union else 0.0


class NearDuplicateIndex:
    """Articles' shingles, indexed by their sketches, to find an article's near-duplicates."""

    def __init__(self) -> None:
        self._hashes: dict[str, np.ndarray] = {}
        self._position: dict[str, int] = {}  # indexing order
        self._postings: dict[int, list[str]] = defaultdict(list)

    def __contains__(self, key: str) -> bool:
        return key in self._hashes

    def add(self, key: str, hashes: np.ndarray) -> None:
        self._position.setdefault(key, len(self._position))
        self._hashes[key] = hashes
        for value in hashes[:SKETCH_SIZE].tolist():
            self._postings[value].append(key)

    def matches(self, hashes: np.ndarray) -> list[tuple[str, float]]:
        """(key, similarity) of every indexed article at or above the threshold, in indexing order."""
        candidates = dict.fromkeys(key for value in hashes[:SKETCH_SIZE].tolist() for key in self._postings.get(value, ()))
        scored = [(key, jaccard(hashes, self._hashes[key])) for key in candidates]
        return sorted(((key, score) for key, score in scored if score >= NEAR_DUPLICATE_THRESHOLD),
                      key=lambda item: self._position[item[0]])


def near_duplicate_pairs(articles: list[Article], hashes: dict[str, np.ndarray] | None = None
                         ) -> list[tuple[str, str, float]]:
    """(earlier id, later id, similarity) for every pair of near-duplicate articles, by later
    article, then earlier (a repeated id counts once, at its first place).

    ``hashes`` maps article ids to their shingle_hashes when they are already computed. The
    candidates are those a ``NearDuplicateIndex`` fed the articles in order would compare, found
    all at once: the pairs of articles whose sketches share a hash, from one sort of every sketch.
    """
    texts = {}
    for article in articles:
        texts.setdefault(article.id, article.text)
    ids = list(texts)
    own = [hashes[article_id] if hashes else shingle_hashes(texts[article_id]) for article_id in ids]
    sketches = [article_hashes[:SKETCH_SIZE] for article_hashes in own]
    values = np.concatenate([np.zeros(0, dtype=np.uint64), *sketches])
    documents = np.repeat(np.arange(len(ids)), [len(sketch) for sketch in sketches])
    by_value = np.lexsort((documents, values))  # a document's sketch holds a value once
    values, documents = values[by_value], documents[by_value]
    run_starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    run_lengths = np.diff(np.append(run_starts, len(values)))
    # Each pair sharing a value, as one integer ordering it by later article, then earlier; most
    # shared values are in two sketches (one pair each), a few in many.
    pair_starts = run_starts[run_lengths == 2]
    keys = [documents[pair_starts + 1] * len(ids) + documents[pair_starts]]
    for start, length in zip(run_starts[run_lengths > 2].tolist(), run_lengths[run_lengths > 2].tolist()):
        earlier, later = np.triu_indices(length, 1)
        sharing = documents[start:start + length]  # ascending
        keys.append(sharing[later] * len(ids) + sharing[earlier])
    later_ids, earlier_ids = np.divmod(np.unique(np.concatenate(keys)), len(ids))
    # Exact pruning: the similarity of two sets is at most the smaller's size over the larger's,
    # so a pair whose ratio of sizes is under the threshold is no match (boilerplate shared by
    # hundreds of articles of every length makes most of a large corpus's candidates such pairs).
    sizes = np.array([len(article_hashes) for article_hashes in own], dtype=np.float64)
    bound = np.minimum(sizes[later_ids], sizes[earlier_ids]) / np.maximum(sizes[later_ids], sizes[earlier_ids])
    reachable = bound >= NEAR_DUPLICATE_THRESHOLD
    pairs = []
    for later, earlier in zip(later_ids[reachable].tolist(), earlier_ids[reachable].tolist()):
        score = jaccard(own[earlier], own[later])
        if score >= NEAR_DUPLICATE_THRESHOLD:
            pairs.append((ids[earlier], ids[later], round(score, 3)))
    return pairs


def story_groups(articles: list[Article], hashes: dict[str, np.ndarray] | None = None) -> dict[str, str]:
    """Map every article id to the id of the first article of its story (itself if unique)."""
    parent = {article.id: article.id for article in articles}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    order = {article.id: position for position, article in enumerate(articles)}
    for first, second, _ in near_duplicate_pairs(articles, hashes):
        a, b = sorted((root(first), root(second)), key=order.get)
        parent[b] = a
    return {article_id: root(article_id) for article_id in parent}
