"""Properties of the mark finder on hostile text: it terminates, never raises, and every
offset slices the text to the quote. `find_marks` swallows its own exceptions (an article
with a crash would silently get no quotes), so the properties also run the inner scanner.
"""
import time

import pytest
from hypothesis import given, settings, strategies as st

from quotes.extract import marks as marks_module
from quotes.extract.marks import ALL_MARKS, find_marks

SCAN = getattr(marks_module, "_find_marks", find_marks)  # the scanner without its safety net

PIECES = list(ALL_MARKS) + list("“”‘’\"' \n\n.,:;!?—()<>a") + [
    "said", "Holt", " he said, ", "It’s", "’90s", "rock ’n’ roll", "\n\n“", "<tweet author=\"@x\">", "</tweet>",
    "«", "»", "„", "\u00a0", "\t", "…",
]
hostile_text = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
any_text = st.text(max_size=300)


def check(text: str) -> None:
    found = SCAN(text)
    assert found == find_marks(text)  # the safety net never had to catch anything
    previous_end = -1
    for m in found:
        assert 0 <= m.open_mark < m.start < m.end <= len(text), m
        assert text[m.open_mark] in ALL_MARKS
        assert text[m.start:m.end].strip() == text[m.start:m.end]  # trimmed, never empty
        if m.close_mark is not None:
            assert m.end <= m.close_mark < len(text) and text[m.close_mark] in ALL_MARKS
        assert m.open_mark >= previous_end, "quotes overlap"
        previous_end = m.end
        if m.close_mark is None and not m.multi_paragraph:
            assert m.end - m.start <= marks_module.MAX_UNCLOSED, "an unclosed quote swallowed the text"


@settings(max_examples=500, deadline=None)
@given(hostile_text)
def test_offsets_slice_the_text_on_mark_soup(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_offsets_slice_the_text_on_any_unicode(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join))
def test_unclosed_quote_at_the_start_stays_within_its_paragraphs(tail):
    body = "Senator Ray Holt spoke. " * 200
    text = "“" + body + tail
    check(text)
    for m in find_marks(text):
        if m.close_mark is None:
            assert text.count("\n", m.start, m.end) <= 3 * (marks_module.MAX_PARAGRAPHS + 1)


def test_unclosed_quote_continued_by_an_empty_reopening_is_cut_too():
    text = "“" + "Senator Ray Holt spoke. " * 200 + "\n“"
    (m,) = find_marks(text)
    assert m.end - m.start <= marks_module.MAX_UNCLOSED


def test_linear_time_on_long_hostile_text():
    chunk = "“a ”b ‘c’ \"d\" ’e “f\n" * 10
    text = chunk * 5000  # 1 MB of marks
    started = time.perf_counter()
    check(text)
    assert time.perf_counter() - started < 10


def test_one_long_unclosed_paragraph_is_cut():
    text = "“" + "words without end " * 50_000
    (m,) = find_marks(text)
    assert m.close_mark is None and m.end - m.start <= marks_module.MAX_UNCLOSED


def test_many_reopened_paragraphs_do_not_chain_forever():
    text = "“Part one\n\n" * 5000
    found = find_marks(text)
    check(text)
    assert max(text.count("\n\n", m.start, m.end) for m in found) <= marks_module.MAX_PARAGRAPHS
