"""Pages kept per database file (quotes/site/startcache.py): served again while the file is
unchanged, computed again once it changes, bounded in memory, never for arbitrary SQL."""
import shutil
import sqlite3

import pytest
from datasette.app import Datasette

from quotes.site import SETTINGS
from quotes.site.startcache import store_for


@pytest.fixture
def live_db(seeds_db, tmp_path):
    path = tmp_path / "quotes.db"
    shutil.copy(seeds_db, path)
    return path


def cache_of(ds):
    return store_for(ds)


async def test_start_pages_are_kept_until_the_file_changes(live_db):
    ds = Datasette([str(live_db)], settings=SETTINGS)  # mutable, as `quotes serve --live`
    first = await ds.client.get("/quotes")
    again = await ds.client.get("/quotes")
    assert first.status_code == again.status_code == 200 and first.text == again.text
    cache = cache_of(ds)
    assert any(key[0] == "/quotes" for key in cache.entries)
    before = await ds.client.get("/quotes/outlets")
    assert "Brand New Outlet" not in before.text
    assert len(cache.entries) == 2
    conn = sqlite3.connect(live_db)
    conn.execute("insert into outlets (id, name) values ('zz-new', 'Brand New Outlet')")
    conn.commit()
    conn.close()
    after = await ds.client.get("/quotes/outlets")
    assert "Brand New Outlet" in after.text  # the file changed: computed again


async def test_arbitrary_sql_cookies_and_errors_are_not_kept(live_db):
    ds = Datasette([str(live_db)], settings=SETTINGS)
    cache = cache_of(ds)
    a = (await ds.client.get("/quotes.json", params={"sql": "select random() as r"})).json()["rows"]
    b = (await ds.client.get("/quotes.json", params={"sql": "select random() as r"})).json()["rows"]
    assert a != b
    await ds.client.get("/quotes/quotes", cookies={"ds_actor": "x"})
    await ds.client.get("/quotes/no_such_table")
    assert not cache.entries


async def test_the_cache_is_bounded(live_db):
    ds = Datasette([str(live_db)], settings=SETTINGS)
    cache = cache_of(ds)
    cache.max_bytes = 200_000
    for i in range(40):
        response = await ds.client.get(f"/quotes/quotes?_size={i + 1}")
        assert response.status_code == 200
    assert 0 < cache.size <= cache.max_bytes
    assert cache.size == sum(size for _, size in cache.entries.values())
