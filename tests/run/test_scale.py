"""Speed and scale features: lazy model load, --workers, SQLite shards and the Dask build.

Every parallel path must write exactly what a single-process build writes, row for row.
"""
import json
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from quotes.cli import cli

DOCS = [
    {"doc_id": "council", "outlet": "Daily Ledger", "text": "The council met on Monday.\n\n"
     "“We will not raise taxes this year,” Mayor Ana Ruiz said after the vote.\n\n"
     "She added: “The budget is balanced.”"},
    {"doc_id": "port", "outlet": "Harbour News", "text": "Dock workers walked out.\n\n"
     "“This strike is about safety,” union leader Tom Okafor told reporters. "
     "“Nobody should be hurt at work.”"},
    {"doc_id": "port-copy", "outlet": "Coast Times", "text": "Dock workers walked out.\n\n"
     "“This strike is about safety,” union leader Tom Okafor told reporters. "
     "“Nobody should be hurt at work.”"},  # same text: one article, the first copy wins
    {"doc_id": "none", "outlet": "Daily Ledger", "text": "Rain is expected all week."},
]
# FTS5's own segment tables hold the same index in a different byte layout when it is built
# in bulk; the FTS table itself (and what it finds) is compared instead.
# sqlite_stat1 holds the planner's sampled statistics, which depend on that layout too.
FTS_SHADOW = ("quotes_fts_data", "quotes_fts_idx", "sqlite_stat1")


def dump(path) -> dict:
    """Every table's rows (with rowids) and the schema, for row-for-row comparison."""
    conn = sqlite3.connect(path)
    out = {"schema": sorted(conn.execute("select type, name, tbl_name, sql from sqlite_master"), key=str)}
    for (table,) in conn.execute("select name from sqlite_master where type = 'table'"):
        if table in FTS_SHADOW:
            continue
        without_rowid = "WITHOUT ROWID" in conn.execute(
            "select sql from sqlite_master where name = ?", [table]).fetchone()[0].upper()
        rowid = "" if without_rowid else "rowid, "
        out[table] = sorted(conn.execute(f'select {rowid}* from "{table}"').fetchall(), key=repr)
    out["search"] = conn.execute(
        "select rowid from quotes_fts where quotes_fts match 'russia OR kirby' order by rowid").fetchall()
    conn.close()
    return out


def build(*args) -> str:
    result = CliRunner().invoke(cli, ["build", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("inputs") / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    return [str(SEEDS), str(path)]


@pytest.fixture(scope="module")
def single_db(tmp_path_factory, inputs):
    path = tmp_path_factory.mktemp("single") / "quotes.db"
    build(*inputs, "--db", str(path))
    return path


def test_unchanged_corpus_never_loads_the_model(single_db, inputs, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the spaCy model was loaded for an unchanged corpus")

    monkeypatch.setattr("quotes.extract.pipeline.load_parser", no_model)
    monkeypatch.setattr("quotes.extract.nlp.load_nlp", no_model)
    before = dump(single_db)
    output = build(*inputs, "--db", str(single_db))
    assert "0 articles extracted" in output
    assert dump(single_db) == before


def test_workers_build_equals_single_process(single_db, inputs, tmp_path):
    path = tmp_path / "workers.db"
    build(*inputs, "--db", str(path), "--workers", "2")
    assert dump(path) == dump(single_db)


def test_shards_merged_into_a_partial_db_equal_a_single_build(single_db, inputs, tmp_path):
    """Shards merge in order over what is already there (an incremental build)."""
    from quotes.store.db import open_db
    from quotes.ingest.files import iter_articles
    from quotes.build import update_corpus_index
    from quotes.run.shards import extract_to_shard, merge_shards

    articles = list({a.id: a for a in reversed(list(iter_articles(inputs)))}.values())[::-1]  # first copy wins, as in build
    path = tmp_path / "merged.db"
    build(str(SEEDS), "--db", str(path))  # the seeds first, then everything again as shards
    db = open_db(str(path))
    shards = [extract_to_shard(articles[:3], tmp_path / "a.db")["path"],
              extract_to_shard(articles[3:], tmp_path / "b.db")["path"]]
    merge_shards(db, shards)
    update_corpus_index(db)
    db.disable_wal()
    db.close()
    expected, got = dump(single_db), dump(path)
    for table in ("outlets", "articles", "quotes", "speakers", "utterances"):
        assert sorted(r[1:] for r in got[table]) == sorted(r[1:] for r in expected[table]), table


@pytest.mark.parametrize("shared_dir", [False, True], ids=["shards-uploaded", "shared-shard-dir"])
def test_dask_local_cluster_build_equals_single_process(single_db, inputs, tmp_path, shared_dir):
    pytest.importorskip("dask.distributed")
    path = tmp_path / "dask.db"
    shards = ["--shard-dir", str(tmp_path / "shards")] if shared_dir else []
    output = build(*inputs, "--db", str(path), "--scheduler", "local", "--workers", "2",
                   "--partition-size", "2", *shards)
    assert "0 unchanged" in output
    assert dump(path) == dump(single_db)
    if shared_dir:
        assert list((tmp_path / "shards").iterdir()) == []  # merged, then removed
    again = build(*inputs, "--db", str(path), "--scheduler", "local")
    assert "0 articles extracted" in again  # nothing new: no cluster is even started
    assert dump(path) == dump(single_db)
