"""Turning the bytes of a file into clean text.

News files arrive as UTF-8 with or without a BOM, with Windows line ends, or in legacy
Windows-1252 (where “ is byte 0x93). Binary files must be refused with a reason rather
than decoded into junk.
"""
from __future__ import annotations

import codecs
import unicodedata


class UndecodableError(ValueError):
    """The bytes are not text we can read; the message says why, for the user."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: an image, a PDF, a zip, not an article."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode to str with normalised line ends; raise UndecodableError for non-text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return normalise_text(data.decode(encoding, errors="replace"))
    if looks_binary(data):
        raise UndecodableError("binary file, not text")
    try:
        return normalise_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    guessed = _guess_encoding(data)
    if guessed is None:
        raise UndecodableError("undecodable: not UTF-8 and no other encoding fits")
    return normalise_text(data.decode(guessed, errors="replace"))


def _guess_encoding(data: bytes) -> str | None:
    """Legacy single-byte encodings: Windows-1252 first (news CMS exports), then others."""
    from charset_normalizer import from_bytes

    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def normalise_text(text: str) -> str:
    """CRLF/CR to LF, NFC, and no stray BOM or NUL; offsets are taken on this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    return unicodedata.normalize("NFC", text)
