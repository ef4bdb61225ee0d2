"""Separate an article's prose from its boilerplate and its header.

Each kind of boilerplate is one generic pattern (never a copy of a particular site's line).
The header — section label, headline, standfirst, date stamp, byline — is read off the lines
before the first paragraph of prose; photo captions are set aside wherever they appear.
Removed lines are kept with the rule that removed them, so an analyst can audit the cleaning.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from briefing import config
from briefing.metadata import header_stamp, is_caption, parse_byline, split_dateline
from briefing.records import ArticleText, RemovedLine

#: (reason, pattern) pairs; a pattern must match the whole line (case-insensitive).
BOILERPLATE_RULES = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("newsletter promo",
         r"(?:receive|get|sign up|subscribe|register)\b(?=.{0,160}$).*\b(?:newsletters?|inbox|for free|"
         r"latest (?:news|updates|developments)|alerts?|briefings?)\b.*"),
        ("platform promo",
         r"(?:do you have questions about|get the answers with|download (?:the|our)\b.{0,40}\bapp|"
         r"follow us on|click here|listen to this article|share this article|explore the .{0,40} app)\b.*"),
        ("comment form",
         r"leave a (?:reply|comment)|cancel reply|post comment|\d+ comments?|"
         r"your email address will not be published\b.*|required fields are marked\b.*"),
        ("advertisement",
         r"(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?|"
         r"scroll to continue\b.*)"),
        ("related-content list",
         r"(?:upcoming events|related(?: articles| stories| coverage| content)?|recommended(?: stories)?|"
         r"most (?:read|popular|viewed)|trending(?: now)?|read more\b.{0,120}|see also\b.{0,120})"),
        ("copyright footer",
         r"\W*(?:copyright|©|\(c\))(?=.{0,300}$).*(?:(?:19|20)\d{2}|all rights reserved).*|.{0,200}all rights reserved\.?"),
        ("syndication note",
         r"this (?:article|story|piece) (?:originally |first )?(?:appeared|was (?:first |originally )?published)\b.*|"
         r"for more\b.{0,80}\bstories\b.*"),
        ("publisher note", r"our (?:standards|editorial guidelines|policies)\s*:.*"),
        # wire stories put theirs in brackets: "(Reporting by X; Editing by Y)"
        ("credit line", r"\(?(?:additional )?(?:reporting|writing|editing) by\b.{0,200}"),
    )
)
#: Matches a whole line exactly when one of the rules does: one scan rules out most lines (prose),
#: and only a line it matches is tried rule by rule to name the reason.
_ANY_BOILERPLATE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for _, pattern in BOILERPLATE_RULES), re.IGNORECASE
)
#: The line that ends a press release or a wire story ("###", "-30-", "- ENDS -"): what follows is
#: its media contacts and agency boilerplate, never the story.
_END_MARKER = re.compile(r"#{3,}|-\s*30\s*-|-+\s*ends?\s*-+", re.IGNORECASE)
#: A stray one-word line (a site name, a tag) that is not a sentence.
_ONE_WORD = re.compile(r"[\w’'&.-]{2,30}")
_BULLET = re.compile(r"\s*(?:[-•*▪●]|\d{1,2}[.)])\s+")
#: A line that ends a sentence ends on a stop, maybe followed by closing quotes or brackets, or
#: on a closing quote.
_STOPS = tuple(".!?:;")
_CLOSING_MARKS = "\"'”’)]"
_CLOSING_QUOTES = tuple("\"'”’")
# A target may hold one level of brackets ("javascript:alert(1)", a Wikipedia title); an image's
# may also hold spaces (a title: ![alt](logo.png "Logo")), a link's may not.
# A link's or an image's text is at most config.MARKUP_TEXT_REACH characters: an opening bracket
# is then read that far, not to the line's end, so a line of thousands of brackets stays linear.
_IMAGE = re.compile(rf"!\[[^\]]{{0,{config.MARKUP_TEXT_REACH}}}\]\((?:[^()]|\([^()]*\))*\)")
_LINK = re.compile(rf"\[([^\]]{{1,{config.MARKUP_TEXT_REACH}}})\]\((?:[^()\s]|\([^()\s]*\))*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$>~|])")
_HEADING = re.compile(r"^#{1,6}\s+")
#: The markers of bold text: "**bold**", "__bold__".
_BOLD_MARKERS = ("**", "__")
_SPACES = re.compile(r"[ \t]+")
_LOWER_CASE_START = re.compile(r"[\"'“‘(]?[a-z]")
_RELATIVE_TIME = re.compile(r"(?:updated\s+)?\d+\s+(?:hours?|minutes?|days?)\s+ago", re.IGNORECASE)
_HEADER_TOKEN = re.compile(
    r"^\s*(?:date|published|posted|updated)\s*:?\s*(?P<date>(?:19|20)\d{2}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?\s*",
    re.IGNORECASE,
)


def clean_text(raw_text: str) -> tuple[ArticleText, str | None]:
    """Clean a decoded article; return it with the date of a leading header token, if any."""
    lines = _paragraph_lines(raw_text)
    header_date = None
    if lines:
        token = _HEADER_TOKEN.match(lines[0])
        if token:
            header_date = token.group("date")
            lines[0] = lines[0][token.end():].strip()
    removed: list[RemovedLine] = []
    captions: list[str] = []
    content: list[str] = []
    seen: set[str] = set()
    remaining = filter(None, lines)
    for line in remaining:
        if line[0] in "#-" and _END_MARKER.fullmatch(line):
            removed.extend(RemovedLine(after, "end of release") for after in (line, *remaining))
            break
        fingerprint = _fingerprint(line)
        reason = _boilerplate_reason(line, fingerprint in seen)
        if reason:
            removed.append(RemovedLine(line, reason))
        elif is_caption(line):
            captions.append(line)
        else:
            content.append(line)
        seen.add(fingerprint)
    content = _drop_stray_words(content, removed)
    header, body = _split_header(content)
    body = _rejoin_broken_paragraphs(body)
    header_lines = list(header.pop("header_lines"))
    dateline = None
    if body:
        split = split_dateline(body[0])
        if split:
            dateline, prefix, body[0] = split
            header_lines.append(prefix)
    article = ArticleText(
        text="\n\n".join(body),
        dateline=dateline,
        captions=tuple(captions),
        header_lines=tuple(header_lines),
        removed=tuple(removed),
        **header,
    )
    return article, header_date


def _paragraph_lines(raw_text: str) -> list[str]:
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    raw_lines = text.split("\n")
    if _is_hard_wrapped(raw_lines):
        raw_lines = [" ".join(block.split("\n")) for block in re.split(r"\n\s*\n", text)]
    return [normalise_inline(line) for line in raw_lines]


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when most lines are cut at a fixed width, so single newlines are not paragraphs."""
    filled = [len(line) for line in lines if line.strip()]
    if len(filled) < 8:
        return False
    wrapped = sum(55 <= length <= 80 for length in filled)
    return wrapped / len(filled) >= 0.6 and max(filled) <= 100


def normalise_inline(line: str) -> str:
    """Undo markdown escaping and link or image markup; collapse runs of spaces."""
    # Each rewrite is tried only when its marker character is present: most lines carry none.
    if "[" in line:
        line = _IMAGE.sub("", line)  # images carry no prose
        line = _LINK.sub(r"\1", line)  # [text](#) -> text
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)  # \$ -> $
    line = line.strip()
    if line.startswith("#"):
        line = _HEADING.sub("", line)
    if "**" in line or "__" in line:
        line = _without_bold_markers(line)
    return _SPACES.sub(" ", line).strip() if "  " in line or "\t" in line else line


def _without_bold_markers(line: str) -> str:
    """``line`` with each bold span's markers removed: a marker followed by a non-space, up to the
    first same marker after at least one character that follows a non-space (what the regex
    ``(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1`` replaces by its group 2, on a line without line
    breaks). Each closing marker is found by bisection among those that can close, not by reading
    the rest of the line from every opening one: linear however many unclosed markers a line holds."""
    at = {marker: _occurrences(line, marker) for marker in _BOLD_MARKERS}
    closing = {marker: [end for end in ends if not line[end - 1].isspace()] for marker, ends in at.items()}
    pieces, done = [], 0
    for start, marker in sorted((start, marker) for marker, starts in at.items() for start in starts):
        if start < done or start + 2 >= len(line) or line[start + 2].isspace():
            continue
        ends = closing[marker]
        index = bisect_left(ends, start + 3)
        if index < len(ends):
            pieces += [line[done:start], line[start + 2:ends[index]]]
            done = ends[index] + 2
    return "".join(pieces) + line[done:]


def _occurrences(text: str, part: str) -> list[int]:
    """Every offset where ``part`` starts in ``text``, overlapping ones too, in order."""
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _fingerprint(line: str) -> str:
    """The line lower-cased, with each run of whitespace made one space, to recognise a repeat."""
    lowered = line.lower()
    if _is_single_spaced_ascii(lowered):
        return lowered  # splitting and joining would give it back unchanged
    return " ".join(lowered.split())


def _is_single_spaced_ascii(text: str) -> bool:
    """True for ASCII text whose only whitespace is single spaces between words."""
    # All ASCII whitespace but the space is control characters, which are not printable. These
    # checks run in C without building a list of words; most lines of English prose pass them.
    return (text.isascii() and text.isprintable() and "  " not in text
            and not text.startswith(" ") and not text.endswith(" "))


def _boilerplate_reason(line: str, repeated: bool) -> str | None:
    if repeated:
        return "repeated photo caption" if is_caption(line) else "repeated line"
    if not _ANY_BOILERPLATE.fullmatch(line):
        return None
    for reason, pattern in BOILERPLATE_RULES:
        if pattern.fullmatch(line):
            return reason
    return None


def _drop_stray_words(content: list[str], removed: list[RemovedLine]) -> list[str]:
    """Remove one-word lines after the first paragraph of prose (leading ones are labels)."""
    kept: list[str] = []
    prose_seen = False
    for line in content:
        if prose_seen and _ONE_WORD.fullmatch(line):
            removed.append(RemovedLine(line, "stray one-word line"))
            continue
        prose_seen = prose_seen or _is_prose(line)
        kept.append(line)
    return kept


def _is_prose(line: str) -> bool:
    return len(line.split()) >= 8 and _has_sentence_end(line)


def _has_sentence_end(line: str) -> bool:
    """True when ``line`` ends on a stop (then maybe closing quotes or brackets) or a closing quote."""
    # Only the end of the line is read (a line never holds a newline), where a regex search for
    # the same ending would try every stop in the line.
    return line.endswith(_CLOSING_QUOTES) or line.rstrip(_CLOSING_MARKS).endswith(_STOPS)


def _is_body_start(line: str) -> bool:
    return bool(_BULLET.match(line) or split_dateline(line)) or _is_prose(line)


def _is_headline(line: str, following: str) -> bool:
    """A short line without a full stop, not continued by the next (a sentence cut in two)."""
    return (len(line.split()) <= 30 and not line.endswith(".") and not _continues(following)
            and not _is_body_start(line))


def _continues(following: str) -> bool:
    """True when the next line starts in lower case, i.e. carries on the same sentence."""
    return bool(_LOWER_CASE_START.match(following))


def _split_header(content: list[str]) -> tuple[dict, list[str]]:
    """Read section, title, standfirst, byline and stamps off the lines before the prose."""
    header: dict = {"title": None, "standfirst": None, "section": None, "byline": None, "header_lines": []}
    for index, line in enumerate(content):
        following, after_next = (content[index + 1 : index + 3] + ["", ""])[:2]
        if header_stamp(line):
            header["header_lines"].append(line)
        elif header["byline"] is None and parse_byline(line):
            header["byline"] = parse_byline(line)
            header["header_lines"].append(line)
        elif header["title"] is None and _is_label(line) and _is_headline(following, after_next):
            header["section"] = line
        elif header["title"] is None and _is_headline(line, following):
            header["title"] = line
        elif header["title"] and header["standfirst"] is None and _is_standfirst(line, following):
            header["standfirst"] = line
        elif header["title"] and _is_relative_time(line):
            header["header_lines"].append(line)
        else:
            return header, content[index:]
    return header, []


def _is_label(line: str) -> bool:
    return len(line.split()) <= 3 and not _has_sentence_end(line)


def _is_standfirst(line: str, following: str) -> bool:
    if len(line.split()) > 60 or _BULLET.match(line) or split_dateline(line) or _continues(following):
        return False
    metadata_follows = bool(following) and bool(header_stamp(following) or parse_byline(following))
    return not _is_prose(line) or metadata_follows


def _is_relative_time(line: str) -> bool:
    return bool(_RELATIVE_TIME.fullmatch(line))


def _rejoin_broken_paragraphs(body: list[str]) -> list[str]:
    """Join a paragraph that stops mid-sentence to the lower-case paragraph that continues it."""
    # Each paragraph's lines are gathered and joined once: adding each line to the joined text made
    # thousands of continued lines cost time growing with their square. A paragraph's end is its
    # last line's (a closing mark or stop cannot reach past the space that joins them).
    paragraphs: list[list[str]] = []
    for line in body:
        if paragraphs and not _has_sentence_end(paragraphs[-1][-1]) and _continues(line):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [" ".join(lines) for lines in paragraphs]
