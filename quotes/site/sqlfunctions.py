"""SQL functions the site registers on every connection (this Python cannot load SQLite
extensions, so comparisons the canned queries need are plain Python functions).

- `quotes_words(text)`: the words of a quote, lower case, straight marks, no punctuation;
  two printings of the same words give the same string.
- `quotes_similarity(a, b)`: 0-1, how close the words of the shorter version are to the
  part of the longer one it covers (a clean cut scores 1.0).
- `quotes_relation(a, b)`: how the two versions differ, in the corpus's one relation
  vocabulary (`quotes.corpus.relations`: identical, punctuation, truncation, substitution,
  omission, bracketed, paraphrase), computed as the `variants` table's relations are, the
  longer version taken as the reference (`relations.relation_of`).

They compare two versions directly (pairwise), unlike the `variants` table, which relates
each version to its utterance's reference quote.

Bounded for the public SQL endpoint: SQLite's time limit cannot stop a Python function
once it runs, and comparing word sequences is quadratic at worst, so `quotes_similarity`
and `quotes_relation` return NULL when a side has more than `MAX_COMPARED_WORDS` words
(at most ~0.1 s a call; a quote is a few dozen words). `limit_connection` lowers SQLite's
largest string or blob (`MAX_SQL_LENGTH`) so no single value (`randomblob(1e9)`) can take
gigabytes; the longest value we store, an article of 2,000,000 characters, fits.
SQLite's own `printf('%.*c', 1000000000, 'x')` loops for seconds before it gives NULL, out
of reach of the time limit: `printf` and `format` are replaced by `bounded_printf`, which
gives NULL at once for a width or precision over `MAX_PRINTF_WIDTH` and otherwise asks
SQLite's.
"""
from __future__ import annotations

import re
import threading

from quotes.corpus.relations import relation_of

_KEY = re.compile(r"\w+", re.UNICODE)
MAX_COMPARED_WORDS = 500
MAX_SQL_LENGTH = 8 * 1024 * 1024  # bytes: 2,000,000 characters of up to 4 bytes each fit
MAX_SQL_TEXT = 1024 * 1024  # the SQL statement itself
_CONTRACTIONS = {"n't": " not", "'re": " are", "'s": " s", "'ve": " have", "'ll": " will", "'m": " am", "'d": " d"}


def _keys(text: str | None) -> list[str]:
    text = (text or "").replace("’", "'").replace("‘", "'").lower()
    for short, long in _CONTRACTIONS.items():
        text = text.replace(short, long)
    return _KEY.findall(text)


def quotes_words(text: str | None) -> str:
    return " ".join(_keys(text))


def _comparable(a, b) -> tuple[list[str], list[str]] | None:
    """The words of both sides, or None when one is too long to compare in bounded time."""
    x, y = _keys(a), _keys(b)
    if len(x) > MAX_COMPARED_WORDS or len(y) > MAX_COMPARED_WORDS:
        return None
    return x, y


def quotes_similarity(a: str | None, b: str | None) -> float | None:
    words = _comparable(a, b)
    if words is None:
        return None
    if not any(words):
        return 1.0
    return round(relation_of(a or "", b or "")[1], 3)


def quotes_relation(a: str | None, b: str | None) -> str | None:
    """How `a` and `b` differ (see module doc); None when a side is too long to compare."""
    if (a or "") == (b or ""):
        return "identical"
    if _comparable(a, b) is None:
        return None
    return relation_of(a or "", b or "")[0]


FUNCTIONS = {
    "quotes_words": (quotes_words, 1),
    "quotes_similarity": (quotes_similarity, 2),
    "quotes_relation": (quotes_relation, 2),
}


MAX_PRINTF_WIDTH = 100_000
_PRINTF_SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?(?:ll|l|h)?([a-zA-Z%])")
_BUILTIN = threading.local()


def bounded_printf(fmt, *args):
    """SQLite's printf, or NULL when a width or precision is beyond MAX_PRINTF_WIDTH."""
    if isinstance(fmt, str):
        star = 0
        for width, precision, _ in _PRINTF_SPEC.findall(fmt):
            for value in (width, precision):
                if value == "*":
                    n = args[star] if star < len(args) else 0
                    star += 1
                else:
                    n = value or 0
                try:
                    if abs(int(n)) > MAX_PRINTF_WIDTH:
                        return None
                except (TypeError, ValueError):
                    pass
    if getattr(_BUILTIN, "conn", None) is None:  # SQLite's own printf, once per thread
        import sqlite3

        _BUILTIN.conn = sqlite3.connect(":memory:")
        limit_length(_BUILTIN.conn)
    marks = ", ".join("?" for _ in range(len(args) + 1))
    return _BUILTIN.conn.execute(f"select printf({marks})", (fmt, *args)).fetchone()[0]


def register(conn) -> None:
    """Add the functions to a sqlite3 connection."""
    for name, (fn, n_args) in FUNCTIONS.items():
        conn.create_function(name, n_args, fn, deterministic=True)
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)


def limit_length(conn) -> None:
    import sqlite3

    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_SQL_LENGTH)


def limit_connection(conn) -> None:
    """No string or blob over MAX_SQL_LENGTH bytes, no statement over MAX_SQL_TEXT."""
    import sqlite3

    limit_length(conn)
    conn.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_TEXT)
