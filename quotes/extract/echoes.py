"""Words a lede credits to an institution, that a named person is quoted saying further on.

Why: "The United States said Wednesday that ... those forces would be “fair game”" and,
paragraphs later, "Kirby warned that “... if they deploy to fight Ukraine, they’re fair
game.”": the words are Kirby's, the lede summarises him. A partial quote credited to an
organisation, a group or nobody, whose words another quote of the same article holds in
full with a person as speaker, takes that person (method "echo").
"""
from __future__ import annotations

import regex

from quotes.model import Quote

MIN_WORDS = 2  # one quoted word ("historic") is too common to tie two quotes together
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def credit_echoes(quotes: list[Quote]) -> list[Quote]:
    """`quotes` with each institution-credited partial quote given to the person quoted
    saying the same words in the article (in place; returned for convenience)."""
    people = [(q, _words(q.text)) for q in quotes if q.speaker and q.speaker_kind == "person"]
    for q in quotes:
        if q.kind != "partial" or (q.speaker and q.speaker_kind == "person"):
            continue
        words = _words(q.text)
        if len(words) < MIN_WORDS:
            continue
        said = {o.speaker: o for o, owords in people if o is not q and len(owords) > len(words)
                and _contains(owords, words)}
        if len(said) != 1:
            continue  # nobody, or several people: the lede's credit stands
        src = next(iter(said.values()))
        # the repeated words are the evidence: a lede credited to nobody (or to a place the
        # ranker dropped) does not make the person's own words less sure
        sure = src.confidence if not q.speaker else min(q.confidence or 0.5, src.confidence)
        for f in ("speaker", "speaker_kind", "speaker_aliases", "speaker_role", "speaker_mention",
                  "speaker_start", "speaker_end"):
            setattr(q, f, getattr(src, f))
        q.method = "echo"
        q.confidence = round(sure, 3)
    return quotes
