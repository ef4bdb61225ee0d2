"""Article text reaches the browser only as escaped text."""

from briefing.ingest import parse_article
from ui.render import article_body_html, metadata_card_html

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
