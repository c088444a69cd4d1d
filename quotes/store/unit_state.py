"""Each quote's unit kept between builds, so an incremental corpus step stages only the
changed quotes and hashes only the units they touch.

A corpus step gives every quote a speaker and a unit (``corpus.families``: its speaker's
family, another family's unit for a moved unsure quote, a speakerless quote's unit) and
hashes every unit's members into its signature (``families.unit_signature``). Both used to
be made for every quote in every step. They are kept instead, in SQLite:

- ``unit_quotes``: every quote's speaker (NULL: none), unit and whether it was moved
  (``corpus.unsure``), as the last step set them; WITHOUT ROWID, indexed by (unit, id): the
  table the step reads units from (``store.stage.CorpusStage``);
- ``unit_state``: the fingerprint of the rules it was made by and a *token*: a digest of
  ``corpus_units`` (each unit's id, signature and size) as the step that wrote the table
  left it, written in the same transaction.

An incremental step (``run.corpus_step.cut_units``) uses it only when its changes are
additions the cut's state follows (``store.cut_state``: no quote deleted or changed, no old
quote moved to another family). It writes the staged quotes' rows (``apply``: the quotes of
the articles resolved again, the new ones among them) and the cut's decisions for the
speakerless and unsure quotes (``set_cut``: only the rows that differ), keeping each changed
row's old value (``temp.unit_before``); the units to hash again are those a changed row
left or joined (``touched``), and those of speakers whose name changed. Any other step makes
the table anew from a stage of every quote (``replace``), as the step did before.

The token closes a gap between versions: a build of older code (without this state, or
without the cut's) running a corpus step in between changes speaker links and units that
the kept tables do not know; it always rewrites ``corpus_units``, so the token no longer
matches and both states are made anew. (A count or the largest rowid would not do: a step
that rewrites the table numbers its rows from 1 again.) The digest covers every named quote
that keeps its speaker (its id, speaker and speaker name are in its unit's signature) and
every moved one (its own speaker is in its line: ``families.signature_line``); the
speakerless quotes' lines hold no speaker, so they (and the moved ones, as well) are checked
against the quotes' stored links (``_links_moved``).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from quotes.store.freshness import GROUPING_VERSION

# the state's shape and the signature lines' rules (``families.signature_line``): the kept
# signatures are trusted only for what they were made by; bump when either changes (the state
# is then made anew once, every unit hashed). 2: a moved quote's line holds its own speaker
LAYOUT = 2
FINGERPRINT = f"grouping {GROUPING_VERSION}, units {LAYOUT}"
INDEX = "CREATE INDEX IF NOT EXISTS unit_quotes_unit ON unit_quotes (unit, id)"

TABLES = [
    "CREATE TABLE IF NOT EXISTS unit_quotes (id TEXT PRIMARY KEY, speaker_id TEXT, unit TEXT,"
    " moved INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
    INDEX,
    "CREATE TABLE IF NOT EXISTS unit_state (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, token TEXT NOT NULL)",
]


def create(conn) -> None:
    """The tables (``store.db.ensure_db_shape``)."""
    for sql in TABLES:
        conn.execute(sql)


def token(conn) -> str:
    """A digest of the stored ``corpus_units`` (a few thousand rows at a million quotes)."""
    digest = hashlib.sha256()
    for row in conn.execute("SELECT id, signature, n_quotes FROM corpus_units ORDER BY id"):
        digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()[:32]


def is_current(conn) -> bool:
    """Was the kept table made by these rules, by the step that wrote ``corpus_units`` as it
    is, and do the quotes' stored links agree with it where the token cannot tell?"""
    row = conn.execute("SELECT fingerprint, token FROM unit_state WHERE id = 1").fetchone()
    return row is not None and row[0] == FINGERPRINT and row[1] == token(conn) and not _links_moved(conn)


def _links_moved(conn) -> bool:
    """Whether a kept speakerless (or moved) quote has another speaker link stored in
    ``quotes`` (written by a step that did not keep it)."""
    return conn.execute("SELECT 1 FROM unit_quotes k CROSS JOIN quotes q ON q.id = k.id"
                        " WHERE (k.moved = 1 OR k.speaker_id IS NULL) AND q.speaker_id IS NOT k.speaker_id"
                        " LIMIT 1").fetchone() is not None


def mark_current(conn) -> None:
    """After ``corpus_units`` is written (inside the same transaction): the token."""
    conn.execute("INSERT OR REPLACE INTO unit_state (id, fingerprint, token) VALUES (1, ?, ?)",
                 (FINGERPRINT, token(conn)))


def replace(conn) -> None:
    """The table made anew from the stage of every quote (``temp.stage_quote``); its index is
    made again once the cut's decisions are set (``store.stage.CorpusStage.set_units``)."""
    conn.execute("DELETE FROM unit_state")
    conn.execute("DROP INDEX IF EXISTS unit_quotes_unit")
    conn.execute("DELETE FROM unit_quotes")
    conn.execute("INSERT INTO unit_quotes (id, speaker_id, unit, moved) SELECT id, speaker_id, unit, moved"
                 " FROM temp.stage_quote ORDER BY id")


def apply(conn) -> None:
    """The staged quotes' rows (``temp.stage_quote``: those of the articles resolved again)
    written over the kept ones; each one's old row kept in ``temp.unit_before`` (moved NULL:
    a new quote)."""
    conn.execute("DELETE FROM unit_state")
    conn.execute("DROP TABLE IF EXISTS temp.unit_before")
    conn.execute("CREATE TEMP TABLE unit_before (id TEXT PRIMARY KEY, speaker_id TEXT, unit TEXT, moved INTEGER)"
                 " WITHOUT ROWID")
    conn.execute("INSERT INTO temp.unit_before SELECT s.id, k.speaker_id, k.unit, k.moved FROM temp.stage_quote s"
                 " LEFT JOIN unit_quotes k ON k.id = s.id")
    conn.execute("INSERT OR REPLACE INTO unit_quotes (id, speaker_id, unit, moved)"
                 " SELECT id, speaker_id, unit, moved FROM temp.stage_quote ORDER BY id")


def set_cut(conn, rows: Iterable[tuple[str, int, str]]) -> None:
    """(unit, moved, quote id) the cut gave the speakerless and unsure quotes: the rows that
    differ are written, their old values kept (``temp.unit_before``, first write wins)."""
    conn.execute("DROP TABLE IF EXISTS temp.unit_cut")
    conn.execute("CREATE TEMP TABLE unit_cut (id TEXT PRIMARY KEY, unit TEXT, moved INTEGER) WITHOUT ROWID")
    conn.executemany("INSERT INTO temp.unit_cut (unit, moved, id) VALUES (?, ?, ?)", rows)
    conn.execute("INSERT OR IGNORE INTO temp.unit_before SELECT k.id, k.speaker_id, k.unit, k.moved"
                 " FROM temp.unit_cut c CROSS JOIN unit_quotes k ON k.id = c.id"
                 " WHERE k.unit IS NOT c.unit OR k.moved != c.moved")
    conn.execute("UPDATE unit_quotes SET unit = c.unit, moved = c.moved FROM temp.unit_cut c"
                 " WHERE c.id = unit_quotes.id AND (unit_quotes.unit IS NOT c.unit OR unit_quotes.moved != c.moved)")
    conn.execute("DROP TABLE temp.unit_cut")


def touched(conn) -> set[str]:
    """The units a changed row left or joined (``apply``, ``set_cut``): their members or a
    member's speaker changed."""
    out: set[str] = set()
    for old, new in conn.execute(
            "SELECT b.unit, k.unit FROM temp.unit_before b CROSS JOIN unit_quotes k ON k.id = b.id"
            " WHERE b.moved IS NULL OR b.unit IS NOT k.unit OR b.moved != k.moved"
            " OR b.speaker_id IS NOT k.speaker_id"):
        out.update(u for u in (old, new) if u is not None)
    conn.execute("DROP TABLE temp.unit_before")
    return out
