"""The corpus step's per-quote state in temporary tables, not in the client's memory.

A build's corpus step (``run.corpus_step``) needs, for every stored quote, its speaker and
its unit (``corpus.families``), and for every (speaker, article, form) an alias row: at ten
million quotes that is gigabytes of Python objects. ``CorpusStage`` keeps them in
``temp`` tables of the step's own connection (SQLite's temporary database: a file, or
memory for an in-memory database), filled as the speaker index streams
(``speakers.PersonSink``) and read back in key order, so the client holds one entry per
distinct speaker name, per unit and per speakerless quote, and one task's quotes:

- ``stage_person_quote`` / ``stage_person_alias``: each article's person's quote ids and
  alias rows, under the serial of the name signature it was summed into;
- ``stage_person``: each serial's speaker and family (known once the index is made);
- ``stage_quote``: every quote's speaker (NULL: none), unit, and whether it was moved to
  another family's unit as a quote without speaker (``corpus.unsure``), indexed by unit. A
  build's step keeps these rows between builds instead (``store.unit_state``: ``unit_quotes``,
  read through ``units``): an incremental step stages only the quotes of the articles
  resolved again, a step that makes the kept table anew stages every quote;
- ``stage_article`` / ``stage_speaker``: when the speaker index was kept between builds
  (``store.speaker_state``), the articles resolved again (only their quotes are in
  ``stage_person_quote``: the others keep their stored speaker link) and every speaker's
  family.

The tables live inside the step's transaction: a rollback takes them too, and ``close``
drops them.
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator

from quotes.corpus.speakers import PersonSink
from quotes.store import bulk

BATCH = 20_000  # rows buffered before an insert
SPEAKER_STAGE = "stage_speaker_link"  # the quotes' new speaker links, by rowid (``bulk``)

TABLES = {
    "stage_person_quote": "(quote_id TEXT NOT NULL, person INTEGER NOT NULL)",
    "stage_person_alias": "(person INTEGER NOT NULL, alias TEXT NOT NULL, article_id TEXT NOT NULL,"
                          " outlet_id TEXT, n INTEGER NOT NULL)",
    "stage_person": "(person INTEGER PRIMARY KEY, speaker_id TEXT NOT NULL, unit TEXT NOT NULL)",
    "stage_quote": "(id TEXT PRIMARY KEY, speaker_id TEXT, unit TEXT, moved INTEGER NOT NULL DEFAULT 0)"
                   " WITHOUT ROWID",
    "stage_alias": "(speaker_id TEXT, alias TEXT, article_id TEXT, outlet_id TEXT, n INTEGER,"
                   " PRIMARY KEY (speaker_id, alias, article_id)) WITHOUT ROWID",
    "stage_article": "(id TEXT PRIMARY KEY) WITHOUT ROWID",
    "stage_speaker": "(speaker_id TEXT PRIMARY KEY, unit TEXT NOT NULL) WITHOUT ROWID",
}

# the named quotes with their speakers (scanning the quotes, each looked up in the units: a sequential read)
NAMED = ("SELECT q.id, s.speaker_id, q.text{extra} FROM quotes q CROSS JOIN {units} s ON s.id = q.id"
         " WHERE s.speaker_id IS NOT NULL")
TASK_QUOTES = ("SELECT s.id, s.speaker_id, s.moved, q.article_id, a.outlet_id, a.published, q.said_from,"
               " q.said_to, q.text, q.start, q.end, q.mention FROM {units} s CROSS JOIN quotes q ON q.id = s.id"
               " JOIN articles a ON a.id = q.article_id WHERE s.unit = ? ORDER BY s.id")


class CorpusStage(PersonSink):
    """The temporary tables of one corpus step on the connection ``conn`` (see module doc)."""

    def __init__(self, conn, cache_kib: int = 65_536) -> None:
        self.conn = conn
        # the table every quote's speaker and unit are read from once staged: this stage's
        # ``stage_quote``, or the one kept between builds (``store.unit_state``)
        self.units, self.units_index = "temp.stage_quote", "CREATE INDEX IF NOT EXISTS temp.stage_quote_unit" \
            " ON stage_quote (unit, id)"
        self.kept = None  # a ``speaker_state.Rebuild`` that keeps each article's persons, if any
        self.owns_transaction = not conn.in_transaction  # (the first insert opens one: ``abandon``)
        self.streams: list = []  # weak references to the cursors read as streams (closed by ``abandon``)
        self._quotes: list[tuple] = []
        self._aliases: list[tuple] = []
        conn.execute(f"PRAGMA temp.cache_size = -{cache_kib}")  # (sorts of millions of rows)
        for name, columns in TABLES.items():
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
            conn.execute(f"CREATE TEMP TABLE {name} {columns}")

    def use_kept_units(self) -> None:
        """Read every quote's speaker and unit from the table kept between builds
        (``store.unit_state``) from now on."""
        from quotes.store.unit_state import INDEX

        self.units, self.units_index = "unit_quotes", INDEX

    def close(self) -> None:
        for name in TABLES:
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")

    def abandon(self) -> None:
        """After an error: the transaction the stage's inserts opened rolled back (a caller's
        own transaction is the caller's to roll back), and the tables dropped."""
        for cursor in filter(None, (ref() for ref in self.streams)):
            cursor.close()  # (an error's traceback still holds them, and a held read locks the tables)
        if self.owns_transaction and self.conn.in_transaction:
            self.conn.rollback()
        self.close()

    def _stream(self, sql: str, params=()):
        cursor = self.conn.execute(sql, params)
        self.streams.append(weakref.ref(cursor))  # (weak: an unread stream is released as before)
        return cursor

    def quotes(self, person: int, quote_ids: list[str]) -> None:
        self._quotes += [(q, person) for q in quote_ids]
        if len(self._quotes) >= BATCH:
            self.flush()

    def aliases(self, person: int, rows: list[tuple[str, str, str | None, int]]) -> None:
        self._aliases += [(person, *row) for row in rows]
        if len(self._aliases) >= BATCH:
            self.flush()

    def local(self, person: int, signature: tuple, place: int, loc, sums) -> None:
        if self.kept is not None:
            self.kept.local(person, signature, place, loc, sums)

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO temp.stage_person_quote VALUES (?, ?)", self._quotes)
        self.conn.executemany("INSERT INTO temp.stage_person_alias VALUES (?, ?, ?, ?, ?)", self._aliases)
        self._quotes, self._aliases = [], []

    def set_persons(self, rows: Iterable[tuple[int, str, str]], speakers: Iterable[tuple[str, str]] | None = None,
                    relinked: Iterable[str] | None = None, every: bool = True) -> None:
        """(person serial, speaker id, family unit) of every person: every quote gets its
        speaker and its family as unit (speakerless ones: NULL, for ``set_units``), and the
        alias rows are summed per (speaker, alias, article). ``relinked``: when only these
        articles' persons were given quotes and alias rows (a kept speaker index), the
        other quotes keep their stored speaker, whose family ``speakers`` ((speaker id,
        unit) of every speaker) gives; without ``every``, only the quotes of the articles
        ``relinked`` are staged (the others' rows are kept: ``store.unit_state``), until
        ``stage_others``."""
        self.flush()
        conn = self.conn
        conn.executemany("INSERT INTO temp.stage_person VALUES (?, ?, ?)", rows)
        conn.execute("INSERT INTO temp.stage_quote (id, speaker_id, unit) SELECT q.quote_id, p.speaker_id, p.unit"
                     " FROM temp.stage_person_quote q JOIN temp.stage_person p USING (person) ORDER BY q.quote_id")
        if relinked is None:
            conn.execute("INSERT INTO temp.stage_quote (id) SELECT id FROM quotes"
                         " WHERE id NOT IN (SELECT id FROM temp.stage_quote) ORDER BY id")
        else:
            conn.executemany("INSERT INTO temp.stage_article VALUES (?)", [(a,) for a in sorted(relinked)])
            conn.executemany("INSERT INTO temp.stage_speaker VALUES (?, ?)", sorted(speakers))
            if every:
                self.stage_others()
            else:  # (the articles' quotes without a person: no speaker)
                conn.execute("INSERT INTO temp.stage_quote (id) SELECT q.id FROM temp.stage_article a"
                             " CROSS JOIN quotes q ON q.article_id = a.id"
                             " WHERE q.id NOT IN (SELECT id FROM temp.stage_quote) ORDER BY q.id")
        conn.execute("INSERT INTO temp.stage_alias SELECT p.speaker_id, a.alias, a.article_id, max(a.outlet_id),"
                     " sum(a.n) FROM temp.stage_person_alias a JOIN temp.stage_person p USING (person)"
                     " GROUP BY p.speaker_id, a.alias, a.article_id ORDER BY p.speaker_id, a.alias, a.article_id")
        conn.execute("DELETE FROM temp.stage_person_quote")
        conn.execute("DELETE FROM temp.stage_person_alias")

    def stage_others(self) -> None:
        """The quotes outside the articles resolved again staged too: each keeps its stored
        speaker, with that speaker's family as unit."""
        self.conn.execute("INSERT INTO temp.stage_quote (id, speaker_id, unit) SELECT q.id, s.speaker_id, s.unit"
                          " FROM quotes q LEFT JOIN temp.stage_speaker s ON s.speaker_id = q.speaker_id"
                          " AND q.article_id NOT IN (SELECT id FROM temp.stage_article)"
                          " WHERE q.id NOT IN (SELECT id FROM temp.stage_quote) ORDER BY q.id")

    def speakerless_texts(self) -> Iterator[tuple[str, str]]:
        """(quote id, text) of the quotes without speaker, in id order."""
        return self._stream(f"SELECT s.id, q.text FROM {self.units} s JOIN quotes q ON q.id = s.id"
                            " WHERE s.speaker_id IS NULL ORDER BY s.id")

    def named_texts(self, unsure_where: str, params: list,
                    family: dict[str, str]) -> Iterator[tuple[str, str, str, bool]]:
        """(quote id, family, text, unsure) of every named quote; ``unsure_where``: the SQL
        condition on a quote's ``method`` that makes its speaker unsure; ``family``: speaker
        id -> family."""
        return ((q, family[s], t, bool(k)) for q, s, t, k in self._stream(
            NAMED.format(extra=f", ({unsure_where})", units=self.units), params))

    def added_named_texts(self, unsure_where: str, params: list) -> Iterator[tuple[str, str, str, bool]]:
        """``named_texts`` of the quotes added since the cut's state was kept (``cut_added``)."""
        return ((q, u, t, bool(k)) for q, u, t, k in self._stream(
            f"SELECT q.id, s.unit, q.text, ({unsure_where}) FROM cut_added c"
            " CROSS JOIN temp.stage_quote s ON s.id = c.id CROSS JOIN quotes q ON q.id = c.id"
            " WHERE s.speaker_id IS NOT NULL ORDER BY c.id", params))

    def unsure_texts(self, methods: list[str], family: dict[str, str],
                     unsettled: bool = False) -> Iterator[tuple[str, str, str]]:
        """(quote id, family, text) of the named quotes whose attribution ``method`` is one of
        ``methods`` (the unsure ones: ``store.db.unsure_methods``), in id order: found through
        the method index and streamed (their texts are not held). ``family``: speaker id ->
        family. ``unsettled``: only those not settled (``store.cut_state``: ``cut_settled``)."""
        if not methods:
            return iter(())
        settled = " AND q.id NOT IN (SELECT id FROM cut_settled)" if unsettled else ""
        return ((q, family[s], t) for q, s, t in self._stream(
            NAMED.format(extra="", units=self.units) + f" AND q.method IN ({', '.join('?' * len(methods))})"
            + settled + " ORDER BY q.id", methods))

    def speakerless_ids(self) -> list[str]:
        return [q for (q,) in self.conn.execute(f"SELECT id FROM {self.units} WHERE speaker_id IS NULL")]

    def set_units(self, rows: list[tuple[str, int, str]]) -> None:
        """(unit, moved, quote id): the units of the speakerless and moved quotes; then the
        quotes are indexed by unit."""
        self.conn.executemany(f"UPDATE {self.units} SET unit = ?, moved = ? WHERE id = ?", rows)
        self.conn.execute(self.units_index)

    def members(self, unit: str | None = None) -> Iterator[tuple[str, str, str | None, int]]:
        """(unit, quote id, speaker id, moved) of every quote (of ``unit`` only, when given),
        by unit then quote id."""
        if unit is not None:
            return iter(self.conn.execute(f"SELECT unit, id, speaker_id, moved FROM {self.units} WHERE unit = ?"
                                          " ORDER BY id", (unit,)).fetchall())
        return self._stream(f"SELECT unit, id, speaker_id, moved FROM {self.units} ORDER BY unit, id")

    def units_of(self, ids: list[str]) -> set[str]:
        out: set[str] = set()
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            out.update(u for (u,) in self.conn.execute(
                f"SELECT DISTINCT unit FROM {self.units} WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
        return out

    def utterances_of_units(self, units: Iterable[str]) -> set[str]:
        """The stored utterances the quotes of ``units`` are linked to."""
        out: set[str] = set()
        for unit in units:
            out.update(u for (u,) in self.conn.execute(
                f"SELECT DISTINCT q.utterance_id FROM {self.units} s CROSS JOIN quotes q ON q.id = s.id"
                " WHERE s.unit = ? AND EXISTS (SELECT 1 FROM utterances u WHERE u.id = q.utterance_id)", (unit,)))
        return out

    def task_quotes(self, unit: str) -> list[tuple]:
        """(quote id, speaker id, moved, article id, outlet id, published, said_from, said_to,
        text, start, end, mention) of a unit's quotes, in quote id order: what its grouping reads."""
        return self.conn.execute(TASK_QUOTES.format(units=self.units), (unit,)).fetchall()


def save_staged_speaker_links(conn, relinked_only: bool = False, gone: list[tuple[str]] = ()) -> None:
    """Every quote's speaker link and the alias rows made equal to the stage's (inside the
    caller's transaction, after the speakers are written): only rows that differ are written.
    ``relinked_only``: only the quotes and alias rows of the articles resolved again
    (``stage_article``) and of the speakers ``gone`` can differ: the others are not read."""
    bulk.create_stage(conn, SPEAKER_STAGE)  # (the quotes scanned in their order, each looked up in the stage)
    if not relinked_only:
        conn.execute(f"INSERT INTO temp.{SPEAKER_STAGE} (row, value) SELECT q.rowid, s.speaker_id FROM quotes q"
                     " CROSS JOIN temp.stage_quote s ON s.id = q.id WHERE q.speaker_id IS NOT s.speaker_id")
    else:
        conn.execute(f"INSERT INTO temp.{SPEAKER_STAGE} (row, value) SELECT q.rowid, s.speaker_id"
                     " FROM temp.stage_article a CROSS JOIN quotes q ON q.article_id = a.id"
                     " CROSS JOIN temp.stage_quote s ON s.id = q.id WHERE q.speaker_id IS NOT s.speaker_id")
        conn.executemany(f"INSERT OR REPLACE INTO temp.{SPEAKER_STAGE} (row, value) SELECT q.rowid, s.speaker_id"
                         " FROM quotes q CROSS JOIN temp.stage_quote s ON s.id = q.id"
                         " WHERE q.speaker_id = ? AND q.speaker_id IS NOT s.speaker_id", gone)
    bulk.apply(conn, SPEAKER_STAGE, "quotes", "speaker_id")
    bulk.drop_stage(conn, SPEAKER_STAGE)
    if not relinked_only:
        conn.execute("DELETE FROM speaker_aliases WHERE NOT EXISTS (SELECT 1 FROM temp.stage_alias n"
                     " WHERE n.speaker_id = speaker_aliases.speaker_id AND n.alias = speaker_aliases.alias"
                     " AND n.article_id = speaker_aliases.article_id)")
    else:
        conn.execute("DELETE FROM speaker_aliases WHERE article_id IN (SELECT id FROM temp.stage_article)"
                     " AND NOT EXISTS (SELECT 1 FROM temp.stage_alias n WHERE n.speaker_id = speaker_aliases.speaker_id"
                     " AND n.alias = speaker_aliases.alias AND n.article_id = speaker_aliases.article_id)")
        conn.executemany("DELETE FROM speaker_aliases WHERE speaker_id = ?", gone)
    conn.execute('INSERT INTO speaker_aliases (speaker_id, alias, article_id, outlet_id, "count")'
                 " SELECT n.speaker_id, n.alias, n.article_id, n.outlet_id, n.n FROM temp.stage_alias n"
                 " WHERE NOT EXISTS (SELECT 1 FROM speaker_aliases o WHERE o.speaker_id = n.speaker_id"
                 " AND o.alias = n.alias AND o.article_id = n.article_id AND o.outlet_id IS n.outlet_id"
                 ' AND o."count" = n.n) ORDER BY n.speaker_id, n.alias, n.article_id'
                 ' ON CONFLICT (speaker_id, alias, article_id) DO UPDATE SET outlet_id = excluded.outlet_id,'
                 ' "count" = excluded."count"')
