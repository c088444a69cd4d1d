"""Quotes whose speaker is unsure: they may join another speaker family's utterance.

Grouping compares one speaker family's quotes only (``corpus.families``), so a quote the
extractor gave to the wrong speaker, or to a junk one ("the spot", "the much larger
general-election audience", a name guessed from the article), can never join the utterance
it reports. An *unsure* quote is one whose attribution rule found no evidence tying the
speaker to the quote, read from the stored ``method`` (which rule decided the speaker), not
from the calibrated confidence, so a recalibration does not move it:

- ``salience_guess``: no attribution found; the article's most salient person was guessed;
- ``...:group``: the speaker is a group noun or a common noun phrase ("officials", "the
  spot", "promise"), not a named person or organisation.

(Their calibrated confidences are low anyway: medians 0.22 and 0.003 on PolNeAR train+dev.)

The second pass, decided when the corpus is cut into units, before any grouping: an unsure
quote whose own family holds no other quote sharing a word 4-gram with it
(``families.link_grams``), and whose 4-grams are found in the *sure* quotes of exactly one
other family (two of them at least, ``MOVE_GRAMS``: a shared run of five words or two runs,
or all of them: one 4-gram such as "was a big mistake" inside a longer quote is a common
phrase, not one act of speaking; a four-word quote printed whole is a cut), is moved to that family's unit and grouped there as a quote without speaker:
it joins a named utterance only on the certain match speakerless quotes need (a shared run
or contained cut of 4+ words, containment or 80 % of its words in shared runs, one speaker's
utterances fitting, within the date rules). Left alone there, its utterance keeps the
quote's own speaker (``restore_speakers``). An unsure quote with a match at home, or in no
other family, or in several, stays in its family with its speaker.

A *stock* 4-gram, one the sure quotes of two families or more hold ("president of the united",
"i want to tell"), is evidence of no speaker: it is passed over both ways, as neither a home
match nor another family's match (``is_stock``). So a guessed name on a convention line that
ends "to serve as president of the United States of America" still goes to the one family
whose sure quotes print the rest of the line; a quote whose 4-grams are all stock stays home.
(Before stop 31 one stock gram kept the quote home: its words' best evidence was ignored.)

Only sure quotes count as another family's evidence: two unsure quotes of two families
sharing words would otherwise swap units.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

GUESSED_METHODS = frozenset({"salience_guess"})  # attribution rules that found no evidence
GROUP_SUFFIX = ":group"  # the speaker is a group noun / common noun phrase, not a name
MOVE_GRAMS = 2  # an unsure quote moves on this many 4-grams of another family's (a run of 5+ words)


def is_unsure(method: str | None) -> bool:
    """Whether the attribution rule ``method`` leaves the speaker unsure (see module doc)."""
    return bool(method) and (method in GUESSED_METHODS or method.endswith(GROUP_SUFFIX))


@dataclass
class UnsureLinks:
    """The 4-grams of the unsure quotes, and what the decision (``moved_to``) reads of the
    families holding them: how many quotes of each unsure quote's *own* family hold a gram
    (0, 1 or 2: the quote itself and another), and up to three families whose sure quotes
    hold it. Other families' counts are never read, so none is kept: the state is bounded by
    the unsure quotes, not by how many families print their words. Each gram is one string
    (``sys.intern``), shared by every quote and table holding it."""

    family_of: dict[str, str] = field(default_factory=dict)  # unsure quote id -> its family
    grams_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # unsure quote id -> its 4-grams
    # 4-gram -> [own family, quotes of it holding the gram, own family, ...]: the families owning
    # an unsure quote with the gram, in pairs (a short list takes half the memory of a dict)
    held: dict[str, list] = field(default_factory=dict)
    sure: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 4-gram -> families whose sure quotes hold it
    stock: set[str] = field(default_factory=set)  # 4-grams known only as held by sure quotes of 2+ families

    def add(self, qid: str, family: str, grams: set[str]) -> None:
        family = sys.intern(family)  # (one string per family, not per quote)
        self.family_of[qid] = family
        self.grams_of[qid] = tuple(map(sys.intern, grams))
        for gram in self.grams_of[qid]:
            pairs = self.held.setdefault(gram, [])
            if family not in pairs:
                pairs += (family, 0)

    def look_up(self, family: str, grams: Iterable[str], sure: bool) -> None:
        """Count one named quote of ``family`` (every one, the unsure ones too, is looked up
        once) in the unsure quotes' 4-grams it holds."""
        for gram in grams:
            pairs = self.held.get(gram)
            if pairs is None:
                continue
            if family in pairs:  # a family owning an unsure quote with this gram
                at = pairs.index(family) + 1
                pairs[at] = min(2, pairs[at] + 1)
            if sure:
                self._sure(gram, family)

    def held_by(self, gram: str, rows: list[tuple[str | None, int, bool]]) -> None:
        """Record the named quotes holding ``gram`` as (family, how many of its quotes hold it
        up to 2, whether a sure one does) rows (``families.cut_of_holders``): what ``look_up``
        records once every named quote is looked up. Family None: sure quotes of two families
        or more hold it: a stock gram, passed over (``is_stock``)."""
        pairs = self.held.get(gram)
        if pairs is None:
            return
        for family, n, sure in rows:
            if family is None:
                self.stock.add(sys.intern(gram))
                continue
            if family in pairs:
                at = pairs.index(family) + 1
                pairs[at] = max(pairs[at], min(2, n))
            if sure:
                self._sure(gram, family)

    def _sure(self, gram: str, family: str) -> None:
        """Record that a sure quote of ``family`` holds ``gram``."""
        found = self.sure.get(gram, ())
        if len(found) < 3 and family not in found:  # more than two: ambiguous anyway
            self.sure[sys.intern(gram)] = found + (sys.intern(family),)  # (the key: ``held``'s string)

    def moved_to(self, qid: str) -> str | None:
        """The family an unsure quote is grouped with instead of its own, or None: the one
        other family holding its words, in ``MOVE_GRAMS`` of its 4-grams or more, or in all
        of them (a cut of four words printed whole)."""
        others = self._others(qid)
        if others is None or len(others) != 1:
            return None
        family, n = next(iter(others.items()))
        return family if n >= min(MOVE_GRAMS, len(self.grams_of[qid])) else None

    def is_stock(self, gram: str) -> bool:
        """Whether the sure quotes of two families or more hold ``gram``: a stock phrase
        ("of the united states", "i think we need"), evidence of no speaker, so it is passed
        over (``_others``)."""
        return gram in self.stock or len(self.sure.get(gram, ())) >= 2

    def settled(self, qid: str) -> bool:
        """Whether the quote stays home whatever named quotes are added: every one of its
        grams is a stock phrase (``is_stock``), and a gram once stock stays stock as quotes
        are added (``store.cut_state`` keeps such quotes and never looks them up again). Any
        other decision may change with a new quote: a home match or another family's match
        is passed over once its gram turns stock."""
        return all(self.is_stock(g) for g in self.grams_of[qid])

    def _others(self, qid: str) -> dict[str, int] | None:
        """The other families whose sure quotes hold the quote's grams, each with how many of
        them it holds, or None when its own family holds another quote sharing one of them;
        stock grams (``is_stock``) are passed over both ways (a gram left is held by the sure
        quotes of one family at most)."""
        own = self.family_of[qid]
        others: dict[str, int] = {}
        for gram in self.grams_of[qid]:
            if self.is_stock(gram):
                continue
            pairs = self.held[gram]
            if pairs[pairs.index(own) + 1] >= 2:  # the quote itself and another of its family
                return None
            for f in self.sure.get(gram, ()):
                if f != own:
                    others[f] = others.get(f, 0) + 1
        return others


def restore_speakers(utterances, home_speaker: dict[str, str]) -> None:
    """An utterance made of one moved unsure quote alone keeps that quote's own speaker."""
    for u in utterances:
        if u.speaker_id is None and len(u.quote_ids) == 1 and u.quote_ids[0] in home_speaker:
            u.speaker_id = home_speaker[u.quote_ids[0]]
