"""The corpus step cut into independent units: speaker families.

Grouping only ever joins quotes of one speaker or of speakers sharing a surname (an alias:
"Obama" and "Barack Obama"; ``grouping.alias_family``), so the quotes of a *family* (the
named quotes whose speakers share a surname key) are grouped on their own: a ``Unit``.
Quotes without speaker are a second pass, decided here before any grouping:

1. Speakerless quotes that share a *link gram* are one component: a word 4-gram (of the
   printed words' keys, ``link_keys``) with a content word (a speakerless quote joins anything only through a shared run of 4+ words),
   or the 3 words of a 3-word quote (which joins only what contains it). A gram held by
   more than ``max_posting`` quotes ties none of them (it is a stock phrase; the grouping
   drops such shingles too).
2. Every family's quotes are looked up in the components' 4-grams (the families' n-gram
   index, one pass over the named quotes). A component whose 4-grams are found in exactly
   one family joins that family's unit: only that speaker's utterances can fit. A component
   found in none, or in several (ambiguous: it stays with the speakerless quotes, as the
   grouping keeps such quotes apart from named utterances), is a unit of its own.
3. A named quote whose speaker is *unsure* (``corpus.unsure``: a guessed name, a group noun)
   goes the same way when its own family holds no quote sharing a 4-gram with it: found in
   the sure quotes of exactly one other family, it is grouped in that family's unit as a
   quote without speaker (a 4-gram the sure quotes of two families hold is stock, and
   passed over both ways: ``UnsureLinks.is_stock``). This second pass is the only step that crosses families; a unit's
   grouping still reads its own quotes only.

Each unit is then one ``group_utterances`` call over its quotes only (``group_units``):
the same units give the same utterances whichever process, machine or order groups them,
and a unit whose quotes (ids, speakers and speaker names: ``unit_signature``) have not
changed since the last build keeps its utterances, so an incremental build regroups only
the units that changed and still equals a full one.

Memory is set by the largest unit, not the corpus: about 2.8 KB per quote grouped, its
quotes included (a family of 498,556 quotes took 1.4 GB in one task, measured; 1,000,000
about 2.8 GB; docs/scale.md).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from quotes.corpus.grouping import GroupingOptions, QuoteRef, UtteranceIndex, alias_family, group_utterances
from quotes.corpus.textnorm import content_gram_starts, fold_word
from quotes.corpus.unsure import UnsureLinks, restore_speakers

LINK_GRAM = 4  # a speakerless quote joins anything only through a shared run of this many words
FREE = "free:"  # prefix of the units of speakerless quotes that joined no family
MANY = None  # the family of a ``cut_of_holders`` row: sure quotes of two families or more hold the gram
HOME = "home:"  # a moved unsure quote's signature line: its own speaker (``signature_line``)
AMBIGUOUS = frozenset({FREE + "1", FREE + "2"})  # a component's families once two or more hold its grams


def family_key(speaker_id: str, name: str | None) -> str:
    """The unit of a named quote: its speaker's surname key (``alias_family``, the key the
    grouping compares for aliases and catchphrases), or the speaker id for a speaker
    without a name."""
    return "family:" + alias_family(name) if name else "speaker:" + speaker_id


def link_keys(text: str) -> tuple[str, ...]:
    """The words the links compare: each printed word's key (``textnorm.fold_word``: case,
    accents, punctuation, curly marks). Cheaper than ``textnorm.units`` (no contraction
    pairs, brackets kept): every named quote of the corpus is looked up once per build."""
    return tuple(k for k in map(fold_word, text.split()) if k)


def link_grams(keys: tuple[str, ...], n: int = LINK_GRAM) -> set[str]:
    """The word ``n``-grams of ``keys`` that hold a content word (as joined strings)."""
    return {" ".join(keys[i:i + n]) for i in content_gram_starts(keys, n)}


def quote_grams(text: str) -> set[str]:
    """A quote's linking 4-grams (``link_grams`` of its ``link_keys``)."""
    return link_grams(link_keys(text))


def gram_hash(gram: str) -> int:
    """A 4-gram as a signed 64-bit integer (the kept gram table's key, ``store.cut_state``):
    the first 8 bytes of its BLAKE2b digest. At 10 million distinct grams the chance that
    any two of them share a hash is about 3 in a million."""
    return gram_hashes((gram,))[0]


def gram_hashes(grams: Iterable[str]) -> list[int]:
    """``gram_hash`` of each of ``grams`` (one call for a quote's grams: the full step's cut
    hashes every named quote's)."""
    return [_from_bytes(_blake2b(g.encode("utf-8"), digest_size=8).digest(), "big", signed=True) for g in grams]


_blake2b, _from_bytes = hashlib.blake2b, int.from_bytes


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))  # the smallest id is the root: order does not matter
            self.parent[hi] = lo


@dataclass
class SpeakerlessLinks:
    """The components of the speakerless quotes and the 4-grams that may tie them to a family.

    A gram's components are visited at most twice, whatever the corpus: by the first family
    holding it, and by a second one, after which every component holding it has two families
    (ambiguous: ``unit_of_component`` reads no more) and the gram is dropped. (A stock phrase
    of many components, looked up by every named quote holding it, used to cost components x
    quotes.)"""

    component_of: dict[str, str]  # quote id -> component id (its smallest quote id)
    grams: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 4-gram -> components holding it
    families: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # component -> families
    # 4-grams one family has looked up so far: gram -> (that family, the components holding it)
    once: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    def look_up_grams(self, family: str, grams: Iterable[str]) -> None:
        """Record the components that share a 4-gram (``link_grams``) with one quote of ``family``."""
        for gram in grams:
            comps = self.grams.pop(gram, None)
            if comps is not None:  # the first family holding the gram
                self._add(comps, family)
                self.once[gram] = (family, comps)
                continue
            first = self.once.get(gram)
            if first is not None and first[0] != family:  # a second one: every component has two now
                self._add(first[1], family)
                del self.once[gram]

    def _add(self, comps: tuple[str, ...], family: str) -> None:
        for comp in comps:
            found = self.families[comp]
            if len(found) < 2:  # (two is ambiguous already: ``unit_of_component`` needs no more)
                found.add(family)

    def held_by(self, gram: str, rows: list[tuple[str | None, int, bool]]) -> None:
        """Record the families whose named quotes hold ``gram`` (``holders`` rows, see
        ``cut_of_holders``): what ``look_up_grams`` records once every named quote is looked up."""
        comps = self.grams.get(gram, ())
        for family, _, _ in rows:
            for comp in comps:
                if family is MANY:  # (sure quotes of two families: ambiguous whatever else holds it)
                    self.families[comp] = AMBIGUOUS
                else:
                    self._add((comp,), family)

    def unit_of_component(self, comp: str) -> str:
        fams = self.families.get(comp, set())
        return next(iter(fams)) if len(fams) == 1 else FREE + comp


def speakerless_links(texts: Iterable[tuple[str, str]], max_posting: int | None = None) -> SpeakerlessLinks:
    """Components of the speakerless quotes ``texts`` ((quote id, text)), see module doc."""
    limit = max_posting if max_posting is not None else GroupingOptions().max_posting
    grams_of: dict[str, set[str]] = {}
    whole3: set[str] = set()
    keys_of: dict[str, tuple[str, ...]] = {}
    for qid, text in texts:
        keys = link_keys(text)
        keys_of[qid] = keys
        grams_of[qid] = link_grams(keys)
        if len(keys) == 3 and link_grams(keys, 3):
            whole3.add(" ".join(keys))
    posting: dict[str, list[str]] = defaultdict(list)
    for qid in sorted(grams_of):
        held = set(grams_of[qid])
        if whole3:
            held |= link_grams(keys_of[qid], 3) & whole3
        for gram in held:
            posting[gram].append(qid)
    uf = _UnionFind()
    for qids in posting.values():
        if 1 < len(qids) <= limit:
            for other in qids[1:]:
                uf.union(qids[0], other)
    del posting  # (the unions are made)
    links = SpeakerlessLinks({qid: uf.find(qid) for qid in sorted(grams_of)})
    held: dict[str, set[str]] = {}
    for qid in list(grams_of):
        for gram in grams_of.pop(qid):
            held.setdefault(gram, set()).add(links.component_of[qid])
    for gram, comps in held.items():  # (a tuple of one takes 48 bytes, a set 216: millions of grams)
        held[gram] = tuple(comps)
    links.grams = held
    return links


def unit_signature(refs: Iterable[tuple[str, str | None, str | None]]) -> str:
    """What a unit's grouping depends on besides the quotes' own (immutable) fields: its
    quote ids with their speaker ids and speaker names (a moved unsure quote: ``signature_line``)."""
    return sorted_signature(sorted(refs, key=lambda r: r[0]))[0]


def signature_line(qid: str, speaker_id: str | None, name: str | None,
                   moved: bool) -> tuple[str, str | None, str | None]:
    """A quote's line in its unit's signature: (id, speaker id, speaker name); a moved unsure
    quote is grouped without its speaker, but its utterance, when it stays alone, keeps that
    speaker (``unsure.restore_speakers``): its line holds the speaker id after ``HOME``, in the
    name's place (no named quote's line has an empty speaker)."""
    return (qid, None, HOME + speaker_id) if moved else (qid, speaker_id, name if speaker_id else None)


def sorted_signature(refs: Iterable[tuple[str, str | None, str | None]]) -> tuple[str, int]:
    """(``unit_signature``, number of quotes) of refs already in quote id order, streamed:
    ``model.text_hash`` of the lines, without making the text (a giant family's is tens of
    megabytes). Stored signatures stay valid: the hash is the same."""
    digest, n = hashlib.sha256(), 0
    for q, s, name in refs:
        digest.update(f"{chr(10) if n else ''}{q}\t{s or ''}\t{name or ''}".encode("utf-8"))
        n += 1
    return digest.hexdigest()[:16], n


def plan_tasks(sizes: dict[str, int], workers: int, per_worker: int = 4, floor: int = 2_000,
               cap: int = 50_000) -> list[list[str]]:
    """Units batched into tasks of similar size (quotes): largest units first (a giant family
    is a task of its own), the rest packed until a task holds about total / (workers x
    ``per_worker``) quotes (at least ``floor``, at most ``cap``: a worker holds one task and
    the client reads up to two per worker ahead, so tasks stay small whatever the corpus).
    Deterministic: ties by unit id."""
    order = sorted(sizes, key=lambda u: (-sizes[u], u))
    target = min(cap, max(floor, sum(sizes.values()) // max(1, workers * per_worker)))
    tasks: list[list[str]] = []
    current: list[str] = []
    filled = 0
    for unit in order:
        current.append(unit)
        filled += sizes[unit]
        if filled >= target:
            tasks.append(current)
            current, filled = [], 0
    if current:
        tasks.append(current)
    return tasks


def group_units(units_refs: list[list[QuoteRef]], options: GroupingOptions | None = None,
                with_diffs: bool = True) -> UtteranceIndex:
    """Group each unit on its own (one task; runs in any process) and put the results together."""
    utterances, variants, utterance_of = [], [], {}
    for refs in units_refs:
        idx = group_utterances(refs, options, with_diffs=with_diffs)
        utterances += idx.utterances
        variants += idx.variants
        utterance_of.update(idx.utterance_of)
    restore_speakers(utterances, {r.quote_id: r.home_speaker for refs in units_refs for r in refs if r.home_speaker})
    return UtteranceIndex(utterances, variants, utterance_of)


def units_of(refs: list[QuoteRef]) -> dict[str, list[QuoteRef]]:
    """The quotes held in memory cut into units (unit id -> its quotes), see module doc."""
    family = {r.quote_id: family_key(r.speaker_id, r.speaker_name) for r in refs if r.speaker_id}
    cut = cut_links(((r.quote_id, r.text) for r in refs if not r.speaker_id),
                    ((r.quote_id, family[r.quote_id], r.text) for r in refs if r.speaker_id and r.unsure),
                    ((r.quote_id, family[r.quote_id], r.text, r.unsure) for r in refs if r.speaker_id))
    out: dict[str, list[QuoteRef]] = defaultdict(list)
    for r in refs:
        if r.speaker_id:
            unit, moved = cut.unit_of_named(r.quote_id, family[r.quote_id], r.unsure)
            if moved:  # grouped there as a quote without speaker (``corpus.unsure``)
                r = replace(r, speaker_id=None, speaker_name=None, home_speaker=r.speaker_id)
            out[unit].append(r)
    for r in refs:
        if not r.speaker_id:
            out[cut.unit_of_speakerless(r.quote_id)].append(r)
    return dict(out)


@dataclass
class Cut:
    """Where the look-ups put each quote (see module doc, steps 1-3)."""

    links: SpeakerlessLinks
    unsure: UnsureLinks

    def unit_of_named(self, qid: str, family: str, unsure: bool) -> tuple[str, bool]:
        """(the unit of a named quote of ``family``, whether it is grouped there without
        speaker: an unsure quote moved to another family, ``corpus.unsure``)."""
        to = self.unsure.moved_to(qid) if unsure else None
        return (to, True) if to else (family, False)

    def unit_of_speakerless(self, qid: str) -> str:
        return self.links.unit_of_component(self.links.component_of[qid])


def _to_look_up(speakerless: Iterable[tuple[str, str]],
                unsure_quotes: Iterable[tuple[str, str, str]]) -> tuple[SpeakerlessLinks, UnsureLinks]:
    """What the cut looks up in the named quotes (``cut_links``, ``cut_of_holders``): the
    speakerless quotes' components and the unsure quotes' grams."""
    links = speakerless_links(speakerless)
    unsure = UnsureLinks()
    for qid, family, text in unsure_quotes:
        unsure.add(qid, family, quote_grams(text))
    return links, unsure


def cut_links(speakerless: Iterable[tuple[str, str]], unsure_quotes: Iterable[tuple[str, str, str]],
              named: Iterable[tuple[str, str, str, bool]]) -> Cut:
    """The look-ups that cut a corpus into units, for quotes in memory and in SQLite alike.

    ``speakerless``: (quote id, text) of the quotes without speaker; ``unsure_quotes``:
    (quote id, family, text) of the named unsure quotes; ``named``: (quote id, family, text,
    unsure) of every named quote, in any order, read (once) only when there is something to
    look up."""
    links, unsure = _to_look_up(speakerless, unsure_quotes)
    if links.grams or unsure.held:
        for qid, family, text, is_unsure in named:
            grams = unsure.grams_of.get(qid) or quote_grams(text)  # (an unsure quote's: made above)
            links.look_up_grams(family, grams)
            unsure.look_up(family, grams, sure=not is_unsure)
    return Cut(links, unsure)


def cut_of_holders(speakerless: Iterable[tuple[str, str]], unsure_quotes: Iterable[tuple[str, str, str]],
                   holders_of) -> Cut:
    """The cut ``cut_links`` makes, from what is kept of the named quotes holding each 4-gram
    instead of a pass over them: ``holders_of(grams)`` gives (gram, rows) for the 4-grams
    held by any named quote, each row (family, how many of its quotes hold the gram up to 2,
    whether a sure one does), or the one row (``MANY``, 2, True) when sure quotes of two
    families or more hold it. That is all the decisions read: a speakerless component with
    such a gram has two families (free), and an unsure quote passes over such a gram (a stock
    phrase: ``UnsureLinks.is_stock``)."""
    links, unsure = _to_look_up(speakerless, unsure_quotes)
    wanted = set(links.grams) | set(unsure.held)
    for gram, rows in (holders_of(wanted) if wanted else ()):
        links.held_by(gram, rows)
        unsure.held_by(gram, rows)
    return Cut(links, unsure)


def group_by_units(refs: list[QuoteRef], options: GroupingOptions | None = None,
                   with_diffs: bool = True) -> UtteranceIndex:
    """The utterances of quotes held in memory: every unit grouped on its own, in one process."""
    cut = units_of(refs)
    return group_units([cut[u] for u in sorted(cut)], options, with_diffs)
