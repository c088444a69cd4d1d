"""The primary-source pages through Datasette's test client: what was said first on the
utterance page, the quote page's verdict, the canned queries and the source page."""
import re
import shutil
import sqlite3

import pytest
from datasette.app import Datasette

from conftest import drop_source_tables
from quotes.site import SETTINGS
from site_data import AUSTIN_UTTERANCE


@pytest.fixture(scope="module")
def ds(sources_db):
    return Datasette([str(sources_db)], settings=SETTINGS)


def one(path, sql, *params):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


async def get(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:2000])
    return response.text


def text_only(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


async def test_utterance_page_shows_what_was_said_first(ds, sources_db):
    html = await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}")
    said, versions = html.index("What was said"), html.index('class="q-panel q-utterance"')
    assert said < versions  # the transcript is the reference, above the outlets' comparison
    panel = html[said:versions]
    passage = one(sources_db, "select passage from source_utterances where utterance_id = ?", AUSTIN_UTTERANCE)[0]
    assert passage.replace("'", "&#39;") in panel
    assert "Press conference in Rome" in panel and "/quotes/sources/" in panel
    assert "https://www.defense.gov/News/Transcripts/" in panel
    # each outlet's version against the transcript, with its relation
    for outlet in ("Bloomberg", "Fox News", "New York Post", "The Epoch Times"):
        assert outlet in panel
    assert "q-rel-verbatim" in panel and "q-rel-punctuation" in panel


async def test_quote_page_says_verbatim_or_shows_the_differences(ds, sources_db):
    verbatim = one(sources_db, """select sq.quote_id from source_quotes sq join quotes q on q.id = sq.quote_id
                                  where sq.relation = 'verbatim' and q.text like 'What exactly they are doing%'""")[0]
    html = await get(ds, f"/quotes/quotes/{verbatim}")
    assert "Verbatim in the transcript" in html
    inserted = one(sources_db, "select quote_id from source_quotes where relation = 'words inserted'")[0]
    html = text_only(await get(ds, f"/quotes/quotes/{inserted}"))
    assert "Verbatim in the transcript" not in html
    assert "Words inserted that the transcript does not have" in html
    missing = one(sources_db, """select q.id from quotes q join source_utterances su on su.utterance_id = q.utterance_id
                                 where su.state = 'no source'""")[0]
    assert "No source available for the speaker on those days" in await get(ds, f"/quotes/quotes/{missing}")


async def test_quote_page_says_whose_words_a_quote_credited_to_another_is(sources_db, tmp_path):
    """A long quote the article gives to nobody (or to a speaker without sources), found in the
    transcript of a speaker its article quotes: the page says whose words they are."""
    from quotes.corpus.sources import ARTICLE_SPEAKER

    path = tmp_path / "quotes.db"
    shutil.copy(sources_db, path)
    conn = sqlite3.connect(path)
    with conn:
        qid, turn_speaker = conn.execute("""select sq.quote_id, t.speaker from source_quotes sq
            join source_turns t on t.source_id = sq.source_id and t.turn = sq.turn
            where sq.relation = 'verbatim' limit 1""").fetchone()
        conn.execute("update quotes set speaker_name = null where id = ?", [qid])
        conn.execute("update source_quotes set how = ?, utterance_id = null where quote_id = ?", [ARTICLE_SPEAKER, qid])
    conn.close()
    html = text_only(await get(Datasette([str(path)], settings=SETTINGS), f"/quotes/quotes/{qid}"))
    assert turn_speaker
    assert f"These are {turn_speaker}'s words in the transcript; the article credits nobody." in html.replace("&#39;", "'")
    # a quote found in its own speaker's words says nothing of the kind
    other = one(path, "select quote_id from source_quotes where how != ? limit 1", ARTICLE_SPEAKER)[0]
    assert "words in the transcript; the article credits" not in await get(
        Datasette([str(path)], settings=SETTINGS), f"/quotes/quotes/{other}")


async def test_quotes_that_differ_from_their_source_worst_first(ds):
    rows = (await ds.client.get("/quotes/differ_from_source.json?_shape=array")).json()
    relations = [r["relation"] for r in rows]
    assert relations and "verbatim" not in relations and "punctuation" not in relations
    order = ["paraphrase", "words changed", "words inserted", "truncation"]
    assert [order.index(r) for r in relations] == sorted(order.index(r) for r in relations)
    html = await get(ds, "/quotes/differ_from_source")
    assert "<del>" in html or "<ins>" in html  # the diff column is rendered


async def test_outlets_against_sources_table_and_bars(ds, sources_db):
    rows = (await ds.client.get("/quotes/outlets_against_sources.json?_shape=array")).json()
    by_outlet = {r["outlet"]: r for r in rows}
    total = one(sources_db, "select count(*) from source_quotes")[0]
    assert sum(r["quotes"] for r in rows) == total
    for r in rows:
        assert r["verbatim"] + r["punctuation_only"] + r["altered"] == r["quotes"]
    assert by_outlet["The Epoch Times"]["altered"] >= 1  # “[in Russia]”
    html = await get(ds, "/quotes/outlets_against_sources")
    assert 'class="q-bar"' in html


async def test_chart_of_outlets_against_sources(ds, sources_db):
    spec = (await ds.client.get("/-/quotes/charts/quotes/outlets_against_sources.json")).json()
    values = spec["data"]["values"]
    assert sum(v["quotes"] for v in values) == one(sources_db, "select count(*) from source_quotes")[0]
    assert spec["encoding"]["x"]["stack"] == "normalize"
    assert spec["encoding"]["color"]["scale"]["domain"][0] == "verbatim"
    source_id = one(sources_db, "select id from sources where doc_id = 'kirby_briefing'")[0]
    one_source = (await ds.client.get(f"/-/quotes/charts/quotes/outlets_against_sources.json?id={source_id}")).json()
    assert {v["outlet"] for v in one_source["data"]["values"]} <= {"Associated Press", "Fox News"}
    html = await get(ds, "/quotes")
    assert "outlets_against_sources.json" in html and "Quotes that differ from what was said" in html


async def test_source_page_lists_the_quotes_found_in_it(ds, sources_db):
    source_id = one(sources_db, "select id from sources where doc_id = 'kirby_briefing'")[0]
    html = text_only(await get(ds, f"/quotes/sources/{source_id}"))
    assert "White House press briefing" in html and "captions" in html
    assert "they're fair game" in html.replace("’", "'").replace("&#39;", "'")


async def test_a_database_without_sources_keeps_its_pages(seeds_db, tmp_path):
    # built without sources: the tables are there, empty
    ds = Datasette([str(seeds_db)], settings=SETTINGS)
    html = await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}")
    assert "What was said" not in html and "q-utterance" in html
    # built before sources existed: no tables, no source queries offered, same pages
    old = tmp_path / "quotes.db"
    shutil.copy(seeds_db, old)
    drop_source_tables(old)
    ds = Datasette([str(old)], settings=SETTINGS)
    queries = {q["name"] for q in (await ds.client.get("/quotes.json")).json()["queries"]}
    assert "quotes_by_speaker" in queries and not {"differ_from_source", "outlets_against_sources"} & queries
    html = await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}")
    assert "What was said" not in html and "q-utterance" in html
    quote = one(old, "select reference_quote_id from utterances where id = ?", AUSTIN_UTTERANCE)[0]
    assert "transcript" not in await get(ds, f"/quotes/quotes/{quote}")


async def test_words_said_in_several_places_say_how_many(sources_db, tmp_path):
    # a quote found at the first of three places of its source (``source_quotes.places``)
    path = tmp_path / "quotes.db"
    shutil.copy(sources_db, path)
    quote = one(path, "select quote_id from source_quotes where utterance_id = ? limit 1", AUSTIN_UTTERANCE)[0]
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("update source_quotes set places = 3 where quote_id = ?", [quote])
    conn.close()
    ds = Datasette([str(path)], settings=SETTINGS)
    assert "said 3 times in this source" in text_only(await get(ds, f"/quotes/quotes/{quote}"))
    html = await get(ds, f"/quotes/utterances/{AUSTIN_UTTERANCE}")
    assert text_only(html).count("said 3 times in this source") == 1
    # found in one place: nothing said
    assert "times in this source" not in await get(ds, f"/quotes/sources/{one(path, 'select id from sources limit 1')[0]}")
    other = one(path, "select quote_id from source_quotes where places = 1 limit 1")[0]
    assert "times in this source" not in await get(ds, f"/quotes/quotes/{other}")
