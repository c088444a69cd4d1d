"""quotes.site.sqlfunctions: the comparison functions the canned queries call."""
import sqlite3

import pytest

from quotes.site.sqlfunctions import quotes_relation, quotes_similarity, quotes_words, register

LONG = "If their intention is to participate in this war on Russia’s behalf that is a very, very serious issue"


def test_words_normalise_marks_case_and_contractions():
    assert quotes_words("They’re “very,” VERY serious!") == quotes_words("they are very very serious")
    assert quotes_words(None) == ""


@pytest.mark.parametrize("a, b, relation", [
    ("very serious", "very serious", "identical"),
    ("Very, very serious.", "very very serious", "punctuation"),
    (LONG, "a very, very serious issue", "truncation"),
    ("a very, very serious issue", "a very, very serious problem", "substitution"),
    ("we are seeing evidence that there are troops in Russia", "we are seeing evidence that there are troops", "truncation"),
    ("we are seeing clear evidence that there are troops", "we are seeing evidence that there are troops", "omission"),
    ("we are seeing evidence that there are North Korean troops", "we are seeing evidence that there are North Korean troops [in Russia]", "bracketed"),
    ("the weather is fine today", "troops have gone to Russia", "paraphrase"),
])
def test_relations(a, b, relation):
    assert quotes_relation(a, b) == relation
    if relation in ("identical", "punctuation", "truncation", "paraphrase"):
        assert quotes_relation(b, a) == relation  # pairwise, either order


def test_similarity_scores_a_clean_cut_as_one():
    assert quotes_similarity(LONG, "very, very serious") == 1.0
    assert quotes_similarity("very serious", "very serious") == 1.0
    assert quotes_similarity("", "") == 1.0
    assert quotes_similarity("a b c", "x y z") == 0.0
    assert 0.5 < quotes_similarity("a very serious issue", "a very serious problem") < 1.0


def test_registered_on_a_connection():
    conn = sqlite3.connect(":memory:")
    register(conn)
    row = conn.execute("select quotes_words('A, b'), quotes_relation('a b', 'A b'), quotes_similarity('a', 'a')").fetchone()
    assert row == ("a b", "punctuation", 1.0)
