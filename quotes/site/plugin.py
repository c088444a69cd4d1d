"""The Datasette plugin shipped with the package (entry point `quotes`).

- `get_metadata`: applies the packaged `metadata.yaml` to every database that has the
  quotes schema, whatever its file is called, so plain `datasette some.db` gets the titles,
  column docs, facets, FTS settings and canned queries too.
- `prepare_connection`: the comparison functions of `sqlfunctions` (`quotes_words`, ...),
  and reads through a memory map (`MMAP_SIZE`).
- `extra_template_vars` + `templates/`: the utterance, quote-in-context and speaker panels
  on the row pages of those tables, and a "start here" panel on the database page.
- `register_facet_classes` + `filters_from_request`: facet and filter quotes by outlet
  (`?_outlet=`) and by variant relation (`?_relation=`), which live in other tables.
- `render_cell`: quotes in quotation marks, JSON lists as lists, word diffs as `<ins>`/`<del>`,
  and ids in canned query results as links.

- `asgi_wrapper`: a Content-Security-Policy on every response (`safety.py`); the start
  pages kept per database file (`startcache.py`).
- `startup`: schema questions (tables, columns, keys, FTS) answered once per database
  file state (`schemacache.py`); the rows of deterministic SQL kept per file state
  (`resultcache.py`).

Article text is untrusted: everything is escaped with markupsafe, never shown as raw HTML,
and only http(s) URLs are ever linked (`render.safe_url`, i.e. `safety.http_url`).
"""
from __future__ import annotations

import contextvars
import copy
import re
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs

import yaml
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, urlsafe_components
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from . import METADATA_PATH, charts, pages, resultcache, schemacache, sourcepages, sqlfunctions
from .safety import ContentSecurityPolicy
from .startcache import PageCache
from .facets import JoinFacet, join_filters
from .render import parse_diff, render_diff, render_list

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
CSS_PATH = "/-/quotes/quotes.css"
PACKAGED_DB_NAME = "quotes"  # the key used under `databases:` in metadata.yaml


def load_metadata() -> dict:
    return yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))


_METADATA = None


def packaged_metadata() -> dict:
    global _METADATA
    if _METADATA is None:
        _METADATA = load_metadata()
    return _METADATA


def _tables_of(datasette, name: str) -> set[str]:
    """Table names of an attached database file, read once per Datasette instance (the
    metadata hook is synchronous and called often)."""
    cache = datasette.__dict__.setdefault("_quotes_tables", {})
    if name not in cache:
        db = datasette.databases.get(name)
        tables: set[str] = set()
        if db is not None and db.path and not db.is_memory:
            try:
                mode = "immutable=1" if db.is_mutable is False else "mode=ro"
                conn = sqlite3.connect(f"file:{db.path}?{mode}", uri=True)
                try:
                    tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
                finally:
                    conn.close()
            except sqlite3.Error:
                tables = set()
        cache[name] = tables
    return cache[name]


def metadata_for(datasette) -> dict:
    """The packaged metadata, with its database section applied to every quotes database.

    A canned query may list `requires: [table, ...]`; it is offered only where those
    tables exist."""
    base = packaged_metadata()
    template = base.get("databases", {}).get(PACKAGED_DB_NAME, {})
    result = {k: v for k, v in base.items() if k != "databases"}
    databases = {}
    for name in list(datasette.databases):
        tables = _tables_of(datasette, name)
        if not pages.is_quotes_db(tables):
            continue
        section = copy.deepcopy(template)
        queries = section.get("queries") or {}
        section["queries"] = {
            key: {k: v for k, v in q.items() if k != "requires"}
            for key, q in queries.items()
            if set(q.get("requires") or []) <= tables
        }
        section["tables"] = {t: c for t, c in (section.get("tables") or {}).items() if t in tables}
        databases[name] = section
    result["databases"] = databases
    return result


# What Datasette 0.65 reads through `metadata("tables", ...)`: a table's "allow" block (every
# view-table permission check deep-copies what this key returns, ~9 times a page) and its
# facet size. Everything else about a table is read through `metadata("databases")`.
TABLE_LOOKUPS = ("allow", "facet_size")


def pruned(metadata: dict, key: str | None) -> dict:
    """The parts of `metadata` a lookup of `key` can reach (Datasette's `metadata(key, ...)`
    looks for it at the top, in the database's section and in the table's): a permission
    check asks for "allow" ~150 times a page and must not copy every canned query each time."""
    if key in (None, "databases"):
        return metadata
    out = {key: metadata[key]} if key in metadata else {}
    databases = {}
    for name, section in (metadata.get("databases") or {}).items():
        part = {key: section[key]} if key in section else {}
        if key == "tables" and isinstance(section.get("tables"), dict):
            part["tables"] = {t: {k: c[k] for k in TABLE_LOOKUPS if k in c} if isinstance(c, dict) else c
                              for t, c in section["tables"].items()}
        else:
            tables = {t: {key: c[key]} for t, c in (section.get("tables") or {}).items()
                      if isinstance(c, dict) and key in c}
            if tables:
                part["tables"] = tables
        databases[name] = part
    out["databases"] = databases
    return out


@hookimpl
def get_metadata(datasette, key, database, table):
    # Called ~100 times a page: computed once per set of attached databases and per key.
    # Datasette merges the hook's dict into a fresh one and copies what it changes, unless
    # local metadata (`--metadata`) is merged over it: then we hand out a copy, as before.
    names = tuple(datasette.databases)
    cached = datasette.__dict__.get("_quotes_metadata")
    if cached is None or cached[0] != names:
        cached = (names, metadata_for(datasette), {})
        datasette.__dict__["_quotes_metadata"] = cached
    by_key = cached[2]
    if key not in by_key:
        by_key[key] = pruned(cached[1], key)
    if datasette._metadata_local:
        return copy.deepcopy(by_key[key])
    return by_key[key]


# Read the database through a memory map (SQLite caps it at 2 GiB in this build): page reads
# become memory reads instead of a system call and a copy each. The facets and filters of a
# large database look up many rows by key (104,824 quotes of one speaker joined to their
# variants and articles); at 1,000,000 quotes this takes a third to a half off those queries.
MMAP_SIZE = 2**31


@hookimpl
def prepare_connection(conn):
    sqlfunctions.register(conn)
    sqlfunctions.limit_connection(conn)
    conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")


@hookimpl
def startup(datasette):
    """Schema questions answered once per database file state (schemacache.py), the rows
    of deterministic SQL kept per file state (resultcache.py), and card pages without the
    grid's cell work (install_gridless_cards)."""
    schemacache.install(datasette)
    resultcache.install(datasette)
    install_gridless_cards()


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Put the package's templates before Datasette's defaults (entry-point plugins that
    are modules, not packages, are not searched for templates by Datasette 0.65)."""
    loader = env.loader.loaders[0]
    path = str(TEMPLATES)
    if path not in loader.searchpath:
        default = str(Path(__import__("datasette").__file__).parent / "templates")
        index = loader.searchpath.index(default) if default in loader.searchpath else len(loader.searchpath)
        loader.searchpath.insert(index, path)


@hookimpl
def asgi_wrapper(datasette):
    """Content-Security-Policy on every response (safety.py, docs/security.md), and the
    pages kept per database file (startcache.py)."""
    def template_dirs():
        return list(datasette.jinja_env.loader.loaders[0].searchpath)

    def wrap(app):
        return ContentSecurityPolicy(PageCache(GridFlag(app), datasette), template_dirs)

    return wrap


MAX_LOGGED_ERROR = 300  # characters of an error message in the server log


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """One line in the log per failed request. Datasette's default handler also prints a
    traceback with every local variable when `rich` is installed (~28 KB for a bad `_sort`,
    and a second or two of CPU): switched off here; errors that are not a user's bad
    request (500s) still get their plain traceback from Datasette."""
    import sys

    import datasette.handle_exception as default

    default.rich = None
    message = " ".join(str(exception).split())
    if len(message) > MAX_LOGGED_ERROR:
        message = message[:MAX_LOGGED_ERROR] + "…"
    path = getattr(request, "path", "?") if request is not None else "?"
    print(f"error {path}: {type(exception).__name__}: {message}", file=sys.stderr)
    return None


# The files the site serves from static/ (and nothing else from it).
STATIC_FILES = {
    "quotes.css": "text/css; charset=utf-8",
    "quotes-charts.js": "application/javascript; charset=utf-8",
    "vendor/vega.min.js": "application/javascript; charset=utf-8",
    "vendor/vega-lite.min.js": "application/javascript; charset=utf-8",
    "vendor/vega-embed.min.js": "application/javascript; charset=utf-8",
    "vendor/vega-interpreter.min.js": "application/javascript; charset=utf-8",
}


async def serve_static(request):
    name = request.url_vars["name"]
    if name not in STATIC_FILES:
        return Response.text("Not found", status=404)
    return Response((STATIC / name).read_text(encoding="utf-8"), content_type=STATIC_FILES[name],
                    headers={"cache-control": "max-age=3600"})


def quotes_databases(datasette) -> list[str]:
    return [name for name in datasette.databases if pages.is_quotes_db(_tables_of(datasette, name))]


async def start_page(datasette, request, send):
    """`/` opens the start page of the (first) quotes database; without one, Datasette's own
    index. The index stays as JSON at `/.json`."""
    names = quotes_databases(datasette)
    if names:
        return Response.redirect(datasette.urls.database(names[0]))
    from datasette.utils.asgi import Request
    from datasette.views.index import IndexView

    index_request = Request(dict(request.scope, url_route={"kwargs": {"format": None}}), request.receive)
    return await IndexView.as_view(datasette)(index_request, send)


async def serve_chart(datasette, request):
    """A chart's Vega-Lite spec as JSON (charts.CHARTS), or `{"error": ...}`."""
    database, name = request.url_vars["database"], request.url_vars["name"]
    if name not in charts.CHARTS or database not in quotes_databases(datasette):
        return Response.json({"error": "No such chart."}, status=404)
    if not await datasette.permission_allowed(request.actor, "view-database", database, default=True):
        return Response.json({"error": "Not allowed."}, status=403)
    db = datasette.get_database(database)
    tables = await pages.table_names(db)
    try:
        spec = await charts.CHARTS[name](datasette, db, tables, request.args, datasette.setting("sql_time_limit_ms"))
    except QueryInterrupted:
        return Response.json({"error": "This chart took too long to compute on this database."}, status=503)
    if spec is None:
        return Response.json({"error": "Nothing to chart here."}, status=404)
    return Response.json(spec, headers={"cache-control": "max-age=60"})


@hookimpl
def register_routes():
    return [
        (r"^/$", start_page),
        (r"^/-/quotes/(?P<name>[\w.-]+(?:/[\w.-]+)?)$", serve_static),
        (r"^/-/quotes/charts/(?P<database>[^/]+)/(?P<name>\w+)\.json$", serve_chart),
    ]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(CSS_PATH)]


@hookimpl
def register_facet_classes():
    return [JoinFacet]


@hookimpl
def filters_from_request(request, database, table, datasette):
    async def inner():
        where, params, human = await join_filters(datasette, database, table, request.args)
        if where:
            return FilterArguments(where, params, human)
        return None

    return inner


def shows_cards(datasette, database: str, table: str) -> bool:
    """Whether a table page shows its rows as cards (`templates/_table.html`)."""
    return table in pages.CARD_LOADERS and pages.is_quotes_db(_tables_of(datasette, database))


# Whether this request asks for Datasette's grid (`?_grid=1`): set per request by GridFlag.
GRID_ASKED = contextvars.ContextVar("quotes_grid_asked", default=True)


class GridFlag:
    """ASGI middleware: records in GRID_ASKED whether the request's query asks for the grid
    (`_grid` with a value: `?_grid=` shows the cards, as `templates/_table.html` decides)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)
        query = scope.get("query_string", b"").decode("latin-1")
        # as the template reads it: request.args.get("_grid") (the first value) is not empty
        grid = parse_qs(query, keep_blank_values=True).get("_grid", [""])[0]
        token = GRID_ASKED.set(bool(grid))
        try:
            return await self.app(scope, receive, send)
        finally:
            GRID_ASKED.reset(token)


def install_gridless_cards() -> None:
    """A card page does not show Datasette's grid unless asked (`?_grid=1`), but Datasette's
    table view still formats every cell of it (`display_columns_and_rows`: a render_cell
    hook call per cell, ~15% of a card page's CPU). It is given the first row only there:
    the template needs only to know that there are rows. Datasette 0.65 has no hook for
    this, so its module's function is wrapped (once); every other page gets the original."""
    import datasette.views.table as table_view  # not at import: Datasette loads plugins before its views

    original = table_view.display_columns_and_rows
    if getattr(original, "quotes_gridless", False):
        return

    async def display_columns_and_rows(datasette, database_name, table_name, description, rows, *args, **kwargs):
        if len(rows) > 1 and not GRID_ASKED.get() and shows_cards(datasette, database_name, table_name):
            rows = rows[:1]
        return await original(datasette, database_name, table_name, description, rows, *args, **kwargs)

    display_columns_and_rows.quotes_gridless = True
    display_columns_and_rows.original = original
    table_view.display_columns_and_rows = display_columns_and_rows


PAGE_LOADERS = {
    "utterances": pages.utterance_page,
    "quotes": pages.quote_page,
    "speakers": pages.speaker_page,
    "articles": pages.article_page,
    "sources": sourcepages.source_page,
}
# The primary-source panel above an utterance's or a quote's own (quotes.site.sourcepages).
SOURCE_PANELS = {"utterances": sourcepages.utterance_source, "quotes": sourcepages.quote_source}


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if request is None or not database:
        return None
    if view_name == "row" and table in PAGE_LOADERS:
        async def row_page():
            pks = urlsafe_components(request.url_vars.get("pks", ""))
            if len(pks) != 1:
                return {}
            page = await PAGE_LOADERS[table](datasette, database, pks[0])
            out = {"quotes_page": page} if page else {}
            if page and table in SOURCE_PANELS:
                tables = await pages.table_names(datasette.get_database(database))
                panel = await SOURCE_PANELS[table](datasette, database, pks[0], tables)
                if panel:
                    out["quotes_sources"] = panel
            return out

        return row_page
    if view_name == "table" and table in pages.CARD_LOADERS:
        async def cards():
            if not shows_cards(datasette, database, table):
                return {}

            async def load(rows):
                ids = [r["id"] for r in rows or [] if "id" in r.keys()]
                return await pages.CARD_LOADERS[table](datasette, database, ids)

            grid_url = None if request.args.get("_grid") else path_with_added_args(request, {"_grid": "1"})
            return {"quotes_cards": load, "quotes_cards_kind": table, "quotes_grid_url": grid_url}

        return cards
    if view_name == "database":
        async def home():
            panel = await pages.home_panel(datasette, database)
            return {"quotes_home": panel} if panel else {}

        return home
    return None


ID_COLUMNS = {"quote_id": "quotes", "utterance_id": "utterances", "speaker_id": "speakers",
              "article_id": "articles", "outlet_id": "outlets", "source_id": "sources"}
# tables whose id columns have no foreign keys (rewritten by the alignment step) but link too
LINKED_TABLES = {"source_quotes", "source_utterances"}
LIST_COLUMNS = {("speakers", "roles"), ("quotes", "speaker_aliases")}


PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+\Z")  # what tilde-encoding leaves unchanged


def id_link(datasette, database: str, table: str, value: str) -> Markup:
    """`<a href="/db/table/ID">ID</a>`, the same as `datasette.urls.row` gives. A canned query
    shows up to 1,000 rows of several ids each: the table's URL is made once per instance,
    and plain ids (hex, slugs) need no encoding."""
    prefixes = datasette.__dict__.setdefault("_quotes_table_urls", {})
    prefix = prefixes.get((database, table))
    if prefix is None:
        prefix = prefixes[(database, table)] = str(datasette.urls.table(database, table))
    path = value if PLAIN_ID.match(value) else pages.urls_path(value)
    return Markup(f'<a href="{escape(prefix)}/{escape(path)}">{escape(value)}</a>')


@hookimpl
def render_cell(value, column, table, database, datasette):
    if value is None:
        return None
    if (table is None or table in LINKED_TABLES) and column in ID_COLUMNS and isinstance(value, str) and database:
        # Canned query results: ids link to the pages they name.
        if pages.is_quotes_db(_tables_of(datasette, database)):
            return id_link(datasette, database, ID_COLUMNS[column], value)
        return None
    if column == "diff" and isinstance(value, str):
        ops = parse_diff(value)
        if ops is not None:
            return render_diff(ops, trim_edges=False)
        return None
    if (table, column) in LIST_COLUMNS or (table is None and column in ("roles", "aliases")):
        return render_list(value)
    if table == "quotes" and column == "text" and isinstance(value, str):
        return Markup("“{}”").format(escape(value))
    if column == "verbatim_share" and table is None and isinstance(value, (int, float)):
        return Markup('<span class="q-bar"><span style="width: {:.0f}%"></span></span> {:.0%}').format(
            100 * value, value)
    if column in ("relation", "pair_relation", "how") and isinstance(value, str) and table in (None, "variants", "source_quotes"):
        from .render import relation_class

        return Markup('<span class="q-rel {}">{}</span>').format(relation_class(value), value) if "," not in value else None
    return None
