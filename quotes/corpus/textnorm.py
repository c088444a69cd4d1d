"""Normalising quote text into comparable word units.

Outlets print the same words differently: curly or straight marks, “they’re” or “they are”,
“3,000” or “3000”, “Indo-Pacific” or “Indo Pacific”, an editor's “[in Russia]”. Every later
comparison (exact match, containment, shingles, alignment, the rendered diff) works on the
same units, so it lives here, once.

A unit is one printed word (or a contraction pair such as “they are”) with:
- ``key``: the comparable form: accents and case folded, punctuation dropped, contractions
  written one way (“they are” and “they’re” both become ``they're``), a possessive as its
  noun (“NATO’s”, “NATO’” and “NATO” are ``nato``),
- ``surface``: the words as printed, with any punctuation glued to them,
- ``bracket``: True when the word sits inside square brackets (an editorial insertion).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Typographic variants that carry no meaning of their own.
_TYPO = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2026": "...",
})

_SPACE = re.compile(r"\s+")
# A long dash glued between two words ("act—“My") separates them.
_DASH_SPLIT = re.compile(r"(?<=\w)(--|\u2014|\u2013)(?=\W*\w)")
_KEEP = re.compile(r"[^\w']+")

# Pronoun-like words whose "is/are/has/have/will/would/am" is often contracted.
_SUBJECTS = ("i", "you", "he", "she", "it", "we", "they", "that", "there", "here", "what",
             "who", "where", "how", "this", "let")
_SUFFIX_OF = {"am": "'m", "are": "'re", "is": "'s", "has": "'s", "have": "'ve", "will": "'ll",
              "would": "'d", "had": "'d", "us": "'s"}
_NEG_AUX = ("do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "would",
            "could", "should", "must", "need", "might", "ca", "wo", "sha", "dare")

# (first, second) -> contracted key; built once.
_PAIRS: dict[tuple[str, str], str] = {}
for _s in _SUBJECTS:
    for _w, _suf in _SUFFIX_OF.items():
        if _w == "us" and _s != "let":
            continue
        if _s == "let" and _w != "us":
            continue
        _PAIRS[(_s, _w)] = _s + _suf
for _a in _NEG_AUX:
    if _a in ("ca", "wo", "sha"):
        continue
    _PAIRS[(_a, "not")] = _a + "n't"
_PAIRS[("can", "not")] = "can't"
_PAIRS[("will", "not")] = "won't"
_PAIRS[("shall", "not")] = "shan't"
# (a word, at a quote's first word?) -> the contracted keys it is a half of: its second half
# at the first word ("is": "that's", "it's", ...), its first at the last ("we": "we're", ...).
# A quote cut inside a pair its source folds ("is the problem" of "That's the problem").
_FOLDS: dict[tuple[str, bool], frozenset[str]] = {}
for (_a, _b), _c in _PAIRS.items():
    _FOLDS[(_b, True)] = _FOLDS.get((_b, True), frozenset()) | {_c}
    _FOLDS[(_a, False)] = _FOLDS.get((_a, False), frozenset()) | {_c}


def folds(printed: str, first: bool) -> frozenset[str]:
    """The contracted keys a source may fold across a quote's edge whose half inside the
    quote is the key ``printed``: at its ``first`` word the pair's second ("is" of "that's"),
    at its last word the pair's first ("we" of "we're")."""
    return _FOLDS.get((printed, first), frozenset())


def edge_fold(printed: str, said: str, first: bool) -> bool:
    """The source's key ``said`` is such a pair (``folds``)."""
    return said in folds(printed, first)


# One-word spellings that mean the same as a contraction.
_SINGLE = {"cannot": "can't", "wont": "won't", "dont": "don't", "cant": "can't",
           "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "im": "i'm"}
# Apostrophe-less words that are ambiguous ("wont", "cant", "im") are only folded when the
# text elsewhere uses no apostrophes at all; that is rare, so only unambiguous ones stay.
for _w in ("wont", "cant", "im"):
    _SINGLE.pop(_w)


# Function words (as keys): a shared run made only of these ("we are going to") says
# little about two quotes being the same utterance.
STOPWORDS = frozenset("""
a an the and or but if so as of to in on at by for with from into onto about than then
that this these those there here it its i me my we us our you your he him his she her they
them their who whom whose what which when where why how all any some no not nor only just
very too also be is are was were been being am have has had do does did will would shall
should can could may might must going go get got one ok yes oh well like
i'm you're he's she's it's we're they're that's there's here's what's who's where's how's
let's i've you've we've they've i'll you'll he'll she'll it'll we'll they'll that'll i'd
you'd he'd she'd it'd we'd they'd don't doesn't didn't isn't aren't wasn't weren't haven't
hasn't hadn't won't wouldn't can't couldn't shouldn't mustn't
""".split())


class Unit(NamedTuple):
    """One comparable word of a quote (see module doc). (A named tuple: ``units`` makes one
    per printed word of every quote grouped, twice, and a frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``: 4 % of a full corpus step's CPU.)"""

    key: str
    surface: str
    bracket: bool = False


_new = tuple.__new__  # (a Unit made without the generated ``__new__``'s call: ``units``)


def typographic(text: str) -> str:
    """Fold typographic variants (curly marks, dashes, odd spaces) and Unicode forms."""
    return unicodedata.normalize("NFKC", text).translate(_TYPO)


def collapse_space(text: str) -> str:
    """Whitespace runs to one space, ends stripped: the test for “identical”."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@lru_cache(maxsize=1 << 18)  # a corpus repeats a few hundred thousand words millions of times
def fold_word(word: str) -> str:
    """The comparable key of one printed word: '' when it is only punctuation."""
    w = unicodedata.normalize("NFKD", word.translate(_TYPO))
    w = "".join(c for c in w if not unicodedata.combining(c)).lower()
    w = _KEEP.sub("", w.replace("_", "")).strip("'")
    if w.endswith("'") or w.startswith("'"):
        w = w.strip("'")
    # A possessive is its noun: "NATO's", "NATO’" and "NATO" are one word to compare (outlets
    # differ, and a cut may drop the ending); "it's", "that's", "let's" stay contractions.
    if w.endswith("'s") and len(w) > 2 and w[:-2] not in _SUBJECTS:
        w = w[:-2]
    return _SINGLE.get(w, w)


def content_gram_starts(keys: tuple[str, ...], n: int) -> list[int]:
    """Where each word ``n``-gram of ``keys`` that holds a content word (one not in
    ``STOPWORDS``) starts, in one pass (the gram ending at word j holds one when the last
    content word seen is inside it): the grouping's shingles and the cut's 4-grams."""
    out = []
    last = -1 - n  # the last content word seen
    for j, k in enumerate(keys):
        if k not in STOPWORDS:
            last = j
        if j >= n - 1 and last > j - n:
            out.append(j - n + 1)
    return out


def units(text: str) -> list[Unit]:
    """The word units of a quote, in order (see module doc)."""
    text = text or ""
    if "-" in text or "\u2014" in text or "\u2013" in text:
        text = _DASH_SPLIT.sub(r" \1 ", text)
    raw = _raw_units(text.split(), "[" in text or "]" in text)
    out: list[Unit] = []
    pairs, new, unit = _PAIRS, _new, Unit
    i, n = 0, len(raw)
    while i < n:
        key, surface, br = raw[i]
        if i + 1 < n:
            merged = pairs.get((key, raw[i + 1][0]))
            if merged is not None:
                out.append(new(unit, (merged, surface + " " + raw[i + 1][1], br or raw[i + 1][2])))
                i += 2
                continue
        out.append(new(unit, (key, surface, br)))
        i += 1
    return out


def _raw_units(tokens: list[str], brackets: bool) -> list[list]:
    """[key, surface, inside brackets] per printed word; punctuation-only tokens glued to
    the word before (or, before the first word, to the first)."""
    raw: list[list] = []
    depth = 0
    pending = ""  # punctuation-only tokens before the first word
    inside = False
    for tok in tokens:
        if brackets:
            opens = tok.count("[")
            inside = depth > 0 or opens > 0
            depth = max(0, depth + opens - tok.count("]"))
        key = fold_word(tok)
        if not key:
            if raw:
                raw[-1][1] += " " + tok
            else:
                pending = (pending + " " + tok).strip()
            continue
        if pending:
            tok, pending = pending + " " + tok, ""
        raw.append([key, tok, inside])
    return raw


def keys(text: str) -> tuple[str, ...]:
    """Only the comparable keys of a quote's units."""
    return tuple(u.key for u in units(text))


def normalize(text: str) -> str:
    """One string per wording: equal for quotes that differ only in punctuation, case,
    curly/straight marks, brackets or contractions."""
    return " ".join(keys(text))
