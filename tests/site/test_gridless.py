"""Card pages without the grid's cell work (plugin.install_gridless_cards): Datasette formats
one row instead of every row when the cards are shown without the grid; the page is the same
page as with Datasette's own function; the grid, when asked for, and the tables of other
databases keep every row."""
import re
import sqlite3

import datasette.views.table as table_view
import pytest

from quotes.site import plugin
from test_schemacache import live_db, started, timing  # noqa: F401 (the same seeds copy and Datasette)

GRID_ROW = re.compile(r'<tr>\s*<td class="col-')


@pytest.fixture
async def ds(live_db):  # noqa: F811
    return await started(live_db, immutable=True)


def counting(monkeypatch):
    """The plugin's wrapper around a Datasette function that records how many rows it is
    given: what Datasette formats."""
    given, original = [], table_view.display_columns_and_rows.original

    async def counted(datasette, database, table, description, rows, *args, **kwargs):
        given.append(len(rows))
        return await original(datasette, database, table, description, rows, *args, **kwargs)

    monkeypatch.setattr(table_view, "display_columns_and_rows", counted)
    plugin.install_gridless_cards()
    return given


@pytest.mark.parametrize("path", ["/quotes/quotes", "/quotes/utterances", "/quotes/articles",
                                  "/quotes/quotes?_search=troops", "/quotes/quotes?_sort=speaker_name",
                                  "/quotes/quotes?_grid="])  # (an empty _grid shows the cards)
async def test_a_card_page_formats_one_row_and_is_the_same_page(ds, monkeypatch, path):
    sep = "&" if "?" in path else "?"
    assert table_view.display_columns_and_rows.quotes_gridless
    original = table_view.display_columns_and_rows.original
    given = counting(monkeypatch)
    gridless = await ds.client.get(f"{path}{sep}_bust=g1z")
    monkeypatch.setattr(table_view, "display_columns_and_rows", original)
    full = await ds.client.get(f"{path}{sep}_bust=g2z")
    assert gridless.status_code == full.status_code == 200
    assert given == [1]
    assert timing.sub("", gridless.text).replace("g1z", "g2z") == timing.sub("", full.text)
    assert 'class="q-card' in gridless.text


@pytest.mark.parametrize("query", ["_grid=1", "%5Fgrid=1"])
async def test_the_grid_when_asked_has_every_row(ds, monkeypatch, query):
    n = len((await ds.client.get("/quotes/quotes.json?_shape=array")).json())
    given = counting(monkeypatch)
    page = await ds.client.get(f"/quotes/quotes?{query}")
    assert page.status_code == 200 and given == [n] and n > 1
    assert len(GRID_ROW.findall(page.text)) == n


async def test_other_databases_keep_their_whole_grid(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("create table quotes (id text primary key, text text)")
    conn.executemany("insert into quotes values (?, ?)", [(f"q{i}", f"words {i}") for i in range(7)])
    conn.commit()
    conn.close()
    ds = await started(path, immutable=True)
    page = await ds.client.get("/other/quotes")
    assert page.status_code == 200 and len(GRID_ROW.findall(page.text)) == 7
