"""Which place of a transcript a few printed words come from: the article's words around them.

A quote of one to three words ("a disaster", "puppet") cannot pick its passage by its own
words: the speaker says them in many places. The article around it often paraphrases the
passage ("called the deal 'a disaster'"): the transcript's words near the right place hold
the article's words ("deal"). ``ContextScore`` weighs each content word the article prints
around a quote (its sentence and its neighbours: ``article_words``) by how rare it is in the
speaker's sources (inverse document frequency over sources: "great", said in every speech,
weighs nothing; "Iran" weighs much), and scores a place by the weights of the article's
words found within ``around`` words of it (``score``). ``pick`` keeps the best place when
it scores at least ``least`` and beats the next place by ``margin``: the figures are fitted
on the tune labels of ``benchmarks/source_recall_labels.jsonl`` (docs/sources.md).
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from quotes.corpus.textnorm import STOPWORDS, units

AROUND = 120  # words of the transcript each side of a place (about a minute of speech), read for the article's words
LEAST = 15.0  # the score a place needs: the idf of some five words said in a tenth of the sources
MARGIN = 8.0  # and its lead over the next place (another place said it with other words)


def stem(key: str) -> str:
    """A key without a plural -s ("palestinians", "palestinian"): an outlet's inflection of
    a word the speaker said."""
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def content_keys(text: str) -> list[str]:
    """The stemmed content words of a text (no stopwords, no [bracketed] editor's words)."""
    return [stem(u.key) for u in units(text) if not u.bracket and u.key not in STOPWORDS and u.key.isalpha()]


def article_words(context: str | None, at: int, end: int) -> set[str]:
    """The content words the article prints around a quote (``context``: its words before
    and after it, the quote at ``at``:``end``), without the quote's own words."""
    if not context:
        return set()
    own = set(content_keys(context[at:end]))
    return set(content_keys(context[:at]) + content_keys(context[end:])) - own


@dataclass
class ContextScore:
    """Weights of words by how rare they are in one speaker's sources (``add`` each source's
    words, then ``weight``)."""

    sources: int = 0
    df: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, keys: set[str]) -> None:
        self.sources += 1
        for k in keys:
            self.df[k] += 1

    def weight(self, key: str) -> float:
        n = self.df.get(key, 0)
        return math.log(self.sources / n) if n else 0.0

    def score(self, words: set[str], window: list[str]) -> float:
        """The weights of the article's ``words`` found in ``window`` (a place's stemmed keys)."""
        return sum(self.weight(k) for k in words.intersection(window))

    def pick(self, scores: list[float], least: float = LEAST, margin: float = MARGIN) -> int | None:
        """The index of the place the article's words point to, or None."""
        if not scores:
            return None
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        best = scores[order[0]]
        second = scores[order[1]] if len(order) > 1 else 0.0
        return order[0] if best >= least and best - second >= margin else None
