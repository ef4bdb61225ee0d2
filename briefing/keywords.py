"""Keywords: the terms that characterise the corpus, each article, and each side's statements.

Three questions from the analyst, three functions over one analyzer:

- ``corpus_keywords`` — which terms characterise the whole corpus and each article
  (TF-IDF with sublinear term frequency: the matrix of scikit-learn's ``TfidfVectorizer``
  with this analyzer, counted faster, see ``term_count_matrix``);
- ``side_keywords`` — which terms one side uses distinctively compared with the other side(s)
  (log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008,
  "Fightin' Words"), with each term's raw count per side for a Scattertext-style chart;
- ``term_count_matrix`` — the 1- to 3-word terms of many documents at once, exactly as
  ``briefing.terms.extract_terms`` (the analyzer both share, described there) gives them.

Everything here is a pure function of its inputs; results are deterministic, with ties broken
by term.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from briefing.collector import collector_paused
from briefing.terms import BREAKS, TOKEN_SEPARATOR, extract_terms, joined_tokens

#: Below this many documents every term counts (min_df=1, no max_df): with five articles a term
#: in one article may be exactly what sets it apart, and "in nearly every document" means
#: little. From this size on, terms must occur in two documents and terms in more than
#: ``COMMON_TERM_SHARE`` of them are dropped as corpus-wide filler.
SMALL_CORPUS_DOCUMENTS = 50
COMMON_TERM_SHARE = 0.95

#: Scores are rounded to this many decimals, so ties are exact and broken by term.
SCORE_DECIMALS = 6

# --- Records -------------------------------------------------------------------------------


class Keyword(NamedTuple):
    """A term and how strongly it characterises an article or the corpus.

    ``score`` is the term's TF-IDF in the article (for the corpus: its mean over articles)
    times the square root of the term's length in words; see ``corpus_keywords``. A named
    tuple: a corpus has tens of thousands (every article's list), built and pickled cheaply.
    """

    term: str
    score: float


@dataclass(frozen=True)
class SideTerm:
    """A term that characterises one side's statements against the other side(s).

    ``score`` is the z-score of the log-odds ratio (positive: used more by ``side``; beyond
    about 1.96 a difference that large is unlikely by chance); ``counts`` maps every side to the
    term's raw frequency in that side's text, in the order the sides were given (the axes of a
    Scattertext-style frequency chart).
    """

    term: str
    score: float
    side: str
    counts: Mapping[str, int] = field(hash=False)


# --- Term counts -------------------------------------------------------------------------


def term_count_matrix(
    documents: Sequence[str], min_df: int = 1, max_df: float = 1.0
) -> tuple[sparse.csr_array, np.ndarray]:
    """How often each term occurs in each document.

    Input: texts, and the document-frequency limits: a term is kept when it occurs in at least
    ``min_df`` documents and in at most a ``max_df`` share of them. Output: ``(counts,
    terms)``, a documents × terms CSR array of counts and the kept terms as a sorted object
    array (column ``j`` counts ``terms[j]``).

    The result is exactly what scikit-learn's ``CountVectorizer(analyzer=extract_terms,
    min_df=..., max_df=...)`` builds (the tests check it), computed differently for speed:
    scikit-learn counts every term occurrence in a Python loop, which for 1- to 3-grams costs
    more than TF-IDF itself. Here only the tokenizer runs per document; tokens are numbered
    once (in C++, see ``number_tokens``), n-grams are formed as integer pairs and triples of
    neighbouring word tokens with numpy, and strings are built only for the terms kept.
    """
    return _TermCounts.of(documents).kept(min_df, max_df)


@dataclass(frozen=True)
class _TermCounts:
    """Every term's count in every document, before any document-frequency limit.

    Tokenizing is the costly part; the limits and the term strings depend on which documents
    are compared, so one tokenization serves several document subsets (see ``rows``).
    """

    counts: sparse.csr_array  # documents × columns: tokens by code, then bigrams, then trigrams
    vocabulary: np.ndarray
    bigram_keys: np.ndarray
    trigram_keys: np.ndarray
    trigram_second_pairs: np.ndarray  # for each trigram, the bigram id of its second and third words
    vocabulary_ranks: np.ndarray  # each token's place in the alphabetical order of the vocabulary

    @classmethod
    def of(cls, documents: Sequence[str], numbered: NumberedTokens | None = None) -> _TermCounts:
        """Counts for ``documents``; ``numbered`` are their tokens (``number_tokens``) when already known."""
        n_documents = len(documents)
        if numbered is None:
            numbered = number_tokens([joined_tokens(document) for document in documents])
        lengths, codes, vocabulary, is_break = numbered  # the vocabulary holds stop words and "" too
        n_tokens = len(vocabulary)
        is_word = ~is_break
        document_of = np.repeat(np.arange(n_documents, dtype=np.int64), lengths)

        # Position i starts a bigram when tokens i and i+1 are words of the same document, and a
        # trigram when i and i+1 both start bigrams: the rule extract_terms applies to one text.
        word_at = is_word[codes]
        bigram_at = word_at[:-1] & word_at[1:] & (document_of[:-1] == document_of[1:])
        trigram_at = bigram_at[:-1] & bigram_at[1:]
        unigrams = np.flatnonzero(word_at)
        bigrams = np.flatnonzero(bigram_at)
        trigrams = np.flatnonzero(trigram_at)
        # A bigram is numbered by its pair of token codes, a trigram by (its first bigram, its third
        # token), so every key stays below n_tokens² and fits an int64 at any realistic vocabulary.
        bigram_ids, bigram_keys = pd.factorize(codes[bigrams] * n_tokens + codes[bigrams + 1])
        bigram_id_at = np.zeros(len(bigram_at), dtype=np.int64)
        bigram_id_at[bigrams] = bigram_ids
        trigram_ids, trigram_keys = pd.factorize(bigram_id_at[trigrams] * n_tokens + codes[trigrams + 2])
        trigram_second_pairs = np.zeros(len(trigram_keys), dtype=np.int64)
        trigram_second_pairs[trigram_ids] = bigram_id_at[trigrams + 1]  # its last two words, a bigram too

        # Columns: tokens by code, then bigrams, then trigrams. Stop-word columns stay empty.
        first_bigram_column = n_tokens
        first_trigram_column = n_tokens + len(bigram_keys)
        rows = np.concatenate((document_of[unigrams], document_of[bigrams], document_of[trigrams]))
        columns = np.concatenate(
            (codes[unigrams], first_bigram_column + bigram_ids, first_trigram_column + trigram_ids)
        )
        shape = (n_documents, first_trigram_column + len(trigram_keys))
        counts = sparse.csr_array((np.ones(len(columns)), (rows, columns)), shape=shape)  # repeats are summed
        return cls(counts, vocabulary, bigram_keys, trigram_keys, trigram_second_pairs, _alphabetical_ranks(vocabulary))

    def rows(self, documents: Sequence[int]) -> _TermCounts:
        """The counts of some documents only (by position), for limits computed on them alone."""
        return replace(self, counts=self.counts[np.asarray(documents, dtype=np.int64)])

    def kept(self, min_df: int, max_df: float) -> tuple[sparse.csr_array, np.ndarray]:
        """``term_count_matrix``'s result: the columns within the limits, in term order, named."""
        columns, names = self.kept_columns(min_df, max_df)
        return self.counts[:, columns], names

    def kept_columns(self, min_df: int, max_df: float) -> tuple[np.ndarray, np.ndarray]:
        """``(columns, terms)``: the columns within the limits, in term order, and their terms."""
        counts = self.counts
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        frequent_enough = document_frequency >= max(min_df, 1)  # at least 1: drops the empty columns
        not_too_common = document_frequency <= max_df * counts.shape[0]
        kept = np.flatnonzero(frequent_enough & not_too_common)
        names = _column_names(kept, self.vocabulary, self.bigram_keys, self.trigram_keys)
        order = np.lexsort(self._word_ranks(kept)[::-1])
        return kept[order], names[order]

    def words_per_term(self, columns: np.ndarray) -> np.ndarray:
        """How many words each column's term has (1, 2 or 3)."""
        n_tokens, n_bigrams = len(self.vocabulary), len(self.bigram_keys)
        return 1 + (columns >= n_tokens).astype(np.int64) + (columns >= n_tokens + n_bigrams)

    def fragment_positions(self, columns: np.ndarray) -> np.ndarray:
        """For each of ``columns``, the positions among them of the shorter terms inside its term.

        A row per column, five slots, -1 where there is none (or it is not among ``columns``):
        "a b" holds a and b; "a b c" holds a, b, c, "a b" and "b c" (``_fragments``, by number).
        """
        n_tokens, n_bigrams = len(self.vocabulary), len(self.bigram_keys)
        position_of = np.full(self.counts.shape[1], -1, dtype=np.int64)
        position_of[columns] = np.arange(len(columns))
        table = np.full((len(columns), 5), -1, dtype=np.int64)
        is_trigram = columns >= n_tokens + n_bigrams
        is_bigram = (columns >= n_tokens) & ~is_trigram
        first, second = np.divmod(self.bigram_keys[columns[is_bigram] - n_tokens], n_tokens)
        table[is_bigram, 0], table[is_bigram, 1] = position_of[first], position_of[second]
        trigrams = columns[is_trigram] - n_tokens - n_bigrams
        first_pair, third = np.divmod(self.trigram_keys[trigrams], n_tokens)
        first, second = np.divmod(self.bigram_keys[first_pair], n_tokens)
        table[is_trigram] = np.column_stack([position_of[first], position_of[second], position_of[third],
                                             position_of[n_tokens + first_pair],
                                             position_of[n_tokens + self.trigram_second_pairs[trigrams]]])
        return table

    def _word_ranks(self, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each column (ascending), the alphabetical ranks of its first, second and third words (-1: none).

        Sorting terms by these ranks sorts them as strings: a term's words hold no character
        below the space that joins them, so "a b" < "a-b" < "ab" either way. Integers sort many
        times faster than Python strings.
        """
        n_tokens, n_bigrams = len(self.vocabulary), len(self.bigram_keys)
        rank = self.vocabulary_ranks
        first, second, third = (np.full(len(columns), -1, dtype=np.int64) for _ in range(3))
        is_unigram, is_trigram = columns < n_tokens, columns >= n_tokens + n_bigrams
        is_bigram = ~is_unigram & ~is_trigram
        first[is_unigram] = rank[columns[is_unigram]]
        pair_first, pair_second = np.divmod(self.bigram_keys[columns[is_bigram] - n_tokens], n_tokens)
        first[is_bigram], second[is_bigram] = rank[pair_first], rank[pair_second]
        first_pair, last = np.divmod(self.trigram_keys[columns[is_trigram] - n_tokens - n_bigrams], n_tokens)
        pair_first, pair_second = np.divmod(self.bigram_keys[first_pair], n_tokens)
        first[is_trigram], second[is_trigram], third[is_trigram] = rank[pair_first], rank[pair_second], rank[last]
        return first, second, third


def _alphabetical_ranks(vocabulary: np.ndarray) -> np.ndarray:
    """Each string's place in the sorted ``vocabulary``. Arrow sorts by UTF-8 bytes, which order as
    Python orders code points, in C++."""
    order = pc.sort_indices(pa.array(vocabulary, type=pa.large_string())).to_numpy()
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order))
    return ranks


class NumberedTokens(NamedTuple):
    """Documents' tokens, each numbered: the keyword counts and the near-duplicate shingles read them."""

    lengths: np.ndarray  # tokens per document
    codes: np.ndarray  # every token's number, document after document
    vocabulary: np.ndarray  # the token of each number (stop words and the break marker "" too)
    is_break: np.ndarray  # for each number, whether its token ends a run of terms (terms.BREAKS)


def number_tokens(token_strings: Sequence[str]) -> NumberedTokens:
    """The tokens of documents given as ``terms.joined_tokens`` strings, numbered.

    Tokens are numbered in order of first appearance (as ``pd.factorize`` numbers them). Arrow
    splits and numbers them in C++: at corpus scale, a Python string per token cost more than
    the TF-IDF itself.
    """
    lists = pc.split_pattern(pa.array(token_strings, type=pa.large_string()), TOKEN_SEPARATOR)
    numbered = pc.dictionary_encode(lists.flatten())
    return NumberedTokens(pc.list_value_length(lists).to_numpy().astype(np.int64),
                          numbered.indices.to_numpy().astype(np.int64),
                          np.array(numbered.dictionary.to_pylist(), dtype=object),
                          pc.is_in(numbered.dictionary, value_set=_BREAK_TOKENS).to_numpy(zero_copy_only=False))


_BREAK_TOKENS = pa.array(sorted(BREAKS), type=pa.large_string())


def _column_names(
    columns: np.ndarray, vocabulary: np.ndarray, bigram_keys: np.ndarray, trigram_keys: np.ndarray
) -> np.ndarray:
    """The terms of ``columns`` (ascending) in ``term_count_matrix``'s column layout."""
    n_tokens, n_bigrams = len(vocabulary), len(bigram_keys)
    unigrams = columns[columns < n_tokens]
    bigrams = columns[(columns >= n_tokens) & (columns < n_tokens + n_bigrams)] - n_tokens
    trigrams = columns[columns >= n_tokens + n_bigrams] - n_tokens - n_bigrams

    def words(codes: np.ndarray) -> list[str]:
        return vocabulary[codes].tolist()

    names = words(unigrams)
    first, second = np.divmod(bigram_keys[bigrams], n_tokens)
    names += map(" ".join, zip(words(first), words(second)))
    first_pair, third = np.divmod(trigram_keys[trigrams], n_tokens)
    first, second = np.divmod(bigram_keys[first_pair], n_tokens)
    names += map(" ".join, zip(words(first), words(second), words(third)))
    return np.array(names, dtype=object)


# --- Corpus and article keywords (TF-IDF) --------------------------------------------------


def document_frequency_limits(n_documents: int) -> tuple[int, float]:
    """``(min_df, max_df)`` for a corpus of ``n_documents`` (see ``SMALL_CORPUS_DOCUMENTS``)."""
    if n_documents < SMALL_CORPUS_DOCUMENTS:
        return 1, 1.0
    return 2, COMMON_TERM_SHARE


def corpus_keywords(
    texts: Mapping[str, str], top_n: int = 25, corpus_ids: Iterable[str] | None = None,
    numbered: NumberedTokens | None = None,
) -> tuple[list[Keyword], dict[str, list[Keyword]]]:
    """The top terms of the corpus and of each article, by phrase-weighted TF-IDF.

    Input: article id → text, and optionally the ids that make up the corpus list (default:
    all; syndicated copies are left out of it so a story carried twice does not weigh twice).
    ``numbered`` (``number_tokens`` of the texts' ``terms.joined_tokens``, in the order of ``texts``)
    saves tokenizing again texts already tokenized elsewhere (worker processes do it with each
    article's other findings).
    Output: ``(corpus, articles)``: ``corpus`` lists the ``top_n`` terms with the highest mean
    TF-IDF over the corpus articles, ``articles`` maps every article id (in input order) to its
    ``top_n`` terms by TF-IDF in that article. An article without terms (empty, or only stop
    words) gets an empty list. Each list is what it would be if computed on its articles alone;
    the texts are tokenized once for both.

    TF-IDF is scikit-learn's, with sublinear term frequency (1 + log count), smoothed IDF and
    each article's vector L2-normalised (so long articles do not dominate the corpus list);
    document-frequency limits follow ``document_frequency_limits``. Two adjustments make the
    lists read as an analyst would write them: a term's score is its TF-IDF times the square
    root of its length in words (phrases are rarer than their words, and "export controls"
    says more than "controls"), and a term is left out when a longer term containing it scores
    at least as high ("secrets" always inside "trade secrets" is shown once, as the phrase).
    """
    ids = list(texts)
    all_counts = _TermCounts.of([texts[article_id] for article_id in ids], numbered)
    scores = _tfidf(all_counts)
    per_article = ({article_id: [] for article_id in ids} if scores.matrix is None else dict(zip(ids, _rank_rows(
        scores.matrix, scores.terms, scores.weights, all_counts.fragment_positions(scores.columns), top_n))))
    chosen = set(ids) if corpus_ids is None else set(corpus_ids)
    if len(chosen) < len(ids):
        scores = _tfidf(all_counts.rows([i for i, a in enumerate(ids) if a in chosen]))
    if scores.matrix is None:
        return [], per_article
    mean_scores = np.asarray(scores.matrix.mean(axis=0)).ravel() * scores.weights
    return _rank(scores.terms, np.arange(len(scores.terms)), mean_scores, top_n), per_article


class _Scores(NamedTuple):
    matrix: sparse.csr_array | None  # documents × terms, TF-IDF; None when no term is within the limits
    terms: np.ndarray  # sorted
    weights: np.ndarray  # √ of each term's words
    columns: np.ndarray  # each term's column in the _TermCounts


def _tfidf(term_counts: _TermCounts) -> _Scores:
    """The TF-IDF of the terms within the limits for that many documents."""
    min_df, max_df = document_frequency_limits(term_counts.counts.shape[0])
    columns, terms = term_counts.kept_columns(min_df, max_df)
    if not len(terms):
        return _Scores(None, terms, np.zeros(0), columns)
    # Imported here: scikit-learn takes most of a second to import, and a dashboard showing a saved
    # analysis (or a command that reads one) never computes TF-IDF.
    from sklearn.feature_extraction.text import TfidfTransformer

    matrix = sparse.csr_array(TfidfTransformer(sublinear_tf=True).fit_transform(term_counts.counts[:, columns]))
    # Columns are in term order, so ranking ties broken by column are broken by term.
    return _Scores(matrix, terms, np.sqrt(term_counts.words_per_term(columns)), columns)


def _rank(terms: np.ndarray, columns: np.ndarray, scores: np.ndarray, top_n: int) -> list[Keyword]:
    """The ``top_n`` best-scoring terms that are not fragments of a better phrase.

    Input: the sorted ``terms``, the ``columns`` of those that have a score, and the
    ``scores``. Output: Keywords with a positive score, best first, ties broken by term
    (scores are rounded to ``SCORE_DECIMALS`` first, so near-equal floats tie).
    """
    rounded = np.round(scores, SCORE_DECIMALS)
    order = np.lexsort((columns, -rounded))
    # A term is only absorbed by one scoring at least as high, so a prefix of the ranking is
    # enough; it grows only when absorption leaves fewer than top_n. (A container tied with its
    # fragment just past the cut would be missed, but with √words weights a tie needs raw
    # scores in a ratio of exactly √2 or √1.5.)
    pool_size = 2 * top_n
    while True:
        pool = order[:pool_size]
        kept = _without_fragments(terms[columns[pool]].tolist(), rounded[pool].tolist(), top_n)
        if len(kept) >= top_n or pool_size >= len(order):
            return kept
        pool_size *= 2


def _rank_rows(
    matrix: sparse.csr_array, terms: np.ndarray, weights: np.ndarray, fragments: np.ndarray, top_n: int
) -> list[list[Keyword]]:
    """``_rank`` for every row of ``matrix`` (scores = stored values × ``weights``), all rows at once.

    ``fragments`` holds each term's fragments by column (``_TermCounts.fragment_positions``). At
    thousands of articles a sort and a fragment check per row cost more than the TF-IDF itself,
    so all stored values are ranked in one sort and each row's best ``2 * top_n`` (the pool
    ``_rank`` starts from) are checked for fragments with array operations; Python builds only
    the Keywords kept.
    """
    matrix.sort_indices()  # columns ascending within each row: a stable sort then breaks ties by term
    indptr, indices = matrix.indptr, matrix.indices
    row_lengths = np.diff(indptr)
    units = np.rint(matrix.data * weights[indices] * 10**SCORE_DECIMALS).astype(np.int64)
    # One integer key orders by row, then by score, best first (a stable argsort of it is
    # several times faster than a three-key lexsort).
    row_of = np.repeat(np.arange(len(row_lengths), dtype=np.int64), row_lengths)
    order = np.argsort(row_of * (int(units.max(initial=0)) + 1) - units, kind="stable")
    pool_size = 2 * top_n
    pool = order[np.arange(len(order)) - indptr[row_of] < pool_size]
    kept = pool[_phrases_in_pools(row_of[pool], indices[pool], units[pool], fragments, len(terms), top_n)]
    keywords = list(map(_new_keyword, zip(terms[indices[kept]].tolist(), (units[kept] / 10**SCORE_DECIMALS).tolist())))
    bounds = np.searchsorted(row_of[kept], np.arange(len(row_lengths) + 1)).tolist()
    ranked = [keywords[bounds[row]:bounds[row + 1]] for row in range(len(row_lengths))]
    for row in np.flatnonzero((np.diff(bounds) < top_n) & (row_lengths > pool_size)).tolist():
        # so many fragments in the pool that fewer than top_n are left: rank the whole row
        row_slice = slice(indptr[row], indptr[row + 1])
        ranked[row] = _rank(terms, indices[row_slice], units[row_slice] / 10**SCORE_DECIMALS, top_n)
    return ranked


#: ``Keyword._make`` without its Python frame: tens of thousands are made per corpus.
_new_keyword = partial(tuple.__new__, Keyword)


def _phrases_in_pools(rows: np.ndarray, columns: np.ndarray, units: np.ndarray, fragments: np.ndarray,
                      n_terms: int, limit: int) -> np.ndarray:
    """``_phrase_positions`` for many pools at once: which entries are kept, as a boolean mask.

    Input: the pools' entries, row by row and best first within a row (row, term column, score in
    integer units). An entry is kept when its score is positive, no multi-word entry of its row
    containing its term scores at least as high, and fewer than ``limit`` entries of its row
    before it were kept.
    """
    # Every (row, fragment) a multi-word entry contains, with that entry's score as the container's;
    # a first container no entry has (key -1) keeps the arrays non-empty.
    holder, slot = np.nonzero(fragments[columns] >= 0)
    container_keys = np.concatenate(([-1], rows[holder] * n_terms + fragments[columns[holder], slot]))
    container_units = np.concatenate(([0], units[holder]))
    by_key = np.argsort(container_keys, kind="stable")
    container_keys, container_units = container_keys[by_key], container_units[by_key]
    starts = np.flatnonzero(np.concatenate(([True], container_keys[1:] != container_keys[:-1])))
    best_keys, best_units = container_keys[starts], np.maximum.reduceat(container_units, starts)
    # An entry is absorbed when the best container of its own (row, term) scores at least as high.
    keys = rows * n_terms + columns
    found = np.minimum(np.searchsorted(best_keys, keys), len(best_keys) - 1)
    absorbed = (best_keys[found] == keys) & (best_units[found] >= units)
    candidate = (units > 0) & ~absorbed
    # Keep the first ``limit`` candidates of each row: count the candidates before each entry.
    before = np.cumsum(candidate) - candidate
    row_start = np.searchsorted(rows, rows)  # rows are grouped, so this finds each row's first entry
    return candidate & (before - before[row_start] < limit)


def _without_fragments(ranked_terms: list[str], scores: list[float], limit: int) -> list[Keyword]:
    """Keywords for up to ``limit`` of the ranked terms (best first), fragments left out."""
    return [Keyword(ranked_terms[i], scores[i]) for i in _phrase_positions(ranked_terms, scores, limit)]


def _phrase_positions(ranked_terms: list[str], scores: list[float], limit: int) -> list[int]:
    """Positions of up to ``limit`` ranked terms with a positive score that no longer term absorbs.

    Input: terms ranked best first and their scores. A term is absorbed when a longer term
    containing it (as whole words) scores at least as high: the phrase says the same and more.
    """
    # Ranked best first, so walking backwards leaves each fragment with its best container.
    best_container = {
        fragment: score
        for term, score in zip(reversed(ranked_terms), reversed(scores))
        if " " in term
        for fragment in _fragments(term)
    }
    kept = []
    for position, (term, score) in enumerate(zip(ranked_terms, scores)):
        if score > 0 and best_container.get(term, 0.0) < score:
            kept.append(position)
            if len(kept) == limit:
                break
    return kept


def _fragments(term: str) -> list[str]:
    """The shorter terms inside a 2- or 3-word ``term``: "a b c" → a, b, c, "a b", "b c"."""
    words = term.split(" ")
    if len(words) == 2:
        return words
    first, middle, last = words
    return [first, middle, last, first + " " + middle, middle + " " + last]


# --- Side keywords (Fightin' Words) --------------------------------------------------------


def side_keywords(side_texts: Mapping[str, Sequence[str]], top_n: int = 20) -> dict[str, list[SideTerm]]:
    """Each side's most distinctive terms against all other sides, by log-odds z-score.

    Input: side → the texts attributed to it (sentences, quotes), e.g. ``{"US": [...],
    "China": [...]}``. Output: side → up to ``top_n`` SideTerms the side uses and that score
    above zero, best first (ties by term), each with its raw count on every side. A side with
    no text gets an empty list, and so does every side when the others have no text (nothing
    to be distinctive against). Texts are analysed one by one with ``extract_terms``, so no
    term spans two quotes; as in ``corpus_keywords``, a term is left out when a longer term
    containing it scores at least as high.

    Method (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 22, one side against the
    rest): with counts ``y_i`` (this side) and ``y_j`` (all others), totals ``n_i`` and ``n_j``
    (over all 1- to 3-word terms), and the informative Dirichlet prior ``a`` = the combined
    counts of all sides, unscaled (``a0`` = their total),
    ``delta = log((y_i+a)/(n_i+a0-y_i-a)) - log((y_j+a)/(n_j+a0-y_j-a))`` and
    ``z = delta / sqrt(1/(y_i+a) + 1/(y_j+a))``. The prior shrinks rare terms towards no
    difference, so a word said once cannot outrank one said ten times.
    """
    sides = list(side_texts)
    side_counts = {side: _term_counts(side_texts[side]) for side in sides}
    vocabulary = sorted(set().union(*side_counts.values()))
    result: dict[str, list[SideTerm]] = {side: [] for side in sides}
    if not vocabulary:
        return result
    counts = np.array(
        [[side_counts[side].get(term, 0) for term in vocabulary] for side in sides], dtype=float
    )
    combined = counts.sum(axis=0)  # also the prior
    for row, side in enumerate(sides):
        own = counts[row]
        if not own.any():
            continue
        scores = np.round(_log_odds_z(own, combined - own, prior=combined), SCORE_DECIMALS)
        candidates = np.flatnonzero((own > 0) & (scores > 0))
        # vocabulary is sorted, so ordering ties by index orders them by term
        ranked = candidates[np.lexsort((candidates, -scores[candidates]))].tolist()
        kept = _phrase_positions([vocabulary[i] for i in ranked], scores[ranked].tolist(), top_n)
        result[side] = [
            SideTerm(
                vocabulary[ranked[k]],
                float(scores[ranked[k]]),
                side,
                {other: int(counts[j, ranked[k]]) for j, other in enumerate(sides)},
            )
            for k in kept
        ]
    return result


def _term_counts(texts: Iterable[str]) -> Counter[str]:
    return Counter(chain.from_iterable(map(extract_terms, texts)))


def _log_odds_z(own: np.ndarray, rest: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """z-scores of each term's log-odds ratio, ``own`` counts against ``rest``, with ``prior``."""
    own_total, rest_total, prior_total = own.sum(), rest.sum(), prior.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        own_log_odds = np.log(own + prior) - np.log(own_total + prior_total - own - prior)
        rest_log_odds = np.log(rest + prior) - np.log(rest_total + prior_total - rest - prior)
        variance = 1.0 / (own + prior) + 1.0 / (rest + prior)
        z = (own_log_odds - rest_log_odds) / np.sqrt(variance)
    # A one-term vocabulary has no "other terms" to compare odds with (log of 0): no evidence.
    return np.where(np.isfinite(z), z, 0.0)
