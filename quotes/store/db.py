"""Storing articles, quotes, speakers and utterances in SQLite with sqlite-utils.

`ensure_db_shape` creates every table, index, view and FTS table idempotently; `save_article`
writes one article and all its quotes in ONE transaction (a crash never leaves half an
article); keys are content hashes, so re-running a build changes nothing.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import sqlite_utils

from quotes.ingest.language import language_of
from quotes.model import Article, Quote, text_hash
from quotes.store import bulk

from quotes.store.freshness import (APPLICATION_ID, EXTRACTOR_VERSION, GROUPING_VERSION, STALE_UTTERANCES,  # noqa: F401 (re-exported)
                        article_is_current, corpus_index_is_stale)

TABLES = {
    "outlets": {"id": str, "name": str},
    "articles": {
        "id": str, "doc_id": str, "outlet_id": str, "title": str, "byline": str,
        "published": str, "url": str, "source": str, "text": str, "n_quotes": int,
        "extractor_version": str, "language": str,
    },
    "speakers": {"id": str, "name": str, "kind": str, "roles": str, "description": str},
    "utterances": {
        "id": str, "speaker_id": str, "text": str, "reference_quote_id": str,
        "n_quotes": int, "n_articles": int, "n_outlets": int,
    },
    "speaker_aliases": {
        "speaker_id": str, "alias": str, "article_id": str, "outlet_id": str, "count": int,
    },
    "variants": {
        "quote_id": str, "utterance_id": str, "reference_quote_id": str,
        "relation": str, "similarity": float, "diff": str,
    },
    "quotes": {
        "id": str, "article_id": str, "speaker_id": str, "utterance_id": str,
        "text": str, "start": int, "end": int, "kind": str,
        "speaker_name": str, "speaker_kind": str, "speaker_role": str, "speaker_aliases": str,
        "speaker_mention": str, "speaker_start": int, "speaker_end": int,
        "cue": str, "cue_start": int, "cue_end": int,
        "method": str, "confidence": float,
        "said_from": str, "said_to": str, "said_when": str,
        "mention": int,  # 1: a term the writer mentions (quotefilter.mentioned), kept out of utterances
    },
    # the corpus step's units (speaker families, corpus.families) and what their grouping
    # depended on: a unit whose signature is unchanged keeps its utterances
    "corpus_units": {"id": str, "signature": str, "n_quotes": int},
    # the speaker index's state between builds (store.speaker_state): each article's persons,
    # the persons summed, the articles changed since, and the rules the state was made by
    "speaker_locals": {"article_id": str, "place": int, "person": int, "names": str, "roles": str, "forms": str},
    "speaker_persons": {
        "id": int, "signature": str, "kind": str, "n_locals": int, "names": str, "roles": str, "forms": str,
        "first_article": str, "first_place": int, "speaker_id": str,
    },
    "speaker_dirty": {"article_id": str},
    "speaker_state": {"id": int, "fingerprint": str},
    # primary sources (quotes.ingest.sources) and the quotes checked against them
    # (quotes.corpus.sources); written by quotes.store.sources
    "sources": {
        "id": str, "doc_id": str, "title": str, "speaker": str, "date": str, "url": str,
        "kind": str, "path": str, "text": str, "n_turns": int, "n_words": int,
    },
    "source_turns": {
        "id": str, "source_id": str, "turn": int, "label": str, "speaker": str,
        "speaker_ids": str, "start": int, "end": int,
    },
    "source_utterances": {
        "utterance_id": str, "state": str, "source_id": str, "start": int, "end": int,
        "passage": str, "n_quotes": int, "n_found": int, "n_sources": int,
    },
    "source_quotes": {
        "quote_id": str, "utterance_id": str, "source_id": str, "turn": int, "start": int, "end": int,
        "passage": str, "relation": str, "rank": int, "similarity": float, "bracketed": int,
        "diff": str, "how": str, "places": int,
    },
    "source_state": {"id": int, "fingerprint": str},
}
FOREIGN_KEYS = {
    "articles": [("outlet_id", "outlets", "id")],
    "utterances": [("speaker_id", "speakers", "id")],
    "quotes": [
        ("article_id", "articles", "id"),
        ("speaker_id", "speakers", "id"),
        ("utterance_id", "utterances", "id"),
    ],
    "speaker_aliases": [
        ("speaker_id", "speakers", "id"),
        ("article_id", "articles", "id"),
        ("outlet_id", "outlets", "id"),
    ],
    "variants": [
        ("quote_id", "quotes", "id"),
        ("utterance_id", "utterances", "id"),
        ("reference_quote_id", "quotes", "id"),
    ],
    # (no keys to quotes, utterances or speakers: those are rewritten by other steps, and
    # the alignment step rewrites these tables after them in the same transaction)
    "source_turns": [("source_id", "sources", "id")],
    "source_utterances": [("source_id", "sources", "id")],
    "source_quotes": [("source_id", "sources", "id")],
}
# Primary keys other than "id".
PRIMARY_KEYS = {"speaker_aliases": ("speaker_id", "alias", "article_id"), "variants": ("quote_id",),
                "source_utterances": ("utterance_id",), "source_quotes": ("quote_id",),
                "speaker_locals": ("article_id", "place"), "speaker_dirty": ("article_id",)}
# Tables created after (and referring to) the tables above.
CREATE_ORDER = ["outlets", "articles", "speakers", "utterances", "quotes", "speaker_aliases", "variants",
                "corpus_units", "speaker_locals", "speaker_persons", "speaker_dirty", "speaker_state", "sources", "source_turns", "source_utterances", "source_quotes", "source_state"]


# what marks a database made before the application id was set
LEGACY_SIGNATURE = {"articles": {"extractor_version", "text"}, "quotes": {"article_id", "start", "end"}}


class ForeignDatabase(sqlite3.DatabaseError):
    """The file is a SQLite database, but not one of ours and not empty."""


def check_ours(path: str) -> None:
    """Raise ForeignDatabase unless `path` is missing, empty, or a quotes database. Reads
    only (a read-only connection): a foreign file is left exactly as it was."""
    file = Path(path)
    if not file.exists() or file.stat().st_size == 0:
        return
    conn = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view', 'index', 'trigger')")]
        if not tables and app_id == 0:
            return
        if app_id == 0 and all(
                set(cols) <= {r[1] for r in conn.execute("select * from pragma_table_info(?)", [table])}
                for table, cols in LEGACY_SIGNATURE.items()):
            return  # built by a version that did not mark its databases yet
    finally:
        conn.close()
    raise ForeignDatabase(
        f"not a quotes database (application_id {app_id:#x}, {len(tables)} schema objects of its own): "
        "refused, left unchanged; give --db a new file or one that quotes build made")


def open_db(path: str) -> sqlite_utils.Database:
    """A database with the full shape; WAL so a reader never blocks on a build. Refuses
    (ForeignDatabase) a database that is neither empty nor ours."""
    from quotes.store.transactions import atomic

    check_ours(path)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.enable_wal()
    with atomic(db) as tx:  # a build killed while creating the shape leaves no half of it
        ensure_db_shape(tx)
        tx.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return db


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create tables, foreign keys, indexes and FTS if missing. Safe to call every time."""
    for name in CREATE_ORDER:
        columns = TABLES[name]
        table = db[name]
        if not table.exists():
            pk = PRIMARY_KEYS.get(name, ("id",))
            table.create(columns, pk=pk[0] if len(pk) == 1 else pk,
                         foreign_keys=FOREIGN_KEYS.get(name, []), not_null=set(pk))
        else:  # a database made by an older version: add the columns it lacks
            have = set(table.columns_dict)
            for column, kind in columns.items():
                if column not in have:
                    table.add_column(column, kind)
    for name, keys in FOREIGN_KEYS.items():
        for column, _, _ in keys:
            db[name].create_index([column], if_not_exists=True)
    db["quotes"].create_index(["article_id", "start"], if_not_exists=True)
    db["articles"].create_index(["doc_id"], if_not_exists=True)
    if not db["quotes_fts"].exists():
        db["quotes"].enable_fts(["text", "speaker_name"], tokenize="porter", create_triggers=True)
    narrow_fts_update_trigger(db)
    db["speaker_locals"].create_index(["person", "article_id", "place"], if_not_exists=True)
    for trigger in DIRTY_TRIGGERS:
        db.execute(trigger)
    from quotes.store import cut_state  # (the cut's state between builds: its tables and triggers)

    cut_state.create(db.conn)
    from quotes.store import unit_state  # (each quote's unit between builds)

    unit_state.create(db.conn)
    for table, columns in BROWSE_INDEXES:
        db[table].create_index(columns, if_not_exists=True)


# Indexes for the pages Datasette serves on a large database: the default sort orders in
# metadata.yaml, the facets, and the canned queries' joins (benchmarks/bench_datasette.py).
# The multi-column ones are covering: the page reads them without touching the wide rows.
BROWSE_INDEXES = [
    ("quotes", ["kind"]),
    ("quotes", ["method"]),
    ("quotes", ["confidence"]),  # sorting by confidence to review weak attributions
    ("quotes", ["speaker_name"]),  # the quotes table's default sort
    # one speaker's quotes (?speaker_id=, the speaker page): sorted by name (same-name quotes
    # in rowid order, as Datasette pages them), and the kind, method, outlet and relation
    # facets and the per-outlet counts without reading the rows
    ("quotes", ["speaker_id", "speaker_name"]),
    ("quotes", ["speaker_id", "kind", "method", "article_id", "utterance_id", "id"]),
    ("articles", ["published"]),
    # a quote's outlet (outlet facet), and quotes per outlet of the whole table; not led by
    # outlet_id, which would change the order of same-date articles on ?outlet_id= pages
    ("articles", ["id", "outlet_id", "n_quotes"]),
    ("speakers", ["name"]),
    ("outlets", ["name"]),
    ("utterances", ["n_outlets"]),
    ("variants", ["quote_id", "relation"]),  # a quote's relation (relation facet)
    ("variants", ["relation", "utterance_id", "similarity"]),  # relations_summary counts
    ("variants", ["relation", "similarity", "quote_id"]),  # ?_relation=, relations_summary examples
    ("source_quotes", ["utterance_id"]),  # an utterance's versions against its source
    ("source_quotes", ["rank", "similarity"]),  # quotes that differ from their source, worst first
    ("source_utterances", ["state"]),
]
# The articles whose speaker mentions changed since the last corpus step (store.speaker_state):
# every insert, delete and change of the quote fields the speaker index reads, and a change of
# an article's outlet (its alias rows carry it), whoever writes them.
_SPEAKER_FIELDS = ("id", "article_id", "speaker_name", "speaker_aliases", "speaker_role", "speaker_kind",
                   "speaker_mention")
DIRTY_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS speaker_dirty_insert AFTER INSERT ON quotes BEGIN"
    " INSERT OR IGNORE INTO speaker_dirty (article_id) VALUES (new.article_id); END",
    "CREATE TRIGGER IF NOT EXISTS speaker_dirty_delete AFTER DELETE ON quotes BEGIN"
    " INSERT OR IGNORE INTO speaker_dirty (article_id) VALUES (old.article_id); END",
    f"CREATE TRIGGER IF NOT EXISTS speaker_dirty_update AFTER UPDATE OF {', '.join(_SPEAKER_FIELDS)} ON quotes"
    f" WHEN {' OR '.join(f'old.{c} IS NOT new.{c}' for c in _SPEAKER_FIELDS)} BEGIN"
    " INSERT OR IGNORE INTO speaker_dirty (article_id) VALUES (old.article_id);"
    " INSERT OR IGNORE INTO speaker_dirty (article_id) VALUES (new.article_id); END",
    "CREATE TRIGGER IF NOT EXISTS speaker_dirty_outlet AFTER UPDATE OF outlet_id ON articles"
    " WHEN old.outlet_id IS NOT new.outlet_id BEGIN"
    " INSERT OR IGNORE INTO speaker_dirty (article_id) VALUES (new.id); END",
]
FTS_UPDATE_TRIGGER = """CREATE TRIGGER "quotes_au" AFTER UPDATE OF "text", "speaker_name" ON "quotes" BEGIN
  INSERT INTO "quotes_fts" ("quotes_fts", rowid, "text", "speaker_name") VALUES('delete', old.rowid, old."text", old."speaker_name");
  INSERT INTO "quotes_fts" (rowid, "text", "speaker_name") VALUES (new.rowid, new."text", new."speaker_name");
END"""


def analyze(db: sqlite_utils.Database) -> None:
    """Table statistics for SQLite's query planner: every index read in full (about 3 s at
    1,000,000 quotes). Without them the "quotes of a speaker" query scans every quote
    instead of starting from the matching speakers. Sampled statistics (`analysis_limit`)
    are not enough: they guessed 2-3 million quotes and 65-90 thousand articles at
    1,000,000 and 87,144, and the planner then drove "quotes of a speaker" and "needs
    review" from a scan of all articles (1.1 s and 0.5 s instead of 0.2 s and 5 ms)."""
    db.execute("PRAGMA analysis_limit = 0")
    with db.conn:
        db.execute("ANALYZE")


def narrow_fts_update_trigger(db: sqlite_utils.Database) -> None:
    """Re-index a quote's FTS row only when its indexed columns change.

    sqlite-utils' trigger fires on every UPDATE, so linking quotes to speakers and
    utterances re-indexed the full text of every quote (most of the corpus-index time).
    """
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = 'quotes_au'").fetchone()
    if row and row[0] != FTS_UPDATE_TRIGGER:
        with db.conn:
            db.execute('DROP TRIGGER "quotes_au"')
            db.execute(FTS_UPDATE_TRIGGER)


def slug(name: str) -> str:
    """A readable, stable key for an outlet name ("The Epoch Times" -> "epoch-times").

    A leading "The" does not count: "The Daily X" and "Daily X" are one outlet."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return re.sub(r"^the-(?=[a-z0-9])", "", key) or text_hash(name)


# An outlet's name: a spelling with a leading "The" is kept once seen ("The Daily X" over
# "Daily X", whichever article came first); otherwise the latest spelling.
OUTLET_UPSERT = ('INSERT INTO "outlets" ("id", "name") VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET '
                 '"name" = excluded."name" WHERE excluded."name" LIKE \'the %\' OR "outlets"."name" NOT LIKE \'the %\'')


def quote_row(article_id: str, quote: Quote) -> dict:
    return {
        "id": quote.quote_id(article_id),
        "article_id": article_id,
        "speaker_id": None,
        "utterance_id": None,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker_name": quote.speaker,
        "speaker_kind": quote.speaker_kind,
        "speaker_role": quote.speaker_role,
        "speaker_aliases": json.dumps(quote.speaker_aliases, ensure_ascii=False) if quote.speaker_aliases else None,
        "speaker_mention": quote.speaker_mention,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "method": quote.method,
        "confidence": round(float(quote.confidence), 3),
        "said_from": quote.said_from,
        "said_to": quote.said_to,
        "said_when": quote.said_when,
        "mention": int(quote.mention),
    }


def upsert_sql(table: str, row: dict) -> tuple[str, list]:
    """An `INSERT ... ON CONFLICT(id) DO UPDATE` statement for one row.

    Plain SQL on purpose: sqlite-utils' write methods commit on their own, which would
    break the one-transaction-per-article rule.
    """
    columns = list(row)
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}'
    return sql, [row[c] for c in columns]


def insert_sql(table: str, columns: list[str], upsert: bool = False) -> str:
    """An INSERT of ``columns``; with ``upsert``, rows whose primary key exists are updated
    in place (never deleted and inserted again, which foreign keys would refuse)."""
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in columns)})'
    if upsert:
        pk = PRIMARY_KEYS.get(table, ("id",))
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in pk)
        sql += f' ON CONFLICT({", ".join(pk)}) DO UPDATE SET {updates}'
    return sql


def save_article(db: sqlite_utils.Database, article: Article, quotes: Iterable[Quote]) -> str:
    """Write one article and all its quotes atomically; returns the article id."""
    article_id = article.id
    rows = [quote_row(article_id, q) for q in quotes]
    outlet_id = slug(article.outlet) if article.outlet else None
    article_row = {
        "id": article_id,
        "doc_id": article.doc_id,
        "outlet_id": outlet_id,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "url": article.url,
        "source": article.source,
        "text": article.text,
        "n_quotes": len(rows),
        "extractor_version": EXTRACTOR_VERSION,
        "language": article.language or language_of(article.text),
    }
    conn = db.conn
    with conn:  # one transaction: all of the article or none of it
        if outlet_id:
            conn.execute(OUTLET_UPSERT, [outlet_id, article.outlet])
        # variants point at quotes: drop them with the quotes (rebuilt by the corpus index)
        conn.execute("DELETE FROM variants WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?)"
                     " OR reference_quote_id IN (SELECT id FROM quotes WHERE article_id = ?)",
                     [article_id, article_id])
        conn.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
        conn.execute(*upsert_sql("articles", article_row))
        if rows:
            columns = list(rows[0])
            conn.executemany(insert_sql("quotes", columns), [[r[c] for c in columns] for r in rows])
    return article_id


CORPUS_ROWS = ("select q.id, q.article_id, a.outlet_id, q.speaker_name, q.speaker_aliases,"
               " q.speaker_role, q.speaker_kind, q.speaker_mention, q.utterance_id,"
               " exists (select 1 from utterances u where u.id = q.utterance_id)"
               " from quotes q join articles a on a.id = q.article_id{where} order by q.article_id, q.id")


def corpus_rows(db: sqlite_utils.Database):
    """Every stored quote's fields the speaker index reads, article by article (in article
    id, then quote id order), with the quote's current utterance and whether that utterance
    is stored (1; 0: none, or a link to a missing row); no texts."""
    return db.execute(CORPUS_ROWS.format(where=""))


def article_rows(db: sqlite_utils.Database, article_ids: Iterable[str]) -> Iterator[tuple]:
    """``corpus_rows`` of the articles ``article_ids`` only (read by the quotes' article index),
    in the same order."""
    ordered = sorted(set(article_ids))
    for k in range(0, len(ordered), 500):
        chunk = ordered[k:k + 500]
        yield from db.execute(CORPUS_ROWS.format(where=f" where q.article_id in ({', '.join('?' * len(chunk))})"),
                              chunk).fetchall()


def unlinked_quotes(db: sqlite_utils.Database, stale: set[str]) -> set[str]:
    """The quotes without a current utterance (what ``corpus_rows`` tells, through the
    quotes' utterance index instead of every quote): none, one that is not stored, or one of
    the ``stale`` ones."""
    out = {q for (q,) in db.execute("select id from quotes where utterance_id is null")}
    out.update(q for (q,) in db.execute("select q.id from quotes q where q.utterance_id is not null and not exists"
                                        " (select 1 from utterances u where u.id = q.utterance_id)"))
    for u in sorted(stale):
        out.update(q for (q,) in db.execute("select id from quotes where utterance_id = ?", [u]))
    return out


def grouping_rows(db: sqlite_utils.Database, ids: list[str]) -> dict[str, tuple]:
    """quote id -> (article id, outlet id, published, said_from, said_to, text, start, end):
    what the grouping reads of the quotes ``ids``."""
    out = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for row in db.execute(
                "select q.id, q.article_id, a.outlet_id, a.published, q.said_from, q.said_to, q.text,"
                " q.start, q.end"
                " from quotes q join articles a on a.id = q.article_id"
                f" where q.id in ({', '.join('?' * len(chunk))})", chunk):
            out[row[0]] = row[1:]
    return out


def utterances_of(db: sqlite_utils.Database, ids: list[str]) -> set[str]:
    """The utterances the quotes ``ids`` are linked to."""
    out: set[str] = set()
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        out.update(u for (u,) in db.execute(
            f"select distinct utterance_id from quotes where id in ({', '.join('?' * len(chunk))})"
            " and utterance_id is not null", chunk))
    return out


def unsure_quote_ids(db: sqlite_utils.Database) -> list[str]:
    """Ids of the quotes whose attribution method leaves the speaker unsure (``corpus.unsure``)."""
    where, params = unsure_condition()
    return [r[0] for r in db.execute(f"select id from quotes where {where}", params)]


def unsure_methods(db) -> list[str]:
    """The stored attribution methods that leave the speaker unsure (``unsure_condition``),
    read by skipping along the quotes' method index: one look-up per distinct method, not a
    scan of the wide quotes table (``store.stage.CorpusStage.unsure_texts``)."""
    methods, last = [], ""
    while (method := db.execute("select min(method) from quotes where method > ?", [last]).fetchone()[0]) is not None:
        methods.append(method)
        last = method
    if not methods:
        return []
    where, params = unsure_condition()
    rows = db.execute(f"with stored(method) as (values {', '.join(['(?)'] * len(methods))})"
                      f" select method from stored where {where}", [*methods, *params])
    return [m for (m,) in rows]


def unsure_condition() -> tuple[str, list[str]]:
    """The SQL condition (and its parameters) on a quote's ``method`` that leaves its speaker
    unsure (``corpus.unsure.is_unsure``)."""
    from quotes.corpus.unsure import GROUP_SUFFIX, GUESSED_METHODS

    where = " or ".join(["method = ?"] * len(GUESSED_METHODS) + ["method like ?"])
    return where, [*sorted(GUESSED_METHODS), "%" + GROUP_SUFFIX]


def quote_texts(db: sqlite_utils.Database, ids: set[str], everything: bool) -> dict[str, str]:
    """Texts of the quotes ``ids``: one scan when they are most quotes, else by key."""
    if everything:
        return {i: t for i, t in db.execute("select id, text from quotes") if i in ids}
    out, ordered = {}, sorted(ids)
    for k in range(0, len(ordered), 500):
        chunk = ordered[k:k + 500]
        out.update(db.execute(f"select id, text from quotes where id in ({', '.join('?' * len(chunk))})",
                              chunk).fetchall())
    return out


LINK_STAGE = "stage_link"  # the quotes' new speaker or utterance links, by rowid (``bulk``)


def save_corpus_index(db: sqlite_utils.Database, speaker_index, utterance_index,
                      retired: set[str] | None = None, units: dict[str, tuple[str, int]] | None = None,
                      many: bool = True, units_kept: bool = False) -> None:
    """Write the speaker index and (re)grouped utterances in ONE transaction.

    Speakers and aliases are synchronised with ``speaker_index`` (only changed rows are
    written); every quote's speaker link follows it. The utterances ``retired`` (default:
    all stored ones) are deleted with their variants, and those of ``utterance_index`` (one
    ``grouping.UtteranceIndex`` or ``UtteranceRows``, or an iterable of them: the parts are
    written as they come, so a partitioned corpus step never holds all of them) are written, with their
    quotes' links; when it has a ``start`` (``run.corpus.Grouped``), it is started before the
    quotes' speaker links are written, so its workers group while they are. ``units`` (unit id -> (signature, quotes)) replaces the stored corpus
    units. Idempotent: the same indexes give the same rows.
    ``speaker_index``: ``speakers.SpeakerIndex`` (its ``outlet`` values are outlet ids); one
    built with a ``store.stage.CorpusStage`` as its sink takes the links and alias rows
    from the stage. ``many``: the writes touch a large share of the rows (a full regroup),
    so the connection gets a large page cache (``bulk.CACHE_KIB``) while it writes; a step
    that regroups a few units only compares the links and alias rows in one pass each,
    which a large cache does not speed up but fills (it was most of such a step's memory).
    ``units_kept``: every quote's unit was written to ``unit_quotes`` by this step: the
    units' state is marked current with the new ``corpus_units`` (``store.unit_state``)."""
    parts = [utterance_index] if hasattr(utterance_index, "utterances") else utterance_index
    conn = db.conn
    cache = conn.execute("PRAGMA main.cache_size").fetchone()[0]
    if many:
        conn.execute(f"PRAGMA main.cache_size = -{bulk.CACHE_KIB}")  # (the step's writes read most pages)
    try:
        with conn:  # one transaction: readers never see quotes without their speakers
            write_corpus_index(conn, speaker_index, parts, retired, units)
            if units_kept:
                from quotes.store import unit_state

                unit_state.mark_current(conn)
    finally:
        bulk.drop_stage(conn, LINK_STAGE)
        conn.execute(f"PRAGMA main.cache_size = {cache}")


def write_corpus_index(conn, speaker_index, parts, retired, units) -> None:
    """``save_corpus_index``'s writes, inside its transaction."""
    from quotes.store.stage import save_staged_speaker_links

    gone_speakers = save_speakers(conn, speaker_index.speakers)  # first: quotes and aliases point at them
    if hasattr(parts, "start"):  # (run.corpus.Grouped) its first tasks grouped while the links are written
        parts.start()
    if speaker_index.person_speaker is not None:  # quotes and alias rows in a stage (store.stage)
        save_staged_speaker_links(conn, speaker_index.relinked_only, gone_speakers)
    else:
        save_speaker_aliases(conn, speaker_index.aliases)
        speaker_of = speaker_index.speaker_of
        bulk.create_stage(conn, LINK_STAGE)
        bulk.stage_by_id(conn, LINK_STAGE, "quotes", ((speaker_of.get(q), q) for q, sid in
                                                      conn.execute("select id, speaker_id from quotes").fetchall()
                                                      if speaker_of.get(q) != sid))
        bulk.apply(conn, LINK_STAGE, "quotes", "speaker_id")
    retire_utterances(conn, retired)
    bulk.create_stage(conn, LINK_STAGE)
    with indexes_built_after(conn, "variants", keep=("utterance_id",) if retired is None else None):
        for part in parts:
            save_utterances(conn, part, emptied=retired is None)
    bulk.apply(conn, LINK_STAGE, "quotes", "utterance_id")  # every part's links, in the quotes' order
    if retired is None:  # the links to the old utterances that no part replaced
        conn.execute("UPDATE quotes SET utterance_id = NULL WHERE utterance_id IS NOT NULL"
                     " AND utterance_id NOT IN (SELECT id FROM utterances)")
    conn.executemany("DELETE FROM speakers WHERE id = ?", gone_speakers)
    if units is not None:
        conn.execute("DELETE FROM corpus_units")
        conn.executemany(insert_sql("corpus_units", list(TABLES["corpus_units"])),
                         [(u, sig, n) for u, (sig, n) in sorted(units.items())])
    conn.execute(f"PRAGMA user_version = {GROUPING_VERSION}")  # (transactional: in the header)


@contextmanager
def indexes_built_after(conn, table: str, keep: tuple[str, ...] | None) -> Iterator[None]:
    """Inside the block, ``table`` has only its primary key and the indexes whose first column
    is in ``keep`` (foreign-key look-ups need them); the others are made again after it
    (inside the caller's transaction: an error rolls the drop back too). For a table filled
    from empty (a full regroup's variants): one sorted build per index instead of a random
    insert into each per row. ``keep`` None: nothing dropped."""
    dropped = []
    if keep is not None:
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                      " AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", (table,)).fetchall():
            if conn.execute(f'PRAGMA index_info("{name}")').fetchone()[2] not in keep:
                conn.execute(f'DROP INDEX "{name}"')
                dropped.append(sql)
    yield
    for sql in dropped:
        conn.execute(sql)


def retire_utterances(conn, retired: set[str] | None) -> None:
    """Delete the utterances ``retired`` with their variants and unlink their quotes; None:
    every stored one (a full regroup): the tables are emptied at once and the quotes keep
    their links, which ``save_utterances`` sets again (or ``save_corpus_index`` clears),
    instead of every link written twice, row by row."""
    if retired is None:  # (the quotes' links are checked at commit, when they point at new rows)
        conn.execute("PRAGMA defer_foreign_keys = ON")  # (off again at the end of the transaction)
        conn.execute("DELETE FROM variants")
        conn.execute("DELETE FROM utterances")
        return
    gone = sorted((u,) for u in retired)
    conn.executemany("DELETE FROM variants WHERE utterance_id = ?", gone)
    conn.executemany("UPDATE quotes SET utterance_id = NULL WHERE utterance_id = ?", gone)
    conn.executemany("DELETE FROM utterances WHERE id = ?", gone)


def save_speakers(conn, speakers) -> list[tuple[str]]:
    """Write the new and changed speakers (``speakers.Speaker``, inside the caller's
    transaction); returns the ids of the stored speakers that are no longer in the index,
    for the caller to delete once nothing points at them."""
    rows = {s.id: (s.id, s.name, s.kind, json.dumps(s.roles, ensure_ascii=False) if s.roles else None,
                   s.description) for s in speakers}
    old = {r[0]: r for r in conn.execute("select id, name, kind, roles, description from speakers")}
    conn.executemany(insert_sql("speakers", list(TABLES["speakers"]), upsert=True),
                     [r for k, r in sorted(rows.items()) if old.get(k) != r])
    return sorted((k,) for k in old if k not in rows)


def save_speaker_aliases(conn, aliases) -> None:
    """Synchronise the stored alias rows with ``aliases`` (``speakers.SpeakerAlias``): a
    merge with the stored rows, both in (speaker id, article id, alias) order, so only the
    rows that differ are held (inside the caller's transaction). SQLite's binary order of
    text is Python's order of ``str``; the index gives its aliases in that order already."""
    old = conn.execute('select speaker_id, article_id, alias, outlet_id, "count" from speaker_aliases'
                       " order by speaker_id, article_id, alias")
    new = ((a.speaker_id, a.article_id, a.alias, a.outlet, a.count)
           for a in sorted(aliases, key=lambda a: (a.speaker_id, a.article_id, a.alias)))  # (sorted: no copy)
    gone, changed = [], []
    o, n = next(old, None), next(new, None)
    while o is not None or n is not None:
        if n is None or (o is not None and o[:3] < n[:3]):
            gone.append((o[0], o[2], o[1]))
            o = next(old, None)
        elif o is None or n[:3] < o[:3]:
            changed.append((n[0], n[2], n[1], n[3], n[4]))
            n = next(new, None)
        else:
            if o != n:
                changed.append((n[0], n[2], n[1], n[3], n[4]))
            o, n = next(old, None), next(new, None)
    conn.executemany("DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias = ? AND article_id = ?",
                     sorted(gone))
    changed.sort()  # written in key order (speaker, alias, article), as before
    conn.executemany(insert_sql("speaker_aliases", list(TABLES["speaker_aliases"]), upsert=True), changed)


class UtteranceRows(NamedTuple):
    """One part of the utterances as the rows ``save_utterances`` writes, each list sorted:
    utterances, quote links (utterance, quote, utterance), variants (diff as JSON). Made
    where the part was grouped (``utterance_rows``), so a worker process sends plain tuples
    and the client only writes them."""
    utterances: list[tuple]
    links: list[tuple]
    variants: list[tuple]


_DIFF_JSON = json.JSONEncoder(ensure_ascii=False)  # (``json.dumps`` with an option makes one per call)


def utterance_rows(utterance_index) -> UtteranceRows:
    """The rows of one part of the utterances (``grouping.UtteranceIndex``)."""
    return UtteranceRows(
        [(u.id, u.speaker_id, u.text, u.reference_quote_id, u.n_quotes, u.n_articles, u.n_outlets)
         for u in sorted(utterance_index.utterances, key=lambda u: u.id)],
        sorted((u, q, u) for q, u in utterance_index.utterance_of.items()),
        [(v.quote_id, v.utterance_id, v.reference_quote_id, v.relation, v.similarity,
          _DIFF_JSON.encode(v.diff))
         for v in sorted(utterance_index.variants, key=lambda v: v.quote_id)])


def save_utterances(conn, part, emptied: bool = False) -> None:
    """Write one part of the utterances (``grouping.UtteranceIndex`` or its ``UtteranceRows``)
    and its variants (inside the caller's transaction); its quotes' links are staged in
    ``LINK_STAGE``, for the caller to apply at once (``bulk.apply``: in the quotes' order).
    ``emptied``: the variants table was emptied in this transaction (a full regroup,
    ``retire_utterances``) and the parts hold disjoint quotes: no old variant to delete."""
    rows = part if isinstance(part, UtteranceRows) else utterance_rows(part)
    conn.executemany(insert_sql("utterances", list(TABLES["utterances"])), rows.utterances)
    bulk.stage_by_id(conn, LINK_STAGE, "quotes", ((u, q) for u, q, _ in rows.links))  # (applied by the caller)
    if not emptied:
        conn.executemany("DELETE FROM variants WHERE quote_id = ?", [(q,) for _, q, _ in rows.links])
    conn.executemany(insert_sql("variants", list(TABLES["variants"])), rows.variants)


def stored_units(db: sqlite_utils.Database, sizes: bool = False) -> dict:
    """Unit id -> signature of the corpus units the last corpus step grouped (with
    ``sizes``: -> (signature, number of quotes))."""
    if sizes:
        return {u: (sig, n) for u, sig, n in db.execute("select id, signature, n_quotes from corpus_units")}
    return dict(db.execute("select id, signature from corpus_units").fetchall())
