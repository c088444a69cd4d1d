"""A corpus step that fails part-way leaves nothing of its stage (store.stage) behind, whoever called it."""
import pytest
from click.testing import CliRunner

from quotes.build import update_corpus_index
from quotes.cli import cli
from quotes.store.db import open_db

ARTICLES = {
    "sign.txt": "The sign read “We will never surrender our town to the developers.”\n",
    "mayor.txt": "Mayor Ann Lee spoke on Monday.\n\n“We will never surrender our town to the developers,” Lee said.\n",
}


def built(tmp_path):
    """The database a build of ARTICLES makes, open."""
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "quotes.db"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "sign.txt"), str(tmp_path / "mayor.txt"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return open_db(str(path))


def test_a_failed_step_leaves_no_stage_and_no_open_transaction(tmp_path):
    db = built(tmp_path)
    speakerless = db.execute("select id from quotes where speaker_id is null").fetchone()
    assert speakerless  # the sign's words
    # a damaged row (the cut reads every speakerless quote's words): the step fails after the stage is filled
    db.execute("update quotes set text = null where id = ?", speakerless)
    db.conn.commit()
    with pytest.raises(AttributeError):
        update_corpus_index(db, full=True)
    assert not db.conn.in_transaction
    assert db.execute("select name from sqlite_temp_master where name like 'stage%'").fetchall() == []
    db.close()


def test_a_step_that_fails_after_the_link_indexes_were_dropped_leaves_the_database_as_it_was(tmp_path):
    # every quote's links unset: the step rewrites them all, so store.bulk drops the indexes
    # holding the column before its UPDATE and builds them again after; the UPDATE fails
    # (a trigger, as a full disk or a constraint would): the indexes, the links and the
    # stage must be as before, inside the build's own transaction (transactions.atomic)
    from quotes.store.transactions import atomic

    db = built(tmp_path)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("update quotes set speaker_id = null, utterance_id = null")
    db.conn.commit()
    db.execute("PRAGMA foreign_keys = ON")

    def state():
        return (db.execute("select id, speaker_id, utterance_id from quotes order by id").fetchall(),
                db.execute("select name, sql from sqlite_master order by name").fetchall(),
                db.execute("select count(*) from utterances").fetchone())
    before = state()
    assert any("utterance_id" in (sql or "") for _, sql in before[1])  # an index the step would drop
    db.execute("CREATE TEMP TRIGGER boom BEFORE UPDATE OF utterance_id ON main.quotes"
               " BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(Exception, match="disk full"):
        with atomic(db) as tx:
            update_corpus_index(tx, full=True)
    db.execute("DROP TRIGGER temp.boom")
    assert not db.conn.in_transaction
    assert state() == before
    assert db.execute("select name from sqlite_temp_master where type = 'table'").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()
