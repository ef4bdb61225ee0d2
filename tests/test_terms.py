"""The analyzer: how text becomes 1- to 3-word terms (country vs pronoun, stop words, breaks)."""

import pytest

from briefing.terms import _TOKEN, STOP_WORDS, extract_terms, normalize, tokens


def words_of(terms):
    return {word for term in terms for word in term.split(" ")}


@pytest.mark.parametrize("spelling", ["U.S.", "US", "U.S", "USA"])
def test_the_country_survives_as_one_term_in_every_spelling(spelling):
    terms = extract_terms(f"{spelling} officials met. Tariffs hurt {spelling} farmers.")
    assert terms.count("u.s.") == 2
    assert "u.s. officials" in terms and "u.s. farmers" in terms


def test_the_pronoun_us_is_a_stop_word_but_the_country_is_not():
    terms = extract_terms("Let us be clear, Us first: the US told us that U.S. tariffs stay.")
    assert "us" not in words_of(terms)
    assert terms.count("u.s.") == 2
    assert "us" in STOP_WORDS and "u.s." not in STOP_WORDS


@pytest.mark.parametrize(
    "word",
    [
        "the", "of", "which", "would",  # function words
        "said", "says", "told", "added", "according", "stated", "noted", "asked",  # reporting verbs
        "Tuesday", "Monday", "August", "Aug",  # weekdays and months
        "copyright", "advertisement", "reply", "subscribe", "newsletter", "email",  # web boilerplate
    ],
)
def test_stop_words_never_become_terms_or_sit_inside_an_ngram(word):
    text = f"Officials {word} export controls. Export controls {word} national security {word} trade secrets."
    terms = extract_terms(text)
    assert word.lower() not in words_of(terms)
    assert {"export controls", "national security", "trade secrets"} <= set(terms)


def test_ngrams_never_cross_punctuation_quotes_or_numbers():
    terms = extract_terms("Export controls, technology “security” 2023 tariffs $700bn chips; rules.")
    assert "export controls" in terms
    glued = {"controls technology", "technology security", "security tariffs", "tariffs chips", "chips rules"}
    assert not glued & set(terms)


def test_numbers_amounts_and_ordinals_are_not_terms():
    terms = extract_terms("In 2023, on the 28th, $700bn and 1.13bn and 76% in the 1990s")
    assert terms == []


def test_the_phrase_rights_reserved_goes_but_human_rights_stays():
    terms = extract_terms("All rights reserved. Human rights were raised.")
    assert "human rights" in terms
    assert terms.count("rights") == 1 and "reserved" not in words_of(terms)


def test_curly_apostrophes_and_possessives_fold_into_the_name():
    assert extract_terms("China’s commerce ministry") == extract_terms("China's commerce ministry")
    assert "china commerce ministry" in extract_terms("China’s commerce ministry")
    assert "didn’t" not in extract_terms("Raimondo didn’t discuss tariffs") and "didn't" in STOP_WORDS


def test_initials_do_not_split_names():
    assert "president joe biden" in extract_terms("President Joe R. Biden met Xi.")


def test_one_letter_tokens_compounds_and_acronyms_survive():
    text = "Huawei 5G gear, F-16 jets, posts on X, the E.U. and Covid-19 rules, people-to-people ties."
    terms = extract_terms(text)
    assert {"5g", "f-16", "x", "e.u.", "covid-19", "people-to-people ties"} <= set(terms)


def test_every_stop_word_is_spelled_as_the_tokenizer_spells_it():
    # The stop list went through the same normalisation: each entry, read as text, is dropped.
    assert all(extract_terms(word) == [] for word in STOP_WORDS)
    assert "don't" in STOP_WORDS and "don’t" not in STOP_WORDS
    assert extract_terms("We don’t and won’t") == []


def test_terms_come_as_unigrams_bigrams_and_trigrams_in_order():
    assert extract_terms("reduce U.S. export controls") == [
        "reduce", "u.s.", "export", "controls",
        "reduce u.s.", "u.s. export", "export controls",
        "reduce u.s. export", "u.s. export controls",
    ]


def test_tokens_mark_every_break_with_an_empty_string():
    assert tokens("U.S. tariffs, 2023: chips") == ["u.s.", "tariffs", "", "", "", "chips"]


def test_tokens_are_those_of_one_scan_over_the_whole_text():
    # tokens() reads whitespace-separated chunks; the result must be the single scan's, whatever
    # the spacing (Unicode spaces, separators), scripts, digits inside words or marks on letters.
    texts = [
        "U.S.-China talks, 2023: Raimondo\u00a0said\u2009“no”\u3000to 5G and F-16s; e.g.China's $700bn.",
        "naïve cafe\u0301 résumé Ⅻ x² 1990s 28th 3d 10bn\x1cfile\x1dgroup u.k.-based don’t rock’n’roll",
        "İstanbul ſtate ǅemal Ǆ — «quotes» (brackets) [links](http://a.b) __init__ _x_ ’tis",
        "", "   \n\t ", "中国 商务部 said, 北京",
    ]
    for text in texts:
        assert tokens(text) == _TOKEN.findall(normalize(text)), text
