"""All-or-nothing database steps, whatever the code inside them does.

sqlite-utils' write methods (and any `with conn:` block) commit on their own, and
`executescript` commits before it starts. `atomic(db)` hands the step a `Database` whose
connection cannot commit: the step's `commit()`, `with conn:` blocks and scripts all run
inside ONE transaction, which `atomic` commits at the end or rolls back on any error (or
which simply never happened, for a process killed with SIGKILL).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import sqlite_utils


class _NoCommit:
    """A sqlite3 connection whose commits are deferred to the enclosing `atomic` block."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        raise _StepRolledBack()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        return False  # errors propagate to `atomic`, which rolls everything back

    def executescript(self, script: str):
        """Statement by statement, so the script joins the transaction instead of committing it."""
        cursor = self._conn.cursor()
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                if statement.strip():
                    cursor.execute(statement)
                statement = ""
        if statement.strip():
            cursor.execute(statement)
        return cursor


class _StepRolledBack(Exception):
    """The step asked for a rollback: the whole atomic block is undone."""


@contextmanager
def atomic(db: sqlite_utils.Database):
    """`with atomic(db) as tx:` run writes on `tx` (a Database); one commit at the end."""
    conn = db.conn
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield sqlite_utils.Database(_NoCommit(conn))
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    else:
        conn.commit()
