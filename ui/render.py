"""HTML fragments built from untrusted article text. Every text value is escaped here, so
article content can never become live markup, script or a markdown image in the browser."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote as url_quote

from briefing.charts import SIDE_COLOURS, SIDE_LABELS
from briefing.records import Article
from briefing.wording import MISSING

COMMITMENT_BACKGROUND = "#FFF1B8"
#: The highlight is light in both themes, so it brings its own dark text: the dark theme's light
#: text on it was unreadable. A quote's side colour, set after it, still wins.
COMMITMENT_STYLE = f"background:{COMMITMENT_BACKGROUND};color:#31333F"
_BODY_STYLE = "line-height:1.65;max-width:48rem;font-size:1rem"


def evidence_html(rows: list[dict], filter_query: str = "") -> str:
    """Evidence sentences as an escaped table that wraps: one row per sentence, linked to its article.

    ``rows`` hold "article_id", "article" (title), "evidence" and optional "detail" (stance, speaker…).
    """
    if not rows:
        return "<p style='color:#777'>No evidence in the current view.</p>"
    body = "".join(
        f"<tr><td style='width:28%'>{article_link(row['article_id'], row['article'], filter_query)}"
        + (f"<br><small>{escape(row['detail'])}</small>" if row.get("detail") else "")
        + f"</td><td>{escape(row['evidence'])}</td></tr>"
        for row in rows
    )
    return ("<table class='evidence' style='width:100%;border-collapse:collapse;font-size:.92rem'>"
            "<thead><tr><th style='text-align:left'>Article</th><th style='text-align:left'>Evidence</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
            "<style>table.evidence td{border-top:1px solid #E5E5E5;padding:.35rem .5rem;vertical-align:top}</style>")


def md_escape(text: str) -> str:
    """Text safe to place in Streamlit markdown: every markdown and HTML character escaped, and
    URLs broken with a zero-width space so they are not autolinked."""
    text = re.sub(r"(?i)(://|www\.)", lambda m: m.group(1)[0] + "\u200b" + m.group(1)[1:], text)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])", r"\\\1", text)


def article_url(article_id: str, filter_query: str = "") -> str:
    """The Articles page for one article, keeping the current filters (``filter_query``)."""
    return f"articles?article={url_quote(article_id)}" + (f"&{filter_query}" if filter_query else "")


def article_link(article_id: str, text: str, filter_query: str = "") -> str:
    """A link to an article on the Articles page (the id is ours; the text is escaped)."""
    return f'<a href="{escape(article_url(article_id, filter_query))}" target="_self">{escape(text)}</a>'


def article_body_html(article: Article, quotes=(), commitment_spans=(), keywords=()) -> str:
    """The cleaned text as escaped paragraphs with highlights.

    ``quotes``: (start, end, side) spans coloured by side; ``commitment_spans``: (start, end)
    sentences marked as commitments; ``keywords``: terms shown in bold where they occur.
    """
    marks = [(start, end, ("quote", side)) for start, end, side in quotes]
    marks += [(start, end, ("commitment", None)) for start, end in commitment_spans]
    marks += _keyword_spans(article.text, keywords)
    paragraphs = []
    for match in re.finditer(r"[^\n]+", article.text):
        paragraphs.append(f"<p>{_highlight(article.text, match.start(), match.end(), marks)}</p>")
    return f'<div class="article-body" style="{_BODY_STYLE}">{"".join(paragraphs)}</div>'


def _keyword_spans(text: str, keywords) -> list[tuple[int, int, tuple]]:
    spans = []
    for term in keywords:
        words = [re.escape(word) for word in term.replace("u.s.", "U.S.").split()]
        pattern = r"(?<![\w])" + r"['’]?s?\s+".join(words) + r"(?![\w])"
        spans += [(m.start(), m.end(), ("keyword", None)) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


def _highlight(text: str, start: int, end: int, marks) -> str:
    """Escaped text of [start, end) with every mark that overlaps it, clipped to the paragraph."""
    cuts = {start, end}
    active_marks = [(max(s, start), min(e, end), kind) for s, e, kind in marks if s < end and e > start]
    for s, e, _ in active_marks:
        cuts.update((s, e))
    pieces = []
    ordered = sorted(cuts)
    for left, right in zip(ordered, ordered[1:]):
        kinds = [kind for s, e, kind in active_marks if s <= left and e >= right]
        pieces.append(_wrap(escape(text[left:right]), kinds))
    return "".join(pieces)


def _wrap(html: str, kinds: list[tuple]) -> str:
    styles = []
    if any(kind == "commitment" for kind, _ in kinds):
        styles.append(COMMITMENT_STYLE)
    sides = [side for kind, side in kinds if kind == "quote"]
    if sides:
        colour = SIDE_COLOURS.get(sides[0], SIDE_COLOURS[None])
        styles.append(f"color:{colour};border-bottom:2px solid {colour}")
    if any(kind == "keyword" for kind, _ in kinds):
        styles.append("font-weight:700")
    return f'<span style="{";".join(styles)}">{html}</span>' if styles else html


def legend_html() -> str:
    chips = [
        f'<span style="color:{SIDE_COLOURS[side]};border-bottom:2px solid {SIDE_COLOURS[side]};margin-right:1rem">'
        f"Quote: {escape(SIDE_LABELS[side])}</span>"
        for side in ("US", "China", "other", None)
    ]
    chips.append(f'<span style="{COMMITMENT_STYLE};margin-right:1rem">Commitment sentence</span>')
    chips.append('<span style="font-weight:700">Top keyword</span>')
    styled = "".join(chip.replace('<span style="', '<span style="white-space:nowrap;display:inline-block;') for chip in chips)
    return f'<div style="font-size:.9rem;margin:.25rem 0 1rem;line-height:1.8">{styled}</div>'


def metadata_card_html(article: Article) -> str:
    """Title, standfirst and a definition list of metadata, with unknowns shown as such."""
    published = article.published
    if published.value:
        date_text = f"{published.value} (from the {published.source}, {published.confidence} confidence)"
    elif published.year_hint:
        date_text = f"unknown (copyright year {published.year_hint})"
    else:
        date_text = "unknown"
    rows = (
        ("Outlet", article.outlet or "unknown"),
        ("Published", date_text),
        ("Byline", article.byline or MISSING),
        ("Dateline", article.dateline or MISSING),
        ("Words", f"{article.word_count:,}"),
        ("Source file", f"{article.source_file} ({article.encoding})"),
    )
    items = "".join(f"<dt>{escape(label)}</dt><dd style='margin:0'>{escape(value)}</dd>" for label, value in rows)
    standfirst = f"<p><em>{escape(article.standfirst)}</em></p>" if article.standfirst else ""
    return (
        '<div class="article-card" style="border:1px solid #DDD;border-radius:.5rem;padding:1rem 1.25rem">'
        f'<h3 style="margin-top:0">{escape(article.display_title)}</h3>{standfirst}'
        f'<dl style="display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0">{items}</dl>'
        "</div>"
    )
