"""The CLI end to end on the seed articles: real model, real database file, real server."""
import json
import socket
import subprocess
import sys
import time
import urllib.request

import sqlite_utils
from click.testing import CliRunner

from conftest import FIXTURES, SEEDS
from quotes.cli import cli
from seed_quotes import SEED_QUOTES


def test_build_gives_five_articles_and_five_outlets(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    assert db["articles"].count == 5
    assert sorted(r["name"] for r in db["outlets"].rows) == [
        "Associated Press", "Bloomberg", "Fox News", "New York Post", "The Epoch Times"]


def test_kovalenko_language_barrier_belongs_to_him_at_bloomberg(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    rows = list(db.query("""
        select quotes.text, quotes.speaker_name, speakers.name as speaker, outlets.name as outlet, quotes.cue
        from quotes join articles on articles.id = quotes.article_id
        join outlets on outlets.id = articles.outlet_id
        left join speakers on speakers.id = quotes.speaker_id
        where quotes.text like 'There is a language barrier%'"""))
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == "There is a language barrier, though it won’t prevent from digging trenches for Russians,"
    assert row["speaker_name"] == "Andriy Kovalenko" and row["speaker"] == "Andriy Kovalenko"
    assert (row["outlet"], row["cue"]) == ("Bloomberg", "said")


def same_name(a, b):
    """Names agree, ignoring a leading "the" ("United States" / "The United States")."""
    strip = lambda s: (s or "").lower().removeprefix("the ").strip()
    return strip(a) == strip(b)


def test_every_seed_quote_is_found_with_its_speaker(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    found = list(db.query("select a.doc_id, q.text, q.speaker_name from quotes q join articles a on a.id = q.article_id"))
    problems = []
    for prefix, opening, speaker in SEED_QUOTES:
        hits = [r for r in found if r["doc_id"].startswith(prefix) and r["text"].startswith(opening)]
        if not hits:
            problems.append(f"missing {prefix} “{opening}…”")
        elif all(same_name(h["speaker_name"], speaker) is False for h in hits):
            problems.append(f"{prefix} “{opening}…”: {[h['speaker_name'] for h in hits]} instead of {speaker}")
    assert problems == []
    assert len(found) == len(SEED_QUOTES)  # nothing else: no headlines, captions or scare quotes
    assert all(r["speaker_name"] for r in found)


def test_every_quote_has_evidence(seeds_db):
    db = sqlite_utils.Database(seeds_db)
    for row in db.query("select q.*, a.text as article from quotes q join articles a on a.id = q.article_id"):
        assert row["article"][row["start"]:row["end"]] == row["text"]
        assert row["method"] and 0 < row["confidence"] <= 1
        if row["speaker_start"] is not None:
            assert row["article"][row["speaker_start"]:row["speaker_end"]] == row["speaker_mention"]
        if row["cue_start"] is not None:
            assert row["article"][row["cue_start"]:row["cue_end"]].lower() == row["cue"]


def test_rebuild_is_incremental_and_changes_nothing(seeds_db, tmp_path):
    db = sqlite_utils.Database(seeds_db)
    before = {t: list(db[t].rows) for t in ("outlets", "articles", "speakers", "quotes", "utterances")}
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--db", str(seeds_db)])
    assert result.exit_code == 0, result.output
    assert "0 articles extracted" in result.output and "5 unchanged" in result.output
    db = sqlite_utils.Database(seeds_db)
    assert {t: list(db[t].rows) for t in before} == before


def test_build_reports_bad_inputs_and_goes_on(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(FIXTURES / "inputs"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "binary.txt: binary file" in result.output
    assert "empty.txt: empty file" in result.output
    assert "3 skipped" in result.output.splitlines()[-1] or "skipped" in result.output.splitlines()[-1]
    db = sqlite_utils.Database(tmp_path / "x.db")
    # utf8_bom, windows1252 and with_sidecar hold the same text: articles are keyed by
    # content, so they are one article; with crlf, article.html and docs.jsonl's a1: four.
    assert db["articles"].count == 4
    assert "Traceback" not in result.output


def test_extract_jsonl_follows_the_shared_format():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "--jsonl"])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [d["doc_id"][:3] for d in docs] == ["000", "001", "002", "003", "004"]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for doc in docs:
        for q in doc["quotes"]:
            assert texts[doc["doc_id"]][q["start"]:q["end"]] == q["text"]
            assert q["kind"] in ("full", "partial") and "cue" in q and "group" in q
            assert q["speaker"] and q["speaker"].lower() not in ("he", "she", "they")


def test_evaluate_scores_a_gold_file(tmp_path):
    text = (SEEDS / "000_5e82b664032029c8.txt").read_text(encoding="utf-8")
    start = text.index("There is a language")
    end = text.index("Russians,") + len("Russians,")
    gold = {"doc_id": "g1", "text": text, "quotes": [{"start": start, "end": end, "text": text[start:end], "speaker": "Kovalenko"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(path), "--json", "--pred-out", str(tmp_path / "pred.jsonl")])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["quote_r"] == 1.0 and figures["speaker_acc_on_matched"] == 1.0
    assert figures["quote_p"] < 0.2  # the other quotes of the article are not in this gold


def test_evaluate_scores_what_extract_prints(tmp_path):
    """`quotes evaluate --pred-out` writes what `quotes extract FILE --jsonl` prints for the
    same file: one reading (text normalised, offsets into the text as given) and the same
    corpus-wide speaker index (the second article's "Paul Ryan" is the first one's "Paul D.
    Ryan")."""
    texts = [
        "House Speaker Paul D. Ryan spoke in Janesville on Tuesday.\n\n"
        "\u201cWe will pass the bill before the summer,\u201d Paul D. Ryan said. Fran\u00c3\u0083\u00c2\u00a7ois Hollande "
        "was in Paris.\n\n\u201cThe French people want jobs, not speeches,\u201d Hollande said.",
        "The budget fight went on in Washington.\n\n\u201cNobody should expect a shutdown this year,\u201d "
        "said Paul Ryan, the speaker of the House.",
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps({"doc_id": f"g{k}", "text": t, "quotes": []}) + "\n"
                            for k, t in enumerate(texts)), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    evaluated = CliRunner().invoke(cli, ["evaluate", str(path), "--json", "--pred-out", str(pred)])
    extracted = CliRunner().invoke(cli, ["extract", str(path), "--jsonl", "--workers", "1"])
    assert evaluated.exit_code == 0 and extracted.exit_code == 0, evaluated.output + extracted.output
    scored = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    printed = [json.loads(line) for line in extracted.output.splitlines()]
    assert scored == printed
    # the speaker is the fullest form its own document gives (FORMAT.md); the corpus's name beside it
    assert [(q["speaker"], q["corpus_speaker"]) for q in printed[1]["quotes"]] == [("Paul Ryan", "Paul D. Ryan")]
    for doc, text in zip(scored, texts):
        assert all(text[q["start"]:q["end"]] == q["text"] for q in doc["quotes"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_datasette_read_only(seeds_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--db", str(seeds_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/quotes/outlets.json?_shape=array") as resp:
                    rows = json.load(resp)
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        assert len(rows) == 5
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/databases.json") as resp:
            databases = json.load(resp)
        assert databases[0]["name"] == "quotes" and databases[0]["is_mutable"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=10)
