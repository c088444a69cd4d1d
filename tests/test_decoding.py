import pytest

from quotes.decoding import UndecodableError, decode_bytes, looks_binary


def test_utf8_bom_is_removed(fixtures):
    text = decode_bytes((fixtures / "inputs" / "utf8_bom.txt").read_bytes())
    assert text.startswith("“We will not back down,”")


def test_crlf_becomes_lf(fixtures):
    text = decode_bytes((fixtures / "inputs" / "crlf.txt").read_bytes())
    assert "\r" not in text
    assert text.splitlines()[0] == "First line of a report."


def test_windows_1252_curly_quotes_are_read(fixtures):
    raw = (fixtures / "inputs" / "windows1252.txt").read_bytes()
    assert b"\x93" in raw  # “ in Windows-1252
    assert decode_bytes(raw).startswith("“We will not back down,”")


def test_binary_is_refused(fixtures):
    raw = (fixtures / "inputs" / "binary.txt").read_bytes()
    assert looks_binary(raw)
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(raw)


def test_utf16_with_bom():
    assert decode_bytes("“Yes,” she said.".encode("utf-16")) == "“Yes,” she said."
