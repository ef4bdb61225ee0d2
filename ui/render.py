"""HTML fragments built from untrusted article text. Every text value is escaped here, so
article content can never become live markup, script or a markdown image in the browser."""

from __future__ import annotations

from html import escape

from briefing.records import Article


def article_body_html(article: Article) -> str:
    """The cleaned text as escaped paragraphs."""
    paragraphs = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in article.text.split("\n\n"))
    return f'<div class="article-body" style="line-height:1.6;max-width:48rem">{paragraphs}</div>'


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
        ("Byline", article.byline or "none"),
        ("Dateline", article.dateline or "none"),
        ("Words", f"{article.word_count:,}"),
        ("Source file", f"{article.source_file} ({article.encoding})"),
    )
    items = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in rows)
    standfirst = f"<p><em>{escape(article.standfirst)}</em></p>" if article.standfirst else ""
    return (
        '<div class="article-card">'
        f'<h3 style="margin-top:0">{escape(article.display_title)}</h3>{standfirst}'
        f'<dl style="display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem">{items}</dl>'
        "</div>"
    )
