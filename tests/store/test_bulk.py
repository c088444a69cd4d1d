"""store.bulk: a column set from a rowid stage, in rowid order, indexes rebuilt for big changes."""
import sqlite3

import pytest

from quotes.store import bulk


def table(n: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE quotes (id TEXT PRIMARY KEY, speaker_id TEXT, utterance_id TEXT)")
    conn.execute("CREATE INDEX idx_quotes_speaker_id ON quotes (speaker_id)")
    conn.execute("CREATE INDEX idx_quotes_speaker_utterance ON quotes (speaker_id, utterance_id)")
    conn.executemany("INSERT INTO quotes VALUES (?, ?, NULL)", [(f"q{i:03}", f"s{i % 3}") for i in range(n)])
    return conn


def indexes(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                                       " ORDER BY name")]


def test_indexes_holding_names_every_index_with_the_column():
    conn = table(3)
    assert [n for n, _ in bulk.indexes_holding(conn, "quotes", "utterance_id")] == ["idx_quotes_speaker_utterance"]
    assert len(bulk.indexes_holding(conn, "quotes", "speaker_id")) == 2


@pytest.mark.parametrize("changed", [2, 60])  # a few rows (indexes updated) or most (indexes rebuilt)
def test_apply_sets_the_staged_values_and_counts_only_real_changes(changed):
    conn = table(100)
    conn.execute("BEGIN")
    bulk.create_stage(conn, "st")
    staged = [(f"u{i % 7}", f"q{i:03}") for i in range(changed)] + [("s1", "q001"), ("s2", "q005")]
    bulk.stage_by_id(conn, "st", "quotes", staged[:changed])
    bulk.stage_by_id(conn, "st", "quotes", [("s1", "q001")])  # the same value again: no change
    assert bulk.apply(conn, "st", "quotes", "speaker_id") == changed - 1  # q001's staged value is its own
    conn.execute("COMMIT")
    want = {f"q{i:03}": f"s{i % 3}" for i in range(100)}
    want.update({f"q{i:03}": f"u{i % 7}" for i in range(changed)})
    want["q001"] = "s1"
    assert dict(conn.execute("SELECT id, speaker_id FROM quotes")) == want
    assert indexes(conn) == ["idx_quotes_speaker_id", "idx_quotes_speaker_utterance"]
    assert conn.execute("SELECT count(*) FROM temp.st").fetchone()[0] == 0
    plan = " ".join(r[-1] for r in conn.execute("EXPLAIN QUERY PLAN SELECT id FROM quotes WHERE speaker_id = 'u3'"))
    assert "INDEX" in plan  # rebuilt, and used


def test_a_rollback_brings_the_dropped_indexes_and_the_old_values_back():
    conn = table(50)
    conn.execute("BEGIN")
    bulk.create_stage(conn, "st")
    bulk.stage_by_id(conn, "st", "quotes", [(f"u{i}", f"q{i:03}") for i in range(50)])
    assert bulk.apply(conn, "st", "quotes", "utterance_id") == 50
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM quotes WHERE utterance_id IS NOT NULL").fetchone()[0] == 0
    assert indexes(conn) == ["idx_quotes_speaker_id", "idx_quotes_speaker_utterance"]
