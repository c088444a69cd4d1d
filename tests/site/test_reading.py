"""The site as a journalist reads it (issue 14), through Datasette's own test client: the
start page at `/`, plain-language titles, quote and utterance cards, the article page,
the charts' specs and the shipped chart library; Datasette's JSON/CSV unchanged."""
import re
import sqlite3

import pytest
from datasette.app import Datasette

from quotes.build import update_corpus_index
from quotes.model import Article, Quote
from quotes.site import SETTINGS
from quotes.site.plugin import STATIC, STATIC_FILES
from quotes.store.db import open_db, save_article
from site_data import AUSTIN_UTTERANCE


from site_pages import make_datasette, site_db  # noqa: F401  (a fixture shared with test_pages)


@pytest.fixture(scope="module")
def ds(site_db):
    return make_datasette(site_db[0])


async def get(ds, path, status=200):
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.text[:1500])
    return response


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def rows(response):
    return response.json()


# --- the start page ----------------------------------------------------------------------

async def test_root_leads_to_the_start_page(ds):
    response = await get(ds, "/", status=302)
    assert response.headers["location"] == "/quotes"
    html = (await get(ds, "/quotes")).text
    assert 'action="/quotes/quotes"' in html and 'name="_search"' in html
    # the most widely quoted utterances, titled in plain words
    assert f'href="/quotes/utterances/{AUSTIN_UTTERANCE}">Lloyd Austin: “If their intention is to participate in this…” — 5 outlets</a>' in html
    assert 'href="/quotes/quoted_differently"' in html and 'href="/quotes/outlet_pairs"' in html
    for chart in ("outlet_matrix", "quotes_over_time"):
        assert f'data-chart-url="/-/quotes/charts/quotes/{chart}.json"' in html
    assert title_of(html) == "Quotes in the news"
    # Datasette's own index stays available as JSON
    assert "quotes" in (await get(ds, "/.json")).json()


async def test_root_without_a_quotes_database_is_datasettes_index(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (id text)").connection.commit()
    response = await get(Datasette([str(other)], settings=SETTINGS), "/")
    assert "other" in response.text


async def test_our_pages_ship_no_inline_script(ds):
    """Scripts are static files (a Content-Security-Policy can forbid inline ones): every
    <script> our templates add has a src under /-/quotes/."""
    for path in ["/quotes", f"/quotes/utterances/{AUSTIN_UTTERANCE}"]:
        html = (await get(ds, path)).text
        ours = re.findall(r"<script[^>]*quotes[^>]*>", html)
        assert ours and all('src="/-/quotes/' in s for s in ours), path
        assert "onclick=" not in html and "onload=" not in html


# --- plain-language titles -------------------------------------------------------------

async def test_pages_are_titled_in_plain_words(ds):
    html = (await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}")).text
    assert title_of(html) == "Lloyd Austin: “If their intention is to participate in this…” — 5 outlets"
    assert '<h1 class="q-heading">Lloyd Austin: “If their intention' in html
    fox = rows(await get(ds, "/quotes/quotes.json?_search=serious+issue&_outlet=fox-news&_shape=array"))[0]
    html = (await get(ds, f"/quotes/quotes/{fox['id']}")).text
    assert title_of(html) == "Lloyd Austin in Fox News: “a very, very serious issue”"
    bloomberg = rows(await get(ds, "/quotes/quotes.json?_search=serious+issue&_outlet=bloomberg&_shape=array"))[0]
    assert ", 2024-10-23: " in title_of((await get(ds, f"/quotes/quotes/{bloomberg['id']}")).text)
    # an article without a title is named by its first line, never by its file name
    article = rows(await get(ds, "/quotes/articles.json?outlet_id=fox-news&_shape=array"))[0]
    html = (await get(ds, f"/quotes/articles/{article['id']}")).text
    assert title_of(html).startswith("North Korean Dictator Kim Jong-Un has sent troops")
    assert "001_a4871556e040079a" not in title_of(html)
    assert title_of((await get(ds, "/quotes/quotes")).text).startswith("Quotes: ")


async def test_roles_do_not_repeat(ds):
    speaker = rows(await get(ds, "/quotes/speakers.json?name=Lloyd+Austin&_shape=array"))[0]
    html = (await get(ds, f"/quotes/speakers/{speaker['id']}")).text
    roles = re.search(r'<span class="q-roles">(.*?)</span>', html).group(1).split("; ")
    # no role whose words another role already holds ("Secretary" beside "Defense Secretary")
    words = [set(r.lower().split()) for r in roles]
    assert not any(i != j and a <= b for i, a in enumerate(words) for j, b in enumerate(words)), roles


# --- browse pages made for reading -----------------------------------------------------------

async def test_quotes_table_is_cards_with_speaker_outlet_date_relation_and_context_link(ds):
    response = await get(ds, "/quotes/quotes?_search=serious+issue")
    html = response.text
    data = rows(await get(ds, "/quotes/quotes.json?_search=serious+issue&_shape=array"))
    cards = re.findall(r'<li class="q-card" data-quote-id="([^"]+)">(.*?)</li>', html, re.S)
    assert [c[0] for c in cards] == [r["id"] for r in data]
    for quote_id, card in cards:
        assert f'href="/quotes/quotes/{quote_id}"' in card and "In context" in card
        assert 'class="q-speaker-link"' in card and 'class="q-outlet"' in card
        assert 'class="q-rel ' in card
    assert "Lloyd Austin" in html and "2024-10-23" in html
    # the facets stay; the column glossary is folded away, still there
    assert "outlet (join)" in html or "facet-outlet" in html
    assert '<details class="q-glossary">' in html and "Offset of the first quoted character" in html
    # the grid is one link away (?_grid=1), not rendered with the cards
    assert 'class="rows-and-columns"' not in html
    link = re.search(r'<p class="q-grid"><a href="([^"]+)">All columns, as a table</a>', html)
    assert link and "_grid=1" in link.group(1) and "_search=serious" in link.group(1)
    grid = (await get(ds, link.group(1).replace("&amp;", "&"))).text
    assert 'class="rows-and-columns"' in grid and "q-card" in grid
    assert grid.count("<tr") == len(data) + 1  # the same rows, and the header


async def test_utterances_table_is_cards(ds):
    html = (await get(ds, "/quotes/utterances")).text
    assert html.count('<li class="q-card">') == len(rows(await get(ds, "/quotes/utterances.json?_shape=array")))
    assert f'href="/quotes/utterances/{AUSTIN_UTTERANCE}">“If their intention' in html


async def test_articles_table_is_cards_titled_by_first_line(ds):
    html = (await get(ds, "/quotes/articles")).text
    assert html.count('<li class="q-card q-article-card">') == 5
    assert ">North Korean Dictator Kim Jong-Un has sent troops" in html
    assert "Fox News" in html and "Associated Press" in html


async def test_json_csv_and_sql_are_unchanged(ds, site_db):
    conn = sqlite3.connect(site_db[0])
    columns = [r[1] for r in conn.execute("pragma table_info(quotes)")]
    count = conn.execute("select count(*) from quotes").fetchone()[0]
    data = (await get(ds, "/quotes/quotes.json?_size=max")).json()
    assert data["columns"] == columns and len(data["rows"]) == count
    csv = (await get(ds, "/quotes/quotes.csv?_size=max")).text
    assert csv.splitlines()[0] == ",".join(columns) and len(csv.strip().splitlines()) >= count + 1
    sql = (await get(ds, "/quotes.json?sql=select+count(*)+as+n+from+quotes&_shape=array")).json()
    assert sql == [{"n": count}]


async def test_canned_queries_do_not_open_with_their_sql(ds):
    html = (await get(ds, "/quotes/quoted_differently")).text
    assert "with versions as" not in html
    assert "_hide_sql" in html or "show" in html.lower()
    assert title_of(html) == "Words that outlets quoted differently — quotes"


# --- the article page ----------------------------------------------------------------------

async def test_article_page_highlights_and_links_every_quote(ds, site_db):
    conn = sqlite3.connect(site_db[0])
    article_id, text = conn.execute("select id, text from articles where outlet_id = 'associated-press'").fetchone()
    quotes = conn.execute("select id, start, \"end\", text from quotes where article_id = ? order by start",
                          [article_id]).fetchall()
    html = (await get(ds, f"/quotes/articles/{article_id}")).text
    links = re.findall(r'<a class="q-quote-link" href="/quotes/quotes/([^"]+)" title="([^"]*)"><mark class="q-quote">(.*?)</mark></a>',
                       html, re.S)
    assert [l[0] for l in links] == [q[0] for q in quotes]
    assert "very, very serious problem" in html
    assert "Lloyd Austin" in html and "John Kirby" in html  # speakers named beside their quotes
    assert '<div class="q-article-text"><p>' in html
    assert "<details class=\"q-raw\">" in html  # the raw row, folded


async def test_article_page_links_only_web_addresses(tmp_path):
    path = tmp_path / "links.db"
    db = open_db(str(path))
    text = "“We will not back down,” said Jane Alvarez.\n“The budget stays,” she added."
    for n, url in enumerate(["javascript:alert(1)", "https://example.org/story"]):
        body = text + f" Edition {n}."
        save_article(db, Article(doc_id=f"a{n}", text=body, outlet="Daily Ledger", url=url),
                     [Quote(start=1, end=21, text=body[1:21], speaker="Jane Alvarez", method="test", confidence=1.0)])
    update_corpus_index(db)
    db.close()
    ds = Datasette([str(path)], settings=SETTINGS)
    ids = {r["url"]: r["id"] for r in rows(await get(ds, "/links/articles.json?_shape=array"))}
    bad = (await get(ds, f"/links/articles/{ids['javascript:alert(1)']}")).text
    assert 'href="javascript:' not in bad and "original article" not in bad
    good = (await get(ds, f"/links/articles/{ids['https://example.org/story']}")).text
    assert '<a class="q-original" href="https://example.org/story"' in good
    for page in [f"/links/quotes", "/links/utterances"]:
        assert 'href="javascript:' not in (await get(ds, page)).text


# --- charts ------------------------------------------------------------------------------

async def test_outlet_matrix_chart(ds):
    spec = (await get(ds, "/-/quotes/charts/quotes/outlet_matrix.json")).json()
    assert spec["$schema"].endswith("vega-lite/v5.json")
    cells = spec["data"]["values"]
    pairs = rows(await get(ds, "/quotes/outlet_pairs.json?_shape=array"))
    assert len(cells) == 2 * len(pairs) == 20  # both halves of the matrix
    for p in pairs:
        cell = next(c for c in cells if (c["outlet"], c["other"]) == (p["outlet_a"], p["outlet_b"]))
        assert (cell["shared"], cell["different"], cell["pct"]) == (p["shared_utterances"], p["different"], p["pct_different"])


async def test_utterance_speaker_and_time_charts(ds):
    spec = (await get(ds, f"/-/quotes/charts/quotes/utterance_versions.json?id={AUSTIN_UTTERANCE}")).json()
    bars = spec["data"]["values"]
    assert len(bars) == 9 and bars[0]["relation"] == "reference" and bars[0]["similarity"] == 1.0
    assert {b["version"].split(" (")[0] for b in bars} == {"Bloomberg", "Fox News", "The Epoch Times",
                                                         "New York Post", "Associated Press"}
    assert any(b["relation"] == "paraphrase" and b["similarity"] < 1 for b in bars)
    speaker = rows(await get(ds, "/quotes/speakers.json?name=Lloyd+Austin&_shape=array"))[0]
    spec = (await get(ds, f"/-/quotes/charts/quotes/speaker_outlets.json?id={speaker['id']}")).json()
    assert {v["outlet"] for v in spec["data"]["values"]} >= {"Fox News", "Associated Press"}
    assert sum(v["quotes"] for v in spec["data"]["values"]) == len(
        rows(await get(ds, f"/quotes/quotes.json?speaker_id={speaker['id']}&_shape=array&_size=max")))
    spec = (await get(ds, "/-/quotes/charts/quotes/quotes_over_time.json")).json()
    assert spec["data"]["values"] and all(re.fullmatch(r"\d{4}-\d\d-\d\d", v["day"]) for v in spec["data"]["values"])


async def test_chart_errors(ds):
    await get(ds, "/-/quotes/charts/quotes/nope.json", status=404)
    await get(ds, "/-/quotes/charts/elsewhere/outlet_matrix.json", status=404)
    await get(ds, "/-/quotes/charts/quotes/utterance_versions.json?id=nope", status=404)


async def test_chart_library_is_shipped_and_served(ds):
    for name, kind in STATIC_FILES.items():
        assert (STATIC / name).stat().st_size > 0
        response = await get(ds, f"/-/quotes/{name}")
        assert response.headers["content-type"].startswith(kind.split(";")[0])
    for licence in ("LICENSE.vega", "LICENSE.vega-lite", "LICENSE.vega-embed"):
        assert "Redistribution and use" in (STATIC / "vendor" / licence).read_text()
    await get(ds, "/-/quotes/vendor/LICENSE.vega", status=404)  # only the listed files
    await get(ds, "/-/quotes/../plugin.py", status=404)


def test_charts_name_at_most_a_dozen_outlets():
    from quotes.site.charts import MAX_OUTLETS, OTHER_OUTLETS, spec_outlet_matrix, spec_quotes_over_time

    rows = [{"outlet": f"Outlet {i:02d}", "day": "2024-10-2" + str(i % 3), "quotes": 100 - i} for i in range(30)]
    spec = spec_quotes_over_time(rows)
    outlets = {v["outlet"] for v in spec["data"]["values"]}
    assert len(outlets) == MAX_OUTLETS + 1 and OTHER_OUTLETS in outlets and "Outlet 00" in outlets
    assert sum(v["quotes"] for v in spec["data"]["values"]) == sum(r["quotes"] for r in rows)
    pairs = [{"outlet_a": f"O{a:02d}", "outlet_b": f"O{b:02d}", "shared_utterances": 50 - a - b, "identical": 1,
              "different": 50 - a - b - 1, "pct_different": 90.0, "how": "truncation ×1"}
             for a in range(20) for b in range(a + 1, 20)]
    cells = spec_outlet_matrix(pairs)["data"]["values"]
    assert len({c["outlet"] for c in cells}) == MAX_OUTLETS and "O00" in {c["outlet"] for c in cells}
