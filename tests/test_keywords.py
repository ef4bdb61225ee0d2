"""Keywords: terms that read like an analyst's, TF-IDF per corpus and article, Fightin' Words per side."""

import math
from collections import Counter
from functools import cache

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from briefing.ingest import read_folder
from briefing import keywords
from briefing.keywords import SideTerm, corpus_keywords, document_frequency_limits, side_keywords, term_count_matrix
from briefing.terms import extract_terms
from support import SEEDS_DIR

# Our own small texts, in the house styles the corpus mixes (AP, FT, SCMP, wire copy).
TEXTS = {
    "ap": (
        "BEIJING (AP) — U.S. Commerce Secretary Gina Raimondo said Tuesday she rebuffed an appeal "
        "to ease U.S. export controls on technology. “We don’t negotiate on matters of national "
        "security,” she told reporters. The two sides agreed experts would discuss trade secrets."
    ),
    "ft": (
        "US commerce secretary Gina Raimondo began a tour of China on Monday with a warning that "
        "Washington would not bend on national security. China’s commerce minister Wang Wentao "
        "raised export controls and said trade secrets protection mattered to both sides."
    ),
    "scmp": (
        "China urges the US to lift sanctions on Chinese companies, Beijing's read-out added. "
        "Copyright © 2024 South China Morning Post Publishers Ltd. All rights reserved. Advertisement"
    ),
    "wire": (
        "WASHINGTON, Aug 29 (Reuters) - The U.S. added 27 Chinese entities to its export controls "
        "list in August 2023, according to a notice; $700bn of trade is at stake. Reply | Subscribe "
        "to our newsletter by email."
    ),
}

SAMPLE_BANNED = ["said", "copyright", "advertisement", "reply"]


@cache
def sample_articles():
    articles, errors = read_folder(SEEDS_DIR)
    assert not errors and len(articles) == 5
    return tuple(articles)


@cache
def sample_keywords():
    return corpus_keywords({article.id: article.text for article in sample_articles()})


def words_of(terms):
    return {word for term in terms for word in term.split(" ")}


# --- Corpus and article keywords ----------------------------------------------------------


def test_the_country_is_a_corpus_keyword_and_the_pronoun_never_is():
    texts = {
        "a": "The US told us that tariffs stay.",
        "b": "U.S. officials worry us.",
        "c": "Allies of the US pay us.",
    }
    corpus, articles = corpus_keywords(texts)
    assert "u.s." in [keyword.term for keyword in corpus]
    assert "us" not in words_of(keyword.term for keyword in corpus)
    assert all("us" not in words_of(keyword.term for keyword in kept) for kept in articles.values())


# --- Counting and TF-IDF -------------------------------------------------------------------


def sentence_corpus():
    """More than 50 short documents: every sentence of the sample articles."""
    return [sentence.text for article in sample_articles() for sentence in article.sentences]


# Terms whose order as strings differs from the order of their first words, or of their codes:
# "trade war" < "trade-war" < "tradewar", "a b" < "ab", non-ASCII letters after ASCII ones.
PREFIX_TERMS = ["Trade war talks. Trade-war fears. Tradewar blog. Trade. War trade.",
                "Café trade war. Cafe trade. Trade warfare talks. U.K. trade war. Ab initio a b.",
                "Élan trade war talks resumed. Zed café trade. A b c."]


@pytest.mark.parametrize("corpus", ["own texts", "sample sentences", "prefix terms"])
def test_term_counts_are_exactly_scikit_learns_count_vectorizer(corpus):
    documents = {"own texts": list(TEXTS.values()), "sample sentences": sentence_corpus(),
                 "prefix terms": PREFIX_TERMS}[corpus]
    min_df, max_df = document_frequency_limits(len(documents))
    counts, terms = term_count_matrix(documents, min_df, max_df)
    expected = CountVectorizer(analyzer=extract_terms, min_df=min_df, max_df=max_df)
    expected_counts = expected.fit_transform(documents)
    assert terms.tolist() == expected.get_feature_names_out().tolist()
    assert (counts != expected_counts).nnz == 0


@pytest.mark.parametrize("top_n", [1, 3, 25])
def test_all_rows_ranked_at_once_are_each_row_ranked_alone(top_n):
    # The sample's sentences as documents: phrases and their fragments compete in many rows, and
    # with top_n 1 or 3 the pool of 2 × top_n often loses most entries to absorption.
    counts = keywords._TermCounts.of(sentence_corpus())
    scores = keywords._tfidf(counts)
    ranked = keywords._rank_rows(scores.matrix, scores.terms, scores.weights,
                                 counts.fragment_positions(scores.columns), top_n)
    matrix = scores.matrix
    alone = [keywords._rank(scores.terms, matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]],
                            matrix.data[matrix.indptr[row]:matrix.indptr[row + 1]]
                            * scores.weights[matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]]], top_n)
             for row in range(matrix.shape[0])]
    assert ranked == alone
    assert sum(" " in k.term for row in ranked for k in row) > 20  # phrases compete with their words


def test_term_counts_per_document_match_the_analyzer_on_that_document():
    documents = list(TEXTS.values()) + ["", "the of and"]
    counts, terms = term_count_matrix(documents)
    for row, document in enumerate(documents):
        found = {terms[j]: int(counts[[row], [j]][0]) for j in counts[[row], :].nonzero()[1]}
        assert found == Counter(extract_terms(document))


def test_tfidf_is_scikit_learns_tfidf_vectorizer_with_sublinear_tf():
    documents = sentence_corpus()
    min_df, max_df = document_frequency_limits(len(documents))
    vectorizer = TfidfVectorizer(analyzer=extract_terms, sublinear_tf=True, min_df=min_df, max_df=max_df)
    expected = vectorizer.fit_transform(documents)
    corpus, _ = corpus_keywords(dict(enumerate(documents)), top_n=5)
    terms = vectorizer.get_feature_names_out().tolist()
    mean = np.asarray(expected.mean(axis=0)).ravel()
    for keyword in corpus:  # score = mean TF-IDF × √words
        column = terms.index(keyword.term)
        assert keyword.score == pytest.approx(mean[column] * math.sqrt(keyword.term.count(" ") + 1), abs=1e-6)


def test_document_frequency_limits_relax_for_small_corpora():
    assert document_frequency_limits(5) == (1, 1.0)
    min_df, max_df = document_frequency_limits(8000)
    assert min_df == 2 and 0.9 <= max_df < 1.0


def test_in_a_large_corpus_terms_in_every_document_or_only_one_are_not_corpus_keywords():
    texts = {f"doc{i}": f"Boilerplate words here. Tariffs matter{i % 3}. Term{i} alone." for i in range(60)}
    corpus, articles = corpus_keywords(texts, top_n=50)
    terms = [keyword.term for keyword in corpus]
    assert "boilerplate words" not in terms and "tariffs" not in terms  # in every document
    assert not any(term.startswith("term") for term in terms)  # in one document only
    assert "tariffs matter0" in terms  # in a third of them
    # with five articles, a term in every article still counts
    small, _ = corpus_keywords(dict(list(texts.items())[:5]))
    assert "boilerplate words" in [keyword.term for keyword in small]


# --- Corpus and article keywords -----------------------------------------------------------


def test_sample_corpus_keywords_name_the_issues_as_phrases():
    corpus, _ = sample_keywords()
    terms = [keyword.term for keyword in corpus]
    assert len(terms) == 25
    assert {"export controls", "national security", "trade secrets"} <= set(terms)


def test_sample_keywords_hold_no_reporting_verbs_or_boilerplate():
    corpus, articles = sample_keywords()
    every_term = [keyword.term for keyword in corpus] + [k.term for kept in articles.values() for k in kept]
    assert not words_of(every_term) & set(SAMPLE_BANNED)


def test_every_sample_article_has_its_own_keywords():
    _, articles = sample_keywords()
    assert list(articles) == [article.id for article in sample_articles()]
    assert all(len(kept) == 25 for kept in articles.values())
    assert all(kept[0].score >= kept[-1].score > 0 for kept in articles.values())


def test_a_word_only_ever_seen_inside_a_phrase_is_shown_as_the_phrase():
    corpus, articles = corpus_keywords(TEXTS)
    terms = [keyword.term for keyword in corpus]
    assert "trade secrets" in terms and "secrets" not in terms
    assert "export controls" in terms and "controls" not in terms
    assert "secrets" not in [keyword.term for keyword in articles["ap"]]


def test_an_article_without_terms_gets_an_empty_list_and_nothing_fails():
    texts = {"empty": "", "stop": "The of and, said Tuesday.", "real": "Tariffs rose."}
    corpus, articles = corpus_keywords(texts)
    assert articles["empty"] == [] and articles["stop"] == []
    assert [keyword.term for keyword in articles["real"]] == ["tariffs rose"]
    assert corpus_keywords({}) == ([], {})
    assert corpus_keywords({"a": "", "b": "the"}) == ([], {"a": [], "b": []})


def test_keywords_are_deterministic_and_ties_go_by_term():
    texts = {"one": "Zulu, alpha; mike. Tariffs rose.", "two": "Tariffs rose again."}
    first = corpus_keywords(texts)
    assert corpus_keywords(texts) == first
    reordered = corpus_keywords(dict(reversed(list(texts.items()))))
    assert reordered[0] == first[0] and reordered[1] == first[1]  # the corpus list ignores input order
    tied = [keyword.term for keyword in first[1]["one"] if keyword.term in {"zulu", "alpha", "mike"}]
    assert tied == ["alpha", "mike", "zulu"]


# --- Side keywords -------------------------------------------------------------------------

SIDES = {
    "US": [
        "We are not compromising or negotiating in matters of national security.",
        "There is no room to compromise on national security, Raimondo said.",
        "We seek healthy competition with China.",
    ],
    "China": [
        "Excessive generalization of national security is not conducive to normal trade.",
        "China urges the US to lift sanctions on Chinese companies.",
        "The US should stop the suppression of Chinese companies.",
    ],
}


def test_a_term_only_one_side_uses_characterises_that_side():
    result = side_keywords(SIDES)
    china = {term.term: term for term in result["China"]}
    assert "chinese companies" in china
    assert china["chinese companies"].score > 0
    assert china["chinese companies"].counts == {"US": 0, "China": 2}
    assert "chinese companies" not in [term.term for term in result["US"]]
    assert "seek healthy competition" in [term.term for term in result["US"]]


def test_a_term_both_sides_use_alike_characterises_neither():
    result = side_keywords(
        {"US": ["National security matters.", "Tariffs hurt farmers."],
         "China": ["National security matters.", "Sanctions hurt companies."]}
    )
    assert [term.term for term in result["US"]] == ["tariffs hurt farmers"]
    assert [term.term for term in result["China"]] == ["sanctions hurt companies"]


def test_side_terms_use_the_same_analyzer():
    result = side_keywords(SIDES)
    for side, terms in result.items():
        assert all(isinstance(term, SideTerm) and term.side == side for term in terms)
    every_word = words_of(term.term for terms in result.values() for term in terms)
    assert not every_word & {"said", "the", "us", "we"}
    assert "u.s." in [term.term for term in result["China"]]


def test_a_side_without_text_gets_an_empty_list():
    result = side_keywords({"US": SIDES["US"], "China": [], "other": []})
    assert result["China"] == [] and result["other"] == []
    assert side_keywords({"US": [], "China": []}) == {"US": [], "China": []}
    assert side_keywords({}) == {}


def test_side_terms_carry_every_sides_count_in_the_given_order():
    sides = {"China": SIDES["China"], "other": ["Analysts expect more talks."], "US": SIDES["US"]}
    result = side_keywords(sides)
    for terms in result.values():
        for term in terms:
            assert list(term.counts) == ["China", "other", "US"]
            assert term.counts[term.side] > 0


def test_side_scores_follow_the_log_odds_with_the_combined_counts_as_prior():
    # "alpha" 3 times on side A, once on side B; "beta" once on A, 3 times on B.
    result = side_keywords({"A": ["alpha. alpha. alpha. beta."], "B": ["beta. beta. beta. alpha."]})
    y_i, y_j, n_i, n_j = 3, 1, 4, 4
    prior, prior_total = 4, 8
    delta = math.log((y_i + prior) / (n_i + prior_total - y_i - prior)) - math.log(
        (y_j + prior) / (n_j + prior_total - y_j - prior)
    )
    z = delta / math.sqrt(1 / (y_i + prior) + 1 / (y_j + prior))
    assert [(term.term, term.score) for term in result["A"]] == [("alpha", pytest.approx(z, abs=1e-6))]
    assert [term.term for term in result["B"]] == ["beta"]


def test_side_keywords_are_deterministic_and_ties_go_by_term():
    sides = {"US": ["Zulu. Alpha. Mike. Tariffs."], "China": ["Tariffs. Sanctions."]}
    first = side_keywords(sides)
    assert side_keywords(sides) == first
    assert [term.term for term in first["US"]] == ["alpha", "mike", "zulu"]
