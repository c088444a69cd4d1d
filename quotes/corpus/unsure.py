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

from collections import defaultdict
from dataclasses import dataclass, field

GUESSED_METHODS = frozenset({"salience_guess"})  # attribution rules that found no evidence
GROUP_SUFFIX = ":group"  # the speaker is a group noun / common noun phrase, not a name


def is_unsure(method: str | None) -> bool:
    """Whether the attribution rule ``method`` leaves the speaker unsure (see module doc)."""
    return bool(method) and (method in GUESSED_METHODS or method.endswith(GROUP_SUFFIX))


@dataclass
class UnsureLinks:
    """The 4-grams of the unsure quotes, and which families' quotes share them."""

    family_of: dict[str, str] = field(default_factory=dict)  # unsure quote id -> its family
    grams: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # 4-gram -> quote ids
    home: set[str] = field(default_factory=set)  # unsure quotes matched in their own family
    others: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # quote -> other families

    def add(self, qid: str, family: str, grams: set[str]) -> None:
        self.family_of[qid] = family
        for gram in grams:
            self.grams[gram].append(qid)

    def look_up(self, qid: str, family: str, grams: set[str], sure: bool) -> None:
        """Record which unsure quotes share a 4-gram with the quote ``qid`` of ``family``."""
        for gram in grams:
            for other in self.grams.get(gram, ()):
                if other == qid:
                    continue
                if self.family_of[other] == family:
                    self.home.add(other)
                elif sure:
                    self.others[other].add(family)

    def moved_to(self, qid: str) -> str | None:
        """The family an unsure quote is grouped with instead of its own, or None."""
        fams = self.others.get(qid)
        if qid in self.home or not fams or len(fams) != 1:
            return None
        return next(iter(fams))


def restore_speakers(utterances, home_speaker: dict[str, str]) -> None:
    """An utterance made of one moved unsure quote alone keeps that quote's own speaker."""
    for u in utterances:
        if u.speaker_id is None and len(u.quote_ids) == 1 and u.quote_ids[0] in home_speaker:
            u.speaker_id = home_speaker[u.quote_ids[0]]
