"""The corpus-wide speakers and utterances in a database built from seeds/ by the real CLI."""
import json

import sqlite_utils
from click.testing import CliRunner

from conftest import SEEDS
from quotes.cli import cli
from quotes.corpus.index import CorpusQuote, index_corpus
from quotes.store.db import open_db, save_corpus_index

OUTLETS = {"Bloomberg", "Fox News", "The Epoch Times", "New York Post", "Associated Press"}


def utterances(db):
    rows = db.query("""
        select u.id, u.n_quotes, u.n_articles, u.n_outlets, s.name as speaker,
               q.text, o.name as outlet, v.relation, v.diff
        from utterances u join quotes q on q.utterance_id = u.id
        join variants v on v.quote_id = q.id
        join articles a on a.id = q.article_id join outlets o on o.id = a.outlet_id
        left join speakers s on s.id = u.speaker_id
        where u.n_quotes > 1 order by u.id, o.name, q.start""")
    out = {}
    for r in rows:
        out.setdefault(r["id"], []).append(r)
    return out


def find(groups, opening):
    return next(g for g in groups.values() if any(r["text"].startswith(opening) for r in g))


def test_seed_utterances_in_the_built_database(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    groups = utterances(db)
    serious = find(groups, "If they are belligerents")
    assert {r["outlet"] for r in serious} == OUTLETS
    assert {r["speaker"] for r in serious} == {"Lloyd Austin"}
    assert serious[0]["n_outlets"] == 5
    texts = {r["text"] for r in serious}
    assert {"a very, very serious issue", "Very, very serious issue", "very serious issue"} <= texts
    relations = {r["text"]: r["relation"] for r in serious}
    assert relations["a very, very serious issue"] == "truncation"
    # Bloomberg's split second part joins through AP's one-piece quote (corpus.splitparts)
    assert "It will also impact things in the Indo-Pacific as well." in texts
    assert relations["If they are belligerents, their intention is to engage in this war on behalf of Russia, "
                     "that is a very, very serious problem and it will have an impact not only in Europe "
                     "but also in things in the Indo-Pacific."] == "paraphrase"

    seen = find(groups, "remains to be seen")
    assert {r["outlet"] for r in seen} == OUTLETS - {"New York Post"}
    weakness = find(groups, "If Russia is indeed forced")
    assert {r["outlet"] for r in weakness} == {"Fox News", "The Epoch Times"}
    training = find(groups, "These soldiers then traveled to multiple")
    assert sorted(r["outlet"] for r in training) == ["Associated Press", "Associated Press", "Fox News"]
    rutte = find(groups, "significant escalation")
    assert {r["relation"] for r in rutte} == {"reference", "identical"}
    evidence = find(groups, "We are seeing evidence")
    assert {r["relation"] for r in evidence} == {"reference", "bracketed"}
    # the AP lede's “fair game” is Kirby's: one utterance with his full quote further down
    game = find(groups, "fair game")
    assert {r["speaker"] for r in game} == {"John Kirby"} and {r["outlet"] for r in game} == {"Associated Press"}
    assert len(game) == 2
    # nothing else is merged
    assert len(groups) == 7
    assert sum(len(g) for g in groups.values()) == 9 + 4 + 2 + 3 + 2 + 2 + 2


def test_every_quote_has_speaker_utterance_and_variant(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    assert db.execute("select count(*) from quotes where utterance_id is null").fetchone()[0] == 0
    assert db.execute("select count(*) from quotes where speaker_id is null and speaker_name is not null").fetchone()[0] == 0
    assert db["variants"].count == db["quotes"].count
    for row in db["variants"].rows:
        diff = json.loads(row["diff"])
        assert all(op in ("equal", "delete", "insert") for op, _ in diff)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_speakers_are_corpus_wide(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    austin = list(db.query("select * from speakers where name = 'Lloyd Austin'"))
    assert len(austin) == 1
    assert "Defense Secretary" in json.loads(austin[0]["roles"])
    outlets = {r["outlet_id"] for r in db["speaker_aliases"].rows_where("speaker_id = ?", [austin[0]["id"]])}
    assert len(outlets) == 5
    n = db.execute("select count(*) from quotes where speaker_id = ?", [austin[0]["id"]]).fetchone()[0]
    assert n == 18


def test_rebuild_changes_no_corpus_row(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    tables = ("speakers", "speaker_aliases", "utterances", "variants", "quotes")
    before = {t: list(db[t].rows) for t in tables}
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--db", str(seeds_db)])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(seeds_db)
    assert {t: list(db[t].rows) for t in tables} == before


def test_save_corpus_index_is_idempotent_and_replaces(tmp_path):
    from quotes.store.db import save_article
    from quotes.model import Article, Quote

    db = open_db(str(tmp_path / "q.db"))
    texts = ["“We will not back down,” Mayor Jane Alvarez said.",
             "Alvarez said “we will not back down” on Tuesday, Mayor Jane Alvarez told the council."]
    for i, t in enumerate(texts):
        s = t.index("We will") if i == 0 else t.index("we will")
        a = Article(doc_id=f"d{i}", text=t, outlet=f"Paper {i}", published="2024-01-02")
        save_article(db, a, [Quote(start=s, end=s + 21, text=t[s:s + 21], speaker="Jane Alvarez")])
    rows = [CorpusQuote(r["id"], r["article_id"], r["outlet_id"], "2024-01-02", r["text"], r["speaker_name"])
            for r in db.query("select q.*, a.outlet_id from quotes q join articles a on a.id = q.article_id")]
    first = index_corpus(rows)
    schema = sorted(db.execute("select type, name, tbl_name, sql from sqlite_master").fetchall())
    save_corpus_index(db, *first)
    snapshot = {t: list(db[t].rows) for t in ("speakers", "speaker_aliases", "utterances", "variants", "quotes")}
    save_corpus_index(db, *index_corpus(rows))
    assert {t: list(db[t].rows) for t in snapshot} == snapshot
    # a full regroup builds some variants indexes after its writes: the same ones again
    assert sorted(db.execute("select type, name, tbl_name, sql from sqlite_master").fetchall()) == schema
    assert db["utterances"].count == 1 and db["speakers"].count == 1
    assert {r["relation"] for r in db["variants"].rows} == {"reference", "punctuation"}


def test_extract_puts_canonical_speakers_and_groups():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "--jsonl"])
    assert result.exit_code == 0, result.output
    groups = {}
    for line in result.output.splitlines():
        doc = json.loads(line)
        for q in doc["quotes"]:
            if q["group"]:
                groups.setdefault(q["group"], set()).add(doc["outlet"])
    assert sorted(map(len, groups.values()), reverse=True) == [5, 4, 2, 2, 2, 2]


def test_extract_of_one_document_has_no_groups():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS / "004_4517ef6bbb3d0375.txt"), "--jsonl"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert all(q["group"] is None for q in doc["quotes"])


def test_building_seeds_in_two_steps_equals_one_build(tmp_path, seeds_db):
    import shutil

    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(SEEDS.iterdir())[:4]:  # 000, 001 (with its sidecar), 002
        shutil.copy(path, first / path.name)
    db_path = tmp_path / "steps.db"
    for paths in ([str(first)], [str(SEEDS)]):
        result = CliRunner().invoke(cli, ["build", *paths, "--db", str(db_path)])
        assert result.exit_code == 0, result.output
    tables = ("speakers", "speaker_aliases", "utterances", "variants", "quotes")
    steps, once = sqlite_utils.Database(db_path), sqlite_utils.Database(seeds_db)
    assert {t: sorted(map(repr, steps[t].rows)) for t in tables} == {t: sorted(map(repr, once[t].rows)) for t in tables}


def test_one_story_in_two_documents_is_grouped(tmp_path):
    # two editions of one story with the same text: one article to the index (ids are
    # content hashes), two documents reporting each utterance (issue 13: reprints)
    for name in ("edition-1.txt", "edition-2.txt"):
        (tmp_path / name).write_text((SEEDS / "004_4517ef6bbb3d0375.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--jsonl"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert len(docs) == 2 and docs[0]["quotes"]
    assert [q["group"] for q in docs[0]["quotes"]] == [q["group"] for q in docs[1]["quotes"]]
    assert all(q["group"] for q in docs[0]["quotes"] if q["speaker"])
