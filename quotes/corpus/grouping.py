"""Utterances: quotes in different articles that report the same act of speaking.

``group_utterances(quotes)`` takes ``QuoteRef``s (quote id, article, outlet, speaker id,
text, date) and returns an ``UtteranceIndex``: the utterances, one ``Variant`` per quote
(its relation to the utterance's reference quote, a 0-1 similarity and a word diff), and
``utterance_of`` (quote id -> utterance id). ``group_labels`` gives the FORMAT.md ``group``
values (only utterances quoted in at least two articles). docs/grouping.md tells the whole
story; in short:

1. Quotes of one speaker whose words are equal after normalisation (``textnorm``, plus
   possessives folded: ``pair_features.match_keys``) and dated within ``max_span_days``
   form one node.
2. Nodes are placed longest first; the first node of an utterance is its *leader* (the
   fullest report). Candidates come from an inverted index of word 3-grams (MemeTracker
   style shingles; 3-grams in more than ``max_posting`` utterances dropped) and, for one-
   and two-word quotes, from the members that contain them: never all pairs. Only
   utterances of the same speaker, an alias (same surname) or, for a quote without speaker,
   any speaker are candidates.
3. One scored decision per candidate (``pair_model``: a logistic regression over the named
   features of ``pair_features``, fitted on pairs labelled by reading). A node joins the
   utterance whose leader the decision accepts (``_decide``), so fragments never chain two
   occasions. Two quotes of one article share an utterance only as an echo (one contains
   the other) or as two parts of it (a split quote).

The result depends only on the quotes given and on the phrase statistics of their speaker
families (``PhraseStats``: computed from the quotes, or passed in), so a speaker family can
be grouped alone.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from quotes.lexicon.names import same_person
from quotes.model import text_hash
from quotes.extract.dating import article_day
from quotes.corpus.pair_features import FEATURES, PairSide, PhraseStats, match_keys, pair_features
from quotes.corpus.pair_model import PairModel, shipped
from quotes.corpus.relations import RELATIONS, classify  # noqa: F401  (re-exported)
from quotes.corpus.textnorm import STOPWORDS, collapse_space, fold_word, units
from quotes.corpus.worddiff import Diff, diff_units


@dataclass
class QuoteRef:
    """One quote as the grouping sees it."""

    quote_id: str
    article_id: str
    outlet: str | None
    speaker_id: str | None
    text: str
    published: str | None = None  # ISO date or datetime; None when unknown
    speaker_name: str | None = None  # the speaker's name, to recognise an alias id
    said_from: str | None = None  # when it was said, as its attribution tells (quotes.extract.dating)
    said_to: str | None = None  # ISO dates; None: not told (said_to then defaults to published)


@dataclass
class Utterance:
    id: str
    speaker_id: str | None
    reference_quote_id: str
    text: str
    n_quotes: int
    n_articles: int
    n_outlets: int
    quote_ids: list[str] = field(default_factory=list)


@dataclass
class Variant:
    quote_id: str
    utterance_id: str
    reference_quote_id: str
    relation: str
    similarity: float
    diff: Diff


@dataclass
class UtteranceIndex:
    utterances: list[Utterance]
    variants: list[Variant]
    utterance_of: dict[str, str]


@dataclass
class GroupingOptions:
    gram: int = 3  # shingle length in words
    max_posting: int = 40  # a shingle in more utterances than this is too common
    max_candidates: int = 4  # utterances judged per node, best by shared shingles
    max_span_days: int = 7  # identical quotes this close form one node
    short_span_days: int = 2  # ... a stock phrase of one content word ("of course") this close
    max_members_checked: int = 40  # member texts tried for containment per candidate
    model: PairModel | None = None  # the pair decision (None: the shipped pair_model.json)
    threshold: float | None = None  # its threshold (None: the model's own)
    member_threshold: float | None = None  # a join through a member, not the leader (None: the model's)


# --- nodes and clusters --------------------------------------------------------------

@dataclass
class _Node:
    keys: tuple[str, ...]
    kstr: str
    speaker: str | None
    members: list[int]  # quote indexes
    dmin: int | None
    dmax: int | None
    said: tuple[int | None, int | None] = (None, None)  # occasion interval (see _said)
    cluster: int = -1
    via: int = -1  # node it was matched against (leader or containing member)
    score: float = 1.0  # how well it matched (1.0 for leaders and containment)


@dataclass
class _Cluster:
    speaker: str | None
    leader: int
    nodes: list[int]
    dmin: int | None
    dmax: int | None
    said: tuple[int | None, int | None] = (None, None)  # occasion interval (see _said)
    articles: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    aliases: set[str] = field(default_factory=set)  # other speaker ids joined as aliases


def _day(published: str | None) -> int | None:
    d = article_day(published)
    return d.toordinal() if d else None


def _span_ok(amin, amax, bmin, bmax, span: int, gap: int | None = None) -> bool:
    """Dates compatible: the joined span within ``span`` days and, when ``gap`` is given,
    the two ranges at most ``gap`` days apart. Unknown dates are compatible."""
    if amin is None or bmin is None:
        return True
    if gap is not None and max(0, amin - bmax, bmin - amax) > gap:
        return False
    return max(amax, bmax) - min(amin, bmin) <= span


def _said(ref: QuoteRef) -> tuple[int | None, int | None]:
    """The days a quote may have been said on: its attribution's interval
    (``quotes.extract.dating``), else up to its article's date (nobody prints words not yet said)."""
    lo = _day(ref.said_from)
    hi = _day(ref.said_to) if ref.said_to else _day(ref.published)
    return lo, hi


def _said_meet(a: tuple[int | None, int | None], b: tuple[int | None, int | None]
               ) -> tuple[int | None, int | None]:
    """The intersection of two occasion intervals (None: unbounded)."""
    los = [x for x in (a[0], b[0]) if x is not None]
    his = [x for x in (a[1], b[1]) if x is not None]
    return (max(los) if los else None, min(his) if his else None)


def _said_ok(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """One occasion possible: the intervals overlap. (``quotes.extract.dating`` widens "today"
    by a day: an article's date and the speaker's day may differ by a time zone.)"""
    lo, hi = _said_meet(a, b)
    return lo is None or hi is None or lo <= hi


NARROW_SAID_DAYS = 10  # an attribution's days this few may stand for the article's date


def _said_near(said: tuple[int | None, int | None], dmin: int | None, days: int) -> bool:
    """A quote dated by its attribution to a few days ("he said last week") that end at most
    ``days`` before an utterance's first article and start no later than it: the date
    rules judge it by those days, not by its own article's date."""
    lo, hi = said
    return (lo is not None and hi is not None and dmin is not None
            and hi - lo <= NARROW_SAID_DAYS and lo <= dmin <= hi + days)


def _blocks(a: tuple[str, ...], b: tuple[str, ...]):
    """Equal runs of an LCS alignment: (a_start, b_start, length)."""
    return [(op.src_start, op.dest_start, op.src_end - op.src_start)
            for op in Indel.opcodes(a, b) if op.tag == "equal"]



class _Grouper:
    def __init__(self, refs: list[QuoteRef], opts: GroupingOptions, stats: PhraseStats | None = None):
        self.refs = refs
        self.o = opts
        self.model = opts.model or shipped()
        self.threshold = self.model.threshold if opts.threshold is None else opts.threshold
        self.member_threshold = (self.model.member_threshold if opts.member_threshold is None
                                 else opts.member_threshold)
        self.units = [units(r.text) for r in refs]
        # Matching ignores an editor's [bracketed] words: nobody said them.
        self.keys = [match_keys(tuple(u.key for u in us if not u.bracket) or tuple(u.key for u in us))
                     for us in self.units]
        self.days = [_day(r.published) for r in refs]
        self.said = [_said(r) for r in refs]
        self.nodes: list[_Node] = []
        self.clusters: list[_Cluster] = []
        self.index: dict[int, object] = {}  # shingle hash -> cluster id | list | None (stop)
        self._windows: dict[tuple[int, int], tuple[int, int]] = {}
        self.names = {r.speaker_id: r.speaker_name for r in refs if r.speaker_id and r.speaker_name}
        self._alias_cache: dict[tuple[str, str], bool] = {}
        self.stats = stats
        self._sides: dict[int, PairSide] = {}
        self._probs: dict[tuple[int, int], float] = {}
        self._gram_cache: dict[int, set[int]] = {}

    def _alias(self, a: str, b: str) -> bool:
        """Two speaker ids whose names may be one person (``quotes.lexicon.names.same_person``:
        "Obama" ~ "Barack Obama", "Rence Priebus" ~ "Reince Priebus"), with the same surname
        of three letters or more."""
        key = (a, b) if a < b else (b, a)
        if key not in self._alias_cache:
            self._alias_cache[key] = alias_names(self.names.get(a), self.names.get(b))
        return self._alias_cache[key]

    def _speaker_rel(self, node: str | None, cid: int) -> int:
        """0: same speaker; 1: an alias (see ``_alias``) of the utterance's speaker and of
        every alias already in it; 2: a quote without speaker and a named utterance;
        -1: incompatible."""
        c = self.clusters[cid]
        if node == c.speaker or (node is not None and node in c.aliases):
            return 0
        if node is None:
            return 2
        if c.speaker is None:
            return -1
        return 1 if all(self._alias(node, s) for s in (c.speaker, *c.aliases)) else -1

    # tier 1 ------------------------------------------------------------------------
    def make_nodes(self) -> None:
        exact: dict[tuple, list[int]] = defaultdict(list)
        for i, r in enumerate(self.refs):
            k = self.keys[i]
            if not k or (len(k) == 1 and r.speaker_id is None):
                exact[("single", r.quote_id)].append(i)
            else:
                exact[(r.speaker_id, k)].append(i)
        for key in sorted(exact, key=repr):
            idxs = sorted(exact[key], key=lambda i: (self.days[i] is None, self.days[i] or 0,
                                                     self.refs[i].quote_id))
            k = self.keys[idxs[0]]
            # a stock phrase of one content word ("of course") said again a week later is
            # another occasion: such identical phrases keep to ``short_span_days``
            span = (self.o.short_span_days if len(k) >= 2 and sum(w not in STOPWORDS for w in k) <= 1
                    else self.o.max_span_days)
            groups: list[list[int]] = []
            saids: list[tuple] = []
            for i in idxs:
                d = self.days[i]
                first = self.days[groups[-1][0]] if groups else None
                if groups and (d is None or first is None or d - first <= span
                               or _said_near(self.said[i], first, span)) and _said_ok(saids[-1], self.said[i]):
                    groups[-1].append(i)
                    saids[-1] = _said_meet(saids[-1], self.said[i])
                else:
                    groups.append([i])
                    saids.append(self.said[i])
            for g, said in zip(groups, saids):
                ds = [self.days[i] for i in g if self.days[i] is not None]
                k = self.keys[g[0]]
                self.nodes.append(_Node(k, " ".join(k), self.refs[g[0]].speaker_id, g,
                                        min(ds) if ds else None, max(ds) if ds else None, said))

    # helpers -----------------------------------------------------------------------
    def _grams(self, keys: tuple[str, ...]) -> set[int]:
        """Hashes of the word 3-grams that hold a content word."""
        g = self.o.gram
        stop = STOPWORDS
        return {hash(keys[i:i + g]) for i in range(len(keys) - g + 1)
                if any(k not in stop for k in keys[i:i + g])}

    def _hits(self, keys: tuple[str, ...]) -> Counter:
        """Utterance id -> shingles it shares with ``keys`` (too-common shingles left out)."""
        hits: Counter = Counter()
        for h in self._grams(keys):
            cur = self.index.get(h)
            if cur is None:
                continue
            hits.update([cur] if isinstance(cur, int) else cur)
        return hits

    def _add_to_index(self, node_id: int) -> None:
        cid = self.nodes[node_id].cluster
        limit = self.o.max_posting
        idx = self.index
        for h in self._grams(self.nodes[node_id].keys):
            cur = idx.get(h, 0)
            if cur == 0 and h not in idx:
                idx[h] = cid
            elif cur is None:
                continue
            elif isinstance(cur, int):
                if cur != cid:
                    idx[h] = [cur, cid]
            elif cid not in cur:
                if len(cur) >= limit:
                    idx[h] = None
                else:
                    cur.append(cid)

    def _new_cluster(self, node_id: int) -> None:
        n = self.nodes[node_id]
        cid = len(self.clusters)
        self.clusters.append(_Cluster(n.speaker, node_id, [], n.dmin, n.dmax, n.said))
        self._join(node_id, cid, node_id)

    def _join(self, node_id: int, cid: int, via: int, score: float = 1.0) -> None:
        n, c = self.nodes[node_id], self.clusters[cid]
        n.cluster, n.via, n.score = cid, via, score
        if n.speaker is not None and n.speaker != c.speaker:
            c.aliases.add(n.speaker)
        c.nodes.append(node_id)
        c.said = _said_meet(c.said, n.said)
        # a node let in by its attribution's days or as an echo does not stretch the dates
        if n.dmin is not None and _span_ok(n.dmin, n.dmax, c.dmin, c.dmax, self.o.max_span_days):
            c.dmin = n.dmin if c.dmin is None else min(c.dmin, n.dmin)
            c.dmax = n.dmax if c.dmax is None else max(c.dmax, n.dmax)
        for a in {self.refs[i].article_id for i in n.members}:
            c.articles[a].append(node_id)
        self._add_to_index(node_id)

    def _window(self, node_id: int, leader: int) -> tuple[int, int]:
        """The part of the leader a node covers (from its runs of 3+, else 2+, else any)."""
        key = (node_id, leader)
        if key not in self._windows:
            if node_id == leader:
                w = (0, len(self.nodes[leader].keys))
            else:
                bl = _blocks(self.nodes[node_id].keys, self.nodes[leader].keys)
                # words matched one by one ("the", "president") place nothing: a split part
                # that shares no run with the leader covers none of it
                core = [b for b in bl if b[2] >= 3] or [b for b in bl if b[2] >= 2]
                w = (min(b[1] for b in core), max(b[1] + b[2] for b in core)) if core else (0, 0)
            self._windows[key] = w
        return self._windows[key]

    def _conflicts(self, node_id: int, cid: int) -> set[int]:
        """Members of the same article that cover the same part of the leader as this
        node without one containing the other (see module doc)."""
        n, c = self.nodes[node_id], self.clusters[cid]
        out = set()
        for a in {self.refs[i].article_id for i in n.members}:
            for m in c.articles.get(a, ()):
                mk = self.nodes[m].kstr
                if f" {n.kstr} " in f" {mk} " or f" {mk} " in f" {n.kstr} ":
                    continue  # an echo: the same words again (headline, lead)
                w1 = self._window(node_id, c.leader)
                w2 = self._window(m, c.leader)
                inter = min(w1[1], w2[1]) - max(w1[0], w2[0])
                if inter > 0.5 * max(1, min(w1[1] - w1[0], w2[1] - w2[0])):
                    out.add(m)
        return out

    def _evict(self, node_id: int) -> None:
        """Take a node out of its utterance (a better match from its article came)."""
        n = self.nodes[node_id]
        c = self.clusters[n.cluster]
        c.nodes.remove(node_id)
        for a in {self.refs[i].article_id for i in n.members}:
            c.articles[a].remove(node_id)
        self._new_cluster(node_id)

    def _contained(self, node_id: int, cid: int) -> int:
        """A member node whose words contain this node's words, or -1."""
        n = self.nodes[node_id]
        needle = f" {n.kstr} "
        for m in self.clusters[cid].nodes[: self.o.max_members_checked]:
            if needle in f" {self.nodes[m].kstr} ":
                return m
        return -1

    # the pair decision ----------------------------------------------------------------
    def _family(self, speaker: str | None) -> str | None:
        """Speakers that may share utterances (``_alias``) share this key: the surname."""
        if speaker is None:
            return None
        name = self.names.get(speaker)
        return alias_family(name) if name else speaker

    def _side(self, node_id: int) -> PairSide:
        side = self._sides.get(node_id)
        if side is None:
            n = self.nodes[node_id]
            side = PairSide(n.keys, n.speaker, n.dmin, n.dmax, n.said,
                            frozenset(o for i in n.members if (o := self.refs[i].outlet)),
                            any(self.refs[i].said_from is not None for i in n.members))
            self._sides[node_id] = side
        return side

    def _prob(self, node_id: int, other: int, rel: int) -> float:
        """P(one utterance) of two nodes (``pair_model``), ``rel`` as ``_speaker_rel``; 0
        for a quote without speaker whose match is not certain (``_certain``)."""
        key = (node_id, other)
        p = self._probs.get(key)
        if p is None:
            n = self.nodes[node_id]
            fam = self._family(n.speaker if n.speaker is not None else self.nodes[other].speaker)
            f = pair_features(self._side(node_id), self._side(other), self.stats, fam, rel)
            p = self.model.probability(f) if rel != 2 or _certain(f) else 0.0
            self._probs[key] = p
        return p

    def _decide(self, node_id: int, cid: int, rel: int) -> tuple[float, int]:
        """(probability, member matched) of the node joining utterance ``cid``, member -1
        when it does not. The decision must hold against the utterance's leader (its
        longest quote: the fullest report of the act), so that joins do not chain one
        occasion to another through a fragment; or, with ``member_threshold`` or more,
        against another member (outlets cut a long statement at different places: a cut
        may share nothing with the leader's part of it, and the longest version, the
        leader, may be a paraphrase the others do not match word for word)."""
        c = self.clusters[cid]
        p = self._prob(node_id, c.leader, rel)
        if p >= self.threshold:
            return p, c.leader
        strong = self.member_threshold
        if strong > 1 or len(c.nodes) < 2:
            return p, -1
        mine = self._gramset(node_id)
        ranked = sorted(((len(mine & self._gramset(m)), m) for m in c.nodes[: self.o.max_members_checked]
                         if m != c.leader), key=lambda x: (-x[0], x[1]))
        tries = [m for shared, m in ranked[:2] if shared]
        if not mine and (m := self._contained(node_id, cid)) >= 0 and m != c.leader:
            tries = [m]
        for m in tries:
            pm = self._prob(node_id, m, rel)
            if pm >= strong:
                return pm, m
        return p, -1

    def _gramset(self, node_id: int) -> set[int]:
        g = self._gram_cache.get(node_id)
        if g is None:
            g = self._gram_cache[node_id] = self._grams(self.nodes[node_id].keys)
        return g

    # placing nodes ----------------------------------------------------------------------
    def place(self, node_id: int, cands: list[int] | None = None) -> None:
        """Join the node to the utterance the pair decision likes best, or start one."""
        n = self.nodes[node_id]
        if cands is None:
            hits = self._hits(n.keys)
            cands = [cid for cid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))]
        rel = {cid: self._speaker_rel(n.speaker, cid) for cid in cands}
        # the attributions' days must leave one occasion possible ("said Monday" is not the
        # line an article printed the Thursday before): logic, not judgement
        cands = [cid for cid in cands if rel[cid] >= 0
                 and _said_ok(n.said, self.clusters[cid].said)][: self.o.max_candidates]
        passing: list[tuple[float, int, int, set[int]]] = []
        for cid in cands:
            score, via = self._decide(node_id, cid, rel[cid])
            if via < 0:
                continue
            clash = self._conflicts(node_id, cid)
            if clash and (self.clusters[cid].leader in clash
                          or any(self.nodes[m].score >= score for m in clash)):
                continue  # the article's quote already there matches better
            passing.append((score, cid, via, clash))
        if n.speaker is None and len({self.clusters[p[1]].speaker for p in passing}) > 1:
            passing = [p for p in passing if self.clusters[p[1]].speaker is None]
        if n.speaker is not None and any(rel[p[1]] == 1 for p in passing):
            same = [p for p in passing if rel[p[1]] == 0]
            aliases = {self.clusters[p[1]].speaker for p in passing if rel[p[1]] == 1}
            passing = same if same or len(aliases) > 1 else passing
        if len(n.keys) <= self.o.gram and len({p[1] for p in passing}) > 1:
            passing = []  # a few words found in several utterances: ambiguous
        if passing:
            score, cid, via, clash = max(passing, key=lambda p: (p[0], -p[1]))
            for m in sorted(clash):
                self._evict(m)
            self._join(node_id, cid, via, score)
        else:
            self._new_cluster(node_id)

    def place_short(self, node_ids: list[int]) -> None:
        """Nodes of one or two words have no 3-gram to look up: their candidates are the
        utterances with a member that contains them (one linear pass over the members)."""
        wanted: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in node_ids:
            wanted[self.nodes[i].keys].append(i)
        found: dict[int, list[int]] = defaultdict(list)
        if wanted:
            for cid, c in enumerate(self.clusters):
                for m in c.nodes:
                    k = self.nodes[m].keys
                    for n in (1, 2):
                        for j in range(len(k) - n + 1):
                            for i in wanted.get(k[j:j + n], ()):
                                if not found[i] or found[i][-1] != cid:
                                    found[i].append(cid)
        for i in node_ids:
            self.place(i, found.get(i, []))

    def join_split_parts(self) -> None:
        """“A,” he said. “B.”: a quote left alone whose own article has another quote of its
        speaker (A) in an utterance that other articles print too joins that utterance when
        the article's two quotes read together (A B, in either order) pass the pair decision
        against the utterance's leader, B shares a 3-gram with the leader and covers another
        part of it than A."""
        by_article: dict[str, list[int]] = defaultdict(list)
        for cid, c in enumerate(self.clusters):
            for a, ns in c.articles.items():
                if ns:
                    by_article[a].append(cid)
        for cid in range(len(self.clusters)):
            c = self.clusters[cid]
            if len(c.nodes) != 1 or c.speaker is None:
                continue
            nid = c.nodes[0]
            n = self.nodes[nid]
            arts = {self.refs[i].article_id for i in n.members}
            if len(arts) != 1:
                continue
            art = next(iter(arts))
            best: tuple[float, int, int] | None = None
            for other in by_article[art]:
                o = self.clusters[other]
                lead = self.nodes[o.leader]
                if (other == cid or o.speaker != n.speaker or art in {self.refs[i].article_id for i in lead.members}
                        or sum(1 for ns in o.articles.values() if ns) < 2 or self._conflicts(nid, other)
                        or not self._gramset(nid) & self._gramset(o.leader)):
                    continue  # (B must share words with the leader: A alone would pass for A B)
                for m in o.articles[art]:
                    part = self.nodes[m]
                    p = max(self._joined_prob(part, n, o.leader), self._joined_prob(n, part, o.leader))
                    if p >= self.threshold and (best is None or p > best[0]):
                        best = (p, other, m)
            if best is not None:
                c.nodes, c.articles = [], defaultdict(list)
                self._join(nid, best[1], best[2], best[0])

    def _joined_prob(self, first: _Node, second: _Node, leader: int) -> float:
        """P(one utterance) of two quotes of one article read as one, against a leader."""
        lo = [d for d in (first.dmin, second.dmin) if d is not None]
        hi = [d for d in (first.dmax, second.dmax) if d is not None]
        side = PairSide(first.keys + second.keys, first.speaker, min(lo) if lo else None,
                        max(hi) if hi else None, _said_meet(first.said, second.said),
                        frozenset(o for i in first.members + second.members if (o := self.refs[i].outlet)),
                        any(self.refs[i].said_from is not None for i in first.members + second.members))
        return self.model.probability(pair_features(side, self._side(leader), self.stats,
                                         self._family(first.speaker), 0))

    def run(self) -> None:
        self.make_nodes()
        if self.stats is None:
            self.stats = PhraseStats()
            for r, k, d in zip(self.refs, self.keys, self.days):
                self.stats.add(self._family(r.speaker_id), k, d)
        order = sorted(range(len(self.nodes)),
                       key=lambda i: (-len(self.nodes[i].keys), self.nodes[i].kstr,
                                      self.nodes[i].speaker or "", self.nodes[i].dmin or 0))
        for named in (True, False):
            short = []
            for i in order:
                n = self.nodes[i]
                if (n.speaker is not None) != named:
                    continue
                if len(n.keys) < self.o.gram:
                    if named:
                        short.append(i)
                    else:
                        self._new_cluster(i)  # a speakerless word or two points to no one
                else:
                    self.place(i)
            self.place_short(short)
        self.join_split_parts()


_CONTAINED, _RUN, _COVER = (FEATURES.index(x) for x in ("contained", "longest_run", "cover_short"))


def _certain(f: list[float]) -> bool:
    """A quote without speaker joins a named utterance only on a certain match: its words
    (4 or more) stand in the other's, or a shared run of 4+ words and 80 % of its words in
    shared runs. Who said it is unknown, so the words alone must settle it ("Bernie or
    Bust" is a slogan, not a cut of someone's quote)."""
    run = round(math.expm1(f[_RUN]))
    return run >= 4 and (f[_CONTAINED] == 1.0 or f[_COVER] >= 0.8)


def _name_words(name: str | None) -> list[str]:
    return [w for w in map(fold_word, (name or "").split()) if w]


def alias_family(name: str | None) -> str:
    """The key two speakers must share to be aliases of each other (``_Grouper._alias``
    compares the same last word): the folded surname. Speakers with different keys never
    share an utterance."""
    words = _name_words(name)
    return words[-1] if words else ""


def alias_names(name_a: str | None, name_b: str | None) -> bool:
    """Two speaker names that may be one person (``_Grouper._alias``): the same surname of
    three letters or more, and ``quotes.lexicon.names.same_person`` (typos allowed)."""
    ta, tb = _name_words(name_a), _name_words(name_b)
    return bool(ta and tb) and ta[-1] == tb[-1] and len(ta[-1]) > 2 and same_person(ta, tb, typos=True)


def speaker_relation(a: QuoteRef, b: QuoteRef) -> int:
    """0: one speaker id; 1: aliases (``alias_names``); 2: exactly one without speaker;
    -1: incompatible (two speakers, or none on both sides)."""
    if a.speaker_id is None and b.speaker_id is None:
        return -1
    if a.speaker_id is None or b.speaker_id is None:
        return 2
    if a.speaker_id == b.speaker_id:
        return 0
    return 1 if alias_names(a.speaker_name, b.speaker_name) else -1


def family_of(ref: QuoteRef) -> str | None:
    """The speaker family key phrase statistics are kept under (None: no speaker)."""
    if ref.speaker_id is None:
        return None
    return alias_family(ref.speaker_name) if ref.speaker_name else ref.speaker_id


def family_of_pair(a: QuoteRef, b: QuoteRef) -> str | None:
    return family_of(a) if a.speaker_id is not None else family_of(b)


def ref_keys(ref: QuoteRef) -> tuple[str, ...]:
    """The words a quote is matched on: textnorm keys without an editor's [brackets],
    possessives folded (``pair_features.match_keys``)."""
    us = units(ref.text)
    return match_keys(tuple(u.key for u in us if not u.bracket) or tuple(u.key for u in us))


def pair_side_of(ref: QuoteRef) -> PairSide:
    """One quote as a side of a candidate pair."""
    d = _day(ref.published)
    return PairSide(ref_keys(ref), ref.speaker_id, d, d, _said(ref),
                    frozenset([ref.outlet]) if ref.outlet else frozenset(), ref.said_from is not None)


def corpus_phrase_stats(refs: list[QuoteRef]) -> PhraseStats:
    """The days each speaker family is quoted with each word 3-gram, over ``refs``."""
    stats = PhraseStats()
    for r in refs:
        stats.add(family_of(r), ref_keys(r), _day(r.published))
    return stats


# --- public API ------------------------------------------------------------------------

def group_utterances(quotes: list[QuoteRef], options: GroupingOptions | None = None,
                     with_diffs: bool = True, stats: PhraseStats | None = None) -> UtteranceIndex:
    """Group quotes into utterances and compare each with its reference (see module doc)."""
    opts = options or GroupingOptions()
    seen: dict[str, QuoteRef] = {}
    for q in quotes:
        seen.setdefault(q.quote_id, q)
    refs = [seen[k] for k in sorted(seen)]
    g = _Grouper(refs, opts, stats)
    g.run()

    utterances: list[Utterance] = []
    variants: list[Variant] = []
    utterance_of: dict[str, str] = {}
    for c in g.clusters:
        if not c.nodes:
            continue  # merged into another utterance
        ref_node = _reference_node(g, c)
        ref_i = min(g.nodes[ref_node].members,
                    key=lambda i: (g.days[i] is None, g.days[i] or 0, refs[i].quote_id))
        ref_q = refs[ref_i]
        uid = text_hash("utterance:" + ref_q.quote_id)
        members = sorted((i for n in c.nodes for i in g.nodes[n].members),
                         key=lambda i: refs[i].quote_id)
        outlets = {refs[i].outlet for i in members if refs[i].outlet}
        utterances.append(Utterance(
            id=uid, speaker_id=c.speaker, reference_quote_id=ref_q.quote_id, text=ref_q.text,
            n_quotes=len(members), n_articles=len({refs[i].article_id for i in members}),
            n_outlets=len(outlets), quote_ids=[refs[i].quote_id for i in members]))
        for n in c.nodes:
            node = g.nodes[n]
            target = ref_i
            if n != ref_node and len(node.keys) >= 2:
                bl = _blocks(node.keys, g.nodes[ref_node].keys)
                if sum(b[2] for b in bl if b[2] >= 2) < 2:
                    # a split part that does not overlap the reference: compare it with the
                    # member that shares most of its words (another outlet's whole quote)
                    best = max((m for m in c.nodes if m != n), default=-1, key=lambda m: (
                        sum(b[2] for b in _blocks(node.keys, g.nodes[m].keys) if b[2] >= 2), -m))
                    if best >= 0:
                        target = min(g.nodes[best].members, key=lambda i: refs[i].quote_id)
            for i in node.members:
                utterance_of[refs[i].quote_id] = uid
                if i == ref_i:
                    rel, sim = "reference", 1.0
                    diff = [["equal", collapse_space(refs[i].text)]] if with_diffs else []
                else:
                    rel, sim = classify(g.units[target], g.units[i], refs[target].text, refs[i].text)
                    diff = diff_units(g.units[target], g.units[i]) if with_diffs else []
                variants.append(Variant(refs[i].quote_id, uid, refs[target].quote_id, rel, sim, diff))
    utterances.sort(key=lambda u: u.id)
    variants.sort(key=lambda v: (v.utterance_id, v.quote_id))
    return UtteranceIndex(utterances, variants, utterance_of)


def _reference_node(g: _Grouper, c: _Cluster) -> int:
    if len(c.nodes) == 1:
        return c.nodes[0]
    nodes = sorted(c.nodes, key=lambda n: -len(g.nodes[n].keys))
    best, best_key = c.nodes[0], None
    for cand in nodes[:8]:
        hay = f" {g.nodes[cand].kstr} "
        contained = sum(len(g.nodes[m].members) for m in c.nodes
                        if m != cand and f" {g.nodes[m].kstr} " in hay)
        first_day = g.nodes[cand].dmin if g.nodes[cand].dmin is not None else 10 ** 9
        k = (-contained - len(g.nodes[cand].members) + 1, -len(g.nodes[cand].keys), first_day,
             min(g.refs[i].quote_id for i in g.nodes[cand].members))
        if best_key is None or k < best_key:
            best, best_key = cand, k
    return best


def group_labels(quotes: list[QuoteRef], min_articles: int = 2,
                 options: GroupingOptions | None = None) -> dict[str, str]:
    """quote id -> utterance id for quotes whose utterance is quoted in at least
    ``min_articles`` articles: the FORMAT.md ``group`` field."""
    idx = group_utterances(quotes, options, with_diffs=False)
    keep = {u.id for u in idx.utterances if u.n_articles >= min_articles}
    return {q: u for q, u in idx.utterance_of.items() if u in keep}
