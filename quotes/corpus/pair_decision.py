"""The learned pair decision, the grouping's last tier: are two quotes one act of speaking?

The rules (``grouping``, tiers 1-7) join what they are sure of. Pairs they leave apart but
that share words (a content 3-gram) get one more look here: named features of the pair
(``FEATURES``, explained in docs/pair_decision.md), a logistic regression over them
(weights in ``pair_model.json``, fitted by ``training/train_pair_model.py`` on the ``fit``
part of ``benchmarks/pair_labels.jsonl``; the threshold chosen by cross-validation within
``fit``) and a yes when the probability reaches the threshold. Running it needs no ML
library: a weighted sum through a logistic.

Corpus statistics (``PhraseStats``) come in explicitly and are per speaker family, so a
family can be grouped alone (``corpus.families``): on how many distinct days the family is
quoted with each word 3-gram (a stump line is quoted on many days; one act of speaking on
the few days its reports appear).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Indel

from quotes.extract.dating import article_day
from quotes.corpus.textnorm import STOPWORDS
from quotes.corpus.worddiff import equal_runs

GRAM = 3


def grams(keys: tuple[str, ...], n: int = GRAM) -> set[tuple[str, ...]]:
    """Word n-grams that hold a content word."""
    return {keys[i:i + n] for i in range(len(keys) - n + 1)
            if any(k not in STOPWORDS for k in keys[i:i + n])}


@dataclass
class PairSide:
    """What the features need of one side: its words, speaker, dates and outlet."""

    keys: tuple[str, ...]  # the words compared (grouping: textnorm keys, brackets left out)
    speaker: str | None
    day_min: int | None  # article days (ordinal) of the quote(s)
    day_max: int | None
    said: tuple[int | None, int | None] = (None, None)  # days its attribution allows
    outlets: frozenset = frozenset()
    named_days: bool = False  # the attribution names when it was said (said_from given)
    unsure: bool = False  # its attribution left the speaker unsure (``corpus.unsure.is_unsure``)


@dataclass
class PhraseStats:
    """Per speaker family, the days on which each word 3-gram is quoted (ordinal days)."""

    days: dict[tuple[str, tuple[str, ...]], set[int] | int] = field(default_factory=dict)

    def add(self, family: str | None, keys: tuple[str, ...], day: int | None, want: set | None = None) -> None:
        """Count a quote of the family on ``day`` (only the 3-grams in ``want``, when given)."""
        if family is None or day is None:
            return
        d = self.days
        for g in grams(keys):
            if want is not None and g not in want:
                continue
            k = (family, g)
            cur = d.get(k)
            if cur is None:
                d[k] = day
            elif isinstance(cur, int):
                if cur != day:
                    d[k] = {cur, day}
            else:
                cur.add(day)

    def n_days(self, family: str | None, g: tuple[str, ...], own: set[int]) -> int:
        """Days other than ``own`` on which the family is quoted with ``g``."""
        cur = self.days.get((family, g))
        if cur is None:
            return 0
        if isinstance(cur, int):
            return int(cur not in own)
        return len(cur - own)


def side_of_quote(keys: tuple[str, ...], speaker: str | None, published: str | None, outlet: str | None,
                  said_from: str | None = None, said_to: str | None = None, unsure: bool = False) -> PairSide:
    """One quote as a ``PairSide`` (the grouping builds the same from its nodes): its
    article's day; the days its attribution allows, else up to its article's day."""
    day = _ordinal(published)
    said = (_ordinal(said_from), _ordinal(said_to) if said_to else day)
    return PairSide(keys, speaker, day, day, said, frozenset([outlet]) if outlet else frozenset(), bool(said_from),
                    unsure)


def _ordinal(iso: str | None) -> int | None:
    d = article_day(iso)
    return d.toordinal() if d else None


FEATURES = (
    "contained",      # the shorter quote's words stand in the longer as one run
    "longest_run",    # log(1 + longest shared run of words holding a content word)
    "cover_short",    # share of the shorter quote's words in shared runs of 2+ (with a content word)
    "cover_long",     # the same share of the longer quote's words
    "bag_short",      # share of the shorter quote's content words found anywhere in the longer
    "similarity",     # Indel similarity of the two word lists (0-1)
    "len_short",      # log(1 + words of the shorter quote)
    "len_long",       # log(1 + words of the longer quote)
    "content_short",  # log(1 + content words of the shorter quote)
    "phrase_days",    # log(1 + other days the speaker is quoted with the shared words)
    "gap_days",       # log(1 + days between the two articles)
    "said_conflict",  # the attributions' days exclude one occasion ("last week" vs "Monday")
    "said_points",    # one attribution's days reach the other's article dates
    "named_days",     # either attribution names when it was said ("in March", "has said")
    "alias",          # speakers are aliases (same surname), not one speaker id
    "same_outlet",    # one outlet prints both (a reprint, another edition)
    "edge_overlap",   # the shared run ends one quote and starts the other: cuts of one
                      # statement at different places (A B / B C)
)


def _covered(blocks, keys: tuple[str, ...], side: int) -> tuple[int, int]:
    """(words in shared runs of 2+ holding a content word, longest such run)."""
    total = longest = 0
    for blk in blocks:
        s, n = blk[side], blk[2]
        if n >= 2 and any(k not in STOPWORDS for k in keys[s:s + n]):
            total += n
            longest = max(longest, n)
        elif n == 1 and keys[s] not in STOPWORDS and len(keys) <= 2:
            total += 1
            longest = max(longest, 1)
    return total, longest


def _contains(long_: tuple[str, ...], short: tuple[str, ...]) -> bool:
    return f" {' '.join(short)} " in f" {' '.join(long_)} "


def _gap(a: PairSide, b: PairSide) -> int | None:
    if a.day_min is None or b.day_min is None:
        return None
    return max(0, a.day_min - b.day_max, b.day_min - a.day_max)


def _reaches(said: tuple[int | None, int | None], other: PairSide) -> bool:
    lo, hi = said
    if lo is None or hi is None or other.day_min is None:
        return False
    return lo <= other.day_max and other.day_min <= hi + 1


def pair_features(a: PairSide, b: PairSide, stats: PhraseStats | None, family: str | None,
                  relation: int = 0) -> list[float]:
    """The FEATURES of one pair, in order. ``relation``: 0 same speaker id, 1 alias (as
    ``grouping`` finds it); ``family``: the speaker family key ``stats`` is indexed by."""
    short, long_ = (a, b) if len(a.keys) <= len(b.keys) else (b, a)
    sk, lk = short.keys, long_.keys
    contained = bool(sk) and _contains(lk, sk)
    blocks = equal_runs(sk, lk)
    cov_s, run = _covered(blocks, sk, 0)
    cov_l, _ = _covered(blocks, lk, 1)
    if len(set(sk)) < len(sk):  # a repeated word may cut a run in the LCS: align from the end
        rb = [(len(sk) - s - n, len(lk) - t - n, n) for s, t, n in equal_runs(sk[::-1], lk[::-1])]
        c2, r2 = _covered(rb, sk, 0)
        if c2 > cov_s:
            cov_s, run, cov_l = c2, r2, _covered(rb, lk, 1)[0]
    if contained:
        cov_s, run = len(sk), max(run, len(sk))
    content_s = {k for k in sk if k not in STOPWORDS}
    content_l = {k for k in lk if k not in STOPWORDS}
    bag = len(content_s & content_l) / len(content_s) if content_s else float(contained)
    shared = grams(sk) & grams(lk)
    own = {d for d in (a.day_min, a.day_max, b.day_min, b.day_max) if d is not None}
    if stats is not None and family is not None and shared:
        days = min(stats.n_days(family, g, own) for g in shared)
    elif stats is not None and family is not None and contained and content_s:
        days = stats.n_days(family, sk, own) if len(sk) == GRAM else 0
    else:
        days = 0
    gap = _gap(a, b)
    lo = max([x for x in (a.said[0], b.said[0]) if x is not None], default=None)
    hi = min([x for x in (a.said[1], b.said[1]) if x is not None], default=None)
    conflict = lo is not None and hi is not None and lo > hi
    edge = any(n >= GRAM and ((s <= 1 and t + n >= len(lk) - 1) or (t <= 1 and s + n >= len(sk) - 1))
               for s, t, n in blocks)
    return [
        float(contained),
        math.log1p(run),
        cov_s / len(sk) if sk else 0.0,
        cov_l / len(lk) if lk else 0.0,
        bag,
        Indel.normalized_similarity(sk, lk),
        math.log1p(len(sk)),
        math.log1p(len(lk)),
        math.log1p(len(content_s)),
        math.log1p(days),
        math.log1p(gap) if gap is not None else 0.0,
        float(conflict),
        float(_reaches(a.said, b) or _reaches(b.said, a)),
        float(a.named_days or b.named_days),
        float(relation == 1),
        float(bool(a.outlets & b.outlets)),
        float(edge and not contained),
    ]


MODEL_FILE = Path(__file__).with_name("pair_model.json")


@dataclass(frozen=True)
class PairModel:
    """A logistic regression over standardised ``FEATURES`` and its threshold."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float]) -> float:
        """P(one utterance) of one pair's features (in ``FEATURES`` order)."""
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, features, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_from(data: dict, features: tuple[str, ...] = FEATURES) -> PairModel:
    if tuple(data["features"]) != features:
        raise ValueError("pair model fitted on other features: run its training script with --write")
    return PairModel(tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                     data["bias"], data["threshold"])


@lru_cache(maxsize=1)
def shipped() -> PairModel:
    """The model in ``pair_model.json``."""
    return model_from(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


# --- the scored decision (issue 13): one model judges every candidate pair ------------------

SCORED_FEATURES = FEATURES + (
    "unsure",          # either side's speaker is unsure (a salience guess, a group noun)
    "shared_content",  # log(1 + distinct content words the two quotes share)
    "long_run",        # a shared run of LONG_RUN+ words: a re-quote, whatever the gap
    "gap_short",       # gap_days when the shorter quote has SHORT_WORDS words or fewer
    "days_short",      # phrase_days when the shorter quote has SHORT_WORDS words or fewer
)
LONG_RUN = 8  # (grouping's ``requote_run``)
SHORT_WORDS = 6  # (grouping's ``short_len``)

SCORED_FILE = Path(__file__).with_name("pair_scored.json")


def scored_features(a: PairSide, b: PairSide, stats: PhraseStats | None, family: str | None,
                    relation: int = 0) -> list[float]:
    """The SCORED_FEATURES of one pair, in order (``pair_features`` and two more)."""
    content_a = {k for k in a.keys if k not in STOPWORDS}
    content_b = {k for k in b.keys if k not in STOPWORDS}
    x = pair_features(a, b, stats, family, relation)
    short = min(len(a.keys), len(b.keys)) <= SHORT_WORDS
    at = {name: x[i] for i, name in enumerate(FEATURES)}
    return x + [
        float(a.unsure or b.unsure),
        math.log1p(len(content_a & content_b)),
        float(at["longest_run"] >= math.log1p(LONG_RUN)),
        at["gap_days"] if short else 0.0,
        at["phrase_days"] if short else 0.0,
    ]


@lru_cache(maxsize=1)
def shipped_scored() -> PairModel:
    """The scored decision's model in ``pair_scored.json`` (``training/train_pair_scored.py``)."""
    return model_from(json.loads(SCORED_FILE.read_text(encoding="utf-8")), SCORED_FEATURES)
