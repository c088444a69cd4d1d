"""A bounded load test of the served site: N requests from C concurrent clients over 18 page
types, against `quotes serve` on 127.0.0.1 only; it stops by itself (request count and a
wall-clock limit) and stops the servers it started.

    python benchmarks/load_test.py --db /tmp/load.db                          # this checkout
    python benchmarks/load_test.py --db /tmp/load.db --baseline /tmp/old-code # old vs new, same run

`--baseline DIR`: a checkout of older code (e.g. `git archive <commit> | tar -x -C DIR`),
served from a copy of the same database, measured in the same run, alternating old and new
in rounds so both see the same machine. Prints requests/s, p50, p95, max and errors per
code and per page type. `--bust` gives every request a URL of its own (no page cache can
answer); `--distinct` varies the rows, searches and speakers asked for, as real visitors
do; `--serve-args '--processes 2'` passes options to the new code's `quotes serve` only.
Build the database first, e.g. PolNeAR train + dev:

    quotes build ../shared/eval/polnear/train.jsonl ../shared/eval/polnear/dev.jsonl --db /tmp/load.db
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # never anything else


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`python -m quotes serve` of the code in `code_root` on a free local port."""

    def __init__(self, code_root: Path, db: Path, log: Path, extra: list[str] | None = None):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        env = dict(os.environ, PYTHONPATH=str(code_root))
        self.log = open(log, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--db", str(db), "--host", HOST,
                                      "--port", str(self.port), *(extra or [])], env=env, cwd=code_root,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"server from {code_root} exited; see {log}")
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=2).read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"server from {code_root} did not start; see {log}")
                time.sleep(0.2)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the server and the processes it started, so far: the
        cost of the requests, whatever else the machine is doing (Linux /proc)."""
        total, todo, tick = 0.0, [self.proc.pid], os.sysconf("SC_CLK_TCK")
        while todo:
            pid = todo.pop()
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / tick
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo += [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError, IndexError):
                continue
        return total

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def page_types(db: Path) -> dict[str, str]:
    """18 kinds of page a visitor opens, with real ids from the database."""
    name = db.stem
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    utterance = one("select id from utterances order by n_outlets desc, n_quotes desc limit 1")
    quote = one(f"select reference_quote_id from utterances where id = '{utterance}'")
    speaker = one("select speaker_id from utterances where speaker_id is not null order by n_quotes desc limit 1")
    speaker_name = one(f"select name from speakers where id = '{speaker}'")
    article = one(f"select article_id from quotes where id = '{quote}'")
    word = one("select text from quotes order by length(text) desc limit 1").split()[2].strip(",.“”\"'")
    conn.close()
    q = urllib.parse.quote
    return {
        "index": "/",
        "database": f"/{name}",
        "quotes": f"/{name}/quotes",
        "articles": f"/{name}/articles",
        "speakers": f"/{name}/speakers",
        "utterances": f"/{name}/utterances",
        "outlets": f"/{name}/outlets",
        "quote_row": f"/{name}/quotes/{quote}",
        "utterance_row": f"/{name}/utterances/{utterance}",
        "speaker_row": f"/{name}/speakers/{speaker}",
        "article_row": f"/{name}/articles/{article}",
        "search": f"/{name}/quotes?_search={q(word)}",
        "search_all": f"/-/search?q={q(word)}",
        "quoted_differently": f"/{name}/quoted_differently",
        "outlet_pairs": f"/{name}/outlet_pairs",
        "quotes_by_speaker": f"/{name}/quotes_by_speaker?name={q(speaker_name)}",
        "quotes_json": f"/{name}/quotes.json?_size=50",
        "sql": f"/{name}?sql={q('select speaker_name, count(*) as n from quotes group by speaker_name order by n desc limit 20')}",
    }


DISTINCT_IDS = 200  # different rows, speakers and words per page type with --distinct


def distinct_pages(db: Path) -> dict[str, list[str]]:
    """Many real variants of the page types that take an id or a word: the quote, utterance,
    speaker and article pages of DISTINCT_IDS different rows, searches for as many different
    words, a canned query for as many speakers. Other page types keep their one URL."""
    name, n, q = db.stem, DISTINCT_IDS, urllib.parse.quote
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = lambda sql: [r[0] for r in conn.execute(sql, (n,))]  # noqa: E731
    words = sorted({w.strip(",.“”\"'").lower() for (t,) in conn.execute("select text from quotes limit 2000")
                    for w in t.split() if len(w.strip(",.“”\"'")) > 5 and w.isascii() and w.isalpha()})[:n]
    out = {
        "quote_row": [f"/{name}/quotes/{i}" for i in ids("select id from quotes order by random() limit ?")],
        "utterance_row": [f"/{name}/utterances/{i}" for i in ids("select id from utterances order by random() limit ?")],
        "speaker_row": [f"/{name}/speakers/{i}" for i in ids("select id from speakers order by random() limit ?")],
        "article_row": [f"/{name}/articles/{i}" for i in ids("select id from articles order by random() limit ?")],
        "search": [f"/{name}/quotes?_search={q(w)}" for w in words],
        "search_all": [f"/-/search?q={q(w)}" for w in words],
        "quotes_by_speaker": [f"/{name}/quotes_by_speaker?name={q(s)}"
                              for s in ids("select name from speakers order by random() limit ?")],
    }
    conn.close()
    return {kind: urls for kind, urls in out.items() if urls}


def run_load(base: str, pages: dict[str, str], requests: int, clients: int, limit_s: float,
             bust: bool = False, variants: dict[str, list[str]] | None = None) -> dict:
    """`requests` GETs spread evenly over the page types, `clients` at a time. `bust`: every
    request gets a parameter of its own (`_bust=N`, ignored by the pages), so no two are the
    same URL and no page cache can answer: the cost of computing every page. `variants`:
    page types whose URL changes from one request to the next (`distinct_pages`)."""
    plan = []
    for i in range(requests):
        kind = list(pages)[i % len(pages)]
        path = pages[kind]
        if variants and kind in variants:
            path = variants[kind][(i // len(pages)) % len(variants[kind])]
        if bust:
            path += ("&" if "?" in path else "?") + f"_bust={i}"
        plan.append((kind, path))
    results: list[tuple[str, float, bool]] = []
    lock = threading.Lock()
    cursor = iter(plan)
    deadline = time.monotonic() + limit_s

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                item = next(cursor, None)
            if item is None:
                return
            kind, path = item
            started = time.perf_counter()
            ok = True
            try:
                with urllib.request.urlopen(base + path, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                results.append((kind, time.perf_counter() - started, ok))

    started, client_cpu = time.perf_counter(), time.process_time()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=limit_s + 60)
    elapsed = time.perf_counter() - started
    summary = summarise(results, elapsed, requests)
    # the clients share this process and the machine's cores with the server: past a few
    # hundred requests/s their own CPU is a limit too
    summary["client_cpu_ms_per_request"] = round(1000 * (time.process_time() - client_cpu) / max(1, len(results)), 2)
    return summary


def rebased(path: str, old: str, new: str) -> str:
    """`path` with its database `old` (its first segment) served as `new`; only that segment,
    so a database called quotes.db keeps its `/quotes` table: `/quotes/quotes/ID` -> `/new/quotes/ID`."""
    prefix = f"/{old}"
    if path == prefix or path.startswith((prefix + "/", prefix + "?", prefix + ".")):
        return f"/{new}" + path[len(prefix):]
    return path


def renamed(variants: dict[str, list[str]] | None, old: str, new: str) -> dict[str, list[str]] | None:
    if not variants:
        return None
    return {k: [rebased(u, old, new) for u in urls] for k, urls in variants.items()}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def summarise(results, elapsed: float, planned: int) -> dict:
    times = [t for _, t, _ in results]
    per_kind = {}
    for kind in dict.fromkeys(k for k, _, _ in results):
        ts = [t for k, t, _ in results if k == kind]
        per_kind[kind] = {"p50_ms": round(1000 * statistics.median(ts)), "p95_ms": round(1000 * percentile(ts, 95))}
    return {
        "requests": len(results), "planned": planned, "seconds": round(elapsed, 2),
        "errors": sum(1 for _, _, ok in results if not ok) + (planned - len(results)),
        "per_s": round(len(results) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(times)), "p95_ms": round(1000 * percentile(times, 95)),
        "max_ms": round(1000 * max(times)), "per_kind": per_kind,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--baseline", type=Path, help="a checkout of older code to compare with, same run")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1, help="alternating old/new rounds")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds at most per round")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--bust", action="store_true", help="a distinct URL per request (no page cache hits)")
    parser.add_argument("--distinct", action="store_true",
                        help=f"rows, searches and speakers vary ({DISTINCT_IDS} of each), as many visitors' would")
    parser.add_argument("--serve-args", default="", help="extra `quotes serve` options for the new code, "
                                                         "e.g. '--processes 2'")
    args = parser.parse_args()
    codes = {"new": ROOT}
    if args.baseline:
        codes = {"old": args.baseline.resolve(), "new": ROOT}
    figures: dict[str, list] = {name: [] for name in codes}
    variants = distinct_pages(args.db) if args.distinct else None
    with tempfile.TemporaryDirectory() as tmp:
        pages = None
        for name, code in codes.items():
            shutil.copy(args.db, Path(tmp) / f"{name}.db")
        for _ in range(args.rounds):
            for name, code in codes.items():
                db = Path(tmp) / f"{name}.db"
                server = Server(code, db, Path(tmp) / f"{name}.log",
                                args.serve_args.split() if name == "new" else None)
                try:
                    pages = {k: rebased(v, args.db.stem, name) for k, v in page_types(args.db).items()}
                    run_load(server.base, pages, 100, 5, 60)  # warm up
                    cpu = server.cpu_seconds()
                    figures[name].append(run_load(server.base, pages, args.requests, args.clients, args.limit,
                                                  bust=args.bust, variants=renamed(variants, args.db.stem, name)))
                    figures[name][-1]["cpu_ms_per_request"] = round(
                        1000 * (server.cpu_seconds() - cpu) / max(1, figures[name][-1]["requests"]), 2)
                finally:
                    server.stop()
                log = (Path(tmp) / f"{name}.log").read_bytes()
                figures[name][-1]["log_bytes"] = len(log)
    for name, runs in figures.items():
        for r in runs:
            print(f"{name}: {r['requests']} requests in {r['seconds']} s = {r['per_s']}/s, errors {r['errors']}, "
                  f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms, "
                  f"server CPU {r['cpu_ms_per_request']} ms/request (clients {r['client_cpu_ms_per_request']}), "
                  f"server log {r['log_bytes']:,} bytes")
    if "old" in figures:
        ratio = statistics.median(r["per_s"] for r in figures["new"]) / statistics.median(r["per_s"] for r in figures["old"])
        print(f"throughput new/old: {ratio:.2f}x (median of rounds); best round: "
              f"{max(r['per_s'] for r in figures['new']) / max(r['per_s'] for r in figures['old']):.2f}x")
        cpu = min(r["cpu_ms_per_request"] for r in figures["old"]) / min(r["cpu_ms_per_request"] for r in figures["new"])
        print(f"server CPU per request old/new (best of rounds): {cpu:.2f}x")
    print("per page type (last round), p50/p95 ms:")
    for kind in pages or {}:
        row = "  ".join(f"{name} {runs[-1]['per_kind'].get(kind, {}).get('p50_ms')}/{runs[-1]['per_kind'].get(kind, {}).get('p95_ms')}"
                        for name, runs in figures.items())
        print(f"  {kind:20} {row}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
