"""The rows of deterministic SQL kept per database file state (quotes/site/resultcache.py): a
page asked again under another URL runs none of its kept statements again and is the same
page; a canned query is kept by the parameters it names; what may vary (random values,
the clock) and errors are never kept; an article committed while the database is served
live is seen at the next request; the cache is bounded; callers get their own lists."""
import sqlite3

import pytest
from datasette.database import QueryInterrupted

from quotes.site import resultcache
from test_schemacache import live_db, started, timing  # noqa: F401 (the same seeds copy and Datasette)


@pytest.mark.parametrize("immutable", [True, False])
@pytest.mark.parametrize("path", ["/quotes/quotes", "/quotes/quoted_differently", "/quotes/outlet_pairs",
                                  "/quotes/utterances?_sort_desc=n_outlets"])
async def test_a_page_under_another_url_runs_no_kept_sql_again(live_db, immutable, path):
    ds = await started(live_db, immutable)
    cache = resultcache.cache_of(ds.get_database("quotes"))
    sep = "&" if "?" in path else "?"
    first = await ds.client.get(f"{path}{sep}_bust=xq1z")  # not a URL the page cache holds
    misses, hits = cache.misses, cache.hits
    again = await ds.client.get(f"{path}{sep}_bust=xq2z")
    assert first.status_code == again.status_code == 200
    assert cache.misses == misses and cache.hits > hits
    assert timing.sub("", first.text).replace("xq1z", "xq2z") == timing.sub("", again.text)


async def test_a_canned_query_is_kept_by_the_parameters_it_names(live_db):
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    sql = "select count(*) from quotes where speaker_name = :name"
    one = await db.execute(sql, {"name": "Lloyd Austin", "_bust": "1"})
    misses = resultcache.cache_of(db).misses
    again = await db.execute(sql, {"name": "Lloyd Austin", "_bust": "2"})
    other = await db.execute(sql, {"name": "Nobody Atall"})
    assert again.rows[0][0] == one.rows[0][0] > 0 and other.rows[0][0] == 0
    assert resultcache.cache_of(db).misses == misses + 1  # only the other name was asked


@pytest.mark.parametrize("sql", ["select random() as r", "select abs(random()) % 1000000 as r",
                                 "select strftime('%f', 'now') || random() as r",
                                 "select hex(randomblob(8)) as r"])
async def test_what_may_vary_is_never_kept(live_db, sql):
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    cache = resultcache.cache_of(db)
    values = {(await db.execute(sql)).rows[0][0] for _ in range(5)}
    assert len(values) > 1 and not any(sql == key[0] for key in cache.entries)


async def test_errors_are_not_kept(live_db):
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    slow = ("with recursive n(i) as (select 1 union all select i + 1 from n limit 100000000) "
            "select count(*) from n")
    with pytest.raises(QueryInterrupted):
        await db.execute(slow, custom_time_limit=50)
    assert all(key[0] != slow for key in resultcache.cache_of(db).entries)
    with pytest.raises(QueryInterrupted):  # asked again, it runs again
        await db.execute(slow, custom_time_limit=50)


async def test_an_article_committed_while_served_live_is_seen(live_db):
    ds = await started(live_db)
    db = ds.get_database("quotes")
    count = "select count(*) from quotes where speaker_name = 'Load Tester'"
    assert (await db.execute(count)).rows[0][0] == 0
    conn = sqlite3.connect(live_db)
    row = conn.execute("select * from quotes limit 1").fetchone()
    names = [d[0] for d in conn.execute("select * from quotes limit 1").description]
    values = dict(zip(names, row), id="loadtester1", speaker_name="Load Tester")
    conn.execute(f"insert into quotes ({', '.join(values)}) values ({', '.join('?' * len(values))})",
                 list(values.values()))
    conn.commit()
    conn.close()
    assert (await db.execute(count)).rows[0][0] == 1


async def test_the_cache_is_bounded(live_db, monkeypatch):
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    cache = resultcache.cache_of(db)
    cache.max_bytes = 20_000
    for i in range(200):
        await db.execute("select id, text from quotes where length(text) > :n", {"n": i})
        assert cache.size <= cache.max_bytes
    monkeypatch.setattr(resultcache, "MAX_RESULT_BYTES", 100)
    await db.execute("select text from quotes")
    assert all(k[0] != "select text from quotes" for k in cache.entries)


async def test_callers_get_their_own_lists(live_db):
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    rows = (await db.execute("select id from quotes order by id")).rows
    n = len(rows)
    rows.clear()
    assert len((await db.execute("select id from quotes order by id")).rows) == n > 0


async def test_statements_without_rows_count_toward_the_bound(live_db):
    """Each entry's key (its statement and parameters) counts, so many distinct statements
    that return no rows (any client can send them as ?sql=) cannot grow the cache unbounded."""
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    cache = resultcache.cache_of(db)
    cache.max_bytes = 20_000
    padding = "x" * 1000
    for i in range(200):
        rows = (await db.execute(f"select id from quotes where 0 and '{padding}{i}' = :n", {"n": i})).rows
        assert rows == [] and cache.size <= cache.max_bytes
    assert 0 < len(cache.entries) < 30


# SQLite's FTS and R-tree functions: not flagged deterministic, but they answer from the
# file's own content, so a kept answer stays right while the file is unchanged
PER_FILE_FUNCTIONS = {"bm25", "fts3_tokenizer", "fts5", "fts5_source_id", "highlight", "match", "matchinfo",
                      "offsets", "optimize", "rtreecheck", "rtreedepth", "rtreenode", "snippet",
                      "escape_fts"}  # (Datasette's: a pure string function, registered without the flag)
SQLITE_DETERMINISTIC = 0x800


async def test_every_function_that_may_vary_is_never_kept(live_db):
    """The cache keeps a statement unless VOLATILE names a function in it: every scalar
    function a served connection has (SQLite's, ours, any plugin's) that is not flagged
    deterministic must be named there. Fails when an upgrade or a plugin adds one (a uuid(),
    a now()) instead of caching its answers silently."""
    ds = await started(live_db, immutable=True)
    rows = await ds.get_database("quotes").execute_fn(
        lambda conn: conn.execute("pragma function_list").fetchall())
    varying = {name for name, _, kind, _, _, flags in rows if kind == "s" and not flags & SQLITE_DETERMINISTIC}
    assert {"random", "changes", "quotes_words"} & {r[0] for r in rows}  # the list is read
    assert "random" in varying
    unkept = {name for name in varying - PER_FILE_FUNCTIONS if not resultcache.VOLATILE.search(name)}
    assert not unkept, f"functions that may vary but are kept: {sorted(unkept)} (add them to resultcache.VOLATILE)"
