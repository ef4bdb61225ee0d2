"""Metadata read from the text alone: title, outlet, date, byline, dateline."""

import pytest

from briefing.ingest import parse_article
from briefing.metadata import detect_outlet, is_caption, parse_byline, split_dateline
from briefing.records import ArticleText, RemovedLine
from support import fixture, seed

# (title, outlet, published, date source, confidence, year hint, byline, dateline)
SEED_EXPECTATIONS = {
    "000": ("US commerce secretary rejects Chinese appeal to ease export controls",
            "AP", "2023-08-30", "header", "high", None, None, "BEIJING"),
    "001": ("China, U.S. agree to talk exports",
            "AP", "2023-08-28", "photo caption", "low", None, None, "BEIJING"),
    "002": ("US and China to begin dialogue on export controls",
            None, None, None, None, None, None, None),
    "003": ("US tells China hi-tech trade limits are 'not negotiable' in meeting of commerce chiefs",
            "South China Morning Post", None, None, None, 2024, None, None),
    "004": ("US will not compromise with China on national security, says commerce secretary",
            "Financial Times", None, None, None, 2023, "Joe Leahy", None),
}

FIXTURE_EXPECTATIONS = {
    "reuters_dateline.txt": ("U.S., China agree to restart trade talks after months of silence",
                             "Reuters", "2023-11-15", "date line", "high", None,
                             "Jane Smith and Omar Haddad", "WASHINGTON"),
    "no_title.txt": (None, None, None, None, None, None, None, None),
    "press_transcript.txt": ("Regular Press Conference of the Ministry of Commerce",
                             "Ministry of Commerce of the People's Republic of China",
                             None, None, None, None, None, None),
    "readout_bullets.md": ("Readout of President Biden's Meeting with President Xi Jinping of the "
                           "People's Republic of China", None, "2023-11-15", "date line", "high",
                           None, None, None),
    "ap_yellen_guangzhou.txt": ("Yellen and Chinese vice premier agree to 'intensive exchanges' on China's "
                                "industrial overcapacity", "AP", "2024-04-07", "date line", "high", None,
                                "FATIMA HUSSEIN and DIDI TANG", "GUANGZHOU"),
    "no_quotes_afp.txt": ("China curbs exports of graphite as tech row deepens",
                          "AFP", "2023-10-20", "dateline", "high", None, None, "BEIJING"),
    "chinadaily_woodside_xi_biden.txt": ("Xi, Biden agree to resume military talks, set up working group on "
                                         "counternarcotics", None, "2023-11-17", "date line", "high", 2023,
                                         "ZHAO HUANXIN", None),
    "scmp_fentanyl_working_group.txt": ("China, US hold first counternarcotics working group talks in Beijing, agree "
                                        "on information sharing", None, "2024-01-30", "date line", "high", None,
                                        None, None),
    # a wire tag after a bare date, no dateline place
    "reuters_factbox_trade_talks.txt": ("FACTBOX-What the US and China want from the trade talks", "Reuters",
                                        "2025-05-09", "date line", "high", None, "Reuters Staff", None),
    # a header line giving the place before the date
    "useu_then_uschina_agreements.txt": ("US strikes tech pact with EU, then agrees export-control talks with China",
                                         None, "2023-10-05", "date line", "high", None, "Laura Mason", None),
}


def _metadata(article):
    published = article.published
    return (article.title, article.outlet, published.value, published.source, published.confidence,
            published.year_hint, article.byline, article.dateline)


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
def test_seed_metadata_matches_what_its_text_says(prefix):
    assert _metadata(seed(prefix)) == SEED_EXPECTATIONS[prefix]


@pytest.mark.parametrize("name", sorted(FIXTURE_EXPECTATIONS))
def test_own_article_metadata_matches_what_its_text_says(name):
    assert _metadata(fixture(name)) == FIXTURE_EXPECTATIONS[name]


def test_standfirst_and_section_label_are_read_from_the_header():
    assert seed("004").section == "US-China relations"
    assert seed("004").standfirst.startswith("Gina Raimondo also stresses economic stability")
    assert seed("001").standfirst == "Nations’ chilly relations persist with no concessions in sight"
    assert seed("002").standfirst is None


def test_metadata_never_comes_from_the_file_name():
    original = seed("002")
    misleading = parse_article(original.raw_text.encode(), "2019-01-01 Reuters Financial Times.txt")
    assert (misleading.outlet, misleading.published.value) == (None, None)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Q. Public, Reuters", "Jane Doe and John Q. Public"),
        ("Joe Leahy in Beijing 6 HOURS AGO", "Joe Leahy"),
        ("Demetri Sevastopulo in Washington", "Demetri Sevastopulo"),
        ("US-China relations", None),
        ("China, U.S. agree to talk exports", None),
        ("By the numbers", None),
    ],
)
def test_byline_names_the_authors_and_nothing_else(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "paragraph, place",
    [
        ("BEIJING (AP) — U.S. officials said", "BEIJING"),
        ("BEIJING -- Commerce Secretary Gina Raimondo said", "BEIJING"),
        ("WASHINGTON, Aug 29 (Reuters) - The talks", "WASHINGTON"),
        ("HONG KONG/BEIJING, Nov 15 (Reuters) - The talks", "HONG KONG/BEIJING"),
        ("Beijing (Xinhua) -- Chinese Vice Premier He Lifeng", "Beijing"),
        ("GUANGZHOU, China (AP) — U.S. Treasury Secretary", "GUANGZHOU"),  # AP: a city, then its country
        ("SAN FRANCISCO, Calif. (AP) — The talks", "SAN FRANCISCO"),
        ("May 9 (Reuters) - U.S. Treasury Secretary", None),  # a story with no dateline place
    ],
)
def test_dateline_place_is_split_from_the_first_paragraph(paragraph, place):
    found_place, prefix, rest = split_dateline(paragraph)
    assert found_place == place
    assert paragraph == f"{prefix} {rest}"
    assert rest[0].isupper()


@pytest.mark.parametrize(
    "paragraph",
    ["US commerce secretary Gina Raimondo said on Monday.", "U.S. Commerce Secretary Gina Raimondo - right", "AI - the race",
     "May 9 - the talks", "May 9 (tentatively) - the talks"],
)
def test_ordinary_openings_are_not_datelines(paragraph):
    assert split_dateline(paragraph) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Officials meet in Beijing, Monday, Aug. 28, 2023. (AP Photo/Andy Wong, Pool)", True),
        ("Raimondo and Burns attend a meeting on Monday © Andy Wong/Getty Images", True),
        ("Vice Premier He Lifeng arrives in London. REUTERS/Toby Melville", True),
        ("Raimondo said the meeting was productive.", False),
        ("Copyright © 2024 South China Morning Post Publishers Ltd.", False),
    ],
)
def test_photo_captions_are_recognised_by_their_credit(line, expected):
    assert is_caption(line) is expected


def test_a_photo_library_credit_does_not_name_the_outlet():
    text = ArticleText(text="Body.", captions=("Officials meet © Andy Wong/Getty Images",))
    assert detect_outlet(text) == (None, None)


def test_self_reference_outranks_the_copyright_holder():
    text = ArticleText(
        text="Body.",
        removed=(
            RemovedLine("Copyright 2023 Example Media Group Ltd. All rights reserved.", "copyright footer"),
            RemovedLine("This story originally appeared in the Nikkei Asia.", "syndication note"),
        ),
    )
    assert detect_outlet(text) == ("Nikkei Asia", "self-reference")


def test_associated_press_copyright_maps_to_the_short_agency_name():
    text = ArticleText(text="Body.", removed=(RemovedLine("Copyright 2023 The Associated Press. All rights reserved.", "c"),))
    assert detect_outlet(text) == ("AP", "copyright line")
