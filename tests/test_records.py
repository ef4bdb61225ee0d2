"""Records: what travels between processes and into the saved analysis comes back the same."""

import pickle

from briefing.records import Sentence
from support import fixture, seed


def test_an_article_comes_back_from_a_pickle_equal_with_its_sentences():
    for article in (seed("001"), fixture("readout_bullets.md")):
        again = pickle.loads(pickle.dumps(article))
        assert again == article
        assert again.sentences == article.sentences and len(again.sentences) > 5
        assert all(type(sentence) is Sentence and sentence.text == again.text[sentence.start:sentence.end]
                   for sentence in again.sentences)


def test_sentences_travel_as_bounds_not_as_copies_of_the_text():
    article = seed("001")
    assert len(pickle.dumps(article)) < len(pickle.dumps((article.raw_text, article.text, article.sentences)))


def test_an_unpickled_article_cuts_its_sentences_only_when_read_and_travels_on_unchanged_before():
    article = seed("001")
    unread = pickle.loads(pickle.dumps(article))
    assert "sentences" not in vars(unread)  # still bounds
    passed_on = pickle.loads(pickle.dumps(unread))  # pickled again before anyone read them
    assert passed_on.sentences == unread.sentences == article.sentences
    assert "sentences" in vars(unread)
    assert not hasattr(unread, "no_such_field")  # other missing attributes are still missing
