from briefing.wording import plural


def test_plural_uses_the_singular_for_exactly_one_and_the_plural_otherwise():
    assert plural(1, "issue") == "1 issue"
    assert plural(0, "issue") == "0 issues"
    assert plural(2, "article") == "2 articles"


def test_plural_takes_an_irregular_form_and_groups_thousands():
    assert plural(3, "person", "people") == "3 people"
    assert plural(1200, "quote") == "1,200 quotes"
