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


def test_a_failed_step_leaves_no_stage_and_no_open_transaction(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "quotes.db"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "sign.txt"), str(tmp_path / "mayor.txt"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    db = open_db(str(path))
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
