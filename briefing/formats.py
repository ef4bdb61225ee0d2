"""Plain text (and what the format says about the article) from each supported file type.

.txt and .md are decoded (see decoding.py); .html/.htm go through trafilatura, which keeps the
article's prose and drops navigation, scripts, iframes, images and comments; .pdf through pypdf;
.docx through python-docx. Each returns paragraphs separated by blank lines, so cleaning treats
every format alike, plus metadata hints (title, outlet, date, byline) where the format has them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from briefing.decoding import DecodingError, decode_bytes

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
SUPPORTED_EXTENSIONS = (*TEXT_EXTENSIONS, *HTML_EXTENSIONS, ".pdf", ".docx")


@dataclass(frozen=True)
class Extracted:
    """Text of a file, how it was read, and metadata the format itself carries."""

    text: str
    encoding: str
    hints: dict = field(default_factory=dict)


def extension_of(filename: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]+$", filename)
    return match.group().lower() if match else ""


def extract(data: bytes, filename: str) -> Extracted:
    """Read ``data`` as the type its name says; raise DecodingError with a reason otherwise."""
    extension = extension_of(filename)
    if extension in TEXT_EXTENSIONS:
        text, encoding = decode_bytes(data)
        return Extracted(text, encoding)
    if extension in HTML_EXTENSIONS:
        return _html(data)
    if extension == ".pdf":
        return _pdf(data)
    if extension == ".docx":
        return _docx(data)
    raise DecodingError(unsupported_message(filename))


def unsupported_message(filename: str) -> str | None:
    """Why a file's type is refused, or None when it is supported."""
    extension = extension_of(filename)
    if extension in SUPPORTED_EXTENSIONS:
        return None
    return f"unsupported file type '{extension or '(none)'}'; supported: {', '.join(SUPPORTED_EXTENSIONS)}"


def _html(data: bytes) -> Extracted:
    import trafilatura  # imported here: a slow import only HTML uploads need

    text, encoding = decode_bytes(data)
    result = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_images=False, include_links=False,
        include_tables=False, favor_precision=True,
    )
    document = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    body = (document.get("text") or "").strip()
    if not body:
        raise DecodingError("no article text could be found in this HTML page")
    hints = {
        "title": document.get("title"),
        "outlet": document.get("sitename"),
        "published": document.get("date"),
        "byline": document.get("author"),
    }
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if hints["title"] and paragraphs and paragraphs[0] == hints["title"]:
        paragraphs = paragraphs[1:]  # the headline is metadata, not the first paragraph
    header = [hints["title"]] if hints["title"] else []
    return Extracted("\n\n".join(header + paragraphs), f"html ({encoding})", {k: v for k, v in hints.items() if v})


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DecodingError(f"the PDF is damaged or not a PDF ({type(error).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise DecodingError("the PDF holds no extractable text (a scanned image?)")
    return Extracted(text, "pdf", {"title": str(title)} if title else {})


def _docx(data: bytes) -> Extracted:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DecodingError(f"the DOCX is damaged or not a Word document ({type(error).__name__})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise DecodingError("the Word document holds no text")
    # The author property is usually the account that saved the file, not a byline: not used.
    title = document.core_properties.title
    return Extracted("\n\n".join(paragraphs), "docx", {"title": title} if title else {})
