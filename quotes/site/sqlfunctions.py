"""SQL functions the site registers on every connection (this Python cannot load SQLite
extensions, so comparisons the canned queries need are plain Python functions).

- `quotes_words(text)`: the words of a quote, lower case, straight marks, no punctuation;
  two printings of the same words give the same string.
- `quotes_similarity(a, b)`: 0-1, how close the words of version `b` are to the part of
  version `a` it covers (a clean cut scores 1.0).
- `quotes_relation(a, b)`: how version `b` differs from version `a`, in the corpus's
  relation vocabulary (``quotes.corpus.relations``: identical, punctuation, truncation,
  substitution, omission, bracketed, paraphrase), computed the way the `variants` table's
  relations are.

They compare two versions directly (pairwise), unlike the `variants` table, which relates
each version to its utterance's reference quote.
"""
from __future__ import annotations

import re

from quotes.corpus.relations import relation_of

_KEY = re.compile(r"\w+", re.UNICODE)
_CONTRACTIONS = {"n't": " not", "'re": " are", "'s": " s", "'ve": " have", "'ll": " will", "'m": " am", "'d": " d"}


def _keys(text: str | None) -> list[str]:
    text = (text or "").replace("’", "'").replace("‘", "'").lower()
    for short, long in _CONTRACTIONS.items():
        text = text.replace(short, long)
    return _KEY.findall(text)


def quotes_words(text: str | None) -> str:
    return " ".join(_keys(text))


def quotes_similarity(a: str | None, b: str | None) -> float:
    if not _keys(a) and not _keys(b):
        return 1.0
    return round(relation_of(a or "", b or "")[1], 3)


def quotes_relation(a: str | None, b: str | None) -> str:
    """How `b` differs from `a` (see module doc)."""
    return relation_of(a or "", b or "")[0]


FUNCTIONS = {
    "quotes_words": (quotes_words, 1),
    "quotes_similarity": (quotes_similarity, 2),
    "quotes_relation": (quotes_relation, 2),
}


def register(conn) -> None:
    """Add the functions to a sqlite3 connection."""
    for name, (fn, n_args) in FUNCTIONS.items():
        conn.create_function(name, n_args, fn, deterministic=True)
