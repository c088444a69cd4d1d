"""Utterances: quotes in different articles that report the same spoken words.

``group_utterances(quotes)`` takes ``QuoteRef``s (quote id, article, outlet, speaker id,
text, date) and returns an ``UtteranceIndex``: the utterances, one ``Variant`` per quote
(its relation to the utterance's reference quote, a 0–1 similarity and a word diff), and
``utterance_of`` (quote id -> utterance id). Every quote gets an utterance; most have one
member. ``group_labels`` gives the FORMAT.md ``group`` values (only utterances quoted in at
least two articles).

Tiers, cheapest first, so the cost grows about linearly with the number of quotes:

1. **Exact**: quotes whose normalised words (``textnorm``: case, punctuation, curly/straight
   marks, contractions, brackets) are equal, with the same speaker and dates within
   ``max_span_days`` (``short_span_days`` for a stock phrase of one content word: "of
   course", and for a catchphrase the speaker is quoted with more than a month apart: "Make
   America Great Again", see Recurring phrases; speakerless copies likewise, when the speakerless
   quotes grouped with them print the phrase more than a month apart), form one node. Nothing else is compared twice.
2. Nodes are taken longest first; the first node of an utterance is its *leader*. Each node
   looks up its word 3-grams (shingles, MemeTracker style) in an inverted index of the
   3-grams of every node already placed; 3-grams found in more than ``max_posting``
   utterances are dropped as too common. Only utterances with a compatible speaker and
   dates are candidates, best few by shared shingles. **Never all pairs.**
3. **Containment**: the node's words are a contiguous run of any member's words (a cut,
   a headline fragment of the body quote). Three words or fewer: only when exactly one
   candidate utterance contains them.
4. **Alignment**: an LCS alignment (rapidfuzz) against the leader, then up to three more
   members; the node joins when enough of its words sit in shared runs of 2+ words that
   hold a content word (runs of function words only, "we are going to", do not count):
   half of them with a run of 3+, or three quarters for quotes of 6 words or fewer; or one
   shared run of ``requote_run`` (8) words, same speaker: a statement that outlets cut at
   different places (one prints sentences A B C, another C D). A match on ``short_len`` (6)
   shared words or fewer joins only within ``short_span_days``, as a quote of that few words
   would: an idiom shared by two quotes days apart ("Get him the hell out of here!", "bomb the
   hell out of ISIS") points to no one occasion. Where a word repeats, the
   LCS may cut a shared run in two ("I meant ... I do, he was the most valuable player"),
   so the alignment is also tried from the end. A coordinated pair one outlet prints the
   other way round ("farmers and ranchers" / "ranchers and farmers") is turned round first
   (``worddiff.flipped_like``, decided between the two quotes).
5. Two-word quotes (“significant escalation”) join only by containment, and only when a
   single utterance of the same speaker contains them, and not when they are a slogan (see
   Recurring phrases); otherwise only identical ones group.
   One-word quotes group only when identical and attributed.
6. **Lone late re-quotes** (after all the above): articles re-quote old statements weeks or
   months later (a retrospective, a reminder of what someone said). An utterance printed by a
   single article, dated after an earlier utterance of the same speaker beyond the date rule,
   joins it when they share a run of ``requote_run`` (8) words or one contains the other with
   that many; the late article's other quotes of that speaker then join the utterances of the
   articles it re-quotes on the usual terms (containment, alignment; a few words only when
   one utterance holds them). A lone late quote of 3 to 6 words with 3+ content words ("his
   'Second Amendment people' remark") joins the one earlier utterance of its speaker within
   ``requote_short_days`` (30) that contains it, none when several do. A line said again on a
   new occasion is news again: several articles print it, and it stays apart; a stump line
   that only one article prints weeks later is the known cost of this rule. A lone late
   quote whose own attribution dates it well before its article ("her March comment", "he
   told CNN in October") is a re-quote by its own account: it joins on the usual terms
   (containment, not of a catchphrase; alignment) an earlier utterance known from that time
   (dated so by its attribution, or printed then), a few words only when one such utterance
   holds them. A lone late *two-word* quote so dated ("Last month, the FBI director called her
   conduct 'extremely careless'") joins the one earlier utterance known from that time that
   prints the two words alone (or, when none does, the one that holds them), none when
   several do, and not a slogan of the speaker (``_recurring_pair``).

7. **Split quotes** (last): the two parts of a quote interrupted by its attribution (“A,” he
   said. “B.”, ``QuoteRef.start``/``end`` a few characters apart: ``corpus.splitparts``)
   that ended in different utterances become one when another article's member of A's
   utterance goes on with B's words where A's stop ("... not only in Europe but also in
   things in the Indo-Pacific" for Bloomberg's “... Europe,” Austin said. “It will also
   impact things in the Indo-Pacific”), or when two articles split the same two utterances
   so (two editions of one story, which may also part them by the speaker's role or a clause:
   ``splitparts.SPLIT_EDITION_GAP``), or cut the other part differently (one part holds the
   other's words).
8. **Learned pair decision** (``GroupingOptions.pair_model``, off by default): a quote still
   alone that shares a content 3-gram with an utterance of its speaker is judged by a
   logistic regression over named features (``pair_decision``, docs/pair_decision.md).

**Scored decision** (``GroupingOptions.scored``, off by default: worse than the rules on the
labelled pairs, docs/pair_decision.md): for a named quote, tiers 3-4 and 6 are replaced by one
logistic regression (``pair_decision.SCORED_FEATURES``) over the quote and the first members of
each candidate utterance the n-gram index gives, whatever the dates (the gap is a feature);
the best probability at the model's threshold joins. Tiers 1, 5 and 7 and quotes without
speaker keep their rules.

Matching ignores an editor's [bracketed] words (nobody said them); the relation still
reports them.

Mentioned terms. A few words the writer presents as a term or a label ("would not use the
words “forever war”", "the loaded term, “forever war”", files "rated “restricted”":
``QuoteRef.mention``, set by the extractor's ``quotefilter.mentioned``) are no act of
speaking: two articles mentioning the same term are no evidence of one occasion. Such a
quote groups only with the same words of its own article (a headline), or with another
article's when both attributions name the same few days (``NARROW_SAID_DAYS``); it joins no
other quote and no other quote joins it.

Recurring phrases. A phrase of up to four words that a speaker (or a namesake: one surname)
is quoted saying more than ``recurring_days`` (30) apart ("law and order", "the hell out
of") is a catchphrase said on many occasions and points to none (a quote whose own attribution
dates it, "last month", "in March", counts on those days, not its article's: a re-quote
that says it reports the old occasion is no new one): a quote made of it joins
no longer quote by containment, a run of it counts for no alignment, and identical copies of
it group only within ``short_span_days`` (tier 1: the slogan printed alone by two articles four
days apart is two mentions, no one occasion). The 3-grams' first and last days per surname are indexed once
(``index_phrases``), for the 3-grams of quotes of up to eight words only. A two-word quote
("political revolution") is too short for 3-grams: it is a slogan when the speaker's quotes
hold its two words more than ``recurring_days`` apart, and then joins no longer quote
(``_recurring_pair``; the 2-grams are indexed for the families with a two-word quote only).

When it was said. The extractor dates a quote by the time words of its own attribution
(``quotes.extract.dating``: "he told supporters in Nashua on Monday", "he said during a debate last
week", "her March comment"): ``QuoteRef.said_from``/``said_to``. A quote without them was
said at the latest on its article's date. Every tier keeps an utterance's quotes to
intervals that overlap: a line "said on Monday" is not the line an article printed the
Thursday before (a stump line on two occasions, four days apart), and a late re-quote "said
recently" or "last week" is not an old statement of months before (tier 6). The other way
round, a quote dated to a few days (``NARROW_SAID_DAYS``) is judged by those days, not by
its article's date: "not paying taxes 'makes me smart,' Trump said last week" joins the
debate's utterance of a week before.

Speakers and dates. A quote joins only an utterance of the same speaker id, or of an *alias*
(``QuoteRef.speaker_name`` given): the same surname, one name being the surname alone ("Obama"
and "Barack Obama", which the speaker index keeps apart when the surname is ambiguous) or the
first names a letter apart (a typo). An alias joins only on a certain match (as a quote
without speaker, below, or a shared run of ``requote_run`` words), never when aliases of two
different people fit, and never an utterance that already holds another person's alias. A
quote without speaker is placed last; it needs a shared run (or a contained cut) of 4+ words
to join anything ("Bernie or Bust" is a slogan, not a cut of someone's quote), and joins a
named utterance only when the match is certain (containment, or 80 % of its words in shared
runs; or, when it is the longer quote, a group noun's statement printing more than the named
cut: a shared run of ``requote_run`` words, or a whole member of 4+ words that is no
catchphrase of the speaker) and only one speaker's utterances fit; otherwise it groups with
other speakerless quotes. Different speakers saying the same words stay apart (a re-quote is another
utterance), and so do dates further apart than ``max_span_days`` (a stump-speech line on two
occasions), except for the lone late re-quotes of tier 6; quotes of 6 words or fewer must
also lie within ``short_span_days`` of the utterance.

Quotes of one article. A split quote (“A,” he said, “B.”) is two quotes of one utterance,
and a headline often repeats the body quote, so an utterance may hold several quotes of
one article, but only when each is either the same words as another (one contains the
other: an echo) or covers a different part of the leader (a split). Two quotes of one
article that overlap the same part of the reference without one containing the other are
two different utterances (the writer quoted two occasions, or two sentences of an
interview): the better match stays (containment beats alignment; a leader is never
displaced) and the other becomes an utterance of its own.

Reference and relations. After grouping, the reference is the member that contains the
most other members (then the longest, then the earliest, then by quote id): usually the
fullest version printed by someone. Each variant is compared with it (or, for a split part
that does not overlap it, with the member it was matched to) and labelled in the one
relation vocabulary (``quotes.corpus.relations``: ``reference``, ``identical``,
``punctuation``, ``truncation``, ``substitution``, ``omission``, ``bracketed``,
``paraphrase``). ``similarity`` compares the variant with the part of the reference it
covers, so a clean cut scores 1.0.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from quotes.lexicon.names import same_person
from quotes.model import text_hash
from quotes.extract.dating import article_day
from quotes.corpus.pair_decision import (PairModel, PairSide, PhraseStats, grams, pair_features, scored_features,
                                         shipped, shipped_scored)
from quotes.corpus.gcpause import cycles_paused
from quotes.corpus.relations import classify
from quotes.corpus.splitparts import SPLIT_ARTICLES, SPLIT_EDITION_GAP, SPLIT_RUN, adjacent_parts, continues
from quotes.corpus.textnorm import STOPWORDS, Unit, collapse_space, content_gram_starts, fold_word, units
from quotes.corpus.worddiff import Diff, diff_units, equal_runs, flipped, flipped_like


@dataclass(slots=True)
class QuoteRef:
    """One quote as the grouping sees it. (Slots: a worker unpickles a task's quotes, and an
    unpickled instance of a plain dataclass gets a dict of its own, sized for 13 keys: about
    1.4 KB per quote instead of 0.6 KB, and a giant family's quotes are held while it is grouped.)"""

    quote_id: str
    article_id: str
    outlet: str | None
    speaker_id: str | None
    text: str
    published: str | None = None  # ISO date or datetime; None when unknown
    speaker_name: str | None = None  # the speaker's name, to recognise an alias id
    said_from: str | None = None  # when it was said, as its attribution tells (quotes.extract.dating)
    said_to: str | None = None  # ISO dates; None: not told (said_to then defaults to published)
    start: int | None = None  # character offsets in the article: two parts of a split quote
    end: int | None = None  # (“A,” he said. “B.”) lie a few characters apart (``splitparts``)
    unsure: bool = False  # its attribution left the speaker unsure (``corpus.unsure``)
    home_speaker: str | None = None  # an unsure quote grouped without its speaker: that speaker
    mention: bool = False  # a term the writer mentions ("the words “radical Islam”": ``quotefilter.mentioned``)


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
    max_candidates: int = 4  # utterances aligned per node, best by shared shingles
    max_span_days: int = 7  # all known dates of an utterance lie within this span
    short_span_days: int = 2  # a quote of `short_len` words or fewer joins only this close
    min_run: int = 3  # shortest shared word run for an alignment match
    coverage: float = 0.5  # share of a quote's words in shared runs (long quotes)
    short_coverage: float = 0.75  # the same for quotes of `short_len` words or fewer
    short_len: int = 6
    null_coverage: float = 0.8  # for quotes without speaker joining a named utterance
    # (quotes without speaker also need a shared run of 4+ words to join anything)
    max_members_checked: int = 40  # member texts tried for containment per candidate
    max_aligned_members: int = 4  # members (leader first) tried for alignment per candidate
    requote_run: int = 8  # shared words (one run, or containment) for a lone late re-quote
    requote_short_days: int = 30  # a lone late re-quote of a few words looks back this far
    recurring_len: int = 4  # a phrase this short found in quotes more than
    recurring_days: int = 30  # this many days apart is a recurring phrase (see _recurring)
    phrase_node_len: int = 8  # whose 3-grams are looked up (nodes of this many words or fewer)
    pair_model: bool = False  # the learned last tier (``pair_decision``): off, see docs/pair_decision.md
    # one scored decision per candidate pair of named quotes instead of the containment,
    # alignment and late re-quote rules (``pair_decision.SCORED_FEATURES``): off, see docs/pair_decision.md
    scored: bool = False
    scored_model: PairModel | None = None  # another model than the shipped one (cross-validation)


# --- nodes and clusters --------------------------------------------------------------

@dataclass(slots=True)
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
    mention: bool = False  # mentioned terms (``QuoteRef.mention``): an utterance of their own


@dataclass(slots=True)
class _Cluster:
    speaker: str | None
    leader: int
    nodes: list[int]
    dmin: int | None
    dmax: int | None
    said: tuple[int | None, int | None] = (None, None)  # occasion interval (see _said)
    articles: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # other speaker ids joined as aliases: a shared empty frozenset until one joins (most
    # utterances have none; an empty set per utterance was ~200 bytes)
    aliases: frozenset[str] = frozenset()


def match_keys(us: list[Unit]) -> tuple[str, ...]:
    """The words a quote is matched on: its units' keys, an editor's [bracketed] words left
    out (nobody said them), unless it has no others."""
    return tuple(u.key for u in us if not u.bracket) or tuple(u.key for u in us)


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


NOBODY = "\0"  # ``index_phrases``' family key of the speakerless quotes' phrases (no surname is empty)
NEAR_CONTAINED = 0.9  # share of a re-quote's words in runs of 3+ that counts as containing it
NARROW_SAID_DAYS = 10  # an attribution's days this few may stand for the article's date


def _occasion_days(said: tuple[int | None, int | None], day: int | None) -> tuple[int, int] | None:
    """The days a quote tells of the occasion it reports, for how far apart a speaker said a
    phrase (``_Grouper.index_phrases``): (latest day it may have been said, earliest day).
    Its article's date both ways, unless its own attribution dates it ("last month", "in
    March": ``quotes.extract.dating``): a re-quote that says it reports the old occasion is
    no new one, and it keeps a distinctive line ("extremely careless") from looking like a
    catchphrase said on many days."""
    if day is None:
        return None
    lo, hi = said
    if lo is None or hi is None or lo > day:
        return day, day
    return min(hi, day), lo


def _shingles(keys: tuple[str, ...], g: int) -> set[int]:
    """Hashes of the word ``g``-grams of ``keys`` that hold a content word."""
    return {hash(keys[i:i + g]) for i in content_gram_starts(keys, g)}


def _pairs(keys: tuple[str, ...]) -> set[int]:
    """Hashes of the word 2-grams that hold a content word (kept apart from 3-grams' by a
    leading 2)."""
    return {hash((2, keys[j], keys[j + 1])) for j in range(len(keys) - 1)
            if keys[j] not in STOPWORDS or keys[j + 1] not in STOPWORDS}


def _said_near(said: tuple[int | None, int | None], dmin: int | None, days: int) -> bool:
    """A quote dated by its attribution to a few days ("he said last week") that end at most
    ``days`` before an utterance's first article and start no later than it: the date
    rules judge it by those days, not by its own article's date."""
    lo, hi = said
    return (lo is not None and hi is not None and dmin is not None
            and hi - lo <= NARROW_SAID_DAYS and lo <= dmin <= hi + days)


def _blocks(a: tuple[str, ...], b: tuple[str, ...]):
    """Equal runs of an LCS alignment: (a_start, b_start, length) (``worddiff.equal_runs``;
    one name in the grouping for them, so a test can count its calls)."""
    return equal_runs(a, b)


def _shared(keys: tuple[str, ...], blocks, common=None) -> tuple[int, int]:
    """(words in shared runs of 2+, longest run) counting only runs with a content word:
    "we are going to" is shared by half of all political quotes; nor runs that ``common``
    calls a recurring phrase ("law and order", "the hell out of")."""
    total = longest = 0
    for s, _, n in blocks:
        if (n >= 2 and any(k not in STOPWORDS for k in keys[s:s + n])
                and not (common and common(keys[s:s + n]))):
            total += n
            longest = max(longest, n)
    return total, longest


def _split_alike(splits: set[tuple[str, str | None, bool]]) -> bool:
    """``SPLIT_ARTICLES`` articles part two utterances around one attribution, or editions
    of one outlet's story part them alike further apart (``splitparts.SPLIT_EDITION_GAP``: an
    attribution with the speaker's role, a clause of the writer's). Two outlets' stories
    further apart are no evidence: one quotes two remarks with its own sentence between."""
    if len({art for art, _, near in splits if near}) >= SPLIT_ARTICLES:
        return True
    by_outlet = Counter(outlet for _, outlet in {(art, outlet) for art, outlet, _ in splits} if outlet is not None)
    return bool(by_outlet) and max(by_outlet.values()) >= SPLIT_ARTICLES


class _Grouper:
    def __init__(self, refs: list[QuoteRef], opts: GroupingOptions):
        self.refs = refs
        self.o = opts
        # only the keys are kept: the units of every quote held half the grouping's memory
        # (the output makes them again, one utterance at a time: ``_units_of``); a text
        # printed alike by several outlets is cut into units once, and its quotes share its keys
        by_text: dict[str, tuple[str, ...]] = {}
        self.keys = [by_text[r.text] if r.text in by_text else by_text.setdefault(r.text, match_keys(units(r.text)))
                     for r in refs]
        del by_text
        self.days = [_day(r.published) for r in refs]
        self.said = [_said(r) for r in refs]
        self.nodes: list[_Node] = []
        self.clusters: list[_Cluster] = []
        self.index: dict[int, object] = {}  # shingle hash -> cluster id | list | None (stop)
        self._windows: dict[tuple[int, int], tuple[int, int]] = {}
        self.names = {r.speaker_id: r.speaker_name for r in refs if r.speaker_id and r.speaker_name}
        self._alias_cache: dict[tuple[str, str], bool] = {}
        self.merged: dict[int, int] = {}
        # (speaker family, 3-gram) -> first, last day (index_phrases)
        self.spread: dict[tuple[str, int], tuple[int, int]] = {}
        self.scorer: PairModel | None = None  # the scored decision's model (``GroupingOptions.scored``)
        self.stats: PhraseStats | None = None  # its per-family phrase days
        self._last_keys: tuple[str, ...] | None = None  # the last keys ``_grams`` was asked for, and their grams
        self._last_grams: set[int] = set()

    def _alias(self, a: str, b: str) -> bool:
        """Two speaker ids whose names may be one person (``quotes.lexicon.names.same_person``:
        "Obama" ~ "Barack Obama", "Rence Priebus" ~ "Reince Priebus"), with the same surname
        of three letters or more."""
        key = (a, b) if a < b else (b, a)
        if key not in self._alias_cache:
            ta, tb = _name_words(self.names.get(a)), _name_words(self.names.get(b))
            ok = bool(ta and tb) and ta[-1] == tb[-1] and len(ta[-1]) > 2 and same_person(ta, tb, typos=True)
            self._alias_cache[key] = ok
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
            elif r.mention:
                exact[(r.speaker_id, k, *self._occasion(i))].append(i)
            else:
                exact[(r.speaker_id, k)].append(i)
        for key in sorted(exact, key=repr):
            idxs = sorted(exact[key], key=lambda i: (self.days[i] is None, self.days[i] or 0,
                                                     self.refs[i].quote_id))
            k = self.keys[idxs[0]]
            # a stock phrase of one content word ("of course") said again a week later is
            # another occasion, and so is a catchphrase the speaker is quoted with more than a
            # month apart ("Make America Great Again", ``_recurring``): such identical phrases
            # keep to ``short_span_days``
            stock = len(k) >= 2 and sum(w not in STOPWORDS for w in k) <= 1
            sid = self.refs[idxs[0]].speaker_id
            span = (self.o.short_span_days if stock or (self._recurring(sid, k) if sid is not None
                                                        else self._recurring_unnamed(k))
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
                                        min(ds) if ds else None, max(ds) if ds else None, said,
                                        mention=self.refs[g[0]].mention))

    def _occasion(self, i: int) -> tuple[str, ...]:
        """What a mentioned term's identical quotes must share to be one node: the article,
        or an occasion their attributions name (a few days: ``NARROW_SAID_DAYS``; the date
        rules then keep the intervals overlapping). The same term in two articles is
        otherwise two mentions of words someone uses ("would not use the words “forever
        war”" and "the loaded term, “forever war”"), evidence of no one occasion."""
        lo, hi = self.said[i]
        if lo is not None and hi is not None and hi - lo <= NARROW_SAID_DAYS:
            return ("mention", "dated")
        return ("mention", self.refs[i].article_id)

    # helpers -----------------------------------------------------------------------
    def _grams(self, keys: tuple[str, ...]) -> set[int]:
        """Hashes of the word 3-grams that hold a content word (``_shingles``), not to be
        changed by the caller: the last keys' are kept (a node's are asked for when it is
        placed, ``_hits``, and again when it is indexed, ``_add_to_index``)."""
        if keys is not self._last_keys:
            self._last_keys, self._last_grams = keys, _shingles(keys, self.o.gram)
        return self._last_grams

    def _hits(self, keys: tuple[str, ...]) -> Counter:
        """Utterance id -> shingles it shares with ``keys`` (too-common shingles left out)."""
        hits: Counter = Counter()
        grams = self._grams(keys)
        if (turned := flipped(keys)) is not keys:  # another outlet's "ranchers and farmers"
            grams = grams | _shingles(turned, self.o.gram)
        for h in grams:
            cur = self.index.get(h)
            if cur is None:
                continue
            hits.update([cur] if isinstance(cur, int) else cur)
        return hits

    def _add_to_index(self, node_id: int) -> None:
        if self.nodes[node_id].mention:
            return  # a mentioned term is no candidate for other quotes
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

    def _dates_ok(self, node_id: int, cid: int, gap: int | None) -> bool:
        """The date rule (``_span_ok``), or the node's own attribution dates it near the
        utterance (``_said_near``), or it is the writer's echo of a member (``_echo``)."""
        n, c = self.nodes[node_id], self.clusters[cid]
        return (_span_ok(n.dmin, n.dmax, c.dmin, c.dmax, self.o.max_span_days, gap)
                or _said_near(n.said, c.dmin, self.o.max_span_days if gap is None else gap)
                or self._echo(node_id, cid))

    def _echo(self, node_id: int, cid: int) -> bool:
        """The node's words are in a member from its own article: the writer repeating the
        quote ("Ryan has said he is 'not ready'" above "I'm just not ready to do that")."""
        n = self.nodes[node_id]
        needle = f" {n.kstr} "
        c = self.clusters[cid]
        return any(needle in f" {self.nodes[m].kstr} "
                   for a in {self.refs[i].article_id for i in n.members} for m in c.articles.get(a, ()))

    def _join(self, node_id: int, cid: int, via: int, score: float = 1.0) -> None:
        n, c = self.nodes[node_id], self.clusters[cid]
        n.cluster, n.via, n.score = cid, via, score
        if n.speaker is not None and n.speaker != c.speaker:
            c.aliases = c.aliases | {n.speaker}
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

    def _aligned(self, node_id: int, cid: int, certain: bool, strict: bool = False,
                 near: bool = True) -> tuple[float, int]:
        """(share of the node's words in runs shared with a member, that member): the
        leader first, then the next members; (0, -1) when none shares enough. Not ``near``
        (the utterance lies further than ``short_span_days`` from the node): a match on
        ``short_len`` shared words or fewer counts for nothing, as a quote of that few words
        would not join that far ("Get him the hell out of here!" and "bomb the hell out of
        ISIS" four days apart: an idiom, two occasions)."""
        n = self.nodes[node_id]
        short = len(n.keys) <= self.o.short_len
        need = self.o.short_coverage if short else self.o.coverage
        run = 2 if short else self.o.min_run  # short: "a b X d e" keeps 4 of 5 in two runs
        if n.speaker is None or strict:  # no (or weak) speaker evidence: a longer run, more
            run = max(4, self.o.min_run)
            if certain:
                need = max(need, self.o.null_coverage)
        def common(words):
            return self._recurring(n.speaker, words)

        # a quote without speaker (a group noun: "the officials", "the group") that is the
        # longer one also joins a named utterance on a long shared run or on holding a whole
        # member (not the speaker's catchphrase): the coverage asked of it counts the words
        # it has beyond the named cut
        unnamed = n.speaker is None and certain
        named = self.clusters[cid].speaker

        for m in self.clusters[cid].nodes[: self.o.max_aligned_members]:
            mk = self.nodes[m].keys
            nk = flipped_like(n.keys, mk)  # "farmers and ranchers" against "ranchers and farmers"
            # the other tie-break only matters when a word repeats
            attempts = (0, 1) if len(set(nk)) < len(nk) else (0,)
            for attempt in attempts:
                if attempt == 0:
                    total, longest = _shared(nk, _blocks(nk, mk), common)
                else:
                    # an LCS may cut a shared run where a word repeats ("I meant ... I do
                    # he was"): the other tie-break (aligning from the end) keeps it whole
                    k = len(nk)
                    total, longest = _shared(nk, [(k - s - ln, 0, ln) for s, _, ln in
                                                  _blocks(nk[::-1], mk[::-1])], common)
                cover = total / len(nk)
                if not near and total <= self.o.short_len:
                    continue
                if longest >= run and (cover >= need or (n.speaker is not None and longest >= self.o.requote_run)
                                       or (unnamed and (longest >= self.o.requote_run
                                                     or (longest == len(mk) and not self._recurring(named, mk))))):
                    return cover, m
        return 0.0, -1

    # tiers 2-4 ---------------------------------------------------------------------
    def place(self, node_id: int) -> None:
        n = self.nodes[node_id]
        short = len(n.keys) <= self.o.gram
        hits = self._hits(n.keys)
        gap = self.o.short_span_days if len(n.keys) <= self.o.short_len else None
        rel = {cid: self._speaker_rel(n.speaker, cid) for cid in hits}
        scored = self.scorer is not None and n.speaker is not None  # the dates are features then
        cands = [cid for cid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
                 if rel[cid] >= 0 and _said_ok(n.said, self.clusters[cid].said)
                 and (scored or self._dates_ok(node_id, cid, gap))]
        passing: list[tuple[float, int, int]] = []
        for cid in cands[: self.o.max_candidates]:
            if scored:
                score, via = self._scored_match(node_id, cid, rel[cid])
            else:
                score, via = self._rule_match(node_id, cid, rel[cid], short)
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
        if short and len({p[1] for p in passing}) > 1:
            passing = []  # a few words found in several utterances: ambiguous
        if passing:
            score, cid, via, clash = max(passing, key=lambda p: (p[0], -p[1]))
            for m in sorted(clash):
                self._evict(m)
            self._join(node_id, cid, via, score)
        else:
            self._new_cluster(node_id)

    def _rule_match(self, node_id: int, cid: int, rel: int, short: bool) -> tuple[float, int]:
        """Tiers 3-4 for one candidate utterance: (score, member matched) or (0, -1)."""
        n = self.nodes[node_id]
        certain = rel > 0  # an alias or no speaker: only a certain match joins
        m = self._contained(node_id, cid)
        if m >= 0 and certain and len(n.keys) < 4:
            return 0.0, -1  # a speakerless name or slogan ("Bernie or Bust") in someone's quote
        if m >= 0 and self._recurring(n.speaker, n.keys):
            return 0.0, -1  # "law and order": said on many occasions, a cut of none
        if m >= 0:
            return 1.0, m
        if short:
            return 0.0, -1
        return self._aligned(node_id, cid, certain, strict=rel == 1,
                             near=self._dates_ok(node_id, cid, self.o.short_span_days))

    def _scored_match(self, node_id: int, cid: int, rel: int) -> tuple[float, int]:
        """The scored decision for one candidate utterance: the node against its first
        members (and the member containing it): (probability, member) at the model's
        threshold or above, else (0, -1)."""
        model, n = self.scorer, self.nodes[node_id]
        members = self.clusters[cid].nodes[: self.o.max_aligned_members]
        inside = self._contained(node_id, cid)
        if inside >= 0 and inside not in members:
            members = [*members, inside]
        side, fam = self._side(node_id), self._family(n.speaker)
        best, via = 0.0, -1
        for m in members:
            p = model.probability(scored_features(side, self._side(m), self.stats, fam, rel))
            if p > best:
                best, via = p, m
        return (best, via) if best >= model.threshold else (0.0, -1)

    def place_pairs(self, node_ids: list[int]) -> None:
        """Two-word nodes: containment in a single utterance of their speaker."""
        wanted: dict[tuple, list[int]] = defaultdict(list)
        for i in node_ids:
            wanted[(self.nodes[i].speaker, self.nodes[i].keys)].append(i)
        found: dict[int, set[tuple[int, int]]] = defaultdict(set)
        if wanted:
            for cid, c in enumerate(self.clusters):
                if self.nodes[c.leader].mention:
                    continue  # a mentioned term's utterance is its own (``make_nodes``)
                for m in c.nodes:
                    k = self.nodes[m].keys
                    for j in range(len(k) - 1):
                        for i in wanted.get((c.speaker, k[j:j + 2]), ()):
                            found[i].add((cid, m))
        for i in node_ids:
            n = self.nodes[i]
            ok = sorted({(cid, m) for cid, m in found.get(i, ())
                         if _said_ok(n.said, self.clusters[cid].said)
                         and self._dates_ok(i, cid, self.o.short_span_days)})
            cids = {cid for cid, _ in ok}
            if len(cids) == 1 and not self._conflicts(i, ok[0][0]) and not self._recurring_pair(n.speaker, n.keys):
                self._join(i, ok[0][0], ok[0][1])
            else:
                self._new_cluster(i)

    def _family(self, speaker: str | None) -> str | None:
        """Speakers that may share utterances (``_alias``) share this key: the surname.
        (``index_phrases`` keeps the short speakerless quotes' phrases under ``NOBODY``.)"""
        if speaker is None:
            return None
        name = self.names.get(speaker)
        return alias_family(name) if name else speaker

    def index_phrases(self) -> None:
        """First and last day of every word 3-gram of the short named quotes
        (``phrase_node_len`` words or fewer) in the quotes of the speaker's family: what
        ``_recurring`` looks up. Per family, so that regrouping a few speakers' families
        (``corpus.regroup_scope``) sees what a full grouping sees. Read from the quotes (each
        speaker's distinct words once), before tier 1, which asks it about identical quotes."""
        # each speaker's distinct words and their first and last day (None: undated)
        seen: dict[tuple[str, tuple[str, ...]], tuple[int, int] | None] = {}
        for i, r in enumerate(self.refs):
            if r.speaker_id is None and len(self.keys[i]) > self.o.recurring_len:
                continue  # (speakerless quotes: only the short ones, for tier 1's identical copies)
            key, said = (r.speaker_id, self.keys[i]), _occasion_days(self.said[i], self.days[i])
            cur = seen.get(key)
            if said is not None:
                seen[key] = said if cur is None else (min(cur[0], said[0]), max(cur[1], said[1]))
            elif key not in seen:
                seen[key] = None
        want: set[tuple[str, int]] = set()
        pair_fams: set[str] = set()  # families with a two-word quote (``_recurring_pair``)
        for speaker, k in seen:
            fam = self._phrase_family(speaker)
            if len(k) <= self.o.phrase_node_len:
                want.update((fam, h) for h in self._grams(k))
            if len(k) == 2 and (pairs := _pairs(k)):
                want.update((fam, h) for h in pairs)
                pair_fams.add(fam)
        spread: dict[tuple[str, int], tuple[int, int]] = {}
        for (speaker, k), days in seen.items():
            if days is None:
                continue
            fam, (dmin, dmax) = self._phrase_family(speaker), days
            for h in self._grams(k) | (_pairs(k) if fam in pair_fams else set()):
                key = (fam, h)
                if key in want:
                    cur = spread.get(key)
                    spread[key] = (dmin, dmax) if cur is None else (min(cur[0], dmin), max(cur[1], dmax))
        self.spread = spread

    def _recurring_pair(self, speaker: str | None, words: tuple[str, ...]) -> bool:
        """A two-word quote ("political revolution") whose words the speaker's (or a
        namesake's) quotes hold more than ``recurring_days`` apart: a slogan said on many
        occasions, too short for ``_recurring``'s 3-grams; it joins no longer quote."""
        fam = self._family(speaker)
        if fam is None or len(words) != 2:
            return False
        spans = [self.spread.get((fam, h)) for h in _pairs(words)]
        return bool(spans) and all(s is not None and s[1] - s[0] > self.o.recurring_days for s in spans)

    def _phrase_family(self, speaker: str | None) -> str:
        """The key ``index_phrases`` keeps a speaker's phrases under: the family, ``NOBODY``
        for the speakerless quotes (those it keeps are the short ones)."""
        return self._family(speaker) if speaker is not None else NOBODY

    def _recurring_unnamed(self, words: tuple[str, ...]) -> bool:
        """A slogan printed without speaker ("Make America Great Again" on a protester's shirt,
        in a writer's sentence) more than ``recurring_days`` apart among the speakerless quotes
        grouped here: like ``_recurring``, so its identical copies keep to ``short_span_days``
        (tier 1) and two mentions days apart are no one occasion."""
        return self._recurs_in(NOBODY, words)

    def _recurring(self, speaker: str | None, words: tuple[str, ...]) -> bool:
        """A phrase of ``recurring_len`` words or fewer that the speaker (or a namesake)
        said more than ``recurring_days`` apart: every 3-gram of it with a content word
        is ("law and order", "the hell out of"). A catchphrase said on many occasions
        points to none, so a fragment made of it joins no longer quote and it counts for no
        alignment. (Quotes without speaker: never.)"""
        fam = self._family(speaker)
        return fam is not None and self._recurs_in(fam, words)

    def _recurs_in(self, fam: str, words: tuple[str, ...]) -> bool:
        """Every 3-gram of a phrase of ``recurring_len`` words or fewer spreads over more than
        ``recurring_days`` among the phrases ``index_phrases`` kept under ``fam``."""
        if len(words) > self.o.recurring_len or len(words) < self.o.gram:
            return False
        spans = [self.spread.get((fam, h)) for h in self._grams(words)]
        return bool(spans) and all(s is not None and s[1] - s[0] > self.o.recurring_days for s in spans)

    def run(self) -> None:
        self.index_phrases()
        self.make_nodes()
        if self.o.scored:
            self.index_scored()
        order = sorted(range(len(self.nodes)),
                       key=lambda i: (-len(self.nodes[i].keys), self.nodes[i].kstr,
                                      self.nodes[i].speaker or "", self.nodes[i].dmin or 0))
        for named in (True, False):
            pairs = []
            for i in order:
                n = self.nodes[i]
                if (n.speaker is not None) != named:
                    continue
                if len(n.keys) <= 1 or n.mention:
                    self._new_cluster(i)
                elif len(n.keys) == 2:
                    if named:
                        pairs.append(i)
                    else:
                        self._new_cluster(i)
                else:
                    self.place(i)
            self.place_pairs(pairs)
        if self.scorer is None:  # (the scored decision sees late re-quotes in ``place``)
            self.rejoin_requotes()
        self.join_split_parts()
        if self.o.pair_model and self.scorer is None:
            self.join_by_model(shipped())

    def release_lookups(self) -> None:
        """Free what only placing the quotes reads (the shingle index, the phrase spreads and
        the caches) before the output is made: for a giant family, memory the output needs."""
        self.index, self.spread, self._windows, self._alias_cache = {}, {}, {}, {}
        self._last_keys, self._last_grams = None, set()
        self.stats = None

    def index_scored(self) -> None:
        """The scored decision's model and the days each family is quoted with each 3-gram."""
        self.scorer = self.o.scored_model or shipped_scored()
        stats = PhraseStats()
        for n in self.nodes:
            fam = self._family(n.speaker)
            for i in n.members:
                stats.add(fam, n.keys, self.days[i])
        self.stats = stats

    # tier 6: lone late re-quotes ----------------------------------------------------
    def _lone(self, cid: int) -> str | None:
        """The article of an utterance quoted by one article only, else None."""
        arts = [a for a, ns in self.clusters[cid].articles.items() if ns]
        return arts[0] if len(arts) == 1 else None

    def _requote_match(self, node_id: int, cid: int, need: int) -> int:
        """A member of ``cid`` sharing ``need``+ words in one run with the node, or
        containing it or contained in it with ``need``+ words, all but a word or so in
        runs of 3+ ("What difference at this point does it make?" in "What difference - at
        this point, what difference does it make?"), else -1."""
        n = self.nodes[node_id]
        for m in self.clusters[cid].nodes[: self.o.max_members_checked]:
            mk = self.nodes[m]
            short, long_ = sorted((n, mk), key=lambda x: len(x.keys))
            if len(short.keys) < need:
                continue
            sk = flipped_like(short.keys, long_.keys)  # "coal miners and coal companies"
            if f" {' '.join(sk)} " in f" {long_.kstr} ":
                return m
            blocks = _blocks(sk, long_.keys)
            if any(b[2] >= need for b in blocks) or sum(
                    b[2] for b in blocks if b[2] >= 3) >= NEAR_CONTAINED * len(short.keys):
                return m
        return -1

    def _candidates(self, node_id: int) -> list[int]:
        hits = self._hits(self.nodes[node_id].keys)
        out = []
        for cid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0])):
            cid = self._live(cid)
            if cid not in out:
                out.append(cid)
        return out

    def _live(self, cid: int) -> int:
        while cid in self.merged:
            cid = self.merged[cid]
        return cid

    def _merge(self, src: int, dst: int, via: int) -> None:
        s, d = self.clusters[src], self.clusters[dst]
        if self.nodes[s.leader].mention or self.nodes[d.leader].mention:
            return  # a mentioned term's utterance stays its own (``make_nodes``)
        d.aliases |= ({s.speaker} | s.aliases) - {d.speaker, None}
        for nid in s.nodes:
            n = self.nodes[nid]
            n.cluster = dst
            if nid == s.leader:
                n.via, n.score = via, 1.0
            d.nodes.append(nid)
            for a in {self.refs[i].article_id for i in n.members}:
                d.articles[a].append(nid)
        if s.dmin is not None:
            d.dmin = s.dmin if d.dmin is None else min(d.dmin, s.dmin)
            d.dmax = s.dmax if d.dmax is None else max(d.dmax, s.dmax)
        d.said = _said_meet(d.said, s.said)
        s.nodes, s.articles = [], defaultdict(list)
        self.merged[src] = dst

    def rejoin_requotes(self) -> None:
        """An utterance quoted by a single article, dated after an earlier utterance of the
        same speaker beyond the date rule, joins it when they share a long run of words
        (``requote_run``): one late article re-quoting an old statement, not a new occasion
        (a line repeated on a new occasion is news again: several articles print it). Other
        quotes of that article then join the same earlier utterances on the usual terms."""
        need = self.o.requote_run
        span = self.o.max_span_days
        tied: dict[str, set[str]] = defaultdict(set)  # late article -> earlier articles
        direct: dict[str, list[int]] = defaultdict(list)  # late article -> utterances joined
        order = sorted(range(len(self.clusters)),
                       key=lambda c: (-len(self.nodes[self.clusters[c].leader].keys), c))
        for late in order:
            c = self.clusters[late]
            art = self._lone(late)
            lead = self.nodes[c.leader]
            # its own attribution says it is old ("her March comment", in June): a re-quote
            dated_old = c.dmin is not None and c.said[1] is not None and c.said[1] < c.dmin - span
            if (art is None or c.speaker is None or c.dmin is None
                    or len(lead.keys) < (self.o.gram if dated_old else need)):
                continue
            weaker: list[tuple[int, int]] = []  # dated-old matches on the usual terms
            for cid in self._candidates(c.leader)[: self.o.max_candidates]:
                e = self.clusters[cid]
                if (cid == late or self._speaker_rel(c.speaker, cid) not in (0, 1)
                        or e.dmin is None or e.dmin >= c.dmin or not _said_ok(c.said, e.said)
                        or _span_ok(c.dmin, c.dmax, e.dmin, e.dmax, span) or e.articles.get(art)):
                    continue
                m = self._requote_match(c.leader, cid, need) if len(lead.keys) >= need else -1
                if m >= 0:
                    tied[art].update(a for a, ns in e.articles.items() if ns)
                    direct[art].append(cid)
                    self._merge(late, cid, m)
                    break
                # ... and the earlier utterance is known from that time: dated so by its own
                # attribution, or printed then (not an undated re-quote of a stump line)
                if (dated_old and (e.said[0] is not None or e.dmin <= c.said[1] + span)
                        and (m := self._usual_match(late, cid)) >= 0):
                    weaker.append((cid, m))
            else:
                # a few words only when one earlier utterance holds them
                if len(weaker) == 1 or (weaker and len(lead.keys) > self.o.short_len):
                    self._merge(late, *weaker[0])
        self._rejoin_short_requotes(order)
        self._rejoin_dated_pairs(order)
        if tied:
            self._rejoin_tied_articles(order, tied, direct)

    def _rejoin_tied_articles(self, order: list[int], tied: dict[str, set[str]],
                              direct: dict[str, list[int]]) -> None:
        """The tied article's other quotes of that speaker join utterances of the articles it
        re-quotes on the usual terms (containment, alignment); a few words only when
        exactly one such utterance holds them."""
        by_article: dict[str, list[int]] = defaultdict(list)
        for cid, c in enumerate(self.clusters):
            for a, ns in c.articles.items():
                if ns:
                    by_article[a].append(cid)
        for late in order:
            c = self.clusters[late]
            art = self._lone(late)
            if art is None or art not in tied or late in self.merged or c.dmin is None:
                continue
            lead = self.nodes[c.leader]
            found = self._tied_matches(late, art, sorted({self._live(x) for x in direct[art]}))
            if not found:
                found = self._tied_matches(
                    late, art, sorted({self._live(x) for a in tied[art] for x in by_article[a]}))
            if len(found) == 1 or (found and len(lead.keys) > self.o.short_len):
                self._merge(late, *found[0])

    def _usual_match(self, late: int, cid: int, catchphrases: bool = True) -> int:
        """A member of ``cid`` that the late utterance's leader matches on the terms of
        tiers 3-4 (containment, not of a catchphrase; alignment; an alias only on a certain
        match), without the date rule."""
        c = self.clusters[late]
        lead = self.nodes[c.leader]
        alias = self._speaker_rel(c.speaker, cid) == 1
        m = self._contained(c.leader, cid)
        if m >= 0 and ((alias and len(lead.keys) < 4)
                       or (catchphrases and self._recurring(c.speaker, lead.keys))):
            m = -1
        if m < 0 and len(lead.keys) > self.o.gram:
            _, m = self._aligned(c.leader, cid, alias, strict=alias)
        return m

    def _rejoin_short_requotes(self, order: list[int]) -> None:
        """A lone late quote of 3 to ``short_len`` words ("his 'Second Amendment people'
        remark") joins the one earlier utterance of its speaker, within
        ``requote_short_days``, whose words contain it; none when several do."""
        short_gap = self.o.short_span_days
        for late in order:
            c = self.clusters[late]
            art = self._lone(late)
            lead = self.nodes[c.leader]
            if (late in self.merged or art is None or c.speaker is None or c.dmin is None
                    or not 3 <= len(lead.keys) <= self.o.short_len
                    or sum(w not in STOPWORDS for w in lead.keys) < 3 or self._recurring(c.speaker, lead.keys)):
                continue  # ("bomb the hell", "right to be angry": too common to point back)
            found: dict[int, int] = {}
            for cid in self._candidates(c.leader):
                e = self.clusters[cid]
                if (cid == late or cid in found or e.speaker != c.speaker or e.dmin is None
                        or e.dmin >= c.dmin or e.articles.get(art) or not _said_ok(c.said, e.said)
                        or c.dmin - e.dmax > self.o.requote_short_days
                        or _span_ok(c.dmin, c.dmax, e.dmin, e.dmax, self.o.max_span_days, short_gap)):
                    continue
                m = self._contained(c.leader, cid)
                if m >= 0:
                    found[cid] = m
            if len(found) == 1:
                self._merge(late, *next(iter(found.items())))

    def _rejoin_dated_pairs(self, order: list[int]) -> None:
        """A lone late two-word quote whose own attribution dates it well before its article
        ("last month, Comey called it 'extremely careless'") joins the one earlier utterance
        of its speaker, known from that time, that holds its two words; none when several
        do, nor when the two words are a slogan of the speaker (``_recurring_pair``). (Too
        short for the 3-gram index: the utterances are scanned once, as ``place_pairs`` does.)"""
        span = self.o.max_span_days
        wanted: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
        for late in order:
            c = self.clusters[late]
            lead = self.nodes[c.leader]
            if (late in self.merged or len(lead.keys) != 2 or c.speaker is None or c.dmin is None
                    or c.said[1] is None or c.said[1] >= c.dmin - span or self._lone(late) is None
                    or self._recurring_pair(c.speaker, lead.keys)):
                continue
            wanted[(c.speaker, lead.keys)].append(late)
        if not wanted:
            return
        lates = {late for ids in wanted.values() for late in ids}  # (re-quotes point back, never to each other)
        # late -> earlier utterance -> (a member holding the two words alone?, the member)
        found: dict[int, dict[int, tuple[bool, int]]] = defaultdict(dict)
        for cid, e in enumerate(self.clusters):
            if cid in self.merged or cid in lates or e.dmin is None or self.nodes[e.leader].mention:
                continue
            for m in e.nodes[: self.o.max_members_checked]:
                k = self.nodes[m].keys
                for j in range(len(k) - 1):
                    for late in wanted.get((e.speaker, k[j:j + 2]), ()):
                        c = self.clusters[late]
                        if (cid != late and e.dmin < c.dmin and _said_ok(c.said, e.said)
                                and (e.said[0] is not None or e.dmin <= c.said[1] + span)
                                and not e.articles.get(self._lone(late))):
                            found[late][cid] = max(found[late].get(cid, (False, m)), (len(k) == 2, m))
        for late in sorted(found):
            # the one utterance printing the two words alone then (others may hold them in a
            # longer passage), else the one holding them
            same = [(cid, m) for cid, (alone, m) in found[late].items() if alone]
            pick = same if same else [(cid, m) for cid, (_, m) in found[late].items()]
            if len(pick) == 1 and late not in self.merged:
                self._merge(late, self._live(pick[0][0]), pick[0][1])

    def _tied_matches(self, late: int, art: str, cids: list[int]) -> list[tuple[int, int]]:
        """(utterance, member) pairs of ``cids`` that the late utterance's leader matches
        (containment either way, or alignment); the late article may already be in them
        (split parts of its re-quote), but not with an overlapping quote."""
        c = self.clusters[late]
        lead = self.nodes[c.leader]
        found = []
        for cid in cids:
            e = self.clusters[cid]
            rel = self._speaker_rel(c.speaker, cid)
            if (cid == late or rel not in (0, 1) or e.dmin is None or e.dmin >= c.dmin
                    or not _said_ok(c.said, e.said)):
                continue
            if e.articles.get(art) and self._conflicts(c.leader, cid):
                continue
            # (a catchphrase check would count the late article's own words: it is tied already)
            m = self._usual_match(late, cid, catchphrases=False)
            if m < 0 and rel == 0:
                m = next((x for x in e.nodes[: self.o.max_members_checked]
                          if len(self.nodes[x].keys) >= 3
                          and f" {self.nodes[x].kstr} " in f" {lead.kstr} "), -1)
            if m >= 0:
                found.append((cid, m))
        return found

    # tier 7: the parts of a split quote ----------------------------------------------
    def join_split_parts(self) -> None:
        """Two parts of one split quote (“A,” he said. “B.”: ``splitparts.adjacent_parts``)
        in different utterances become one when another article's member of A's utterance
        goes on with B's words where A's stop (or a member of B's leads up to B with A's),
        or when ``SPLIT_ARTICLES`` articles split the same two utterances so, or when the parts
        next to one utterance's part in two articles hold the same words (``_join_like_parts``)."""
        refs = self.refs
        cols = ([r.start for r in refs], [r.end for r in refs], [r.article_id for r in refs],
                [r.speaker_id for r in refs], [r.text for r in refs])
        wide = adjacent_parts(*cols, gap=SPLIT_EDITION_GAP)
        if not wide:
            return
        near = set(adjacent_parts(*cols))
        node_of = {i: nid for nid, n in enumerate(self.nodes) for i in n.members}
        # utterances -> (article, its outlet, parted by no more than an attribution)
        split_by: dict[tuple[int, int], set[tuple[str, str | None, bool]]] = defaultdict(set)
        beside: dict[tuple[int, bool], list[tuple[str, int]]] = defaultdict(list)  # (utterance, after) -> parts
        for i, j in wide:
            a, b = node_of[i], node_of[j]
            ca, cb = self._live(self.nodes[a].cluster), self._live(self.nodes[b].cluster)
            if ca == cb or not _said_ok(self.clusters[ca].said, self.clusters[cb].said):
                continue
            art = refs[i].article_id
            split = (art, refs[i].outlet, (i, j) in near)
            if not split[2]:  # parted by more than an attribution: editions alike only
                split_by[(min(ca, cb), max(ca, cb))].add(split)
            elif (m := self._continued(b, a, ca, art, after=True)) >= 0:
                self._merge(cb, ca, m)
            elif (m := self._continued(a, b, cb, art, after=False)) >= 0:
                self._merge(ca, cb, m)
            else:
                split_by[(min(ca, cb), max(ca, cb))].add(split)
                beside[(ca, True)].append((art, b))
                beside[(cb, False)].append((art, a))
        for (ca, cb), splits in sorted(split_by.items()):
            ca, cb = self._live(ca), self._live(cb)
            if (_split_alike(splits) and ca != cb
                    and _said_ok(self.clusters[ca].said, self.clusters[cb].said)):
                self._merge(cb, ca, self.clusters[ca].leader)
        self._join_like_parts(beside)

    def _join_like_parts(self, beside: dict[tuple[int, bool], list[tuple[str, int]]]) -> None:
        """Parts that follow (or lead up to) one utterance's part in two articles, one holding
        the other's words (3+), are that utterance's too: two outlets print the same split
        quote and cut its other part at different places."""
        for (cid, _), parts in sorted(beside.items()):
            for (x, p), (y, q) in combinations(parts, 2):
                short, long_ = sorted((self.nodes[p], self.nodes[q]), key=lambda n: len(n.keys))
                if x == y or len(short.keys) < SPLIT_RUN or f" {short.kstr} " not in f" {long_.kstr} ":
                    continue
                dst = self._live(cid)
                for n in (p, q):
                    src = self._live(self.nodes[n].cluster)
                    if src != dst and _said_ok(self.clusters[src].said, self.clusters[dst].said):
                        self._merge(src, dst, self.clusters[dst].leader)

    def _continued(self, part: int, other: int, cid: int, art: str, after: bool) -> int:
        """A member of ``cid`` from another article holding ``other``'s words and, next to
        them, ``part``'s (``splitparts.continues``), else -1."""
        for m in self.clusters[cid].nodes[: self.o.max_members_checked]:
            if all(self.refs[k].article_id == art for k in self.nodes[m].members):
                continue
            start, end = self._window(other, m)
            if end <= start:
                continue
            mk = self.nodes[m].keys
            if continues(self.nodes[part].keys, mk[end:] if after else mk[:start], after):
                return m
        return -1

    # tier 8: the learned pair decision ------------------------------------------------
    def join_by_model(self, model: PairModel) -> None:
        """Named utterances the rules left apart that share a content 3-gram: the leader of
        one against the first members of the other (``pair_decision``); a probability at the
        model's threshold or above joins them."""
        live = [c for c in range(len(self.clusters))
                if len(self.clusters[c].nodes) == 1 and self.clusters[c].speaker]  # a lone quote joins
        live.sort(key=lambda c: (-len(self.nodes[self.clusters[c].leader].keys), c))
        cands = {c: [e for e in self._candidates(self.clusters[c].leader)[: self.o.max_candidates]
                     if e != c and self.clusters[e].speaker and self._speaker_rel(self.clusters[c].speaker, e) >= 0]
                 for c in live}
        want = {g for c, es in cands.items() if es for n in (self.clusters[c].leader,
                *(m for e in es for m in self.clusters[e].nodes[: self.o.max_aligned_members]))
                for g in grams(self.nodes[n].keys)}
        stats = PhraseStats()
        for n in self.nodes:
            for i in n.members:
                stats.add(self._family(n.speaker), n.keys, self.days[i], want)
        for c in live:
            lead = self.clusters[c].leader
            for e in cands[c]:
                src, dst = self._live(c), self._live(e)
                if src == dst or src != c:
                    break
                rel = self._speaker_rel(self.nodes[lead].speaker, dst)
                m = next((m for m in self.clusters[dst].nodes[: self.o.max_aligned_members] if rel >= 0
                          and model.probability(pair_features(self._side(lead), self._side(m), stats,
                                                             self._family(self.nodes[lead].speaker), rel))
                          >= model.threshold), -1)
                if m >= 0:
                    self._merge(src, dst, m)
                    break

    def _side(self, node_id: int) -> PairSide:
        n = self.nodes[node_id]
        return PairSide(n.keys, n.speaker, n.dmin, n.dmax, n.said,
                        frozenset(self.refs[i].outlet for i in n.members if self.refs[i].outlet),
                        any(self.refs[i].said_from for i in n.members),
                        any(self.refs[i].unsure for i in n.members))


def _name_words(name: str | None) -> list[str]:
    return [w for w in map(fold_word, (name or "").split()) if w]


def alias_family(name: str | None) -> str:
    """The key two speakers must share to be aliases of each other (``_Grouper._alias``
    compares the same last word): the folded surname. Speakers with different keys never
    share an utterance."""
    words = _name_words(name)
    return words[-1] if words else ""


# --- public API ------------------------------------------------------------------------

def group_utterances(quotes: list[QuoteRef], options: GroupingOptions | None = None,
                     with_diffs: bool = True) -> UtteranceIndex:
    """Group quotes into utterances and compare each with its reference (see module doc),
    the cycle collector paused (``gcpause``: the grouping's objects form no cycles)."""
    with cycles_paused():
        return _group_utterances(quotes, options, with_diffs)


def _group_utterances(quotes: list[QuoteRef], options: GroupingOptions | None,
                      with_diffs: bool) -> UtteranceIndex:
    opts = options or GroupingOptions()
    seen: dict[str, QuoteRef] = {}
    for q in quotes:
        seen.setdefault(q.quote_id, q)
    refs = [seen[k] for k in sorted(seen)]
    g = _Grouper(refs, opts)
    g.run()
    g.release_lookups()

    utterances: list[Utterance] = []
    variants: list[Variant] = []
    utterance_of: dict[str, str] = {}
    for c in g.clusters:
        if not c.nodes:
            continue  # merged into another utterance
        made: dict[str, list[Unit]] = {}  # this utterance's units by text (``_units_of``)
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
                if sum(b[2] for b in bl if b[2] >= 2) < 2 and node.via >= 0:
                    # a split part that does not overlap the reference: compare it with
                    # the member it was matched against
                    target = min(g.nodes[node.via].members, key=lambda i: refs[i].quote_id)
            for i in node.members:
                utterance_of[refs[i].quote_id] = uid
                if i == ref_i:
                    rel, sim = "reference", 1.0
                    diff = [["equal", collapse_space(refs[i].text)]] if with_diffs else []
                else:
                    tu, vu = _units_of(made, refs, target), _units_of(made, refs, i)
                    rel, sim = classify(tu, vu, refs[target].text, refs[i].text)
                    diff = diff_units(tu, vu) if with_diffs else []
                variants.append(Variant(refs[i].quote_id, uid, refs[target].quote_id, rel, sim, diff))
    utterances.sort(key=lambda u: u.id)
    variants.sort(key=lambda v: (v.utterance_id, v.quote_id))
    return UtteranceIndex(utterances, variants, utterance_of)


def _units_of(made: dict[str, list[Unit]], refs: list[QuoteRef], i: int) -> list[Unit]:
    """Quote ``i``'s ``textnorm`` units, made once per text in an utterance (``made``: the
    same words printed alike by several outlets are one text)."""
    text = refs[i].text
    us = made.get(text)
    if us is None:
        us = made[text] = units(text)
    return us


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
