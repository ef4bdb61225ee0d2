"""Official readouts from both governments and a state-media report, written in their own styles:
what the extraction finds in each, end to end."""

from briefing import config
from briefing.pipeline import analyze_articles
from briefing.scenario import load_scenario
from support import fixture

SCENARIO = load_scenario(config.SCENARIO_FILE)


def analysis_of(name):
    return analyze_articles([fixture(name)], scenario=SCENARIO, workers=1)


def test_a_chinese_ministry_readout_gives_the_ministers_positions_and_two_separate_commitments():
    analysis = analysis_of("mofcom_readout.txt")
    concerns = {p.issue for p in analysis.positions if (p.side, p.actor, p.stance) == ("China", "Wang Wentao", "concern")}
    assert {"tariffs", "semiconductors", "investment_restrictions", "sanctions"} <= concerns
    assert ("US", "Gina Raimondo") in {(p.side, p.actor) for p in analysis.positions}
    commitments = {c.family: c for c in analysis.commitments}
    assert set(commitments) == {"working group", "exchange"}  # ", and to conduct exchanges" is a second item
    assert commitments["working group"].details["level"] == "vice-minister-level"
    assert commitments["working group"].details["frequency"] == "twice a year"
    assert "export_controls" in commitments["exchange"].topics
    assert all(c.parties == ("US", "China") for c in analysis.commitments)


def test_a_white_house_readout_gives_the_presidents_concerns_and_the_agreed_resumption():
    analysis = analysis_of("white_house_readout.txt")
    assert ("US", "Joe Biden", "sanctions", "concern") in {(p.side, p.actor, p.issue, p.stance) for p in analysis.positions}
    assert [(c.family, c.strength) for c in analysis.commitments] == [("cooperation", "agreed")]
    assert "military-to-military" in analysis.commitments[0].mentions[0].clause


def test_state_media_quotes_go_to_the_spokespeople_not_their_ministries():
    analysis = analysis_of("xinhua_spokespeople.txt")
    speakers = [(q.speaker, q.side) for q in analysis.quotes]
    assert speakers == [("Shu Jueting", "China"), ("Shu Jueting", "China"), ("Li Wei", "other"),
                        ("US Commerce Department", "US")]
    assert analysis.commitments == ()  # demands and threats, nothing agreed
    assert analysis.articles[0].outlet == "Xinhua"
