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

_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]?([A-Za-z0-9]+)")
#: How far back the word before a stop is looked for; a longer word is looked for in the whole paragraph.
_LOOKBACK = 40
_PARAGRAPH = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, each with its offsets into ``text``."""
    sentences: list[Sentence] = []
    for paragraph in _PARAGRAPH.finditer(text):
        for start, end in _paragraph_spans(paragraph.group(), paragraph.start()):
            sentences.append(Sentence(len(sentences), start, end, text[start:end]))
    return sentences


def _paragraph_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        if not _ends_sentence(paragraph, match):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(paragraph)))
    result = []
    for span_start, span_end in spans:
        chunk = paragraph[span_start:span_end]
        stripped_start = span_start + len(chunk) - len(chunk.lstrip())
        stripped_end = span_end - (len(chunk) - len(chunk.rstrip()))
        if stripped_end > stripped_start:
            result.append((offset + stripped_start, offset + stripped_end))
    return result


def _ends_sentence(paragraph: str, match: re.Match[str]) -> bool:
    if not match.group().startswith("."):
        return True
    word_match = _word_before(paragraph, match.start())
    if not word_match:
        return True
    word = word_match.group(1)
    next_word = _NEXT_WORD.match(paragraph, match.end())
    next_token = next_word.group(1) if next_word else ""
    lowered = word.lower().rstrip(".")
    if lowered in TITLE_ABBREVIATIONS:
        return False
    if lowered in NUMBER_ABBREVIATIONS and next_token[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Joe R. Biden"
    if "." in word:  # a dotted acronym: "U.S.", "a.m."
        return next_token.lower() in SENTENCE_STARTERS
    return True


def _word_before(paragraph: str, stop: int) -> re.Match[str] | None:
    """The word ending at ``stop``; searching a short window keeps the splitter linear."""
    window_start = max(0, stop - _LOOKBACK)
    found = _WORD_BEFORE.search(paragraph, window_start, stop)
    if found and found.start() == window_start > 0:
        return _WORD_BEFORE.search(paragraph, 0, stop)  # the word may start before the window
    return found
