"""Find calendar dates written the ways news text writes them, and recognise date-only lines."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d{2})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?=T\d|\b)"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s*{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}\b", re.IGNORECASE),
)
#: Punctuation that may surround a date on a date stamp line; it covers what the date forms use.
_STAMP_PUNCTUATION = r"|,·•:.()\-–—/+"
#: Words that may surround a date on a line that is nothing but a date stamp.
_STAMP_FILLER = re.compile(
    r"\b(?:(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?|published|updated|posted|last|first|modified|date|on|at|am|pm|a\.m|p\.m|gmt|utc|et|est|edt|"
    r"bst|cet|cst|hkt|sgt|jst|bjt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    # A time may carry its am/pm unspaced: "9:00pm", "10:45AM".
    rf"mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b|t?\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:z|[ap]m\b)?|[{_STAMP_PUNCTUATION}]",
    re.IGNORECASE,
)
#: A character that is in no date form and no filler: not a word character, space or stamp punctuation.
_NOT_IN_STAMP = re.compile(rf"[^\w\s{_STAMP_PUNCTUATION}]")
#: Letters the case-insensitive month pattern matches to a plain letter that ``str.lower`` keeps
#: apart ("ſept", "İune"): folded before the month is looked up.
_REGEX_FOLDS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})
#: A copyright notice's year, or the last year of its range ("Copyright 1995 - 2023": the site's
#: founding year first, the current one last).
_COPYRIGHT_YEAR = re.compile(r"(?:copyright|©|\(c\))[^0-9\n]{0,40}(?:(?:19|20)\d{2}\s*[-–—]\s*)?((?:19|20)\d{2})",
                             re.IGNORECASE)


def find_dates(text: str) -> list[tuple[str, int, int]]:
    """Every valid date in ``text`` as ``(iso_date, start, end)``, in order of appearance."""
    found = []
    if not _ANY_YEAR.search(text):
        return found  # every date form carries a year
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso:
                found.append((iso, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def date_stamp(line: str) -> str | None:
    """The date of a line that holds only a date stamp ("30 August,2023 03:48 am"), else None."""
    if _NOT_IN_STAMP.search(line):
        # Every character of a stamp line is part of its date or of the filler around it, so one
        # other character (a quote, an apostrophe) rules most prose out before the costly date scan.
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    iso, start, end = dates[0]
    rest = _STAMP_FILLER.sub(" ", line[:start] + " " + line[end:])
    return iso if not rest.split() else None


def copyright_year(text: str) -> int | None:
    """The year of a copyright notice in ``text`` (a year-only hint, never a publication date)."""
    match = _COPYRIGHT_YEAR.search(text)
    return int(match.group(1)) if match else None


def _to_iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.translate(_REGEX_FOLDS).lower().rstrip(".")]
    try:
        return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None
