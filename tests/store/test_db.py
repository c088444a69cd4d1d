import sqlite_utils

from quotes.store.db import article_is_current, ensure_db_shape, open_db, save_article, slug
from quotes.build import update_corpus_index
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
    update_corpus_index(db)
    first = {t: list(db[t].rows) for t in ("outlets", "articles", "speakers", "utterances", "quotes")}
    save_article(db, article, quotes)
    update_corpus_index(db)
    assert {t: list(db[t].rows) for t in first} == first
    assert db["articles"].get(article.id)["outlet_id"] == slug("The Daily Ledger") == "daily-ledger"
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


def echo_article(doc_id: str, outlet: str, speaker: str, words: str, day: str = "2024-01-02"):
    """An article quoting ``words`` (another outlet's echo of the same utterance)."""
    text = f"“{words},” {speaker} told {outlet} on {day}."
    quote = Quote(start=1, end=1 + len(words), text=words, speaker=speaker)
    return Article(doc_id=doc_id, text=text, outlet=outlet, published=day), [quote]


def corpus_rows(db):
    tables = ("speakers", "speaker_aliases", "utterances", "variants", "quotes")
    return {t: sorted(map(repr, db[t].rows)) for t in tables}


ALVAREZ = "We will not back down on the budget for the schools"


def test_adding_articles_regroups_only_the_speakers_they_touch(tmp_path):
    db = open_db(str(tmp_path / "q.db"))
    for i in range(3):
        save_article(db, *echo_article(f"a{i}", f"Paper {i}", "Jane Alvarez", ALVAREZ))
    assert update_corpus_index(db) == {"quotes": 3, "regrouped": 3}
    alvarez = [r for r in db["utterances"].rows]
    save_article(db, *echo_article("b0", "Paper 9", "Tom Reyes", "The bridge opens in spring and not before"))
    assert update_corpus_index(db) == {"quotes": 4, "regrouped": 1}
    assert [r for r in db["utterances"].rows if r["speaker_id"] == alvarez[0]["speaker_id"]] == alvarez
    # a fourth outlet quoting Alvarez regroups her quotes only, and joins her utterance
    save_article(db, *echo_article("a3", "Paper 3", "Jane Alvarez", ALVAREZ[:30]))
    assert update_corpus_index(db) == {"quotes": 5, "regrouped": 4}
    assert sorted(r["n_quotes"] for r in db["utterances"].rows) == [1, 4]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_incremental_index_equals_a_full_one(tmp_path):
    arts = [echo_article(f"a{i}", f"Paper {i}", "Jane Alvarez", ALVAREZ[: 60 - 7 * i]) for i in range(4)]
    arts += [echo_article("b0", "Paper 8", "Tom Reyes", "The bridge opens in spring and not before"),
             echo_article("b1", "Paper 9", "Reyes", "The bridge opens in spring")]
    step = open_db(str(tmp_path / "step.db"))
    for k, (article, quotes) in enumerate(arts):
        save_article(step, article, quotes)
        if k % 2:
            update_corpus_index(step)
    once = open_db(str(tmp_path / "once.db"))
    for article, quotes in arts:
        save_article(once, article, quotes)
    update_corpus_index(once)
    assert corpus_rows(step) == corpus_rows(once)
    update_corpus_index(step, full=True)
    assert corpus_rows(step) == corpus_rows(once)


def test_an_article_extracted_again_with_fewer_quotes_leaves_no_stale_utterance(tmp_path):
    from quotes.store.db import corpus_index_is_stale

    db = open_db(str(tmp_path / "q.db"))
    arts = [echo_article(f"a{i}", f"Paper {i}", "Jane Alvarez", ALVAREZ) for i in range(2)]
    for article, quotes in arts:
        save_article(db, article, quotes)
    update_corpus_index(db)
    assert [r["n_quotes"] for r in db["utterances"].rows] == [2]
    save_article(db, arts[1][0], [])  # a newer extractor finds no quote in it
    assert corpus_index_is_stale(db)
    update_corpus_index(db)
    assert not corpus_index_is_stale(db)
    assert [(r["n_quotes"], r["n_articles"]) for r in db["utterances"].rows] == [(1, 1)]
    assert db["variants"].count == 1 and db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_quote_linked_to_a_missing_utterance_is_regrouped(tmp_path):
    """The corpus step asks SQL whether each quote's utterance is stored (it holds no set of
    utterance ids): a link to a row that is gone (written with foreign keys off) counts as no
    utterance, so its unit is regrouped and the tables end as one build's."""
    arts = [echo_article(f"a{i}", f"Paper {i}", "Jane Alvarez", ALVAREZ) for i in range(2)]
    arts.append(echo_article("b0", "Paper 9", "Tom Reyes", "The bridge opens in spring and not before"))
    db, once = open_db(str(tmp_path / "q.db")), open_db(str(tmp_path / "once.db"))
    for article, quotes in arts:
        save_article(db, article, quotes)
        save_article(once, article, quotes)
    update_corpus_index(db)
    update_corpus_index(once)
    reyes = db.execute("select id, utterance_id from quotes where speaker_name = 'Tom Reyes'").fetchone()
    db.execute("PRAGMA foreign_keys = OFF")
    with db.conn:
        db.execute("delete from utterances where id = ?", [reyes[1]])
        db.execute("update quotes set utterance_id = 'gone' where id = ?", [reyes[0]])
    db.execute("PRAGMA foreign_keys = ON")
    assert update_corpus_index(db) == {"quotes": 3, "regrouped": 1}
    assert corpus_rows(db) == corpus_rows(once)


def test_an_index_made_by_other_grouping_rules_is_regrouped_in_full(tmp_path):
    from quotes.store.db import GROUPING_VERSION, corpus_index_is_stale

    db = open_db(str(tmp_path / "q.db"))
    for i in range(2):
        save_article(db, *echo_article(f"a{i}", f"Paper {i}", "Jane Alvarez", ALVAREZ))
    update_corpus_index(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == GROUPING_VERSION
    assert not corpus_index_is_stale(db)
    db.execute("PRAGMA user_version = 1")  # as an older release left it
    assert corpus_index_is_stale(db)
    save_article(db, *echo_article("b0", "Paper 9", "Tom Reyes", "The bridge opens in spring and not before"))
    assert update_corpus_index(db) == {"quotes": 3, "regrouped": 3}
    assert not corpus_index_is_stale(db)


def older_database(path: str, *columns: str):
    """A database of the sample article as an older version made it: without ``columns``
    of the quotes table. Returns the article and its quotes."""
    db = open_db(path)
    article, quotes = sample()
    save_article(db, article, quotes)
    db.close()
    old = sqlite_utils.Database(path)
    old.execute("PRAGMA foreign_keys = OFF")
    for column in columns:
        old.execute(f'ALTER TABLE quotes DROP COLUMN "{column}"')
    assert not set(columns) & set(old["quotes"].columns_dict)
    old.close()
    return article, quotes


def test_a_database_of_an_older_version_gets_the_new_columns(tmp_path):
    path = str(tmp_path / "old.db")
    article, quotes = older_database(path, "said_from", "said_to", "said_when")
    db = open_db(path)
    assert {"said_from", "said_to", "said_when"} <= set(db["quotes"].columns_dict)
    quotes[0].said_from = quotes[0].said_to = "2016-02-08"
    quotes[0].said_when = "Monday"
    save_article(db, article, quotes)
    assert db.execute("select said_from, said_when from quotes where start = 1").fetchone() == ("2016-02-08", "Monday")


def test_a_database_without_the_mention_column_gets_it_and_the_corpus_step_reads_it(tmp_path):
    """Issue 13: ``quotes.mention`` (a term the writer mentions) came after the said_* columns."""
    from quotes.store.stage import TASK_QUOTES

    path = str(tmp_path / "old.db")
    article, quotes = older_database(path, "mention")
    db = open_db(path)
    assert "mention" in db["quotes"].columns_dict
    assert [r[0] for r in db.execute("select mention from quotes order by start")] == [None, None]
    quotes[1].mention = True
    save_article(db, article, quotes)
    assert [r[0] for r in db.execute("select mention from quotes order by start")] == [0, 1]
    assert "q.mention" in TASK_QUOTES  # what the grouping of a build reads (run.corpus_step.task_loader)


def test_the_x_and_x_are_one_outlet_named_with_the(tmp_path):
    """"The Daily Ledger" and "Daily Ledger" are one outlet, named with its "The" whichever
    article came first."""
    for order in (("Daily Ledger", "The Daily Ledger"), ("The Daily Ledger", "Daily Ledger")):
        db = open_db(str(tmp_path / f"{order[0]}.db"))
        for i, outlet in enumerate(order):
            article, quotes = sample()
            article.text = article.text + f" Edition {i}."
            article.outlet = outlet
            save_article(db, article, quotes)
        assert [dict(r) for r in db["outlets"].rows] == [{"id": "daily-ledger", "name": "The Daily Ledger"}]
        assert {r["outlet_id"] for r in db["articles"].rows} == {"daily-ledger"}


def test_speaker_aliases_are_synchronised_row_by_row(tmp_path):
    """The merge with the stored rows (both in key order, non-ASCII names included) leaves
    exactly the new rows, and writes nothing for rows that did not change."""
    from quotes.corpus.speakers import Speaker, SpeakerAlias
    from quotes.store.db import save_speaker_aliases, save_speakers

    db = open_db(str(tmp_path / "q.db"))
    article, quotes = sample()
    save_article(db, article, quotes)
    aid, outlet = article.id, slug("The Daily Ledger")
    with db.conn:
        save_speakers(db.conn, [Speaker("s1", "Jane Alvarez", "person"), Speaker("s2", "Ángel Zé", "person")])

    def sync(rows):
        with db.conn:
            save_speaker_aliases(db.conn, [SpeakerAlias(s, a, aid, outlet, n) for s, a, n in rows])
        return sorted(db.execute('select speaker_id, alias, "count" from speaker_aliases').fetchall())

    first = [("s1", "Jane Alvarez", 2), ("s1", "Mayor Alvarez", 1), ("s2", "Zé", 1), ("s2", "Ángel Zé", 3)]
    assert sync(first) == sorted(first)
    second = [("s1", "Alvarez", 1), ("s1", "Jane Alvarez", 5), ("s2", "Ángel Zé", 3), ("s2", "Édouard", 1)]
    changes = db.conn.total_changes
    assert sync(list(reversed(second))) == sorted(second)
    assert db.conn.total_changes - changes == 5  # 2 deleted, 2 new, 1 count changed; "Ángel Zé" untouched
    assert sync([]) == []
