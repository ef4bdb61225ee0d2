"""Commitments: mentions found sentence by sentence, clustered across articles, counted."""

import pytest

from briefing import config
from briefing.commitments import CommitmentFinder
from briefing.ingest import parse_article
from briefing.pipeline import analyze_articles
from briefing.scenario import load_scenario
from support import FIXTURES_DIR, SEEDS_DIR, fixture, seed

SCENARIO = load_scenario(config.SCENARIO_FILE)
FINDER = CommitmentFinder(SCENARIO)
SEED_PREFIXES = ("000", "001", "002", "003", "004")


def seed_commitments():
    articles = [seed(prefix) for prefix in SEED_PREFIXES]
    return analyze_articles(articles, scenario=SCENARIO).commitments


def prefixes(article_ids):
    by_id = {seed(p).id: p for p in SEED_PREFIXES}
    return sorted(by_id[a] for a in article_ids)


def test_seeds_hold_exactly_four_distinct_commitments_with_their_articles():
    found = {c.family: prefixes(c.article_ids) for c in seed_commitments()}
    assert found == {
        "exchange": ["000", "001", "002", "004"],
        "working group": ["001", "002", "004"],
        "expert talks": ["000", "002", "004"],
        "meetings": ["002", "004"],
    }


def test_seed_commitments_have_readable_labels_counts_and_details():
    commitments = {c.family: c for c in seed_commitments()}
    exchange = commitments["exchange"]
    assert exchange.label == "Information exchange on export controls"
    assert exchange.article_count == 4 and exchange.mention_count >= 4
    assert set(exchange.outlets) == {"AP", "Financial Times"}
    assert exchange.parties == ("US", "China")
    assert exchange.strength == "agreed"
    group = commitments["working group"]
    assert group.details["frequency"] == "twice annually"
    assert "United States" in group.details["first_meeting"]
    assert commitments["expert talks"].label == "Expert talks on trade secrets"
    meetings = commitments["meetings"]
    assert meetings.details["level"] == "minister-level"
    assert meetings.details["frequency"] in ("at least once a year", "annual")


def test_a_later_article_referring_back_to_a_mechanism_is_a_reference_not_a_mention():
    group = next(c for c in seed_commitments() if c.family == "working group")
    assert prefixes([r["article_id"] for r in group.references]) == ["003"]
    assert "Commercial Issues Working Group" in group.references[0]["evidence"]


@pytest.mark.parametrize(
    "not_a_commitment",
    ["27 Chinese companies", "59 Chinese companies", "arms sale", "gallium", "drones", "Indonesia",
     "lift sanctions", "will hold further high-level meetings", "could work together"],
)
def test_seed_background_demands_and_one_off_acts_are_not_commitments(not_a_commitment):
    for commitment in seed_commitments():
        for mention in commitment.mentions:
            assert not_a_commitment not in mention.evidence


def test_every_mention_carries_its_article_and_evidence_sentence():
    for commitment in seed_commitments():
        for mention in commitment.mentions:
            article = next(seed(p) for p in SEED_PREFIXES if seed(p).id == mention.article_id)
            assert mention.evidence in article.text


def test_readout_bullets_after_agreed_to_are_each_a_commitment():
    article = fixture("readout_bullets.md")
    labels = {c.label for c in FINDER.cluster(FINDER.mentions(article), {article.id: article})}
    assert {"Working group on counternarcotics", "Consultations on military-to-military", "Talks on ai systems",
            "Flights"} <= labels


def test_every_bullet_of_an_agreed_list_with_a_mechanism_is_a_commitment():
    article = fixture("scmp_fentanyl_working_group.txt")
    clusters = FINDER.cluster(FINDER.mentions(article), {article.id: article})
    # "hold working group meetings regularly", "establish a mechanism for sharing information",
    # "cooperate on law enforcement cases"
    assert sorted(c.family for c in clusters) == ["cooperation", "exchange", "working group"]


def test_a_story_that_only_reports_demands_has_no_commitments():
    assert FINDER.mentions(fixture("demands_only.txt")) == []
    assert FINDER.mentions(fixture("no_quotes_afp.txt")) == []


@pytest.mark.parametrize("text", [
    # company deals: a mechanism noun inside a company's name, "agreed" by the companies
    "SBC Communications agreed to buy its former parent AT&T for about $16bn. The deal will create the largest "
    "telephone company in the world, executives of both companies said on Monday.",
    # two other governments' summit, in the words of a US–China communique
    "The two presidents also agreed to create a joint television network and will hold annual meetings, "
    "officials in Caracas and Buenos Aires said after the summit.",
    # one side's own plans: no other side in the story
    "Beijing will set up a working group on chip supply chains and hold talks with provincial officials "
    "twice a year, the Chinese commerce ministry said on Friday.",
])
def test_a_story_that_does_not_name_both_sides_has_no_commitments(text):
    article = parse_article(f"Business news\n\n{text}\n".encode(), "other.txt")
    assert FINDER.mentions(article) == []


def test_the_same_agreement_naming_both_sides_is_a_commitment():
    text = ("Washington and Beijing agreed on Monday to set up a working group on chip supply chains that will "
            "meet twice a year, Chinese and American officials said.")
    mention, = FINDER.mentions(parse_article(f"Trade news\n\n{text}\n".encode(), "both.txt"))
    assert (mention.family, mention.strength, mention.frequency) == ("working group", "agreed", "twice a year")


def test_joint_statement_commitment_with_first_meeting_and_schedule():
    mentions = FINDER.mentions(fixture("state_media_readout.txt"))
    assert [(m.family, m.strength, m.frequency) for m in mentions] == [("consultations", "agreed", "every six months")]
    assert mentions[0].first_meeting == "in June, in Washington"
    assert mentions[0].level == "vice-minister-level"


def test_relative_first_meeting_day_resolves_against_the_publication_date():
    raw = ("date 2023-08-30 Talks agreed\n\nThe United States and China agreed to set up a working group on export controls, "
           "which will hold its first meeting on Tuesday in Beijing.\n")
    mention, = FINDER.mentions(parse_article(raw.encode(), "t.txt"))
    assert mention.first_meeting == "2023-08-29, in Beijing"


def test_a_syndicated_copy_does_not_inflate_commitment_counts():
    articles = [seed(prefix) for prefix in SEED_PREFIXES]
    original = seed("000").raw_text
    copy = original.replace("US commerce secretary rejects", "Commerce chief rejects").replace(
        "conveyed complaints", "relayed complaints") + "\n\nCopyright 2023 Example Daily Ltd. All rights reserved.\n"
    articles.append(parse_article(copy.encode(), "copy.txt"))
    analysis = analyze_articles(articles, scenario=SCENARIO)
    exchange = next(c for c in analysis.commitments if c.family == "exchange")
    assert exchange.article_count == 4
    assert len(exchange.article_ids) == 5
    assert exchange.mention_count == next(c for c in seed_commitments() if c.family == "exchange").mention_count
    assert "Example Daily" in exchange.outlets
    copy_id = articles[-1].id
    assert not [q for q in analysis.quotes if q.article_id == copy_id]
    assert not [p for p in analysis.positions if p.article_id == copy_id]
    assert len(analysis.positions) == len(analyze_articles(articles[:-1], scenario=SCENARIO).positions)


def test_commitments_sharing_a_label_get_distinct_ids():
    texts = ["The two governments agreed to deepen cooperation, the statement from Washington and Beijing said.",
             "A Chinese statement said both sides agreed to deepen cooperation after meeting U.S. envoys in Geneva on Friday."]
    articles = [parse_article(f"Story {n}\n\n{text} More details followed later.\n".encode(), f"{n}.txt")
                for n, text in enumerate(texts)]
    commitments = analyze_articles(articles, scenario=SCENARIO).commitments
    assert len(commitments) == 2 and commitments[0].label == commitments[1].label
    assert [c.id for c in commitments] == ["cooperation", "cooperation-2"]


@pytest.mark.parametrize("sentence, families", [
    # A second subject after ", and" starts a second commitment.
    ("Under the agreement, the two countries will set up a dispute-resolution mechanism, and officials from both "
     "sides will meet regularly to review implementation.", ["exchange", "meetings"]),
    ("Yellen said the two sides also agreed to hold talks on cooperation to combat money laundering, and that "
     "Treasury officials would meet their Chinese counterparts in Beijing later this year.", ["talks", "meetings"]),
    ("Vice Premier He and I agreed that our economic teams will communicate more frequently at a senior level, "
     "and we will hold technical-level discussions on macroeconomic and financial issues.", ["cooperation", "expert talks"]),
])
def test_each_subject_with_its_own_will_is_a_separate_commitment(sentence, families):
    raw = (f"Headline here\n\nU.S. and Chinese officials met in Beijing on Monday for two days of talks on trade, "
           f"investment and export controls, their first such meeting in months.\n\n{sentence}\n")
    mentions = FINDER.mentions(parse_article(raw.encode(), "t.txt"))
    assert [m.family for m in mentions] == families


def test_continued_talks_are_a_commitment():
    raw = ("Headline here\n\nU.S. and Chinese negotiators met in Washington on Friday to finish the text of a "
           "phase-one trade deal that cuts some tariffs.\n\n"
           "Vice Commerce Minister Wang Shouwen said the two sides will continue talks on a phase-two agreement.\n")
    mentions = FINDER.mentions(parse_article(raw.encode(), "t.txt"))
    assert [(m.family, m.strength, m.joint) for m in mentions] == [("talks", "will", True)]


def test_a_mechanism_one_side_sets_up_with_a_third_party_is_not_a_commitment_of_the_sides():
    # The article names both sides, but the working group is the United States' with the EU.
    mentions = FINDER.mentions(fixture("useu_then_uschina_agreements.txt"))
    assert [m.family for m in mentions] == ["exchange", "exchange"]
    assert "Wang Wentao agreed" in mentions[0].evidence


def test_a_first_meeting_that_will_be_held_adds_its_details_to_the_commitment():
    article = fixture("useu_then_uschina_agreements.txt")
    exchange, = FINDER.cluster(FINDER.mentions(article), {article.id: article})
    assert exchange.details["first_meeting"] == "in November, in Beijing"
    assert exchange.details["level"] == "vice-minister-level"


def many_mentions_article(count: int = 500):
    text = ("US and China agree\n\nBEIJING (AP) — The United States and China agreed on Tuesday to "
            + "hold talks on tariffs and " * count + "more.\n")
    return parse_article(text.encode(), "many.txt")


def test_a_sentence_of_many_mentions_is_checked_once_for_a_third_party_subject(monkeypatch):
    # Each mention once re-read its whole sentence for the subject: time growing with the square
    # of a sentence of many mentions.
    checked = []
    third_party_subject = CommitmentFinder._third_party_subject
    monkeypatch.setattr(CommitmentFinder, "_third_party_subject",
                        lambda finder, sentence: checked.append(sentence) or third_party_subject(finder, sentence))
    mentions = CommitmentFinder(SCENARIO).mentions(many_mentions_article(500))
    assert len(mentions) == 500 and len(checked) == 1


def test_clustering_reads_each_groups_topics_once_per_commitment_not_once_per_mention(monkeypatch):
    import briefing.commitments as commitments_module

    article = many_mentions_article(500)
    mentions = FINDER.mentions(article)
    reads = []
    topics_of = commitments_module._topics_of
    monkeypatch.setattr(commitments_module, "_topics_of", lambda group: reads.append(1) or topics_of(group))
    commitments = FINDER.cluster(mentions, {article.id: article})
    assert len(commitments) == 1 and len(commitments[0].mentions) == 500 and len(reads) <= 2


def test_mentions_in_an_over_long_sentence_carry_their_clause_with_the_words_around_it_and_the_article_a_note():
    article = many_mentions_article(500)
    sentence = max(article.sentences, key=lambda s: len(s.text))
    assert len(sentence.text) > config.LONGEST_EVIDENCE
    mentions, notes = FINDER.mentions_and_notes(article)
    assert len(mentions) == 500 and all(len(m.evidence) <= config.LONGEST_EVIDENCE and m.clause in m.evidence
                                        for m in mentions)
    assert notes == (f"sentence {sentence.index + 1} is {len(sentence.text):,} characters long: each of its commitment "
                     f"mentions carries the {config.LONGEST_EVIDENCE // 3:,} characters either side as its evidence",)
    assert FINDER.mentions_and_notes(seed("001"))[1] == ()
