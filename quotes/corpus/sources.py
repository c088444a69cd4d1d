"""Checking quotes against primary sources: which passage of a transcript each quote reports.

``align_sources(segments, quotes)`` takes the speaker turns of the sources (``Segment``: a
turn's words, its speaker ids and its day) and the quotes to check (``QuoteToCheck``: with
their utterance, speaker and dates) and returns a ``SourceIndex``: for every quote found
in a source, a ``SourceMatch`` (the passage, its offsets in the source, the quote's relation
to it and a word diff), and for every utterance an ``UtteranceCheck`` with its state:

- ``confirmed``: a passage of the speaker's sources reports it;
- ``not found``: the speaker has sources from the days it may have been said, and no
  passage of them holds it;
- ``no source``: no source of the speaker from those days.

How a quote is found, cheapest first, never all pairs:

1. **Candidates.** The word 3-grams (with a content word) of every quote are looked up in an
   inverted index of its speaker's 3-grams in the sources (only the 3-grams some quote of
   that speaker has are indexed; one found in more than ``max_posting`` places of the
   speaker's words is too common to point anywhere). Only turns from the days it may have
   been said (its attribution's days, else ``window_days`` before its article up to its
   day, where the days its article names narrow or widen the window) count, and none of
   another kind of occasion than the one its article names (``corpus.occasions``: words
   "told CNN" are in no speech's transcript). The places are
   voted by source and position; the best few regions are aligned.
2. **Alignment** (rapidfuzz LCS, as the grouping of utterances does): a quote of
   ``short_len`` (5) words or fewer must appear in the region word for word (its words a
   contiguous run), and in one place only of all the candidate sources; a longer one must
   have ``coverage`` (70 %; 80 % up to ``medium_len``, 10 words) of its words in shared runs
   of 2+ words holding a content word, with a run of ``min_run`` (3) and two content words,
   or one run of ``long_run`` (8) words with ``long_run_coverage`` (40 %): reworded around it;
   or, with 40 %, runs of ``min_run`` words (``delivered_words``, 12, in all) holding
   ``delivered_coverage`` (90 %) of the source from the first run to the last: a prepared
   text quoted as delivered, the speaker's ad-libs between its phrases (``_delivered``).
   A stump line printed with a few words of another occasion ("We are going to win so
   much" against "We're going to win with Trump") is not found. A quote of ``short_len`` to
   ``medium_len`` words not found so, with one word the outlet inserted or changed and the
   rest word for word in order, is found in one place only (``_Aligner.one_off``).
3. **Re-quotes.** A quote of ``requote_len`` (6) words or more that is not found in the
   sources of its days is looked for in all the sources of its speaker, and found only when
   ``requote_coverage`` (90 %) of its words match in exactly one source, earlier than the
   quote: "When Mexico sends its people, they're not sending their best," printed eight
   months after the speech. A line found in several sources is a stump line ("This could be
   the great Trojan horse of all time"): an article printing it weeks later may report any
   rally, transcribed or not.
4. **The article's occasion.** A quote of a few words not found alone, whose article has
   other quotes of its speaker found in a source, is looked for in those turns word for
   word (a plural for a singular allowed), in one place (``_one_place``; said in several
   places of one source, the one beside the words the article prints next to the quote:
   ``_by_context``): "absolute necessity". A quote of a few words (one word too) whose
   article names the day or the debate it was said at, or the place or name in the title of
   a source (``corpus.occasions``), when one source of the speaker is that occasion, is
   looked for in it the same way ("guarantee", printed beside "at the debate"; "rapists",
   beside "in his announcement speech"). A longer quote is looked for in those turns
   reworded, on an utterance member's terms (``reworded``). Two content words ("bad
   dudes", too short for the 3-gram index) are looked for the same way in the one source of
   the speaker from their days, when there is one (``_found_two_words``).
   A quote of one to three words printed in the paragraph of another quote of its article
   found in a source is the place of its words nearest that quote's passage
   (``_found_next_to``). Where a few words are in several places, or one word is looked
   for where the article names no occasion, the place the article's words around the quote
   point to (``corpus.context``: rare words of the speaker's sources near that place, and
   not near the others) is taken, else none; a quote of one to three words not found yet is
   looked for so in all the sources of its days (``_found_by_article``: "a disaster",
   beside "the Iran deal").
5. **Occasion certain, place not.** Words a rule found in several places of ONE source and
   could not choose between (a phrase the speaker said three times in the speech) are at the
   first of them, with ``places`` saying how many, when that source is the occasion the
   article names among the sources of its days, or the only one of all the speaker's sources
   up to the article that holds the words (``_found_first``); in several sources, none. When
   another quote of its utterance is found, the place near that quote's passage instead (6).
6. **Utterances.** An utterance takes the source most of its quotes were found in; its
   other quotes are then looked for inside that passage, which the utterance makes
   certain: a few words (a cut printed by one outlet) word for word (said several times
   near it: the place inside the passage, else the nearest); a longer
   rewording with ``member_coverage`` (60 %) of its words in shared runs, as the grouping
   joins them.

When the speaker said the same line on several occasions (a stump speech), the region that
matches best wins, then the occasion closest before the article (the latest one that fits).

Relations of a printed version to its passage (``relation_to_source``): ``verbatim`` (the
same words with the same punctuation, up to typography and the quote's edges),
``punctuation`` (the same words, punctuation or case differ), ``truncation`` (words of the
passage left out inside the quote, e.g. an ellipsis), ``words changed``, ``words inserted``
(including an editor's [bracketed] words, flagged ``bracketed``, and the ad-libs of a prepared
text quoted as delivered, however many), ``paraphrase`` (reworded: only some words kept): ``relations.SOURCE_RELATIONS``, in order of gravity.
"""
from __future__ import annotations

import datetime as dt
from sys import intern
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from rapidfuzz.distance import Levenshtein

from quotes.corpus.context import AROUND as CONTEXT_AROUND, ContextScore, article_words, stem
from quotes.corpus.occasions import (NONE, Occasion, attribution_words, event_keys, kind_of_title, naming_keys,
                                     occasion_of, place_keys, title_keys, title_words)
from quotes.corpus.speakers import name_key, name_words, speakers_of_name
from quotes.corpus.textnorm import STOPWORDS, Unit, edge_fold, folds, typographic, units
from quotes.corpus.worddiff import Diff, diff_units
from quotes.lexicon.names import name_and_role
from quotes.lexicon.words import SAID_THE_SAME, SOUND_ALIKE

STATES = ("confirmed", "not found", "no source")


@dataclass
class Segment:
    """One speaker turn of a source, as the alignment sees it."""

    source_id: str
    turn: int  # the turn's number in its source
    speaker_ids: frozenset[str]  # the speaker index ids its speaker may be (see resolve_speaker)
    day: str | None  # ISO day of the occasion; None: undated (fits any quote)
    text: str  # the turn's words
    offset: int  # where they start in the source's text
    title: str | None = None  # the source's occasion ("Republican Candidates Debate in ...")
    speaker_name: str | None = None  # the turn's speaker as the source names them ("Donald Trump")


@dataclass
class QuoteToCheck:
    quote_id: str
    utterance_id: str | None
    speaker_id: str | None
    text: str
    published: str | None = None
    said_from: str | None = None
    said_to: str | None = None
    article_id: str | None = None  # the quotes of one article that report one occasion
    context: str | None = None  # the article's words around the quote (``corpus.occasions``)
    context_at: int = 0  # where the quote starts and ends in them
    context_end: int = 0
    article_names: tuple[tuple[str, ...], ...] = ()  # the events its article names (``occasions.event_names``)


@dataclass
class SourceMatch:
    quote_id: str
    utterance_id: str | None
    source_id: str
    turn: int
    start: int  # offsets of the passage in the source's text
    end: int
    passage: str
    relation: str
    similarity: float
    bracketed: bool
    diff: Diff  # from the passage to the quote (worddiff)
    how: str  # "aligned", "re-quote" (an earlier occasion) or "in the utterance's passage"
    places: int = 1  # places of the source, more than a breath apart, that hold the quote's words


@dataclass
class UtteranceCheck:
    utterance_id: str
    state: str
    source_id: str | None = None
    start: int | None = None
    end: int | None = None
    passage: str | None = None
    n_quotes: int = 0  # its quotes
    n_found: int = 0  # of them found in the source
    n_sources: int = 0  # sources of the speaker from the days it may have been said


@dataclass
class SourceIndex:
    utterances: list[UtteranceCheck]
    matches: list[SourceMatch]


@dataclass
class SourceOptions:
    window_days: int = 7  # an undated quote reports an occasion this many days before its article
    late_days: int = 0  # ... up to this many days after it (0: nobody prints words not yet said)
    max_posting: int = 200  # a 3-gram in more places than this points nowhere
    max_regions: int = 4  # regions aligned per quote, best by shared 3-grams
    short_len: int = 5  # quotes this short: word for word, in one place only
    coverage: float = 0.7  # share of a longer quote's words in shared runs
    medium_len: int = 10  # quotes this short need
    short_coverage: float = 0.8  # this share
    min_run: int = 3
    long_run: int = 8  # a quote sharing a run this long with a passage reports it, reworded around it,
    long_run_coverage: float = 0.4  # when this share of its words is in shared runs
    # prepared text quoted as delivered: runs of ``min_run`` words, this many words in all, that
    # hold ``delivered_coverage`` of the passage from the first to the last (the speaker's
    # ad-libs between them are the outlet's extra words), with ``long_run_coverage`` of the quote
    delivered_words: int = 12
    delivered_coverage: float = 0.9
    context: int = 60  # words around an utterance's passage searched for its short quotes
    member_coverage: float = 0.6  # a longer quote of a found utterance, inside its passage
    requote_len: int = 6  # a quote this long that matches with
    requote_coverage: float = 0.9  # this share of its words is found in any earlier source


# --- located words ---------------------------------------------------------------------

def located_units(text: str) -> tuple[list[Unit], list[tuple[int, int]]]:
    """The word units of a source text (``textnorm.units``) and each one's character span,
    without stage directions ("(APPLAUSE)", "[LAUGHTER]"): nobody said them."""
    out_units, spans = [], []
    pos = 0
    for u in units(text):
        toks = u.surface.split()
        first = text.find(toks[0], pos)
        if first < 0:  # cannot happen: units only add spaces; keep going rather than fail
            continue
        end = first + len(toks[0])
        for tok in toks[1:]:
            at = text.find(tok, end)
            if at >= 0:
                end = at + len(tok)
        pos = end
        if u.bracket or _stage_direction(u.surface):
            continue
        out_units.append(u)
        spans.append((first, end))
    return out_units, spans


def _stage_direction(surface: str) -> bool:
    s = surface.strip(" ,.;:!?\"'")
    return len(s) > 2 and s[0] == "(" and s[-1] == ")" and s[1:-1].replace(" ", "").isupper()


BESIDE = "with the article's other quotes"  # ``how``: found where the article's other quotes were
NAMED = "in the occasion the article names"  # ``how``: found in the one source its article names
BY_ARTICLE = "by the article's words around it"  # ``how``: the place the article's words point to
# ``how``: a long quote given to nobody or to a speaker without sources, found word for word in
# the sources of a speaker its article quotes (``_found_for_article_speaker``)
ARTICLE_SPEAKER = "in the sources of a speaker its article quotes"
ON_STAGE = ("debate", "speech")  # kinds of occasion (``occasions.kind_of``) said before an audience
ONE_WORD = 4  # letters of a quote of one word, looked for in its article's occasion
AROUND = 6  # words each side of a place of a few words, read for the article's words (``_by_context``)
NEXT = 3  # words the article prints each side of a quote, looked for there


def _same_kind(named: str | None, kind: str | None, strict: bool = False) -> bool:
    """A source's kind of occasion does not contradict the one an article names: words said
    off stage (an interview, a statement) are not in a transcript of a debate or a speech, and
    back; a debate and a speech only when ``strict`` (an article's "rally" may be another
    event's: "footage of a protester punched at a Trump rally" beside a debate answer)."""
    if named is None or kind is None or named == kind:
        return True
    return not strict and named in ON_STAGE and kind in ON_STAGE


# words (some 8 seconds of speech): the same few words this close in one turn are one place,
# said again in one breath ("let me talk. Quiet. ... let me talk. Let me talk.")
BREATH = 20


def _one_place(places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Places (turn, word) of a few words; those in one turn within ``BREATH`` words of
    each other are one place, said again in one breath: the first stands for them."""
    if len({si for si, _ in places}) == 1 and max(d for _, d in places) - min(d for _, d in places) <= BREATH:
        return [min(places)]
    return places


def _count_places(places: list[tuple[int, int]]) -> int:
    """How many places (turn, word) of a few words there are: those of one turn within
    ``BREATH`` words of the one before are one place, said again in one breath."""
    n, last = 0, None
    for si, d in sorted(places):
        if last is None or si != last[0] or d - last[1] > BREATH:
            n += 1
        last = (si, d)
    return n


# the rules that keep the first of several places of one source (``_Aligner.keep_first``), by
# how much they know of the occasion: the one source the article names, then the turns of the
# article's other quotes (or the one source of the days), then the sources of the quote's days
FIRST_RANK = {NAMED: 2, BESIDE: 1, "aligned": 0}


def _fits_at(keys: list[str], window: list[str], j: int) -> bool:
    """The quote's ``j``-th word is the window's: the same, or at the quote's edge the half
    of a pair the source folds across it (``textnorm.edge_fold``: "is" of "That's", when
    the quote starts with "is the problem")."""
    return keys[j] == window[j] or (j == 0 and edge_fold(keys[j], window[j], True)) or (
        j == len(keys) - 1 and edge_fold(keys[j], window[j], False))


def _keys_fit(keys: list[str], window: list[str]) -> bool:
    """The quote's words are the window's, word for word (``_fits_at``)."""
    if len(keys) != len(window):
        return False
    return keys == window or (keys[1:-1] == window[1:-1] and _fits_at(keys, window, 0)
                              and _fits_at(keys, window, len(keys) - 1))


def _one_left_out(keys: list[str], window: list[str]) -> bool:
    """``window`` is the quote's words with one word more inside them: a word of the source
    the outlet left out (its edges as ``_fits_at``). The first place they part is where it
    was: when the words after it repeat, any of them may be, and that one is too."""
    n = len(keys)
    if n < 2 or len(window) != n + 1 or not _fits_at(keys, window, 0):
        return False
    p = 1
    while p < n - 1 and keys[p] == window[p]:
        p += 1
    return keys[p:-1] == window[p + 1:-1] and (keys[-1] == window[-1] or edge_fold(keys[-1], window[-1], False))


def _keys(us: list[Unit]) -> list[str]:
    """The keys a quote is matched on: an editor's [bracketed] words left out (nobody said them)."""
    return [intern(u.key) for u in us if not u.bracket] or [intern(u.key) for u in us]


def _content_grams(keys: list[str], gram: int = 3) -> list[tuple[int, int]]:
    out = []
    for i in range(len(keys) - gram + 1):
        g = tuple(keys[i:i + gram])
        if any(k not in STOPWORDS for k in g):
            out.append((i, hash(g)))
    return out


def _edge_grams(keys: list[str]) -> list[tuple[int, int]]:
    """The 3-grams at a quote's edges with its edge word as a pair the source may fold across
    the edge (``textnorm.folds``): "is the biggest", printed from "That's the biggest", is
    looked up as "that's the biggest" too (its own 3-gram points nowhere)."""
    if len(keys) < 3:
        return []
    out = [g for f in folds(keys[0], True) for g in _content_grams([f] + keys[1:3])]
    return out + [(len(keys) - 3, g) for f in folds(keys[-1], False) for _, g in _content_grams(keys[-3:-1] + [f])]


def _less_one_grams(keys: list[str], o: SourceOptions) -> list[tuple[int, int]]:
    """The 3-grams of a quote of ``short_len`` words without one of its middle words (a word
    the outlet inserted there breaks all of its own 3-grams; ``_Aligner.one_off``)."""
    if len(keys) != o.short_len:
        return []
    return [g for j in range(1, len(keys) - 1) for g in _content_grams(keys[:j] + keys[j + 1:])]


# --- speakers ----------------------------------------------------------------------------

def resolve_speaker(name: str | None, speakers: list[tuple[str, str, list[str], int]]) -> frozenset[str]:
    """The speaker index ids a source's speaker name may be.

    ``speakers``: (id, name, roles, number of quotes). "SECRETARY AUSTIN" and "MR. KIRBY"
    are a title and a name: the speakers it may name fit (``speakers.speakers_of_name``,
    the corpus's same-person rule). A transcript names people by their surname, so when
    several with full names fit, those whose surname is the label's last word, then those
    whose roles hold the title ("Defense Secretary"), then the most quoted. A speaker
    known by the surname alone ("Trump", kept apart by the speaker index when the surname
    is ambiguous) is the same person too."""
    if not name:
        return frozenset()
    bare, role = name_and_role(" ".join(w.capitalize() if w.isupper() else w for w in name.split()))
    printed, folded = name_key(bare or name).tokens, name_words(bare or name)
    found = speakers_of_name(bare or name, [(sid, sname) for sid, sname, _, _ in speakers])
    rows = {sid: (name_key(sname).tokens, name_words(sname), roles, n)
            for sid, sname, roles, n in speakers if sid in found}
    alone = [sid for sid in found if len(rows[sid][0]) == 1 and rows[sid][1] == folded[-1:]]
    # the name as printed, then its surname as printed, before a spelling variant
    close = {sid: (rows[sid][0] == printed, rows[sid][0][-1:] == printed[-1:]) for sid in found}
    fits = [(sid, rows[sid][2], rows[sid][3]) for sid in found if len(rows[sid][0]) > 1]
    fits = [f for f in fits if close[f[0]] == max(close[g[0]] for g in fits)]
    if len(fits) > 1 and role:
        word = role.lower().split()[-1]
        fits = [f for f in fits if any(word in r.lower() for r in f[1])] or fits
    if len(fits) > 1:
        fits = [max(fits, key=lambda f: (f[2], f[0]))]
    return frozenset([f[0] for f in fits] + alone)


# --- the alignment -------------------------------------------------------------------------

def _ordinal(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return dt.date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None


def said_days(q: QuoteToCheck, o: SourceOptions, occasion: Occasion = NONE,
              named: bool = False) -> tuple[int | None, int | None]:
    """The days a quote may have been said on: its attribution's (``quotes.extract.dating``),
    else ``window_days`` before its article to ``late_days`` after, where the words around
    it (``corpus.occasions``) may name days: days of that week ("on Thursday afternoon")
    are the days; earlier days ("at the September debate"; but the paragraph's time words may
    date another event: "the attacks, which occurred last year") widen the window back to
    them, unless ``named`` (the days named only). The article's own day named alone
    ("earlier in the day", "on Tuesday" in Tuesday's article) starts the day before: an
    article is often dated the day after it was written (a print edition, a time zone).
    None: unknown."""
    lo, hi = _ordinal(q.said_from), _ordinal(q.said_to)
    pub = _ordinal(q.published)
    if lo is not None and hi is not None:
        return lo - (lo == hi == pub), hi + o.late_days
    if occasion.first is not None and (named or pub is None or occasion.last >= pub - o.window_days):
        return occasion.first - (occasion.first == occasion.last == pub), occasion.last + o.late_days
    if pub is None:
        return None, None
    return min(pub - o.window_days, occasion.first or pub), pub + o.late_days


@dataclass
class _Seg:
    seg: Segment
    spans: list[tuple[int, int]]
    keys: list[str]
    day: int | None
    kind: str | None  # of its source's occasion (``occasions.kind_of_title``)


@dataclass
class _Found:
    seg: int
    lo: int  # unit window of the passage in the segment
    hi: int
    score: float
    how: str = "aligned"
    places: int = 1  # places of its source holding the quote's words (``_count_places``)


class _Aligner:
    def __init__(self, segments: list[Segment], quotes: list[QuoteToCheck], o: SourceOptions,
                 segs: list[_Seg] | None = None, post: dict | None = None,
                 also: list[tuple[QuoteToCheck, list[str]]] = ()):
        self.o = o
        self.quotes = quotes
        # only the quotes of speakers who have sources are read (the others: no source)
        with_sources = set().union(*(s.speaker_ids for s in segments), *(sg.seg.speaker_ids for sg in segs or ()))
        # (only the keys are kept, interned: the units of a quote or a passage are made again
        # for the few that are found)
        self.qkeys = [_keys(units(q.text)) if q.speaker_id in with_sources else [] for q in quotes]
        wanted_speakers = {q.speaker_id for q in quotes if q.speaker_id}
        self.segs: list[_Seg] = []
        if segs is not None:  # the turns another aligner has read (``_found_for_article_speaker``),
            self.segs = list(segs)  # all of them: its index (``post``) and its found turns number them so
        for s in segments if segs is None else ():
            if not (s.speaker_ids & wanted_speakers):
                continue  # nobody quoted: not worth reading
            us, spans = located_units(s.text)
            self.segs.append(_Seg(s, spans, [intern(u.key) for u in us], _ordinal(s.day), kind_of_title(s.title)))
        # the sources of each speaker by day, to count what could have held a quote
        by_speaker: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.undated: dict[str, set[str]] = defaultdict(set)
        for sg in self.segs:
            for sid in sg.seg.speaker_ids:
                if sg.day is None:
                    self.undated[sid].add(sg.seg.source_id)
                else:
                    by_speaker[sid].append((sg.day, sg.seg.source_id))
        self.days = {sid: sorted(set(v)) for sid, v in by_speaker.items()}
        # the words of each speaker's name, as the sources give it: "a Trump rally" names no occasion
        names: dict[str, set[str]] = defaultdict(set)
        for sg in self.segs:
            for sid in sg.seg.speaker_ids:
                names[sid].update(w.lower() for w in name_words(sg.seg.speaker_name or ""))
        # the occasion the article names for each quote: its kind and days
        self.occasions = [occasion_of(q.context, q.context_at, q.context_end, q.published, q.article_names,
                                      frozenset(names.get(q.speaker_id, ())))
                          if q.speaker_id in with_sources else NONE for q in quotes]
        self.kinds = {sg.seg.source_id: sg.kind for sg in self.segs}
        self.source_day = {sg.seg.source_id: sg.day for sg in self.segs}
        # (speaker, key of a title word) -> sources: the titles an article's place or name finds
        self.title_index: dict[tuple[str, str], set[str]] = defaultdict(set)
        # (speaker, any word of a title, whole) -> sources: what an event's name finds (``occasions.names``)
        self.title_word_index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for sg in self.segs:
            for key in title_keys(sg.seg.title):
                for sid in sg.seg.speaker_ids:
                    self.title_index[(sid, key)].add(sg.seg.source_id)
            for word in title_words(sg.seg.title):
                for sid in sg.seg.speaker_ids:
                    self.title_word_index[(sid, word)].add(sg.seg.source_id)
        self.stems: dict[int, list[str]] = {}  # segment -> its keys without a plural -s (``beside``)
        self.weights: dict[str, ContextScore] = {}  # speaker -> the weights of words (``weights_of``)
        # quote -> (rank, the first of several places of one source): used when no rule finds it
        self.first_of_several: dict[int, tuple[int, _Found]] = {}
        # (``segs`` and ``post``: another aligner's turns and index, which ``also`` was indexed for)
        self.post = post if post is not None else self._index(list(zip(self.quotes, self.qkeys)) + list(also))

    def _index(self, quotes: list[tuple[QuoteToCheck, list[str]]]) -> dict:
        """(speaker, 3-gram) -> places (segment, word position), only for the 3-grams some
        quote of that speaker has (of ``quotes``, with their keys): a quote looks among its own
        speaker's words only, so its cost does not grow with the other speakers' sources."""
        wanted = {(q.speaker_id, h) for q, ks in quotes if q.speaker_id
                  for _, h in _content_grams(ks) + _less_one_grams(ks, self.o) + _edge_grams(ks)}
        post: dict[tuple[str, int], list[tuple[int, int]] | None] = {}
        limit = self.o.max_posting
        for si, sg in enumerate(self.segs):
            grams = list(_content_grams(sg.keys))
            for sid in sg.seg.speaker_ids:
                for pos, h in grams:
                    key = (sid, h)
                    if key not in wanted:
                        continue
                    cur = post.get(key, [])
                    if cur is None:
                        continue
                    if len(cur) >= limit:
                        post[key] = None
                        continue
                    cur.append((si, pos))
                    post[key] = cur
        return post

    def days_of(self, qi: int) -> tuple[int | None, int | None]:
        return said_days(self.quotes[qi], self.o, self.occasions[qi])

    def sources_of(self, qi: int, named: bool = False) -> set[str]:
        """Sources of the quote's speaker from the days it may have been said, of a kind of
        occasion the article's does not contradict; ``named``: from the days and of the kind
        its article names."""
        q, kind = self.quotes[qi], self.occasions[qi].kind
        if q.speaker_id is None:
            return set()
        lo, hi = said_days(q, self.o, self.occasions[qi], named)
        days = self.days.get(q.speaker_id, [])
        if lo is not None:
            days = days[bisect_left(days, (lo, "")):bisect_right(days, (hi, "\uffff"))]
        found = {s for _, s in days} | self.undated.get(q.speaker_id, set())
        return {s for s in found if _same_kind(kind, self.kinds.get(s), strict=named)}

    def titled_sources(self, qi: int, naming: list[frozenset[str]] | None = None) -> set[str]:
        """The sources of the quote's speaker, on or before its article, whose title its
        article's place or event name names (``occasions.names_title``; ``naming``: only
        these of its ``naming_keys``), or the proper name of an event the article names
        (``occasions.names``), of a kind it does not contradict."""
        q, occasion = self.quotes[qi], self.occasions[qi]
        if q.speaker_id is None or not (occasion.places or occasion.titled or occasion.names or occasion.called):
            return set()
        found: set[str] = set()
        for keys in naming_keys(occasion) if naming is None else naming:
            hits = [self.title_index.get((q.speaker_id, k), set()) for k in keys]
            found |= set.intersection(*hits) if hits else set()
        for name in occasion.names:  # an event's proper name: its words whole in the title
            found |= set.intersection(*(self.title_word_index.get((q.speaker_id, w), set()) for w in name))
        pub = _ordinal(q.published)
        return {s for s in found if _same_kind(occasion.kind, self.kinds.get(s), strict=True)
                and (pub is None or self.source_day.get(s) is None or self.source_day[s] <= pub)}

    def named_source(self, qi: int) -> str | None:
        """The one source the article names for a quote: its title (its place, its name:
        "in his announcement speech"), with the days it names when it names some; else the
        day (or the debate) it was said at, when one source of the speaker fits (on the last
        of the days named when several do and the days are two at most: the article's own
        and the day before, not the last of a month)."""
        q, occasion = self.quotes[qi], self.occasions[qi]
        dated = q.said_from is not None or occasion.first is not None
        titled = self.titled_sources(qi)
        if titled:
            of_days = titled & self.sources_of(qi, named=dated)
            found = of_days if dated or of_days else self.named_any_day(qi)
        elif not dated and occasion.kind != "debate":
            return None
        else:
            found = self.sources_of(qi, named=True)
        first, last = said_days(q, self.o, occasion, named=True)
        if len(found) > 1 and first is not None and last - first <= 1:
            found = {s for s in found if self.source_day.get(s) == last}
        return next(iter(found)) if len(found) == 1 else None

    def named_any_day(self, qi: int) -> set[str]:
        """The sources an undated article names whatever their day: an event's name ("his
        announcement speech", "the Republican National Convention") or a debate's place ("the
        debate in South Carolina") names one event; a place alone does not ("at a rally in Iowa": many visits, one transcribed),
        so it tells only among the sources of the article's days (``named_source``)."""
        occasion = self.occasions[qi]
        return self.titled_sources(qi, event_keys(occasion) + (place_keys(occasion) if occasion.kind == "debate" else []))

    def _fits(self, sg: _Seg, sid: str, lo: int | None, hi: int | None, kind: str | None = None) -> bool:
        return sid in sg.seg.speaker_ids and _same_kind(kind, sg.kind) and (sg.day is None or (
            (lo is None or lo <= sg.day) and (hi is None or sg.day <= hi)))

    def find(self, qi: int, late: bool = False) -> _Found | None:
        """The quote's passage in the sources of its days; with ``late``, in any earlier
        source, for a long quote that matches almost word for word (a re-quote)."""
        q, keys = self.quotes[qi], self.qkeys[qi]
        if q.speaker_id is None or len(keys) < (self.o.requote_len if late else 3):
            return None
        lo, hi = self.days_of(qi)
        latest, kind = hi, self.occasions[qi].kind
        if late:  # every source counts, to tell a one-off line from a stump line
            if self.occasions[qi].named:
                return None  # the article names the occasion (of its days, or the days named)
            lo = hi = None
        grams = list(_content_grams(keys))
        votes: dict[int, list[int]] = defaultdict(list)  # segment -> diagonal of each hit
        for i, h in grams + _edge_grams(keys):
            for si, pos in self.post.get((q.speaker_id, h)) or ():
                if self._fits(self.segs[si], q.speaker_id, lo, hi, kind):
                    votes[si].append(pos - i)
        if not votes:
            return None
        if len(keys) <= self.o.short_len:
            return self._find_short(qi, keys, grams, votes)
        regions, found = self._find_long(keys, votes, self.o.requote_coverage if late else None,
                                         "re-quote" if late else "aligned")
        if not found:
            return None
        if late:
            # a line found in several sources is a stump line: which occasion an article
            # quotes long after is not known; a line found once is that occasion's, when
            # it came before the article
            alike = {self.segs[si].seg.source_id for hits, si, _ in regions if hits >= len(grams) / 2}
            if len(alike | {self.segs[f.seg].seg.source_id for _, _, f in found}) > 1:
                return None
            day = self.segs[found[0][2].seg].day
            if day is not None and latest is not None and day > latest:
                return None
        found.sort(key=lambda x: (-x[0], -x[1], x[2].seg))
        return found[0][2]

    def one_source(self, places: list[tuple[int, int]]) -> bool:
        """The places (segment, word) are all in one source."""
        return len({self.segs[si].seg.source_id for si, _ in places}) == 1

    def keep_first(self, qi: int, found: _Found, places: list[tuple[int, int]]) -> None:
        """The words of a quote are in several ``places`` of one source and the rule that
        found them could not choose: keep the first (``found``), in case no other rule
        finds the quote (``_found_first``). The occasion is known; which of its places is
        not, and ``places`` says how many hold the words. A rule that knows more of the
        occasion (``FIRST_RANK``) replaces what another kept."""
        found.places = _count_places(places)
        rank = FIRST_RANK.get(found.how, 0)
        if qi not in self.first_of_several or self.first_of_several[qi][0] < rank:
            self.first_of_several[qi] = (rank, found)

    def only_place(self, qi: int, found: _Found, places: list[tuple[int, int]]) -> _Found | None:
        """``found``, the first of the ``places`` holding a quote's words, when it is the only
        one; in several places of one source, None and ``found`` kept (``keep_first``); in
        several sources, None."""
        if len(places) == 1:
            return found
        if self.one_source(places):
            self.keep_first(qi, found, places)
        return None

    def _find_short(self, qi: int, keys: list[str], grams: list, votes: dict[int, list[int]]) -> _Found | None:
        """A few words: word for word, and in one place only (the same words in two places,
        two occasions or twice in one speech, point to neither; in several places of one
        source, the first is kept: ``only_place``)."""
        places = Counter((si, d) for si, diags in votes.items() for d in diags)
        # the places all its 3-grams point to (else any: a word written as one or two,
        # "cybersecurity", "cyber security"), that hold its words (a 3-gram of function words
        # only is not looked up: "you're going to raise taxes" is no place of "is going to raise taxes")
        counted = [p for p, c in places.items() if c == len(grams)] or list(places)
        windows = {p: w for p in counted if (w := self._short_window(keys, self.segs[p[0]].keys, p[1]))}
        exact = _one_place(sorted(windows))
        if not exact or len({k for k in keys if k not in STOPWORDS}) < 2:  # two different ones
            return None
        si, d = min(exact)
        return self.only_place(qi, _Found(si, *windows[(si, d)], 1.0), exact)

    def _find_long(self, keys: list[str], votes: dict[int, list[int]], need: float | None, how: str):
        """(regions, found): the densest stretch of 3-gram hits of each candidate turn, and
        the best ``max_regions`` of them aligned, as (score, day, _Found)."""
        n = len(keys)
        regions = []  # (hits, segment, first diagonal)
        for si, diags in votes.items():
            diags.sort()
            j = 0
            best = (0, 0)
            for k in range(len(diags)):  # the densest stretch of diagonals `n` words wide
                while diags[k] - diags[j] > n:
                    j += 1
                if k - j + 1 > best[0]:
                    best = (k - j + 1, diags[j])
            regions.append((best[0], si, best[1]))
        regions.sort(key=lambda r: (-r[0], -(self.segs[r[1]].day or 0), r[1], r[2]))
        found: list[tuple[float, int, _Found]] = []
        for hits, si, diag in regions[: self.o.max_regions]:
            sg = self.segs[si]
            a = max(0, diag - n)
            b = min(len(sg.keys), diag + 3 * n + 10)
            f = self._align(keys, sg.keys, a, b, False, need)
            if f is not None:
                found.append((f[0], sg.day or 0, _Found(si, f[1], f[2], f[0], how)))
        return regions, found

    def beside(self, qi: int, segs: set[int], how: str = BESIDE) -> _Found | None:
        """A few words not found on their own, in the turns of the occasion their article
        reports (where its other quotes of the speaker were found, or the one it names): a
        phrase, a label or a word ("absolute necessity", "puppet") is looked for there word
        for word (a plural printed for a singular allowed) and must be there in one place
        (``_one_place``), with a content word (alone: of ``ONE_WORD`` letters, and the
        article names its occasion). Said in several places of one source: the place beside
        the words the article prints next to it (``_by_context``); the one source the article
        names (``NAMED``) is read whatever its day."""
        q, keys = self.quotes[qi], self.qkeys[qi]
        content = {k for k in keys if k not in STOPWORDS}
        if not 1 <= len(keys) <= self.o.short_len or not content or q.speaker_id is None:
            return None
        if len(keys) > 1 and len(set(keys)) == 1:
            return None  # one word said again and again ("jobs, jobs, jobs"): a slogan, said anywhere
        if len(keys) == 1 and len(keys[0]) < ONE_WORD:
            return None
        # one word the article names no occasion for ("at the debate"): only where its words point
        unnamed = len(keys) == 1 and not self.occasions[qi].named
        lo, hi = self.days_of(qi) if how != NAMED else (None, None)
        want = [stem(k) for k in keys]
        hits = []
        for si in sorted(segs):
            sg = self.segs[si]
            if not self._fits(sg, q.speaker_id, lo, hi, self.occasions[qi].kind):
                continue
            stems = self.stems_of(si)
            hits += [(si, i) for i in range(len(stems) - len(want) + 1)
                     if stems[i] == want[0] and stems[i:i + len(want)] == want]
        hits = _one_place(hits)
        # in several places of one source (one word: where the article names the occasion)
        several = hits if len(hits) > 1 and not unnamed and self.one_source(hits) else []
        if len(hits) > 1 and not unnamed:
            hits = self._by_context(qi, hits)
        if len(hits) > 1 or (unnamed and hits):
            hits = self.chosen_by_article(qi, hits)
        if len(hits) != 1:
            if several:
                si, i = min(several)
                self.keep_first(qi, _Found(si, i, i + len(want), 1.0, how), several)
            return None
        si, i = hits[0]
        return _Found(si, i, i + len(want), 1.0, how, _count_places(several) if several else 1)

    def reworded(self, qi: int, segs: set[int], how: str = BESIDE) -> _Found | None:
        """A longer quote not found on its own, in the turns of the occasion its article
        reports (as ``beside``): an outlet's rewording, aligned on the terms of an
        utterance's members (``member_coverage`` of its words in shared runs), around a run
        of ``short_len`` words said word for word: "They're booing because I don't want their
        money" for "The reason they're not loving me is, I don't want their money" (not "joint
        operations between our two countries" for "new relationship between our two
        countries")."""
        q, keys = self.quotes[qi], self.qkeys[qi]
        if len(keys) <= self.o.short_len or q.speaker_id is None:
            return None
        votes: dict[int, list[int]] = defaultdict(list)
        for i, h in _content_grams(keys):
            for si, pos in self.post.get((q.speaker_id, h)) or ():
                if si in segs:
                    votes[si].append(pos - i)
        if not votes:
            return None
        found = [x for x in self._find_long(keys, votes, self.o.member_coverage, how)[1]
                 if _shared_runs(keys, _blocks(keys, self.segs[x[2].seg].keys[x[2].lo:x[2].hi]))[1] >= self.o.short_len]
        return max(found, key=lambda x: (x[0], x[1], -x[2].seg))[2] if found else None

    def _by_context(self, qi: int, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Of the places (turn, word) of a few words in ONE source, the one whose ``AROUND``
        words each side hold most of the content words the article prints next to the quote
        (``NEXT`` each side: a "law and order" candidate, "I am the law and order
        candidate"); the first of those when several hold as many ("a 'big tent' Republican
        Party": "Reagan's big tent within the party", "the big tent party"); none when none
        holds any, or for a single word (said again and again, it points nowhere), or when
        the places are in several sources."""
        q, n = self.quotes[qi], len(self.qkeys[qi])
        if n == 1 or not q.context or len({self.segs[si].seg.source_id for si, _ in hits}) > 1:
            return hits
        before = _keys(units(q.context[:q.context_at]))[-NEXT:] if q.context_at else []
        words = set(before + _keys(units(q.context[q.context_end:]))[:NEXT]) - STOPWORDS
        score = {h: len(words.intersection(self.segs[h[0]].keys[max(0, h[1] - AROUND):h[1] + n + AROUND]))
                 for h in hits}
        best = max(score.values())
        return [min(h for h in hits if score[h] == best)] if best else hits

    def one_off(self, qi: int) -> _Found | None:
        """A quote of ``short_len`` to ``medium_len`` words not found: one word inserted or
        changed by the outlet, the rest word for word and in order, with two content words,
        in one place only of the sources of its days (and the words not said as printed
        anywhere there): "She's trigger-happy and very unstable" for "she's trigger-happy,
        very unstable"."""
        q, keys = self.quotes[qi], self.qkeys[qi]
        n = len(keys)
        if q.speaker_id is None or not self.o.short_len <= n <= self.o.medium_len:
            return None
        lo, hi = self.days_of(qi)
        places, exact = set(), False
        for i, h in _content_grams(keys) + _less_one_grams(keys, self.o) + _edge_grams(keys):
            for si, pos in self.post.get((q.speaker_id, h)) or ():
                if self._fits(self.segs[si], q.speaker_id, lo, hi, self.occasions[qi].kind):
                    w = _one_off_window(keys, self.segs[si].keys, pos - i)
                    exact = exact or w == ()
                    if w:
                        places.add((si, w))
        ones = _one_place(sorted((si, a) for si, (a, _) in places)) if places else []
        if exact or not ones:
            return None
        si, (a, b) = next((si, w) for si, w in sorted(places) if (si, w[0]) == ones[0])
        return self.only_place(qi, _Found(si, a, b, (n - 1) / n), ones)

    def stems_of(self, si: int) -> list[str]:
        """A segment's keys without a plural -s (made once, for the few segments read so)."""
        if si not in self.stems:
            self.stems[si] = [stem(k) for k in self.segs[si].keys]
        return self.stems[si]

    def index_words(self, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[int, int]]]:
        """(speaker, stemmed word) -> places (segment, word position), for the ``wanted``
        words only (the ``_anchor`` of each short quote read by ``by_article``)."""
        places: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        speakers = {sid for sid, _ in wanted}
        for si, sg in enumerate(self.segs):
            for sid in speakers & sg.seg.speaker_ids:
                for i, k in enumerate(self.stems_of(si)):
                    if (sid, k) in wanted:
                        places[(sid, k)].append((si, i))
        return places

    def holding(self, qi: int, want: list[str], places: list[tuple[int, int]]) -> set[str]:
        """The sources of the quote's speaker, on or before its article (or undated), that
        hold the stemmed words ``want``; ``places``: those of their ``_anchor`` word."""
        pub = _ordinal(self.quotes[qi].published)
        return {self.segs[si].seg.source_id for si, _ in self.said_at(want, places)
                if pub is None or self.segs[si].day is None or self.segs[si].day <= pub}

    def said_at(self, want: list[str], places: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """(segment, start) of the places that hold the stemmed words ``want``; ``places``:
        those of their ``_anchor`` word (``index_words``)."""
        j = _anchor(want)
        return [(si, i - j) for si, i in places if i >= j and self.stems_of(si)[i - j:i - j + len(want)] == want]

    def weights_of(self, speaker: str) -> ContextScore:
        """The weights of the words of a speaker's sources (``context.ContextScore``), made
        on first use."""
        if speaker not in self.weights:
            by_source: dict[str, set[str]] = defaultdict(set)
            for si, sg in enumerate(self.segs):
                if speaker in sg.seg.speaker_ids:
                    by_source[sg.seg.source_id].update(self.stems_of(si))
            self.weights[speaker] = ContextScore()
            for words in by_source.values():
                self.weights[speaker].add(words)
        return self.weights[speaker]

    def chosen_by_article(self, qi: int, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Of the places (segment, word) of a quote's few words, the one the article's words
        around it point to (``context.ContextScore.pick``), else none."""
        q, n = self.quotes[qi], len(self.qkeys[qi])
        words = article_words(q.context, q.context_at, q.context_end)
        weights = self.weights_of(q.speaker_id)
        scores = [weights.score(words, self.stems_of(si)[max(0, i - CONTEXT_AROUND):i + n + CONTEXT_AROUND])
                  for si, i in hits]
        pick = weights.pick(scores)
        return [] if pick is None else [hits[pick]]

    def by_article(self, qi: int, word_places: dict[tuple[str, str], list[tuple[int, int]]]) -> _Found | None:
        """A quote of one to three words not found yet, in the sources of its days: the place
        of its words the article's words around it point to (``context.ContextScore.pick``);
        ``word_places``: ``index_words`` of its ``_anchor`` word."""
        q, keys = self.quotes[qi], self.qkeys[qi]
        want = [stem(k) for k in keys]
        sources = self.sources_of(qi)
        hits = [(si, i) for si, i in self.said_at(want, word_places.get((q.speaker_id, want[_anchor(want)]), ()))
                if self.segs[si].seg.source_id in sources]
        if not hits:
            return None
        hits = _one_place(hits)
        for si, i in self.chosen_by_article(qi, hits):
            source = self.segs[si].seg.source_id
            return _Found(si, i, i + len(want), 1.0, BY_ARTICLE,
                          _count_places([h for h in hits if self.segs[h[0]].seg.source_id == source]))
        return None

    def _align(self, keys: list[str], skeys: list[str], a: int, b: int, short: bool, need: float | None = None):
        """(score, window start, window end) of the quote against skeys[a:b], or None."""
        region = skeys[a:b]
        n = len(keys)
        if short:
            text = " " + " ".join(region) + " "
            needle = " " + " ".join(keys) + " "
            at = text.find(needle)
            if at < 0 or sum(k not in STOPWORDS for k in keys) < 2:
                return None
            start = text[:at].count(" ")
            return 1.0, a + start, a + start + n
        blocks = _blocks(keys, region)
        cover, longest, content = _shared_runs(keys, blocks)
        # (reworded around a long run, or a prepared text quoted as delivered: on the normal
        # terms only, never for a re-quote)
        delivered = self._delivered(keys, blocks) if need is None and cover >= self.o.long_run_coverage else None
        reworded = need is None and cover >= self.o.long_run_coverage and longest >= self.o.long_run
        if need is None:
            need = self.o.short_coverage if n <= self.o.medium_len else self.o.coverage
        if longest < self.o.min_run or (cover < need and not reworded and not delivered) or content < 2:
            return None
        # (delivered: the prepared words from its first run to its last, the ad-libs around
        # them left out; else widened by the quote's words around its runs)
        start, end = delivered if cover < need and not reworded else passage_window(blocks, n, len(region), keys)
        return cover, a + start, a + end

    def _delivered(self, keys: list[str], blocks: list[tuple[int, int, int]]) -> tuple[int, int] | None:
        """The window of the region (from the first run to the last) when the quote is a
        prepared text quoted as delivered: the quote's runs of ``min_run`` words or more
        (each with a content word, two runs at least, ``delivered_words`` words in all) hold
        nearly all (``delivered_coverage``) of the source's words from the first run to the
        last, in order: the passage is whole in the quote, and the quote's other words are
        what the speaker added to his text between its phrases ("We will rebuild our
        military, which is so depleted, so depleted. We will take care of our veterans")."""
        runs = [(qa, ra, n) for qa, ra, n in blocks
                if n >= self.o.min_run and any(k not in STOPWORDS for k in keys[qa:qa + n])]
        if len(runs) < 2 or sum(n for *_, n in runs) < self.o.delivered_words:
            return None
        start, end = runs[0][1], runs[-1][1] + runs[-1][2]
        return (start, end) if sum(n for *_, n in runs) >= self.o.delivered_coverage * (end - start) else None

    def _short_window(self, keys: list[str], skeys: list[str], d: int) -> tuple[int, int] | None:
        """The unit window at diagonal ``d`` that holds a few words: as printed, with a pair
        the source folds across the quote's edge ("is the problem" in "That's the problem":
        ``_keys_fit``), or as a compound written in one word or two (``_joined``)."""
        f = self._align(keys, skeys, max(0, d), d + len(keys), True)
        if f is not None:
            return f[1], f[2]
        if d >= 0 and _keys_fit(keys, skeys[d:d + len(keys)]):
            return d, d + len(keys)
        return self._joined(keys, skeys, d)

    def _joined(self, keys: list[str], skeys: list[str], d: int) -> tuple[int, int] | None:
        """The source words at diagonal ``d`` that spell the quote's words when the spaces
        are left out (a compound written as one word or two), as a unit window."""
        want = "".join(keys)
        for a in range(max(0, d - 1), max(0, d) + 2):
            text = ""
            for b in range(a, min(len(skeys), a + len(keys) + 3)):
                text += skeys[b]
                if text == want:
                    return a, b + 1
                if not want.startswith(text):
                    break
        return None

    def within(self, qi: int, si: int, lo: int, hi: int) -> _Found | None:
        """The quote's words as a contiguous run near an utterance's passage; there several
        times, the place inside the passage, else the nearest it (the first of equals): the
        utterance makes the occasion and the answer certain ("give it a shot", said twice in
        one answer)."""
        keys, q = self.qkeys[qi], self.quotes[qi]
        sg = self.segs[si]
        if not keys or q.speaker_id is None or not self._fits(sg, q.speaker_id, *self.days_of(qi),
                                                              self.occasions[qi].kind):
            return None  # (a phrase printed weeks later points to no occasion)
        a, b = max(0, lo - self.o.context), min(len(sg.keys), hi + self.o.context)
        text = " " + " ".join(sg.keys[a:b]) + " "
        needle = " " + " ".join(keys) + " "
        at = text.find(needle)
        starts = []
        while at >= 0:
            starts.append(a + text[:at].count(" "))
            at = text.find(needle, at + 1)
        if starts:
            start = min(starts, key=lambda i: (max(0, lo - i - len(keys) + 1, i - hi + 1), i))
            return _Found(si, start, start + len(keys), 1.0, "in the utterance's passage",
                          _count_places([(si, i) for i in starts]))
        if len(keys) <= self.o.short_len:
            return None  # a few words not there
        # an outlet's rewording of a statement the others quote: aligned on the grouping's
        # terms (half of its words in shared runs), since the utterance ties it to this passage
        f = self._align(keys, sg.keys, max(0, lo - len(keys)), min(len(sg.keys), hi + len(keys)), False,
                        self.o.member_coverage)
        return _Found(si, f[1], f[2], f[0], "in the utterance's passage") if f else None

    def match(self, qi: int, f: _Found) -> SourceMatch:
        q, sg = self.quotes[qi], self.segs[f.seg]
        var = units(q.text)
        a, b = _edge_cut(sg.seg.text, sg.spans[f.lo], sg.spans[f.hi - 1], sg.keys[f.lo], sg.keys[f.hi - 1],
                         [u.key for u in var if not u.bracket])
        ref = located_units(sg.seg.text[a:b])[0]
        relation, similarity, bracketed = relation_to_source(ref, var)
        return SourceMatch(q.quote_id, q.utterance_id, sg.seg.source_id, sg.seg.turn, sg.seg.offset + a,
                           sg.seg.offset + b, sg.seg.text[a:b], relation, similarity,
                           bracketed, diff_units(ref, var), f.how, f.places)


def _edge_cut(text: str, first: tuple[int, int], last: tuple[int, int], first_key: str, last_key: str,
              keys: list[str]) -> tuple[int, int]:
    """The passage's characters, from its first unit's start to its last unit's end; where
    the quote starts or ends inside a pair written in two words that the words' keys fold
    ("will do more" of "I will do more": one unit "i'll"), from or to the quote's half of it:
    the words as printed are the transcript's (a pair written as one word, "That's", stays
    whole)."""
    a, b = first[0], last[1]
    if not keys:
        return a, b
    if keys[0] != first_key and edge_fold(keys[0], first_key, True):
        split = text[first[0]:first[1]].split()
        if len(split) > 1:
            a = text.rindex(split[-1], first[0], first[1])
    if keys[-1] != last_key and edge_fold(keys[-1], last_key, False) and (len(keys) > 1 or a == first[0]):
        split = text[last[0]:last[1]].split()
        if len(split) > 1:
            b = text.index(split[0], max(a, last[0]), last[1]) + len(split[0])
    return a, b


def _blocks(keys: list[str], region: list[str]) -> list[tuple[int, int, int]]:
    """Shared runs (quote start, region start, length), longest first then recursively on
    each side (difflib): where the speaker repeats himself ("We are going to repeal Obamacare.
    We are going to replace Obamacare") the run stays whole, where an LCS might take the
    first "we are going to"."""
    sm = SequenceMatcher(None, keys, region, autojunk=False)
    return [(b.a, b.b, b.size) for b in sm.get_matching_blocks() if b.size]


def _shared_runs(keys: list[str], blocks: list[tuple[int, int, int]]) -> tuple[float, int, int]:
    """(share of the quote's words in shared runs of 2+ words holding a content word, the
    longest such run, the content words in them)."""
    total = longest = content = 0
    for qa, _, ln in blocks:
        run = keys[qa:qa + ln]
        if ln >= 2 and any(k not in STOPWORDS for k in run):
            total += ln
            longest = max(longest, ln)
            content += sum(k not in STOPWORDS for k in run)
    return total / max(1, len(keys)), longest, content


EDGE_GAP = 4  # words of the source between a quote's edge word and the rest of it


def _repeated(keys: list[str], a: int, b: int) -> bool:
    """The quote's words ``a``..``b`` repeat the words just before them ("Let's see what
    happens. Let's see what happens") or just after ("so depleted, so depleted"): the outlet
    printed a phrase twice that the source has once (or the speaker said twice, once heard)."""
    k = b - a
    return k > 0 and ((a >= k and keys[a - k:a] == keys[a:b]) or keys[b:b + k] == keys[a:b])


def passage_window(blocks: list[tuple[int, int, int]], n: int, region_len: int,
                   keys: list[str] | None = None) -> tuple[int, int]:
    """The words of the region a quote of ``n`` words reports: from its first to its last
    shared run of 2+ words (else any), widened by the quote's words before and after them
    (a first word changed, "frankly, very, very bad" against "it. Very, very bad"), unless
    those words repeat the quote's words next to them (``keys``: a phrase printed twice
    that the source has once widens nothing)."""
    anchors = [b for b in blocks if b[2] >= 2] or blocks
    if not anchors:
        return 0, region_len
    first, last = anchors[0], anchors[-1]
    # a first or last word of the quote found just before or after the anchors: the speaker
    # restarted ("Jeb wants to be — he wants to be a tough guy") and the outlet left it out
    before = [b for b in blocks if b[0] + b[2] <= first[0] and 0 <= first[1] - (b[1] + b[2]) <= EDGE_GAP]
    after = [b for b in blocks if b[0] >= last[0] + last[2] and 0 <= b[1] - (last[1] + last[2]) <= EDGE_GAP]
    if before and before[0][0] == 0:
        first = before[0]
    if after and after[-1][0] + after[-1][2] == n:
        last = after[-1]
    head, tail = first[0], n - last[0] - last[2]
    if keys is not None and _repeated(keys, 0, head):
        head = 0
    if keys is not None and _repeated(keys, n - tail, n):
        tail = 0
    start = max(0, first[1] - head)
    end = min(region_len, last[1] + last[2] + tail)
    return start, max(end, start + 1)


def relation_to_source(ref: list[Unit], var: list[Unit]) -> tuple[str, float, bool]:
    """(relation, similarity, bracketed) of a printed quote against its source passage.

    On the words' keys (``textnorm``): the same keys are ``verbatim`` or ``punctuation``
    (``_same_print``); a printed version most of whose words (``KEPT``) are the passage's, in
    order, is a ``truncation`` when it only leaves words out, ``words inserted`` when it adds
    some (an editor's [bracketed] words always count so) and ``words changed`` when it
    replaces some (a plural printed for a singular is a word kept, changed); otherwise it is a
    ``paraphrase``. A word split or joined by a hyphen ("carefully-crafted", "carefully
    crafted") is the same word, and so is one spoken word written two ways ("its", "it's";
    "1 million", "one million"; "Sen.", "Senator"). ``similarity``: 2 x shared
    words / (words of both)."""
    bracketed = any(u.bracket for u in var)
    rk, vk = [u.key for u in ref], [u.key for u in var if not u.bracket]
    matched = 0
    tags = set()
    for (s0, s1), (d0, d1) in _changed_regions(Levenshtein.opcodes(rk, vk)):
        if s0 is None:
            matched += d1  # an equal run (d1 = its length)
        elif s1 > s0 and d1 > d0 and ("".join(rk[s0:s1]) == "".join(vk[d0:d1]) or _sound_alike(rk[s0:s1], vk[d0:d1])
                                      or _folded_at_edge(rk, vk, s0, s1, d0, d1)):
            matched += d1 - d0  # "carefully-crafted", "carefully crafted"; "its", "it's": the same words
        elif s1 - s0 == d1 - d0 and all(stem(a) == stem(b) for a, b in zip(rk[s0:s1], vk[d0:d1])):
            matched += d1 - d0  # a plural for a singular: the word kept, changed
            tags.add("replace")
        else:
            tags.add("replace" if s1 > s0 and d1 > d0 else "delete" if s1 > s0 else "insert")
    similarity = round(2 * matched / (len(rk) + len(vk)), 4) if rk or vk else 0.0
    if not tags:
        if bracketed:
            return "words inserted", similarity, True
        return ("verbatim" if rk == vk and _same_print(ref, var) else "punctuation"), 1.0, False
    if not vk or (matched / len(vk) < KEPT and tags != {"insert"}):
        # (every word of the passage kept in order, words added between: inserted, however
        # many: a prepared text quoted as delivered, with the speaker's ad-libs)
        return "paraphrase", similarity, bracketed
    if "replace" in tags:
        return "words changed", similarity, bracketed
    if "insert" in tags or bracketed:
        return "words inserted", similarity, bracketed
    return "truncation", similarity, bracketed


def _folded_at_edge(rk: list[str], vk: list[str], s0: int, s1: int, d0: int, d1: int) -> bool:
    """A changed word at the quote's edge that is its half of a pair the passage folds
    across that edge ("is" of "That's", the quote starting at "is the problem"): the words
    said, printed as said."""
    if s1 - s0 != 1 or d1 - d0 != 1:
        return False
    return (s0 == 0 and d0 == 0 and edge_fold(vk[0], rk[0], True)) or (
        s1 == len(rk) and d1 == len(vk) and edge_fold(vk[-1], rk[-1], False))


def _sound_alike(a: list[str], b: list[str]) -> bool:
    """The same spoken words written differently: "its" and "it's" (``SOUND_ALIKE``), "one"
    and "1", "Sen." and "Senator" (``SAID_THE_SAME``)."""
    return len(a) == len(b) and all(
        x == y or SAID_THE_SAME.get(x, x) == SAID_THE_SAME.get(y, y) or any(x in s and y in s for s in SOUND_ALIKE)
        for x, y in zip(a, b))


def _changed_regions(opcodes):
    """Equal runs as ((None, None), (0, length)) and each stretch of changes between them
    as one region ((src start, src end), (dest start, dest end))."""
    region = None
    for op in opcodes:
        if op.tag == "equal":
            if region:
                yield region
                region = None
            yield (None, None), (0, op.src_end - op.src_start)
        elif region is None:
            region = [op.src_start, op.src_end], [op.dest_start, op.dest_end]
        else:
            region[0][1], region[1][1] = op.src_end, op.dest_end
    if region:
        yield region


KEPT = 0.75  # share of a printed quote's words that are the passage's, in order, short of a paraphrase


_EDGE = " ,.;:!?\"'-"


def _same_print(ref: list[Unit], var: list[Unit]) -> bool:
    """The same words printed the same way, up to typography (curly or straight marks),
    and at the quote's edges up to case and punctuation (a quote opens with a capital and
    ends with the comma before "he said")."""
    last = len(var) - 1
    for j, (a, b) in enumerate(zip(ref, var)):
        x, y = typographic(a.surface), typographic(b.surface)
        if j == 0:
            x, y = x.lstrip(_EDGE), y.lstrip(_EDGE)
            x, y = x[:1].lower() + x[1:], y[:1].lower() + y[1:]
        if j == last:
            x, y = x.rstrip(_EDGE), y.rstrip(_EDGE)
        if x != y:
            return False
    return True


def _found_alone(al: _Aligner) -> dict[int, _Found]:
    """Every quote found on its own: in the sources of its days, else as a re-quote."""
    found: dict[int, _Found] = {}
    for qi in range(len(al.quotes)):
        f = al.find(qi) or al.find(qi, late=True)
        if f is not None:
            found[qi] = f
    return found


def _found_beside(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """The quotes not found on their own whose article has other quotes of their speaker
    found in a source: looked for in those turns (``_Aligner.beside``)."""
    turns: dict[tuple[str, str], set[int]] = defaultdict(set)  # (article, speaker) -> turns
    for qi, f in found.items():
        q = al.quotes[qi]
        if q.article_id and f.how != "re-quote":  # (a re-quote reports no occasion of the article's days)
            turns[(q.article_id, q.speaker_id)].add(f.seg)
    more: dict[int, _Found] = {}
    for qi, q in enumerate(al.quotes):
        segs = turns.get((q.article_id, q.speaker_id))
        if qi not in found and segs:
            f = al.beside(qi, segs) or al.reworded(qi, segs)
            if f is not None:
                more[qi] = f
    return more


NEXT_TO = 40  # words each side of a found quote's passage where a few words printed beside it are looked for


def _printed_beside(q: QuoteToCheck, other: QuoteToCheck) -> bool:
    """``other`` is printed in the words around ``q`` (its context), in the same paragraph."""
    if not q.context or not other.text:
        return False
    at = q.context.find(other.text[:40])
    if at < 0:
        return False
    lo, hi = sorted((at, q.context_at))
    return "\n" not in q.context[lo:hi]


def _found_next_to(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """A quote of one to ``SHORT`` words not found yet, printed in the paragraph of another
    quote of its article found in a source: its words within ``NEXT_TO`` words of that
    quote's passage, the place nearest it ("her 'criminal' attempt", next to "only
    experience in cybersecurity": "... only experience in cyber security involves her
    criminal scheme")."""
    by_article: dict[tuple[str, str], list[int]] = defaultdict(list)
    for qi, f in found.items():
        q = al.quotes[qi]
        if q.article_id and f.how != "re-quote":
            by_article[(q.article_id, q.speaker_id)].append(qi)
    more: dict[int, _Found] = {}
    for qi, q in enumerate(al.quotes):
        if qi in found or not _few_words(al.qkeys[qi]):
            continue
        want = [stem(k) for k in al.qkeys[qi]]
        places = []
        for oi in by_article.get((q.article_id, q.speaker_id), ()):
            if not _printed_beside(q, al.quotes[oi]):
                continue
            f = found[oi]
            stems = al.stems_of(f.seg)
            for i in range(max(0, f.lo - NEXT_TO), min(len(stems), f.hi + NEXT_TO) - len(want) + 1):
                if stems[i:i + len(want)] == want:  # (inside the passage: 0 words away)
                    places.append((max(0, i - f.hi + 1, f.lo - i - len(want) + 1), f.seg, i))
        places.sort()
        if places and (len(places) == 1 or places[0][0] < places[1][0]):
            _, si, i = places[0]
            more[qi] = _Found(si, i, i + len(want), 1.0, BESIDE)
    return more


def _found_named(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """A quote not found yet whose article names the occasion it was said at (its day, the
    debate, its title or place), when one source of the speaker is that occasion: looked
    for in it (``_Aligner.beside``, ``_Aligner.reworded``): "guarantee", printed beside "at
    the debate"."""
    segs_of: dict[str, set[int]] = defaultdict(set)
    for si, sg in enumerate(al.segs):
        segs_of[sg.seg.source_id].add(si)
    more: dict[int, _Found] = {}
    for qi in range(len(al.quotes)):
        if qi in found or not al.qkeys[qi]:
            continue
        source = al.named_source(qi)
        f = (al.beside(qi, segs_of[source], NAMED) or al.reworded(qi, segs_of[source], NAMED)
             if source is not None else None)
        if f is not None:
            more[qi] = f
    return more


def _found_two_words(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """Two content words not found yet ("bad dudes"; too short for the 3-gram index), when
    one source only of the speaker is from the days they may have been said, and it is dated
    (an undated source fits any day: it tells no occasion): word for word there, in one
    place (``_Aligner.beside``), as a few words are looked for alone."""
    segs_of: dict[str, set[int]] = defaultdict(set)
    for si, sg in enumerate(al.segs):
        segs_of[sg.seg.source_id].add(si)
    more: dict[int, _Found] = {}
    for qi, keys in enumerate(al.qkeys):
        if qi in found or len(keys) != 2 or len(set(keys) - STOPWORDS) != 2:
            continue
        only = al.sources_of(qi)
        source = next(iter(only)) if len(only) == 1 else None
        f = al.beside(qi, segs_of[source], "aligned") if al.source_day.get(source) is not None else None
        if f is not None:
            more[qi] = f
    return more


def _one_off_window(keys: list[str], skeys: list[str], d: int) -> tuple[int, int] | tuple | None:
    """The source words near diagonal ``d`` that are the quote's but for one word it has
    more, one word changed, or one word of the source it left out inside (the rest in order,
    with two content words; a pair the source folds across the quote's edge is the quote's
    half of it: ``_fits_at``), as a unit window; () when the quote's words are there as
    printed; None: neither."""
    n = len(keys)
    for a in range(max(0, d - 2), max(0, d + 3)):
        if _keys_fit(keys, skeys[a:a + n]):
            return ()
        for ln in (n - 1, n + 1, n):  # (a word left out before a word changed at the edge)
            w = skeys[a:a + ln]
            if len(w) != ln:
                continue
            if ln == n:
                diff = [j for j in range(n) if keys[j] != w[j] and not _fits_at(keys, w, j)]
                kept = [k for j, k in enumerate(keys) if j not in diff] if len(diff) == 1 else []
            elif ln < n:
                kept = next((keys[:j] + keys[j + 1:] for j in range(1, n - 1) if _keys_fit(keys[:j] + keys[j + 1:], w)), [])
            else:
                kept = keys if _one_left_out(keys, w) else []
            if len({k for k in kept if k not in STOPWORDS}) >= 2:
                return a, a + ln
    return None


def _found_one_off(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """Quotes of ``short_len`` words or more not found on their own: one word inserted or
    changed (``_Aligner.one_off``)."""
    more: dict[int, _Found] = {}
    for qi in range(len(al.quotes)):
        if qi not in found:
            f = al.one_off(qi)
            if f is not None:
                more[qi] = f
    return more


SHORT = 3  # words of a quote that cannot tell its place by its own words (``_found_by_article``)


def _few_words(keys: list[str]) -> bool:
    """One to ``SHORT`` words with a content word (one word: of ``ONE_WORD`` letters)."""
    return 1 <= len(keys) <= SHORT and bool(set(keys) - STOPWORDS) and (len(keys) > 1 or len(keys[0]) >= ONE_WORD)


def _anchor(keys: list[str]) -> int:
    """The word of a few a place is looked up by: the longest content word (the rarest, most
    often), the first of equals."""
    return max(range(len(keys)), key=lambda j: (keys[j] not in STOPWORDS, len(keys[j]), -j))


def _found_by_article(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """Quotes of one to ``SHORT`` words not found yet (one word: of ``ONE_WORD`` letters),
    with a content word: the place in the sources of their days that the article's words
    around them point to (``_Aligner.by_article``): "a disaster", printed beside "the deal"."""
    todo = []
    for qi, keys in enumerate(al.qkeys):
        q = al.quotes[qi]
        if qi not in found and _few_words(keys) and len(set(keys)) == len(keys) and q.speaker_id and q.context:
            todo.append(qi)
    wanted = set()
    for qi in todo:
        want = [stem(k) for k in al.qkeys[qi]]
        wanted.add((al.quotes[qi].speaker_id, want[_anchor(want)]))
    places = al.index_words(wanted)
    more: dict[int, _Found] = {}
    for qi in todo:
        f = al.by_article(qi, places)
        if f is not None:
            more[qi] = f
    return more


def _found_first(al: _Aligner, found: dict[int, _Found]) -> dict[int, _Found]:
    """The quotes no rule found whose words a rule found in several places of ONE source
    (of their days, of the turns of their article's other quotes, or the one source their
    article names) and could not choose between: the first of those places, when the
    occasion is certain. The words then tell what was said there (the user's question);
    which place does not, and ``places`` says how many hold them ("said 3 times in this
    source"). The occasion is certain when the article names it among the sources of its
    days, or when that source is the only one of all the speaker's sources up to the article
    that holds the words: a phrase said again and again in one speech and in others too is a
    stump phrase, which the speaker says at untranscribed rallies as well (on the labelled
    alignments of PolNeAR, 0 of 3 such were right; in several sources of the days, the
    occasion is not known at all: ``_Aligner.keep_first`` keeps none)."""
    todo = {qi: f for qi, (_, f) in al.first_of_several.items() if qi not in found}
    wants = {qi: al.stems_of(f.seg)[f.lo:f.hi] for qi, f in todo.items()}  # the words said there
    places = al.index_words({(al.quotes[qi].speaker_id, w[_anchor(w)]) for qi, w in wants.items()})
    more: dict[int, _Found] = {}
    for qi, f in sorted(todo.items()):
        source, want = al.segs[f.seg].seg.source_id, wants[qi]
        named = f.how == NAMED and source in al.sources_of(qi)
        if named or al.holding(qi, want, places[(al.quotes[qi].speaker_id, want[_anchor(want)])]) == {source}:
            more[qi] = f
    return more


def _article_speaker_clones(segments: list[Segment], quotes: list[QuoteToCheck], o: SourceOptions) -> tuple[
        list[tuple[QuoteToCheck, list[str]]], list[QuoteToCheck], list[tuple[QuoteToCheck, list[str]]]]:
    """Each quote given to nobody or to a speaker without sources, as a lone quote of each
    speaker with sources that its article quotes: those of ``long_run`` words or more (with
    their keys), the shorter ones, and the clones whose 3-grams the index must hold (the
    long ones, and the short ones of more than ``short_len`` words)."""
    with_sources = set().union(*(s.speaker_ids for s in segments))
    speakers: dict[str, set[str]] = defaultdict(set)  # article -> its speakers with sources
    for q in quotes:
        if q.article_id and q.speaker_id in with_sources:
            speakers[q.article_id].add(q.speaker_id)
    clones = [replace(q, speaker_id=sid, utterance_id=None) for q in quotes if q.speaker_id not in with_sources
              for sid in sorted(speakers.get(q.article_id, ()))]
    long = [(c, _keys(units(c.text))) for c in clones if len(c.text.split()) >= o.long_run]
    short = [c for c in clones if len(c.text.split()) < o.long_run]
    return long, short, long + [(c, keys) for c in short if len(keys := _keys(units(c.text))) > o.short_len]


def _for_one_speaker(other: _Aligner, hits: dict[str, list[tuple[int, _Found]]]) -> list[SourceMatch]:
    """The matches of the clones (quote id -> (clone, found)) found for one speaker only: found
    for two, whose words they are is not known."""
    out = []
    for _, speakers in sorted(hits.items()):
        if len(speakers) == 1:
            qi, f = speakers[0]
            f.how = ARTICLE_SPEAKER
            out.append(other.match(qi, f))
    return out


def _found_for_article_speaker(al: _Aligner, clones: list[tuple[QuoteToCheck, list[str]]],
                               short_clones: list[QuoteToCheck], found_at: dict[int, _Found],
                               found: set[str]) -> list[SourceMatch]:
    """Long quotes given to nobody, or to a speaker who has no source (an attribution gone
    wrong: "'If you noticed, he didn't answer your question,' he said of Cruz" given to Cruz),
    looked for in the sources of the speakers with sources that their article quotes: found on
    their own in the sources of their days (no re-quote), with a run of ``long_run`` words
    said word for word, for one of those speakers only. The words are that speaker's, whoever
    the article gives them to; the quote keeps its speaker, and its match no utterance (the
    utterance, another speaker's or nobody's, is not confirmed by it). Then the shorter ones
    (``short_clones``) printed beside that speaker's words found (``found_at``): see
    ``_found_beside_for_article_speaker``."""
    o = al.o
    # (only those with a few 3-grams in the speaker's words are read: a run of ``long_run``
    # words said word for word has several)
    clones = [q for q, keys in clones if q.quote_id not in found
              and sum(bool(al.post.get((q.speaker_id, h))) for _, h in _content_grams(keys)) >= o.min_run]
    out: list[SourceMatch] = []
    if clones:
        other = _Aligner([], clones, o, al.segs, al.post)
        hits: dict[str, list[tuple[int, _Found]]] = defaultdict(list)
        for qi in range(len(clones)):
            if (f := other.find(qi)) is None:
                continue
            blocks = _blocks(other.qkeys[qi], other.segs[f.seg].keys[f.lo:f.hi])
            if max((size for *_, size in blocks), default=0) >= o.long_run:
                hits[other.quotes[qi].quote_id].append((qi, f))
        out = _for_one_speaker(other, hits)
    return out + _found_beside_for_article_speaker(al, short_clones, found_at, found | {m.quote_id for m in out})


def _found_beside_for_article_speaker(al: _Aligner, clones: list[QuoteToCheck], found: dict[int, _Found],
                                      done: set[str]) -> list[SourceMatch]:
    """Quotes of under ``long_run`` words given to nobody, or to a speaker who has no source,
    printed in the paragraph of a quote of a speaker with sources that was found in a source
    ("as Trump went on about 'how the system is rigged' and 'wounded American families'",
    the second given to the woman watching him): looked for as that speaker's words where
    the rules that need the article look for a few words of the right speaker (the turns of
    that speaker's quotes found in the article, ``_Aligner.beside`` and ``reworded``; the one
    source the article names), for one speaker only. A short quote is anybody's words (a
    slogan, a rival's retort): only the quote printed beside his found words is his, and only
    where those words were said. The quote keeps its speaker, as ``_found_for_article_speaker``."""
    turns: dict[tuple[str, str], set[int]] = defaultdict(set)  # (article, speaker) -> turns
    printed: dict[tuple[str, str], list[QuoteToCheck]] = defaultdict(list)
    for qi, f in found.items():
        q = al.quotes[qi]
        if q.article_id and f.how != "re-quote":
            turns[(q.article_id, q.speaker_id)].add(f.seg)
            printed[(q.article_id, q.speaker_id)].append(q)
    todo = [c for c in clones if c.quote_id not in done
            and any(_printed_beside(c, other) for other in printed.get((c.article_id, c.speaker_id), ()))]
    if not todo:
        return []
    other = _Aligner([], todo, al.o, al.segs, al.post)
    segs_of: dict[str, set[int]] = defaultdict(set)
    for si, sg in enumerate(other.segs):
        segs_of[sg.seg.source_id].add(si)
    hits: dict[str, list[tuple[int, _Found]]] = defaultdict(list)
    for qi, c in enumerate(todo):
        segs = turns[(c.article_id, c.speaker_id)]
        f = other.beside(qi, segs) or other.reworded(qi, segs) if other.qkeys[qi] else None
        if f is None and other.qkeys[qi] and (source := other.named_source(qi)) is not None:
            f = other.beside(qi, segs_of[source], NAMED) or other.reworded(qi, segs_of[source], NAMED)
        if f is not None:
            hits[c.quote_id].append((qi, f))
    return _for_one_speaker(other, hits)


def align_sources(segments: list[Segment], quotes: list[QuoteToCheck],
                  options: SourceOptions | None = None) -> SourceIndex:
    """Every quote's passage in its speaker's sources (``_found_for_article_speaker``: or of a
    speaker its article quotes), and every utterance's state."""
    o = options or SourceOptions()
    quotes = sorted({q.quote_id: q for q in quotes}.values(), key=lambda q: q.quote_id)
    every, quotes = quotes, [q for q in quotes if q.speaker_id is not None]
    clones, short_clones, indexed = _article_speaker_clones(segments, every, o)
    al = _Aligner(segments, quotes, o, also=indexed)  # (one index for all)
    found = _found_alone(al)
    found.update(_found_one_off(al, found))
    found.update(_found_next_to(al, found))
    found.update(_found_beside(al, found))
    found.update(_found_named(al, found))
    found.update(_found_two_words(al, found))
    found.update(_found_by_article(al, found))
    # (the first of several places stands for a quote only when its utterance has no other
    # quote found: else the place near that quote's passage, ``_Aligner.within``)
    first = _found_first(al, found)
    by_utterance: dict[str, list[int]] = defaultdict(list)
    for qi, q in enumerate(quotes):
        by_utterance[q.utterance_id or "quote:" + q.quote_id].append(qi)
    checks: list[UtteranceCheck] = []
    matches: list[SourceMatch] = []
    for uid in sorted(by_utterance):
        members = by_utterance[uid]
        if not any(qi in found for qi in members):
            found.update((qi, first[qi]) for qi in members if qi in first)
        hits = [found[qi] for qi in members if qi in found]
        n_sources = max((len(al.sources_of(qi)) for qi in members), default=0)
        if not hits:
            if q_uid := quotes[members[0]].utterance_id:
                checks.append(UtteranceCheck(q_uid, "not found" if n_sources else "no source",
                                             n_quotes=len(members), n_sources=n_sources))
            continue
        # the source most of its quotes were found in (then the best match, then the latest)
        per_seg = Counter(f.seg for f in hits)
        seg = max(per_seg, key=lambda s: (per_seg[s], max(f.score for f in hits if f.seg == s),
                                          al.segs[s].day or 0, -s))
        in_seg = [f for f in hits if f.seg == seg]
        lo, hi = min(f.lo for f in in_seg), max(f.hi for f in in_seg)
        for qi in members:
            if qi not in found:
                f = al.within(qi, seg, lo, hi) or first.get(qi)
                if f is not None:
                    found[qi] = f
        in_seg = [found[qi] for qi in members if qi in found and found[qi].seg == seg]
        lo, hi = min(f.lo for f in in_seg), max(f.hi for f in in_seg)
        sg = al.segs[seg]
        member_matches = [al.match(qi, found[qi]) for qi in members if qi in found]
        matches.extend(member_matches)
        if quotes[members[0]].utterance_id:
            a, b = sg.spans[lo][0], sg.spans[hi - 1][1]
            checks.append(UtteranceCheck(
                quotes[members[0]].utterance_id, "confirmed", sg.seg.source_id,
                sg.seg.offset + a, sg.seg.offset + b, sg.seg.text[a:b], len(members),
                len(member_matches), max(n_sources, 1)))
    matches.extend(_found_for_article_speaker(al, clones, short_clones, found, {m.quote_id for m in matches}))
    matches.sort(key=lambda m: m.quote_id)
    return SourceIndex(checks, matches)
