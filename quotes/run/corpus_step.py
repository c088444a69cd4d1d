"""The corpus step of a build: the speaker index and the utterances brought up to date.

Streams from SQLite and keeps its per-quote state there: the speaker index reads one
article's quotes at a time (``speakers.build_speaker_index_by_article``; an incremental step
only the changed articles': ``kept_speaker_index``) and puts each
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

    The speaker index is brought up to date from the state kept between builds
    (``store.speaker_state``: only the articles whose quotes changed, and those of persons
    whose speaker changed, are resolved again), or made over every stored quote when
    ``full`` or without a current state (which it then writes); its per-quote state is kept in
    temporary tables (``store.stage``). The quotes are then cut into speaker-family units
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
    from quotes.store.db import save_corpus_index, stored_units
    from quotes.store.freshness import GROUPING_VERSION, STALE_UTTERANCES

    full = full or db.execute("PRAGMA user_version").fetchone()[0] != GROUPING_VERSION
    stale = {r[0] for r in db.execute(STALE_UTTERANCES)}  # (only utterances that lost quotes)
    # quotes without a current utterance: their units are regrouped (all of them when full)
    unlinked: set[str] | None = None if full else set()
    stage, speakers, names, touched = staged_units(db, stale, unlinked, keep=True)
    try:
        units = unit_signatures(stage, names, None if touched is None else (touched, stored_units(db, sizes=True)))
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
                          many, units_kept=True)
    except BaseException:
        stage.abandon()
        raise
    stage.close()
    return {"quotes": sum(n for _, n in units.values()), "regrouped": regrouped}


def staged_units(db, stale: set[str], unlinked: set[str] | None, keep: bool = False):
    """(the ``store.stage.CorpusStage`` holding every quote's speaker and unit, the speaker
    index, speaker id -> name, the units whose members changed: None when every unit is to
    be hashed): the speaker index made, then the quotes cut into units.
    ``stale``, ``unlinked``: as ``speaker_index`` reads and fills them (``unlinked`` None: a
    full step). ``keep``: the speaker index's state is kept between builds
    (``store.speaker_state``): an incremental step with a current state resolves only the
    articles that changed (``kept_speaker_index``); any other step makes the state anew.
    So are the cut's and the units' (``cut_units``)."""
    from quotes.corpus.gcpause import cycles_paused
    from quotes.store import speaker_state
    from quotes.store.db import unlinked_quotes
    from quotes.store.stage import CorpusStage

    stage = CorpusStage(db.conn)
    try:
        with cycles_paused():  # (millions of small acyclic objects: see corpus.gcpause)
            relinked = None
            if keep and unlinked is not None and speaker_state.is_current(db.conn):
                speakers, persons, relinked = kept_speaker_index(db, stage)
                unlinked |= unlinked_quotes(db, stale)
            else:
                stage.kept = speaker_state.Rebuild(db.conn) if keep else None
                speakers = speaker_index(db, stale, unlinked, stage)
                persons = list(enumerate(speakers.person_speaker))
                if keep:
                    stage.kept.finish(speakers.person_speaker)
                    stage.kept = None
            names = {s.id: s.name for s in speakers.speakers}
            touched = cut_units(stage, persons, names, relinked, keep)
    except BaseException:
        stage.abandon()
        raise
    return stage, speakers, names, touched


def article_quotes(rows, unlinked: set[str] | None = None, stale: set[str] = frozenset()):
    """(article id, its named ``CorpusQuote``s) of ``store.db.corpus_rows``-shaped rows, one
    article at a time; adds to ``unlinked`` (when given) the quotes without a current
    utterance: none, one that is not stored or one of the ``stale`` ones."""
    from quotes.corpus.index import CorpusQuote

    for aid, group in groupby(rows, key=lambda r: r[1]):
        quotes = []
        for (qid, aid, outlet, name, aliases, role, kind, mention, uid, stored) in group:
            if unlinked is not None and (not stored or uid in stale):
                unlinked.add(qid)
            if name:
                quotes.append(CorpusQuote(qid, aid, outlet, None, "", name, json.loads(aliases) if aliases else [],
                                          role, kind, mention))
        yield aid, quotes


def speaker_index(db, stale: set[str], unlinked: set[str] | None, sink=None):
    """The speaker index, streamed article by article from ``store.db.corpus_rows`` (its
    quotes and alias rows put in ``sink`` when given: ``speakers.PersonSink``); adds to
    ``unlinked`` (when given) the quotes without a current utterance: none, one that is not
    stored (``corpus_rows`` tells) or one of the ``stale`` ones. (No set of every utterance
    id is held: at 10M quotes that was hundreds of megabytes.)"""
    from quotes.corpus.index import index_speakers_by_article
    from quotes.store.db import corpus_rows

    return index_speakers_by_article((quotes for _, quotes in article_quotes(corpus_rows(db), unlinked, stale)), sink)


def kept_speaker_index(db, stage):
    """The speaker index from the state kept between builds (``store.speaker_state``), equal
    to the one a full pass gives: the changed articles' old persons are taken out of their
    sums and the articles resolved again and added in; the unions then run over every
    person in order of first (article id, place), as a full pass meets them. Only the
    changed articles and those of the persons whose speaker changed (a new full name can
    split a cluster or make a bare name ambiguous) are resolved, and only their quotes and
    alias rows go to the ``stage``; the state is updated (inside the caller's transaction).
    Returns (the index, (person id, speaker id) of every person, the articles resolved)."""
    from quotes.corpus.index import speaker_mention
    from quotes.corpus.speakers import PersonSums, article_persons, index_of_persons, person_alias_rows
    from quotes.store import speaker_state as state
    from quotes.store.db import article_rows

    conn = db.conn
    kept = state.load_persons(conn)
    by_signature = {k.signature: pid for pid, k in kept.items()}
    dirty = state.dirty_articles(conn)
    touched: set[int] = set()
    for _, _, pid, names, roles, forms in state.take_locals(conn, dirty):
        kept[pid].person.subtract(names, roles, forms)
        touched.add(pid)
    rows: list[tuple] = []
    next_id = max(kept, default=-1) + 1

    def resolve(articles, new: bool) -> None:
        for aid, quotes in article_quotes(article_rows(db, articles)):
            for place, (key, loc) in enumerate(article_persons([speaker_mention(q) for q in quotes])):
                sig = state.signature_text(key)
                pid = by_signature.get(sig)
                if new:
                    if pid is None:
                        nonlocal next_id
                        pid = by_signature[sig] = next_id
                        next_id += 1
                        kept[pid] = state.KeptPerson(sig, PersonSums(loc.kind), None, None)
                    kept[pid].person.add(loc, keep=False)
                    touched.add(pid)
                    rows.append(state.local_row(aid, place, pid, loc))
                stage.quotes(pid, loc.quote_ids)
                stage.aliases(pid, person_alias_rows(loc))

    resolve(dirty, True)
    state.insert_locals(conn, rows)
    removed = {pid for pid in touched if kept[pid].person.n_locals == 0}
    for pid in touched - removed:
        kept[pid].first = state.first_place(conn, pid)
    for pid in removed:
        del kept[pid]
    order = sorted(kept, key=lambda pid: kept[pid].first)
    index = index_of_persons([kept[pid].person for pid in order])
    changed = {pid for pid, sid in zip(order, index.person_speaker) if kept[pid].speaker_id != sid}
    relinked = set(dirty) | state.articles_of(conn, changed)
    resolve(sorted(relinked - set(dirty)), False)
    for pid, sid in zip(order, index.person_speaker):
        kept[pid].speaker_id = sid
    state.save_persons(conn, {pid: kept[pid] for pid in (touched | changed) - removed}, removed)
    state.mark_current(conn)
    index.relinked_only = True
    return index, list(zip(order, index.person_speaker)), relinked


def cut_units(stage, persons: list[tuple[int, str]], names: dict[str, str], relinked: set[str] | None = None,
              keep: bool = False) -> set[str] | None:
    """Every quote's unit set in the ``stage`` (``store.stage``): named quotes by family,
    unsure ones as ``corpus.unsure`` says, speakerless ones by their links.
    ``persons``: (person, speaker id) of every person of the index; ``relinked``: the
    articles whose persons alone went to the stage (None: every article's). Without
    ``keep``, the links are found by one pass over the named quotes' texts
    (``families.cut_links``) and every quote is staged. With it, the links come from the
    named quotes' 4-grams kept between builds (``store.cut_state``,
    ``families.cut_of_holders``) and every quote's unit is kept too (``store.unit_state``):
    an incremental step whose changes are additions only (and whose kept states are those
    the last step wrote: ``unit_state.is_current``) adds the new named quotes' grams, looks
    up only the unsure quotes not settled before (``cut_state.settle``: a settled one stays
    home, and its kept row says so), stages only the articles resolved again and writes only
    the units that changed; any other step
    stages every quote and makes both tables anew, the cut's with that one pass.
    Returns the units whose members (or their speakers or speaker names) changed, or None:
    every unit is to be hashed."""
    from quotes.corpus.families import cut_links, cut_of_holders, family_key
    from quotes.store import cut_state, unit_state
    from quotes.store.db import unsure_condition, unsure_methods

    family = {sid: family_key(sid, name) for sid, name in names.items()}
    conn = stage.conn
    kept = keep and relinked is not None and unit_state.is_current(conn) and cut_state.is_current(conn)
    stage.set_persons(((p, sid, family[sid]) for p, sid in persons), None if relinked is None else family.items(),
                      relinked, every=not kept)
    if kept and not cut_state.changes_are_additions(conn, family):
        stage.stage_others()
        kept = False
    where, params = unsure_condition()
    methods = unsure_methods(stage.conn)
    if not keep:
        cut = cut_links(stage.speakerless_texts(), stage.unsure_texts(methods, family),
                        stage.named_texts(where, params, family))
    else:
        if kept:
            cut_state.add(conn, stage.added_named_texts(where, params), family)
            unit_state.apply(conn)
        else:
            unit_state.replace(conn)
        stage.use_kept_units()
        if not kept:
            cut_state.rebuild(conn, stage.named_texts(where, params, family), family)
        cut = cut_of_holders(stage.speakerless_texts(), stage.unsure_texts(methods, family, unsettled=True),
                             lambda grams: cut_state.holders(conn, grams))  # (rebuild: none settled yet)
        cut_state.settle(conn, (q for q in cut.unsure.family_of if cut.unsure.settled(q)))
    moved = []
    for qid, home in cut.unsure.family_of.items():
        unit, was_moved = cut.unit_of_named(qid, home, True)
        if was_moved or kept:  # (kept: an unsure quote moved before may stay home now)
            moved.append((unit, int(was_moved), qid))
    rows = moved + [(cut.unit_of_speakerless(q), 0, q) for q in stage.speakerless_ids()]
    if not kept:
        stage.set_units(rows)
        return None
    unit_state.set_cut(conn, rows)
    stored = dict(conn.execute("SELECT id, name FROM speakers"))  # (the names the last step gave)
    renamed = {family[sid] for sid, name in names.items() if sid not in stored or stored[sid] != name}
    return unit_state.touched(conn) | renamed  # (a speaker's name is in its quotes' signature lines)


def unit_signatures(stage, names: dict[str, str],
                    touched: tuple[set[str], dict[str, tuple[str, int]]] | None = None) -> dict[str, tuple[str, int]]:
    """unit id -> (its ``families.unit_signature``, its number of quotes), read from the stage
    unit by unit (a moved unsure quote is grouped without its speaker; its line holds it
    apart: ``families.signature_line``).
    ``touched``: (the units whose members changed, the stored units' (signature, quotes)):
    only those units are read and hashed; the others are the stored ones."""
    from quotes.corpus.families import signature_line, sorted_signature

    def signature(rows):
        return sorted_signature(signature_line(q, sid, names.get(sid), moved) for _, q, sid, moved in rows)

    if touched is None:
        return {unit: signature(rows) for unit, rows in groupby(stage.members(), key=lambda r: r[0])}
    changed, units = touched[0], dict(touched[1])
    for unit in sorted(changed):
        sig = signature(stage.members(unit))
        if sig[1]:
            units[unit] = sig
        else:
            units.pop(unit, None)
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
