import sqlite_utils

from quotes.db import article_is_current, ensure_db_shape, index_speakers_and_utterances, open_db, save_article, slug
from quotes.model import Article, Quote

TEXT = "“We will not back down,” Mayor Jane Alvarez said. “The budget stays.”"


def sample():
    article = Article(doc_id="council", text=TEXT, outlet="The Daily Ledger", title="Council keeps budget")
    quotes = [
        Quote(start=1, end=22, text=TEXT[1:22], speaker="Jane Alvarez", speaker_mention="Mayor Jane Alvarez",
              speaker_start=25, speaker_end=43, cue="said", cue_start=44, cue_end=48, method="after-quote", confidence=0.9),
        Quote(start=51, end=68, text=TEXT[51:68], speaker="Jane Alvarez", method="continuation", confidence=0.8),
    ]
    return article, quotes


def test_shape_is_idempotent(tmp_path):
    db = open_db(str(tmp_path / "q.db"))
    ensure_db_shape(db)
    assert {"outlets", "articles", "speakers", "utterances", "quotes", "quotes_fts"} <= set(db.table_names())
    fks = {(fk.column, fk.other_table) for fk in db["quotes"].foreign_keys}
    assert fks == {("article_id", "articles"), ("speaker_id", "speakers"), ("utterance_id", "utterances")}
    indexed = {tuple(i.columns) for i in db["quotes"].indexes}
    assert {("article_id",), ("speaker_id",), ("utterance_id",)} <= indexed


def test_save_article_and_rerun_changes_nothing(tmp_path):
    db = open_db(str(tmp_path / "q.db"))
    article, quotes = sample()
    save_article(db, article, quotes)
    index_speakers_and_utterances(db)
    first = {t: list(db[t].rows) for t in ("outlets", "articles", "speakers", "utterances", "quotes")}
    save_article(db, article, quotes)
    index_speakers_and_utterances(db)
    assert {t: list(db[t].rows) for t in first} == first
    assert db["articles"].get(article.id)["outlet_id"] == slug("The Daily Ledger") == "the-daily-ledger"
    assert article_is_current(db, article.id)
    rows = list(db.query("select q.text, s.name from quotes q join speakers s on s.id = q.speaker_id order by q.start"))
    assert rows == [{"text": "We will not back down", "name": "Jane Alvarez"}, {"text": "The budget stays.", "name": "Jane Alvarez"}]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_quote_ids_are_stable_content_keys(tmp_path):
    article, quotes = sample()
    ids = []
    for name in ("a.db", "b.db"):
        db = open_db(str(tmp_path / name))
        save_article(db, article, quotes)
        ids.append([r["id"] for r in db["quotes"].rows_where(order_by="start")])
    assert ids[0] == ids[1] and len(set(ids[0])) == 2


def test_full_text_search_with_porter_stemming(tmp_path):
    db = open_db(str(tmp_path / "q.db"))
    save_article(db, *sample())
    hits = list(db["quotes"].search("budgets"))
    assert [h["text"] for h in hits] == ["The budget stays."]


def test_failed_write_leaves_nothing(tmp_path):
    db = open_db(str(tmp_path / "q.db"))
    article, quotes = sample()
    quotes.append(quotes[0])  # duplicate primary key: the insert fails mid-article
    try:
        save_article(db, article, quotes)
    except sqlite_utils.db.IntegrityError if hasattr(sqlite_utils.db, "IntegrityError") else Exception:
        pass
    assert db["articles"].count == 0 and db["quotes"].count == 0 and db["outlets"].count == 0
