"""Recognise metadata in article text: bylines, datelines, photo captions, outlet and date.

Everything comes from the text alone (never the file name), and unknown stays None.
"""

from __future__ import annotations

import re

from briefing.dates import copyright_year, date_stamp, find_dates
from briefing.records import ArticleText, PublishedDate

#: News agencies whose name in a wire tag or photo credit identifies the outlet, with the
#: canonical short name shown to analysts. Photo libraries (Getty, EPA) are deliberately absent:
#: their credit names the photographer's agency, not the publisher.
NEWS_AGENCIES = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "bloomberg": "Bloomberg",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "upi": "UPI",
    "dpa": "dpa",
}

_NAME_WORD = r"[A-Z][a-zA-Z'’\-]+"
_PERSON = rf"{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+(?:de|van|von|al|bin|da|del|le)?\s*{_NAME_WORD}){{1,2}}"
_PEOPLE = rf"{_PERSON}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_PERSON})*"
_WHEN_SUFFIX = re.compile(
    r"\s*[|·,-]?\s*(?:\d+\s+(?:hours?|hrs?|minutes?|mins?|days?)\s+ago|updated\b.*|\d{1,2}:\d{2}.*)$",
    re.IGNORECASE,
)
#: Every time suffix holds one of these; the suffix scan is costly on long lines, so it is skipped.
_SUFFIX_MARK = re.compile(r"ago|updated|\d:\d", re.IGNORECASE)
_BYLINE_WITH_BY = re.compile(rf"^By\s+(?P<names>{_PEOPLE})(?:\s*(?:,|\||in)\s*(?P<rest>.{{0,60}}))?$")
_BYLINE_WITH_PLACE = re.compile(rf"^(?P<names>{_PEOPLE})\s+in\s+(?P<rest>[A-Z][\w .'-]{{1,40}})$")
#: How a line of either byline form starts: the forms' patterns up to their first open-ended part.
_BYLINE_START = re.compile(rf"By\s+{_PEOPLE}|{_PEOPLE}\s+in\s+[A-Z]")

_PLACE_CAPS = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_CAPS}(?:\s*/\s*{_PLACE_CAPS})*"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?\())"
    # AP style names the country or state after a foreign or lesser-known city: "GUANGZHOU, China (AP) —".
    r"(?:\s*,\s*[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?(?!\s*\d))?"
    r"(?:\s*,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\s*,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?"
    r"\s*(?:—|–|--|-)\s+"
)
#: A wire tag after a bare date, when the story has no dateline place: "May 9 (Reuters) - ".
_UNPLACED_DATELINE = re.compile(
    r"^(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\)\s*(?:—|–|--|-)\s+"
)
#: A place and a comma opening a header line, before a date stamp: "Washington, " in "Washington, Oct. 5, 2023".
_PLACE_BEFORE_STAMP = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s*")

#: Every credit form holds one of these; a line without any is not a caption.
_CREDIT_MARKERS = ("/", "©", "Photo", "Picture", "Image")
_CAPTION_CREDIT = re.compile(
    r"(?:\((?:[A-Z][\w.&]*\s)?Photo\b[^)]*\)"  # (AP Photo/Andy Wong, Pool)
    r"|©\s*[^©]{2,80}"  # © Andy Wong/Getty Images
    r"|\b(?:Photo|Photograph|Picture|Image)(?:\s+source)?\s*:\s*[^.]{2,80}"  # Photo: Reuters
    r"|\b[A-Z]{2,}/[A-Z][a-z]+(?:\s[A-Z][a-z]+)*(?:/File Photo)?)"  # REUTERS/Tingshu Wang
    r"\s*$"
)
_PHOTO_AGENCY = re.compile(r"\(([A-Z][\w.&]*)\s+Photo\b|\b([A-Z]{2,})/[A-Z][a-z]+")

#: A proper name of an organisation: capitalised words, allowing "of", "the", "and", "for".
_ORGANISATION = r"[A-Z][\w&'’.-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w&'’.-]*){0,7}"
_SELF_REFERENCE = re.compile(
    r"\b(?:originally\s+)?(?:appeared|published)\s+(?:in|on|by)\s+(?:the\s+)?"
    rf"(?P<name>{_ORGANISATION})"
)
_COPYRIGHT_HOLDER = re.compile(
    r"^\W*(?i:copyright|©|\(c\))\W*(?i:©|\(c\))?\s*(?:(?:19|20)\d{2}\W*)?"
    rf"(?P<name>{_ORGANISATION})",
)
_CORPORATE_SUFFIX = re.compile(
    r"(?:\s+(?:Publishers?|Publishing|Limited|Ltd\.?|Inc\.?|LLC|PLC|Group|Company|Co\.?|Corp\.?|"
    r"Holdings|Media|News(?:papers)?\s+Ltd\.?|All|Rights|Reserved|(?:19|20)\d{2})\.?)+$",
    re.IGNORECASE,
)


def parse_byline(line: str) -> str | None:
    """The author name(s) of a byline ("By Jane Doe", "Joe Leahy in Beijing 6 HOURS AGO")."""
    line = line.strip()
    if not _BYLINE_START.match(line):
        # Neither form can match: cutting a time suffix off leaves the start of the line as it is
        # (or nothing), and a line that matches a form starts as _BYLINE_START says. Checking the
        # start first skips the costly suffix scan on prose lines.
        return None
    if _SUFFIX_MARK.search(line):
        line = _WHEN_SUFFIX.sub("", line)
    match = _BYLINE_WITH_BY.match(line) or _BYLINE_WITH_PLACE.match(line)
    return match.group("names") if match else None


def split_dateline(paragraph: str) -> tuple[str | None, str, str] | None:
    """Split "BEIJING (AP) — text" into ``(place, dateline_prefix, text)``, or None.

    The place is None for a wire tag after a bare date ("May 9 (Reuters) - text").
    """
    match = _dateline(paragraph)
    if not match or not re.match(r"[\"'“‘(]?[A-Z0-9]", paragraph[match.end():]):
        return None
    prefix = paragraph[: match.end()].strip()
    place = match.groupdict().get("place")
    return place and place.strip(), prefix, paragraph[match.end():]


def _dateline(line: str) -> re.Match[str] | None:
    """A dateline opening ``line``, with its place, date and agency where given."""
    return _DATELINE.match(line) or _UNPLACED_DATELINE.match(line)


def is_caption(line: str) -> bool:
    """True for a photo caption, recognised by the credit it ends with."""
    if not any(marker in line for marker in _CREDIT_MARKERS):
        return False
    return bool(_CAPTION_CREDIT.search(line)) and not re.match(r"\W*copyright\b", line, re.IGNORECASE)


def detect_outlet(article: ArticleText) -> tuple[str | None, str | None]:
    """``(outlet, signal)`` from the strongest in-text signal, or ``(None, None)``."""
    removed = [line.text for line in article.removed]
    for text in removed:
        match = _SELF_REFERENCE.search(text)
        if match:
            return _canonical_outlet(match.group("name")), "self-reference"
    for text in removed:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            match = _COPYRIGHT_HOLDER.match(sentence)
            if match:
                name = _canonical_outlet(match.group("name"))
                if name:
                    return name, "copyright line"
    for line in article.header_lines:
        match = _dateline(line + " ")
        if match and match.group("agency"):
            return _canonical_outlet(match.group("agency")), "wire tag"
    for caption in article.captions:
        match = _PHOTO_AGENCY.search(caption)
        agency = match and (match.group(1) or match.group(2))
        if agency and agency.lower() in NEWS_AGENCIES:
            return NEWS_AGENCIES[agency.lower()], "photo credit"
    return None, None


def detect_published(article: ArticleText, header_date: str | None) -> PublishedDate:
    """The publication date from the strongest signal; a copyright year only as a hint."""
    year_hint = next(filter(None, (copyright_year(line.text) for line in article.removed)), None)
    if header_date:
        return PublishedDate(header_date, "header", "high", year_hint)
    for line in article.header_lines:
        stamp = header_stamp(line) or _segment_stamp(line)
        if stamp:
            return PublishedDate(stamp, "date line", "high", year_hint)
    dateline_date = _dateline_date(article.header_lines, year_hint)
    if dateline_date:
        return dateline_date
    for caption in article.captions:
        dates = find_dates(caption)
        if dates:
            return PublishedDate(dates[-1][0], "photo caption", "low", year_hint)
    return PublishedDate(None, None, None, year_hint)


def _segment_stamp(line: str) -> str | None:
    """The date of a "|"-separated segment that is a date stamp: a byline often ends with one
    ("By ZHAO HUANXIN in San Francisco | China Daily | Updated: 2023-11-17 07:32")."""
    if "|" not in line:
        return None
    return next(filter(None, map(date_stamp, line.split("|"))), None)


def header_stamp(line: str) -> str | None:
    """The date of a header line that is a date stamp, maybe after a place ("Washington, Oct. 5, 2023")."""
    place = _PLACE_BEFORE_STAMP.match(line)
    return date_stamp(line[place.end():] if place else line)


def _dateline_date(header_lines: tuple[str, ...], year_hint: int | None) -> PublishedDate | None:
    """A date in a dateline: "BEIJING, Oct 20, 2023 (AFP) -" (high), or "Nov 15" plus a year hint."""
    for line in header_lines:
        match = _dateline(line + " ")
        if not (match and match.group("date")):
            continue
        dates = find_dates(match.group("date"))
        if dates:
            return PublishedDate(dates[0][0], "dateline", "high", year_hint)
        if year_hint:
            dates = find_dates(f"{match.group('date')}, {year_hint}")
            if dates:
                return PublishedDate(dates[0][0], "dateline and copyright year", "medium", year_hint)
    return None


def _canonical_outlet(name: str) -> str | None:
    name = re.sub(r"\s*\(.*$", "", name).strip(" .,")
    name = _CORPORATE_SUFFIX.sub("", name).strip(" .,")
    name = re.sub(r"^The\s+", "", name)
    if not name:
        return None
    return NEWS_AGENCIES.get(name.lower(), NEWS_AGENCIES.get(f"the {name.lower()}", name))
