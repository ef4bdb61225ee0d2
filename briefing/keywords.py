"""Keywords: the terms that characterise the corpus, each article, and each side's statements.

Three questions from the analyst, three functions over one analyzer:

- ``corpus_keywords`` — which terms characterise the whole corpus and each article
  (TF-IDF with sublinear term frequency, scikit-learn's ``TfidfVectorizer``);
- ``side_keywords`` — which terms one side uses distinctively compared with the other side(s)
  (log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008,
  "Fightin' Words"), with each term's raw count per side for a Scattertext-style chart;
- ``extract_terms`` — the analyzer both share: a text's 1- to 3-word terms.

How text becomes terms (``extract_terms``):

1. The country is told apart from the pronoun *before* lowercasing: "U.S.", "U.S", "US" and
   "USA" (upper case in the text) become the term ``u.s.``, while the pronoun "us" (lower case,
   or "Us" opening a sentence) stays ``us`` and is a stop word. An all-capitals "US" meaning the
   pronoun (a shouted headline) is read as the country; news text rarely does that.
2. Name initials are dropped ("Joe R. Biden" → "joe biden") so the period after an initial does
   not split a name; curly apostrophes become straight ones and the possessive "'s" goes
   ("China’s" → ``china``), so a name and its possessive are one term.
3. Tokens are words (one letter is enough, so "x" or "5g" survive), hyphenated compounds
   ("people-to-people", "f-16", "covid-19") and contractions ("didn't", a stop word).
4. Stop words, punctuation and numbers ("2023", "$700bn", "28th", "1990s") are *breaks*:
   terms are the 1-, 2- and 3-grams inside each run of tokens between two breaks. So an n-gram
   never contains a stop word or crosses a comma, a quotation mark or a sentence end:
   "reduce U.S. export controls on technology" gives "reduce u.s. export controls" and
   "technology", never "controls technology". The price: a name with a function word inside
   ("Secretary of State") appears as its parts.

The stop list (``STOP_WORDS``) is our own, not scikit-learn's "english" list (which holds "us"
and drops content words such as "interest", "side", "serious" or "bill"): English function words,
neutral reporting verbs ("said", "told", "according", ...), weekdays, months and other time
words, number words, and web boilerplate ("copyright", "advertisement", "reply", "subscribe",
"newsletter", "email", ...). It goes through the same normalisation as article text, so its
entries match what the tokenizer produces ("don’t" and "don't" are one entry). "rights" is not a
stop word ("human rights" is an issue), so the phrase "rights reserved" is removed as a whole.

Everything here is a pure function of its inputs; results are deterministic, with ties broken
by term.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

#: The shortest and longest terms, in words.
NGRAM_RANGE = (1, 3)

#: Below this many documents every term counts (min_df=1, no max_df): with five articles a term
#: in one article may be exactly what sets it apart, and "in nearly every document" means
#: little. From this size on, terms must occur in two documents and terms in more than
#: ``COMMON_TERM_SHARE`` of them are dropped as corpus-wide filler.
SMALL_CORPUS_DOCUMENTS = 50
COMMON_TERM_SHARE = 0.95

#: Scores are rounded to this many decimals, so ties are exact and broken by term.
SCORE_DECIMALS = 6

# --- Stop list -----------------------------------------------------------------------------

_FUNCTION_WORDS = """
a an the this that these those each every either neither some any no none all both few many
much more most less least other others another such same own several enough whole
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves one ones oneself
who whom whose which what whatever whoever whichever whomever
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought need dare
don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't isn't aren't wasn't weren't
haven't hasn't hadn't mustn't needn't shan't mightn't ain't i'm i've i'll i'd we're we've we'll
we'd you're you've you'll you'd he'll he'd she'll she'd they're they've they'll they'd
it'll that'll there'll let's
about above across after against along alongside amid amidst among amongst around as at
before behind below beneath beside besides between beyond by despite down during except for
from in inside into like near of off on onto out outside over past per since than through
throughout till to toward towards under underneath unlike until unto up upon via with within
without including
and but or nor so yet if then else because although though while whilst whereas whether
unless once when whenever where wherever why how however thus therefore hence also too
not only just very really quite rather still even ever never always often sometimes already
again further furthermore moreover meanwhile instead here there now anyway otherwise perhaps
maybe almost nearly yes etc vs mr mrs ms dr
"""

#: Verbs and phrases that report speech without saying anything about its content. Stance verbs
#: ("urged", "warned", "rejected") are kept: they carry meaning.
_REPORTING_WORDS = """
say says said saying tell tells told telling add adds added adding according stated stating
note noted noting ask asks asked asking explain explains explained explaining describe
describes described describing write writes wrote written report reported reportedly quote
quoted quoting remark remarked comment commented
"""

_TIME_WORDS = """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
today yesterday tomorrow tonight morning afternoon evening night day days week weeks month
months year years ago earlier later last next
"""

_NUMBER_WORDS = """
zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred hundreds thousand thousands million millions billion billions trillion bn mn tn
percent cent first second third fourth fifth
"""

#: Words that only web pages put around articles (footers, comment forms, promos).
_BOILERPLATE_WORDS = """
copyright advertisement advertisements sponsored reply replies subscribe subscribes subscribed
subscriber subscribers subscription subscriptions unsubscribe newsletter newsletters email emails
e-mail inbox cookie cookies login log-in signup sign-up password click clicking reserved updated
"""

#: Fragments a contraction or possessive leaves when the apostrophe was typed as a space.
_FRAGMENTS = "s t d ll m re ve"

# --- Normalisation and tokens --------------------------------------------------------------

# "U.S.", "U.S", "US", "USA", "U.S.A." as written (upper case), before lowercasing.
_COUNTRY = re.compile(r"\bU\.S\.(?:A\.)?|\bU\.?SA?\b")
COUNTRY_TERM = "u.s."
# An initial inside a name: "Joe R. Biden", "J. K. Rowling".
_INITIAL = re.compile(r"\b[A-Z]\.\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"'s\b")
_BOILERPLATE_PHRASE = re.compile(r"\brights reserved\b")
# One pass finds every token and every break. Only words are captured, so ``findall`` returns
# "" for a number, an amount or a punctuation mark: the break marker, at no extra cost.
_TOKEN = re.compile(
    r"\d[\d.,]*(?:bn|tn|mn|m|k|s|st|nd|rd|th|pc)?(?!\w)"  # numbers, amounts, ordinals, decades
    r"|(u\.s\.|\w+(?:['-]\w+)*)"  # the country, words, compounds, contractions
    r"|[^\w\s]"  # punctuation
)


def normalize(text: str) -> str:
    """``text`` lowercased, with the country written ``u.s.``, initials and possessives removed.

    Input: any text. Output: the text the tokenizer reads (see the module notes for why the
    country is rewritten before lowercasing).
    """
    text = _COUNTRY.sub(COUNTRY_TERM, text)
    text = _INITIAL.sub("", text)
    text = text.lower().replace("’", "'").replace("ʼ", "'")
    text = _POSSESSIVE.sub("", text)
    return _BOILERPLATE_PHRASE.sub(" , ", text)


def _stop_words(*groups: str) -> frozenset[str]:
    # Read the stop list through the same normalisation and tokenizer as article text, so an
    # entry matches the token the text produces.
    words = chain.from_iterable(_TOKEN.findall(normalize(word)) for group in groups for word in group.split())
    return frozenset(word for word in words if word)


#: Every token that ends a run instead of becoming a term. "" is the tokenizer's break marker.
STOP_WORDS = _stop_words(
    _FUNCTION_WORDS, _REPORTING_WORDS, _TIME_WORDS, _NUMBER_WORDS, _BOILERPLATE_WORDS, _FRAGMENTS
)
_BREAKS = STOP_WORDS | {""}


def extract_terms(text: str) -> list[str]:
    """The 1-, 2- and 3-word terms of ``text``, with repeats (unigrams, then bigrams, trigrams).

    Input: raw or cleaned text. Output: terms made only of non-stop tokens that stand next to
    each other in the text with no punctuation, number or stop word between them.
    """
    # Per-token work is three list comprehensions: at corpus scale this analyzer runs for every
    # token of every article, so it avoids function calls and regex passes per token.
    tokens = [token if token not in _BREAKS else "" for token in _TOKEN.findall(normalize(text))]
    following = tokens[1:]
    terms = [token for token in tokens if token]
    terms += [a + " " + b for a, b in zip(tokens, following) if a and b]
    terms += [a + " " + b + " " + c for a, b, c in zip(tokens, following, tokens[2:]) if a and b and c]
    return terms


# --- Records -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keyword:
    """A term and how strongly it characterises a text or corpus (mean or single TF-IDF)."""

    term: str
    score: float


@dataclass(frozen=True)
class SideTerm:
    """A term that characterises one side's statements against the other side(s).

    ``score`` is the z-score of the log-odds ratio (positive: used more by ``side``; about 2
    and above is unlikely by chance); ``counts`` maps every side to the term's raw frequency in
    that side's text, in the order the sides were given (the axes of a frequency chart).
    """

    term: str
    score: float
    side: str
    counts: Mapping[str, int] = field(hash=False)


# --- Corpus and article keywords (TF-IDF) --------------------------------------------------


def document_frequency_limits(n_documents: int) -> tuple[int, float]:
    """``(min_df, max_df)`` for a corpus of ``n_documents`` (see ``SMALL_CORPUS_DOCUMENTS``)."""
    if n_documents < SMALL_CORPUS_DOCUMENTS:
        return 1, 1.0
    return 2, COMMON_TERM_SHARE


def corpus_keywords(
    texts: Mapping[str, str], top_n: int = 25
) -> tuple[list[Keyword], dict[str, list[Keyword]]]:
    """The top terms of the corpus and of each article, by phrase-weighted TF-IDF.

    Input: article id → text. Output: ``(corpus, articles)``: ``corpus`` lists the ``top_n``
    terms with the highest mean TF-IDF over all articles, ``articles`` maps every article id (in
    input order) to its ``top_n`` terms by TF-IDF in that article. An article without terms
    (empty, or only stop words) gets an empty list.

    Two adjustments make the lists read as an analyst would write them (see ``rank_terms``):
    a term's score is its TF-IDF times the square root of its length in words, and a term is
    left out when a longer term containing it scores at least as high ("secrets" always inside
    "trade secrets" is shown once, as the phrase). Each article's vector is L2-normalised, so
    long articles do not dominate the corpus list.
    """
    ids = list(texts)
    empty: dict[str, list[Keyword]] = {article_id: [] for article_id in ids}
    if not ids:
        return [], empty
    min_df, max_df = document_frequency_limits(len(ids))
    # The callable analyzer replaces scikit-learn's preprocessing, tokenizing, stop words and
    # n-grams (so ngram_range and stop_words are not passed: they would be ignored).
    vectorizer = TfidfVectorizer(analyzer=extract_terms, sublinear_tf=True, min_df=min_df, max_df=max_df)
    try:
        matrix = vectorizer.fit_transform([texts[article_id] for article_id in ids]).tocsr()
    except ValueError:
        # scikit-learn's way of saying no term is left: every text is empty or stop words, or
        # the document-frequency limits pruned everything.
        return [], empty
    # Columns are in term order (the vectorizer sorts its vocabulary), so ranking ties broken
    # by column are broken by term.
    terms = vectorizer.get_feature_names_out()
    weights = np.sqrt(np.fromiter((term.count(" ") + 1 for term in terms), dtype=float, count=len(terms)))
    columns = np.arange(len(terms))
    corpus = rank_terms(terms, columns, np.asarray(matrix.mean(axis=0)).ravel() * weights, top_n)
    articles = {}
    for row, article_id in enumerate(ids):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        indices = matrix.indices[start:end]
        articles[article_id] = rank_terms(terms, indices, matrix.data[start:end] * weights[indices], top_n)
    return corpus, articles


def rank_terms(terms: Sequence[str], columns: np.ndarray, scores: np.ndarray, top_n: int) -> list[Keyword]:
    """The ``top_n`` best-scoring terms that are not fragments of a better phrase.

    Input: ``terms`` (sorted), the ``columns`` of ``terms`` that have a score and their
    ``scores``. Output: Keywords with a positive score, best first, ties broken by term
    (scores are rounded to ``SCORE_DECIMALS`` first, so near-equal floats tie). A term is left
    out when a longer term containing it (as whole words) scores at least as high.
    """
    rounded = np.round(scores, SCORE_DECIMALS)
    positive = rounded > 0
    columns, rounded = columns[positive], rounded[positive]
    order = np.lexsort((columns, -rounded))
    # A term can only be absorbed by a better-scoring one, so a prefix of the ranking is enough;
    # it grows only when absorption leaves fewer than top_n.
    pool_size = 4 * top_n
    while True:
        ranked = [(str(terms[columns[i]]), float(rounded[i])) for i in order[:pool_size]]
        kept = _without_fragments(ranked)
        if len(kept) >= top_n or pool_size >= len(order):
            return kept[:top_n]
        pool_size *= 4


def _without_fragments(ranked: list[tuple[str, float]]) -> list[Keyword]:
    best_container: dict[str, float] = {}
    for term, score in ranked:
        if " " in term:
            for fragment in _fragments(term):
                if score > best_container.get(fragment, 0.0):
                    best_container[fragment] = score
    return [Keyword(term, score) for term, score in ranked if best_container.get(term, 0.0) < score]


def _fragments(term: str) -> list[str]:
    """The shorter terms inside ``term``: "a b c" → a, b, c, "a b", "b c"."""
    words = term.split(" ")
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1) if j - i < len(words)]


# --- Side keywords (Fightin' Words) --------------------------------------------------------


def side_keywords(side_texts: Mapping[str, Sequence[str]], top_n: int = 20) -> dict[str, list[SideTerm]]:
    """Each side's most distinctive terms against all other sides, by log-odds z-score.

    Input: side → the texts attributed to it (sentences, quotes), e.g. ``{"US": [...],
    "China": [...]}``. Output: side → up to ``top_n`` SideTerms with a positive z-score, best
    first (ties by term); a side with no text, or whose terms are no more its own than the
    others', gets an empty list. Texts are analysed one by one, so no term spans two quotes.

    Method (Monroe, Colaresi & Quinn 2008, eq. 22, one side against the rest): with counts
    ``y_i`` (this side), ``y_j`` (all others), totals ``n_i`` and ``n_j`` and the prior
    ``alpha`` = the combined counts of all sides (``alpha_0`` = their total),
    ``delta = log((y_i+a)/(n_i+a0-y_i-a)) - log((y_j+a)/(n_j+a0-y_j-a))`` and
    ``z = delta / sqrt(1/(y_i+a) + 1/(y_j+a))``. The prior shrinks rare terms towards no
    difference, so one stray word cannot top the list.
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
    combined = counts.sum(axis=0)
    prior, prior_total = combined, combined.sum()
    for row, side in enumerate(sides):
        own = counts[row]
        if not own.any():
            continue
        scores = _log_odds_z(own, combined - own, prior, prior_total)
        rounded = np.round(scores, SCORE_DECIMALS)
        candidates = np.flatnonzero((own > 0) & (rounded > 0))
        # vocabulary is sorted, so sorting by index breaks ties by term
        order = candidates[np.lexsort((candidates, -rounded[candidates]))][:top_n]
        result[side] = [
            SideTerm(
                vocabulary[i],
                float(rounded[i]),
                side,
                {other: int(counts[k, i]) for k, other in enumerate(sides)},
            )
            for i in order
        ]
    return result


def _term_counts(texts: Iterable[str]) -> Counter[str]:
    return Counter(chain.from_iterable(map(extract_terms, texts)))


def _log_odds_z(own: np.ndarray, rest: np.ndarray, prior: np.ndarray, prior_total: float) -> np.ndarray:
    """z-scores of the log-odds ratio of each term, ``own`` counts against ``rest`` counts."""
    own_total, rest_total = own.sum(), rest.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        own_log_odds = np.log(own + prior) - np.log(own_total + prior_total - own - prior)
        rest_log_odds = np.log(rest + prior) - np.log(rest_total + prior_total - rest - prior)
        variance = 1.0 / (own + prior) + 1.0 / (rest + prior)
        z = (own_log_odds - rest_log_odds) / np.sqrt(variance)
    # A one-term vocabulary has no "other terms" to compare odds with (log of 0): no evidence.
    return np.where(np.isfinite(z), z, 0.0)
