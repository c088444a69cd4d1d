"""The corpus step of a build: the speaker index and the utterances brought up to date.

Streams from SQLite and keeps its per-quote state there: the speaker index reads one
article's quotes at a time (``speakers.build_speaker_index_by_article``) and puts each
article's person's quote ids and alias rows in temporary tables (``store.stage``); every
quote's speaker and speaker-family unit (``corpus.families``) are then set there by SQL and
a few look-ups; each task's words, dates and speakers are read just before it is grouped
(``run.corpus.group_tasks``), and its utterances are written as they come back
(``store.db.save_corpus_index``), which takes the speaker links and alias rows from the
stage. The client so holds one entry per distinct speaker name, per unit and per quote
without speaker, and a few tasks: never a map of every quote.
"""
from __future__ import annotations

import json
from itertools import groupby


def update_corpus_index(db, full: bool = False, workers: int = 1, scheduler: str | None = None,
                        parallel_from: int = 20_000) -> dict:
    """Bring the corpus-wide speaker index and the utterances up to date with the quotes.

    The speaker index is recomputed over every stored quote (its name functions are cached:
    seconds for a million quotes), its per-quote state kept in temporary tables
    (``store.stage``). The quotes are then cut into speaker-family units
    (``corpus.families``); only the units whose quotes, speakers or speaker names changed
    since the last build are grouped again (every unit when ``full``, or when the stored
    index was made by other rules: ``GROUPING_VERSION``), each on its own, in this process,
    in ``workers`` local processes or on the Dask cluster ``scheduler`` (only when at least
    ``parallel_from`` quotes are regrouped: starting processes costs more below that).
    Returns {"quotes": stored quotes, "regrouped": quotes grouped again}.
    """
    from quotes.corpus.families import plan_tasks
    from quotes.run.corpus import group_tasks
    from quotes.store.bulk import REBUILD_SHARE
    from quotes.store.db import save_corpus_index
    from quotes.store.freshness import GROUPING_VERSION, STALE_UTTERANCES

    full = full or db.execute("PRAGMA user_version").fetchone()[0] != GROUPING_VERSION
    stale = {r[0] for r in db.execute(STALE_UTTERANCES)}  # (only utterances that lost quotes)
    # quotes without a current utterance: their units are regrouped (all of them when full)
    unlinked: set[str] | None = None if full else set()
    stage, speakers, names = staged_units(db, stale, unlinked)
    try:
        units = unit_signatures(stage, names)
        if full:
            dirty, retired = set(units), None  # (None: every stored utterance, at once)
        else:
            dirty, retired = units_to_regroup(db, stage, units, unlinked, stale)
        regrouped = sum(units[u][1] for u in dirty)
        if regrouped < parallel_from:
            workers, scheduler = 1, None
        tasks = plan_tasks({u: units[u][1] for u in dirty}, workers if not scheduler else max(2, workers))
        many = full or regrouped > REBUILD_SHARE * sum(n for _, n in units.values())  # (a large page cache)
        save_corpus_index(db, speakers, group_tasks(tasks, task_loader(stage, names), workers, scheduler), retired, units,
                          many)
    except BaseException:
        stage.abandon()
        raise
    stage.close()
    return {"quotes": sum(n for _, n in units.values()), "regrouped": regrouped}


def staged_units(db, stale: set[str], unlinked: set[str] | None):
    """(the ``store.stage.CorpusStage`` holding every quote's speaker and unit, the speaker
    index, speaker id -> name): the speaker index made, then the quotes cut into units.
    ``stale``, ``unlinked``: as ``speaker_index`` reads and fills them."""
    from quotes.corpus.gcpause import cycles_paused
    from quotes.store.stage import CorpusStage

    stage = CorpusStage(db.conn)
    try:
        with cycles_paused():  # (millions of small acyclic objects: see corpus.gcpause)
            speakers = speaker_index(db, stale, unlinked, stage)
            names = {s.id: s.name for s in speakers.speakers}
            cut_units(stage, speakers.person_speaker, names)
    except BaseException:
        stage.abandon()
        raise
    return stage, speakers, names


def speaker_index(db, stale: set[str], unlinked: set[str] | None, sink=None):
    """The speaker index, streamed article by article from ``store.db.corpus_rows`` (its
    quotes and alias rows put in ``sink`` when given: ``speakers.PersonSink``); adds to
    ``unlinked`` (when given) the quotes without a current utterance: none, one that is not
    stored (``corpus_rows`` tells) or one of the ``stale`` ones. (No set of every utterance
    id is held: at 10M quotes that was hundreds of megabytes.)"""
    from quotes.corpus.index import CorpusQuote, index_speakers_by_article
    from quotes.store.db import corpus_rows

    def articles():
        for _, rows in groupby(corpus_rows(db), key=lambda r: r[1]):
            group = []
            for (qid, aid, outlet, name, aliases, role, kind, mention, uid, stored) in rows:
                if unlinked is not None and (not stored or uid in stale):
                    unlinked.add(qid)
                if name:
                    group.append(CorpusQuote(qid, aid, outlet, None, "", name, json.loads(aliases) if aliases else [],
                                             role, kind, mention))
            yield group

    return index_speakers_by_article(articles(), sink)


def cut_units(stage, person_speaker: list[str], names: dict[str, str]) -> None:
    """Every quote's unit set in the ``stage`` (``store.stage``): named quotes by family,
    unsure ones as ``corpus.unsure`` says, speakerless ones by their links
    (``families.cut_links``: one pass over the named quotes' texts when there are any)."""
    from quotes.corpus.families import cut_links, family_key
    from quotes.store.db import unsure_condition, unsure_methods

    family = {sid: family_key(sid, name) for sid, name in names.items()}
    stage.set_persons((i, sid, family[sid]) for i, sid in enumerate(person_speaker))
    where, params = unsure_condition()
    cut = cut_links(stage.speakerless_texts(), stage.unsure_texts(unsure_methods(stage.conn)),
                    stage.named_texts(where, params))
    moved = []
    for qid, home in cut.unsure.family_of.items():
        unit, was_moved = cut.unit_of_named(qid, home, True)
        if was_moved:
            moved.append((unit, 1, qid))
    stage.set_units(moved + [(cut.unit_of_speakerless(q), 0, q) for q in stage.speakerless_ids()])


def unit_signatures(stage, names: dict[str, str]) -> dict[str, tuple[str, int]]:
    """unit id -> (its ``families.unit_signature``, its number of quotes), read from the stage
    unit by unit (a moved unsure quote counts without its speaker: it is grouped so)."""
    from quotes.corpus.families import sorted_signature

    units = {}
    for unit, rows in groupby(stage.members(), key=lambda r: r[0]):
        units[unit] = sorted_signature((q, None if moved else sid, None if moved or sid is None else names.get(sid))
                                       for _, q, sid, moved in rows)
    return units


def units_to_regroup(db, stage, units: dict[str, tuple[str, int]], unlinked: set[str],
                     stale: set[str]) -> tuple[set[str], set[str]]:
    """(units to group again, utterances to delete) of an incremental step: the units whose
    signature changed or that hold a quote without a current utterance, and the utterances
    of their quotes (with the stale ones)."""
    from quotes.store.db import stored_units

    before = stored_units(db)
    dirty = {u for u, (sig, _) in units.items() if before.get(u) != sig}
    if unlinked:
        dirty |= stage.units_of(sorted(unlinked))
    retired = stale | stage.utterances_of_units(sorted(dirty))
    return dirty, retired


def task_loader(stage, names: dict[str, str]):
    """The function that reads one task's quotes (``run.corpus.Loader``) from the stage:
    each unit's ``grouping.QuoteRef``s, in the unit's quote id order; a moved unsure quote
    without its speaker (``corpus.unsure``)."""
    from quotes.corpus.grouping import QuoteRef

    def load(task: list[str]) -> list[list[QuoteRef]]:
        out = []
        for unit in task:
            refs = []
            for (qid, sid, moved, aid, outlet, published, said_from, said_to, text, start, end,
                 mention) in stage.task_quotes(unit):
                home = sid if moved else None
                sid = None if home else sid
                refs.append(QuoteRef(qid, aid, outlet, sid, text, published, names.get(sid) if sid else None,
                                     said_from, said_to, start, end, bool(home), home, bool(mention)))
            out.append(refs)
        return out

    return load
