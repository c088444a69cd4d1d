"""SQLite shards: extract a partition of articles into its own small database, then merge.

A shard has the tables of the main database (same columns, same keys) and nothing else: no
FTS, no corpus index. `merge_shards` copies shards into the main database with `ATTACH` and
plain `INSERT ... SELECT` (one transaction per shard), in the order given, so the result is
the one a single-process build writes, row for row; FTS and indexes are then built once.
The corpus step (speakers, utterances) is not run here: `quotes.build` runs it after.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from quotes.store.db import FOREIGN_KEYS, PRIMARY_KEYS, TABLES, ensure_db_shape, save_article
from quotes.model import Article, Skipped

# The tables a shard carries, in the order they are merged (parents before children).
SHARD_TABLES = ("outlets", "articles", "quotes")


def open_shard(path: str | Path) -> sqlite_utils.Database:
    """A throwaway database for one partition: durability off, tables only."""
    db = sqlite_utils.Database(str(path))
    # Read to the end: `journal_mode` answers with a row, and a statement left unfinished
    # until its cursor is freed makes the next COMMIT fail ("SQL statements in progress";
    # seen once in a Dask worker thread under heavy load).
    db.execute("PRAGMA journal_mode = OFF").fetchall()  # a shard is rebuilt, never repaired
    db.execute("PRAGMA synchronous = OFF").fetchall()
    for name in SHARD_TABLES:
        if not db[name].exists():
            db[name].create(TABLES[name], pk="id", foreign_keys=[
                fk for fk in FOREIGN_KEYS.get(name, []) if fk[1] in SHARD_TABLES], not_null={"id"})
    if not db["variants"].exists():  # empty: save_article clears variants of replaced quotes
        db["variants"].create(TABLES["variants"], pk=PRIMARY_KEYS["variants"])
    db["quotes"].create_index(["article_id"], if_not_exists=True)
    return db


def extract_to_shard(articles: list[Article], path: str | Path, batch_size: int = 32) -> dict:
    """Extract `articles` into a new shard at `path` (the model is loaded once per process)."""
    from quotes.run.batch import extract_safely
    from quotes.extract.nlp import load_parser

    nlp = load_parser()  # cached: one model per worker process, however many partitions it runs
    Path(path).unlink(missing_ok=True)
    db = open_shard(path)
    n_articles = n_quotes = 0
    skipped = []  # (source, reason): reported by the client, like a local build does
    for item in extract_safely(articles, nlp=nlp, batch_size=batch_size):
        if isinstance(item, Skipped):
            skipped.append((item.source, item.reason))
            continue
        save_article(db, item.article, item.quotes)
        n_articles += 1
        n_quotes += len(item.quotes)
    db.close()
    return {"path": str(path), "articles": n_articles, "quotes": n_quotes, "skipped": skipped}


def extract_to_shard_bytes(articles: list[Article], batch_size: int = 32) -> dict:
    """Like `extract_to_shard`, for workers without a shared filesystem: the shard's bytes."""
    fd, path = tempfile.mkstemp(suffix=".db", prefix="quotes-shard-")
    os.close(fd)
    try:
        result = extract_to_shard(articles, path, batch_size=batch_size)
        result["data"] = Path(path).read_bytes()
    finally:
        Path(path).unlink(missing_ok=True)
    return result


def _columns(conn, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def merge_shard(db: sqlite_utils.Database, path: str | Path) -> None:
    """Copy one shard into `db` in one transaction.

    Same semantics as `save_article`: an article's quotes are replaced, outlets and
    articles are upserted (the later copy wins), quotes never duplicate
    (`ON CONFLICT DO NOTHING`).
    """
    conn = db.conn
    conn.execute("ATTACH DATABASE ? AS shard", [str(path)])
    try:
        with conn:
            for table in SHARD_TABLES:
                columns = [c for c in _columns(conn, "shard", table) if c in _columns(conn, "main", table)]
                names = ", ".join(f'"{c}"' for c in columns)
                if table == "quotes":  # as save_article: variants of replaced quotes go with them
                    replaced = "SELECT id FROM main.quotes WHERE article_id IN (SELECT id FROM shard.articles)"
                    conn.execute(f"DELETE FROM main.variants WHERE quote_id IN ({replaced}) OR reference_quote_id IN ({replaced})")
                    conn.execute("DELETE FROM main.quotes WHERE article_id IN (SELECT id FROM shard.articles)")
                    conflict = "ON CONFLICT(id) DO NOTHING"
                else:
                    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
                    conflict = f"ON CONFLICT(id) DO UPDATE SET {updates}"
                conn.execute(
                    f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM shard."{table}" '
                    f"WHERE true ORDER BY rowid {conflict}"
                )
    finally:
        conn.execute("DETACH DATABASE shard")


def secondary_indexes(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute(
        "select name from sqlite_master where type = 'index' and sql is not null and tbl_name in "
        "('outlets', 'articles', 'quotes')")]


def merge_shards(db: sqlite_utils.Database, paths: Iterable[str | Path]) -> None:
    """Merge shards in order, then build FTS and indexes once (the corpus step is the
    caller's: `run.corpus_step.update_corpus_index`).

    FTS triggers and secondary indexes are dropped during the merge (one bulk insert each
    instead of per-row maintenance) and rebuilt by `ensure_db_shape`.
    """
    if db["quotes_fts"].exists():
        db["quotes"].disable_fts()
    for name in secondary_indexes(db):
        db.execute(f'DROP INDEX "{name}"')
    for path in paths:
        merge_shard(db, path)
    ensure_db_shape(db)
