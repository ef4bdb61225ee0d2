"""Who is speaking, and for which side.

A speaker phrase taken from next to a speech verb ("U.S. Commerce Secretary Gina Raimondo",
"she", "Beijing's read-out", "a senior U.S. commerce official", "Ashton and Milliken") is resolved
to one canonical speaker: first the scenario's gazetteer of actors and aliases, then the article's
own cast (a bare surname is the last full name with that word mentioned before it; a pronoun is the
last compatible speaker), then general cues — a side's adjective or metonym with a government role
("Chinese Vice Premier X", "Washington"), or a non-government role ("analysts", "of Eurasia Group").
In a transcript, "I" and "we" are the speaker whose labelled turn ("SECRETARY YELLEN:", "Lin
Jian:") holds them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from briefing import config
from briefing.scenario import SIDE_OTHER, Actor, Phrases, Scenario, cased_phrase_pattern, phrase_pattern
from briefing.sentences import SENTENCE_STARTERS, TITLE_ABBREVIATIONS


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name, side (or None when unknown) and kind."""

    name: str
    side: str | None
    kind: str  # person, office, state media, organisation, government, group
    gender: str | None = None
    office: str | None = None


class Mention(NamedTuple):
    """A person or body named in the article, with where it was named (a named tuple: an article
    names tens of people, and a tuple is several times cheaper to make than a frozen dataclass)."""

    start: int
    speaker: Speaker
    words: frozenset[str]
    end: int | None = None  # a person found in the text, whose side is read from the words around it


@dataclass(frozen=True)
class Turn:
    """One speaker's turn in a transcript: from its label ("SECRETARY YELLEN:", "Q:") to the next."""

    start: int
    end: int
    label: str
    question: bool


#: A transcript label opening a paragraph: up to six capitalised words (with "of", "from" ...) and a colon.
TURN_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|of|from|for|the|at|with)){0,5})[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
#: Labels of a question from the floor: the asker is a journalist, whose words are no side's.
_QUESTION_LABEL = re.compile(r"^(?:Q|Question|Questions|Reporter|Journalist|Correspondent|Audience)\b", re.IGNORECASE)


def transcript_turns(text: str) -> list[Turn]:
    """The turns of a transcript (press conference, Q&A), or [] when ``text`` is not one.

    A text is a transcript when at least two paragraphs open with a speaker label and one label
    asks a question or a label comes back; a turn runs to the next labelled paragraph, so an
    answer's later paragraphs are still its speaker's.
    """
    if text.count(":") < 2:
        return []  # two labels need two colons: most articles are ruled out without a regex scan
    labels = [(m.start(), m.group("label")) for m in TURN_LABEL.finditer(text)]
    if len(labels) < 2:
        return []
    questions = [bool(_QUESTION_LABEL.match(label)) for _, label in labels]
    if not any(questions) and len({label.lower() for _, label in labels}) == len(labels):
        return []
    ends = [start for start, _ in labels[1:]] + [len(text)]
    return [Turn(start, end, label, question) for (start, label), end, question in zip(labels, ends, questions)]


_PRONOUNS = {"he": "male", "she": "female", "it": None, "they": None, "him": "male", "her": "female"}
#: First-person subjects: in a transcript's answer, its speaker.
_FIRST_PERSON = frozenset(("i", "we"))
#: A capitalised word or an initial, after its capital: "Raimondo", "O’Brien", "R.".
_AFTER_CAPITAL = r"(?:[a-zA-Z'’\-]+|\.)"
#: Two or three of them. The pattern starts with the capital and a lookbehind then checks that no
#: word character precedes it (what \b means there), so the scan can skip from capital to capital.
_PERSON_NAME = re.compile(rf"[A-Z](?<!\w[A-Z]){_AFTER_CAPITAL}(?:\s+[A-Z]{_AFTER_CAPITAL}){{1,2}}\b")
#: Capitalised words that make a capitalised run a title, place or organisation rather than a name.
_NOT_NAME_WORDS = frozenset(
    """The A An In On At As For From Of To And But Or If When While After Before During Since Last Next This That
    These Those Its Their His Her Our Your We They He She It I You Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October November December Jan
    Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Group Ltd Inc Co Corp Technologies Technology Act Party
    Department Ministry Embassy Council Post Times Agency Administration House Bank University Institute
    Commission Association Chamber Office Committee Congress Senate Court Force Forum Summit Fund Exchange
    News Daily Street Journal Press Industries Holdings Motors Energy Airlines Reduction Science Chips
    Commercial Issues Working Indo Pacific Asia Europe European Union Nations Covid State Foreign Minister
    Secretary Premier President Vice Ambassador Commerce Treasury Defense Trade Representative Chinese
    American China Beijing Washington United States America U.S. US PRC Taiwan Hong Kong Mr Mrs Ms Dr Prof
    Speaker Sen Rep Gov Gen General Deputy Assistant Under Chief Senior Director Leader Communist Federal
    National Central People's People’s Republic Government Presidential Sino What Which Who Whom Why How Where
    Some Many Several Most Other Others Both Such Any All Each Every Few No Two Three Q Spokesperson Spokesman
    Spokeswoman Security Industry Economy Economic Enforcement Affairs Finance Export Exports Import Imports
    Policy Planning Development Reform Relations International Homeland Justice Agriculture Interior Labor
    Health Education Transportation Environment Customs Intelligence Strategic Investment Counsel
    Commissioner Administrator Chair Chairman Chairwoman Envoy Special""".split()  # a portfolio's words in a title
)
#: A preposition right before a capitalised pair makes it a place ("in San Francisco"), not a person.
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|(?<!according )to|near|outside|across|into|via)\s+$")
_ADVERBS = re.compile(
    r"^(?:\w+ly|earlier|later|also|again|then|previously|once|still|too|separately|further|"
    r"have|has|had|will|would|did|does|do|is|was|were|are|repeatedly)$",
    re.IGNORECASE,
)
_TRAILING_TIME = re.compile(
    r"(?:,?\s+(?:on|last|this|earlier|late|early)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"week|month|year|this week|last week))+\s*,?$",
    re.IGNORECASE,
)
_READOUT_OWNER = re.compile(r"^(?P<owner>.+?)['’]s?\s+(?:read-?out|statement|report|website|account|spokes\w+|notice)(?:\s+of\b.*)?$", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:according to|the|a|an)\s+", re.IGNORECASE)
_OWNED_OFFICE = re.compile(r"^(?P<pronoun>her|his)\s+(?:department|ministry|office|agency|spokes\w+|team)$", re.IGNORECASE)
#: A full stop after a one-letter capital is an abbreviation's ("U.S. Trade Representative X"), no break.
_CLAUSE_BREAK = re.compile(r"(?<!\b[A-Z])\.|[;:!?\"“”]|,\s")
#: A preposition before a name and its title words: "under President ", "with Vice Premier ".
_PREPOSITION_BEFORE = re.compile(r"\b(?:under|by|with|for|against|than|between|among|of)\s+(?:[A-Z][\w.'’-]*\s+){0,3}$")
#: An abbreviated title right before a name: "Sen. ", "Rep. ", "Gov. ".
_ABBREVIATED_TITLE = re.compile(r"\b(?:" + "|".join(sorted(TITLE_ABBREVIATIONS)) + r")\.\s*$", re.IGNORECASE)
#: A full stop inside a dotted acronym, or ending one when no new sentence follows ("a U.S. official").
_ACRONYM_STOP = r"(?<=\b[A-Z])\.(?=[A-Z]\.)|(?<=\.[A-Z])\.(?!\s+(?:" + "|".join(
    sorted(word.capitalize() for word in SENTENCE_STARTERS)) + r")\b)"
_APPOSITION = re.compile(rf",\s*((?:[^,.;]|{_ACRONYM_STOP}){{3,120}})[,.;]")
_AFFILIATION = re.compile(r"\s+(of|at|from)\s+([A-Z][^,.;]{2,60})")
_WORD_TOKEN = re.compile(r"[\w.'’\-]+")
_SPACE = re.compile(r"\s")
_LINE_BREAK = re.compile(r"\n")
#: The last space before the end of the searched stretch (``$`` matches at a search's ``endpos``).
_LAST_SPACE = re.compile(r"\s(?=\S*$)")
_PHRASE_TOKEN = re.compile(r"[\w.'’\-]+|[,;:()“”\"]")
_TRAILING_CLAUSE = re.compile(r",[^,“”\"]{1,120},\s*$")
#: A short parenthesis after a name: a lawmaker's party and state "(D-Ill.)", an age "(63)".
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()“”\"]{1,30}\)\s*$")
#: Adverbs and auxiliaries between a subject's apposition and its verb: "X, who ..., has repeatedly".
_TRAILING_ADVERBS = re.compile(r"(?<=,)(?:\s+(?:\w+ly|also|again|later|earlier|has|have|had|will|would|did|does|do))+\s*$", re.IGNORECASE)
#: A body's name closing a speaker phrase: capitalised words ended by a word that names a body.
_BODY = re.compile(
    r"(?:[A-Z][\w&.'’-]*\s+(?:(?:of|for|and|on)\s+)?){1,6}"
    r"(?:Association|Council|Institute|Institution|Chamber|Group|Federation|Alliance|Foundation|Center|Centre"
    r"|Forum|Society|Coalition)$"
)
_UNOWNED_DOCUMENT = re.compile(r"^(?:read-?out|statement|report|ministry|department|embassy|agency|government)$", re.IGNORECASE)


class SpeakerResolver:
    """Resolves speaker phrases for one scenario; article state lives in an ArticleCast."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self._alias_to_actor: dict[str, Actor] = {}
        for actor in scenario.actors:
            for alias in (actor.name, *actor.aliases):
                self._alias_to_actor[_key(alias)] = actor
        self._actors_by_name = {actor.name: actor for actor in scenario.actors}

    @cached_property
    def alias_pattern(self) -> Phrases:
        return Phrases(list({alias for actor in self.scenario.actors for alias in (actor.name, *actor.aliases)}))

    @cached_property
    def _metonyms(self) -> dict[str, str]:
        return {_key(m): side.id for side in self.scenario.sides for m in side.metonyms}

    @cached_property
    def _adjective_pattern(self) -> dict[str, re.Pattern[str]]:
        return {side.id: cased_phrase_pattern(side.adjectives) for side in self.scenario.sides}

    @cached_property
    def _title_pattern(self) -> dict[str, re.Pattern[str]]:
        return {side.id: cased_phrase_pattern(side.titles) for side in self.scenario.sides}

    @cached_property
    def _government_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(self.scenario.government_roles)

    @cached_property
    def _non_government_pattern(self) -> re.Pattern[str]:
        return phrase_pattern(self.scenario.non_government_roles)

    def actor_speaker(self, actor: Actor) -> Speaker:
        return Speaker(actor.name, actor.side, actor.kind, actor.gender, actor.office)

    def side_from_cues(self, phrase: str) -> str | None:
        """A side from general cues: non-government roles win, then a title only one side's officials
        bear ("Rep. X, chair of the committee on the Chinese Communist Party" is a US lawmaker),
        then adjective + government role, then a third government's name + government role."""
        if self._non_government_pattern.search(phrase):
            return SIDE_OTHER
        titled = [side for side, pattern in self._title_pattern.items() if pattern.search(phrase)]
        if len(titled) == 1:
            return titled[0]
        sides = [side for side, pattern in self._adjective_pattern.items() if pattern.search(phrase)]
        if len(sides) == 1 and (self._government_pattern.search(phrase) or _key(phrase) in self._metonyms):
            return sides[0]
        if not sides and self._government_pattern.search(phrase) and self.scenario.third_party_pattern.search(phrase):
            return SIDE_OTHER  # a third country's official: "Dutch Trade Minister X"
        return None

    def cast(self, text: str, title: str | None = None, name_starts: list[int] | None = None) -> ArticleCast:
        """Every named actor and person in ``text``, in order, for later look-ups, and the
        speakers of its turns when it is a transcript (``title``: its headline, which often names
        the speaker with their office: "Foreign Ministry Spokesperson Lin Jian's Regular Press
        Conference"). ``name_starts``: where the actors' names may start (``Scenario.cue_index``),
        when known."""
        cast = self._cast(text, name_starts)
        for turn in transcript_turns(text):
            speaker = None if turn.question else self._turn_speaker(turn, title, cast)
            cast.turns.append((turn.start, turn.end, speaker))
        return cast

    def _turn_speaker(self, turn: Turn, title: str | None, cast: ArticleCast) -> Speaker | None:
        label = turn.label.title() if turn.label.isupper() else turn.label
        speaker = self.resolve(label, turn.start, cast)
        if speaker and speaker.side is None and title:
            name = _name_in(label)
            at = title.find(name) if name else -1
            if at >= 0:  # the headline's words before the name are the speaker's title
                speaker = self.resolve(title[: at + len(name)], turn.start, cast) or speaker
        return speaker

    def _cast(self, text: str, name_starts: list[int] | None) -> ArticleCast:
        mentions: list[Mention] = []
        taken: list[tuple[int, int]] = []
        aliases = self.alias_pattern.finditer(text) if name_starts is None else self.alias_pattern.finditer_at(text, name_starts)
        for match in aliases:
            actor = self._alias_to_actor.get(_key(match.group()))
            if actor:
                speaker = self.actor_speaker(actor)
                mentions.append(Mention(match.start(), speaker, _words(actor.name, *actor.aliases)))
                taken.append((match.start(), match.end()))
        for match in _PERSON_NAME.finditer(text):
            # The actors' names are in text order and do not overlap: the one that may hold this
            # name is the last starting at or before it.
            index = bisect_right(taken, match.start(), key=_start) - 1
            if index >= 0 and match.start() < taken[index][1]:
                continue
            name = match.group()
            if not _is_whole_name(name) or _PLACE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
                continue
            # Most names are never a speaker, so their side is read only when one is asked for.
            mentions.append(Mention(match.start(), Speaker(name, None, "person"), frozenset(name.split()), match.end()))
        return ArticleCast(sorted(mentions, key=lambda m: m.start), text=text, side_from_cues=self.side_from_cues)

    def resolve(self, phrase: str, position: int, cast: ArticleCast) -> Speaker | None:
        """The speaker a phrase names at ``position`` in the article, or None if it names nobody."""
        phrase = phrase.strip(" ,.;:—–-")
        if not phrase:
            return None
        owner = _READOUT_OWNER.match(phrase)
        if owner:
            phrase = owner.group("owner")
        bare = _DETERMINER.sub("", phrase)
        lowered = bare.lower()
        if lowered in _FIRST_PERSON:
            return cast.turn_speaker(position)
        if lowered in _PRONOUNS and lowered not in ("him", "her"):
            return cast.last_speaker(position, lowered)
        owned = _OWNED_OFFICE.match(bare)
        if owned:
            return self._office_of(cast.last_speaker(position, owned.group("pronoun").lower().replace("his", "he").replace("her", "she")))
        if _UNOWNED_DOCUMENT.match(bare):
            return cast.last_speaker(position, "it")
        return self._named(bare, position, cast)

    def _named(self, phrase: str, position: int, cast: ArticleCast) -> Speaker | None:
        if " and " in phrase and not self.alias_pattern.fullmatch(phrase) and not _is_titled_name(phrase):
            return self._group(phrase, position, cast)
        named = self._named_actor(phrase)
        if named:
            return named
        for key in (_key(phrase), _key(f"the {phrase}")):
            if key in self._metonyms:
                side = self._metonyms[key]
                return Speaker(f"{side} government", side, "government")
        # A body closing the phrase is the speaker unless a person is named before it: "The
        # Semiconductor Industry Association" is no person called "Semiconductor", and in "Jane Roe
        # of the Eurasia Group" Jane Roe speaks.
        body = _BODY.search(phrase)
        name = _name_in(phrase[:body.start()] if body else phrase)
        if body and not name:
            return Speaker(body.group(), self.side_from_cues(phrase), "organisation")
        if name:
            person = cast.person(position, name) or self._known_by_surname(name)
            if person:
                side = person.side or self.side_from_cues(phrase)
                return Speaker(person.name, side, person.kind, person.gender, person.office)
            return Speaker(name, self.side_from_cues(phrase), "person")
        side = self.side_from_cues(phrase)
        if side:
            kind = "organisation" if side == SIDE_OTHER else "office"
            return Speaker(_tidy(phrase), side, kind)
        return None

    def _named_actor(self, phrase: str) -> Speaker | None:
        """The gazetteer actor a phrase names, or the person speaking for a named body.

        A person named in the phrase speaks, not the body beside them: "Commerce Ministry
        spokesperson Shu Jueting" and "Shu Jueting, spokeswoman for the Ministry of Commerce" are
        Shu Jueting; a name the gazetteer lacks takes the body's side ("Commerce Ministry
        spokesperson He Yadong").
        """
        matches = [(match, self._alias_to_actor.get(_key(match.group()))) for match in self.alias_pattern.finditer(phrase)]
        actors = [actor for _, actor in matches if actor]
        if not actors:
            return None
        person = next((actor for actor in actors if actor.kind == "person"), None)
        if person:
            return self.actor_speaker(person)
        rest = phrase
        for match, _ in reversed(matches):
            rest = rest[:match.start()] + "," + rest[match.end():]
        name = _name_in(rest)
        if name:
            return Speaker(name, actors[0].side, "person")
        return self.actor_speaker(actors[0])

    @cached_property
    def _person_name_words(self) -> list[tuple[Actor, frozenset[str]]]:
        return [(actor, frozenset(actor.name.split())) for actor in self.scenario.actors if actor.kind == "person"]

    def _known_by_surname(self, name: str) -> Speaker | None:
        """A gazetteer person whose name contains ``name``, when exactly one does."""
        words = set(name.split())
        matches = [actor for actor, name_words in self._person_name_words if words <= name_words]
        return self.actor_speaker(matches[0]) if len(matches) == 1 else None

    def _group(self, phrase: str, position: int, cast: ArticleCast) -> Speaker | None:
        head, _, affiliation = phrase.partition(" of ")
        members = [self._named(part.strip(), position, cast) for part in re.split(r",\s*|\s+and\s+", head) if part.strip()]
        members = [member for member in members if member]
        if not members:
            return None
        sides = {member.side for member in members if member.side}
        side = sides.pop() if len(sides) == 1 else None
        if affiliation and side is None:
            side = self.side_from_cues(phrase) or SIDE_OTHER
        return Speaker(" and ".join(member.name for member in members), side, "group")

    def _office_of(self, person: Speaker | None) -> Speaker | None:
        if person is None:
            return None
        actor = self._actors_by_name.get(person.office or "")
        if actor:
            return self.actor_speaker(actor)
        return Speaker(f"{person.name}'s office", person.side, "office")


@dataclass
class ArticleCast:
    """The people and bodies named in one article, plus the speakers attributed so far."""

    mentions: list[Mention]
    speakers: list[tuple[int, Speaker]] = field(default_factory=list)
    text: str = ""
    side_from_cues: Callable[[str], str | None] | None = None
    _sided: dict[int, Speaker] = field(default_factory=dict)  # mention start -> its speaker, side read
    turns: list[tuple[int, int, Speaker | None]] = field(default_factory=list)  # a transcript's (start, end, speaker)
    _by_word: dict[str, list[Mention]] = field(default_factory=dict)  # name word -> mentions holding it, on first use
    _line_breaks: list[int] | None = None  # offsets of the text's line breaks, on first use

    def remember(self, position: int, speaker: Speaker) -> None:
        # Kept in text order (quotes arrive in it), so the speakers before a position are found by bisection.
        insort(self.speakers, (position, speaker), key=_start)

    def turn_speaker(self, position: int) -> Speaker | None:
        """The speaker of the transcript answer holding ``position`` (None in a question or outside one)."""
        index = bisect_right(self.turns, position, key=_start) - 1  # turns follow one another in text order
        return self.turns[index][2] if index >= 0 and position < self.turns[index][1] else None

    def person(self, position: int, word: str) -> Speaker | None:
        """The last mention before ``position`` whose name contains ``word`` (a surname)."""
        words = set(word.split())
        # Only the mentions holding one of the words can hold them all: looked up, not scanned.
        named = self._named_with(next(iter(words))) if words else self.mentions
        before = bisect_right(named, position, key=_start)
        # The last one before the position, else the last one after it.
        found = next((m for m in _backwards(named, before) if words <= m.words), None) or \
            next((m for m in _backwards(named, len(named), before) if words <= m.words), None)
        return self._speaker(found) if found else None

    def _named_with(self, word: str) -> list[Mention]:
        """The mentions whose names hold ``word``, in text order."""
        if not self._by_word and self.mentions:
            for mention in self.mentions:
                for name_word in mention.words:
                    self._by_word.setdefault(name_word, []).append(mention)
        return self._by_word.get(word, [])

    def _speaker(self, mention: Mention) -> Speaker:
        if mention.end is None or self.side_from_cues is None:
            return mention.speaker
        if mention.start not in self._sided:
            cues = _title_and_apposition(self.text, mention.start, mention.end)
            self._sided[mention.start] = replace(mention.speaker, side=self.side_from_cues(cues))
        return self._sided[mention.start]

    def last_speaker(self, position: int, pronoun: str) -> Speaker | None:
        """The nearest earlier speaker compatible with a pronoun (he, she, it, they).

        An earlier speaker is preferred to a name merely mentioned, unless that name comes after
        the speaker and in the pronoun's own paragraph: in 'Sarah Kim, an economist, said ...
        "I do not see a deal," she said.' she is Sarah Kim, not the official quoted above.
        """
        earlier = _backwards(self.speakers, bisect_right(self.speakers, position, key=_start))
        speaker = next(((start, speaker) for start, speaker in earlier if _compatible(speaker, pronoun)), None)
        mention = self._last_mention(position, pronoun)
        if mention and (speaker is None or (mention.start > speaker[0] and not self._line_break_between(mention.start, position))):
            return self._speaker(mention)
        return speaker[1] if speaker else None

    def _last_mention(self, position: int, pronoun: str) -> Mention | None:
        """The latest name before ``position`` compatible with the pronoun. A name after a preposition
        ("who served under President Donald Trump") is rarely what the next sentence's "he" refers
        back to, so it is taken only when no earlier compatible name stands elsewhere."""
        fallback = None
        for mention in _backwards(self.mentions, bisect_right(self.mentions, position, key=_start)):
            if not _compatible(mention.speaker, pronoun):
                continue
            if not _PREPOSITION_BEFORE.search(self.text, max(0, mention.start - 60), mention.start):
                return mention
            fallback = fallback or mention
        return fallback


    def _line_break_between(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a line break: looked up among the text's line breaks,
        found once, rather than read from a name to every pronoun after it."""
        if self._line_breaks is None:
            self._line_breaks = [match.start() for match in _LINE_BREAK.finditer(self.text)]
        index = bisect_left(self._line_breaks, start)
        return index < len(self._line_breaks) and self._line_breaks[index] < end


def _backwards(items: list, end: int, start: int = 0) -> Iterator:
    """``items[start:end]`` from the last, without copying them."""
    return map(items.__getitem__, range(end - 1, start - 1, -1))


def _start(item: tuple) -> int:
    """The text offset an item (a mention, a speaker or a turn) starts at."""
    return item[0]


def _compatible(speaker: Speaker, pronoun: str) -> bool:
    if pronoun in ("he", "she"):
        return speaker.kind == "person" and speaker.gender in (None, _PRONOUNS[pronoun])
    if pronoun == "it":
        return speaker.kind in ("office", "government", "state media", "organisation")
    return speaker.kind in ("group", "government")


def _title_and_apposition(text: str, start: int, end: int) -> str:
    """The words before a name (its title) and the apposition after it, up to a clause break."""
    window = text[max(0, start - 80): start]
    # The full stop of "Rep. " ends no clause; the costly search runs only when a full stop is there.
    abbreviated = _ABBREVIATED_TITLE.search(window) if window.rstrip().endswith(".") else None
    if abbreviated:
        window = window[:abbreviated.start()]
    before = _CLAUSE_BREAK.split(window)[-1] + (abbreviated.group() if abbreviated else "")
    after = text[end: end + 140]
    apposition = _APPOSITION.match(after)
    affiliation = _AFFILIATION.match(after)
    return " ".join(filter(None, [before, apposition and apposition.group(1), affiliation and affiliation.group(0)]))


def _name_in(phrase: str) -> str | None:
    """The last run of capitalised words in ``phrase`` that are not titles, places or adjectives."""
    runs: list[list[str]] = [[]]
    for token in _WORD_TOKEN.findall(phrase):
        if _is_name_word(token):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    named = [run for run in runs if run]
    return " ".join(named[-1]) if named else None


def _is_titled_name(phrase: str) -> bool:
    """Whether ``phrase`` is one person's title and name, its "and" inside the title ("Under
    Secretary for Industry and Security Alan Estevez"): it ends with a name and names no one before."""
    name = _name_in(phrase)
    return bool(name) and phrase.endswith(name) and _name_in(phrase[: -len(name)]) is None


def _is_whole_name(run: str) -> bool:
    """Whether ``_name_in(run)`` is ``run`` itself, for words and spaces as _PERSON_NAME finds them:
    every word a name word, one space apart."""
    words = run.split()
    return " ".join(words) == run and all(map(_is_name_word, words))


def _is_name_word(token: str) -> bool:
    """A capitalised word that is no possessive, title, place or adjective."""
    possessive = token.endswith(("'s", "’s"))
    return token[0].isupper() and not possessive and token not in _NOT_NAME_WORDS and token.strip(".") not in _NOT_NAME_WORDS


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _words(*names: str) -> frozenset[str]:
    return frozenset(word for name in names for word in name.split())


def _tidy(phrase: str) -> str:
    return " ".join(phrase.split())


def words_before(text: str, end: int, start: int = 0, reach: int = config.SPEAKER_PHRASE_REACH) -> str:
    """``text[start:end]``, or its last ``reach`` characters from the first word starting there:
    where a phrase ending at ``end`` is looked for ("" when one unbroken word fills them)."""
    cut = max(start, end - reach)
    if cut == start or text[cut - 1].isspace():
        return text[cut:end]
    space = _SPACE.search(text, cut, end)
    return text[space.start():end] if space else ""


def words_after(text: str, start: int, end: int, reach: int = config.SPEAKER_PHRASE_REACH) -> str:
    """``text[start:end]``, or its first ``reach`` characters up to the last word ending there:
    where a phrase starting at ``start`` is looked for ("" when one unbroken word fills them)."""
    cut = min(end, start + reach)
    if cut == end or text[cut].isspace():
        return text[start:cut]
    space = _LAST_SPACE.search(text, start, cut)
    return text[start:space.start()] if space else ""


def trailing_noun_phrase(text: str) -> str:
    """The noun phrase that ends ``text`` (the subject before a verb), skipping adverbs; looked for
    in the last ``config.SPEAKER_PHRASE_REACH`` characters (see words_before)."""
    text = words_before(text, len(text))
    text = _TRAILING_TIME.sub("", text.rstrip())
    text = _TRAILING_ADVERBS.sub("", text)  # "X, who ..., has repeatedly" -> "X, who ...,"
    text = _TRAILING_CLAUSE.sub("", text)  # "X, who also attended the meeting," -> "X"
    text = _TRAILING_PARENTHESIS.sub("", text)  # "Rep. X (D-Ill.)" -> "Rep. X"
    tokens = _PHRASE_TOKEN.findall(text)
    while tokens and _ADVERBS.match(tokens[-1]):
        tokens.pop()
    phrase: list[str] = []
    for token in reversed(tokens):
        if phrase and phrase[0].lower() in _SUBJECT_PRONOUNS:
            break  # a pronoun is the whole subject: "But she", "What I"
        if _is_noun_phrase_token(token, phrase):
            phrase.insert(0, token)
        else:
            break
    while phrase and phrase[0].lower() in ("of", "and", "for", "'s", "’s"):
        phrase.pop(0)
    return " ".join(phrase)


def leading_noun_phrase(text: str) -> str:
    """The noun phrase that starts ``text`` (the subject after an inverted verb: 'said X'); looked
    for in the first ``config.SPEAKER_PHRASE_REACH`` characters (see words_after)."""
    tokens = _PHRASE_TOKEN.findall(words_after(text, 0, len(text)))
    phrase: list[str] = []
    for token in tokens:
        word = token.lower().rstrip(".")  # the sentence's full stop clings to its last word: "said a U.S. official."
        if token[0].isupper() or word in ("of", "for", "and", "the", "a", "an", "senior", "top") or word in _LOWER_NOUNS:
            phrase.append(token)  # "for": "Assistant Secretary for Export Enforcement Matthew Axelrod"
        else:
            break
    while phrase and phrase[-1].lower() in ("of", "for", "and", "the", "a", "an"):
        phrase.pop()
    return " ".join(phrase)


_LOWER_NOUNS = frozenset(
    """official officials spokesperson spokesman spokeswoman ministry department read-out readout statement side
    government embassy analysts analyst economist economists minister secretary premier president ambassador envoy
    senior top chinese commerce foreign trade administration report leaders leader counterpart counterparts
    negotiator negotiators diplomat diplomats representative representatives agency media state news he she it
    they who lawmakers legislators senators expert experts executive executives scholar scholars researcher
    researchers""".split()
)


#: Pronouns that are a whole subject on their own (first person ones name a transcript's speaker).
_SUBJECT_PRONOUNS = frozenset(("he", "she", "it", "they", "who", "i", "we"))


def _is_noun_phrase_token(token: str, collected: list[str]) -> bool:
    lowered = token.lower()
    if lowered in _SUBJECT_PRONOUNS:
        return not collected
    if token[0].isupper():
        return True
    return lowered in _LOWER_NOUNS or lowered in ("of", "the", "a", "an", "and", "'s", "’s", "her", "his", "its")
