"""`kill -9` in the middle of `quotes build`, then the same command again: exactly the
database of an uninterrupted build (same rows, same ids), and a consistent file throughout."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from conftest import build_corpus, subprocess_env
from quotes.cli import cli
from test_cli_hostile import TABLES, assert_consistent, snapshot

N_DOCS = 16


def stored_articles(path) -> int:
    if not os.path.exists(path):
        return 0
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_mid_build_then_rerun_equals_clean_build(tmp_path):
    corpus = build_corpus(tmp_path / "in", N_DOCS)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    # small batches, so articles are committed all along the run (the clean build uses the
    # default batch size: results do not depend on it)
    command = [sys.executable, "-m", "quotes", "build", str(corpus), "--db", str(killed), "--batch-size", "2"]
    proc = subprocess.Popen(command, env=subprocess_env(), cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while stored_articles(killed) < 3 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    partial = stored_articles(killed)
    why = f"returncode {proc.returncode}, {partial} articles stored; stderr: {proc.stderr.read().decode()[-2000:]}"
    assert proc.returncode == -signal.SIGKILL, why
    assert 0 < partial < N_DOCS, "the kill did not land in the middle of the build: " + why
    assert_consistent(killed)  # after the kill: whole articles only, integrity intact

    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(killed)])
    assert result.exit_code == 0, result.output
    assert f"{partial} unchanged" in result.output
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(clean)])
    assert result.exit_code == 0, result.output

    assert_consistent(killed)
    expected = snapshot(clean)
    assert len(expected["articles"]) == N_DOCS and expected["quotes"]
    got = snapshot(killed)
    for table in TABLES:
        assert len(got[table]) == len(expected[table]), table
        assert got[table] == expected[table], table
    assert not os.path.exists(f"{killed}-wal") or os.path.getsize(f"{killed}-wal") == 0
    with sqlite3.connect(killed) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    # and once more: idempotent
    result = CliRunner().invoke(cli, ["build", str(corpus), "--db", str(killed)])
    assert f"0 articles extracted (0 quotes), {N_DOCS} unchanged" in result.output
    assert snapshot(killed) == expected


def test_ctrl_c_mid_build_is_a_clean_stop(tmp_path):
    corpus = build_corpus(tmp_path / "in", N_DOCS)
    db = tmp_path / "int.db"
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "build", str(corpus), "--db", str(db), "--batch-size", "1"],
                            env=subprocess_env(), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            # a shell's background jobs ignore SIGINT, and children inherit that
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while stored_articles(db) < 1 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    err = err.decode()
    assert "Traceback" not in err
    assert proc.returncode == 130, err
    assert "interrupted" in err and "run the same command again" in err
    assert 0 < stored_articles(db) < N_DOCS
    assert_consistent(db)
