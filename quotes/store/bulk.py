"""Bulk updates of one column of a large table, in the table's rowid order.

The corpus step sets every quote's speaker and utterance links. Written one row at a time in
the order the groups come (``UPDATE quotes SET x = ? WHERE id = ?``), each row costs a random
seek in the text-id index, in the table and in every index holding the column: at ten
million quotes, hours of small reads through a 2 MB page cache. Here the new values are first
staged by rowid in a temporary table (``stage_column``), then applied by one statement that
visits the rows in rowid order (the table's own order: each page read and written once); when
the rows to change are many, the indexes holding the column are dropped first and built
again after (one sorted build each instead of a random update per row). All inside the
caller's transaction: a rollback takes the dropped indexes back too.
"""
from __future__ import annotations

from collections.abc import Iterable

REBUILD_SHARE = 0.1  # changed rows above this share of the table: indexes rebuilt, not updated
CACHE_KIB = 262_144  # page cache of the corpus step's connection while it writes (256 MB)


def create_stage(conn, name: str) -> None:
    """An empty temporary table ``name`` (rowid -> new value) for ``stage_by_id``/``apply``."""
    conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
    conn.execute(f"CREATE TEMP TABLE {name} (row INTEGER PRIMARY KEY, value)")


def stage_by_id(conn, name: str, table: str, values: Iterable[tuple[object, str]]) -> None:
    """Stage (new value, row id) pairs, the rows named by their ``id`` column."""
    conn.executemany(f"INSERT OR REPLACE INTO temp.{name} (row, value) SELECT rowid, ? FROM {table} WHERE id = ?",
                     values)


def indexes_holding(conn, table: str, column: str) -> list[tuple[str, str]]:
    """(name, CREATE sql) of the explicit indexes of ``table`` that hold ``column``."""
    out = []
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                                  " AND sql IS NOT NULL ORDER BY name", (table,)).fetchall():
        if any(row[2] == column for row in conn.execute(f'PRAGMA index_info("{name}")')):
            out.append((name, sql))
    return out


def apply(conn, name: str, table: str, column: str) -> int:
    """Set ``table.column`` from the stage ``name`` where it differs, in rowid order; returns
    the number of rows changed. The stage is emptied."""
    conn.execute(f"DELETE FROM temp.{name} WHERE value IS (SELECT t.{column} FROM {table} t WHERE t.rowid = row)")
    changed = conn.execute(f"SELECT count(*) FROM temp.{name}").fetchone()[0]
    total = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    dropped = indexes_holding(conn, table, column) if changed > REBUILD_SHARE * total else []
    for index, _ in dropped:
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute(f"UPDATE {table} SET {column} = s.value FROM temp.{name} s WHERE {table}.rowid = s.row")
    for _, sql in dropped:
        conn.execute(sql)
    conn.execute(f"DELETE FROM temp.{name}")
    return changed


def drop_stage(conn, name: str) -> None:
    conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
