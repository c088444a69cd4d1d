"""Pages kept per database file: the site is read-only, so a page's bytes can change only
when a database file does.

The start pages (`/` and each database's page) are the same for every visitor and cost ~100
SQL statements each (Datasette lists every table with its counts, hidden tables, views and
canned queries; the plugin adds the "start here" panel): under 20 concurrent clients they
were the slowest pages of the site (issue 17). `PageCache` keeps the response of a GET of
a start page, and of any other page of the databases (tables, rows, facets, canned queries,
search) except arbitrary SQL (`?sql=`, which may call `random()`), CSV and the `/-/` pages,
and serves it again as long as every attached database file is unchanged: the key is the
path and query and each file's (and its WAL's) device, inode, size and modification time,
so a build that commits articles (`quotes serve --live`) is seen at the next request.

Bounded: at most `MAX_BYTES` in all (least recently used first out), no response over
`MAX_BODY`; a visitor who varies query strings only pushes entries out. Requests that carry
a cookie (a signed-in actor) and responses that set one or are not 200 are never kept.
"""
from __future__ import annotations

import os
from collections import OrderedDict
from urllib.parse import parse_qsl

MAX_BYTES = 64 * 1024 * 1024
MAX_BODY = 4 * 1024 * 1024


def file_key(path: str | None) -> tuple:
    """The state of a database file: each of the file's and its WAL's device, inode, size and
    modification time, and SQLite's own commit counters (`commit_counters`): a file's time
    moves only at the kernel's clock tick and a WAL reused after a checkpoint keeps its size,
    so two commits a few milliseconds apart could otherwise leave the same key."""
    if not path:
        return ()
    out = []
    for name in (path, f"{path}-wal"):
        try:
            st = os.stat(name)
            out.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return (*out, commit_counters(path))


# SQLite's file formats (sqlite.org/fileformat.html): the database header's file change counter
# (bytes 24-28, bumped by every commit in rollback-journal mode) and, in WAL mode, the
# wal-index header at the start of the -shm file (48 bytes kept twice: its change counter,
# last valid frame and salts move with every commit).
CHANGE_COUNTER = slice(24, 28)
WAL_INDEX_HEADER = 48


def commit_counters(path: str):
    """SQLite's commit counters of `path` (see above); an object equal to no other while the
    wal-index header is being written (its two copies differ), so nothing is kept then."""
    try:
        with open(path, "rb") as f:
            counter = f.read(100)[CHANGE_COUNTER]
    except OSError:
        counter = None
    try:
        with open(f"{path}-shm", "rb") as f:
            header = f.read(2 * WAL_INDEX_HEADER)
    except OSError:
        header = b""
    if len(header) == 2 * WAL_INDEX_HEADER and header[:WAL_INDEX_HEADER] != header[WAL_INDEX_HEADER:]:
        return object()
    return counter, header[:WAL_INDEX_HEADER]


def cacheable(path: str, query: bytes, databases) -> bool:
    if path == "/" or path.startswith("/-/") or path.endswith(".csv") or path.endswith(".db"):
        return not query if path == "/" else False
    first = path.split("/")[1].split(".")[0]
    if first not in databases or first.startswith("_"):
        return False
    keys = {k for k, _ in parse_qsl(query.decode("latin-1"), keep_blank_values=True)}
    return not keys & {"sql", "_stream", "_nocount", "_timelimit"}


class PageStore:
    """The kept pages of one Datasette instance (shared by every app it builds)."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.entries: OrderedDict = OrderedDict()
        self.size = 0

    def get(self, key):
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
        return hit

    def put(self, key, messages: list[dict], size: int) -> None:
        if key in self.entries:
            return
        self.entries[key] = (messages, size)
        self.size += size
        while self.size > self.max_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= dropped


def store_for(datasette) -> PageStore:
    return datasette.__dict__.setdefault("_quotes_pages", PageStore())


class PageCache:
    """ASGI middleware: serves kept pages, keeps new ones (see module doc)."""

    def __init__(self, app, datasette):
        self.app = app
        self.datasette = datasette
        self.store = store_for(datasette)

    def state(self) -> tuple:
        return tuple((name, file_key(db.path)) for name, db in self.datasette.databases.items()
                     if not name.startswith("_"))

    async def __call__(self, scope, receive, send):
        if (scope.get("type") != "http" or scope.get("method") != "GET"
                or any(k.lower() == b"cookie" for k, _ in scope.get("headers", []))
                or not cacheable(scope.get("path", ""), scope.get("query_string", b""), self.datasette.databases)):
            return await self.app(scope, receive, send)
        key = (scope["path"], scope.get("query_string", b""), self.state())
        hit = self.store.get(key)
        if hit is not None:
            for message in hit[0]:
                await send(message)
            return None
        messages: list[dict] = []
        keep = {"ok": True, "size": 0}

        async def recording(message):
            if message["type"] == "http.response.start":
                keep["ok"] = message.get("status") == 200 and not any(
                    k.lower() == b"set-cookie" for k, _ in message.get("headers", []))
            elif message["type"] == "http.response.body":
                keep["size"] += len(message.get("body", b""))
            if keep["ok"] and keep["size"] <= MAX_BODY:
                messages.append(message)
            await send(message)

        await self.app(scope, receive, recording)
        if keep["ok"] and keep["size"] <= MAX_BODY and messages and key[2] == self.state():
            self.store.put(key, messages, keep["size"])
        return None
