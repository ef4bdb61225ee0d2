"""Every supported file type becomes clean article text; damaged files are refused with a reason."""

import pytest

from briefing.decoding import DecodingError
from briefing.formats import extract
from briefing.ingest import parse_article
from documents import docx_with_paragraphs, pdf_with_lines

PROSE = [
    "Commerce Secretary Gina Raimondo met Chinese officials in Beijing on Tuesday to discuss export controls.",
    "The two sides agreed to set up a working group on commercial issues, officials said.",
]

HOSTILE_HTML = b"""<!doctype html><html><head><title>Talks in Beijing | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2023-08-29">
<script>window.pwned = 1; fetch('https://evil.invalid/x')</script></head>
<body onload="alert(1)"><nav>Home | World | Subscribe</nav>
<article><h1>Talks in Beijing</h1>
<p>Commerce Secretary Gina Raimondo met Chinese officials in Beijing on Tuesday to discuss export controls.</p>
<p onclick="alert(3)">The two sides agreed to set up a working group, officials said. <img src="https://tracker.invalid/p.png" onerror="alert(2)"></p>
<iframe src="https://evil.invalid/frame"></iframe><p>Both sides will meet again next year in Washington, the officials said.</p>
</article><footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"""


def test_html_is_reduced_to_article_text_and_metadata():
    article = parse_article(HOSTILE_HTML, "page.html")
    assert article.title == "Talks in Beijing"
    assert article.outlet == "Example News" and article.outlet_source == "page metadata"
    assert article.published.value == "2023-08-29"
    assert "agreed to set up a working group" in article.text
    for residue in ("script", "pwned", "evil.invalid", "tracker", "onerror", "alert", "<", "Subscribe"):
        assert residue not in article.text


def test_pdf_text_and_title_are_read():
    extracted = extract(pdf_with_lines(PROSE, title="Raimondo in Beijing"), "brief.pdf")
    assert "working group on commercial issues" in extracted.text
    assert extracted.hints == {"title": "Raimondo in Beijing"}


def test_docx_paragraphs_are_read():
    article = parse_article(docx_with_paragraphs(["Raimondo in Beijing", *PROSE]), "brief.docx")
    assert article.title == "Raimondo in Beijing"
    assert article.text.split("\n\n") == PROSE


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
        ("fake.pdf", b"this is not a pdf at all", "PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "Word document"),
        ("empty.docx", docx_with_paragraphs([]), "holds no text"),
        ("scan.pdf", pdf_with_lines([]), "no extractable text"),
        ("menu.html", b"<html><body><nav>Home</nav><script>x()</script></body></html>", "no article text"),
        ("note.txt", b"Headline\n\nOfficials met today and then left soon after.\n", "at least 10"),
        ("sheet.xlsx", b"PK", "unsupported file type '.xlsx'"),
    ],
)
def test_damaged_or_unsupported_files_are_refused_with_a_reason(name, data, reason):
    with pytest.raises(DecodingError, match=reason):
        parse_article(data, name)
