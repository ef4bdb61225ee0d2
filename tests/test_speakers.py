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


def test_a_pronoun_is_resolved_among_the_speakers_and_names_before_it_not_those_after():
    # The positions are found after every quote is attributed: a pronoun early in a long article
    # once read every later speaker and name too, time growing with the square of the article.
    from briefing.scenario import load_scenario
    from briefing.speakers import SpeakerResolver

    class CountingList(list):
        reads = 0

        def __getitem__(self, index):
            CountingList.reads += 1
            return super().__getitem__(index)

        def __reversed__(self):
            for item in super().__reversed__():
                CountingList.reads += 1
                yield item

    text = "Gina Raimondo spoke. " + "Wang Wentao said more. " * 2_000
    cast = SpeakerResolver(load_scenario(config.SCENARIO_FILE)).cast(text)
    for mention in cast.mentions[1:]:
        cast.remember(mention.start, cast.person(mention.start, "Wang"))
    cast.speakers, cast.mentions = CountingList(cast.speakers), CountingList(cast.mentions)
    assert cast.last_speaker(15, "she").name == "Gina Raimondo" and CountingList.reads <= 50
