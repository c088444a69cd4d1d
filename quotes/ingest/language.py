"""Is an article in English? The extractor's parser, cue words and quote filter are English
(issue 18): on other languages every quoted term became a "quote" with a stray word for a
speaker, so an article not in English is extracted differently (quotes.extract.foreign).

The test: more than 4% of the words are eight common English words (`ENGLISH_MARKERS`).
Pages in other languages score under 3% (Korean, Russian, Japanese 0%; Italian, Portuguese,
Indonesian: "in", "to" and "the" of quoted English), English news over 10% (the lowest of
PolNeAR train and dev, 924 articles: 7.1%, an article of embedded tweets). A text of fewer
than MIN_WORDS words is taken as English: too short to tell, and English is what the
extractor was made for. A letter of a script written without spaces (Chinese, Japanese,
Thai, Lao, Khmer, Burmese) counts as a word: a run of them is a clause, and a news item of
a few hundred characters held fewer than MIN_WORDS runs, so it was taken as English.
"""
from __future__ import annotations

import regex

from quotes.lexicon.words import ENGLISH_MARKERS

ENGLISH, OTHER = "en", "other"  # the values of Article.language and articles.language
MIN_WORDS = 50
NOT_ENGLISH_NOTE = "not in English: only quoted sentences kept, with no speaker (the extractor reads English)"
MARKER_SHARE = 0.04
_NO_SPACES = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_LETTER = regex.compile(rf"[{_NO_SPACES}]")  # a letter of those scripts: a word
_WORD = regex.compile(r"[^\W\d_]+")  # a run of other letters: a word


def is_english(text: str) -> bool:
    """The share of English marker words (``ENGLISH_MARKERS``) among the words. The letters
    of scripts without spaces are counted (and set apart by a space), never listed: a long
    Chinese text would hold one string per letter."""
    rest, letters = _LETTER.subn(" ", text.lower())
    words = _WORD.findall(rest)
    total = letters + len(words)
    if total < MIN_WORDS:
        return True
    return sum(w in ENGLISH_MARKERS for w in words) > MARKER_SHARE * total


def language_of(text: str) -> str:
    """ENGLISH or OTHER (the test tells English from the rest, not which language)."""
    return ENGLISH if is_english(text) else OTHER
