"""Schema questions answered once per database file state (quotes/site/schemacache.py): a page
asked again asks the SQL threads nothing about the schema; a schema change made while the
database is served live is seen at the next request; the cache is bounded; callers get
their own copies."""
import re
import shutil
import sqlite3

import pytest
from datasette.app import Datasette

from quotes.site import SETTINGS, schemacache


@pytest.fixture
def live_db(seeds_db, tmp_path):
    path = tmp_path / "quotes.db"
    shutil.copy(seeds_db, path)
    return path


timing = re.compile(r"took [\d.]+ms")


async def started(path, immutable=False) -> Datasette:
    ds = Datasette(immutables=[str(path)], settings=SETTINGS) if immutable else Datasette([str(path)], settings=SETTINGS)
    await ds.invoke_startup()
    return ds


@pytest.mark.parametrize("immutable", [True, False])
async def test_a_page_asked_again_asks_nothing_of_the_schema(live_db, immutable):
    ds = await started(live_db, immutable)
    cache = schemacache.cache_of(ds.get_database("quotes"))
    internal = schemacache.cache_of(ds.databases[schemacache.INTERNAL])  # datasette-search-all asks it
    first = await ds.client.get("/quotes/quotes?_bust=xq1z")  # not a URL the page cache holds
    misses, hits, internal_misses = cache.misses, cache.hits, internal.misses
    again = await ds.client.get("/quotes/quotes?_bust=xq2z")
    assert first.status_code == again.status_code == 200
    assert cache.misses == misses and cache.hits - hits >= 10
    assert internal.misses == internal_misses and internal.hits > 0
    assert timing.sub("", first.text).replace("xq1z", "xq2z") == timing.sub("", again.text)


async def test_a_schema_change_is_seen_at_the_next_request(live_db):
    ds = await started(live_db)
    assert (await ds.client.get("/quotes/extra_notes")).status_code == 404
    conn = sqlite3.connect(live_db)
    conn.execute("create table extra_notes (id integer primary key, note text)")
    conn.execute("insert into extra_notes (note) values ('seen')")
    conn.commit()
    conn.close()
    response = await ds.client.get("/quotes/extra_notes")
    assert response.status_code == 200 and "seen" in response.text
    assert "extra_notes" in await ds.get_database("quotes").table_names()


async def test_the_cache_is_bounded(live_db, monkeypatch):
    monkeypatch.setattr(schemacache, "MAX_ENTRIES", 20)
    ds = await started(live_db, immutable=True)
    cache = schemacache.cache_of(ds.get_database("quotes"))
    for i in range(60):
        assert (await ds.client.get(f"/quotes/made_up_{i}")).status_code == 404
        assert len(cache.entries) <= 20


async def test_callers_get_their_own_lists(live_db):
    ds = await started(live_db, immutable=True)
    db = ds.get_database("quotes")
    names = await db.table_names()
    names.append("not_a_table")
    assert "not_a_table" not in await db.table_names()
    columns = await db.table_columns("quotes")
    columns.clear()
    assert "text" in await db.table_columns("quotes")


async def test_sql_that_is_not_about_the_schema_is_never_kept(live_db):
    ds = await started(live_db)
    db = ds.get_database("quotes")
    cache = schemacache.cache_of(db)
    before = len(cache.entries)
    a = (await db.execute("select random() as r")).rows[0][0]
    b = (await db.execute("select random() as r")).rows[0][0]
    await db.execute("select name from sqlite_master where name = random()")
    assert a != b and len(cache.entries) == before
