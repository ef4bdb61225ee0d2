from briefing.wording import plural


def test_plural_uses_the_singular_for_exactly_one_and_the_plural_otherwise():
    assert plural(1, "issue") == "1 issue"
    assert plural(0, "issue") == "0 issues"
    assert plural(2, "article") == "2 articles"


def test_plural_takes_an_irregular_form_and_groups_thousands():
    assert plural(3, "person", "people") == "3 people"
    assert plural(1200, "quote") == "1,200 quotes"


def test_a_long_sentence_note_names_the_sentence_or_the_sentences_and_their_length():
    from briefing.wording import long_sentence_note

    assert long_sentence_note(11, 11, 40_000, "quotes", 1_000) == \
        "sentence 12 is 40,000 characters long: each of its quotes carries the 1,000 characters either side as its evidence"
    assert long_sentence_note(2, 4, 9_000, "quotes", 1_000).startswith("sentences 3–5 are 9,000 characters long together:")
