"""Split cleaned article text into sentences with character offsets.

A rule-based splitter written for news prose: a sentence ends at ``.``, ``!`` or ``?``
(with any closing quotes or brackets) followed by whitespace and a capital, digit or opening
quote, unless the word before the stop is an abbreviation ("Mr.", "Aug. 28", "No. 2"), an
initial ("Joe R. Biden"), or a dotted acronym such as "U.S." that is followed by a name rather
than a new sentence. Paragraph breaks always end a sentence. It is linear in the text length,
which matters at corpus scale.
"""

from __future__ import annotations

import re

from briefing.records import Sentence

#: Abbreviations that never end a sentence when followed by a capitalised word.
TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col maj capt cmdr adm sgt st jr sr rev hon pres amb "
    "dept univ inc ltd co corp bros mt ft vs etc approx est fig vol pp".split()
)
#: Abbreviations that do not end a sentence when a number follows ("Aug. 28", "No. 2").
NUMBER_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos art sec ch para p".split()
)
#: Words that start a new sentence after a dotted acronym ("... the U.S. The talks ...").
SENTENCE_STARTERS = frozenset(
    "the a an but and he she it they we i in on at this that these those there its their his her "
    "our after before however meanwhile earlier later still yet so as while when if".split()
)

#: A stop, its closing quotes or brackets, and (group 1) the spaces before the next sentence.
#: "[.!?][.!?]*" is "[.!?]+" spelt so that the pattern starts with a character set, which lets
#: the regex engine skip to the next stop instead of trying a match at every character.
_BOUNDARY = re.compile(r"""[.!?][.!?]*["'”’)\]]*(?=(\s+)["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]?([A-Za-z0-9]+)")
#: How far back the word before a stop is looked for; a longer word is looked for in the whole paragraph.
_LOOKBACK = 40
_PARAGRAPH = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, each with its offsets into ``text``."""
    spans = [span for paragraph in _PARAGRAPH.finditer(text)
             for span in _paragraph_spans(paragraph.group(), paragraph.start())]
    # tuple.__new__ is Sentence(...) without the named tuple's Python-level constructor frame.
    return [tuple.__new__(Sentence, (index, start, end, text[start:end])) for index, (start, end) in enumerate(spans)]


def _paragraph_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the paragraph's sentences, without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = len(paragraph) - len(paragraph.lstrip())
    for match in _BOUNDARY.finditer(paragraph):
        if _ends_sentence(paragraph, match):
            # A sentence ends on its stop or closing quote, never a space, and the next one starts
            # after the spaces the boundary saw (they are all the spaces there: \s+ is greedy and
            # what follows it is not a space), so no sentence but the last needs stripping.
            spans.append((offset + start, offset + match.end()))
            start = match.end(1)
    end = len(paragraph.rstrip())
    if end > start:
        spans.append((offset + start, offset + end))
    return spans


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    stop = match.start()
    if paragraph[stop] != ".":
        return True
    word = _word_before(paragraph, stop)
    if not word:
        return True
    lowered = word.lower().rstrip(".")
    if lowered in TITLE_ABBREVIATIONS:
        return False
    if lowered in NUMBER_ABBREVIATIONS and _next_word(paragraph, match.end())[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Joe R. Biden"
    if "." in word:  # a dotted acronym: "U.S.", "a.m."
        return _next_word(paragraph, match.end()).lower() in SENTENCE_STARTERS
    return True


def _word_before(paragraph: str, stop: int) -> str | None:
    """The word ending at ``stop``; searching a short window keeps the splitter linear."""
    window_start = max(0, stop - _LOOKBACK)
    space = paragraph.rfind(" ", window_start, stop)
    if space >= 0:
        # A word holds no space, so searching after the last one finds what a search of the
        # whole paragraph would, while trying a few characters instead of the whole window.
        found = _WORD_BEFORE.search(paragraph, space + 1, stop)
    else:
        found = _WORD_BEFORE.search(paragraph, window_start, stop)
        if found and found.start() == window_start > 0:
            found = _WORD_BEFORE.search(paragraph, 0, stop)  # the word may start before the window
    return found.group(1) if found else None


def _next_word(paragraph: str, position: int) -> str:
    """The word after ``position``, past spaces and an opening quote or bracket; "" if none."""
    found = _NEXT_WORD.match(paragraph, position)
    return found.group(1) if found else ""
