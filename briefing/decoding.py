"""Turn the bytes of an article file into text, recording which encoding was used.

Order matters: a byte-order mark is authoritative; then UTF-16 without a BOM, which shows as
NUL bytes in every other position (tried before UTF-8 because ASCII-range UTF-16 is valid UTF-8
too, NUL being an ASCII byte, and would then be refused as full of control characters); then
strict UTF-8 (the common case, and one that almost never decodes non-UTF-8 bytes by accident);
then cp1252, the usual encoding of text saved on Windows. Anything still full of control bytes
is binary and refused.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of control characters (other than tab/newline/carriage return) above which decoded
#: text is treated as binary data wearing a text extension.
MAX_CONTROL_SHARE = 0.02
#: Control characters other than tab, newline, carriage return and form feed.
_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - set(b"\t\n\f\r")))


class DecodingError(ValueError):
    """The bytes are not text in any encoding we accept; the message says why."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for article bytes, or raise DecodingError."""
    if not data.strip():
        raise DecodingError("the file is empty or holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode(data, encoding), encoding)
    bomless_utf16 = _bomless_utf16_encoding(data)
    if bomless_utf16:
        # A lone whitespace byte after the last code unit is a newline added by a one-byte tool.
        whole_units = data[:-1] if len(data) % 2 and data[-1:].isspace() else data
        return _checked(_decode(whole_units, bomless_utf16), bomless_utf16)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DecodingError("the file holds binary data (NUL bytes), not text")
    try:
        return _checked(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        raise DecodingError("the bytes are neither UTF-8, UTF-16 nor Windows-1252 text") from None


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodingError(f"the file claims {encoding} but is not valid {encoding}: {error.reason}") from None


def _bomless_utf16_encoding(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from NULs falling on even (BE) or odd (LE) byte positions."""
    sample = data[: min(len(data), 4096) // 2 * 2]  # whole code units, whatever the file's length
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _checked(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DecodingError("the file is empty or holds only whitespace")
    controls = _control_count(text)
    if controls / len(text) > MAX_CONTROL_SHARE:
        raise DecodingError(f"the file holds binary data ({controls} control bytes), not text")
    return text, encoding


def _control_count(text: str) -> int:
    """How many control characters (see _CONTROL_BYTES) ``text`` holds."""
    # In UTF-8 a byte below 0x80 only ever stands for that ASCII character, so deleting the control
    # bytes from the encoded text deletes exactly the control characters, without listing them.
    # "surrogatepass" keeps a lone surrogate (several bytes, none below 0x80) from raising.
    encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
