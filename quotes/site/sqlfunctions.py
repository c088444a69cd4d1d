"""SQL functions the site registers on every connection (this Python cannot load SQLite
extensions, so comparisons the canned queries need are plain Python functions).

- `quotes_words(text)`: the words of a quote, lower case, straight marks, no punctuation;
  two printings of the same words give the same string.
- `quotes_similarity(a, b)`: 0-1, how close the words of the shorter version are to the
  part of the longer one it covers (a clean cut scores 1.0).
- `quotes_relation(a, b)`: how version `b` differs from version `a`, in the variant
  vocabulary: identical, punctuation/case, truncation, omission/insertion, bracketed
  insertion, word substitution, paraphrase.

They compare two versions directly (pairwise), unlike the `variants` table, which relates
each version to its utterance's reference quote.
"""
from __future__ import annotations

import difflib
import re

_BRACKETED = re.compile(r"\[[^\]]*\]")
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
    x, y = _keys(a), _keys(b)
    if not x and not y:
        return 1.0
    if len(x) < len(y):
        x, y = y, x
    blocks = [m for m in difflib.SequenceMatcher(a=x, b=y, autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return 0.0
    # the window of the longer version that the shorter one covers, widened by the shorter
    # one's unmatched words before the first and after the last shared run
    start = max(0, blocks[0].a - blocks[0].b)
    end = min(len(x), blocks[-1].a + blocks[-1].size + (len(y) - blocks[-1].b - blocks[-1].size))
    return round(difflib.SequenceMatcher(a=x[start:end], b=y, autojunk=False).ratio(), 3)


def _contiguous(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def quotes_relation(a: str | None, b: str | None) -> str:
    """How `b` differs from `a` (see module doc)."""
    if (a or "") == (b or ""):
        return "identical"
    x, y = _keys(a), _keys(b)
    if x == y:
        return "punctuation/case"
    for with_brackets, other in ((b, x), (a, y)):  # an editor's [insertion] in either version
        if "[" in (with_brackets or ""):
            unbracketed = _keys(_BRACKETED.sub(" ", with_brackets))
            if unbracketed and (_contiguous(unbracketed, other) or _contiguous(other, unbracketed)):
                return "bracketed insertion"
    if x and y and (_contiguous(y, x) or _contiguous(x, y)):
        return "truncation"
    similarity = quotes_similarity(a, b)
    if similarity < 0.5:
        return "paraphrase"
    tags = {tag for tag, *_ in difflib.SequenceMatcher(a=x, b=y, autojunk=False).get_opcodes() if tag != "equal"}
    if tags == {"replace"}:
        return "word substitution"
    if tags <= {"delete", "insert"}:
        return "omission/insertion"
    return "word substitution" if similarity >= 0.75 else "paraphrase"


FUNCTIONS = {
    "quotes_words": (quotes_words, 1),
    "quotes_similarity": (quotes_similarity, 2),
    "quotes_relation": (quotes_relation, 2),
}


def register(conn) -> None:
    """Add the functions to a sqlite3 connection."""
    for name, (fn, n_args) in FUNCTIONS.items():
        conn.create_function(name, n_args, fn, deterministic=True)
