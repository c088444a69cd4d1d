import codecs

import pytest

from quotes.ingest.decoding import UndecodableError, decode_bytes, looks_binary


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


# --- hostile encodings (issue 7) ---------------------------------------------------------
from hypothesis import given, settings, strategies as st

from quotes.ingest.decoding import normalise_text, repair_mojibake

HOSTILE = __import__("conftest").FIXTURES / "hostile"


def test_latin1_with_undefined_windows_1252_byte():
    # 0x93/0x94 are curly quotes (Windows-1252), 0xE9 é, 0x81 undefined in 1252 (dropped)
    text = decode_bytes((HOSTILE / "latin1.txt").read_bytes())
    assert text == "“We will not back down,” Mayor Renée Alvarez said. The café stays open.\n"


def test_utf16_without_bom_is_not_called_binary():
    raw = (HOSTILE / "utf16_nobom.txt").read_bytes()
    assert decode_bytes(raw) == "“Prices will fall,” Finance Minister Tom Berg said.\n"
    assert decode_bytes("“Prices,” he said.".encode("utf-16-be")) == "“Prices,” he said."


def test_double_encoded_utf8_is_repaired():
    raw = (HOSTILE / "mojibake.txt").read_bytes()
    assert "â€" in raw.decode("utf-8")
    assert decode_bytes(raw) == "“Prices will fall,” Finance Minister Tom Berg said. It’s a café.\n"


def test_mojibake_repair_leaves_real_text_alone():
    for text in ("called it “CAFÉ” today", "SÃO PAULO —", "ß’ and Ü–", "naïve résumé", "Ð”"):
        assert repair_mojibake(text) == text


def test_bom_and_crlf_together():
    assert decode_bytes((HOSTILE / "bom_crlf.txt").read_bytes()) == "“Rain is coming,” forecaster Ana Ruiz said.\n\nShe was right.\n"


def test_cyrillic_legacy_encoding_is_not_read_as_windows_1252():
    text = "Привет, это новости о политике."
    assert decode_bytes(text.encode("cp1251")) == text


def test_png_named_txt_is_binary():
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes((HOSTILE / "photo.txt").read_bytes())


def test_normalise_drops_controls_and_lone_surrogates():
    assert normalise_text("a\u2028b\x01c\ud800d\r\ne\x0cf\ufeff") == "a\nbc\ufffdd\ne\nf"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    try:
        text = decode_bytes(data)
    except UndecodableError as exc:
        assert str(exc)
        return
    assert isinstance(text, str)
    assert "\r" not in text and "\x00" not in text
    text.encode("utf-8")  # storable: no lone surrogates


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_utf8_text_round_trips_with_or_without_bom(text):
    expected = normalise_text(repair_mojibake(text))
    assert decode_bytes(text.encode("utf-8")) == expected
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == expected


def test_a_utf8_file_with_many_windows_1252_lines_keeps_its_utf8_quotation_marks():
    # as many stray bytes as UTF-8 sequences: the file is read as Windows-1252, and its UTF-8
    # “ ” came out as â€œ â€ (the quote was lost); they are the double-encoded UTF-8 repaired
    utf8 = "Mayor Ann Lee spoke. “We will rebuild the bridge,” Lee said.\n".encode()
    legacy = "Café déjà vu, she said. Naïve façade.\n".encode("cp1252")
    text = decode_bytes(utf8 + legacy)
    assert text == "Mayor Ann Lee spoke. “We will rebuild the bridge,” Lee said.\nCafé déjà vu, she said. Naïve façade.\n"


def test_invisible_format_characters_are_kept_in_the_stored_text():
    # (the text is the article's key: reading it differently would store a second article;
    # extraction blanks them in the text it parses, quotes.extract.pipeline.parse_text)
    text = "\u202a“We will re\u00adbuild,”\u200b Lee said\u202c."
    assert normalise_text(text) == text
