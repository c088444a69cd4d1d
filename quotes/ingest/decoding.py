"""Turning the bytes of a file into clean text.

News files arrive as UTF-8 with or without a BOM, with Windows line ends, in legacy
Windows-1252 (where “ is byte 0x93) or Latin-1, now and then as UTF-16 without a BOM, and
sometimes double-encoded (UTF-8 read as Windows-1252 and saved again: `â€œ` for “).
Binary files must be refused with a reason rather than decoded into junk.
"""
from __future__ import annotations

import codecs
import re
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
    return decode_reporting(data)[0]


def decode_reporting(data: bytes) -> tuple[str, str | None]:
    """`decode_bytes`, and a note (for the user) when bytes had to be repaired."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _repaired(data.decode(encoding, errors="replace")), None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return normalise_text(utf16), None
    if looks_binary(data):
        raise UndecodableError("binary file, not text")
    try:
        return _repaired(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    # (a UTF-8 file with many Windows-1252 lines: its UTF-8 “ ” read as â€œ â€, repaired)
    return _repaired(_decode_legacy(data)), None


def _repaired(text: str) -> str:
    """Decoded text with its mojibake undone (`repair_mojibake`), then normalised."""
    return normalise_text(repair_mojibake(text))


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray bytes (a Latin-1 "é" pasted into a UTF-8 file): each stray
    byte read as Windows-1252, the rest as UTF-8, with a note saying how many and where the
    first was. None when the bytes look like a legacy encoding instead: no valid multi-byte
    UTF-8 sequence, or as many stray bytes as valid sequences."""
    valid_multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if not valid_multibyte:
        return None
    text = data.decode("utf-8", errors="surrogateescape")  # a stray byte 0xNN -> U+DCNN
    strays = [m.start() for m in _ESCAPED.finditer(text)]
    if len(strays) >= valid_multibyte:
        return None
    first = strays[0]
    note = (f"repaired {len(strays)} byte(s) that are not UTF-8 (read as Windows-1252; the first "
            f"on line {text.count(chr(10), 0, first) + 1:,})")
    text = _ESCAPED.sub(lambda m: _cp1252_char(ord(m.group()) - 0xDC00), text)
    return _repaired(text), note


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ESCAPED = re.compile("[\udc80-\udcff]")



def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every other byte is NUL for Latin text."""
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even_nul = sample[0::2].count(0) / (len(sample) // 2)
    odd_nul = sample[1::2].count(0) / (len(sample) // 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        encoding = "utf-16-le"
    elif even_nul > 0.6 and odd_nul < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text[:4096] if ch.isprintable() or ch in "\t\n\r")
    return text if printable / max(1, len(text[:4096])) > 0.95 else None


def _cp1252_or_latin1(error: UnicodeDecodeError):
    """Error handler: the five bytes Windows-1252 leaves undefined read as Latin-1 (as browsers do)."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("quotes-cp1252", _cp1252_or_latin1)


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: Windows-1252 (a superset of Latin-1 for text) when the result looks like a
    Western language, else what charset-normalizer finds (Cyrillic, Greek, CJK...)."""
    western = data.decode("cp1252", errors="quotes-cp1252")
    letters = [ch for ch in western if ch.isalpha()]
    foreign = sum(1 for ch in letters if ord(ch) > 127)
    if not letters or foreign / len(letters) < 0.3:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    if foreign / len(letters) > 0.9:
        raise UndecodableError("undecodable: not UTF-8 and no other encoding fits")
    return western


# Mojibake: UTF-8 bytes that were read as Windows-1252 (or Latin-1) and encoded again.
def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


_CONTINUATION = "".join(sorted({_cp1252_char(b) for b in range(0x80, 0xC0)}))
# Two-byte sequences only from Â and Ã (U+0080-U+00FF: Western accents, no-break space):
# other leads would also match real text such as “CAFÉ” (É then ”).
_LEAD2 = "ÂÃ"
_LEAD3 = "".join(_cp1252_char(b) for b in range(0xE0, 0xF0))
_LEAD4 = "".join(_cp1252_char(b) for b in range(0xF0, 0xF5))
_C = re.escape(_CONTINUATION)
_MOJIBAKE = re.compile(
    f"[{re.escape(_LEAD2)}][{_C}]|[{re.escape(_LEAD3)}][{_C}]{{2}}|[{re.escape(_LEAD4)}][{_C}]{{3}}"
)


def _to_cp1252_bytes(s: str) -> bytes:
    return bytes(b for ch in s for b in (ch.encode("cp1252") if ch not in "\x81\x8d\x8f\x90\x9d" else ch.encode("latin-1")))


def repair_mojibake(text: str) -> str:
    """`â€œ` -> “, `Ã©` -> é: undo UTF-8 that was decoded as Windows-1252, sequence by
    sequence; anything that does not decode back to one valid character is left alone."""
    if not _MOJIBAKE.search(text):
        return text

    def fix(match: re.Match) -> str:
        try:
            return _to_cp1252_bytes(match.group()).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group()

    return _MOJIBAKE.sub(fix, text)


_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n"})
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """CRLF/CR to LF, NFC; no stray BOM, NUL or control characters, no lone surrogates
    (JSON can carry them; SQLite and hashing cannot). Offsets are taken on this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SEPARATORS)
    text = _JUNK.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)
