"""Quotations: paired marks, attribution to a normalised speaker, and the speaker's side."""

import pytest

from briefing import config
from briefing.ingest import parse_article
from briefing.quotes import QuoteExtractor, find_quote_spans
from briefing.scenario import load_scenario
from briefing.speakers import trailing_noun_phrase
from support import fixture, long_sentence_article, seed

SCENARIO = load_scenario(config.SCENARIO_FILE)
EXTRACTOR = QuoteExtractor(SCENARIO)

US, CHINA, OTHER = "US", "China", "other"
RAIMONDO, WANG, COMMERCE_DEPT, MOFCOM = "Gina Raimondo", "Wang Wentao", "US Commerce Department", "China's Ministry of Commerce"
ANALYSTS = "Anna Ashton and Kylie Milliken"

# Hand-labelled: (seed, opening words of the quote, speaker, side). None = no speaker in the text.
GOLD = [
    ("000", "Their asks were", RAIMONDO, US), ("000", "Of course, I said no", RAIMONDO, US),
    ("000", "We don’t negotiate", RAIMONDO, US), ("000", "will increase compliance", RAIMONDO, US),
    ("000", "start to resolve", RAIMONDO, US), ("000", "That is one of the big", RAIMONDO, US),
    ("000", "concrete actions", "Li Qiang", CHINA), ("000", "We do hope", "Li Qiang", CHINA),
    ("000", "courtesy call", "US Embassy in Beijing", US),
    ("001", "information exchange", RAIMONDO, US), ("001", "working group", RAIMONDO, US),
    ("001", "seek solutions", RAIMONDO, US), ("001", "The United States is committed", RAIMONDO, US),
    ("001", "We are not compromising", RAIMONDO, US), ("001", "But this is meant", RAIMONDO, US),
    ("001", "foster a more favorable", WANG, CHINA), ("001", "bolster bilateral", WANG, CHINA),
    ("001", "may have helped", ANALYSTS, OTHER), ("001", "is making modest", ANALYSTS, OTHER),
    ("001", "Raimondo's visit could", ANALYSTS, OTHER), ("001", "de-risking", RAIMONDO, US),
    ("001", "It is not intended", RAIMONDO, US), ("001", "We seek healthy", RAIMONDO, US),
    ("002", "exchange of information on export control", "US government", US),
    ("002", "a platform to reduce", "US government", US),
    ("002", "exchange information on export controls", MOFCOM, CHINA),
    ("002", "discriminatory subsidies", WANG, CHINA), ("002", "excessive generalization", "Wang Yi", CHINA),
    ("002", "We need more channels", RAIMONDO, US),
    ("003", "not negotiable", COMMERCE_DEPT, US), ("003", "noted ongoing concerns", COMMERCE_DEPT, US),
    ("003", "Secretary Raimondo reiterated", COMMERCE_DEPT, US),
    ("003", "positive progress", "China government", CHINA), ("003", "serious concerns", None, None),
    ("003", "focused on expressing", MOFCOM, CHINA), ("003", "It is particularly necessary", MOFCOM, CHINA),
    ("003", "China urges the US", "China government", CHINA),
    ("004", "a strong Chinese economy", RAIMONDO, US), ("004", "Of course, in matters", RAIMONDO, US),
    ("004", "And as you say", RAIMONDO, US), ("004", "export control enforcement information exchange", None, None),
    ("004", "reduce misunderstanding", "US government", US), ("004", "profoundly important", RAIMONDO, US),
    ("004", "stable economic relationship", RAIMONDO, US), ("004", "hinder China’s", RAIMONDO, US),
    ("004", "people-to-people", RAIMONDO, US), ("004", "benign", WANG, CHINA),
    ("004", "a more favourable policv", WANG, CHINA), ("004", "inject stronger impetus", WANG, CHINA),
    ("004", "Can you promote", RAIMONDO, US), ("004", "The plan and the hope", RAIMONDO, US),
]


def quotes_of(article):
    return EXTRACTOR.extract(article)


def test_at_least_90_percent_of_seed_quotations_are_found_with_speaker_and_side():
    found = {prefix: quotes_of(seed(prefix)) for prefix in {g[0] for g in GOLD}}
    correct, misses = 0, []
    for prefix, opening, speaker, side in GOLD:
        match = [q for q in found[prefix] if q.text.startswith(opening)]
        if match and (match[0].speaker, match[0].side) == (speaker, side):
            correct += 1
        else:
            misses.append((prefix, opening, [(q.speaker, q.side) for q in match]))
    assert correct / len(GOLD) >= 0.9, misses
    assert sum(len(quotes) for quotes in found.values()) <= len(GOLD) + 2, "no invented quotes"


@pytest.mark.parametrize(
    "speaker, side",
    [(RAIMONDO, US), (WANG, CHINA), ("Li Qiang", CHINA), ("Wang Yi", CHINA), (COMMERCE_DEPT, US), (MOFCOM, CHINA), (ANALYSTS, OTHER)],
)
def test_seed_speakers_are_found_with_their_side(speaker, side):
    sides = {q.side for prefix in ("000", "001", "002", "003", "004") for q in quotes_of(seed(prefix)) if q.speaker == speaker}
    assert sides == {side}


def test_every_quote_carries_its_article_and_evidence_sentence():
    article = seed("000")
    for quote in quotes_of(article):
        assert quote.article_id == article.id
        assert quote.text.split()[0] in quote.sentence
        assert quote.sentence in article.text


def test_speaker_names_are_normalised_to_one_actor():
    speakers = {q.speaker for prefix in ("000", "001", "003", "004") for q in quotes_of(seed(prefix))}
    assert not speakers & {"Raimondo", "Secretary Raimondo", "U.S. Commerce Secretary Gina Raimondo", "she", "Li", "Wang"}


def test_a_transcript_without_quotation_marks_yields_no_quotes():
    assert quotes_of(fixture("press_transcript.txt")) == []


def test_unknown_officials_get_their_side_from_titles_and_nationality():
    quotes = {q.text.split()[0]: q for q in quotes_of(fixture("interview_single_quotes.txt"))}
    assert (quotes["We"].speaker, quotes["We"].side) == ("Xie Feng", CHINA)
    assert quotes["narrowly"].side == US


def test_analyst_with_a_non_government_affiliation_is_other():
    quotes = quotes_of(fixture("demands_only.txt"))
    analyst = [q for q in quotes if q.text.startswith("I do not see a deal")]
    assert [(q.speaker, q.side) for q in analyst] == [("Sarah Kim", OTHER)]


def test_spokesperson_of_a_ministry_speaks_for_that_side():
    quotes = quotes_of(fixture("demands_only.txt"))
    assert {q.side for q in quotes if q.text.startswith("The U.S. side should stop")} == {CHINA}


def _texts(raw: str) -> list[str]:
    article = parse_article(raw.encode(), "t.txt")
    return [article.text[s.inner_start:s.inner_end] for s in find_quote_spans(article.text)]


def test_curly_straight_and_nested_single_quotes_are_paired():
    raw = ("Headline here\n\n“We agreed,” she said of the 'small-yard, high-fence' plan. "
           "\"It works,\" he said. “It is a ‘fair deal’ for both,” Li said.\n")
    assert _texts(raw) == ["We agreed,", "small-yard, high-fence", "It works,", "It is a ‘fair deal’ for both,"]


def test_apostrophes_never_open_a_quote():
    raw = "Headline here\n\nThe countries' officials met at China’s commerce ministry and didn't agree on the US' demands.\n"
    assert _texts(raw) == []


def test_a_quote_continues_over_paragraphs_when_the_next_opens_with_a_mark():
    raw = ("Headline here\n\n“We will keep talking about chips and export controls with our partners.\n\n"
           "“And we expect results soon,” Raimondo said at the end of the visit to Beijing.\n")
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert len(quotes) == 1
    assert quotes[0].text.startswith("We will keep talking") and quotes[0].text.endswith("results soon")
    assert quotes[0].speaker == RAIMONDO


def test_pronouns_resolve_to_the_last_compatible_speaker():
    raw = ("Headline here\n\nCommerce Secretary Gina Raimondo met Commerce Minister Wang Wentao in Beijing on Monday.\n\n"
           "“We want stable ties,” he said. “We also want fairness,” she said.\n")
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(WANG, CHINA), (RAIMONDO, US)]


@pytest.mark.parametrize("attribution, speaker", [
    ("said Chinese Commerce Ministry spokesperson Shu Jueting", "Shu Jueting"),
    ("said Shu Jueting, spokeswoman for the Ministry of Commerce", "Shu Jueting"),
    ("said Commerce Ministry spokesperson Gao Feng", "Gao Feng"),  # not in the gazetteer
])
def test_a_person_named_beside_their_ministry_is_the_speaker_on_its_side(attribution, speaker):
    raw = f"Headline here\n\n“The U.S. should stop its wrong practices,” {attribution} on Thursday.\n"
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(speaker, CHINA)]


@pytest.mark.parametrize("sentence, speaker", [
    ("Under Secretary for Industry and Security Jane Roe said, \u201cThe rules are narrow.\u201d", "Jane Roe"),
    ("\u201cThe rules are narrow,\u201d said Assistant Secretary for Export Enforcement Tom Lee.", "Tom Lee"),
    ("\u201cThe rules are narrow,\u201d said Gina Raimondo and Wang Wentao.", f"{RAIMONDO} and {WANG}"),
])
def test_a_title_with_for_or_and_before_a_name_is_that_persons_not_a_group(sentence, speaker):
    quotes = quotes_of(parse_article(f"Headline here\n\n{sentence}\n".encode(), "t.txt"))
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize("sentence, speaker, kind", [
    ("\u201cThe controls go too far,\u201d the Semiconductor Industry Association said.", "Semiconductor Industry Association",
     "organisation"),
    ("\u201cThe controls go too far,\u201d said Jane Roe of the Eurasia Group.", "Jane Roe", "person"),
])
def test_a_body_named_as_speaker_is_an_organisation_and_its_member_a_person(sentence, speaker, kind):
    quotes = quotes_of(parse_article(f"Headline here\n\n{sentence}\n".encode(), "t.txt"))
    assert [(q.speaker, q.speaker_kind, q.side) for q in quotes] == [(speaker, kind, OTHER)]


def test_a_pronoun_after_a_person_named_in_its_own_paragraph_is_that_person():
    raw = ("Headline here\n\n“We will respond firmly,” Commerce Minister Wang Wentao said.\n\n"
           "Tom Lee, an analyst at Example Capital, said talks could stall. “I do not see a deal,” he said.\n")
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(WANG, CHINA), ("Tom Lee", OTHER)]


def test_a_speaker_continues_in_the_same_sentence_or_in_a_quote_opening_a_sentence_but_not_in_a_scare_quote():
    raw = ("Headline here\n\nCommerce Minister Wang Wentao said the rules were \u201cunfair\u201d and amounted to "
           "\u201cbullying\u201d. \u201cWe will respond,\u201d he added later. \u201cIt will not work.\u201d "
           "Critics call the policy a \u201csmall yard, high fence\u201d approach.\n")
    quotes = {q.text: q.speaker for q in quotes_of(parse_article(raw.encode(), "t.txt"))}
    assert quotes["unfair"] == quotes["bullying"] == WANG  # a second quoted phrase in his sentence
    assert quotes["It will not work."] == WANG  # a quote that is a sentence of its own goes on
    assert quotes["small yard, high fence"] is None  # the writer's words in a later sentence


def test_a_person_named_in_an_earlier_paragraph_does_not_take_the_speakers_pronoun():
    raw = ("Headline here\n\n“We want fairness,” Commerce Secretary Gina Raimondo said.\n\n"
           "She met analysts including Tom Lee of Example Capital on Tuesday.\n\n"
           "“We will keep talking,” she said.\n")
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(RAIMONDO, US), (RAIMONDO, US)]


def test_a_pronoun_refers_to_the_paragraphs_subject_not_a_name_after_a_preposition():
    raw = ("Headline here\n\n“Chinese parts take a detour,” said Brad Setser, an economist at the Council on Foreign "
           "Relations.\n\nTom Reed, who was a trade adviser under President Joe Biden, takes a harder line. He said the "
           "tariffs had been “too timid.”\n")
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [q.speaker for q in quotes] == ["Brad Setser", "Tom Reed"]


@pytest.mark.parametrize(
    "sentence, speaker, side",
    [
        ("“We oppose the curbs,” said Chinese Vice Premier Zhang Guoqing on a visit.", "Zhang Guoqing", CHINA),
        ("U.S. Ambassador Jane Roe said the rules were “fair and narrow”.", "Jane Roe", US),
        ("“Markets will adjust,” according to Tom Lee, an analyst at Example Capital.", "Tom Lee", OTHER),
        # An apposition runs over a dotted acronym, not over a new sentence after one.
        ("Jane Roe, a senior U.S. trade official, said the rules were “fair.”", "Jane Roe", US),
        ("Jane Roe, who lives in the U.S. The Chinese ministry, however, said the rules were “unfair.”",
         "Chinese ministry", CHINA),
        ("Washington called the talks “productive”.", "US government", US),
        ("Beijing's read-out said the meeting was “candid”.", "China government", CHINA),
        # The speech verb coordinated with another verb: the sentence's subject speaks.
        ("Chinese Vice Premier Zhang Guoqing declined to comment but said China was “ready to talk.”",
         "Zhang Guoqing", CHINA),
        # The full stops of an acronym are no sentence end, before the verb or at the sentence's end.
        ("“The goal is the same,” a U.S. official said on condition of anonymity.", "U.S. official", US),
        ("“The goal is the same,” said a U.S. official.", "U.S. official", US),
        # A third country's officials are neither side's.
        ("Dutch Trade Minister Reinette Klever said the Netherlands would “make our own assessment.”",
         "Reinette Klever", OTHER),
        ("“This is a concrete step,” said European Commission Vice President Valdis Dombrovskis.",
         "Valdis Dombrovskis", OTHER),
    ],
)
def test_attribution_patterns_before_and_after_the_quote(sentence, speaker, side):
    raw = f"Headline here\n\nOfficials from both countries met in Beijing this week for trade talks.\n\n{sentence}\n"
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(speaker, side)]


@pytest.mark.parametrize(
    "sentence, speaker, side",
    [
        # A long apposition between the name and the verb, before or after the quote.
        ("Jo Park, a China business expert at the Center for Strategic and International Studies in Washington, "
         "said the step was “modest but useful.”", "Jo Park", OTHER),
        ("“Curbs will backfire,” Xiang Ligang, director-general of the Information Consumption Alliance, "
         "told reporters on Wednesday.", "Xiang Ligang", OTHER),
        # Auxiliaries and adverbs after the apposition.
        ("Janet Yellen, who has made four trips to China, has repeatedly said the US will not ‘decouple’.",
         "Janet Yellen", US),
        # A conjunction before a pronoun is not part of the subject.
        ("But she warned against a new “China shock” in manufacturing.", "Janet Yellen", US),
    ],
)
def test_speaker_phrases_with_appositions_auxiliaries_and_conjunctions(sentence, speaker, side):
    raw = (f"Headline here\n\nTreasury Secretary Janet Yellen met Vice Premier He Lifeng in Guangzhou for trade talks.\n\n"
           f"{sentence}\n")
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(speaker, side)]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # A lawmaker's party and state after the name; the title alone gives the side.
        ("Rep. Raja Krishnamoorthi (D-Ill.), the committee's top Democrat, said the bill addressed “a clear threat.”",
         "Raja Krishnamoorthi"),
        ("Sen. Mark Warner (D-Va.) said he was “encouraged” by the vote.", "Mark Warner"),
        # The title outweighs a side's adjective in the apposition, which names the committee's subject.
        ("“This is not a ban,” said Rep. Mike Gallagher (R-Wis.), chair of the House Select Committee on the "
         "Chinese Communist Party.", "Mike Gallagher"),
    ],
)
def test_a_lawmaker_is_on_the_side_their_title_names(sentence, speaker):
    raw = f"Headline here\n\nThe House voted on the TikTok bill on Wednesday after a week of debate.\n\n{sentence}\n"
    quotes = quotes_of(parse_article(raw.encode(), "t.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [(speaker, US)]


def test_a_sentence_opening_word_is_never_a_speakers_name():
    raw = "Headline here\n\nWhat I told my counterparts is that “we are not seeking to decouple” from China.\n"
    assert [q.speaker for q in quotes_of(parse_article(raw.encode(), "t.txt"))] == [None]


def test_a_title_with_an_abbreviated_nationality_gives_a_later_surname_its_side():
    quotes = quotes_of(fixture("bloomberg_trade_war.txt"))
    lighthizer = [q.side for q in quotes if q.speaker == "Robert Lighthizer"]
    assert lighthizer == [US, US, US]  # "U.S. Trade Representative Robert Lighthizer", then "Lighthizer", "he"
    assert {q.speaker: q.side for q in quotes}["Jim Vercammen"] == OTHER  # "chief executive of a ... maker"


def test_first_person_in_a_transcript_answer_is_the_turns_speaker():
    quotes = quotes_of(fixture("treasury_press_qa.txt"))
    assert [(q.speaker, q.side) for q in quotes] == [("Janet Yellen", US), ("Janet Yellen", US)]


def test_a_person_reported_by_a_readout_is_the_speaker_not_the_readout():
    quotes = {q.text: q for q in quotes_of(fixture("ap_yellen_guangzhou.txt"))}
    # 'He Lifeng also said that China would “respond fully” to U.S. concerns, the readout said.'
    assert (quotes["respond fully"].speaker, quotes["respond fully"].side) == ("He Lifeng", CHINA)
    # With no person before the quote, the readout's owner stays the speaker.
    assert quotes["expressed serious concerns over the economic and trade restrictive measures of the United States "
                  "against China"].speaker == "Xinhua"


def test_editorial_quotes_keep_their_sources_and_an_expert_is_other():
    quotes = {q.text.split()[0]: q for q in quotes_of(fixture("gt_editorial.txt"))}
    assert (quotes["loopholes"].side, quotes["narrowly"].side) == (US, US)  # "what US officials called", "The US side claims"
    assert (quotes["The"].speaker, quotes["The"].side) == ("Xiang Ligang", OTHER)


def test_a_sentence_of_many_quotes_is_read_once_not_once_per_quote(monkeypatch):
    # Each quote once re-read its whole sentence (for issues, for speech verbs and their subjects):
    # a sentence of thousands of quotes took time growing with its square. Count the characters read.
    import briefing.quotes as quotes_module

    read = {"issues": 0, "subjects": 0}
    issues_in = type(SCENARIO).issues_in

    def counting_issues_in(scenario, text, among=None):
        read["issues"] += len(text)
        return issues_in(scenario, text, among)

    def counting_subject(text):
        read["subjects"] += len(text)
        return trailing_noun_phrase(text)

    monkeypatch.setattr(type(SCENARIO), "issues_in", counting_issues_in)
    monkeypatch.setattr(quotes_module, "trailing_noun_phrase", counting_subject)
    sentence = "On export controls " + 'the minister said "it is a test of tariffs" and ' * 1_000 + "more."
    article = parse_article(f"Trade talks\n\n{sentence}\n".encode(), "quotes.txt")
    quotes = EXTRACTOR.extract(article)
    assert len(quotes) == 1_000 and all(q.issues == ("tariffs",) for q in quotes)
    assert all(q.speaker is None for q in quotes)  # "the minister" names nobody
    assert read["issues"] <= 2 * len(sentence) and read["subjects"] <= 4 * config.SPEAKER_PHRASE_REACH * len(quotes)


def test_quotes_of_one_sentence_share_its_evidence_string():
    article = parse_article('Talks\n\nThe talks began in Beijing. On tariffs, they went on with "one" and "two" and "three," Raimondo said.\n'.encode(), "shared.txt")
    first, *others = EXTRACTOR.extract(article)
    assert all(other.sentence is first.sentence for other in others) and len(others) == 2


def test_an_over_long_sentence_gives_a_note_and_each_quote_in_it_the_words_around_it_as_evidence():
    article = parse_article(long_sentence_article(200), "long.txt")
    quotes, notes = EXTRACTOR.quotes_and_notes(article)
    long_sentence = max(article.sentences, key=lambda s: len(s.text))
    assert len(long_sentence.text) > config.LONGEST_EVIDENCE and len(quotes) == 200
    assert notes == (f"sentence {long_sentence.index + 1} is {len(long_sentence.text):,} characters long: each of its "
                     f"quotes carries the {config.LONGEST_EVIDENCE // 3:,} characters either side as its evidence",)
    assert all(q.speaker == "Gina Raimondo" and q.issues == ("tariffs",) for q in quotes)
    assert all(len(q.sentence) <= config.LONGEST_EVIDENCE and f'"{q.text}"' in q.sentence for q in quotes)


def test_a_sentence_within_the_bound_is_every_quotes_evidence_whole_and_gives_no_note():
    article = seed("000")
    quotes, notes = EXTRACTOR.quotes_and_notes(article)
    sentences = {s.text for s in article.sentences}
    assert notes == () and quotes and all(q.sentence in sentences for q in quotes if "\n" not in q.sentence)
