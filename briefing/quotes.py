"""Direct quotations and who said them.

Quotation marks are paired per paragraph — curly or straight doubles, with single quotes nested
inside them kept as part of the quote; single-quoted quotations standing alone are paired only
when they open before a word and close after one, so apostrophes ("China’s", "countries'") never
open a quote. A quotation that runs to a paragraph's end continues when the next paragraph opens
with a quotation mark (the newspaper convention), and otherwise ends there.

Attribution looks, in order: right after the quote (", Raimondo said" / ", said X" / ", according
to X"), at the end of its sentence (", Raimondo said."), before it in the same sentence (the
nearest speech verb and its subject: "Li appealed for ‘...’", "Premier Li, who appealed ..."),
and finally at the previous quote of the same paragraph (a speaker continuing, in that quote's
sentence or in a quote opening a sentence of its own). A quote with no speaker is kept and marked
unattributed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from briefing import config
from briefing.records import Article, Sentence
from briefing.wording import long_sentence_note
from briefing.scenario import Phrases, Scenario, cues_of, may_name_an_issue
from briefing.speakers import ArticleCast, Speaker, SpeakerResolver, leading_noun_phrase, trailing_noun_phrase, \
    words_after, words_before


class QuoteSpan(NamedTuple):
    """Offsets of a quotation in the text: marks included (outer) and the words inside (inner)."""

    outer_start: int
    outer_end: int
    inner_start: int
    inner_end: int


@dataclass(frozen=True)
class Quote:
    """A direct quotation with its speaker (None when unattributed) and evidence sentence."""

    article_id: str
    text: str
    speaker: str | None
    side: str | None
    sentence: str
    start: int
    end: int
    speaker_kind: str | None = None
    attribution: str | None = None  # after, sentence end, before, continuation, or None
    issues: tuple[str, ...] = ()  # issues the quote names (else its sentence names)


# An opening single quote: at the start, or after a space, bracket or dash. The mark comes first
# in the pattern (then a lookbehind checks what precedes it) so the scan can skip to candidates.
_OPENING_SINGLE = re.compile(r"['‘](?<![^\s(\[—–-]['‘])(?=[A-Za-z0-9])")
_DOUBLE_MARKS = "“”\""
_DOUBLE_OPENING = re.compile(r"[“\"]")
_PARAGRAPH_JOIN = re.compile(r"\s*\n+\s*[“\"‘']?")
_CLOSING_SINGLE = re.compile(r"['’](?<=[A-Za-z0-9.,!?%]['’])(?=[\s,.;:!?)\]—–-]|$)")
#: What a cue phrase may not touch on either side (phrase_pattern matches whole words).
_WORD_CHARACTER = re.compile(r"[\w-]")
#: A speaker phrase naming a document rather than a person ("the readout", "Beijing's statement").
_DOCUMENT = re.compile(r"\b(?:read-?out|statement|communiqué|communique|transcript|report)s?\b", re.IGNORECASE)
_PARAGRAPH = re.compile(r"[^\n]+")
_NON_SPACE = re.compile(r"\S")
#: The words and punctuation of a speaker phrase, as ``trailing_noun_phrase`` spaces them.
_PHRASE_TOKEN = re.compile(r"[\w.'’\-]+|[,;:()]")
#: A dash closing the words before a quote: "... — "; the lead-in before a comma is skipped ("Asked about it, ...").
_DASH_AT_END = re.compile(r"[-—–]\s*$")
_LEAD_IN = re.compile(r"^\s*(?:\w+\s*){0,2},\s*")
#: "the minister, who said": the phrase before the relative pronoun.
_WHO_CLAUSE = re.compile(r"^(?P<np>.*?),?\s*who\s*$", re.DOTALL)
#: A verb phrase coordinated with the speech verb's: "... declined to comment but said".
_COORDINATION = re.compile(r"\s(?:but|and)(?:\s+(?:also|then|later))?\s*$")
#: How far after its opening mark a standalone single quote may close (characters).
_SINGLE_QUOTE_REACH = 300


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order.

    Double quotation marks are the primary style when the text has any; otherwise single marks are
    (British style), with the same continuation over paragraphs.
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    double_marks = _mark_positions(text, _DOUBLE_MARKS)
    opening_marks = "“\"" if double_marks else "‘'"
    # Standalone single quotes (the secondary style) are rare, so their opening marks are found once
    # for the whole text rather than per paragraph: at a paragraph's edge the marks' look-arounds
    # see a line break, which fails them just as the paragraph's own edge would.
    single_openings = [at for at in _mark_positions(text, "'‘") if _OPENING_SINGLE.match(text, at)] if double_marks else []
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for index, (start, end) in enumerate(paragraphs):
        position = start
        if open_at is not None and text[start] in opening_marks:
            position += 1  # the continuation mark of a quote running over paragraphs
        elif open_at is not None:
            spans.append(_span(open_at, paragraphs[index - 1][1], text))
            open_at = None
        if double_marks:
            paragraph_spans, open_at = _double_quotes(text, _within(double_marks, position, end), open_at)
        else:
            paragraph_spans, open_at = _primary_single_quotes(text, position, end, open_at)
        spans.extend(paragraph_spans)
        openings = _within(single_openings, start, end)
        if openings and open_at is None:
            spans.extend(_single_quotes(text, openings, end, paragraph_spans))
    if open_at is not None:
        spans.append(_span(open_at, paragraphs[-1][1], text))
    return sorted(spans, key=lambda span: span.outer_start)


def _mark_positions(text: str, marks: str) -> list[int]:
    """Where any of ``marks`` (single characters) occurs in ``text``, in order.

    str.find skips to a character many times faster than a regex scans for a character class, and
    a text holds few quotation marks, so finding each mark's occurrences in turn is the cheap way.
    """
    positions = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            positions.append(at)
            at = text.find(mark, at + 1)
    return sorted(positions)


def _within(positions: list[int], start: int, end: int) -> list[int]:
    """The sorted ``positions`` from ``start`` up to ``end``."""
    return positions[bisect_left(positions, start):bisect_left(positions, end)]


def _primary_single_quotes(text: str, start: int, end: int, open_at: int | None) -> tuple[list[QuoteSpan], int | None]:
    """Single-quoted quotations of one paragraph; an unclosed one stays open for the next."""
    spans = []
    position = start
    while position < end:
        if open_at is None:
            opening = _OPENING_SINGLE.search(text, position, end)
            if not opening:
                break
            open_at, position = opening.start(), opening.end()
        closing = _CLOSING_SINGLE.search(text, position, end)
        if not closing:
            break
        spans.append(_span(open_at, closing.end(), text))
        open_at, position = None, closing.end()
    return spans, open_at


def _double_quotes(text: str, marks: list[int], open_at: int | None) -> tuple[list[QuoteSpan], int | None]:
    """Double-quoted quotations from one paragraph's marks; an unclosed one stays open for the next."""
    spans = []
    for position in marks:
        char = text[position]
        if open_at is None and char != "”":
            open_at = position
        elif open_at is not None and char != "“":
            spans.append(_span(open_at, position + 1, text))
            open_at = None
    return spans, open_at


def _single_quotes(text: str, openings: list[int], end: int, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Standalone single-quoted quotations in one paragraph (its opening marks and end), outside any double quote."""
    starts = [span.outer_start for span in doubles]  # in order, not overlapping

    def inside_double(position: int) -> bool:
        index = bisect_right(starts, position) - 1  # the one double quote that may hold the position
        return index >= 0 and position < doubles[index].outer_end

    spans = []
    cursor = 0
    for opening in openings:
        if opening < cursor or inside_double(opening):
            continue
        closing = _CLOSING_SINGLE.search(text, opening + 1, min(end, opening + 1 + _SINGLE_QUOTE_REACH))
        if closing and not inside_double(closing.start()):
            spans.append(_span(opening, closing.end(), text))
            cursor = closing.end()
    return spans


def _span(outer_start: int, outer_end: int, text: str) -> QuoteSpan:
    inner_start = outer_start + 1
    inner_end = outer_end - 1 if outer_end - 1 > outer_start and text[outer_end - 1] in "”\"’'" else outer_end
    return QuoteSpan(outer_start, outer_end, inner_start, inner_end)


class QuoteExtractor:
    """Finds and attributes the quotations of articles, for one scenario."""

    def __init__(self, scenario: Scenario, resolver: SpeakerResolver | None = None):
        self.scenario = scenario
        self.resolver = resolver or SpeakerResolver(scenario)
        self._verb = Phrases(scenario.speech_verbs)
        verbs = self._verb.pattern.pattern
        adverb = r"(?:\w+ly\s+|later\s+|earlier\s+|also\s+|again\s+)?"
        self._after_inverted = re.compile(rf"^[\s,.!?]*{adverb}(?:{verbs})\s+(?P<np>.+)$", re.IGNORECASE | re.DOTALL)
        # '"...," Xiang Ligang, director-general of the alliance, told ...': the apposition is skipped.
        # A full stop after a lone capital is an initial's or an acronym's ('"...," a U.S. official
        # said'), not the sentence's end.
        self._after_normal = re.compile(
            rf"^[\s,.!?]*(?P<np>(?:[^,.;:“”\"]|(?<=\b[A-Z])\.){{1,90}}?)(?:,[^,;:“”\"]{{3,120}},)?\s+{adverb}(?:{verbs})\b",
            re.IGNORECASE,
        )
        self._according = re.compile(r"^[\s,.!?]*according to\s+(?P<np>[^,.;“”\"]+)", re.IGNORECASE)
        self._final = re.compile(
            rf",\s*(?P<np>[^,;:“”\"]{{1,70}}?)\s+{adverb}(?:{verbs})\b[^,;“”\"]{{0,80}}[.!?]?\s*$", re.IGNORECASE
        )
        self._final_according = re.compile(r",\s*according to\s+(?P<np>[^,;“”\"]+?)[.!?]?\s*$", re.IGNORECASE)

    def extract(self, article: Article, cast: ArticleCast | None = None,
                cues: list[frozenset | None] | None = None) -> list[Quote]:
        """The quotations of one article, attributed where the text allows.

        ``cues``: the article's ``Scenario.sentence_cues``, when already found.
        """
        return self.quotes_and_notes(article, cast, cues)[0]

    def quotes_and_notes(self, article: Article, cast: ArticleCast | None = None,
                         cues: list[frozenset | None] | None = None) -> tuple[list[Quote], tuple[str, ...]]:
        """``extract``'s quotations, and a note in plain words for each sentence too long for its
        quotes to carry whole (see config.LONGEST_EVIDENCE)."""
        text = article.text
        cast = cast or self.resolver.cast(text, article.title)
        if cues is None:
            cues = self.scenario.sentence_cues(text, article.sentences)
        sentence_starts = [sentence.start for sentence in article.sentences]
        context = _QuoteContext(text, self._verb, self._sentence_end_phrase, self.scenario.issues_in)
        quotes: list[Quote] = []
        previous: tuple[QuoteSpan, Speaker | None, Sentence | None] | None = None
        for span in find_quote_spans(text):
            raw = text[span.inner_start:span.inner_end]
            words = raw.strip().rstrip(",").strip()
            if "\n" in words:  # a quote continued over paragraphs (joins start at a line break)
                words = _PARAGRAPH_JOIN.sub(" ", words)
            if len(words) < 2:
                continue
            first = _sentence_at(article.sentences, sentence_starts, span.outer_start)
            last = _sentence_at(article.sentences, sentence_starts, max(span.outer_start, span.outer_end - 1))
            speaker, how = self._attribute(context, span, first, last, cast)
            if speaker is None and previous and previous[1] and _continues(text, previous[0], previous[2], span, first):
                speaker, how = previous[1], "continuation"
            if speaker:
                cast.remember(span.outer_start, speaker)
            evidence = context.evidence(first, last, span) if first and last else words
            possible = cues_of(cues[first.index:last.index + 1]) if first and last else None
            at = span.inner_start + len(raw) - len(raw.lstrip())  # where the words start, unless joined
            quotes.append(
                Quote(
                    article_id=article.id,
                    text=words,
                    speaker=speaker.name if speaker else None,
                    side=speaker.side if speaker else None,
                    sentence=evidence,
                    start=span.inner_start,
                    end=span.inner_end,
                    speaker_kind=speaker.kind if speaker else None,
                    attribution=how,
                    issues=self._issues(words, evidence, possible, _stands_in(words, text, at, first, last),
                                       context.sentence_issues),
                )
            )
            previous = (span, speaker, first)
        return quotes, tuple(context.notes)

    def _issues(self, words: str, evidence: str, possible: frozenset | None, stands_in: bool,
                issues_of_sentence: Callable[[str, frozenset | None], list[str]]) -> tuple[str, ...]:
        """The issues the quote's words name, else those its sentence names (whose cues are ``possible``).

        Most sentences name none, and a sentence holding the words as a stretch of whole words
        (``stands_in``) names every issue they name: so the sentence is scanned first, and the words
        only for the issues it names (for any, when it does not hold them so: a quote joined over
        paragraphs). A sentence's issues are found once for all its quotes.
        """
        sentence_issues = issues_of_sentence(evidence, possible) if may_name_an_issue(possible) else []
        among = frozenset(sentence_issues) if stands_in else None
        words_issues = self.scenario.issues_in(words, among) if among != frozenset() else []
        return tuple(words_issues or sentence_issues)

    def _attribute(self, context: _QuoteContext, span: QuoteSpan, first: Sentence | None, last: Sentence | None,
                   cast: ArticleCast) -> tuple[Speaker | None, str | None]:
        """The quote's speaker and where it was found. Each place is read in a stretch of bounded
        length, and what a sentence offers every quote in it is found once: the time is linear in
        the text however many quotes a sentence holds."""
        for how, phrase in self._speaker_phrases(context, span, first, last):
            speaker = self.resolver.resolve(phrase, span.outer_start, cast) if phrase else None
            if speaker and how == "sentence end" and _DOCUMENT.search(phrase):
                # 'He Lifeng also said that China would "respond fully", the readout said': the
                # document is the source, the person it reports is the speaker.
                reported = self._before_phrase(context, span, first)
                person = self.resolver.resolve(reported, span.outer_start, cast) if reported else None
                if person and person.kind == "person":
                    return person, "before"
            if speaker:
                return speaker, how
        return None, None

    def _speaker_phrases(self, context: _QuoteContext, span: QuoteSpan, first: Sentence | None,
                         last: Sentence | None) -> Iterator[tuple[str, str | None]]:
        """(where, phrase) in the order attribution tries them, each looked for only when the ones
        before it named nobody."""
        sentence_end = last.end if last else span.outer_end
        next_opening = context.next_opening(span.outer_end, sentence_end)
        # The words after the quote up to the next one; the patterns read only their start.
        yield "after", self._after_phrase(words_after(context.text, span.outer_end, sentence_end if next_opening is None
                                                      else next_opening, 2 * config.SPEAKER_PHRASE_REACH))
        # The speaker ending the sentence (found once per sentence), when no other quote opens in between.
        yield "sentence end", context.end_phrase(last, span.outer_end) if last and next_opening is None else None
        yield "before", self._before_phrase(context, span, first)

    def _after_phrase(self, head: str) -> str | None:
        """The speaker phrase right after a quote, in ``head``: the words up to the next quote."""
        match = self._according.match(head)
        if match:
            return match.group("np")
        if not self._verb.search(head):
            return None  # both patterns below hold a speech verb: one fast scan rules most heads out
        match = self._after_inverted.match(head)
        if match:
            return leading_noun_phrase(match.group("np")) or None
        match = self._after_normal.match(head)
        if match and trailing_noun_phrase(match.group("np")) == " ".join(_PHRASE_TOKEN.findall(match.group("np"))):
            return match.group("np")
        return None

    def _sentence_end_phrase(self, after: str) -> str | None:
        """The speaker phrase ending the sentence (", Raimondo said."), in ``after``: the sentence's
        end from its last comma (both patterns hold no other), with no quote opening in it."""
        # The second pattern holds a speech verb: one fast scan rules most sentence ends out.
        patterns = (self._final_according, self._final) if self._verb.search(after) else (self._final_according,)
        for pattern in patterns:
            match = pattern.search(after)
            if match:
                phrase = trailing_noun_phrase(match.group("np"))
                if phrase and phrase == " ".join(match.group("np").split()):
                    return phrase
        return None

    def _before_phrase(self, context: _QuoteContext, span: QuoteSpan, first: Sentence | None) -> str | None:
        """The subject of the last speech verb in the quote's sentence before the quote."""
        verb = context.last_verb(first, span.outer_start) if first else None
        if verb is None:
            return None
        text, start, end = context.text, first.start, span.outer_start
        head = words_before(text, verb, start, 2 * config.SPEAKER_PHRASE_REACH)
        if _DASH_AT_END.search(head):
            return leading_noun_phrase(_LEAD_IN.sub("", words_after(text, start, end))) or None
        subject = trailing_noun_phrase(head)
        if not subject and _COORDINATION.search(head):
            # "An Nvidia spokesperson declined to comment but said ...": the sentence's subject speaks.
            subject = leading_noun_phrase(words_after(text, start, end))
        if subject == "who":
            antecedent = _WHO_CLAUSE.match(head)
            subject = trailing_noun_phrase(antecedent.group("np").rstrip(", ")) if antecedent else ""
        return subject or None


class _QuoteContext:
    """What the sentences of one article offer each of their quotes, found once per sentence."""

    def __init__(self, text: str, verb: Phrases, end_phrase: Callable[[str], str | None],
                 issues_in: Callable[[str, frozenset | None], list[str]]):
        self.text = text
        self._verb = verb
        self._end_phrase = end_phrase
        self._issues_in = issues_in
        self._openings = _mark_positions(text, "“\"")
        # sentence index -> (its speech verbs not yet read, the starts and ends of those read)
        self._verbs: dict[int, tuple[Iterator[re.Match[str]], list[int], list[int]]] = {}
        self._commas: dict[int, int] = {}  # sentence index -> offset of its last comma (-1: none)
        self._end_phrases: dict[int, str | None] = {}
        self._evidence: dict[tuple[int, int], str] = {}
        self.notes: list[str] = []  # the sentences too long for their quotes to carry whole
        self._issues: dict[tuple[str, frozenset | None], list[str]] = {}

    def next_opening(self, start: int, end: int) -> int | None:
        """Where the first double quotation mark that can open a quote lies in ``text[start:end]``."""
        index = bisect_left(self._openings, start)
        return self._openings[index] if index < len(self._openings) and self._openings[index] < end else None

    def last_verb(self, sentence: Sentence, end: int) -> int | None:
        """Where the last speech verb of ``sentence`` ending by ``end`` starts (None: there is none)."""
        if sentence.index not in self._verbs:
            self._verbs[sentence.index] = (self._verb.finditer(sentence.text), [], [])
        unread, starts, ends = self._verbs[sentence.index]
        # The verbs are read only as far as the quotes asked about reach: each once per sentence.
        while not ends or ends[-1] <= end:
            match = next(unread, None)
            if match is None:
                break
            starts.append(sentence.start + match.start())
            ends.append(sentence.start + match.end())
        count = bisect_right(ends, end)
        return starts[count - 1] if count else None

    def end_phrase(self, sentence: Sentence, start: int) -> str | None:
        """The speaker phrase ending ``sentence`` after its last comma, if that comma is at or
        after ``start`` (the end of a quote)."""
        if sentence.index not in self._commas:
            self._commas[sentence.index] = self.text.rfind(",", sentence.start, sentence.end)
        comma = self._commas[sentence.index]
        if comma < start:
            return None
        if sentence.index not in self._end_phrases:
            self._end_phrases[sentence.index] = self._end_phrase(self.text[comma:sentence.end])
        return self._end_phrases[sentence.index]

    def evidence(self, first: Sentence, last: Sentence, span: QuoteSpan) -> str:
        """The sentences from ``first`` to ``last`` that hold the quote at ``span``: one string
        shared by all their quotes; in sentences longer than config.LONGEST_EVIDENCE, the quote and
        the words around it."""
        key = (first.index, last.index)
        if key not in self._evidence:
            length = last.end - first.start
            if length > config.LONGEST_EVIDENCE:
                self.notes.append(long_sentence_note(first.index, last.index, length, "quotes", config.LONGEST_EVIDENCE // 3))
            self._evidence[key] = self.text[first.start:last.end] if length <= config.LONGEST_EVIDENCE else ""
        if self._evidence[key]:
            return self._evidence[key]
        around = config.LONGEST_EVIDENCE // 3
        return (words_before(self.text, span.outer_start, first.start, around) + self.text[span.outer_start:span.outer_end]
                + words_after(self.text, span.outer_end, last.end, around)).strip()

    def sentence_issues(self, evidence: str, possible: frozenset | None) -> list[str]:
        key = (evidence, possible)  # the evidence is a shared string: its hash is computed once
        if key not in self._issues:
            self._issues[key] = self._issues_in(evidence, possible)
        return self._issues[key]


def _sentence_at(sentences: tuple[Sentence, ...], starts: list[int], position: int) -> Sentence | None:
    index = bisect_right(starts, position) - 1
    return sentences[index] if index >= 0 else (sentences[0] if sentences else None)


def _stands_in(words: str, text: str, at: int, first: Sentence | None, last: Sentence | None) -> bool:
    """Whether ``words`` occur at ``at`` in ``text``, inside the sentences from ``first`` to
    ``last``, with no word character of theirs either side: then every cue phrase in the words
    (matched as whole words: see phrase_pattern) is a cue phrase of those sentences too."""
    if not (first and last and first.start <= at and at + len(words) <= last.end and text.startswith(words, at)):
        return False
    end = at + len(words)
    return not _WORD_CHARACTER.search(text[max(at - 1, first.start):at] + text[end:min(end + 1, last.end)])


def _continues(text: str, earlier: QuoteSpan, earlier_sentence: Sentence | None, span: QuoteSpan,
               sentence: Sentence | None) -> bool:
    """Whether an unattributed quote goes on with the earlier quote's speaker: in its paragraph, and
    either in the same sentence or opening a sentence of its own. A quoted phrase inside a later
    sentence ('Such a "small yard, high fence" approach ...') is the writer's, not the speaker's."""
    if not _same_paragraph(text, earlier, span):
        return False
    same_sentence = sentence is not None and earlier_sentence is not None and sentence.index == earlier_sentence.index
    return same_sentence or sentence is None or not _NON_SPACE.search(text, sentence.start, span.outer_start)


def _same_paragraph(text: str, earlier: QuoteSpan, later: QuoteSpan) -> bool:
    between = text[earlier.outer_end:later.outer_start]
    return "\n" not in between or (between.strip() == "" and text[later.outer_start] in "“\"")
