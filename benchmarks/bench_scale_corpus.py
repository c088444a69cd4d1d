"""The corpus step at scale: full regroup with 1 and 2 workers and on a LocalCluster, and the
incremental step after adding 10 articles, on synthetic corpora (synth_corpus.py).

    python benchmarks/bench_scale_corpus.py --quotes 1000000 [--quotes 5000000 ...]
        [--baseline /work/main]   # also time that checkout's corpus step, same database, same run
    python benchmarks/bench_scale_corpus.py --quotes 1000000 --baseline <checkout> --pairs 2 [--pairs-full]
        # the incremental (or full) steps alone, interleaved, on copies of the (indexed) database
        # [--db THIS.db --baseline-db BASE.db]: each code on a database warmed by itself

Every step runs in its own process (``update_corpus_index`` in one transaction, as ``quotes
build`` runs it); wall time and the peak resident memory of the whole process tree (client,
local processes, Dask nanny and workers; sampled every 0.2 s) are printed, with the load
average the machine had (it is shared). The full regroups must write the same rows: a digest
of utterances, variants and links is compared.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
if "--step" not in sys.argv:  # a measured step imports the code its PYTHONPATH names
    sys.path.insert(0, str(ROOT))


def step_main(db_path: str, full: bool, workers: int, scheduler: str | None) -> None:
    """Runs in the measured process: one corpus step, then a digest of what it wrote."""
    import hashlib
    import inspect

    from quotes.build import update_corpus_index
    from quotes.store.db import open_db
    from quotes.store.transactions import atomic

    db = open_db(db_path)
    kwargs = {}
    if "workers" in inspect.signature(update_corpus_index).parameters:  # (a baseline checkout may not have them)
        kwargs = {"workers": workers, "scheduler": scheduler}
    start = time.perf_counter()
    with atomic(db) as tx:
        counts = update_corpus_index(tx, full=full, **kwargs)
    seconds = time.perf_counter() - start
    digest = hashlib.sha256()
    for sql in ("select id, name, kind, roles, description from speakers order by id",
                'select speaker_id, alias, article_id, outlet_id, "count" from speaker_aliases'
                " order by speaker_id, alias, article_id",
                "select id, speaker_id, text, reference_quote_id, n_quotes from utterances order by id",
                "select quote_id, utterance_id, reference_quote_id, relation, similarity, diff from variants order by quote_id",
                "select id, speaker_id, utterance_id from quotes order by id"):
        for row in db.execute(sql):
            digest.update(repr(row).encode())
    db.close()
    print(json.dumps({"seconds": seconds, **counts, "digest": digest.hexdigest()[:16]}))


def measured(db: Path, full: bool, workers: int = 1, scheduler: str | None = None, code: Path = ROOT) -> dict:
    """One step in a child process; wall time and peak RSS of the process tree, of the
    client alone, of its workers together and of the largest single worker (the one that
    grouped the giant family: a worker holds one task, and the top family is a task of its
    own, sent first); each the highest of its own samples."""
    env = dict(os.environ, PYTHONPATH=str(code))
    args = [sys.executable, str(HERE / "bench_scale_corpus.py"), "--step", str(db), "--workers", str(workers)]
    if full:
        args.append("--full")
    if scheduler:
        args += ["--scheduler", scheduler]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = psutil.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd="/tmp")
    peak = client = workers_peak = one_child = 0
    while proc.poll() is None:
        try:
            rss = [p.memory_info().rss for p in proc.children(recursive=True) if p.is_running()]
            own = proc.memory_info().rss
            peak, client, workers_peak = max(peak, own + sum(rss)), max(client, own), max(workers_peak, sum(rss))
            one_child = max(one_child, *rss, 0)
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # every descendant, once reaped
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    out = proc.stdout.read().strip().splitlines()
    if proc.returncode != 0 or not out:
        raise RuntimeError(f"step failed ({proc.returncode}): {args}")
    result = json.loads(out[-1])
    return {**result, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(peak / 2**20),
            "client_peak_mb": round(client / 2**20), "workers_peak_mb": round(workers_peak / 2**20),
            "one_worker_peak_mb": round(one_child / 2**20),
            "load_before": round(load, 1)}


def log(n_quotes: int, name: str, m: dict) -> None:
    """One line per finished step on stderr, flushed at once (a long run read while it runs):
    the time, the quotes, the step, its figures and the load averages (1, 5, 15 min) at its end."""
    end = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())}Z {n_quotes} {name} {json.dumps(m)} load after: {end}",
          file=sys.stderr, flush=True)


def add_articles(db_path: Path, n: int, seed: int = 99, shares: dict | None = None) -> int:
    """``n`` new synthetic articles (new events of the same speakers) added to the database;
    ``shares`` as in ``bench``."""
    from synth_corpus import polnear_quotes, synthetic_articles, write_corpus

    from quotes.store.db import open_db

    articles = []
    for article, quotes in synthetic_articles(polnear_quotes(), 40 * n, seed=seed, **(shares or {})):
        articles.append((article, quotes))
        if len(articles) == n:
            break
    db = open_db(str(db_path))
    info = write_corpus(db, articles)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return info["quotes"]


MODES = {"1": ("1 worker", 1, None), "2": ("2 workers", 2, None), "local": ("LocalCluster (2 workers)", 2, "local")}


def bench(n_quotes: int, directory: Path, add: int, baseline: Path | None, modes=tuple(MODES),
          shares: dict | None = None) -> dict:
    """``shares``: synthetic_articles' ``unsure`` and ``speakerless`` (its defaults if None)."""
    from synth_corpus import polnear_quotes, synthetic_articles, write_bulk

    shares = shares or {}
    tag = "".join(f"-{k}{v}" for k, v in sorted(shares.items()))
    db = directory / f"synth-{n_quotes}{tag}.db"
    if not db.exists():
        start, load = time.perf_counter(), os.getloadavg()[0]
        info = write_bulk(db, synthetic_articles(polnear_quotes(), n_quotes, **shares))
        log(n_quotes, "corpus written", {**info, "wall_s": round(time.perf_counter() - start, 1),
                                         "load_before": round(load, 1)})
    result: dict = {"quotes": n_quotes, "full": {}}
    work = directory / f"synth-{n_quotes}{tag}-inc.db"
    if baseline:  # before and after interleaved: the baseline's full step first, its incremental last
        shutil.copy(db, work)
        result["baseline_full"] = measured(work, True, code=baseline)
        log(n_quotes, "baseline full", result["baseline_full"])
        add_articles(work, add, shares=shares)
        base_work = directory / f"synth-{n_quotes}{tag}-base.db"
        shutil.move(work, base_work)
    for name, workers, scheduler in (MODES[m] for m in modes):
        result["full"][name] = measured(db, True, workers, scheduler)
        log(n_quotes, name, result["full"][name])
    shutil.copy(db, work)  # indexed by the last full step above
    result["added_quotes"] = add_articles(work, add, shares=shares)
    result["incremental"] = measured(work, False, 1)
    log(n_quotes, "incremental", result["incremental"])
    if baseline:
        result["baseline_incremental"] = measured(base_work, False, code=baseline)
        log(n_quotes, "baseline incremental", result["baseline_incremental"])
        base_work.unlink(missing_ok=True)
    work.unlink(missing_ok=True)
    return result


def incremental_pairs(db: Path, baseline: Path, rounds: int, add: int, shares: dict | None = None,
                      baseline_db: Path | None = None, full: bool = False) -> list[dict]:
    """The incremental step of this checkout and of ``baseline``, interleaved (the order
    alternates by round), each on a fresh copy of ``db`` (indexed already: by a full step of
    either, whose rows are the same) with ``add`` articles added; the baseline's on a copy of
    ``baseline_db`` when given (when the two keep different states between builds, each its
    own database, warmed by a step of its own code). ``full``: the full step (1 process)
    instead, nothing added."""
    out = []
    for r in range(rounds):
        for name, code in (("this", ROOT), ("baseline", baseline))[::1 if r % 2 == 0 else -1]:
            work = db.parent / f"{db.stem}-pair.db"
            shutil.copy(baseline_db if name == "baseline" and baseline_db else db, work)
            if not full:
                add_articles(work, add, shares=shares)
            m = {**measured(work, full, 1, code=code), "code": name, "round": r, "load_after": round(os.getloadavg()[0], 1)}
            print(json.dumps(m), file=sys.stderr, flush=True)
            out.append(m)
            work.unlink()
    return out


def report(results: list[dict]) -> str:
    lines = ["| quotes | step | wall (s) | CPU (s) | peak RSS (MB) | regrouped | load avg before |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        rows = [(k, v) for k, v in r["full"].items()]
        rows.append((f"incremental, +{r['added_quotes']} quotes", r["incremental"]))
        if "baseline_full" in r:
            rows += [("baseline full (1 process)", r["baseline_full"]),
                     (f"baseline incremental, +{r['added_quotes']}", r["baseline_incremental"])]
        for name, m in rows:
            lines.append(f"| {r['quotes']:,} | {name} | {m['wall_s']:.1f} | {m['cpu_s']:.1f} | {m['peak_rss_mb']:,} | "
                         f"{m['regrouped']:,} | {m['load_before']} |")
        digests = {m["digest"] for m in [*r["full"].values(), *([r["baseline_full"]] if "baseline_full" in r else [])]}
        lines.append(f"| | full regroups identical (speakers, aliases, utterances, variants, links):"
                     f" {'yes' if len(digests) == 1 else 'NO'} | | | | | |")
        if "baseline_incremental" in r:
            same = r["incremental"]["digest"] == r["baseline_incremental"]["digest"]
            lines.append(f"| | incremental steps identical to the baseline's: {'yes' if same else 'NO'} | | | | | |")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, action="append")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/quotes-bench"))
    parser.add_argument("--add", type=int, default=10)
    parser.add_argument("--baseline", type=Path, help="another checkout to time in the same run")
    parser.add_argument("--modes", default="1,2,local", help="full steps to time: 1, 2 (workers), local")
    parser.add_argument("--unsure", type=float, help="synthetic corpus: share of unsure quotes (synth_corpus.py)")
    parser.add_argument("--speakerless", type=float, help="synthetic corpus: share of events without speaker")
    parser.add_argument("--pairs", type=int, help="only the incremental step of this checkout and of --baseline,"
                        " interleaved, this many rounds, on copies of the database of --quotes (indexed already)")
    parser.add_argument("--pairs-full", action="store_true", help="with --pairs: the full step (1 process) instead")
    parser.add_argument("--baseline-db", type=Path, help="with --pairs: the baseline's own database (warmed by it)")
    parser.add_argument("--db", type=Path, help="with --pairs: this checkout's database (default: that of --quotes)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step_main(args.step, args.full, args.workers, args.scheduler)
    else:
        args.dir.mkdir(parents=True, exist_ok=True)
        shares = {k: v for k, v in (("unsure", args.unsure), ("speakerless", args.speakerless)) if v is not None}
        if args.pairs:
            tag = "".join(f"-{k}{v}" for k, v in sorted(shares.items()))
            for n in args.quotes or [1_000_000]:
                print(json.dumps(incremental_pairs(args.db or args.dir / f"synth-{n}{tag}.db", args.baseline, args.pairs,
                                                   args.add, shares, args.baseline_db, args.pairs_full)))
            sys.exit(0)
        results = []
        for n in args.quotes or [1_000_000]:  # each size's table as soon as it is done
            results.append(bench(n, args.dir, args.add, args.baseline, args.modes.split(","), shares))
            print(report(results[-1:]), flush=True)
        print(report(results))
        print(json.dumps(results))
