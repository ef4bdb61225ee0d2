"""Positions: each side's stance, issue by issue, with speaker and evidence."""

from collections import defaultdict

import pytest

from briefing import config
from briefing.ingest import parse_article
from briefing.positions import PositionFinder
from briefing.quotes import QuoteExtractor
from briefing.scenario import load_scenario
from briefing.speakers import SpeakerResolver, trailing_noun_phrase
from support import fixture, seed

SCENARIO = load_scenario(config.SCENARIO_FILE)
RESOLVER = SpeakerResolver(SCENARIO)


def positions_of(article):
    cast = RESOLVER.cast(article.text, article.title)
    quotes = QuoteExtractor(SCENARIO, RESOLVER).extract(article, cast)
    return PositionFinder(SCENARIO, RESOLVER).positions(article, quotes, cast)


def seed_coverage():
    coverage = defaultdict(set)
    for prefix in ("000", "001", "002", "003", "004"):
        for position in positions_of(seed(prefix)):
            coverage[position.side].add(position.issue)
    return coverage


@pytest.mark.parametrize("issue", ["export_controls", "national_security", "semiconductors", "economic_relationship"])
def test_both_sides_have_positions_on_the_core_issues(issue):
    coverage = seed_coverage()
    assert issue in coverage["US"] and issue in coverage["China"]


@pytest.mark.parametrize("side, issue", [("China", "investment_restrictions"), ("China", "sanctions"), ("China", "tariffs"),
                                         ("US", "business_environment"), ("US", "trade_secrets")])
def test_each_side_has_its_distinctive_positions(side, issue):
    assert issue in seed_coverage()[side]


def test_reported_concerns_are_the_speakers_concern_on_each_issue_named():
    positions = [p for p in positions_of(seed("002")) if p.actor == "Wang Wentao" and p.stance == "concern"]
    assert {"tariffs", "semiconductors", "investment_restrictions", "sanctions"} <= {p.issue for p in positions}
    assert all("expressed concerns" in p.evidence for p in positions if p.issue == "tariffs")


def test_a_rebuffed_appeal_is_a_demand_of_those_who_appealed():
    positions = positions_of(seed("000"))
    demands = [p for p in positions if p.side == "China" and p.issue == "export_controls" and p.stance == "demand"]
    assert demands and demands[0].source == "request"
    defence = [p for p in positions if p.side == "US" and p.issue == "export_controls" and p.stance == "defence"]
    assert defence


def test_a_sides_named_complaint_is_its_concern():
    positions = [p for p in positions_of(seed("001")) if p.source == "named complaint"]
    assert {(p.side, p.stance) for p in positions} == {("China", "concern")}
    assert "semiconductors" in {p.issue for p in positions}


def test_journalist_background_is_not_a_side_position():
    raw = ("Headline here\n\nThe two countries have clashed over export controls, tariffs and Taiwan for years. "
           "Chip stocks fell sharply on the news of new national security rules.\n")
    assert positions_of(parse_article(raw.encode(), "t.txt")) == []


def test_every_position_has_its_evidence_sentence_in_the_article():
    article = seed("003")
    for position in positions_of(article):
        assert position.article_id == article.id
        assert position.evidence in article.text
        assert position.side in ("US", "China", "other")
        assert position.stance in ("demand", "concern", "defence", "offer", "assessment")


def test_unknown_official_with_a_title_takes_a_position_for_their_side():
    positions = positions_of(fixture("state_media_readout.txt"))
    ling = {(p.side, p.issue, p.stance) for p in positions if p.actor == "Ling Ji"}
    assert ("China", "export_controls", "concern") in ling
    assert ("China", "tariffs", "demand") in {(p.side, p.issue, p.stance) for p in positions}


def test_a_summit_report_in_reported_speech_gives_the_leaders_positions():
    positions = positions_of(fixture("chinadaily_woodside_xi_biden.txt"))
    xi = {(p.side, p.issue, p.stance) for p in positions if p.actor == "Xi Jinping"}
    # "Xi pointed out that the US side should ... lift unilateral sanctions", "Xi urged the US to stop arming Taiwan"
    assert {("China", "sanctions", "demand"), ("China", "taiwan", "demand")} <= xi


def test_the_sides_of_a_delegation_head_and_a_think_tank_fellow_come_from_their_descriptions():
    positions = positions_of(fixture("scmp_fentanyl_working_group.txt"))
    assert ("US", "fentanyl", "demand") in {(p.side, p.issue, p.stance) for p in positions if p.actor == "Jen Daskal"}
    quotes = QuoteExtractor(SCENARIO, RESOLVER).extract(fixture("scmp_fentanyl_working_group.txt"))
    assert {q.side for q in quotes if q.speaker == "Vanda Felbab-Brown"} == {"other"}


def test_a_transcript_answer_is_its_speakers_position_and_a_question_is_no_sides():
    positions = positions_of(fixture("press_transcript.txt"))
    found = {(p.side, p.actor, p.issue, p.stance) for p in positions if p.source == "transcript"}
    assert {("China", "Shu Jueting", "export_controls", "concern"), ("China", "Shu Jueting", "national_security", "concern")} <= found
    # "The US side recently added more Chinese entities to its export control list" is the reporter's.
    assert all(not p.evidence.startswith("Reporter") for p in positions)


def test_a_transcript_speaker_is_named_in_capitals_or_in_the_headline_with_their_office():
    yellen = {(p.side, p.actor, p.issue, p.stance) for p in positions_of(fixture("treasury_press_qa.txt"))}
    assert ("US", "Janet Yellen", "national_security", "defence") in yellen  # "SECRETARY YELLEN:" ... "We will ..."
    assert ("US", "Janet Yellen", "export_controls", "concern") in yellen  # "I also raised concerns about ..."
    lin = {(p.side, p.actor, p.issue) for p in positions_of(fixture("mfa_briefing_chips.txt")) if p.source == "transcript"}
    # "Lin Jian:" is named with his office only in the headline ("Foreign Ministry Spokesperson Lin Jian's ...").
    assert {("China", "Lin Jian", "export_controls"), ("China", "Lin Jian", "supply_chains")} <= lin


def test_an_agreement_in_a_transcript_answer_is_a_commitment_not_a_stance():
    positions = positions_of(fixture("mfa_briefing_chips.txt"))
    assert not [p for p in positions if "agreed to maintain communication" in p.evidence]


def test_a_text_with_a_single_labelled_paragraph_is_no_transcript():
    raw = ("Headline here\n\nUpdate: Chinese officials met U.S. officials in Beijing on Monday.\n\n"
           "We oppose export controls, the ministry said in a separate statement later.\n")
    article = parse_article(raw.encode(), "t.txt")
    assert RESOLVER.cast(article.text, article.title).turns == []


FACTBOX = """Factbox: where the two sides stand

Officials meet in Geneva on Monday. Here is what each side wants:

WHAT THE U.S. WANTS

* Fewer Chinese subsidies for electric vehicles and steel.

* Tighter controls on fentanyl precursor chemicals.

CHINA'S DEMANDS

- Lifting of the new tariffs on Chinese goods.

- An end to sanctions on Chinese chipmakers.

WHAT COULD HAPPEN

* A pause in tariffs while talks continue.
"""


def test_the_items_of_a_list_under_a_sides_heading_are_that_sides_demands():
    positions = positions_of(parse_article(FACTBOX.encode(), "factbox.txt"))
    by_side = {(p.side, p.issue, p.stance, p.actor) for p in positions}
    assert {("US", "fentanyl", "demand", "US government"), ("China", "tariffs", "demand", "China government"),
            ("China", "sanctions", "demand", "China government")} <= by_side
    # the list under a heading naming no side ("WHAT COULD HAPPEN") is the journalist's
    assert not [p for p in positions if p.evidence.startswith("* A pause")]
    assert all(p.evidence.startswith(("* ", "- ")) for p in positions)


def test_each_speech_verbs_subject_is_read_from_the_words_just_before_it(monkeypatch):
    # A sentence of many speech verbs ("said said said ...") once read the whole sentence before
    # every verb: time growing with its square. The subject is a noun phrase just before the verb.
    import briefing.positions as positions_module

    lengths = []

    def recording(text):
        lengths.append(len(text))
        return trailing_noun_phrase(text)

    monkeypatch.setattr(positions_module, "trailing_noun_phrase", recording)
    text = "Wang Wentao expressed concerns about tariffs " + "and said " * 2_000 + "more."
    article = parse_article(f"Trade talks\n\n{text}\n".encode(), "verbs.txt")
    positions_of(article)
    assert len(lengths) >= 2_000 and max(lengths) <= config.SPEAKER_PHRASE_REACH


def test_the_last_speech_verb_with_a_speaker_decides_the_reported_speaker():
    article = parse_article(b"Talks\n\nRaimondo said that Wang Wentao expressed concerns about US tariffs on steel and said more.\n",
                            "reported.txt")
    assert {(p.actor, p.issue) for p in positions_of(article) if p.source == "reported speech"} == {("Wang Wentao", "tariffs")}


def test_a_requester_is_looked_for_only_as_far_as_a_speaker_phrase_reaches():
    # "an appeal by X to ...": X is a speaker phrase; an appeal with no "to" within that reach is no
    # request (once, the rest of the sentence was read from every "appeal by").
    near = "Talks\n\nRaimondo rebuffed an appeal by Chinese leaders to reduce export controls on chips.\n"
    far = ("Talks\n\nRaimondo rebuffed an appeal by Chinese leaders " + "and officials " * 40 +
           "to reduce export controls on chips.\n")
    sources = [{p.source for p in positions_of(parse_article(text.encode(), "request.txt"))} for text in (near, far)]
    assert "request" in sources[0] and "request" not in sources[1]


def test_a_stance_is_read_only_for_a_new_position_not_for_every_quote_repeating_one(monkeypatch):
    # 'He said "yes" and He said "yes" and ...': every quote is the same speaker on the same issue in
    # the same sentence, one position; reading each quote's stance in its evidence cost their product.
    calls = []
    stance = PositionFinder._stance
    monkeypatch.setattr(PositionFinder, "_stance", lambda finder, claim, evidence: calls.append(1) or stance(finder, claim, evidence))
    text = "Talks\n\nOn tariffs Raimondo spoke. " + 'On tariffs Raimondo said "yes" and ' * 500 + "more.\n"
    positions = positions_of(parse_article(text.encode(), "stances.txt"))
    assert [(p.actor, p.issue, p.source) for p in positions if p.source == "quote"] == [("Gina Raimondo", "tariffs", "quote")]
    assert len(calls) <= 3
