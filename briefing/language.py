"""Is an article in English? A dependency-free check good enough to keep other languages out of
an English-language analysis (they are stored, shown, and left out with a note).

English prose is about 40% function words ("the", "of", "and", ...); other Latin-script languages
share few of them, and non-Latin scripts have few Latin letters at all.

This runs on every article, so it works on an ASCII byte copy of the text: ASCII letters are
counted by deleting everything else, and words are cut out by one table lookup per byte; letters
in other scripts are looked for only when they could outnumber the ASCII ones.
"""

from __future__ import annotations

import re
import string

ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in that is was he she it for on are as with his her they at be this have from or "
    "had by not but what all were we when your can said there an which their will would been has more "
    "its also who than into over after about".split()
)
#: Below this share of English function words among the words, a text is not English.
MIN_FUNCTION_WORD_SHARE = 0.15
#: Texts with fewer words are too short to judge and are taken as English.
MIN_WORDS = 20
#: Below this share of ASCII letters among all letters, a text is in a non-Latin script.
MIN_ASCII_LETTER_SHARE = 0.5

#: A run of letters: word characters that are neither digits nor "_" (any script).
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: Every ASCII byte that is not a letter, to be deleted when counting ASCII letters.
_ASCII_NON_LETTERS = bytes(sorted(set(range(128)) - set(string.ascii_letters.encode())))
#: A word is a run of lower-case ASCII letters and apostrophes; this maps every other byte to a space.
_WORD_BYTES = frozenset((string.ascii_lowercase + "'").encode())
_WORDS_ONLY = bytes(byte if byte in _WORD_BYTES else ord(" ") for byte in range(256))
_FUNCTION_WORD_BYTES = frozenset(word.encode() for word in ENGLISH_FUNCTION_WORDS)


def detect_language(text: str) -> str:
    """'en' for English, 'other' for another language; short texts count as English."""
    if not text.isascii() and _mostly_non_ascii_letters(text):
        return "other"
    words = _lower_case_words(text)
    if len(words) < MIN_WORDS:
        return "en"
    # English prose is about 40% function words, so its first half alone usually holds enough:
    # the second half is counted only when the first falls short.
    is_function_word, half = _FUNCTION_WORD_BYTES.__contains__, len(words) // 2
    count = sum(map(is_function_word, words[:half]))
    if count / len(words) < MIN_FUNCTION_WORD_SHARE:
        count += sum(map(is_function_word, words[half:]))
    return "en" if count / len(words) >= MIN_FUNCTION_WORD_SHARE else "other"


def _mostly_non_ascii_letters(text: str) -> bool:
    """True when under half the letters of ``text`` are ASCII: a non-Latin script."""
    ascii_text = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_text.translate(None, _ASCII_NON_LETTERS))
    non_ascii_characters = len(text) - len(ascii_text)
    if ascii_letters >= non_ascii_characters:
        # There are no more non-ASCII letters than non-ASCII characters, so the ASCII letters are
        # at least half of all letters: the verdict is known without finding the letters.
        return False
    letters = sum(map(len, _LETTER_RUN.findall(text)))
    return letters > 0 and ascii_letters / letters < MIN_ASCII_LETTER_SHARE


def _lower_case_words(text: str) -> list[bytes]:
    """The words of ``text`` lower-cased, as ASCII bytes: the runs of [a-z'] in ``text.lower()``."""
    # Lower-casing comes first because it can turn a non-ASCII letter into ASCII ones ("İ" into
    # "i" and a combining dot, the Kelvin sign into "k"). A character still non-ASCII becomes "?"
    # and then a space, so it ends a word, as it would in the lowered text: it is not in [a-z'].
    return text.lower().encode("ascii", "replace").translate(_WORDS_ONLY).split()
