"""Is an article in English? A dependency-free check good enough to keep other languages out of
an English-language analysis (they are stored, shown, and left out with a note).

English prose is about 40% function words ("the", "of", "and", ...); other Latin-script languages
share few of them, and non-Latin scripts have few Latin letters at all.
"""

from __future__ import annotations

import re

ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in that is was he she it for on are as with his her they at be this have from or "
    "had by not but what all were we when your can said there an which their will would been has more "
    "its also who than into over after about".split()
)
#: Below this share of English function words among the words, a text is not English.
MIN_FUNCTION_WORD_SHARE = 0.15
#: Texts with fewer words are too short to judge and are taken as English.
MIN_WORDS = 20
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[a-z']+")


def detect_language(text: str) -> str:
    """'en' for English, 'other' for another language; short texts count as English."""
    if not text.isascii():
        letters = _LETTER.findall(text)
        if letters and sum(map(str.isascii, letters)) / len(letters) < 0.5:
            return "other"
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return "en"
    share = sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words)) / len(words)
    return "en" if share >= MIN_FUNCTION_WORD_SHARE else "other"
