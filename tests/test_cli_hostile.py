"""`quotes build` on a hostile corpus: every bad input is one line on stderr, the rest is
stored, nothing crashes, the database stays consistent and a re-run changes nothing."""
import json
import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import FIXTURES
from quotes.cli import cli
from quotes.store.locking import build_lock

HOSTILE = FIXTURES / "hostile"
TABLES = ("outlets", "articles", "speakers", "utterances", "quotes")


def snapshot(path):
    db = sqlite_utils.Database(path)
    out = {t: list(db.query(f"select * from [{t}] order by id")) for t in TABLES}
    db.close()
    return out


def assert_consistent(path):
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # every article has exactly the quotes it says, every offset slices its text
    assert conn.execute(
        "select count(*) from articles a where n_quotes != (select count(*) from quotes q where q.article_id = a.id)"
    ).fetchone() == (0,)
    for text, start, end, quote in conn.execute(
            "select a.text, q.start, q.end, q.text from quotes q join articles a on a.id = q.article_id"):
        assert text[start:end] == quote
    assert conn.execute("select count(*) from quotes_fts").fetchone() == conn.execute("select count(*) from quotes").fetchone()
    conn.close()


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "h.db"
    result = CliRunner().invoke(cli, ["build", str(HOSTILE), "--db", str(path)])
    return path, result


def test_each_bad_input_is_one_line_and_the_batch_goes_on(hostile_build):
    path, result = hostile_build
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    expected = {
        "bad_sidecar.txt": "unreadable metadata file", "blank.txt": "empty", "empty.txt": "empty file",
        "photo.txt": "binary file", "script_only.html": "no article text found in the HTML",
        "docs.jsonl:2": "not a JSON line", "docs.jsonl:3": '"text"', "docs.jsonl:4": '"text"',
        "docs.jsonl:5": "empty", "docs.jsonl:7": "not a JSON line",
    }
    assert len(lines) == len(expected)
    for name, reason in expected.items():
        assert any(f"/{name}: " in line and reason in line for line in lines), name
    summary = result.output.strip().splitlines()[-1]
    assert summary.endswith(f"{len(expected)} skipped") and "12 articles extracted" in summary
    assert "0 duplicate" in summary


def test_hostile_database_is_consistent_and_has_no_junk_quotes(hostile_build):
    path, _ = hostile_build
    assert_consistent(path)
    db = sqlite_utils.Database(path)
    texts = [r["text"] for r in db.query("select text from quotes")]
    for junk in ("script quote", "styled quote", "Home", "Footer slogan", "not a quote"):
        assert not any(junk in t for t in texts), junk
    speakers = {r["text"]: r["speaker_name"] for r in db.query("select text, speaker_name from quotes")}
    assert speakers.get("We got what we asked for,") == "Maria Santos"
    assert speakers.get("We will fight on,") == "Maria Santos"
    assert speakers.get("Prices will fall,") == "Tom Berg"  # UTF-16 without BOM and the mojibake file
    assert "We will not back down," in speakers  # Latin-1 / Windows-1252
    assert max(len(t) for t in texts) < 2000  # the unclosed quote did not take the article
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained file


def test_rerun_changes_nothing(hostile_build):
    path, _ = hostile_build
    before = snapshot(path)
    result = CliRunner().invoke(cli, ["build", str(HOSTILE), "--db", str(path)])
    assert "0 articles extracted" in result.output and "12 unchanged" in result.output
    assert snapshot(path) == before


def test_exception_inside_extraction_skips_only_that_article(tmp_path, monkeypatch):
    import quotes.extract.pipeline

    real = quotes.extract.pipeline.extract_articles

    def exploding(articles, nlp=None, batch_size=32):
        articles = list(articles)
        if any("Renée" in a.text for a in articles):
            raise KeyError("attribution blew up")
        return real(articles, nlp=nlp, batch_size=batch_size)

    monkeypatch.setattr(quotes.extract.pipeline, "extract_articles", exploding)
    path = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["build", str(HOSTILE), "--db", str(path), "--batch-size", "4"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert any("latin1.txt: extraction failed (KeyError" in line for line in result.output.splitlines())
    assert "11 articles extracted" in result.output
    assert_consistent(path)


def test_giant_inputs_are_refused_with_a_reason(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    with open(corpus / "giant.txt", "wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse, never read
    (corpus / "long_paragraph.txt").write_text("“" + "word " * 30_000 + "end,” Holt said.", encoding="utf-8")
    (corpus / "fine.txt").write_text("“All good,” Senator Ray Holt said.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "giant.txt: too large" in result.output
    assert "long_paragraph.txt: a paragraph of 150,017 characters" in result.output
    assert "1 articles extracted" in result.output


def test_database_that_is_not_sqlite_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database " * 100)
    result = CliRunner().invoke(cli, ["build", str(HOSTILE / "latin1.txt"), "--db", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "file is not a database" in result.output
    missing_dir = tmp_path / "no" / "such" / "dir" / "q.db"
    result = CliRunner().invoke(cli, ["build", str(HOSTILE / "latin1.txt"), "--db", str(missing_dir)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_second_build_on_the_same_database_stops_at_once(tmp_path):
    path = tmp_path / "q.db"
    with build_lock(path):
        result = CliRunner().invoke(cli, ["build", str(HOSTILE / "latin1.txt"), "--db", str(path)])
    assert result.exit_code == 2 and "another `quotes build`" in result.output
    assert not path.exists()


def test_extract_on_the_hostile_corpus(tmp_path):
    import json

    from quotes.ingest.files import iter_articles
    from quotes.model import Article

    # offsets index the text as given (a JSON line's "text" before normalising)
    texts = {a.doc_id: a.given_text or a.text for a in iter_articles([HOSTILE]) if isinstance(a, Article)}
    result = CliRunner().invoke(cli, ["extract", str(HOSTILE), "--jsonl"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    docs = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert len(docs) == len(texts)
    for doc in docs:
        for q in doc["quotes"]:
            assert texts[doc["doc_id"]][q["start"]:q["end"]] == q["text"]
    assert result.output.strip().splitlines()[-1] == f"{len(texts)} documents extracted, 10 skipped"


def test_serve_decides_live_or_immutable_from_the_lock_and_wal(tmp_path, monkeypatch):
    """Which Datasette arguments `quotes serve` ends up with (execv intercepted)."""
    import os

    import quotes.cli

    import quotes.store.locking

    calls, held = [], []
    monkeypatch.setattr(quotes.cli.os, "execv", lambda exe, args: calls.append(args))
    real_hold = quotes.store.locking.hold_for_immutable_serving
    monkeypatch.setattr(quotes.store.locking, "hold_for_immutable_serving", lambda p: held.append(real_hold(p)) or held[-1])
    db = tmp_path / "quotes.db"
    conn = sqlite3.connect(db)
    conn.execute("create table t (x)")
    conn.close()

    def serve(*extra):
        calls.clear()
        # one process: the decision is the same for --processes N, whose processes get `live`
        result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--processes", "1", *extra])
        assert result.exit_code == 0, result.output
        for fd in held:  # the lock Datasette would have kept for its lifetime
            if fd is not None and fd >= 0:
                os.close(fd)
        held.clear()
        return "-i" in calls[0], result.output

    assert serve() == (True, "")  # a finished build: immutable, as asked
    assert serve("--live")[0] is False
    with build_lock(db):
        immutable, note = serve()
        assert immutable is False and "being built" in note
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=wal")
    conn.close()  # header now says WAL, as after a killed build
    assert serve()[0] is False


def test_same_text_twice_first_wins_in_build_but_extract_prints_both(tmp_path):
    import json

    (tmp_path / "a.txt").write_text("“Same words,” Senator Ray Holt said.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("“Same words,” Senator Ray Holt said.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 0 and "b.txt: same text as" in result.output and "1 duplicate" in result.output
    assert [r["doc_id"] for r in sqlite_utils.Database(tmp_path / "d.db")["articles"].rows] == ["a"]
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--jsonl"])
    assert [json.loads(line)["doc_id"] for line in result.output.splitlines()] == ["a", "b"]


def test_same_surname_quoted_twice_in_one_article(tmp_path):
    (tmp_path / "v.txt").write_text("“One thing,” Holt said. “Another thing,” Holt said.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "v.txt"), "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0, result.output
    assert "UNIQUE" not in result.output


def test_invisible_format_characters_glued_to_words_keep_the_attribution(tmp_path):
    # pasted text (a reader comment, a tweet) brings direction marks and zero-width spaces
    # glued to words: "said\u202c." was no speech verb, "\u2066“We" was stored as a speaker
    clean = "Mayor Ann Lee spoke on Monday.\n\n“We will rebuild the bridge by the spring,” Lee said.\n"
    glued = ("Mayor Ann Lee spoke on Monday.\n\n\u2066“We will rebuild the bridge by the spring,”\u200b "
             "Lee\u200e said\u202c.\u2069\n")
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"doc_id": d, "text": t}) + "\n" for d, t in (("clean", clean), ("glued", glued))),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    docs = {d["doc_id"]: d["quotes"] for d in map(json.loads, result.output.splitlines())}
    assert [(q["speaker"], q["method"]) for q in docs["glued"]] == [(q["speaker"], q["method"]) for q in docs["clean"]]
    assert docs["clean"][0]["method"].startswith("subject")
    for q in docs["glued"]:
        assert glued[q["start"]:q["end"]] == q["text"]  # offsets index the text as given
