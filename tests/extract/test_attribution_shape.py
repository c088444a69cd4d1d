"""What a quoted span looks like: full or partial, a title, a nickname, a scare quote."""
import pytest

from quotes.extract.attribution.shape import is_single_mark, is_title_or_nickname, looks_unquoted, quote_kind
from quotes.extract.marks import find_marks


def mark(text):
    return find_marks(text)[0]


def test_full_and_partial():
    full = "Austin said, “We are seeing evidence of troops.”"
    partial = "Austin called it “a very serious issue” on Wednesday."
    assert quote_kind(full, mark(full)) == "full" and quote_kind(partial, mark(partial)) == "partial"


@pytest.mark.parametrize("text", [
    "He appeared on CNN's “State of the Union” on Sunday.",
    "State Rep. Marcia “Cia” Price voted no.",
    "the film “Stranger Things” was a hit",
])
def test_titles_and_nicknames(text):
    m = mark(text)
    assert is_title_or_nickname(text, m, text[m.start:m.end])


def test_a_sentence_of_speech_is_not_a_title():
    text = "Kirby said, “We are watching this very closely.”"
    m = mark(text)
    assert not is_title_or_nickname(text, m, text[m.start:m.end])
    assert not looks_unquoted(text, m, text[m.start:m.end])


def test_short_unattributed_words_look_unquoted_unless_a_person_is_the_subject():
    text = "The plan was “dead” by then."
    m = mark(text)
    assert looks_unquoted(text, m, "dead") and not looks_unquoted(text, m, "dead", person_subject=True)


def test_single_marks():
    assert is_single_mark("He called it ‘fake news’ again.", mark("He called it ‘fake news’ again."))
    assert not is_single_mark("“Yes,” he said.", mark("“Yes,” he said."))
