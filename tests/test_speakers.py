"""Speaker phrases: the stretch of text a subject or an inverted speaker is looked for in."""

from briefing import config
from briefing.speakers import leading_noun_phrase, trailing_noun_phrase, words_after, words_before

REACH = config.SPEAKER_PHRASE_REACH


def test_words_before_a_position_are_at_most_the_reach_and_start_with_a_whole_word():
    text = "word " * 1_000 + "Commerce Secretary Gina Raimondo"
    stretch = words_before(text, len(text))
    assert len(stretch) <= REACH and stretch.split()[0] == "word" and stretch.endswith("Gina Raimondo")
    assert words_before("short text", 10) == "short text"
    assert words_before("x" * (REACH + 10), REACH + 10) == ""  # one unbroken word fills the reach


def test_words_after_a_position_are_at_most_the_reach_and_end_with_a_whole_word():
    text = "Premier Li Qiang of China " + "word " * 1_000
    stretch = words_after(text, 0, len(text))
    assert len(stretch) <= REACH and stretch.startswith("Premier Li Qiang") and stretch.split()[-1] == "word"
    assert words_after("a short text", 2, 12) == "short text"


def test_a_subject_is_found_at_the_end_of_any_length_of_text():
    # Only the last words are read: a long sentence before the subject costs nothing more.
    assert trailing_noun_phrase("the talks went on " * 5_000 + "and Commerce Secretary Gina Raimondo") == \
        "Commerce Secretary Gina Raimondo"
    assert leading_noun_phrase("Premier Li Qiang, " + "who went on " * 5_000) == "Premier Li Qiang"
