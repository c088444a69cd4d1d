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
other family, is moved to that family's unit and grouped there as a quote without speaker:
it joins a named utterance only on the certain match speakerless quotes need (a shared run
or contained cut of 4+ words, containment or 80 % of its words in shared runs, one speaker's
utterances fitting, within the date rules). Left alone there, its utterance keeps the
quote's own speaker (``restore_speakers``). An unsure quote with a match at home, or in no
other family, or in several, stays in its family with its speaker.

Only sure quotes count as another family's evidence: two unsure quotes of two families
sharing words would otherwise swap units.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

GUESSED_METHODS = frozenset({"salience_guess"})  # attribution rules that found no evidence
GROUP_SUFFIX = ":group"  # the speaker is a group noun / common noun phrase, not a name


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
        or more hold it, so every unsure quote holding it stays home (a home match, or two
        other families)."""
        pairs = self.held.get(gram)
        if pairs is None:
            return
        for family, n, sure in rows:
            if family is None:
                pairs[1::2] = [2] * (len(pairs) // 2)
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
        """The family an unsure quote is grouped with instead of its own, or None."""
        others = self._others(qid)
        return next(iter(others)) if others is not None and len(others) == 1 else None

    def settled(self, qid: str) -> bool:
        """Whether the quote stays home whatever named quotes are added: its family holds
        another quote sharing a gram with it, or sure quotes of two other families hold its
        grams. Counts and families only grow as quotes are added, so neither ever undoes
        (``store.cut_state`` keeps such quotes and never looks them up again); a quote moved,
        or home for want of any other family, may change with a new quote sharing a gram."""
        others = self._others(qid)
        return others is None or len(others) >= 2

    def _others(self, qid: str) -> set[str] | None:
        """The other families whose sure quotes hold the quote's grams (up to three per
        gram), or None when its own family holds another quote sharing one of them."""
        own = self.family_of[qid]
        others: set[str] = set()
        for gram in self.grams_of[qid]:
            pairs = self.held[gram]
            if pairs[pairs.index(own) + 1] >= 2:  # the quote itself and another of its family
                return None
            others.update(f for f in self.sure.get(gram, ()) if f != own)
        return others


def restore_speakers(utterances, home_speaker: dict[str, str]) -> None:
    """An utterance made of one moved unsure quote alone keeps that quote's own speaker."""
    for u in utterances:
        if u.speaker_id is None and len(u.quote_ids) == 1 and u.quote_ids[0] in home_speaker:
            u.speaker_id = home_speaker[u.quote_ids[0]]
