"""The corpus step of a build: the speaker index and the utterances brought up to date.

Streams from SQLite: the speaker index reads one article's quotes at a time
(``speakers.build_speaker_index_by_article``); the quotes are then cut into speaker-family
units (``corpus.families``) holding only their ids; each task's words, dates and speakers
are read just before it is grouped (``run.corpus.group_tasks``), and its utterances are
written as they come back (``store.db.save_corpus_index``). The client so keeps, per quote,
its id, its speaker and its unit, never every quote's fields.
"""
from __future__ import annotations

import json
from collections import defaultdict
from itertools import groupby


def update_corpus_index(db, full: bool = False, workers: int = 1, scheduler: str | None = None,
                        parallel_from: int = 20_000) -> dict:
    """Bring the corpus-wide speaker index and the utterances up to date with the quotes.

    The speaker index is recomputed over every stored quote (its name functions are cached:
    seconds for a million quotes). The quotes are then cut into speaker-family units
    (``corpus.families``); only the units whose quotes, speakers or speaker names changed
    since the last build are grouped again (every unit when ``full``, or when the stored
    index was made by other rules: ``GROUPING_VERSION``), each on its own, in this process,
    in ``workers`` local processes or on the Dask cluster ``scheduler`` (only when at least
    ``parallel_from`` quotes are regrouped: starting processes costs more below that).
    Returns {"quotes": stored quotes, "regrouped": quotes grouped again}.
    """
    from quotes.corpus.families import plan_tasks, unit_signature
    from quotes.corpus.gcpause import cycles_paused
    from quotes.run.corpus import group_tasks
    from quotes.store.db import save_corpus_index
    from quotes.store.freshness import GROUPING_VERSION, STALE_UTTERANCES

    full = full or db.execute("PRAGMA user_version").fetchone()[0] != GROUPING_VERSION
    utterances = {r[0] for r in db.execute("select id from utterances")}
    stale = {r[0] for r in db.execute(STALE_UTTERANCES)}
    # quotes without a current utterance: their units are regrouped (all of them when full)
    unlinked: set[str] | None = None if full else set()
    with cycles_paused():  # (millions of small acyclic objects: see corpus.gcpause)
        speakers = speaker_index(db, utterances - stale, unlinked)
        speaker_of = speakers.speaker_of
        names = {s.id: s.name for s in speakers.speakers}
        members, moved = cut_units(db, speaker_of, names)

    def grouped_as(q: str) -> str | None:  # a moved unsure quote is grouped without speaker
        return None if q in moved else speaker_of.get(q)

    units = {u: (unit_signature((q, grouped_as(q), names.get(grouped_as(q))) for q in qs), len(qs))
             for u, qs in members.items()}
    if full:
        dirty, retired = set(units), None  # (None: every stored utterance, at once)
    else:
        dirty, retired = units_to_regroup(db, members, units, unlinked, utterances, stale)
    regrouped = sum(units[u][1] for u in dirty)
    if regrouped < parallel_from:
        workers, scheduler = 1, None
    tasks = plan_tasks({u: units[u][1] for u in dirty}, workers if not scheduler else max(2, workers))
    load = task_loader(db, members, speaker_of, names, moved)
    save_corpus_index(db, speakers, group_tasks(tasks, load, workers, scheduler), retired, units)
    return {"quotes": sum(n for _, n in units.values()), "regrouped": regrouped}


def speaker_index(db, current: set[str], unlinked: set[str] | None):
    """The speaker index, streamed article by article from ``store.db.corpus_rows``; adds
    to ``unlinked`` (when given) the quotes whose utterance is not in ``current``."""
    from quotes.corpus.index import CorpusQuote, index_speakers_by_article
    from quotes.store.db import corpus_rows

    def articles():
        for _, rows in groupby(corpus_rows(db), key=lambda r: r[1]):
            group = []
            for (qid, aid, outlet, name, aliases, role, kind, mention, uid) in rows:
                if unlinked is not None and uid not in current:
                    unlinked.add(qid)
                if name:
                    group.append(CorpusQuote(qid, aid, outlet, None, "", name, json.loads(aliases) if aliases else [],
                                             role, kind, mention))
            yield group

    return index_speakers_by_article(articles())


def cut_units(db, speaker_of: dict[str, str], names: dict[str, str]) -> tuple[dict[str, list[str]], set[str]]:
    """(unit id -> its quote ids (sorted), the unsure quotes moved to another family's unit):
    named quotes by family, unsure ones as ``corpus.unsure`` says; speakerless ones by their
    links (``corpus.families``: one pass over the named quotes' texts when there are any)."""
    from quotes.corpus.families import cut_links, family_key
    from quotes.store.db import quote_texts, unsure_quote_ids

    family = {sid: family_key(sid, name) for sid, name in names.items()}
    speakerless = [qid for (qid,) in db.execute("select id from quotes order by id") if qid not in speaker_of]
    unsure_ids = {q for q in unsure_quote_ids(db) if q in speaker_of}

    def named():  # (read only when there is something to look up)
        for qid, text in db.execute("select id, text from quotes"):
            if (sid := speaker_of.get(qid)) is not None:
                yield qid, family[sid], text, qid in unsure_ids

    unsure = sorted(quote_texts(db, unsure_ids, everything=False).items())
    cut = cut_links(quote_texts(db, set(speakerless), everything=False).items(),
                    ((q, family[speaker_of[q]], text) for q, text in unsure), named())
    members: dict[str, list[str]] = defaultdict(list)
    moved = set()
    for qid, sid in speaker_of.items():  # (the index's own id strings: not a second copy)
        unit, was_moved = cut.unit_of_named(qid, family[sid], qid in unsure_ids)
        if was_moved:
            moved.add(qid)
        members[unit].append(qid)
    for qid in speakerless:
        members[cut.unit_of_speakerless(qid)].append(qid)
    for qs in members.values():
        qs.sort()
    return dict(members), moved


def units_to_regroup(db, members: dict[str, list[str]], units: dict[str, tuple[str, int]], unlinked: set[str],
                     utterances: set[str], stale: set[str]) -> tuple[set[str], set[str]]:
    """(units to group again, utterances to delete) of an incremental step: the units whose
    signature changed or that hold a quote without a current utterance, and the utterances
    of their quotes (with the stale ones)."""
    from quotes.store.db import stored_units, utterances_of

    before = stored_units(db)
    dirty = {u for u, (sig, _) in units.items() if before.get(u) != sig}
    if unlinked:
        dirty |= {u for u, qs in members.items() if not unlinked.isdisjoint(qs)}
    retired = stale | (utterances_of(db, [q for u in sorted(dirty) for q in members[u]]) & utterances)
    return dirty, retired


def task_loader(db, members: dict[str, list[str]], speaker_of: dict[str, str], names: dict[str, str],
                moved: set[str] = frozenset()):
    """The function that reads one task's quotes (``run.corpus.Loader``): each unit's
    ``grouping.QuoteRef``s, in the unit's quote id order; a ``moved`` unsure quote without
    its speaker (``corpus.unsure``)."""
    from quotes.corpus.grouping import QuoteRef
    from quotes.store.db import grouping_rows

    def load(task: list[str]) -> list[list[QuoteRef]]:
        rows = grouping_rows(db, [q for u in task for q in members[u]])
        out = []
        for u in task:
            refs = []
            for qid in members[u]:
                aid, outlet, published, said_from, said_to, text, start, end = rows[qid]
                sid = speaker_of.get(qid)
                home = sid if qid in moved else None
                sid = None if home else sid
                refs.append(QuoteRef(qid, aid, outlet, sid, text, published, names.get(sid) if sid else None,
                                     said_from, said_to, start, end, bool(home), home))
            out.append(refs)
        return out

    return load
