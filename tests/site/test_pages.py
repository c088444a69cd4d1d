"""The Datasette site through Datasette's own test client, with the project's plugin.

No `metadata=` is passed: the plugin's get_metadata hook must apply metadata.yaml by itself,
as it does for `quotes serve` and plain `datasette quotes.db`.
"""
import shutil
import sqlite3

import pytest
from datasette.app import Datasette

from quotes.store.db import open_db, save_article
from quotes.build import update_corpus_index
from quotes.model import Article, Quote
from quotes.extract.ranking import RESOLVED_HOWS
from quotes.site import SETTINGS, datasette_args
from site_data import AUSTIN_UTTERANCE, drop_corpus_tables

CANNED = ["quotes_by_speaker", "quoted_differently", "outlet_pairs", "speaker_top_utterances",
          "low_confidence", "relations_summary"]


from site_pages import make_datasette, site_db  # noqa: F401  (a fixture shared with test_reading)


@pytest.fixture(scope="module")
def old_db(seeds_db, tmp_path_factory):
    """The seeds database as older builds made it: no variants, no speaker_aliases."""
    path = tmp_path_factory.mktemp("old") / "quotes.db"
    shutil.copy(seeds_db, path)
    drop_corpus_tables(path)
    return path


@pytest.fixture(scope="module")
def ds(site_db):
    return make_datasette(site_db[0])


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    text = "Intro <img src=x onerror=alert(1)>.\n“<script>alert('x')</script> is not code here,” said Mallory Doe."
    start = text.index("“") + 1
    end = text.index(",”")
    mention = text.index("Mallory Doe")
    db = open_db(str(path))
    save_article(db, Article(doc_id="h", text=text, outlet="<b>Evil</b> Times", title="<i>Title</i>"),
                 [Quote(start=start, end=end, text=text[start:end], speaker="Mallory <Doe>", method="test",
                        confidence=1.0, speaker_start=mention, speaker_end=mention + 11, cue="said",
                        cue_start=text.index("said"), cue_end=text.index("said") + 4,
                        speaker_aliases=["<u>Mal</u>"])])
    update_corpus_index(db)
    db.close()
    return path


async def get(ds, path, status=200):
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.text[:2000])
    return response


def rows_of(response):
    return response.json()


# --- metadata ------------------------------------------------------------------------

async def test_database_tables_and_columns_are_described(ds):
    response = await get(ds, "/quotes.json")
    tables = {t["name"] for t in response.json()["tables"]}
    assert {"outlets", "articles", "speakers", "quotes", "utterances", "variants", "speaker_aliases"} <= tables
    page = await get(ds, "/quotes/quotes")
    assert "Direct quotations with their speaker" in page.text
    metadata = (await get(ds, "/-/metadata.json")).json()
    section = metadata["databases"]["quotes"]
    for table, config in section["tables"].items():
        if not config.get("hidden"):
            assert config.get("description"), table
    for table in ["outlets", "articles", "speakers", "utterances", "quotes", "variants", "speaker_aliases"]:
        actual = set((await get(ds, f"/quotes/{table}.json?_size=1")).json()["columns"]) - {"rowid"}
        assert actual <= set(section["tables"][table]["columns"]), table
        assert section["tables"][table].get("label_column"), table


async def test_metadata_applies_whatever_the_file_is_called(site_db, tmp_path):
    path = tmp_path / "news_2024.db"
    shutil.copy(site_db[0], path)
    ds = make_datasette(path)
    page = await get(ds, "/news_2024/quotes")
    assert "Direct quotations with their speaker" in page.text
    rows = rows_of(await get(ds, "/news_2024/quotes_by_speaker.json?name=Kirby&_shape=array"))
    assert rows


async def test_queries_needing_absent_tables_are_not_offered(old_db):
    ds = make_datasette(old_db)
    queries = {q["name"] for q in (await get(ds, "/quotes.json")).json()["queries"]}
    assert "relations_summary" not in queries
    assert {"quotes_by_speaker", "quoted_differently", "outlet_pairs"} <= queries


async def test_other_databases_are_left_alone(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table quotes (id text)").connection.commit()
    ds = make_datasette(other)
    assert "databases" not in (await get(ds, "/-/metadata.json")).json() or \
        "other" not in (await get(ds, "/-/metadata.json")).json()["databases"]
    await get(ds, "/other")
    await get(ds, "/other/quotes")


def test_serve_is_read_only_with_limits():
    args = datasette_args("x/quotes.db", port=8123)
    assert args[:3] == ["serve", "-i", "x/quotes.db"]
    assert "sql_time_limit_ms" in args and "max_returned_rows" in args


# --- search and facets ---------------------------------------------------------------

async def test_plain_word_search_finds_austins_remark(ds):
    rows = rows_of(await get(ds, "/quotes/quotes.json?_search=serious+issue&_shape=array"))
    texts = [r["text"] for r in rows]
    assert any("very, very serious issue" in t for t in texts)
    assert len(texts) >= 4
    # punctuation typed by a user is not FTS syntax
    await get(ds, "/quotes/quotes.json?_search=%22serious+issue&_shape=array")
    await get(ds, "/quotes/quotes?_search=serious+(issue")


async def test_search_all_tables_page(ds):
    page = await get(ds, "/-/search?q=serious")
    assert "quotes" in page.text


async def test_foreign_keys_show_names(ds):
    rows = rows_of(await get(ds, "/quotes/quotes.json?_labels=on&_shape=array&_search=language+barrier"))
    assert rows[0]["speaker_id"]["label"] == "Andriy Kovalenko"


async def test_default_facets_outlet_speaker_kind_relation(ds):
    data = (await get(ds, "/quotes/quotes.json?_search=serious")).json()
    facets = data["facet_results"]
    assert {"outlet", "speaker_id", "kind", "relation"} <= set(facets)
    outlets = {r["label"] for r in facets["outlet"]["results"]}
    assert outlets == {"Bloomberg", "Fox News", "The Epoch Times", "New York Post", "Associated Press"}
    assert "truncation" in {r["value"] for r in facets["relation"]["results"]}
    page = await get(ds, "/quotes/quotes?_search=serious")
    assert "Associated Press" in page.text


async def test_outlet_and_relation_filters(ds):
    rows = rows_of(await get(ds, "/quotes/quotes.json?_search=serious&_outlet=associated-press&_shape=array"))
    assert rows and all(r["article_id"] == rows[0]["article_id"] for r in rows)
    assert any("serious problem" in r["text"] for r in rows)
    rows = rows_of(await get(ds, "/quotes/quotes.json?_relation=truncation&_shape=array"))
    assert rows and any("serious" in r["text"] for r in rows)
    assert all(r["utterance_id"] for r in rows)
    assert (await get(ds, "/quotes/variants?_outlet=fox-news")).status_code == 200
    assert (await get(ds, "/quotes/utterances?_outlet=fox-news")).status_code == 200


async def test_unfiltered_join_facets_count_what_the_join_counts(ds, site_db):
    """The whole-table outlet and relation facets count from articles.n_quotes and from the
    variants (facets.UNFILTERED); they must give the join's counts, row for row."""
    from quotes.site.facets import JOINS, facet_sql, is_unfiltered

    table_sql = "select id, article_id from quotes "
    assert is_unfiltered(table_sql, "quotes") and not is_unfiltered(table_sql + "where kind = :p0 ", "quotes")
    db = ds.get_database("quotes")
    assert await facet_sql(db, "quotes", "outlet", table_sql, 31) != JOINS["quotes"]["outlet"][1].format(
        sql=table_sql, limit=31)
    conn = sqlite3.connect(site_db[0])
    every_quote_has_a_variant = conn.execute(
        "select (select count(*) from variants) = (select count(*) from quotes)").fetchone()[0]
    checks = [("quotes", "outlet", "select id, article_id from quotes"),
              ("quotes", "relation", "select id, article_id from quotes"),
              ("variants", "outlet", "select quote_id, relation from variants")]
    for table, name, sql in checks:
        facets = (await get(ds, f"/quotes/{table}.json")).json()["facet_results"]
        joined = [tuple(r) for r in conn.execute(JOINS[table][name][1].format(sql=sql, limit=31))]
        assert joined and [(r["value"], r["label"], r["count"]) for r in facets[name]["results"]] == joined
        shortcut = await facet_sql(db, table, name, sql + " ", 31) != JOINS[table][name][1].format(sql=sql + " ", limit=31)
        assert shortcut == (table == "quotes" or every_quote_has_a_variant)
    conn.close()


async def test_utterances_by_outlet_on_request(ds):
    assert "outlet" not in (await get(ds, "/quotes/utterances.json")).json()["facet_results"]
    data = (await get(ds, "/quotes/utterances.json?_facet_join=outlet")).json()
    assert {r["label"] for r in data["facet_results"]["outlet"]["results"]} >= {"Fox News", "Associated Press"}


async def test_relation_facet_and_filter_without_variants_table(old_db):
    ds = make_datasette(old_db)
    data = (await get(ds, "/quotes/quotes.json?_relation=truncation")).json()
    assert "relation" not in data["facet_results"]
    assert "outlet" in data["facet_results"]


# --- every table, HTML and JSON --------------------------------------------------------

@pytest.mark.parametrize("table", ["outlets", "articles", "speakers", "speaker_aliases", "utterances", "quotes", "variants"])
async def test_every_table_html_and_json(ds, table):
    await get(ds, f"/quotes/{table}")
    data = (await get(ds, f"/quotes/{table}.json?_shape=array")).json()
    assert data


# --- canned queries -----------------------------------------------------------------

async def test_canned_queries_are_listed_with_titles(ds):
    queries = {q["name"]: q for q in (await get(ds, "/quotes.json")).json()["queries"]}
    assert set(CANNED) <= set(queries)
    assert all(queries[name].get("title") for name in CANNED)


@pytest.mark.parametrize("name, args", [
    ("quotes_by_speaker", "name=Kirby"),
    ("quoted_differently", ""),
    ("outlet_pairs", ""),
    ("speaker_top_utterances", "name=Austin"),
    ("low_confidence", "below=0.95"),  # every seed quote is right: none is below 0.8
    ("relations_summary", ""),
])
async def test_canned_query_html_and_json(ds, name, args):
    page = await get(ds, f"/quotes/{name}?{args}")
    assert "message-error" not in page.text
    rows = rows_of(await get(ds, f"/quotes/{name}.json?{args}&_shape=array"))
    assert rows, name


async def test_canned_query_quotes_by_speaker(ds):
    rows = rows_of(await get(ds, "/quotes/quotes_by_speaker.json?name=Kirby&_shape=array"))
    assert {r["speaker"] for r in rows} == {"John Kirby"}
    assert {r["outlet"] for r in rows} >= {"Fox News", "Associated Press", "The Epoch Times"}
    only = rows_of(await get(ds, "/quotes/quotes_by_speaker.json?name=Kirby&outlet=Fox&_shape=array"))
    assert only and {r["outlet"] for r in only} == {"Fox News"}


async def test_quoted_differently_lists_austins_remark(ds):
    rows = rows_of(await get(ds, "/quotes/quoted_differently.json?_shape=array"))
    austin = next(r for r in rows if r["utterance_id"] == AUSTIN_UTTERANCE)
    assert austin["outlets"] == 5 and austin["changed"] >= 1
    assert "truncation" in austin["relations"]
    assert [r["divergence"] for r in rows] == sorted((r["divergence"] for r in rows), reverse=True)
    page = await get(ds, "/quotes/quoted_differently")
    # ids link to their pages
    assert f'href="/quotes/utterances/{AUSTIN_UTTERANCE}"' in page.text


async def test_outlet_pairs_cover_every_pair_quoting_austin(ds):
    rows = rows_of(await get(ds, "/quotes/outlet_pairs.json?_shape=array"))
    pairs = {(r["outlet_a"], r["outlet_b"]) for r in rows}
    assert len(pairs) == 10
    for r in rows:
        assert r["identical"] + r["different"] == r["shared_utterances"]
    ap_bloomberg = next(r for r in rows if {r["outlet_a"], r["outlet_b"]} == {"Associated Press", "Bloomberg"})
    # AP's own rendering of Austin's remark is reworded: "paraphrase", as the stored variant reads
    assert ap_bloomberg["different"] >= 1 and "paraphrase" in ap_bloomberg["how"]


async def test_speaker_top_utterances(ds):
    rows = rows_of(await get(ds, "/quotes/speaker_top_utterances.json?name=Austin&_shape=array"))
    assert rows[0]["utterance_id"] == AUSTIN_UTTERANCE and rows[0]["outlets"] == 5
    assert all(r["speaker"] == "Lloyd Austin" for r in rows)


async def test_low_confidence_threshold(ds):
    # every seed quote is right (tests/test_cli.py), so the default threshold (0.8) lists
    # only speakers reached through a description or a pronoun ("the secretary said"), whose
    # confidence carries how often such resolutions are right (issue 18)
    default = rows_of(await get(ds, "/quotes/low_confidence.json?_shape=array"))
    assert all(r["method"].split(":")[-1] in RESOLVED_HOWS for r in default)
    rows = rows_of(await get(ds, "/quotes/low_confidence.json?below=0.95&_shape=array"))
    assert rows and all(r["confidence"] is None or r["confidence"] < 0.95 for r in rows)
    assert [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    fewer = rows_of(await get(ds, "/quotes/low_confidence.json?below=0.9&_shape=array"))
    assert len(fewer) < len(rows)


# --- the utterance page ----------------------------------------------------------------

async def test_utterance_page_shows_every_outlet_side_by_side(ds, site_db):
    _, info = site_db
    page = await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}")
    html = page.text
    assert html.count('<article class="q-version') == len(info["quote_ids"])
    for outlet in ["Bloomberg", "Fox News", "The Epoch Times", "New York Post", "Associated Press"]:
        assert outlet in html
    assert "<ins>problem</ins>" in html and "<del>issue,</del>" in html
    for relation in ["reference", "truncation", "paraphrase"]:  # AP rewords: engage, behalf of Russia, problem
        assert f"q-rel-{relation}" in html
    assert 'href="/quotes/speakers/' in html and "Lloyd Austin" in html
    assert 'href="/quotes/articles/' in html and 'href="/quotes/quotes/' in html
    assert "2024-10-23" in html
    # the reference comes first
    assert html.index("q-is-reference") < html.index("q-rel-truncation")
    assert (await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}.json")).json()["rows"]


async def test_utterance_page_says_when_each_version_was_said(ds):
    rows = rows_of(await get(ds, "/quotes/utterances.json?_search=significant+escalation&_shape=array"))
    rutte = next(r for r in rows if r["text"] == "significant escalation")
    html = (await get(ds, f"/quotes/utterances/{rutte['id']}")).text
    # "Rutte said on Tuesday that ... would mark a 'significant escalation'"; the other outlet: "has said"
    assert html.count('<span class="q-said" title="2024-10-22">said Tuesday</span>') == 1


async def test_utterance_page_without_variants_table_computes_differences(old_db):
    ds = make_datasette(old_db)
    rows = rows_of(await get(ds, "/quotes/utterances.json?_sort_desc=n_outlets&_shape=array&_size=1"))
    html = (await get(ds, f"/quotes/utterances/{rows[0]['id']}")).text
    assert "q-versions" in html and "no <code>variants</code> table" in html


async def test_missing_rows_are_404(ds):
    await get(ds, "/quotes/utterances/nope", status=404)
    await get(ds, "/quotes/quotes/nope", status=404)
    await get(ds, "/quotes/speakers/nope", status=404)


# --- the quote in context --------------------------------------------------------------

async def test_quote_page_shows_the_paragraph_with_highlights(ds, site_db):
    rows = rows_of(await get(ds, "/quotes/quotes.json?_search=serious+problem&_shape=array"))
    quote = rows[0]
    html = (await get(ds, f"/quotes/quotes/{quote['id']}")).text
    assert '<mark class="q-quote">If they are belligerents' in html
    assert '<mark class="q-speaker">He</mark>' in html
    assert '<mark class="q-cue">added</mark>' in html
    assert "Other versions" in html and f'href="/quotes/utterances/{AUSTIN_UTTERANCE}"' in html
    assert "subject:pronoun" in html
    assert "<dt>Said</dt>" not in html  # "He added": no time words


async def test_quote_page_says_when_the_attribution_dates_it(ds):
    rows = rows_of(await get(ds, "/quotes/quotes.json?_search=highly+concerning&_shape=array"))
    ryder = next(r for r in rows if r["text"].startswith("dangerous and highly concerning"))
    html = (await get(ds, f"/quotes/quotes/{ryder['id']}")).text
    assert "<dt>Said</dt><dd>Monday (2024-10-21, as the article dates it)</dd>" in html


# --- the speaker page ------------------------------------------------------------------

async def test_speaker_page_aliases_roles_outlets_utterances(ds):
    rows = rows_of(await get(ds, "/quotes/speakers.json?name=Lloyd+Austin&_shape=array"))
    html = (await get(ds, f"/quotes/speakers/{rows[0]['id']}")).text
    assert "Names used" in html and "Defense Secretary" in html  # the role, "US" stripped
    assert ">Austin<" in html
    for outlet in ["Bloomberg", "Fox News", "The Epoch Times", "New York Post", "Associated Press"]:
        assert outlet in html
    assert f'href="/quotes/utterances/{AUSTIN_UTTERANCE}"' in html
    assert "_outlet=" in html


async def test_speaker_page_without_alias_table(old_db):
    ds = make_datasette(old_db)
    rows = rows_of(await get(ds, "/quotes/speakers.json?name=Lloyd+Austin&_shape=array"))
    html = (await get(ds, f"/quotes/speakers/{rows[0]['id']}")).text
    assert "Names used" in html and ">Austin<" in html


# --- home ------------------------------------------------------------------------------

async def test_database_page_leads_to_austins_utterance(ds):
    html = (await get(ds, "/quotes")).text
    assert "Search the quotes" in html and "Most widely quoted" in html
    assert 'action="/quotes/quotes"' in html and 'name="_search"' in html
    assert 'href="/quotes/quoted_differently"' in html
    assert f'href="/quotes/utterances/{AUSTIN_UTTERANCE}"' in html


async def test_css_is_served(ds):
    response = await get(ds, "/-/quotes/quotes.css")
    assert "q-versions" in response.text
    assert "/-/quotes/quotes.css" in (await get(ds, "/quotes")).text


# --- escaping, robots, plugins -----------------------------------------------------------

async def test_article_text_is_escaped_everywhere(hostile_db):
    ds = make_datasette(hostile_db)
    quote_id = rows_of(await get(ds, "/hostile/quotes.json?_shape=array"))[0]["id"]
    speaker_id = rows_of(await get(ds, "/hostile/speakers.json?_shape=array"))[0]["id"]
    utterance_id = rows_of(await get(ds, "/hostile/utterances.json?_shape=array"))[0]["id"]
    article_id = rows_of(await get(ds, "/hostile/articles.json?_shape=array"))[0]["id"]
    for path in ["/hostile", "/hostile/quotes", f"/hostile/quotes/{quote_id}", f"/hostile/speakers/{speaker_id}",
                 f"/hostile/utterances/{utterance_id}", f"/hostile/articles/{article_id}", "/hostile/outlets",
                 "/hostile/quotes_by_speaker?name=Mallory", "/hostile/low_confidence?below=2",
                 "/hostile/quotes?_facet_join=outlet"]:
        html = (await get(ds, path)).text
        assert "<script>alert" not in html, path
        assert "<b>Evil</b>" not in html, path
        assert "<img src=x" not in html, path
        assert "<u>Mal</u>" not in html and "<i>Title</i>" not in html, path
    html = (await get(ds, f"/hostile/quotes/{quote_id}")).text
    assert '<mark class="q-quote">&lt;script&gt;alert(' in html


async def test_robots_txt_blocks_crawlers(ds):
    response = await get(ds, "/robots.txt")
    assert "Disallow: /" in response.text


async def test_plugins_are_registered():
    ds = Datasette(memory=True)
    names = {p["name"] for p in (await ds.client.get("/-/plugins.json")).json()}
    assert {"quotes", "datasette-search-all", "datasette-block-robots", "datasette-copyable"} <= names


def test_connections_read_through_a_memory_map(site_db):
    from quotes.site import plugin

    conn = sqlite3.connect(site_db[0])
    plugin.prepare_connection(conn)
    assert conn.execute("pragma mmap_size").fetchone()[0] > 0
    assert conn.execute("select quotes_words('A b')").fetchone()[0]
    conn.close()


async def test_table_permissions_and_facet_size_still_read_from_the_packaged_metadata(site_db, monkeypatch):
    """`metadata("tables")` is cut down to what Datasette reads through it (plugin.TABLE_LOOKUPS):
    a table's "allow" block must still deny, and its facet size still apply."""
    import copy

    from quotes.site import plugin

    metadata = copy.deepcopy(plugin.packaged_metadata())
    tables = metadata["databases"][plugin.PACKAGED_DB_NAME]["tables"]
    tables["outlets"] = {**tables.get("outlets", {}), "allow": {"id": "nobody"}}
    tables["quotes"] = {**tables.get("quotes", {}), "facet_size": 2}
    monkeypatch.setattr(plugin, "_METADATA", metadata)
    ds = make_datasette(site_db[0])
    assert (await ds.client.get("/quotes/outlets")).status_code == 403
    data = (await ds.client.get("/quotes/quotes.json?_facet=speaker_name")).json()
    assert len(data["facet_results"]["speaker_name"]["results"]) == 2
    assert (await ds.client.get("/quotes/speakers")).status_code == 200


@pytest.mark.parametrize("value", ["3f2a9c0d1e", "lloyd-austin", "a/b c~d", 'x<y>&"', "ünï", "..", "-"])
def test_id_links_are_the_urls_datasette_builds(site_db, value):
    from markupsafe import Markup

    from quotes.site.pages import urls_path
    from quotes.site.plugin import id_link

    ds = make_datasette(site_db[0])
    expected = Markup('<a href="{}">{}</a>').format(ds.urls.row("quotes", "quotes", urls_path(value)), value)
    assert id_link(ds, "quotes", "quotes", value) == expected


async def test_utterance_page_shows_an_outlets_other_credit(tmp_path):
    """A debate line one outlet credits to the rival (a name guessed from the article) is
    grouped with the candidate's utterance (``corpus.unsure``); the utterance page keeps the
    outlet's own credit on its version."""
    line = ("No one on this stage has stood with the nurses of Ohio longer than I have, and that is why "
            "I will be the next president of the United States")
    rival = "I will be the next president of the United States, and I will start on the first day"
    articles = [("a", "Daily Ledger", "2016-10-10", "Maria Delgado", "subject:name", line),
                ("b", "Evening Post", "2016-10-09", "Tom Reyes", "subject:name", rival),
                ("c", "Morning Star", "2016-10-11", "Tom Reyes", "salience_guess", line)]
    db = open_db(str(tmp_path / "quotes.db"))
    for doc, outlet, day, speaker, method, words in articles:
        text = f"{speaker} spoke at the debate in Ohio. “{words},” the crowd heard."
        start = text.index("“") + 1
        save_article(db, Article(doc_id=doc, text=text, outlet=outlet, published=day),
                     [Quote(start=start, end=start + len(words), text=words, speaker=speaker, method=method,
                            confidence=0.9 if method != "salience_guess" else 0.2, speaker_start=0,
                            speaker_end=len(speaker))])
    update_corpus_index(db)
    db.close()
    conn = sqlite3.connect(tmp_path / "quotes.db")
    (utterance,) = {u for (u,) in conn.execute("select utterance_id from quotes where text = ?", [line])}
    speaker = conn.execute("select s.name from utterances u join speakers s on s.id = u.speaker_id"
                           " where u.id = ?", [utterance]).fetchone()[0]
    conn.close()
    assert speaker == "Maria Delgado"  # the sure side's speaker
    html = (await get(make_datasette(tmp_path / "quotes.db"), f"/quotes/utterances/{utterance}")).text
    assert html.count('<article class="q-version') == 2
    assert html.count('<span class="q-credit">credited here to Tom Reyes</span>') == 1
