"""Does a quoted span look like a title? One module for every stage that asks (issue 18): the
quote filter's features, the rules' title-or-nickname test (attribution.shape), the ranker's
term test, the split-quote join (corpus.splitparts) and the quotes of articles not in English.

Two strengths of the one notion: `title_case`, the English rule (every word but the small
words of titles capitalised: "Meet the Press", "The Lead with Jake Tapper"), and
`title_like`, a looser one for titles in any language ("Il Signore degli Anelli"). There
were four definitions before (stop 24 merged them): the ranker's ignored every short lower
case word ("I am not shy" was a title), the filter's ignored determiners ("I'm with her",
"After that" were titles).
"""
from __future__ import annotations

import regex

from quotes.lexicon.words import SMALL_WORDS

# searched from the end ((?r)): a forward search is quadratic on a long run of punctuation
_END_PUNCT = regex.compile(r"(?r)[.!?,]\W*$")
# a word of a quoted span (letters, digits, apostrophes, hyphens): every stage that counts them
WORD = regex.compile(r"[\p{L}\p{N}’'-]+")
LETTER_WORD = regex.compile(r"[\p{L}’'-]+")  # the same without digits (the words before a mark)
_SENTENCE_PUNCT = regex.compile(r"[.!?;:]")


def title_case(words: list[str]) -> bool:
    """Every word capitalised (or a number) except the small words of English titles
    (`SMALL_WORDS`: a, the, of, with...), and at least one such word."""
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def title_like(words: list[str]) -> bool:
    """Two or more words, first and last capitalised, at least half of them capitalised: a
    title in any language ("Jewels after Jewels", "Il Signore degli Anelli"), whatever its
    small words are."""
    caps = [w[:1].isupper() or w[:1].isdigit() for w in words]
    return len(words) >= 2 and caps[0] and caps[-1] and 2 * sum(caps) >= len(words)


def is_term(qtext: str) -> bool:
    """A quoted word or short term ("backstop"), or a short title-case run ("Stranger Things"):
    a quote only when someone plausibly says it."""
    words = WORD.findall(qtext)
    if not words or _END_PUNCT.search(qtext.strip()):
        return False
    return len(words) <= 3 or title_case(words) and len(words) <= 6


def is_title(qtext: str) -> bool:
    """A title or name in quotes: 2-6 words in title case, no sentence punctuation inside
    ("Going Viral," "America's Unwritten Constitution,": a book's title, the comma after it
    the writer's, inside the marks in American style). Unlike ``is_term`` a trailing comma is
    allowed, and a lone word ("Honestly,") or a lower-case term is not a title."""
    body = qtext.strip().rstrip(",")
    words = WORD.findall(body)
    return 2 <= len(words) <= 6 and not _SENTENCE_PUNCT.search(body) and title_case(words)
