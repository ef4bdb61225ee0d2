"""Positions: what each side says about each issue, with the sentence that shows it.

A statement belongs to a side when a resolved speaker says it: an attributed quotation, reported
speech ("Wang expressed concerns about US tariffs"), a request reported by its target ("rebuffed
an appeal by Chinese leaders to reduce export controls"), or a side's named complaint ("A key
Chinese complaint is ..."). In a transcript (press conference, Q&A), an answer's own sentences are
its speaker's statements; a question is the journalist's. The items of a list under a heading that
names one side and a stance ("WHAT BEIJING WANTS") are that side's. A sentence with no such
speaker is the journalist's framing and yields nothing. Each statement gives one position per
issue it names, with a stance type from the scenario's cues (demand, defence, concern, offer,
else assessment).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from briefing import config
from briefing.quotes import Quote
from briefing.records import Article
from briefing.scenario import STANCES, Scenario, may_name_an_issue, phrase_pattern
from briefing.speakers import TURN_LABEL, ArticleCast, Speaker, SpeakerResolver, trailing_noun_phrase, words_before

#: Stances in the order they win when a statement carries cues of several.
STANCE_PRIORITY = ("defence", "demand", "concern", "offer", "assessment")
_CLAIM_WORDS = 30
_CONTRAST = re.compile(r",?\s+but\s+|;\s+|,\s+while\s+|\s+however,?\s+", re.IGNORECASE)
#: A list item's marker opening its paragraph: "* ", "- ", "• ".
_LIST_ITEM = re.compile(r"[*•▪●-]\s+")
#: The most words a heading over a side's list has ("WHAT BEIJING WANTS FROM THE TALKS").
_HEADING_WORDS = 8
#: What follows an act verb ("announced", "called") that reports speech: "announced that", "called for".
_REPORTING_ACT = re.compile(r"\s*(?:that\b|on\b|for\b|[,:;.“\"]|$)")
_REQUEST_BY = re.compile(
    # The requester is a speaker phrase, so it is looked for as far as one reaches: an appeal with no
    # "to" or "for" after it then costs that many characters, not the rest of the sentence.
    rf"\b(?:appeal|request|demand|call|push|plea|asks?)s?(?:\s+\w+day)?\s+(?:by|from)\s+"
    rf"(?P<np>[^,;]{{1,{config.SPEAKER_PHRASE_REACH}}}?)\s+(?:to|for)\s+(?P<claim>.+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Position:
    """A side's stance on one issue, with who said it and the evidence sentence."""

    article_id: str
    side: str
    actor: str
    issue: str
    stance: str
    claim: str
    evidence: str
    sentence_index: int
    source: str  # quote, reported speech, request, named complaint, transcript, list under a side's heading


class PositionFinder:
    """Finds positions in articles, for one scenario."""

    def __init__(self, scenario: Scenario, resolver: SpeakerResolver | None = None):
        self.scenario = scenario
        self.resolver = resolver or SpeakerResolver(scenario)
        self._verbs = phrase_pattern(scenario.speech_verbs)
        self._act_verbs = {verb.lower() for verb in scenario.act_verbs}
        self._agreement = phrase_pattern(scenario.commitment_cues["agreed"])
        self._stances = {stance: phrase_pattern(scenario.stance_cues[stance]) for stance in STANCES}
        stance_nouns = r"(?:complaint|concern|demand|grievance|request|priority|worry|ask|position|objection)s?"
        adjectives = "|".join(
            sorted((re.escape(a).replace("'", "['’]") for side in scenario.sides for a in side.adjectives), key=len, reverse=True)
        )
        self._named_complaint = re.compile(
            rf"\b(?P<adjective>{adjectives})\s+(?:\w+\s+)?{stance_nouns}\s+(?:is|are|was|were|include|includes|has been)\s+(?P<claim>.+)"
        )

    def positions(self, article: Article, quotes: list[Quote], cast: ArticleCast,
                  cues: list[frozenset | None] | None = None) -> list[Position]:
        """Every position in one article, deduplicated by side, actor, issue and sentence.

        ``cues``: the article's ``Scenario.sentence_cues``, when already found.
        """
        if cues is None:
            cues = self.scenario.sentence_cues(article.text, article.sentences)
        found: dict[tuple, Position] = {}
        for statement in [*self._from_quotes(article, quotes), *self._from_sentences(article, cast, cues)]:
            side, actor, claim, sentence_index, evidence, source, issues = statement
            new = [issue for issue in issues if (side, actor, issue, sentence_index) not in found]
            if not new:
                continue  # the stance is read only for a new position: a sentence of many quotes repeats one
            stance = "demand" if source == "request" else self._stance(claim, evidence)
            for issue in new:
                found[(side, actor, issue, sentence_index)] = Position(article.id, side, actor, issue, stance, _short(claim),
                                                                       evidence, sentence_index, source)
        return sorted(found.values(), key=lambda p: (p.sentence_index, p.side, p.issue))

    def _stance(self, claim: str, evidence: str) -> str:
        """The stance the statement's own words signal; the whole sentence only as a fallback."""
        opening = " ".join(claim.split()[:8])
        for text in (opening, claim, evidence):
            for stance in STANCE_PRIORITY:
                if self._stances[stance].search(text):
                    return stance
        return "assessment"

    def _from_quotes(self, article: Article, quotes: list[Quote]):
        for quote in quotes:
            if quote.side is None:
                continue
            index = _sentence_index(article, quote.start)
            # A quote's issues are those of its words, else of its sentence: what a statement's are.
            yield quote.side, quote.speaker, quote.text, index, quote.sentence, "quote", quote.issues

    def _from_sentences(self, article: Article, cast: ArticleCast, cues: list[frozenset | None]):
        heading: tuple[str, str] | None = None  # (side, stance) of the heading over the list being read
        paragraph_start, previous_end = 0, 0
        for sentence, possible in zip(article.sentences, cues):
            text = sentence.text
            # The paragraph's start, looked for only since the previous sentence: a line break
            # before that was found then (one pass over the text, not one per sentence).
            paragraph_start = article.text.rfind("\n", previous_end, sentence.start) + 1 or paragraph_start
            previous_end = sentence.start
            listed = heading if _LIST_ITEM.match(article.text, paragraph_start) else None
            if listed is None:
                heading = self._side_heading(text) if paragraph_start == sentence.start else None
            sentence_issues = self.scenario.issues_in(text, possible) if may_name_an_issue(possible) else []
            if not sentence_issues:
                continue  # a statement's claim lies inside its sentence, so no issue here means no position

            def statement(side: str, actor: str, claim: str, source: str) -> tuple:
                issues = self.scenario.issues_in(claim) or sentence_issues
                return side, actor, claim, sentence.index, text, source, issues

            if listed:
                # An item of a list under a side's heading ("WHAT BEIJING WANTS") is that side's.
                side, stance = listed
                yield statement(side, f"{side} government", _LIST_ITEM.sub("", text, count=1),
                                "request" if stance == "demand" else "list under a side's heading")
                continue
            reported = self._reported_speech(text, sentence.start, cast)
            if reported:
                speaker, claim = reported
                yield statement(speaker.side, speaker.name, claim, "reported speech")
            elif cast.turns:
                # In a transcript, an answer's own sentences are its speaker's statements.
                speaker = cast.turn_speaker(sentence.start)
                claim = TURN_LABEL.sub("", text, count=1)
                # "The two sides agreed to ..." reports an agreement (a commitment), not a stance.
                if speaker and speaker.side and not self._agreement.search(" ".join(claim.split()[:12])):
                    yield statement(speaker.side, speaker.name, claim, "transcript")
            for match in _REQUEST_BY.finditer(text):
                speaker = self._resolve(match.group("np"), sentence.start + match.start(), cast)
                if speaker:
                    yield statement(speaker.side, speaker.name, _CONTRAST.split(match.group("claim"))[0], "request")
            for match in self._named_complaint.finditer(text):
                side = self.resolver.side_from_cues(f"{match.group('adjective')} government")
                if side:
                    yield statement(side, f"{side} government", match.group("claim"), "named complaint")

    def _side_heading(self, text: str) -> tuple[str, str] | None:
        """(side, stance) when ``text`` is a short heading naming one side and a stance, such as
        "WHAT BEIJING WANTS" over a factbox's list of demands; else None."""
        if len(text.split()) > _HEADING_WORDS or text.endswith((".", ",", ";", ":")):
            return None
        stance = next((stance for stance in STANCE_PRIORITY
                       if stance != "assessment" and self._stances[stance].search(text)), None)
        if not stance:
            return None  # most short paragraphs are no such heading: the sides are looked for only in those with a stance
        named = self.scenario.sides_named(text) | self.scenario.sides_named(text.title())  # "WASHINGTON", "US"
        return (next(iter(named)), stance) if len(named) == 1 else None

    def _reported_speech(self, text: str, offset: int, cast: ArticleCast) -> tuple[Speaker, str] | None:
        """The innermost speaker of a sentence ("X said Y expressed concerns ..." gives Y) and the claim.

        The last speech verb whose subject names a speaker decides, so the verbs are tried from the
        last back, each subject read from the words just before its verb, and only the deciding
        verb's claim is cut out: time linear in the sentence, however many verbs it holds.
        """
        for match in reversed(list(self._verbs.finditer(text))):
            if match.group().lower() in self._act_verbs and not _REPORTING_ACT.match(text, match.end()):
                continue
            subject = trailing_noun_phrase(words_before(text, match.start()))
            speaker = self._resolve(subject, offset + match.start(), cast)
            if speaker:
                after = text[match.end():]
                claim = _CONTRAST.split(after)[0]
                if len(claim.split()) < 4:  # "..., Raimondo said." — the claim came first
                    claim = text[: match.start()].rsplit(subject, 1)[0] or after
                # "X said the two sides agreed to ..." reports an agreement (a commitment), not a stance.
                return None if self._agreement.search(" ".join(claim.split()[:12])) else (speaker, claim)
        return None

    def _resolve(self, phrase: str, position: int, cast: ArticleCast) -> Speaker | None:
        if not phrase or phrase.lower() == "who":
            return None
        speaker = self.resolver.resolve(phrase, position, cast)
        return speaker if speaker and speaker.side else None


def _sentence_index(article: Article, position: int) -> int:
    """The index of the sentence holding ``position`` (0 when none does)."""
    index = bisect_right(article.sentences, position, key=lambda sentence: sentence.start) - 1
    return article.sentences[index].index if index >= 0 and position < article.sentences[index].end else 0


def _short(claim: str) -> str:
    words = claim.strip(" ,.;:“”\"").split()
    return " ".join(words[:_CLAIM_WORDS]) + (" …" if len(words) > _CLAIM_WORDS else "")
