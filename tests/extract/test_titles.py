"""One notion of a quoted title (quotes.extract.titles), used by the quote filter, the rules,
the ranker, the split-quote join and the quotes of articles not in English."""
import pytest

from quotes.extract.titles import is_term, is_title, title_case, title_like


def words(text):
    return text.split()


@pytest.mark.parametrize("text, expected", [
    ("Meet the Press", True), ("The Lead with Jake Tapper", True), ("America with Jorge Ramos", True),
    ("State of the Union", True), ("2001: A Space Odyssey", True),
    # sentences with short lower-case words were titles for the ranker's old rule
    ("I am not shy", False), ("This is all me", False), ("Only you Dinesh", False),
    # determiners and "about" were small words for the filter's old rule
    ("I’m with her", False), ("After that", False), ("about 200 000", False),
    ("we will win", False),
])
def test_title_case_lets_only_the_small_words_of_titles_stay_lower_case(text, expected):
    assert title_case(words(text)) is expected


@pytest.mark.parametrize("text, expected", [
    ("Il Signore degli Anelli", True), ("I Cavalieri dello Zodiaco", True), ("Jewels after Jewels", True),
    ("Meet the Press", True), ("backstop", False), ("the whole thing", False), ("Vote for me", False),
])
def test_title_like_finds_titles_in_any_language(text, expected):
    assert title_like(words(text)) is expected


@pytest.mark.parametrize("text, term", [
    ("backstop", True), ("Stranger Things", True), ("We will win.", False),
    ("a very serious issue", False), ("We are going to look at every option we have,", False),
])
def test_what_counts_as_a_term(text, term):
    assert is_term(text) is term


@pytest.mark.parametrize("text, title", [
    ("Going Viral,", True), ("America’s Second Founding,", True), ("Stranger Things", True),
    ("Honestly,", False), ("My hope,", False), ("a somewhat unifying story", False),
    ("Like Boston. Or Denver,", False), ("If their intention is to participate in this war", False),
    ("This is all me,", False),
])
def test_what_counts_as_a_title(text, title):
    assert is_title(text) is title
