"""Storing primary sources and the check of every quote against them.

``save_sources`` writes sources and their turns (one transaction per call; keys are content
hashes, so a source read again changes nothing). ``alignment_inputs`` reads what
``quotes.corpus.sources.align_sources`` needs; ``save_source_index`` replaces every check in
one transaction. ``alignment_fingerprint`` says whether the stored checks were made from
the stored sources and utterances by this version of the rules (``ALIGNMENT_VERSION``):
plain ``sqlite3`` works too, for the fast path of an unchanged build.
"""
from __future__ import annotations

import hashlib
import json

from quotes.model import Source, text_hash

# Bump when the alignment rules change: a build then checks every quote again.
# 2: short quotes, breath repeats, reworded runs, numbers and titles; 3: possessives fold (textnorm);
# 4: the occasion the article names (its kind and days: corpus.occasions), one-word quotes in it;
# 5: its place and event name, two words, rewording beside; 6: a few words placed by the article's
# words around them (corpus.context) or next to a found quote of their paragraph, one word inserted or
# changed in a quote of 5-10 words; 7: turn labels read by the new name_and_role ("LARRY KING" is a name, not a
# title) and the new speaker index; 8: words said in several places of the one source that holds them
# (occasion certain, place not): the first place, and how many (source_quotes.places); 9: a long quote
# given to nobody or to a speaker without sources, in the sources of a speaker its article quotes; a
# prepared text quoted as delivered (the ad-libs between its phrases: words inserted); 10: the event an
# article names by its proper name, far from a quote whose paragraph names none ("to watch the Republican
# National Convention"); a phrase the outlet printed twice no longer widens the passage; 11: a quote of
# under 8 words given to nobody or to a speaker without sources, printed in the paragraph of a found quote
# of a speaker with sources, looked for where that speaker's words were found (or the source the article names);
# capitalised words before an event noun call its source ("during the Miami debate", "his AIPAC speech"), as a
# place does, and the words of the speaker's own name name no place or event of his ("at the Trump rally").
ALIGNMENT_VERSION = "11"


def _has(db, table: str) -> bool:
    return bool(db.execute("select 1 from sqlite_master where type = 'table' and name = ?", [table]).fetchall())


def stored_source_ids(db) -> set[str]:
    """Ids of the sources a database holds (none when it predates sources)."""
    if not _has(db, "sources"):
        return set()
    return {r[0] for r in db.execute("select id from sources")}


def source_row(source: Source) -> dict:
    return {
        "id": source.id, "doc_id": source.doc_id, "title": source.title, "speaker": source.speaker,
        "date": source.date, "url": source.url, "kind": source.kind, "path": source.source,
        "text": source.text, "n_turns": len(source.turns),
        "n_words": sum(len(source.text[t.start:t.end].split()) for t in source.turns if t.speaker),
    }


def save_sources(db, sources: list[Source]) -> int:
    """Write ``sources`` and their turns in one transaction; returns how many were new."""
    from quotes.store.db import insert_sql, upsert_sql

    conn = db.conn
    new = 0
    with conn:
        have = stored_source_ids(db)
        for source in sources:
            row = source_row(source)
            new += row["id"] not in have
            conn.execute(*upsert_sql("sources", row))
            conn.execute("DELETE FROM source_turns WHERE source_id = ?", [row["id"]])
            columns = ["id", "source_id", "turn", "label", "speaker", "speaker_ids", "start", "end"]
            conn.executemany(insert_sql("source_turns", columns), [
                (text_hash(f"{row['id']}:{n}"), row["id"], n, t.label, t.speaker, None, t.start, t.end)
                for n, t in enumerate(source.turns)])
    return new


def alignment_fingerprint(db) -> str:
    """What the stored checks must have been made from: the rules' version, the sources and
    the utterances (their ids name their reference quotes)."""
    h = hashlib.sha256(ALIGNMENT_VERSION.encode())
    for (sid,) in db.execute("select id from sources order by id"):
        h.update(sid.encode())
    h.update(b"|")
    for (uid,) in db.execute("select id from utterances order by id"):
        h.update(uid.encode())
    return h.hexdigest()[:16]


def alignment_is_stale(db) -> bool:
    """True when the database holds sources whose checks are missing or out of date."""
    if not _has(db, "sources") or not db.execute("select exists (select 1 from sources)").fetchone()[0]:
        return False
    if not _has(db, "source_state"):
        return True
    row = db.execute("select fingerprint from source_state where id = 1").fetchone()
    return row is None or row[0] != alignment_fingerprint(db)


def speaker_rows(db) -> list[tuple[str, str, list[str], int]]:
    """(id, name, roles, quotes) of every speaker, to resolve the sources' speakers."""
    counts = dict(db.execute("select speaker_id, count(*) from quotes where speaker_id is not null group by speaker_id"))
    return [(sid, name or "", json.loads(roles) if roles else [], counts.get(sid, 0))
            for sid, name, roles in db.execute("select id, name, roles from speakers order by id")]


def turn_rows(db):
    """(turn id, source id, turn, speaker, day, text, start, end, title) of every turn with a
    speaker."""
    return db.execute(
        "select t.id, t.source_id, t.turn, coalesce(t.speaker, s.speaker), s.date,"
        " substr(s.text, t.start + 1, t.\"end\" - t.start), t.start, t.\"end\", s.title"
        " from source_turns t join sources s on s.id = t.source_id"
        " where coalesce(t.speaker, s.speaker) is not null order by t.source_id, t.turn").fetchall()


# characters of the article read before and after a quote, for the occasion it names
CONTEXT_BEFORE, CONTEXT_AFTER = 400, 300


def quote_rows(db, nobody: bool = False):
    """(quote id, utterance id, speaker id, text, published, said_from, said_to, article id,
    context, quote start and end in it) of every quote with a speaker (the utterance's
    speaker, which may be an alias's; ``nobody``: the quotes without one too, speaker None);
    the context: the article's words around the quote."""
    return db.execute(
        "select q.id, q.utterance_id, coalesce(u.speaker_id, q.speaker_id), q.text, a.published,"
        " q.said_from, q.said_to, q.article_id,"
        f" substr(a.text, max(q.start - {CONTEXT_BEFORE}, 0) + 1, q.\"end\" - max(q.start - {CONTEXT_BEFORE}, 0)"
        f" + {CONTEXT_AFTER}), q.start - max(q.start - {CONTEXT_BEFORE}, 0),"
        f" q.\"end\" - max(q.start - {CONTEXT_BEFORE}, 0) from quotes q join articles a on a.id = q.article_id"
        " left join utterances u on u.id = q.utterance_id"
        + ("" if nobody else " where coalesce(u.speaker_id, q.speaker_id) is not null") + " order by q.id").fetchall()


def article_rows(db):
    """(article id, text) of every article with a quote: the events it names by name
    (``corpus.occasions.event_names``)."""
    return db.execute("select id, text from articles where id in (select article_id from quotes)")


def save_source_index(db, index, turn_speakers: dict[str, list[str]]) -> None:
    """Replace every check with ``index`` (``corpus.sources.SourceIndex``) and record the
    speaker ids each turn was resolved to, in one transaction."""
    from quotes.corpus.relations import RELATION_RANK
    from quotes.store.db import insert_sql

    conn = db.conn
    u_columns = ["utterance_id", "state", "source_id", "start", "end", "passage", "n_quotes", "n_found", "n_sources"]
    q_columns = ["quote_id", "utterance_id", "source_id", "turn", "start", "end", "passage", "relation",
                 "rank", "similarity", "bracketed", "diff", "how", "places"]
    with conn:
        conn.execute("DELETE FROM source_quotes")
        conn.execute("DELETE FROM source_utterances")
        conn.executemany("UPDATE source_turns SET speaker_ids = ? WHERE id = ?",
                         [(json.dumps(sorted(ids)) if ids else None, tid) for tid, ids in sorted(turn_speakers.items())])
        conn.executemany(insert_sql("source_utterances", u_columns), [
            (c.utterance_id, c.state, c.source_id, c.start, c.end, c.passage, c.n_quotes, c.n_found, c.n_sources)
            for c in sorted(index.utterances, key=lambda c: c.utterance_id)])
        conn.executemany(insert_sql("source_quotes", q_columns), [
            (m.quote_id, m.utterance_id, m.source_id, m.turn, m.start, m.end, m.passage, m.relation,
             RELATION_RANK[m.relation], m.similarity, int(m.bracketed), json.dumps(m.diff, ensure_ascii=False), m.how, m.places)
            for m in index.matches])
        conn.execute("INSERT INTO source_state (id, fingerprint) VALUES (1, ?)"
                     " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint", [alignment_fingerprint(db)])
