"""What a database file's schema says, asked once per file state instead of on every page.

Every page Datasette renders asks the schema 20 to 130 times (issue 17: the database page
127 times, a row page 38): which tables exist and which are hidden, their columns, keys,
full-text tables and foreign keys, and one `sqlite_master` look-up per "view-table"
permission check. `datasette-search-all` adds ~20 of these to every page (it asks every
table for its FTS table to decide whether to show its search box). Each is a round trip
through Datasette's SQL threads; under 20 concurrent clients these round trips queue
behind each other's and the CPU they cost is most of a small page's.

The answers depend only on the file: `install` makes each attached database answer them
from a per-database cache keyed by the call and its arguments and, for a database served
mutable (`quotes serve --live`), by the file's state (`startcache.file_key`: device,
inode, size, mtime of the file and its WAL), so a build that changes the schema is seen at
the next request. An immutable database cannot change while it is served. Datasette's own
`_internal` database is covered too (see `install`). Bounded: at most
`MAX_ENTRIES` answers per database (a visitor asking for made-up table names only fills
it, and it is emptied when full).
"""
from __future__ import annotations

import re

from .startcache import file_key

# Database methods whose answer is a function of the schema alone (Datasette 0.65).
SCHEMA_METHODS = (
    "table_names", "hidden_table_names", "view_names", "table_exists", "table_columns",
    "table_column_details", "primary_keys", "fts_table", "label_column_for_table",
    "foreign_keys_for_table", "get_all_foreign_keys", "get_table_definition",
    "get_view_definition", "attached_databases",
)
# A query that reads only `sqlite_master` (Datasette's permission check spells a table's
# name as SQLite does with one): no other table, no function that could vary.
SCHEMA_ONLY_SQL = re.compile(r"\s*select\s+[\w\s,]+\s+from\s+sqlite_master\s+where\s+[\w\s=?'(),]+\Z",
                             re.IGNORECASE)
FUNCTION_CALL = re.compile(r"\b(?!in\b)\w+\s*\(", re.IGNORECASE)  # `in ('table', 'view')` is not one
# The schema's version number, which Datasette reads from every database on every request
# (to see whether its own copy of the schema is out of date): a function of the file too.
SCHEMA_VERSION_SQL = re.compile(r"\s*PRAGMA\s+schema_version\s*;?\s*\Z", re.IGNORECASE)
MAX_ENTRIES = 4096


def schema_only(sql) -> bool:
    """Whether the answer to `sql` depends on the schema alone (the two kinds above)."""
    if not isinstance(sql, str):
        return False
    return bool(SCHEMA_VERSION_SQL.match(sql)) or (bool(SCHEMA_ONLY_SQL.match(sql)) and not FUNCTION_CALL.search(sql))


class SchemaCache:
    """The cached answers of one database (see module doc)."""

    def __init__(self, db, datasette=None):
        self.db = db
        self.datasette = datasette  # given for `_internal` only: its state is whether it was made
        self.entries: dict = {}
        self.hits = self.misses = 0

    def state(self) -> tuple:
        if self.datasette is not None:
            return (getattr(self.datasette, "internal_db_created", None),)
        return () if self.db.is_mutable is False else file_key(self.db.path)

    async def answer(self, key: tuple, compute):
        key = (key, self.state())
        if key in self.entries:
            self.hits += 1
            return copied(self.entries[key])
        self.misses += 1
        value = await compute()
        if len(self.entries) >= MAX_ENTRIES:
            self.entries.clear()
        if key[1] == self.state():  # the file did not change while we asked
            self.entries[key] = value
        return copied(value)


def copied(value):
    """A caller may sort or extend a list it was given: each gets its own."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def wrap_method(cache: SchemaCache, name: str, method):
    async def cached(*args, **kwargs):
        return await cache.answer((name, args, tuple(sorted(kwargs.items()))), lambda: method(*args, **kwargs))

    cached.__name__ = name
    return cached


def wrap_execute(cache: SchemaCache, execute):
    async def cached(sql, params=None, *args, **kwargs):
        if args or kwargs or not schema_only(sql):
            return await execute(sql, params, *args, **kwargs)
        key = ("execute", sql, tuple(params) if isinstance(params, (list, tuple)) else
               tuple(sorted((params or {}).items())))
        return await cache.answer(key, lambda: execute(sql, params))

    return cached


INTERNAL = "_internal"


def install(datasette) -> None:
    """Give every attached file database its cache, once; and Datasette's in-memory
    `_internal` database, whose tables Datasette creates once (at the first request, before
    any page asks about them) and never changes after: its rows change, its schema does not.
    `datasette-search-all` asks it about its tables on every page."""
    for name, db in datasette.databases.items():
        if "_quotes_schema" in db.__dict__:
            continue
        if name == INTERNAL:
            cache = SchemaCache(db, datasette)
        elif name.startswith("_") or db.is_memory or not db.path:
            continue
        else:
            cache = SchemaCache(db)
        db.__dict__["_quotes_schema"] = cache
        for method in SCHEMA_METHODS:
            if hasattr(db, method):
                setattr(db, method, wrap_method(cache, method, getattr(db, method)))
        db.execute = wrap_execute(cache, db.execute)


def cache_of(db) -> SchemaCache | None:
    return db.__dict__.get("_quotes_schema")
