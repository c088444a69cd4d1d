"""The quotes of an article not in English (quotes.ingest.language, issue 18).

The parser, the cue words and the quote filter are English: on other languages nearly every
quoted term, title or scare quote was kept as a quote, credited to a stray word near it. So
such an article is not parsed: a quoted span is kept only when it is a sentence (it ends
with sentence punctuation, or has MIN_WORDS words or more and is no title), and it has no
speaker (method "not_english", confidence 0). Measured on the tune pages of the web set
(benchmarks/web_speakers.py): every labelled true quote of those pages is kept and every
labelled term dropped (README, "What happens with bad input").
"""
from __future__ import annotations

import regex

from quotes.extract.attribution import new_quote
from quotes.extract.attribution.shape import is_single_mark
from quotes.extract.titles import WORD, title_like
from quotes.model import Mark, Quote

MIN_WORDS = 5
METHOD = "not_english"
_SENTENCE_END = regex.compile(r"[.!?…。？！]\W*$", regex.REVERSE)


def is_quoted_sentence(qtext: str) -> bool:
    words = WORD.findall(qtext)
    if not words:
        return False
    if _SENTENCE_END.search(qtext.strip()):
        return True
    return len(words) >= MIN_WORDS and not title_like(words)


def quoted_sentences(text: str, marks: list[Mark]) -> list[Quote]:
    """The marks of `text` that hold a quoted sentence, as quotes with no speaker."""
    out = []
    for m in marks:
        q = new_quote(text, m, is_single_mark(text, m))
        if is_quoted_sentence(q.text):
            q.method, q.confidence = METHOD, 0.0
            out.append(q)
    return out
