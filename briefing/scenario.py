"""Load and validate the scenario file: sides, actors, issues and cue vocabularies.

The scenario is data, not code, so the same product can analyse another pair of governments by
swapping the file. A broken file raises ScenarioError naming the line (TOML syntax) or the field.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, fields, replace
from collections.abc import Hashable, Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path

import ahocorasick

from briefing.records import Sentence

SIDE_OTHER = "other"
STANCES = ("demand", "concern", "defence", "offer", "assessment")
STRENGTHS = ("agreed", "will", "plan", "discuss")
#: The names of the commitment cues and of the actors' names and aliases in ``Scenario.cue_index``:
#: not strings, so never an issue id.
COMMITMENT_CUES = ("commitment cues",)
ACTOR_NAMES = ("actor names",)
ACTOR_KINDS = ("person", "office", "state media", "organisation")


class ScenarioError(ValueError):
    """The scenario file is unusable; the message names the line or field at fault."""


@dataclass(frozen=True)
class Side:
    id: str
    label: str
    adjectives: tuple[str, ...]
    metonyms: tuple[str, ...]
    titles: tuple[str, ...] = ()  # titles only this side's officials bear ("Sen.", "Congresswoman")


@dataclass(frozen=True)
class Actor:
    name: str
    side: str
    kind: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    office: str | None = None


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Mechanism:
    family: str
    label: str
    nouns: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    name: str
    sides: tuple[Side, ...]
    government_roles: tuple[str, ...]
    non_government_roles: tuple[str, ...]
    actors: tuple[Actor, ...]
    issues: tuple[Issue, ...]
    speech_verbs: tuple[str, ...]
    act_verbs: tuple[str, ...]
    stance_cues: dict[str, tuple[str, ...]]
    commitment_cues: dict[str, tuple[str, ...]]
    mechanisms: tuple[Mechanism, ...]
    joint_subjects: tuple[str, ...]
    exclusions: tuple[str, ...]
    recurrence: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]
    mechanism_issues: tuple[str, ...] = ()
    itinerary_families: tuple[str, ...] = ()
    third_parties: tuple[str, ...] = ()  # governments that are neither side's: "European Union", "Dutch"
    fingerprint: str = ""  # hash of the file it was read from: identifies its results in caches

    def __getstate__(self) -> dict:
        # A scenario goes to the worker processes with every batch of articles: the patterns
        # cached on it are left out (several times its size) and rebuilt there once.
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @property
    def side_ids(self) -> tuple[str, ...]:
        return tuple(side.id for side in self.sides)

    @cached_property
    def issue_patterns(self) -> dict[str, re.Pattern[str]]:
        """One compiled pattern per issue, matching any of its cues as whole words (plural ok)."""
        return {issue_id: phrases.pattern for issue_id, phrases in self._issue_phrases.items()}

    @cached_property
    def _issue_phrases(self) -> dict[str, Phrases]:
        return {issue.id: Phrases(issue.cues) for issue in self.issues if issue.cues}

    @cached_property
    def any_issue_pattern(self) -> Phrases:
        """Matches where any issue's cue occurs: one scan rules out the many texts that name none."""
        return Phrases([cue for issue in self.issues for cue in issue.cues])

    @cached_property
    def cue_index(self) -> PhraseIndex:
        """Where each issue's cues (named by issue id), the commitment cues and the actors' names may occur."""
        lists: dict[Hashable, Iterable[str]] = {issue.id: issue.cues for issue in self.issues}
        lists[COMMITMENT_CUES] = [cue for strength in STRENGTHS for cue in self.commitment_cues[strength]]
        lists[ACTOR_NAMES] = [name for actor in self.actors for name in (actor.name, *actor.aliases)]
        return PhraseIndex(lists)

    def sentence_cues(self, text: str, sentences: Iterable[Sentence], hits: PhraseHits | None = None
                      ) -> list[frozenset | None]:
        """For each sentence of ``text``, the cue lists that may occur in it (None: any may).

        One pass over the text (``hits``, ``cue_index.find(text)`` when already found) serves every
        sentence, the positions, the commitments and the speaker cast.
        """
        hits = hits or self.cue_index.find(text)
        return hits.per_span((sentence.start, sentence.end) for sentence in sentences)

    @cached_property
    def _side_names(self) -> dict[str, list[str]]:
        """Each side's names as written: label, adjectives, metonyms, and its actors' names and aliases."""
        names = {side.id: [side.label, *side.adjectives, *side.metonyms] for side in self.sides}
        for actor in self.actors:
            if actor.side in names:
                names[actor.side] += [actor.name, *actor.aliases]
        return names

    @cached_property
    def _side_name_patterns(self) -> dict[str, re.Pattern[str]]:
        return {side_id: cased_phrase_pattern(names) for side_id, names in self._side_names.items()}

    @cached_property
    def _side_name_automaton(self) -> ahocorasick.Automaton:
        """Every side name as written (either apostrophe), with its length and the sides it names."""
        sides_of: dict[str, set[str]] = {}
        for side_id, names in self._side_names.items():
            for name in names:
                for form in (name, name.replace("'", "’")):
                    sides_of.setdefault(form, set()).add(side_id)
        automaton = ahocorasick.Automaton()
        for form, sides in sides_of.items():
            automaton.add_word(form, (len(form), frozenset(sides)))
        automaton.make_automaton()
        return automaton

    def sides_named(self, text: str) -> frozenset[str]:
        """The sides ``text`` names, by any of ``_side_names`` (case as written: "US" is not "us").

        One pass of an Aho–Corasick automaton finds where a name occurs as written; the side's
        pattern then checks each place for a whole word, instead of scanning the text once per side.
        """
        named: set[str] = set()
        if len(self._side_name_automaton):
            for end, (length, sides) in self._side_name_automaton.iter(text):
                named.update(side_id for side_id in sides - named
                             if self._side_name_patterns[side_id].match(text, end + 1 - length))
        return frozenset(named)

    @cached_property
    def third_party_pattern(self) -> re.Pattern[str]:
        """Matches a name or adjective of a government that is neither side's (case as written)."""
        return cased_phrase_pattern(self.third_parties)

    @cached_property
    def _issues_by_first_character(self) -> dict[str, list[tuple[str, Phrases]]]:
        """For each character a cue starts with in lower-cased text, the issues having such a cue."""
        index: dict[str, list[tuple[str, Phrases]]] = {}
        for issue_id, phrases in self._issue_phrases.items():
            for character in phrases.first_characters:
                index.setdefault(character, []).append((issue_id, phrases))
        return index

    def issues_in(self, text: str, among: frozenset[str] | None = None) -> list[str]:
        """Issue ids whose cues occur in ``text``, in taxonomy order.

        ``among``: the only issues that can occur (``cue_index`` found no other in the text).
        """
        lowered = lower_cased(text)
        named: set[str] = set()
        # An issue's cue starts only where some issue's cue starts, so the issues are tried at those
        # few places instead of scanning the whole text once per issue; and in lower-cased text
        # only the issues with a cue starting with the character found there.
        for start in self.any_issue_pattern.starts(text, lowered):
            candidates = self._issue_phrases.items() if lowered is None else self._issues_by_first_character[lowered[start]]
            named.update(issue_id for issue_id, phrases in candidates
                         if (among is None or issue_id in among) and phrases.occurs_at(text, lowered, start))
        return [issue_id for issue_id in self._issue_phrases if issue_id in named]


def may_name_an_issue(possible: frozenset | None) -> bool:
    """Whether a span whose ``sentence_cues`` are ``possible`` may name an issue."""
    return possible is None or not possible <= {COMMITMENT_CUES, ACTOR_NAMES}


def cues_of(spans: list[frozenset | None]) -> frozenset | None:
    """The cue lists that may occur in several spans together (None: any may)."""
    return None if None in spans else frozenset().union(*spans)


def phrase_pattern(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for any phrase, as whole words, allowing a plural -s/-es.

    Curly and straight apostrophes are treated alike, so "don’t" matches "don't". The phrases are
    compiled as a trie (shared prefixes written once), so a scan tries one branch per character
    instead of every phrase: several times faster than a flat alternation on long cue lists, with
    the same matches (the longest phrase at a position is still tried first).
    """
    if not phrases:
        return _NOTHING
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in _folded_phrase(phrase):
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return re.compile(r"(?<![\w-])(?:" + _trie_regex(trie) + r")(?:e?s)?(?![\w-])", re.IGNORECASE)


def cased_phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Like phrase_pattern but case-sensitive, so the adjective "US" is not the pronoun "us"."""
    alternatives = sorted((re.escape(p).replace("'", "['’]") for p in phrases), key=len, reverse=True)
    if not alternatives:
        return _NOTHING
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])")


#: The pattern of an empty phrase list: it matches nothing.
_NOTHING = re.compile(r"(?!x)x")


def _trie_regex(node: dict) -> str:
    branches = [("['’]" if char == "'" else re.escape(char)) + _trie_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class Phrases:
    """``phrase_pattern`` with a faster scan for the usual case: texts that hold no phrase.

    The same regex without IGNORECASE, run on the lower-cased text, finds a match exactly where
    the case-insensitive one does (the trie's keys are lower case), about twice as fast. The one
    exception is the few characters that regex case-folding matches to an ASCII letter but
    ``str.lower`` does not map to one (dotted İ, dotless ı, long ſ): texts holding them take the
    case-insensitive scan. Matches are always those of the case-insensitive pattern.
    """

    def __init__(self, phrases: tuple[str, ...] | list[str]):
        self.pattern = phrase_pattern(phrases)
        self._lower_case = re.compile(self.pattern.pattern)
        first = {_folded_phrase(phrase)[:1] for phrase in phrases}
        #: The characters a match can start with in lower-cased text ("'" stands for either apostrophe).
        self.first_characters = frozenset(first | {"’"} if "'" in first else first)
        # A phrase starts at the text's start or after a character that is no word character or
        # hyphen. Scanning first for any character but an ASCII letter, digit, _ or - (a set the
        # regex engine skips over quickly) finds those places among far fewer candidates; the
        # pattern's own lookbehind then checks the character exactly (a non-ASCII letter fails).
        self._after_separator = re.compile(r"[^0-9A-Za-z_\-]" + self.pattern.pattern)
        self._literals = tuple({_folded_phrase(phrase) for phrase in phrases})

    def may_occur_in(self, folded_text: str | None) -> bool:
        """False only when no phrase can match the text whose ``folded`` form is given.

        A match is a phrase's letters, so the folded text holds the phrase as a substring: a few
        substring tests (each far faster than a regex scan) rule out the texts without any. Worth
        it for short lists only: each phrase is one test.
        """
        return folded_text is None or any(literal in folded_text for literal in self._literals)

    def search(self, text: str) -> re.Match[str] | None:
        return self._search_from(text, lower_cased(text), 0)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = lower_cased(text)
        match = self._search_from(text, lowered, 0)
        while match:
            yield match
            match = self._search_from(text, lowered, match.end())

    def finditer_at(self, text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
        """``finditer``'s matches, given offsets that include every one where a match starts
        (``PhraseIndex`` finds them): the pattern is tried only there."""
        end = 0
        for start in starts:
            match = self.pattern.match(text, start) if start >= end else None
            if match:
                yield match
                end = match.end()

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(text)

    def starts(self, text: str, lowered: str | None) -> Iterator[int]:
        """Every offset in ``text`` where a phrase starts, overlapping ones too, given ``lower_cased(text)``."""
        start = self._next_start(text, lowered, 0)
        while start is not None:
            yield start
            start = self._next_start(text, lowered, start + 1)

    def occurs_at(self, text: str, lowered: str | None, offset: int) -> bool:
        """Whether a phrase starts at ``offset`` in ``text``, given ``lower_cased(text)``."""
        return bool(self.pattern.match(text, offset) if lowered is None else self._lower_case.match(lowered, offset))

    def _search_from(self, text: str, lowered: str | None, offset: int) -> re.Match[str] | None:
        """The first match at or after ``offset``, found by the faster scan and read by the pattern."""
        start = self._next_start(text, lowered, offset)
        # Same length once lower-cased, so the hit's offset is the match's offset in ``text``.
        return None if start is None else self.pattern.search(text, start)

    def _next_start(self, text: str, lowered: str | None, offset: int) -> int | None:
        """Where the first phrase at or after ``offset`` starts in ``text``, given ``lower_cased(text)``."""
        if lowered is None:
            match = self.pattern.search(text, offset)
            return match.start() if match else None
        if self._lower_case.match(lowered, offset):
            return offset
        after_separator = self._after_separator.search(lowered, offset)
        return after_separator.start() + 1 if after_separator else None


class PhraseIndex:
    """Where the phrases of several named lists may start in a text, all found in one pass.

    A regex scan costs about the same whatever it finds, and the extractors ask of sentence after
    sentence whether any phrase of a list occurs there: most hold none. An Aho–Corasick automaton
    (in C) finds every phrase of every list as a substring of the folded text in one pass; the
    occurrences that are not whole words (plural allowed) are dropped. Every match of a list's
    ``Phrases`` starts at one of the remaining offsets, so the exact patterns need only run on
    the spans that hold one, and only for the lists found there.
    """

    def __init__(self, lists: Mapping[Hashable, Iterable[str]]):
        owners: dict[str, set[Hashable]] = {}
        for name, phrases in lists.items():
            for phrase in phrases:
                owners.setdefault(_folded_phrase(phrase), set()).add(name)
        self._anywhere = "" in owners  # an empty phrase matches everywhere
        self._automaton = ahocorasick.Automaton()
        for literal, names in owners.items():
            self._automaton.add_word(literal, (len(literal), frozenset(names)))
        self._automaton.make_automaton()

    def find(self, text: str) -> PhraseHits:
        folded_text = folded(text)
        if folded_text is None or self._anywhere:
            return PhraseHits(None)
        if not len(self._automaton):
            return PhraseHits([])
        hits = [(end + 1 - length, names) for end, (length, names) in self._automaton.iter(folded_text)
                if _stands_alone(folded_text, end + 1 - length, end + 1)]
        hits.sort(key=lambda hit: hit[0])
        return PhraseHits(hits)


@dataclass(frozen=True)
class PhraseHits:
    """``PhraseIndex.find``'s result: (start offset, names of the lists holding the phrase), by offset."""

    hits: list[tuple[int, frozenset[Hashable]]] | None  # None: not known, as the text folds differently

    def starts_of(self, name: Hashable) -> list[int] | None:
        """Where the phrases of list ``name`` may start, in order (None: anywhere)."""
        return None if self.hits is None else [start for start, names in self.hits if name in names]

    def per_span(self, spans: Iterable[tuple[int, int]]) -> list[frozenset | None]:
        """For each ``(start, end)`` span, in text order and not overlapping, the lists with a phrase
        starting in ``text[start:end]`` (None: any may have one). No match of a list lies in a span
        without it."""
        if self.hits is None:
            return [None for _ in spans]
        hits, position, found = self.hits, 0, []
        for start, end in spans:
            while position < len(hits) and hits[position][0] < start:
                position += 1
            names = frozenset()
            while position < len(hits) and hits[position][0] < end:
                names |= hits[position][1]
                position += 1
            found.append(names)
        return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is bounded as phrase_pattern requires: whole words, maybe plural.

    Short cues ("ai", "chip") occur inside many words ("said", "chipmaker"); this drops those
    occurrences. ``_continues_word`` is the regex's own test for a word character or hyphen.
    """
    if start and _continues_word(text[start - 1]):
        return False
    for suffix in ("", "s", "es"):
        if text.startswith(suffix, end) and (end + len(suffix) == len(text)
                                             or not _continues_word(text[end + len(suffix)])):
            return True
    return False


def _continues_word(char: str) -> bool:
    return char.isalnum() or char in "_-"  # how re decides \w on str, plus the hyphen


#: Characters that regex case-folding matches to an ASCII letter but ``str.lower`` maps elsewhere.
_FOLDS_DIFFERENTLY = "İıſ"


def lower_cased(text: str) -> str | None:
    """``text.lower()`` when the lower-cased scan of Phrases is exact for ``text``, else None."""
    # ASCII text holds none of them; str's own search for each is many times faster than a regex.
    folds_differently = not text.isascii() and any(char in text for char in _FOLDS_DIFFERENTLY)
    return None if folds_differently else text.lower()


def folded(text: str) -> str | None:
    """``lower_cased(text)`` with curly apostrophes straightened (same length): where Phrases look for substrings."""
    lowered = lower_cased(text)
    return None if lowered is None else _folded_phrase(lowered)


def _folded_phrase(text: str) -> str:
    return text.lower().replace("’", "'")  # how phrase_pattern reads a phrase: both apostrophes alike


def load_scenario(path: Path) -> Scenario:
    """Read and validate a scenario TOML file.

    Any file that cannot be used, however it is broken, raises ScenarioError with one line naming
    the file and what is wrong with it (never a traceback of the parser or the decoder).
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ScenarioError(f"{path}: is a folder, not a scenario file") from None
    except OSError as error:
        raise ScenarioError(f"{path}: cannot be read: {error.strerror or error}") from None
    return _scenario_from(str(path), raw)


@lru_cache(maxsize=8)
def _scenario_from(path: str, raw: bytes) -> Scenario:
    # Every analysis reads the scenario file; the same bytes give the same (immutable) scenario,
    # so it is parsed once, and the phrase automata and patterns it builds on first use are kept.
    data = _toml_table(path, raw)
    try:
        return replace(_build(data), fingerprint=hashlib.sha256(raw).hexdigest())
    except ScenarioError as error:
        raise ScenarioError(f"{path}: {error}") from None


def _toml_table(path: str, raw: bytes) -> dict:
    """The TOML document in ``raw``, or ScenarioError saying why there is none."""
    if not raw.strip():
        raise ScenarioError(f"{path}: the file is empty")
    if b"\x00" in raw:  # text never holds a NUL byte; nearly every binary format does
        raise ScenarioError(f"{path}: a binary file, not TOML text")
    try:
        # An editor's byte-order mark is not part of the document.
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ScenarioError(f"{path}: not UTF-8 text at byte {error.start}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ScenarioError(f"{path}: not valid TOML: arrays or tables nested too deeply") from None


def _build(data: dict) -> Scenario:
    side_ids = _strings(data, "scenario.sides")
    sides = tuple(
        Side(
            id=side_id,
            label=_string(data, f"sides.{side_id}.label"),
            adjectives=_strings(data, f"sides.{side_id}.adjectives"),
            metonyms=_strings(data, f"sides.{side_id}.metonyms"),
            titles=_strings(data, f"sides.{side_id}.titles", empty_ok=True, optional=True),
        )
        for side_id in side_ids
    )
    allowed_sides = (*side_ids, SIDE_OTHER)
    actors = tuple(_actor(data, index, allowed_sides) for index in range(len(_list(data, "actors"))))
    issues = tuple(
        Issue(issue_id, _string(data, f"issues.{issue_id}.label"), _strings(data, f"issues.{issue_id}.cues", empty_ok=True))
        for issue_id in _table(data, "issues")
    )
    for issue in issues:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", issue.id):
            raise ScenarioError(f"issues.{issue.id}: issue ids must be snake_case")
    mechanisms = tuple(
        Mechanism(
            _string(data, f"commitments.mechanisms[{index}].family"),
            _string(data, f"commitments.mechanisms[{index}].label"),
            _strings(data, f"commitments.mechanisms[{index}].nouns"),
        )
        for index in range(len(_list(data, "commitments.mechanisms")))
    )
    return Scenario(
        name=_string(data, "scenario.name"),
        sides=sides,
        government_roles=_strings(data, "roles.government"),
        non_government_roles=_strings(data, "roles.non_government"),
        actors=actors,
        issues=issues,
        speech_verbs=_strings(data, "speech.verbs"),
        act_verbs=_strings(data, "speech.act_verbs", empty_ok=True, optional=True),
        stance_cues={stance: _strings(data, f"stances.{stance}") for stance in STANCES},
        commitment_cues={strength: _strings(data, f"commitments.{strength}") for strength in STRENGTHS},
        mechanisms=mechanisms,
        joint_subjects=_strings(data, "commitments.joint_subjects"),
        exclusions=_strings(data, "commitments.exclusions"),
        recurrence=_strings(data, "commitments.recurrence"),
        levels={label: _strings(data, f"commitments.levels.{label}") for label in _table(data, "commitments.levels")},
        mechanism_issues=_strings(data, "commitments.mechanism_issues", empty_ok=True, optional=True),
        itinerary_families=_strings(data, "commitments.itinerary_families", empty_ok=True, optional=True),
        third_parties=_strings(data, "third_parties.names", empty_ok=True, optional=True),
    )


def _actor(data: dict, index: int, allowed_sides: tuple[str, ...]) -> Actor:
    field = f"actors[{index}]"
    side = _string(data, f"{field}.side")
    if side not in allowed_sides:
        raise ScenarioError(f"{field}.side: '{side}' is not one of {', '.join(allowed_sides)}")
    kind = _string(data, f"{field}.kind")
    if kind not in ACTOR_KINDS:
        raise ScenarioError(f"{field}.kind: '{kind}' is not one of {', '.join(ACTOR_KINDS)}")
    entry = _list(data, "actors")[index]
    gender = entry.get("gender")
    if gender not in (None, "female", "male"):
        raise ScenarioError(f"{field}.gender: '{gender}' is not female or male")
    return Actor(
        name=_string(data, f"{field}.name"),
        side=side,
        kind=kind,
        aliases=_strings(data, f"{field}.aliases", empty_ok=True, optional=True),
        gender=gender,
        office=_string(data, f"{field}.office", optional=True),
    )


def _lookup(data: dict, dotted: str, optional: bool = False):
    """The value at ``dotted`` ("actors[0].side"); a missing one is None when ``optional``.

    A value on the way that is not the table or list the path goes through is an error even
    when the field is optional: ``third_parties = 7`` is a mistake, not an absent table.
    """
    value = data
    walked = ""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", dotted):
        if part.startswith("["):
            if not isinstance(value, list):
                raise ScenarioError(f"{walked}: must be a list")
            index = int(part[1:-1])
            value = value[index] if index < len(value) else None
        else:
            if not isinstance(value, dict):
                raise ScenarioError(f"{walked}: must be a table")
            value = value.get(part)
        walked += part if part.startswith("[") or not walked else f".{part}"
        if value is None:
            if optional:
                return None
            raise ScenarioError(f"{dotted}: missing")
    return value


def _string(data: dict, dotted: str, optional: bool = False) -> str | None:
    value = _lookup(data, dotted, optional)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{dotted}: must be a non-empty string")
    return value


def _strings(data: dict, dotted: str, empty_ok: bool = False, optional: bool = False) -> tuple[str, ...]:
    value = _lookup(data, dotted, optional)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ScenarioError(f"{dotted}: must be a list of non-empty strings")
    if not value and not empty_ok:
        raise ScenarioError(f"{dotted}: must not be empty")
    return tuple(value)


def _list(data: dict, dotted: str) -> list:
    value = _lookup(data, dotted)
    if not isinstance(value, list):
        raise ScenarioError(f"{dotted}: must be a list")
    return value


def _table(data: dict, dotted: str) -> dict:
    value = _lookup(data, dotted)
    if not isinstance(value, dict) or not value:
        raise ScenarioError(f"{dotted}: must be a table with at least one entry")
    return value
