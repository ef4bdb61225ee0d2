"""Every supported file type becomes clean article text; damaged files are refused with a reason."""

import io
import subprocess
import sys
import zipfile
import zlib

import pytest

from briefing import config
from briefing.decoding import DecodingError
from briefing.formats import extract
from briefing.ingest import parse_article
from documents import (DOCUMENT_PART, billion_laughs_docx, docx_with_comment, docx_with_document_part,
                       docx_with_paragraphs, flate_bomb_pdf, pdf_with_lines, pdf_with_pages, pdf_with_streams,
                       rezipped)
from support import PROJECT_ROOT

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


def half_of(body: bytes) -> bytes:
    return body[: len(body) // 2]


def deflate_data_damaged(docx: bytes) -> bytes:
    """``docx`` with bytes of its main part's compressed data inverted (the zip directory intact)."""
    member = zipfile.ZipFile(io.BytesIO(docx)).getinfo(DOCUMENT_PART)
    start = member.header_offset + 30 + len(member.filename.encode()) + len(member.extra) + 8
    damaged = bytearray(docx)
    damaged[start:start + 40] = bytes(byte ^ 0x55 for byte in damaged[start:start + 40])
    return bytes(damaged)


CORE_CONTENT_TYPE = b"application/vnd.openxmlformats-package.core-properties+xml"


@pytest.mark.parametrize(
    "damage, error_type",
    [
        (lambda docx: docx_with_document_part(docx, half_of), "XMLSyntaxError"),
        (deflate_data_damaged, "error"),  # zlib.error
        (lambda docx: rezipped(docx, lambda name, body: body.replace(CORE_CONTENT_TYPE, b"application/xml")),
         "AttributeError"),  # 'Part' object has no attribute 'core_properties'
        (lambda docx: rezipped(docx, lambda name, body: b"<x/>" if name == "docProps/core.xml" else body),
         "AttributeError"),
    ],
    ids=["half-of-document.xml", "deflate-data-damaged", "core-properties-not-typed", "core-properties-not-core"],
)
def test_a_docx_the_parser_fails_on_is_refused_naming_the_format_and_the_error(damage, error_type):
    with pytest.raises(DecodingError, match=rf"^the DOCX is damaged or not a Word document \({error_type}: .+\)$"):
        parse_article(damage(docx_with_paragraphs(PROSE)), "damaged.docx")


def test_a_pdf_with_a_filter_the_parser_lacks_is_refused_naming_the_error():
    pdf = pdf_with_streams([(b"whatever", "/Filter /NoSuchDecode")])  # pypdf: NotImplementedError
    with pytest.raises(DecodingError, match=r"^the PDF is damaged or not a PDF \(NotImplementedError: .+\)$"):
        parse_article(pdf, "odd.pdf")


def test_a_failure_inside_the_html_extractor_is_refused_naming_the_error(monkeypatch):
    import trafilatura

    def fail(*args, **kwargs):
        raise ValueError("deep in the extractor")

    monkeypatch.setattr(trafilatura, "bare_extraction", fail)
    with pytest.raises(DecodingError, match=r"^the HTML page could not be read \(ValueError: deep in the extractor\)$"):
        parse_article(HOSTILE_HTML, "page.html")


def test_a_billion_laughs_docx_is_refused_for_its_doctype_before_parsing():
    with pytest.raises(DecodingError, match="document type declaration"):
        parse_article(billion_laughs_docx(PROSE), "laughs.docx")


def test_a_docx_unpacking_past_the_size_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(config, "MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    docx = docx_with_comment(PROSE, 5 * 1024 * 1024)  # a comment: parsed in full, it would read as valid
    with pytest.raises(DecodingError, match=r"would unpack to [\d,]{9} bytes, over the 4,194,304-byte limit"):
        parse_article(docx, "inflated.docx")


def test_a_docx_member_compressed_beyond_any_real_documents_ratio_is_refused():
    docx = docx_with_comment(PROSE, 3 * 1024 * 1024)  # well within the size limit, but ~1000:1
    with pytest.raises(DecodingError, match=rf"{DOCUMENT_PART} is compressed \d+:1"):
        parse_article(docx, "inflated.docx")


def test_a_docx_of_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(config, "MAX_ARCHIVE_MEMBERS", 20)
    docx = io.BytesIO(docx_with_paragraphs(PROSE))  # 17 files
    with zipfile.ZipFile(docx, "a") as archive:
        for number in range(10):
            archive.writestr(f"padding/{number}.bin", b"")
    with pytest.raises(DecodingError, match="holds 27 files, over the limit of 20"):
        parse_article(docx.getvalue(), "crowded.docx")


def test_a_docx_whose_directory_understates_a_size_is_refused_as_damaged():
    docx = docx_with_comment(PROSE, 100_000)
    member = zipfile.ZipFile(io.BytesIO(docx)).getinfo(DOCUMENT_PART)
    directory_entry = docx.rindex(b"PK\x01\x02", 0, docx.rindex(DOCUMENT_PART.encode()))
    size_field = directory_entry + 24  # the central directory's uncompressed size
    lied = docx[:size_field] + (1000).to_bytes(4, "little") + docx[size_field + 4:]
    assert zipfile.ZipFile(io.BytesIO(lied)).getinfo(DOCUMENT_PART).file_size == 1000 != member.file_size
    with pytest.raises(DecodingError, match="DOCX is damaged"):
        parse_article(lied, "lying.docx")


def test_a_pdf_stream_inflating_past_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(config, "MAX_UNPACKED_BYTES", 1024 * 1024)
    with pytest.raises(DecodingError, match=r"^the PDF is damaged or not a PDF \(LimitReachedError: .+\)$"):
        parse_article(flate_bomb_pdf(2 * 1024 * 1024, PROSE), "bomb.pdf")


def test_a_pdf_of_more_pages_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(config, "MAX_PDF_PAGES", 2)
    with pytest.raises(DecodingError, match="the PDF has 3 pages, over the limit of 2"):
        parse_article(pdf_with_pages([PROSE] * 3), "book.pdf")


@pytest.mark.parametrize("name, document", [("long.pdf", pdf_with_pages([PROSE] * 3)),
                                            ("long.docx", docx_with_paragraphs(PROSE * 3))])
def test_a_document_whose_text_passes_the_limit_is_refused(monkeypatch, name, document):
    monkeypatch.setattr(config, "MAX_TEXT_CHARS", 400)
    with pytest.raises(DecodingError, match="text is over 400 characters"):
        parse_article(document, name)


def test_the_limits_leave_real_documents_alone():
    assert "working group" in parse_article(docx_with_comment(PROSE, 64 * 1024), "a.docx").text
    compressed = zlib.compress(b"BT /F1 11 Tf 50 780 Td (Raimondo met Wang in Beijing to talk about chips and "
                               b"export controls on Monday morning.) Tj ET")
    assert "export controls" in extract(pdf_with_streams([(compressed, "/Filter /FlateDecode")]), "a.pdf").text


READ_EVERY_FORMAT = """
import sys
at_start = set(sys.modules)  # the interpreter's own (site's .pth imports among them)
import importlib, pkgutil
import briefing
from briefing.formats import extract
sys.path.insert(0, "tests")
from documents import docx_with_paragraphs, pdf_with_lines
for module in pkgutil.iter_modules(briefing.__path__):
    if module.name != "__main__":  # which runs the command line
        importlib.import_module(f"briefing.{module.name}")
lines = ["Raimondo met Wang in Beijing on Monday to talk about export controls and chips."]
page = b"<html><body><article><p>" + lines[0].encode() + b"</p></article></body></html>"
for data, name in [(page, "a.html"), (pdf_with_lines(lines), "a.pdf"), (docx_with_paragraphs(lines), "a.docx")]:
    extract(data, name)
print("\\n".join({name.partition(".")[0] for name in set(sys.modules) - at_start} - set(sys.stdlib_module_names)))
"""


def test_every_distribution_the_package_loads_is_pinned_or_a_plain_requirement_of_a_pin():
    # Reached only through an extra, a package is left out by a pip that reads the extra differently
    # (justext needs lxml[html_clean]: with an older pip every .html add crashed with ImportError).
    from importlib.metadata import packages_distributions, requires

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    loaded = subprocess.run([sys.executable, "-c", READ_EVERY_FORMAT], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    distributions = packages_distributions()
    needed = {canonicalize_name(dist) for module in loaded for dist in distributions.get(module, ())}
    pinned = {canonicalize_name(Requirement(line.split("#")[0]).name)
              for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines() if line.split("#")[0].strip()}
    covered, todo = set(), list(pinned)
    while todo:
        name = todo.pop()
        if name not in covered:
            covered.add(name)
            for line in requires(name) or ():
                requirement = Requirement(line)
                if not requirement.marker or requirement.marker.evaluate({"extra": ""}):
                    todo.append(canonicalize_name(requirement.name))
    assert needed - covered == set()
