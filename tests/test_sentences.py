"""Sentence segmentation of news prose, with offsets into the text."""

import pytest

from briefing.sentences import split_sentences
from support import seed


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. Commerce Secretary Gina Raimondo arrived. She met officials.",
         ["U.S. Commerce Secretary Gina Raimondo arrived.", "She met officials."]),
        ("They met on Monday, Aug. 28, 2023. Talks followed.",
         ["They met on Monday, Aug. 28, 2023.", "Talks followed."]),
        ("China's No. 2 leader, Premier Li Qiang, spoke. He smiled.",
         ["China's No. 2 leader, Premier Li Qiang, spoke.", "He smiled."]),
        ("Mr. Li and Ms. Wang met Dr. Smith. It went well.",
         ["Mr. Li and Ms. Wang met Dr. Smith.", "It went well."]),
        ("President Joe R. Biden and J. K. Rowling met. Nobody expected it.",
         ["President Joe R. Biden and J. K. Rowling met.", "Nobody expected it."]),
        ("“Of course, I said no,” Raimondo said. “We don’t negotiate.”",
         ["“Of course, I said no,” Raimondo said.", "“We don’t negotiate.”"]),
        ("'It is settled,' she said. \"Is it?\" he asked. Yes!",
         ["'It is settled,' she said.", "\"Is it?\" he asked.", "Yes!"]),
        ("Tariffs rose in the U.S. The market fell.", ["Tariffs rose in the U.S.", "The market fell."]),
        ("The meeting ended at 3 p.m. The ministers left.", ["The meeting ended at 3 p.m.", "The ministers left."]),
        ("Exports to the U.S. Commerce Department's list grew.", ["Exports to the U.S. Commerce Department's list grew."]),
        ("He said: “We will meet again.” The date is open.", ["He said: “We will meet again.”", "The date is open."]),
    ],
)
def test_sentences_split_where_a_reader_would(text, expected):
    assert [sentence.text for sentence in split_sentences(text)] == expected


def test_paragraph_breaks_always_end_a_sentence():
    sentences = split_sentences("A line without a stop\n\nNext paragraph starts here.")
    assert [s.text for s in sentences] == ["A line without a stop", "Next paragraph starts here."]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_sentence_offsets_index_the_cleaned_text(prefix):
    article = seed(prefix)
    assert article.sentences, "every seed has sentences"
    for position, sentence in enumerate(article.sentences):
        assert sentence.index == position
        assert article.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_seed_sentences_are_not_cut_at_abbreviations():
    texts = [s.text for s in seed("000").sentences]
    assert ("During a visit to revive frosty relations, Raimondo said she conveyed complaints to officials "
            "including China’s No. 2 leader, Premier Li Qiang, about Chinese restrictions on U.S. technology "
            "companies.") in texts
    assert not any(text.endswith(("U.S.", "No.")) for text in texts)
