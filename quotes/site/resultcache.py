"""Answers to SQL kept per database file state: the same statement with the same parameters
on an unchanged file gives the same rows.

The page cache (`startcache.py`) keeps whole pages by URL, so any query string of its own
(`?_sort=`, `?_next=`, a tracking parameter, a client's cache-buster) computes the page
again. Most of that page's SQL is the same as before: a table's facets and filtered count
do not depend on the sort or the page, and a canned query's statement is given only the
parameters it names. Those answers cost as much CPU as the rest of the page (a canned query
comparing wordings ~20 ms of its 25 ms; benchmarks/load_test.py --bust). `install` makes
each attached database file keep the rows of its statements, keyed by the statement, the
parameters it names, and the row limits asked for, and for a database served mutable
(`quotes serve --live`) by the file's state (`startcache.file_key`), so a build committing
articles is seen at the next request.

Never kept: a statement that may answer differently on the same file (`VOLATILE`: random
values, the clock, the connection's own counters; matched as words, so a column named
`date` only makes a statement uncached), an error or an interrupted statement (nothing is
stored), answers larger than `MAX_RESULT_BYTES`. At most `MAX_BYTES` in all per database
(an entry counts its statement and parameters as well as its rows: a client sending many
distinct statements that return no rows cannot grow the cache without bound),
least recently used first out. Each caller gets its own list of rows (the rows themselves,
`sqlite3.Row`, cannot be changed).
"""
from __future__ import annotations

import re
from collections import OrderedDict

from datasette.database import Results

from .startcache import file_key

VOLATILE = re.compile(
    r"\b(random|randomblob|changes|total_changes|last_insert_rowid|date|time|datetime|julianday|"
    r"unixepoch|strftime|timediff|current_date|current_time|current_timestamp|load_extension|"
    r"sqlite_\w+)\b", re.IGNORECASE)
MAX_BYTES = 32 * 1024 * 1024
MAX_RESULT_BYTES = 1024 * 1024
ROW_OVERHEAD = 64  # bytes counted per row besides its values


def deterministic(sql) -> bool:
    return isinstance(sql, str) and not VOLATILE.search(sql)


def named_params(sql: str, params):
    """The parameters `sql` can read: all of a list; of a dict, those it names (`:p`, `@p`,
    `$p`; a name that is a prefix of another is kept too, which only costs a miss)."""
    if not isinstance(params, dict):
        return tuple(params or ())
    return tuple(sorted((name, value) for name, value in params.items()
                        if any(mark + str(name) in sql for mark in ":@$")))


def size_of(results: Results, key=()) -> int:
    """Bytes an entry holds, roughly: its key's statement and parameters, and its rows."""
    total = ROW_OVERHEAD + sum(len(str(part)) for part in key[:2])
    for row in results.rows:
        total += ROW_OVERHEAD + sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in row)
        if total > MAX_RESULT_BYTES:
            break
    return total


class ResultCache:
    """The kept answers of one database file (see module doc)."""

    def __init__(self, db, max_bytes: int = MAX_BYTES):
        self.db = db
        self.max_bytes = max_bytes
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    def state(self) -> tuple:
        return () if self.db.is_mutable is False else file_key(self.db.path)

    def get(self, key):
        hit = self.entries.get(key)
        if hit is None:
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        results = hit[0]
        return Results(list(results.rows), results.truncated, results.description)

    def put(self, key, results: Results) -> None:
        size = size_of(results, key)
        if size > MAX_RESULT_BYTES or key in self.entries:
            return
        self.entries[key] = (Results(list(results.rows), results.truncated, results.description), size)
        self.size += size
        while self.size > self.max_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= dropped


def wrap_execute(cache: ResultCache, execute):
    async def cached(sql, params=None, *args, truncate=False, page_size=None, **kwargs):
        if args or not deterministic(sql):
            return await execute(sql, params, *args, truncate=truncate, page_size=page_size, **kwargs)
        state = cache.state()
        key = (sql, named_params(sql, params), truncate, page_size, state)
        try:
            hash(key)
        except TypeError:  # a parameter value that cannot be a key
            return await execute(sql, params, truncate=truncate, page_size=page_size, **kwargs)
        hit = cache.get(key)
        if hit is not None:
            return hit
        cache.misses += 1
        results = await execute(sql, params, truncate=truncate, page_size=page_size, **kwargs)
        if state == cache.state():  # the file did not change while we asked
            cache.put(key, results)
        return results

    return cached


def install(datasette) -> None:
    """Give every attached database file its cache, once (not `_internal`, whose rows change,
    nor in-memory databases)."""
    for name, db in datasette.databases.items():
        if "_quotes_results" in db.__dict__ or name.startswith("_") or db.is_memory or not db.path:
            continue
        cache = db.__dict__["_quotes_results"] = ResultCache(db)
        db.execute = wrap_execute(cache, db.execute)


def cache_of(db) -> ResultCache | None:
    return db.__dict__.get("_quotes_results")
