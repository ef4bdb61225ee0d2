"""Commitments: agreed statements of intent about future joint action, deduplicated across articles.

Sentence by sentence, a commitment cue (agreed > will > plan > discuss) marks a candidate. The
sentence is cut at contrasts ("..., but ...") to the part holding the cue, and that part is split
into coordinated items ("... and set up a group ...", "..., as well as ..."). Each item that names a
mechanism (working group, information exchange, expert talks, meetings ...) is one mention, unless
the part is a demand, a prediction, a negation or background, a one-off itinerary (meetings
that are neither agreed, joint nor recurring), or one side's with a third government. An article
that does not name every side has none. Bullet points after "agreed to:" inherit the cue.

Mentions are then clustered: same mechanism family and overlapping subject issues; a mention with
no subject of its own ("the information exchange will hold its first meeting") joins its family's
cluster in the same article. Counts are per cluster — mentions, articles, outlets — with
near-duplicate articles (syndicated copies) counted once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from briefing import config
from briefing.records import Article
from briefing.scenario import COMMITMENT_CUES, STRENGTHS, Mechanism, Phrases, Scenario, folded, phrase_pattern
from briefing.speakers import words_after, words_before
from briefing.wording import long_sentence_note

_CONTRAST = re.compile(r",?\s+but\s+|;\s+|,\s+while\s+|\s+however,?\s+|,\s+although\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-•*▪●]|\d{1,2}[.)])\s+")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FIRST_MEETING = re.compile(
    r"(?:first (?:meeting|session|round)|for the first time|the first of which|kick off|inaugural)\b(?P<rest>[^.;]*)",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(today|tomorrow|tonight|this week|next week|next month|next year|later this year|early next year|"
    r"(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: this week)?|"
    r"in (?:january|february|march|april|may|june|july|august|september|october|november|december)(?: \d{4})?)\b",
    re.IGNORECASE,
)
_WHERE = re.compile(r"\bin (?P<place>(?:the )?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})")


@dataclass(frozen=True)
class CommitmentMention:
    """One statement of a commitment in one article, with its evidence sentence."""

    article_id: str
    sentence_index: int
    evidence: str
    clause: str
    family: str
    topics: frozenset[str]
    topic_phrases: tuple[tuple[str, str], ...]  # (issue id, the words that named it)
    strength: str
    level: str | None = None
    frequency: str | None = None
    first_meeting: str | None = None
    joint: bool = False
    anaphoric: bool = False  # "the information exchange", "this exchange": refers to one named before


@dataclass
class Commitment:
    """A distinct commitment and every mention of it."""

    id: str
    label: str
    family: str
    topics: frozenset[str]
    strength: str
    parties: tuple[str, ...]
    details: dict
    mentions: list[CommitmentMention]
    article_ids: tuple[str, ...]
    article_count: int
    mention_count: int
    outlets: tuple[str, ...]
    references: list[dict] = field(default_factory=list)


class CommitmentFinder:
    """Finds commitment mentions in articles and clusters them, for one scenario."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self._cues = {strength: phrase_pattern(scenario.commitment_cues[strength]) for strength in STRENGTHS}
        self._any_cue = Phrases([cue for strength in STRENGTHS for cue in scenario.commitment_cues[strength]])
        self._mechanisms = [(m, phrase_pattern(m.nouns)) for m in scenario.mechanisms]
        self._exclusions = phrase_pattern(scenario.exclusions)
        side_terms = [_side_terms(side) for side in scenario.sides]
        both_sides = "|".join(rf"(?:{a})\s+and\s+(?:{b})" for a in side_terms for b in side_terms if a != b)
        self._joint = re.compile(phrase_pattern(scenario.joint_subjects).pattern + (f"|{both_sides}" if both_sides else ""), re.IGNORECASE)
        self._recurrence = phrase_pattern(scenario.recurrence)
        self._levels = [(label, phrase_pattern(phrases)) for label, phrases in scenario.levels.items()]
        self._actions = re.compile(
            r"\s+and\s+(?:also\s+)?(?=(?:to\s+)?(?:"
            + "|".join(sorted({re.escape(cue.split(" ", 1)[1]) for cue in scenario.commitment_cues["will"]
                               if cue.startswith("will ")}, key=len, reverse=True))
            + r")\b)|,?\s+as well as\s+|,\s+and\s+(?=to\s+[a-z]+\s|[a-z]+\s+(?:a|an|the)\s)"
            # ", and officials from both sides will meet ...", ", and that Treasury officials would meet ..."
            + r"|,\s+and\s+(?=(?:that\s+)?(?:[\w.'’-]+\s+){1,5}?(?:will|would|shall)\s)",
            re.IGNORECASE,
        )

    # --- mentions -------------------------------------------------------------------------------

    def mentions(self, article: Article, cues: list[frozenset | None] | None = None) -> list[CommitmentMention]:
        """Every commitment mention in one article, in text order.

        ``cues``: the article's ``Scenario.sentence_cues``, when already found.
        """
        return self.mentions_and_notes(article, cues)[0]

    def mentions_and_notes(self, article: Article, cues: list[frozenset | None] | None = None
                           ) -> tuple[list[CommitmentMention], tuple[str, ...]]:
        """``mentions``, and a note in plain words for each sentence too long for its mentions to
        carry whole as their evidence (see config.LONGEST_EVIDENCE)."""
        if cues is None:
            cues = self.scenario.sentence_cues(article.text, article.sentences)
        if all(possible is not None and COMMITMENT_CUES not in possible for possible in cues):
            return [], ()  # most articles carry no cue (a listed commitment follows a cue too)
        if self.scenario.sides_named(article.text) != set(self.scenario.side_ids):
            # The sides make the commitments: an article that does not name each of them (by name,
            # adjective, metonym or a known actor) reports none of theirs, however its sentences
            # read ("SBC Communications agreed to buy AT&T", two other presidents' summit).
            return [], ()
        found: list[CommitmentMention] = []
        inherited: str | None = None
        for sentence, possible in zip(article.sentences, cues):
            text = sentence.text
            if inherited and _BULLET.match(text):
                found.extend(self._items(article, sentence.index, text, text, inherited, joint=True))
                continue
            inherited = None
            if possible is not None and COMMITMENT_CUES not in possible:
                continue  # most sentences carry no cue
            strength, part = self._cue_part(text)
            if strength is None:
                continue
            if text.rstrip().endswith(":"):
                inherited = strength  # the list that follows carries the commitments
                continue
            found.extend(self._items(article, sentence.index, text, part, strength, joint=None))
        return _evidence_within_bounds(self._without_third_party_mechanisms(found))

    def _cue_part(self, sentence: str) -> tuple[str | None, str]:
        """The strongest cue in the sentence and the contrast-free part of the sentence holding it."""
        if not self._any_cue.search(sentence):
            return None, sentence  # one scan instead of one per part and strength
        for part in _CONTRAST.split(sentence):
            for strength in STRENGTHS:
                if self._cues[strength].search(part) and not self._exclusions.search(part):
                    return strength, part
        return None, sentence

    def _items(self, article: Article, index: int, sentence: str, part: str, strength: str,
               joint: bool | None) -> list[CommitmentMention]:
        """The mentions in the items of ``part``; ``joint`` None: whether the sentence names both sides."""
        mentions = []
        recurring_part = self._recurrence.search(part)
        for item in self._actions.split(part):
            mechanism, noun = self._mechanism(item)
            if mechanism is None:
                continue
            if joint is None:  # looked for only once an item names a mechanism: the pattern is slow
                joint = bool(self._joint.search(sentence))
            frequency = self._recurrence.search(item) or recurring_part
            if (mechanism.family in self.scenario.itinerary_families and strength != "agreed"
                    and not joint and not frequency):
                continue  # a single visit's schedule, not a commitment
            topic_phrases = self._topics(item)
            mentions.append(
                CommitmentMention(
                    article_id=article.id,
                    sentence_index=index,
                    evidence=sentence,
                    clause=item.strip(),
                    family=mechanism.family,
                    topics=frozenset(issue for issue, _ in topic_phrases),
                    topic_phrases=topic_phrases,
                    strength=strength,
                    level=self._level(item),
                    frequency=frequency.group().lower() if frequency else None,
                    first_meeting=_first_meeting(item, article),
                    joint=joint or strength == "agreed",
                    anaphoric=bool(re.search(r"\b(?:the|this|that|its)\s+(?:new\s+)?$", item[: noun.start()], re.IGNORECASE)),
                )
            )
        return mentions

    def _without_third_party_mechanisms(self, mentions: list[CommitmentMention]) -> list[CommitmentMention]:
        """The mentions less those of a mechanism one side sets up with a third government ("The
        United States and the European Union agreed to set up a working group") and of later
        references to it ("The working group will meet twice a year")."""
        kept = []
        third_party_families: set[str] = set()
        third_party_subject: dict[str, bool] = {}  # by sentence: read once however many mentions it holds
        for mention in mentions:
            if mention.anaphoric and mention.family in third_party_families:
                continue
            if mention.evidence not in third_party_subject:
                third_party_subject[mention.evidence] = self._third_party_subject(mention.evidence)
            if third_party_subject[mention.evidence]:
                third_party_families.add(mention.family)
                continue
            third_party_families.discard(mention.family)
            kept.append(mention)
        return kept

    def _third_party_subject(self, sentence: str) -> bool:
        """Whether the words before the sentence's first cue name a third government and not both
        sides (the rest may name the other side as an object: "... before tightening exports to China")."""
        cue = self._any_cue.search(sentence)
        subject = sentence[: cue.start()] if cue else sentence
        return (bool(self.scenario.third_party_pattern.search(subject))
                and self.scenario.sides_named(subject) != set(self.scenario.side_ids)
                and not self._joint.search(subject))

    def _mechanism(self, item: str) -> tuple[Mechanism | None, re.Match[str] | None]:
        for mechanism, pattern in self._mechanisms:
            match = pattern.search(item)
            if match:
                return mechanism, match
        return None, None

    def _topics(self, item: str) -> tuple[tuple[str, str], ...]:
        """(issue, words) for each subject issue named in the item, in text order."""
        found = []
        for issue_id, pattern in self.scenario.issue_patterns.items():
            if issue_id not in self.scenario.mechanism_issues:
                found.extend((match.start(), issue_id, match.group().lower()) for match in pattern.finditer(item))
        return tuple((issue_id, words) for _, issue_id, words in sorted(found))

    def _level(self, item: str) -> str | None:
        """The level of the mechanism, ignoring a title that belongs to a named person."""
        for label, pattern in self._levels:
            for match in pattern.finditer(item):
                if not re.match(r"\s+[A-Z][a-z]", item[match.end():]):
                    return label
        return None

    # --- clustering -----------------------------------------------------------------------------

    def cluster(self, mentions: list[CommitmentMention], articles: dict[str, Article],
                story_of: dict[str, str] | None = None) -> list[Commitment]:
        """Group mentions into distinct commitments, most widely reported first."""
        groups: list[_Group] = []
        for mention in mentions:
            group = self._group_for(mention, groups)
            if group is None:
                groups.append(group := _Group())
            group.add(mention)
        commitments = [self._commitment(group.mentions, articles, story_of or {}) for group in groups]
        commitments.sort(key=lambda c: (-c.article_count, -c.mention_count, c.label))
        _make_ids_unique(commitments)
        return commitments

    def _group_for(self, mention: CommitmentMention, groups: list[_Group]) -> _Group | None:
        same_family = [g for g in groups if g.family == mention.family]
        if mention.topics:
            overlapping = [g for g in same_family if mention.topics & g.topics]
            if overlapping:
                return max(overlapping, key=lambda g: len(mention.topics & g.topics))
            same_family = [g for g in same_family if not g.topics]
        if mention.anaphoric:
            in_article = [g for g in same_family if mention.article_id in g.article_ids]
            if in_article:
                return in_article[-1]
        # Without a shared subject, only a matching level or schedule ties mentions together.
        alike = [g for g in same_family
                 if (mention.level and mention.level in g.levels) or (mention.frequency and g.has_frequency)]
        return max(alike, key=lambda g: len(g.mentions)) if alike else None

    def _commitment(self, group: list[CommitmentMention], articles: dict[str, Article],
                    story_of: dict[str, str]) -> Commitment:
        strength = min((m.strength for m in group), key=STRENGTHS.index)
        details = {
            "strength": strength,
            "level": _most_common(m.level for m in group),
            "frequency": _most_common(m.frequency for m in group),
            "first_meeting": _most_common(m.first_meeting for m in group),
        }
        label = self._label(group, details)
        commitment = Commitment(
            id=re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-"),
            label=label,
            family=group[0].family,
            topics=_topics_of(group),
            strength=strength,
            parties=self.scenario.side_ids if any(m.joint for m in group) else (),
            details=details,
            mentions=group,
            article_ids=(),
            article_count=0,
            mention_count=0,
            outlets=(),
        )
        # The counts are those of the commitment restricted to every article that mentions it.
        return restrict(commitment, {m.article_id for m in group}, articles, story_of)

    def _label(self, group: list[CommitmentMention], details: dict) -> str:
        mechanism = next(m for m in self.scenario.mechanisms if m.family == group[0].family)
        phrase = _topic_phrase(group)
        if phrase and phrase_pattern(mechanism.nouns).search(phrase):
            return phrase[0].upper() + phrase[1:]  # "trade talks", not "Talks on trade talks"
        if phrase:
            return f"{mechanism.label} on {phrase}"
        level = details["level"]
        label = f"{level.capitalize()} {mechanism.label.lower()}" if level else mechanism.label
        return f"{label} ({details['frequency']})" if details["frequency"] else label

    def references(self, commitments: list[Commitment], articles: list[Article]) -> None:
        """Record later articles that refer back to a commitment without restating it."""
        naming: dict[str, list[Article]] = {}  # family -> articles that name its mechanism anywhere
        folded_texts: dict[str, str | None] = {}
        for commitment in commitments:
            mechanism = next(m for m in self.scenario.mechanisms if m.family == commitment.family)
            phrase = _topic_phrase(commitment.mentions)
            if not phrase:
                continue
            if not folded_texts:  # folded once, and only for a commitment that has a subject to look for
                folded_texts.update((article.id, folded(article.text)) for article in articles)
            noun = Phrases(mechanism.nouns)
            topic = Phrases([phrase])
            if mechanism.family not in naming:
                # Sentences are whitespace-separated spans of the text, so a sentence can name the
                # mechanism only if the whole text does: one scan per article, not per sentence.
                naming[mechanism.family] = [a for a in articles
                                            if noun.may_occur_in(folded_texts[a.id]) and noun.search(a.text)]
            for article in naming[mechanism.family]:
                if (article.id in commitment.article_ids or not topic.may_occur_in(folded_texts[article.id])
                        or not topic.search(article.text)):
                    continue
                for sentence in article.sentences:
                    if noun.search(sentence.text) and topic.search(sentence.text):
                        commitment.references.append({"article_id": article.id, "evidence": sentence.text})
                        break


def _evidence_within_bounds(mentions: list[CommitmentMention]) -> tuple[list[CommitmentMention], tuple[str, ...]]:
    """The mentions, those of a sentence over config.LONGEST_EVIDENCE characters carrying their
    clause and the words around it instead, and a note for each such sentence. A sentence's
    clauses are found in order from where the previous one ended: one reading per sentence."""
    around = config.LONGEST_EVIDENCE // 3
    bounded, notes, cursor, sentence = [], [], 0, None
    for mention in mentions:
        if len(mention.evidence) <= config.LONGEST_EVIDENCE:
            bounded.append(mention)
            continue
        if mention.evidence is not sentence:
            sentence, cursor = mention.evidence, 0
            notes.append(long_sentence_note(mention.sentence_index, mention.sentence_index, len(sentence),
                                            "commitment mentions", around))
        at = sentence.find(mention.clause, cursor)
        start, end = (at, at + len(mention.clause)) if at >= 0 else (cursor, cursor)
        cursor = max(cursor, end)
        evidence = words_before(sentence, start, 0, around) + sentence[start:end] + words_after(sentence, end, len(sentence), around)
        bounded.append(replace(mention, evidence=evidence.strip() or mention.clause))
    return bounded, tuple(notes)


@dataclass
class _Group:
    """Mentions clustered so far as one commitment, with what clustering asks of the group kept as
    they are added: reading every mention of every group for each new one took time growing with
    the square of the mentions (an article can hold thousands)."""

    mentions: list[CommitmentMention] = field(default_factory=list)
    family: str | None = None
    topics: frozenset[str] = frozenset()
    article_ids: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    has_frequency: bool = False

    def add(self, mention: CommitmentMention) -> None:
        self.mentions.append(mention)
        self.family = self.family or mention.family
        self.topics |= mention.topics
        self.article_ids.add(mention.article_id)
        if mention.level:
            self.levels.add(mention.level)
        self.has_frequency = self.has_frequency or bool(mention.frequency)


def _make_ids_unique(commitments: list[Commitment]) -> None:
    """Number the ids of commitments that share a label ("meetings", "meetings-2", ...), in rank order."""
    taken: set[str] = set()
    for commitment in commitments:
        base, number = commitment.id, 1
        while commitment.id in taken:
            number += 1
            commitment.id = f"{base}-{number}"
        taken.add(commitment.id)


def _side_terms(side) -> str:
    """A pattern for any way of naming a side: "the United States", "U.S.", "Chinese", "Beijing"."""
    terms = (*side.adjectives, *side.metonyms)
    return "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))


def _topics_of(group: list[CommitmentMention]) -> frozenset[str]:
    return frozenset().union(*(m.topics for m in group))


def _topic_phrase(group: list[CommitmentMention]) -> str | None:
    """The words most often used for the issue most mentions share ("trade secrets")."""
    issues = Counter(issue for m in group for issue in m.topics)
    if not issues:
        return None
    # Ties go to the issue named first in the text (topic_phrases keep text order), never to set order.
    first_named = {}
    for position, (issue, _) in enumerate(pair for m in group for pair in m.topic_phrases):
        first_named.setdefault(issue, position)
    top_issue = max(issues, key=lambda issue: (issues[issue], -first_named[issue]))
    return _most_common(words for m in group for issue, words in m.topic_phrases if issue == top_issue)


def _most_common(values) -> str | None:
    counted = Counter(value for value in values if value)
    return counted.most_common(1)[0][0] if counted else None


def _first_meeting(text: str, article: Article) -> str | None:
    """When (and where) a mechanism first meets, with relative days resolved when the date is known."""
    match = _FIRST_MEETING.search(text)
    if not match:
        return None
    rest = match.group("rest")
    when = _WHEN.search(rest) or _WHEN.search(text)
    where = _WHERE.search(rest)
    parts = []
    if when:
        parts.append(_resolve_day(when.group(1), article.published.value))
    if where:
        parts.append(f"in {where.group('place')}")
    return ", ".join(parts) if parts else None


def _resolve_day(expression: str, published: str | None) -> str:
    """'today' or 'Tuesday' as a date when the article's publication date is known."""
    lowered = expression.lower().replace("on ", "").replace("this week", "").strip()
    if not published:
        return expression
    base = date.fromisoformat(published)
    if lowered == "today":
        return base.isoformat()
    if lowered == "tomorrow":
        return (base + timedelta(days=1)).isoformat()
    if lowered in _WEEKDAYS:
        # News uses a bare weekday for the nearest one, usually in the past week or the coming days.
        offset = (_WEEKDAYS.index(lowered) - base.weekday()) % 7
        if offset > 3:
            offset -= 7
        return (base + timedelta(days=offset)).isoformat()
    return expression


def restrict(commitment: Commitment, article_ids: set[str], articles: dict[str, Article],
             story_of: dict[str, str]) -> Commitment | None:
    """The commitment as reported by the given articles only (same label), or None if none does.

    A syndicated copy's mentions stay listed as evidence but are counted once, through the first
    article of their story.
    """
    mentions = [m for m in commitment.mentions if m.article_id in article_ids]
    if not mentions:
        return None
    kept = tuple(dict.fromkeys(m.article_id for m in mentions))
    stories = {story_of.get(a, a) for a in kept}
    counted = {next(a for a in kept if story_of.get(a, a) == story) for story in stories}
    return replace(
        commitment,
        mentions=mentions,
        article_ids=kept,
        article_count=len(stories),
        mention_count=sum(1 for m in mentions if m.article_id in counted),
        outlets=tuple(sorted({articles[a].outlet for a in kept if articles[a].outlet})),
        references=[r for r in commitment.references if r["article_id"] in article_ids],
    )
