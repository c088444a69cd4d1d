"""The served site is read-only and a runaway query is cut off by `sql_time_limit_ms`."""
import copy
import time

import yaml
from datasette.app import Datasette

from quotes.site import METADATA_PATH, SETTINGS

SLOW_SQL = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"


def make_datasette(path, extra_queries=None):
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    if extra_queries:
        metadata = copy.deepcopy(metadata)
        metadata["databases"]["quotes"].setdefault("queries", {}).update(extra_queries)
    return Datasette([str(path)], metadata=metadata, settings=SETTINGS)


async def test_slow_user_sql_is_cut_off(seeds_db):
    assert 0 < SETTINGS["sql_time_limit_ms"] <= 5000
    ds = make_datasette(seeds_db)
    started = time.perf_counter()
    response = await ds.client.get("/quotes.json", params={"sql": SLOW_SQL})
    elapsed = time.perf_counter() - started
    assert response.status_code == 400
    assert "too long" in response.json()["error"]
    assert elapsed < SETTINGS["sql_time_limit_ms"] / 1000 + 3


async def test_slow_canned_query_is_cut_off(seeds_db):
    ds = make_datasette(seeds_db, {"runaway": {"sql": SLOW_SQL}})
    response = await ds.client.get("/quotes/runaway.json")
    assert response.status_code == 400 and "too long" in response.json()["error"]


async def test_site_cannot_write(seeds_db):
    ds = make_datasette(seeds_db)
    for sql in ("delete from quotes", "update articles set title = 'x'", "drop table quotes",
                "select 1; delete from quotes", "attach database '/tmp/x.db' as x"):
        response = await ds.client.get("/quotes.json", params={"sql": sql})
        assert response.status_code == 400, sql
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    for name, query in metadata["databases"]["quotes"].get("queries", {}).items():
        assert not (isinstance(query, dict) and query.get("write")), f"canned query {name} writes"
    response = await ds.client.get("/quotes/quotes.json?_size=1&_shape=array")
    assert response.status_code == 200 and len(response.json()) == 1
