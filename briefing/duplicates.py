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
1 - (1 - J)^SKETCH_SIZE (above 1 - 10⁻⁷ at the threshold).

A hash held by many articles (a sentence that thousands of tiny articles repeat, a publisher's
footer) would pair all of them: among the articles holding one value, in order of size, each is
compared only with the CANDIDATES_PER_SHARED_HASH next to it, so an article has at most
2 × SKETCH_SIZE × CANDIDATES_PER_SHARED_HASH candidates and the cost grows linearly with the
corpus whatever it holds. Every candidate is still scored exactly. What this bound can miss is a
pair whose every shared sketch value is held by more than CANDIDATES_PER_SHARED_HASH other
articles of sizes between theirs; a syndicated copy shares its own story's shingles, held by
its few copies only, so it is found through those, and copies made only of a much-repeated
sentence are near-duplicates of the articles beside them, so they still join one story. On the
scale corpus (18,903 English articles; 20,228 in all) the stories are the same as with every
pair compared.
"""

from __future__ import annotations

import bisect
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator

import numpy as np

from briefing.records import Article
from briefing.terms import tokens

#: Jaccard similarity of 5-word shingles above which two articles are one story. Rewritten
#: coverage of one event by different outlets scores well under 0.2; wire copies with a changed
#: headline, trimmed ending or house-style edits score above 0.6.
NEAR_DUPLICATE_THRESHOLD = 0.6
SHINGLE_WORDS = 5
SKETCH_SIZE = 20
#: How many articles, next in size, one article is compared with among those holding one of its
#: sketch values. On the scale corpus 16 splits 3 of its 491 stories (of 5, 26 and 48 articles of
#: 6 to 26 shingles, which hundreds of longer articles also hold) and loses 2 articles from them;
#: 32 keeps every story as it is with all pairs compared.
CANDIDATES_PER_SHARED_HASH = 32
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
    """Articles' shingles, indexed by their sketches, to find an article's near-duplicates.

    An article is compared in full with the articles holding each of its sketch values: all of
    them while they are at most 2 × CANDIDATES_PER_SHARED_HASH, else the
    CANDIDATES_PER_SHARED_HASH next in size below it (or as large, the latest first) and as many
    next above (the size order ``near_duplicate_pairs`` pairs by). Such a crowded value's articles
    are kept by size: its distinct sizes in a sorted list, which grows only by a size not seen
    with that value (d distinct sizes need d² / 2 shingles, so keeping them sorted costs no more
    than the corpus's size), and each size's articles in indexing order.
    """

    def __init__(self) -> None:
        self._hashes: dict[str, np.ndarray] = {}
        self._position: dict[str, int] = {}  # indexing order
        self._postings: dict[int, list[str]] = defaultdict(list)  # in indexing order
        self._crowded: dict[int, tuple[list[int], dict[int, list[str]]]] = {}  # by size, as above

    def __contains__(self, key: str) -> bool:
        return key in self._hashes

    def add(self, key: str, hashes: np.ndarray) -> None:
        self._position.setdefault(key, len(self._position))
        self._hashes[key] = hashes
        for value in hashes[:SKETCH_SIZE].tolist():
            if value in self._crowded:
                self._file_by_size(value, key)
                continue
            keys = self._postings[value]
            keys.append(key)
            if len(keys) > 2 * CANDIDATES_PER_SHARED_HASH:
                self._crowded[value] = ([], {})
                for each in self._postings.pop(value):
                    self._file_by_size(value, each)

    def _file_by_size(self, value: int, key: str) -> None:
        sizes, by_size = self._crowded[value]
        size = len(self._hashes[key])
        if size not in by_size:
            bisect.insort(sizes, size)
            by_size[size] = []
        by_size[size].append(key)

    def matches(self, hashes: np.ndarray) -> list[tuple[str, float]]:
        """(key, similarity) of every indexed article at or above the threshold, in indexing order."""
        candidates = dict.fromkeys(key for value in hashes[:SKETCH_SIZE].tolist() for key in self._holding(value, len(hashes)))
        scored = [(key, jaccard(hashes, self._hashes[key])) for key in candidates]
        return sorted(((key, score) for key, score in scored if score >= NEAR_DUPLICATE_THRESHOLD),
                      key=lambda item: self._position[item[0]])

    def _holding(self, value: int, size: int) -> Iterator[str]:
        """The articles holding ``value`` to compare with one of ``size`` shingles (see above)."""
        if value not in self._crowded:
            yield from self._postings.get(value, ())
            return
        sizes, by_size = self._crowded[value]
        middle = bisect.bisect_right(sizes, size)
        for step, stop in ((-1, -1), (1, len(sizes))):
            wanted, index = CANDIDATES_PER_SHARED_HASH, middle - 1 if step < 0 else middle
            while wanted > 0 and index != stop:
                keys = by_size[sizes[index]]
                taken = keys[-wanted:] if step < 0 else keys[:wanted]
                yield from taken
                wanted, index = wanted - len(taken), index + step


def near_duplicate_pairs(articles: list[Article], hashes: dict[str, np.ndarray] | None = None,
                         known: Callable[[str, str], bool] | None = None) -> Iterator[tuple[str, str, float]]:
    """(earlier id, later id, similarity) for each candidate pair of near-duplicate articles, by
    later article, then earlier (a repeated id counts once, at its first place).

    ``hashes`` maps article ids to their shingle_hashes when they are already computed. The
    candidates come from one sort of every sketch: the articles holding a sketch value, ordered
    by size (then place), each paired with the CANDIDATES_PER_SHARED_HASH before it; every
    candidate is scored exactly. ``known(earlier, later)`` is asked first, as the pairs are
    produced: a pair it says is already known to be one story is not scored (nor produced).
    """
    texts = {}
    for article in articles:
        texts.setdefault(article.id, article.text)
    ids = list(texts)
    own = [hashes[article_id] if hashes else shingle_hashes(texts[article_id]) for article_id in ids]
    later_ids, earlier_ids = _candidate_pairs(own)
    for later, earlier in zip(later_ids.tolist(), earlier_ids.tolist()):
        if known and known(ids[earlier], ids[later]):
            continue
        score = jaccard(own[earlier], own[later])
        if score >= NEAR_DUPLICATE_THRESHOLD:
            yield ids[earlier], ids[later], round(score, 3)


def _candidate_pairs(own: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(later, earlier) indexes of the candidate pairs of the documents with shingles ``own``,
    by later, then earlier, leaving out the pairs whose sizes alone rule out the threshold.

    The documents holding a sketch value are put in order of size (then of place) and each is
    paired with the CANDIDATES_PER_SHARED_HASH before it: every pair when at most that many plus
    one hold the value, and when hundreds do, a document's CANDIDATES_PER_SHARED_HASH next in size
    on either side. A document has at most 2 × SKETCH_SIZE × CANDIDATES_PER_SHARED_HASH
    candidates, whatever the corpus.
    """
    sketches = [article_hashes[:SKETCH_SIZE] for article_hashes in own]
    values = np.concatenate([np.zeros(0, dtype=np.uint64), *sketches])
    documents = np.repeat(np.arange(len(own)), [len(sketch) for sketch in sketches])
    sizes = np.array([len(article_hashes) for article_hashes in own])
    by_value = np.lexsort((documents, sizes[documents], values))  # a document's sketch holds a value once
    values, documents = values[by_value], documents[by_value]
    after_same = np.zeros(len(values), dtype=bool)  # the value is in the sketch before too
    after_same[1:] = values[1:] == values[:-1]
    in_run = after_same.copy()  # or in the one after; most values are in one sketch only: set aside
    in_run[:-1] |= after_same[1:]
    documents, after_same = documents[in_run], after_same[in_run]
    run_starts = np.flatnonzero(~after_same)
    run_start = np.repeat(run_starts, np.diff(np.append(run_starts, len(documents))))
    # Each pair as one integer ordering it by later document, then earlier.
    keys = [np.zeros(0, dtype=np.int64)]
    reaching = np.arange(len(documents))  # the places with a document ``back`` places before them in their run
    for back in range(1, CANDIDATES_PER_SHARED_HASH + 1):
        reaching = reaching[reaching - back >= run_start[reaching]]
        if not len(reaching):
            break
        first, second = documents[reaching - back], documents[reaching]
        # Distinct at once: runs of values that the same documents hold give the same pairs.
        keys.append(np.unique(np.maximum(first, second) * len(own) + np.minimum(first, second)))
    later, earlier = np.divmod(np.unique(np.concatenate(keys)), len(own))
    # Exact pruning: the similarity of two sets is at most the smaller's size over the larger's,
    # so a pair whose ratio of sizes is under the threshold is no match (boilerplate shared by
    # hundreds of articles of every length makes most of a large corpus's candidates such pairs).
    reachable = np.minimum(sizes[later], sizes[earlier]) / np.maximum(sizes[later], sizes[earlier]) >= NEAR_DUPLICATE_THRESHOLD
    return later[reachable], earlier[reachable]


def story_groups(articles: list[Article], hashes: dict[str, np.ndarray] | None = None) -> dict[str, str]:
    """Map every article id to the id of the first article of its story (itself if unique).

    A story is a set of articles joined by near-duplicate pairs; a candidate pair of two articles
    already joined through others is not scored, so many copies of one story cost about one
    comparison each.
    """
    parent = {article.id: article.id for article in articles}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    order = {article.id: position for position, article in enumerate(articles)}
    for first, second, _ in near_duplicate_pairs(articles, hashes, known=lambda a, b: root(a) == root(b)):
        a, b = sorted((root(first), root(second)), key=order.get)
        parent[b] = a
    return {article_id: root(article_id) for article_id in parent}
