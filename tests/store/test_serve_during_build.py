"""`quotes serve` and `quotes build` on one file: a server started during a build follows it
live (read-only connections, WAL) with no errors; an immutable server keeps builds out."""
import json
import shutil
import socket
import subprocess
from pathlib import Path
import sys
import time
import urllib.error
import urllib.request

import sqlite_utils
from click.testing import CliRunner

from conftest import FIXTURES, build_corpus, subprocess_env
from quotes.cli import cli
from quotes.store.locking import build_running, in_wal_mode

N_DOCS = 24


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as resp:
        return resp.status, json.load(resp)


def start_server(db, port, *extra):
    # the log goes to a file: a pipe nobody reads fills up (64 KB of access log) and then
    # blocks the server in the middle of a request
    log = open(Path(db).parent / f"serve-{port}.log", "w+b")
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--db", str(db), "--port", str(port), *extra],
                            env=subprocess_env(), stdout=log, stderr=subprocess.STDOUT)
    proc.log = log
    return proc


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    proc.log.close()


def wait_until_up(proc, port, deadline=60):
    end = time.time() + deadline
    while True:
        try:
            return get(port, "/-/databases.json")
        except (OSError, urllib.error.URLError):
            if proc.poll() is not None or time.time() > end:
                proc.log.seek(0)
                raise AssertionError(proc.log.read().decode() if proc.poll() is not None else "server did not start")
            time.sleep(0.1)


def test_server_started_during_a_build_follows_it_without_errors(tmp_path):
    # on a loaded machine the server may take longer to start than a small build takes to
    # finish: then nothing was seen during the build, and a four times larger build is tried
    for n_docs in (N_DOCS, 4 * N_DOCS, 16 * N_DOCS):
        polls = follow_a_build(tmp_path / f"run-{n_docs}", n_docs)
        if polls >= 3:
            break
    assert polls >= 3, f"the server never answered during a build of {n_docs} articles"


def follow_a_build(tmp_path, n_docs: int) -> int:
    """Serve a database while `quotes build` writes it; every answer right and in order.
    Returns how many rounds of requests were answered during the build."""
    corpus = build_corpus(tmp_path / "in", n_docs)
    db = tmp_path / "quotes.db"
    build = subprocess.Popen([sys.executable, "-m", "quotes", "build", str(corpus), "--db", str(db)],
                             env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    port = free_port()
    server = None
    try:
        deadline = time.time() + 60
        while not (build_running(db) and db.exists()) and build.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        assert build.poll() is None, build.stderr.read().decode()
        server = start_server(db, port)
        _, databases = wait_until_up(server, port)
        assert databases[0]["is_mutable"] is True  # live: not -i while a build writes
        counts, errors, polls_during_build = [], [], 0
        paths = ["/quotes.json?sql=select+count(*)+as+n+from+articles&_shape=array",
                 "/quotes/quotes.json?_size=5&_labels=on", "/quotes/articles.json?_size=3&_col=title",
                 "/quotes/speakers.json", "/quotes/quotes.json?_search=said"]
        while True:
            finished = build.poll() is not None
            for path in paths:
                try:
                    status, body = get(port, path)
                    if path.startswith("/quotes.json?sql"):
                        counts.append(body[0]["n"])
                except urllib.error.HTTPError as exc:
                    errors.append((path, exc.code, exc.read()[:300]))
                except OSError as exc:
                    errors.append((path, repr(exc)))
            if finished:
                break
            polls_during_build += 1
        assert errors == []
        assert build.returncode == 0, build.stderr.read().decode()
        assert counts == sorted(counts), (polls_during_build, counts)  # saw the build grow, never shrink
        assert counts[-1] == n_docs
    finally:
        if build.poll() is None:
            build.kill()
        if server is not None:
            stop(server)
    # the server is gone: the file is whole again and clean
    db_ = sqlite_utils.Database(db)
    assert db_.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db_["articles"].count == n_docs
    return polls_during_build


def test_immutable_server_keeps_builds_out(tmp_path, seeds_db):
    db = tmp_path / "quotes.db"
    shutil.copy(seeds_db, db)
    port = free_port()
    server = start_server(db, port)
    try:
        _, databases = wait_until_up(server, port)
        assert databases[0]["is_mutable"] is False  # served -i, as asked
        result = CliRunner().invoke(cli, ["build", str(FIXTURES / "inputs" / "crlf.txt"), "--db", str(db)])
        assert result.exit_code == 2 and "quotes serve --live" in result.output
        status, rows = get(port, "/quotes/articles.json?_shape=array")
        assert status == 200 and len(rows) == 5
    finally:
        stop(server)
    result = CliRunner().invoke(cli, ["build", str(FIXTURES / "inputs" / "crlf.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output  # free again once the server is gone


def test_live_server_and_build_leave_a_self_contained_file(tmp_path, seeds_db):
    db = tmp_path / "quotes.db"
    shutil.copy(seeds_db, db)
    port = free_port()
    server = start_server(db, port, "--live")
    try:
        _, databases = wait_until_up(server, port)
        assert databases[0]["is_mutable"] is True
        result = CliRunner().invoke(cli, ["build", str(FIXTURES / "inputs" / "crlf.txt"), "--db", str(db)])
        assert result.exit_code == 0, result.output
        status, rows = get(port, "/quotes/articles.json?_shape=array")
        assert status == 200 and len(rows) == 6
        # WAL switched off even with the live reader attached (or the build says why not)
        assert not in_wal_mode(db) or "stays in WAL mode" in result.output
    finally:
        stop(server)
