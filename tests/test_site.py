"""The Datasette site through Datasette's own test client, with the project's metadata and plugin."""
import pytest
import yaml
from datasette.app import Datasette

from quotes.db import index_speakers_and_utterances, open_db, save_article
from quotes.model import Article, Quote
from quotes.site import METADATA_PATH, SETTINGS


def make_datasette(path):
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    return Datasette([str(path)], metadata=metadata, settings=SETTINGS)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "quotes.db"
    text = "“<script>alert('x')</script> is not code here,” said Mallory Doe."
    db = open_db(str(path))
    save_article(db, Article(doc_id="h", text=text, outlet="<b>Evil</b> Times"),
                 [Quote(start=1, end=43, text=text[1:43], speaker="Mallory Doe", method="test", confidence=1.0)])
    index_speakers_and_utterances(db)
    db.close()
    return path


async def test_database_is_named_quotes_and_tables_are_described(seeds_db):
    ds = make_datasette(seeds_db)
    response = await ds.client.get("/quotes.json")
    assert response.status_code == 200
    tables = {t["name"] for t in response.json()["tables"]}
    assert {"outlets", "articles", "speakers", "quotes", "utterances"} <= tables
    page = await ds.client.get("/quotes/quotes")
    assert "Direct quotations with their speaker" in page.text


async def test_plain_word_search_finds_austins_remark(seeds_db):
    ds = make_datasette(seeds_db)
    response = await ds.client.get("/quotes/quotes.json?_search=serious+issue&_shape=array")
    assert response.status_code == 200
    texts = [r["text"] for r in response.json()]
    assert any("very, very serious issue" in t for t in texts)
    assert len(texts) >= 4


async def test_foreign_keys_show_names(seeds_db):
    ds = make_datasette(seeds_db)
    response = await ds.client.get("/quotes/quotes.json?_labels=on&_shape=array&_search=language+barrier")
    row = response.json()[0]
    assert row["speaker_id"]["label"] == "Andriy Kovalenko"


async def test_canned_query_quotes_by_speaker(seeds_db):
    ds = make_datasette(seeds_db)
    response = await ds.client.get("/quotes/quotes_by_speaker.json?name=Kirby&_shape=array")
    assert response.status_code == 200
    rows = response.json()
    assert rows and {r["speaker"] for r in rows} == {"John Kirby"}
    assert {r["outlet"] for r in rows} >= {"Fox News", "Associated Press", "The Epoch Times"}


async def test_article_text_is_escaped(hostile_db):
    ds = make_datasette(hostile_db)
    page = await ds.client.get("/quotes/quotes")
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text
    outlets = await ds.client.get("/quotes/outlets")
    assert "<b>Evil</b>" not in outlets.text


async def test_plugin_is_registered_by_entry_point():
    ds = Datasette(memory=True)
    response = await ds.client.get("/-/plugins.json")
    assert "quotes" in {p["name"] for p in response.json()}
