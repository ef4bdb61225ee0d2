"""Article text reaches the browser only as escaped text."""

import re

from briefing.ingest import parse_article
from ui.render import article_body_html, legend_html, md_escape, metadata_card_html

HOSTILE = (
    b"<script>alert('title')</script> Breaking news\n\n"
    b"Officials met today <img src=x onerror=alert(1)> and talked about [a link](javascript:alert(1)).\n\n"
    b"The readout said ![tracker](https://tracker.invalid/p.png) <iframe src='https://evil.invalid'></iframe> "
    b"nothing more about it at all today.\n"
)


def test_hostile_article_text_is_escaped_in_every_fragment():
    article = parse_article(HOSTILE, "<b>file</b>.txt")
    html = article_body_html(article) + metadata_card_html(article)
    for live in ("<script", "<img", "<iframe", "<b>", "onerror=alert(1)>"):
        assert live not in html
    assert "&lt;script&gt;" in html
    assert "&lt;iframe" in html


def test_paragraphs_become_separate_html_paragraphs():
    article = parse_article(b"Headline here\n\nFirst paragraph of the story is here today.\n\nSecond one & more is here too.\n", "x.txt")
    html = article_body_html(article)
    assert html.count("<p>") == 2
    assert "Second one &amp; more" in html


def test_quotes_commitments_and_keywords_are_highlighted_in_escaped_text():
    article = parse_article(
        b"Headline here\n\nThe two sides agreed to set up a <working> group. \xe2\x80\x9cWe want fair trade,\xe2\x80\x9d Li said.\n",
        "x.txt",
    )
    text = article.text
    quote_start = text.index("We want")
    sentence = article.sentences[0]
    html = article_body_html(
        article,
        quotes=[(quote_start, quote_start + len("We want fair trade,"), "China")],
        commitment_spans=[(sentence.start, sentence.end)],
        keywords=["fair trade"],
    )
    assert "&lt;working&gt;" in html and "<working>" not in html
    assert "background:#FFF1B8" in html
    assert "color:#D55E00" in html  # China's colour on the quote
    assert "font-weight:700\">fair trade</span>" in html or "font-weight:700\">fair trade" in html


def test_a_quote_running_over_two_paragraphs_is_marked_in_both():
    article = parse_article(b"Headline here\n\n\xe2\x80\x9cFirst part of a long quote goes here.\n\n\xe2\x80\x9cAnd it ends here,\xe2\x80\x9d he said.\n", "x.txt")
    start, end = article.text.index("First"), article.text.index(",\u201d")
    html = article_body_html(article, quotes=[(start, end, "US")])
    assert html.count("<p>") == 2
    assert html.count("color:#0072B2") == 2


def test_markdown_escape_neutralises_links_images_and_html():
    escaped = md_escape("![x](http://e) [a](javascript:x) <script> **b**")
    for live in (r"(?<!\\)!\\?\[", r"(?<!\\)\]\(", r"(?<!\\)<script", r"(?<!\\)\*\*"):
        assert not re.search(live, escaped), live


def test_a_commitment_highlight_brings_its_own_dark_text_so_it_reads_in_the_dark_theme_too():
    article = parse_article(b"Headline here\n\nThe two sides agreed to set up a working group on trade.\n", "x.txt")
    sentence = article.sentences[0]
    html = article_body_html(article, commitment_spans=[(sentence.start, sentence.end)]) + legend_html()
    highlighted = re.findall(r'style="([^"]*background:#FFF1B8[^"]*)"', html)
    assert len(highlighted) == 2
    assert all("color:#31333F" in style for style in highlighted)


def test_the_metadata_card_shows_a_missing_byline_and_dateline_as_the_missing_mark_not_none():
    article = parse_article(b"Headline here\n\nFirst paragraph of the story is here today with enough words.\n", "x.txt")
    assert article.byline is None and article.dateline is None
    card = metadata_card_html(article)
    assert "<dt>Byline</dt><dd style='margin:0'>—</dd>" in card
    assert "<dt>Dateline</dt><dd style='margin:0'>—</dd>" in card
    assert ">none<" not in card
