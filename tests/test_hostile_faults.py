"""One fault test per way issue 17 found to lose data or stall a batch: a stray byte in UTF-8,
sidecars that are FIFOs or devices, file names the file system or SQLite cannot take, a
foreign SQLite database, a lock dodged through a symlink, workers orphaned by kill -9, a
corrupt database given to `quotes serve`, and error logs that grow without bound."""
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, build_corpus
from processes import children, is_spawned, kill_all, kill_parent_and_wait
from quotes.cli import cli
from quotes.store.locking import build_lock

STORY = "“We will keep the peace,” said Mallory Doe on Monday.\n"


def build(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


# --- 5: one invalid byte in a UTF-8 file ----------------------------------------------

def test_one_stray_byte_in_utf8_is_repaired_locally_and_reported(tmp_path):
    (tmp_path / "in").mkdir()
    data = "“We will win,” said José Doe. “Again,” he said — in Zürich.\n".encode() \
        .replace("José".encode(), b"Jos\xe9")
    (tmp_path / "in" / "a.txt").write_bytes(data)
    result = build(tmp_path / "in", "--db", tmp_path / "q.db")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning ")]
    assert len(warnings) == 1 and "a.txt" in warnings[0] and "repaired 1 byte" in warnings[0]
    (text,) = rows(tmp_path / "q.db", "select text from articles")[0]
    assert "José" in text and "“We will win,”" in text and "Zürich" in text and "â€" not in text
    assert rows(tmp_path / "q.db", "select count(*) from quotes")[0][0] == 2


# --- 6: sidecars get the checks inputs get --------------------------------------------

def run_build(tmp_path, *paths, timeout=120):
    """`quotes build` in a subprocess with a timeout: a hang fails the test instead of
    hanging the suite."""
    try:
        return subprocess.run([sys.executable, "-m", "quotes", "build", *map(str, paths), "--db", str(tmp_path / "q.db")],
                              capture_output=True, text=True, timeout=timeout, env=env(), cwd=tmp_path)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the build hung: {exc}")


def test_fifo_device_and_huge_sidecars_are_refused_not_read(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("fifo", "zero", "huge", "fine"):
        (d / f"{name}.txt").write_text(STORY.replace("peace", f"peace {name}"), encoding="utf-8")
    os.mkfifo(d / "fifo.meta.json")
    os.symlink("/dev/zero", d / "zero.meta.json")
    (d / "huge.meta.json").write_text('{"title": "' + "x" * (2 * 1024 * 1024) + '"}')
    (d / "fine.meta.json").write_text('{"outlet": "Fox News"}')
    result = run_build(tmp_path, d, timeout=90)
    lines = result.stderr.splitlines()
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert result.returncode == 1, result.stderr
    assert any("fifo.txt" in s and "fifo.meta.json" in s and "not a regular file" in s for s in skipped)
    assert any("zero.txt" in s and "not a regular file" in s for s in skipped)
    assert any("huge.txt" in s and "too large" in s for s in skipped)
    assert len(skipped) == 3
    assert rows(tmp_path / "q.db", "select o.name from articles a join outlets o on o.id = a.outlet_id") == [("Fox News",)]


# --- 7: file names --------------------------------------------------------------------

def test_long_and_non_utf8_file_names_are_stored_and_the_batch_goes_on(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    long_name = "l" * 245 + ".txt"  # NAME.meta.json would be 255 + 5 bytes: ENAMETOOLONG
    (d / long_name).write_text(STORY.replace("peace", "long peace"), encoding="utf-8")
    odd = os.path.join(os.fsencode(d), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(STORY.replace("peace", "odd peace").encode())
    (d / "plain.txt").write_text(STORY, encoding="utf-8")
    result = build(d, "--db", tmp_path / "q.db")
    assert result.exit_code == 0, result.output
    sources = sorted(r[0] for r in rows(tmp_path / "q.db", "select source from articles"))
    assert len(sources) == 3
    assert any(s.endswith("caf\\xe9.txt") for s in sources)
    assert any(s.endswith(long_name) for s in sources)


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "bad\nname.txt").write_bytes(b"\x00\x01binary")
    (d / "good.txt").write_text(STORY, encoding="utf-8")
    result = build(d, "--db", tmp_path / "q.db")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert "bad\\x0aname.txt: binary file" in line


def test_an_unreadable_subdirectory_is_reported(tmp_path, monkeypatch):
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "x.txt").write_text(STORY, encoding="utf-8")
    (d / "good.txt").write_text(STORY.replace("peace", "calm"), encoding="utf-8")
    if os.geteuid() != 0:
        os.chmod(d / "locked", 0)
    else:  # root reads everything: make the operating system refuse as it would refuse a user
        real_scandir = os.scandir

        def scandir(path="."):
            if os.fspath(path).endswith("locked"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        result = build(d, "--db", tmp_path / "q.db")
    finally:
        os.chmod(d / "locked", 0o755)
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert "locked: cannot read this directory" in line
    assert "1 articles extracted" in result.output


# --- 8: a foreign SQLite database ------------------------------------------------------

def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_a_foreign_database_is_refused_and_left_unchanged(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    foreign = tmp_path / "theirs.db"
    conn = sqlite3.connect(foreign)
    conn.execute("create table quotes (id integer primary key, body text)")
    conn.execute("insert into quotes (body) values ('to be or not to be')")
    conn.commit()
    conn.close()
    before = digest(foreign)
    result = build(tmp_path / "a.txt", "--db", foreign)
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1 and "not a quotes database" in result.output
    assert digest(foreign) == before
    assert not Path(f"{foreign}-wal").exists() or Path(f"{foreign}-wal").stat().st_size == 0


def test_empty_files_and_our_own_databases_are_accepted(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.db"
    empty.touch()
    assert build(tmp_path / "a.txt", "--db", empty).exit_code == 0
    assert rows(empty, "pragma application_id")[0][0] == 0x51554F54
    # a database built before databases were marked: ours by its tables
    conn = sqlite3.connect(empty)
    conn.execute("pragma application_id = 0")
    conn.commit()
    conn.close()
    (tmp_path / "b.txt").write_text(STORY.replace("peace", "calm"), encoding="utf-8")
    result = build(tmp_path / "a.txt", tmp_path / "b.txt", "--db", empty)
    assert result.exit_code == 0, result.output
    assert rows(empty, "select count(*) from articles")[0][0] == 2


# --- 9: the build lock, whatever name the file is reached by ----------------------------

def test_the_lock_is_the_files_not_the_names(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    target = tmp_path / "T.db"
    assert build(tmp_path / "a.txt", "--db", target).exit_code == 0
    link = tmp_path / "L.db"
    link.symlink_to(target)
    before = digest(target)
    with build_lock(target):  # as `quotes serve` (immutable) or another build holds it
        result = build(tmp_path / "a.txt", "--db", link)
    assert result.exit_code == 2 and "in use" in result.output
    with build_lock(link):
        result = build(tmp_path / "a.txt", "--db", target)
    assert result.exit_code == 2 and "in use" in result.output
    assert digest(target) == before


# --- 10: kill -9 on a parallel build ---------------------------------------------------

@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_kill_9_on_a_parallel_build_leaves_no_worker_behind(tmp_path):
    corpus = build_corpus(tmp_path / "corpus", 120)
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "build", str(corpus), "--db", str(tmp_path / "q.db"),
                             "--workers", "2"], env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = [c for c in children(proc.pid) if is_spawned(c)]
            time.sleep(0.2)
        assert len(workers) == 2, "the workers never started"
        time.sleep(1.0)
        assert not kill_parent_and_wait(proc, workers), "workers outlived their build"
    finally:
        kill_all([proc.pid, *workers])


# --- 11: quotes serve on a corrupt database, and bounded error logs ------------------------

def test_serve_on_a_corrupt_database_says_so_in_one_line(tmp_path, seeds_db):
    corrupt = tmp_path / "corrupt.db"
    data = bytearray(Path(seeds_db).read_bytes())
    data[4096:4096 * 3] = b"\xff" * (4096 * 2)
    corrupt.write_bytes(bytes(data))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x07" * 500)
    for path in (corrupt, junk):
        result = subprocess.run([sys.executable, "-m", "quotes", "serve", "--db", str(path), "--port", "1"],
                                capture_output=True, text=True, timeout=60, env=env())
        output = (result.stdout + result.stderr).strip()
        assert result.returncode == 2, output
        assert len(output.splitlines()) == 1 and str(path) in output, output


async def test_bad_requests_leave_one_short_log_line_each(seeds_db, capfd):
    from datasette.app import Datasette

    from quotes.site import SETTINGS

    ds = Datasette([str(seeds_db)], settings=SETTINGS)
    capfd.readouterr()
    for column in ("nonexistent", "x" * 5000, "text]; drop"):
        response = await ds.client.get("/quotes/quotes", params={"_sort": column})
        assert response.status_code in (400, 500)  # Datasette 0.65 calls a bad _sort a 500
    out, err = capfd.readouterr()
    logged = (out + err).strip().splitlines()
    assert len(logged) <= 3 and sum(map(len, logged)) < 3 * 400, (out + err)[:3000]
