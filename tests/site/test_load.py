"""The bounded load test of issue 17 (`benchmarks/load_test.py`) run small against the seeds:
20 concurrent clients over the 18 page types of a real `python -m quotes serve` on
127.0.0.1, every URL distinct (`--bust`, no kept page answers), and its figures read back.
The full runs (PolNeAR train+dev, old code against new) are in README.md."""
import json
import subprocess
import sys

from conftest import ROOT


def run_load_test(db, out, *args):
    command = [sys.executable, str(ROOT / "benchmarks" / "load_test.py"), "--db", str(db), "--requests", "180",
               "--clients", "20", "--limit", "120", "--json", str(out), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=400, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(out.read_text()), done.stdout


def test_twenty_clients_get_every_page_type_without_an_error(seeds_db, tmp_path):
    figures, printed = run_load_test(seeds_db, tmp_path / "figures.json", "--bust")
    (run,) = figures["new"]
    assert run["requests"] == run["planned"] == 180 and run["errors"] == 0, printed
    assert len(run["per_kind"]) == 18
    assert run["cpu_ms_per_request"] > 0 and "server CPU" in printed
