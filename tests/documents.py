"""Build small PDF and DOCX files in tests, so no binary fixtures are committed; and damaged or
hostile variants of them (the tests of refusals, the fuzz suite and the hostile-file benchmark)."""

import io
import zipfile
import zlib
from collections.abc import Callable

from docx import Document

DOCUMENT_PART = "word/document.xml"


def pdf_with_lines(lines: list[str], title: str | None = None) -> bytes:
    """A minimal valid one-page PDF whose text is ``lines`` (Helvetica, one line each)."""
    return pdf_with_pages([lines], title)


def pdf_with_pages(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF with one page per item of ``pages``, each holding its lines."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    streams = ["BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
               for lines in pages]
    return pdf_with_streams([(stream.encode("latin-1"), "") for stream in streams],
                            f"<< /Title ({escape(title)}) >>" if title else None)


def pdf_with_streams(contents: list[tuple[bytes, str]], info: str | None = None) -> bytes:
    """A PDF with one page per ``(content stream bytes, filter dictionary entries)`` pair, such as
    ``(zlib.compress(ops), "/Filter /FlateDecode")``; ``info`` is the document information dictionary."""
    pages = len(contents)
    font = 3 + 2 * pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(pages))}] /Count {pages} >>".encode(),
    ]
    for index, (stream, filters) in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents {4 + 2 * index} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(f"<< /Length {len(stream)} {filters} >>\nstream\n".encode() + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if info:
        objects.append(info.encode("latin-1"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    info_entry = f" /Info {len(objects)} 0 R" if info else ""
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_entry} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_with_paragraphs(paragraphs: list[str], title: str | None = None) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezipped(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The zip ``data`` rebuilt with each member's bytes replaced by ``change(name, bytes)``
    (None leaves the member out)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info))
            if body is not None:
                target.writestr(info.filename, body)
    return out.getvalue()


def docx_with_document_part(data: bytes, rewrite: Callable[[bytes], bytes]) -> bytes:
    """The Word document ``data`` with its main XML part rewritten."""
    return rezipped(data, lambda name, body: rewrite(body) if name == DOCUMENT_PART else body)


def billion_laughs_docx(paragraphs: list[str]) -> bytes:
    """A Word document whose main part declares nested entities that expand to 10⁹ 'lol's."""
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10))

    def declare(body: bytes) -> bytes:
        root = body.index(b"<w:document")
        return b'<?xml version="1.0"?>\n<!DOCTYPE w:document [' + entities + b"]>\n" + \
            body[root:].replace(b"<w:t>", b"<w:t>&lol9;", 1)
    return docx_with_document_part(docx_with_paragraphs(paragraphs), declare)


def docx_with_comment(paragraphs: list[str], comment_bytes: int, chunk: int = 1 << 24) -> bytes:
    """A Word document whose main part holds an XML comment of ``comment_bytes`` bytes, written
    in chunks so that even a gigabyte comment (a ~1 MB file) is built in little memory."""
    source = zipfile.ZipFile(io.BytesIO(docx_with_paragraphs(paragraphs)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename != DOCUMENT_PART:
                target.writestr(info.filename, body)
                continue
            root_end = body.index(b">", body.index(b"<w:document")) + 1
            with target.open(DOCUMENT_PART, "w", force_zip64=True) as part:
                part.write(body[:root_end] + b"<!--")
                for start in range(0, comment_bytes, chunk):
                    part.write(b" " * min(chunk, comment_bytes - start))
                part.write(b"-->" + body[root_end:])
    return out.getvalue()


def flate_bomb_pdf(inflated_bytes: int, lines: list[str]) -> bytes:
    """A PDF whose one content stream inflates to ``inflated_bytes`` bytes (blanks, then ``lines``)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 24)
    parts = [compressor.compress(chunk) for _ in range(inflated_bytes // len(chunk))]
    text = ("BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET").encode()
    parts += [compressor.compress(b" " * (inflated_bytes % len(chunk)) + text), compressor.flush()]
    return pdf_with_streams([(b"".join(parts), "/Filter /FlateDecode")])
