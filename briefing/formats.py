"""Plain text (and what the format says about the article) from each supported file type.

.txt and .md are decoded (see decoding.py); .html/.htm go through trafilatura, which keeps the
article's prose and drops navigation, scripts, iframes, images and comments; .pdf through pypdf;
.docx through python-docx. Each returns paragraphs separated by blank lines, so cleaning treats
every format alike, plus metadata hints (title, outlet, date, byline) where the format has them.

Files are untrusted: whatever a third-party parser raises on one becomes that file's refusal,
naming the format and the error, and what a file may unpack to is bounded (briefing.config)
before and while a parser reads it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from briefing import config
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
    with _refused_as("the HTML page could not be read"):
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


#: pypdf's limits on what one stream may decode to (pypdf.Configuration), all set to ours.
_PDF_OUTPUT_LIMITS = (
    "maximum_declared_stream_length", "array_based_stream_maximum_output_length", "jbig2_maximum_output_length",
    "lzw_maximum_output_length", "run_length_maximum_output_length", "zlib_maximum_output_length",
    "brotli_maximum_output_length", "image_maximum_buffer_size", "stream_decoding_work_maximum_length",
)


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader, apply_configuration

    limits = dict.fromkeys(_PDF_OUTPUT_LIMITS, config.MAX_UNPACKED_BYTES)
    # Text extraction never decodes images: no external JBIG2 decoder is run on an untrusted file.
    with _refused_as("the PDF is damaged or not a PDF"), apply_configuration(**limits, jbig2dec_binary=None):
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        if pages > config.MAX_PDF_PAGES:
            raise DecodingError(f"the PDF has {pages:,} pages, over the limit of {config.MAX_PDF_PAGES:,}")
        text = _joined_paragraphs((page.extract_text() or "" for page in reader.pages), "PDF")
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    if not text:
        raise DecodingError("the PDF holds no extractable text (a scanned image?)")
    return Extracted(text, "pdf", {"title": str(title)} if title else {})


def _docx(data: bytes) -> Extracted:
    from docx import Document

    with _refused_as("the DOCX is damaged or not a Word document"):
        _check_unpacking(zipfile.ZipFile(io.BytesIO(data)), "DOCX")
        document = Document(io.BytesIO(data))
        text = _joined_paragraphs((p.text for p in document.paragraphs), "Word document")
        # The author property is usually the account that saved the file, not a byline: not used.
        title = document.core_properties.title
    if not text:
        raise DecodingError("the Word document holds no text")
    return Extracted(text, "docx", {"title": title} if title else {})


@contextmanager
def _refused_as(description: str) -> Iterator[None]:
    """Any error a parser raises on a file becomes the file's refusal: ``description (Type: detail)``."""
    try:
        yield
    except DecodingError:
        raise
    except Exception as error:  # noqa: BLE001 - parsers of untrusted files raise anything (lxml, zlib, pypdf)
        detail = _printable(str(error).strip().split("\n")[0], 120)
        raise DecodingError(f"{description} ({type(error).__name__}{': ' + detail if detail else ''})") from None


def _printable(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, control characters (terminal escapes) replaced."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _joined_paragraphs(paragraphs: Iterable[str], kind: str) -> str:
    """The non-blank ``paragraphs``, stripped, between blank lines; refused past MAX_TEXT_CHARS,
    checked as they come so that a long document is not read to the end."""
    kept: list[str] = []
    size = 0
    for paragraph in map(str.strip, paragraphs):
        if paragraph:
            size += len(paragraph) + 2
            if size > config.MAX_TEXT_CHARS:
                raise DecodingError(f"the {kind}'s text is over {config.MAX_TEXT_CHARS:,} characters")
            kept.append(paragraph)
    return "\n\n".join(kept)


#: A document type declaration in each encoding an XML part may use. OOXML never has one; it is
#: how entity expansion (billion laughs) and external entities get in.
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in
                       ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_READ_CHUNK = 1 << 20


def _check_unpacking(archive: zipfile.ZipFile, kind: str) -> None:
    """Refuse a zip that would unpack past the limits, or whose XML parts declare a document type,
    before a parser opens it.

    Sizes are first taken from the zip directory (free to read, and what zipfile will stop reading
    at), then the XML parts are read in chunks, counted as they come, and scanned for a DOCTYPE.
    A part not named .xml/.rels that is parsed as XML all the same still meets python-docx's
    parser, which resolves no entities.
    """
    members = archive.infolist()
    if len(members) > config.MAX_ARCHIVE_MEMBERS:
        raise DecodingError(f"the {kind} holds {len(members):,} files, over the limit of {config.MAX_ARCHIVE_MEMBERS:,}")
    declared = sum(member.file_size for member in members)
    if declared > config.MAX_UNPACKED_BYTES:
        raise DecodingError(f"the {kind} would unpack to {declared:,} bytes, over the {config.MAX_UNPACKED_BYTES:,}-byte limit")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > config.MIN_BYTES_FOR_RATIO_CHECK and ratio > config.MAX_COMPRESSION_RATIO:
            raise DecodingError(f"the {kind}'s {_printable(member.filename, 80)} is compressed {ratio:.0f}:1, "
                                f"beyond any real document (at most {config.MAX_COMPRESSION_RATIO}:1)")
    unpacked = 0
    for member in members:
        if member.filename.lower().endswith((".xml", ".rels")):
            unpacked += _scanned_size(archive, member, kind, config.MAX_UNPACKED_BYTES - unpacked)


def _scanned_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, kind: str, budget: int) -> int:
    """How many bytes ``member`` unpacks to, read chunk by chunk: refused past ``budget`` or on a DOCTYPE."""
    size, tail = 0, b""
    overlap = max(map(len, _DOCTYPE_MARKS)) - 1  # a mark split across two chunks
    with archive.open(member) as stream:
        while chunk := stream.read(_READ_CHUNK):
            size += len(chunk)
            if size > budget:
                raise DecodingError(f"the {kind} unpacks to over {config.MAX_UNPACKED_BYTES:,} bytes")
            window = tail + chunk
            if any(mark in window for mark in _DOCTYPE_MARKS):
                raise DecodingError(f"the {kind}'s {_printable(member.filename, 80)} holds a document type "
                                    "declaration (DOCTYPE), which Word documents never have")
            tail = window[-overlap:]
    return size
