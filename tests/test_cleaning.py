"""Cleaning: boilerplate out, every paragraph of prose in, small repairs made."""

import pytest

from briefing.cleaning import clean_text, normalise_inline
from support import fixture, seed

# For each seed: pieces of boilerplate that must be gone, and real sentences that must stay.
SEED_CLEANING = {
    "000": (
        ["date 2023-08-30", "30 August,2023 03:48 am", "BEIJING (AP) —"],
        [
            "U.S. Commerce Secretary Gina Raimondo said she rebuffed an appeal Tuesday by Chinese leaders",
            "“Of course, I said no,” Raimondo said.",
            "The two governments agreed Monday to exchange information about U.S. export controls.",
            "didn’t get the sense her Chinese counterparts were motivated by the downturn.",
        ],
    ),
    "001": (
        ["(AP Photo/Andy Wong, Pool)", "Upcoming Events", "BEIJING --"],
        [
            "Commerce Secretary Gina Raimondo said she and her Chinese counterpart agreed Monday",
            "Raimondo said the information exchange will hold its first meeting today.",
            "The decision \"may have helped grease the wheels for Raimondo's trip,\" said Anna Ashton",
            "Last week, Washington approved a $500 million arms sale to Taiwan",
        ],
    ),
    "002": (
        ["Receive the latest developments", "Svlook", "Leave a Reply", "Your email address", "Required fields"],
        [
            "U.S. and Chinese officials will begin a new dialogue on export controls on Tuesday",
            "Wang Yi said that “excessive generalization of national security",
            "Raimondo also agreed to meet with China’s commerce minister at least once a year.",
        ],
    ),
    "003": (
        ["Do you have questions", "SCMP Knowledge", "originally appeared", "For more SCMP stories",
         "Copyright", "All rights reserved", "Advertisement"],
        [
            "US President Joe Biden's restrictions on hi-tech trade with China came to a head",
            "\"China urges the US to pay attention to the specific concerns of Chinese companies",
            "However, the meeting turned quickly to \"serious concerns\" about Biden's restrictions.",
        ],
    ),
    "004": (
        ["[China](#)", "](#)", "\\$", "Copyright", "Getty Images", "6 HOURS AGO", "US-China relations"],
        [
            "China is incensed at efforts by US president Joe Biden to continue tightening restrictions on "
            "technology-related exports",
            "is part of efforts by Washington to put the bilateral relationship with China on a firmer footing.",
            "Raimondo said the US-China trade relationship, worth $700bn, was one of the world’s most significant",
            "“a more favourable policv environment” and “inject stronger impetus",
            "There would also be annual minister-level meetings.",
        ],
    ),
}


@pytest.mark.parametrize("prefix", sorted(SEED_CLEANING))
def test_seed_boilerplate_is_removed_from_the_text(prefix):
    gone, _ = SEED_CLEANING[prefix]
    text = seed(prefix).text
    for piece in gone:
        assert piece not in text


@pytest.mark.parametrize("prefix", sorted(SEED_CLEANING))
def test_seed_prose_survives_cleaning(prefix):
    _, kept = SEED_CLEANING[prefix]
    text = seed(prefix).text
    for sentence in kept:
        assert sentence in text


@pytest.mark.parametrize("prefix", sorted(SEED_CLEANING))
def test_every_prose_paragraph_of_the_raw_text_survives(prefix):
    """Each long line of the raw file reappears in the cleaned text, unless it was removed."""
    article = seed(prefix)
    removed = {line.text for line in article.removed} | set(article.captions)
    flat_text = " ".join(article.text.split())
    for raw_line in article.raw_text.splitlines():
        line = normalise_inline(raw_line)
        header = (article.title or "-", article.standfirst or "-")
        if len(line.split()) < 12 or line in removed or line.endswith(header):
            continue
        body = line.split(" — ", 1)[-1].split(" -- ", 1)[-1]  # a dateline prefix is metadata
        assert body[:60] in flat_text, line


def test_repeated_caption_is_removed_once_and_the_first_kept_as_caption():
    article = seed("001")
    reasons = [line.reason for line in article.removed]
    assert reasons.count("repeated photo caption") == 1
    assert len(article.captions) == 1
    assert "Andy Wong" not in article.text


def test_removed_lines_are_kept_with_their_reason_for_audit():
    reasons = {line.reason for line in seed("002").removed}
    assert reasons == {"newsletter promo", "comment form", "stray one-word line"}


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Sign up for our free morning newsletter", "newsletter promo"),
        ("Subscribe to get the latest news in your inbox", "newsletter promo"),
        ("Do you have questions about the markets? Get the answers with Example Explainers.", "platform promo"),
        ("Download the Example News app", "platform promo"),
        ("Leave a Comment", "comment form"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Most Read", "related-content list"),
        ("© 2023 Example Times. All rights reserved.", "copyright footer"),
        ("This story was first published in the Daily Example.", "syndication note"),
        ("For more Example Post stories, visit our website.", "syndication note"),
        ("Reporting by Jane Doe; Editing by John Roe", "credit line"),
        ("(Reporting by Jane Doe in Washington; Editing by John Roe)", "credit line"),
    ],
)
def test_each_kind_of_boilerplate_has_a_generic_rule(line, reason):
    raw = f"A headline\n\n{'Officials met on Monday to discuss trade and export controls in Beijing. ' * 2}\n\n{line}\n"
    article, _ = clean_text(raw)
    assert [(removed.text, removed.reason) for removed in article.removed] == [(line, reason)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright disputes between the two countries have grown sharply over the past decade.",
        "Subscribers in China reported that the app was blocked for most of the week.",
        "Related talks on export controls will take place in Washington next month.",
        "Advertisement spending by Chinese brands in the US fell sharply last year.",
    ],
)
def test_prose_that_resembles_boilerplate_is_kept(sentence):
    raw = f"A headline\n\nOfficials met on Monday to discuss trade and export controls in Beijing at length.\n\n{sentence}\n"
    article, _ = clean_text(raw)
    assert sentence in article.text
    assert article.removed == ()


def test_markdown_residue_and_escapes_are_reduced_to_text():
    assert normalise_inline(r"worth \$700bn with [China](#) and [a link](https://example.com/x)") == (
        "worth $700bn with China and a link"
    )
    assert normalise_inline("**Bold** words ![logo](https://example.invalid/x.png) stay") == "Bold words stay"
    assert normalise_inline("## A heading") == "A heading"


def test_a_link_target_with_brackets_leaves_no_residue():
    assert normalise_inline("Read [click here](javascript:alert(1)) now") == "Read click here now"
    assert normalise_inline("See [Xi](https://en.wikipedia.org/wiki/Xi_(name)) and ![x](a(b).png)") == "See Xi and"
    assert normalise_inline('A logo ![Logo](logo.png "The logo") here') == "A logo here"


def test_sentence_split_across_a_blank_line_is_rejoined():
    raw = ("Headline\n\nThe minister said the two sides would continue\n\n"
           "talking about export controls next week in Washington.\n")
    article, _ = clean_text(raw)
    assert "would continue talking about export controls" in article.text


def test_paragraph_ending_in_punctuation_is_not_joined_to_a_lowercase_one():
    raw = "Headline\n\nOfficials met on Monday in Beijing to talk about trade policy.\n\nmeanwhile, markets rose.\n"
    article, _ = clean_text(raw)
    assert article.text.split("\n\n") == [
        "Officials met on Monday in Beijing to talk about trade policy.",
        "meanwhile, markets rose.",
    ]


def test_hard_wrapped_text_is_reflowed_into_paragraphs():
    words = ("Officials from both countries met in Beijing on Monday to discuss export controls and the "
             "trade relationship between the two largest economies in the world, and agreed to meet again. ")
    paragraph = words * 3
    lines, line = [], ""
    for word in paragraph.split():
        if len(line) + len(word) > 70:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    raw = "\n".join(lines) + "\n\n" + "\n".join(lines) .replace("Officials", "Diplomats") + "\n"
    article, _ = clean_text(raw)
    assert len(article.text.split("\n\n")) == 2
    assert "\n" not in article.text.split("\n\n")[0]


def test_bullet_points_of_a_readout_stay_in_the_text():
    text = fixture("readout_bullets.md").text
    assert "- Establish a bilateral working group on counternarcotics cooperation" in text
    assert "logo" not in text


def test_header_date_token_is_taken_off_the_title():
    article, header_date = clean_text(" date 2023-08-30 Talks resume in Beijing\n\nOfficials met today in Beijing for long talks on trade.\n")
    assert header_date == "2023-08-30"
    assert article.title == "Talks resume in Beijing"


@pytest.mark.parametrize("marker", ["###", "-30-", "- ENDS -"])
def test_a_press_release_end_marker_removes_itself_and_the_contact_lines_after_it(marker):
    prose = "The department announced new rules on Tuesday after months of talks with industry. " * 2
    raw = f"A headline\n\n{prose}\n\n{marker}\n\nMedia Contact:\n\nOffice of Public Affairs, (202) 482-4883\n"
    article, _ = clean_text(raw)
    assert article.text == prose.strip()
    assert [(line.text, line.reason) for line in article.removed] == [
        (marker, "end of release"), ("Media Contact:", "end of release"),
        ("Office of Public Affairs, (202) 482-4883", "end of release")]


@pytest.mark.parametrize("line, cleaned", [
    ("a **bold** word", "a bold word"), ("__also__ bold", "also bold"), ("***a***", "*a*"),
    ("**not closed and ** not bold", "**not closed and ** not bold"), ("** spaced** stays", "** spaced** stays"),
    ("**a **b** c", "a **b c"), ("**x__ y__ z**", "x__ y__ z"), ("snake__case__name", "snakecasename"),
])
def test_bold_markers_are_removed_around_a_span_that_opens_and_closes_on_a_non_space(line, cleaned):
    assert normalise_inline(line) == cleaned


def test_a_line_of_thousands_of_unclosed_bold_markers_keeps_them():
    line = "**the talks " * 5_000
    assert normalise_inline(line) == line.strip()


def test_a_link_whose_text_is_longer_than_any_real_one_is_left_as_written():
    # A link's text is read at most config.MARKUP_TEXT_REACH characters past its "[", so a line of
    # thousands of unclosed brackets costs linear time.
    from briefing import config

    short, long = "[the talks](https://example.com)", "[" + "talks " * config.MARKUP_TEXT_REACH + "](https://example.com)"
    assert normalise_inline(short) == "the talks" and normalise_inline(long) == long


def test_thousands_of_continued_lines_are_joined_into_one_paragraph():
    # Each line carries on the sentence (it starts in lower case and the one before has no stop).
    lines = [f"the talks went on for day {day} and" for day in range(5_000)]
    article, _ = clean_text("Talks resume\n\nThe talks went on in Beijing and\n" + "\n".join(lines) + "\nended there.\n")
    assert article.text.splitlines()[-1] == " ".join(["The talks went on in Beijing and", *lines, "ended there."])
