"""Is a database up to date? Plain sqlite3, so an unchanged rebuild imports nothing heavy."""
import json
import subprocess
import sys

from conftest import SEEDS, subprocess_env
from quotes.store.db import open_db, save_article
from quotes.store.freshness import article_is_current, corpus_index_is_stale, open_if_complete
from quotes.model import Article


def test_open_if_complete_only_for_a_finished_quotes_database(tmp_path):
    assert open_if_complete(str(tmp_path / "missing.db")) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert open_if_complete(str(junk)) is None
    path = str(tmp_path / "q.db")
    db = open_db(path)  # WAL mode, as during a build
    article = Article(doc_id="d", text="“We will,” Jane Alvarez said.", outlet="Paper")
    save_article(db, article, [])
    assert open_if_complete(path) is None
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.disable_wal()
    db.close()
    conn = open_if_complete(path)
    assert conn is not None
    assert article_is_current(conn, article.id) and not article_is_current(conn, "other")
    assert not corpus_index_is_stale(conn)  # no quotes: nothing to index
    conn.close()


def test_an_unchanged_rebuild_imports_neither_sqlite_utils_nor_spacy(tmp_path):
    db = tmp_path / "quotes.db"
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['quotes', 'build', {str(SEEDS)!r}, '--db', {str(db)!r}]\n"
        "try:\n    runpy.run_module('quotes', run_name='__main__')\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "print('RESULT', __import__('json').dumps([code, 'sqlite_utils' in sys.modules, 'spacy' in sys.modules]))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=subprocess_env())
            for _ in range(2)]
    results = [json.loads(r.stdout.split("RESULT", 1)[1]) for r in runs]
    assert results[0] == [0, True, True], runs[0].stderr  # the first build does everything
    assert results[1] == [0, False, False], runs[1].stderr
    assert "0 articles extracted (0 quotes), 5 unchanged" in runs[1].stderr
