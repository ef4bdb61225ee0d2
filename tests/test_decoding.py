"""Decoding: every common encoding of an article is read, and the one used is recorded."""

import codecs

import pytest

from briefing.decoding import DecodingError, decode_bytes

TEXT = "Raimondo said “we don’t negotiate” — China’s café owners paid €5.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_each_supported_encoding_decodes_to_the_same_text(data, encoding):
    assert decode_bytes(data) == (TEXT, encoding)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"  \n\t \r\n", "empty"),
        (codecs.BOM_UTF8 + b"   \n", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03" * 200, "binary"),
        (codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe broken", "not valid utf-8-sig"),
        (b"\x81\x8d\x8f\x90\x9d" * 20, "neither UTF-8"),
    ],
)
def test_unreadable_bytes_raise_a_clear_error(data, message):
    with pytest.raises(DecodingError, match=message):
        decode_bytes(data)


def test_mostly_text_with_a_few_control_characters_is_still_text():
    text = "A paragraph of news.\x0c\n" * 50
    assert decode_bytes(text.encode())[1] == "utf-8"


ASCII_TEXT = "Raimondo met Wang Wentao in Beijing on Monday to talk about export controls.\n" * 3


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ascii_range_utf16_without_a_bom_is_detected_not_refused_as_binary(encoding):
    assert decode_bytes(ASCII_TEXT.encode(encoding)) == (ASCII_TEXT, encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_followed_by_a_one_byte_newline_is_detected(encoding):
    # An editor or `echo >>` adding a one-byte newline leaves an odd length.
    assert decode_bytes(TEXT.encode(encoding) + b"\n") == (TEXT, encoding)


def test_utf16_without_a_bom_cut_in_a_character_is_refused_as_truncated_utf16():
    with pytest.raises(DecodingError, match="not valid utf-16-le"):
        decode_bytes(ASCII_TEXT.encode("utf-16-le") + b"x")
