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


def test_a_commit_in_the_same_clock_tick_and_size_changes_the_files_key(tmp_path):
    """A file's time moves only at the kernel's clock tick, and a WAL reused after a checkpoint
    keeps its size: a commit can leave size and time as they were (simulated by putting the
    times back). The key must still change, or a live server keeps the answer of before."""
    import os
    import sqlite3

    from quotes.site.startcache import file_key

    path = str(tmp_path / "live.db")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 200,)] * 2000)  # a large WAL
    conn.execute("PRAGMA wal_checkpoint(RESTART)")  # the next commit writes from the WAL's start
    before = file_key(path)
    stats = {name: os.stat(name) for name in (path, f"{path}-wal")}
    conn.execute("INSERT INTO t VALUES ('one more')")
    for name, st in stats.items():
        os.utime(name, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = file_key(path)
    assert after[:2] == before[:2]  # device, inode, size and time say nothing changed
    assert after != before
    conn.close()
