"""All-or-nothing database steps: `quotes.store.transactions.atomic`."""
import pytest
import sqlite_utils

from quotes.store.db import ensure_db_shape, open_db, save_article
from quotes.build import update_corpus_index
from quotes.model import Article, Quote
from quotes.store.transactions import atomic

TEXT = "“We will not back down,” Mayor Jane Alvarez said. “The budget stays,” Alvarez said."


def filled(path):
    db = open_db(str(path))
    art = Article(doc_id="c", text=TEXT, outlet="The Daily Ledger")
    save_article(db, art, [
        Quote(start=1, end=23, text=TEXT[1:23], speaker="Jane Alvarez", method="t", confidence=1.0),
        Quote(start=52, end=69, text=TEXT[52:69], speaker="Jane Alvarez", method="t", confidence=1.0),
    ])
    return db


def snapshot(db):
    return {t: list(db[t].rows) for t in ("outlets", "articles", "speakers", "utterances", "quotes")}


def committing_step(db):
    """A step written the careless way: sqlite-utils writes and `with conn:` blocks, each committing."""
    db["speakers"].insert({"id": "s1", "name": "Jane Alvarez"})
    with db.conn:
        db.conn.execute("UPDATE quotes SET speaker_id = 's1'")
    db.conn.commit()
    db.executescript("INSERT INTO speakers (id, name) VALUES ('s2', 'B'); INSERT INTO speakers (id, name) VALUES ('s3', 'C');")
    raise RuntimeError("killed half way")


def test_a_step_that_commits_by_itself_is_still_all_or_nothing(tmp_path):
    db = filled(tmp_path / "q.db")
    before = snapshot(db)
    with pytest.raises(RuntimeError):
        with atomic(db) as tx:
            committing_step(tx)
    assert snapshot(db) == before


def test_corpus_step_commits_once(tmp_path):
    """Traced: the speakers/utterances step writes inside one BEGIN ... COMMIT."""
    db = filled(tmp_path / "q.db")
    statements = []
    db.conn.set_trace_callback(statements.append)
    with atomic(db) as tx:
        update_corpus_index(tx)
    db.conn.set_trace_callback(None)
    controls = [s.split()[0].upper() for s in statements if s.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK", "END")]
    assert controls == ["BEGIN", "COMMIT"]
    assert db["speakers"].count == 1 and db["utterances"].count == 2


class FailsOnSecondWrite:
    """A connection that breaks at the second write, however the step issues it."""

    def __init__(self, conn):
        self.conn, self.writes = conn, 0

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def _count(self, sql):
        if sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE", "REPLACE"):
            self.writes += 1
            if self.writes == 2:
                raise RuntimeError("disk went away")

    def execute(self, sql, *args):
        self._count(sql)
        return self.conn.execute(sql, *args)

    def executemany(self, sql, *args):
        self._count(sql)
        return self.conn.executemany(sql, *args)


def test_failing_corpus_step_leaves_previous_index(tmp_path):
    db = filled(tmp_path / "q.db")
    with atomic(db) as tx:
        update_corpus_index(tx)
    before = snapshot(db)
    with pytest.raises(RuntimeError, match="disk went away"):
        with atomic(db) as tx:
            tx.conn._conn = FailsOnSecondWrite(tx.conn._conn)
            update_corpus_index(tx)
    assert snapshot(db) == before
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_shape_creation_is_one_transaction(tmp_path, monkeypatch):
    db = sqlite_utils.Database(tmp_path / "q.db")

    def broken_fts(self, *args, **kwargs):
        raise RuntimeError("killed while creating FTS")

    monkeypatch.setattr(sqlite_utils.db.Table, "enable_fts", broken_fts)
    with pytest.raises(RuntimeError):
        with atomic(db) as tx:
            ensure_db_shape(tx)
    assert db.table_names() == []  # not a half-made shape that a re-run would take as complete
