"""`quotes serve --processes N`: N server processes on one port, the same pages as one
process, and none left behind when the supervisor is killed (kill -9)."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from processes import children, is_spawned, kill_all, kill_parent_and_wait
from quotes.run.serving import MAX_AUTO_PROCESSES, auto_processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


def test_auto_is_one_per_core_within_bounds():
    assert auto_processes(1) == 1 and auto_processes(2) == 2
    assert auto_processes(64) == MAX_AUTO_PROCESSES


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_processes_share_the_port_and_die_with_the_supervisor(seeds_db, tmp_path):
    db = tmp_path / "quotes.db"
    shutil.copy(seeds_db, db)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--db", str(db), "--port", str(port),
                             "--processes", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(base + "/-/versions.json")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server never answered"
                time.sleep(0.3)
        workers = [c for c in children(proc.pid) if is_spawned(c)]
        assert len(workers) == 2
        pages = [get(base + "/quotes/outlets.json?_shape=array") for _ in range(20)]
        assert len({p for p in pages}) == 1 and len(json.loads(pages[0])) == 5
        databases = json.loads(get(base + "/-/databases.json"))
        assert databases[0]["name"] == "quotes" and databases[0]["is_mutable"] is False
        assert not kill_parent_and_wait(proc, workers), "server processes outlived their supervisor"
    finally:
        kill_all([proc.pid, *workers])


def test_a_site_that_cannot_start_ends_serve_instead_of_starting_again(seeds_db, tmp_path):
    """uvicorn's supervisor starts a dead server process again: a plugin that fails at import
    must end `quotes serve --processes 2` with its error, not restart it forever."""
    broken = tmp_path / "broken"
    (broken / "datasette_block_robots").mkdir(parents=True)  # an installed plugin, made to fail
    (broken / "datasette_block_robots" / "__init__.py").write_text("raise RuntimeError('plugin broken on purpose')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(broken), str(ROOT)])}
    done = subprocess.run([sys.executable, "-m", "quotes", "serve", "--db", str(seeds_db), "--port", str(free_port()),
                           "--processes", "2"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "plugin broken on purpose" in done.stderr
