"""CPU and memory of the grouping alone, this checkout against another, on the same tasks.

    python benchmarks/bench_grouping_cpu.py --db /tmp/quotes-bench/synth-200000.db \\
        --baseline /tmp/main-checkout [--repeat 3] [--largest]

The corpus step's own pieces (``run.corpus_step``: speaker index, units, tasks of at most
50,000 quotes) cut the synthetic database (synth_corpus.py) into tasks once; they are
pickled next to it. Each checkout then groups every task (``families.group_units``, as a
worker does) in a fresh process, the two interleaved, ``--repeat`` times; printed: the
best CPU seconds, the peak RSS (and the RSS once the tasks are loaded), and a digest of
every utterance and variant, which must be equal. ``--largest``: the largest task only (the top family).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def dump_tasks(db_path: Path, out: Path, largest: bool = False) -> None:
    """The tasks of a full corpus step on ``db_path``, each a list of units' QuoteRefs
    (``largest``: the first, largest one only)."""
    from quotes.corpus.families import plan_tasks
    from quotes.run.corpus_step import staged_units, task_loader, unit_signatures
    from quotes.store.db import open_db

    db = open_db(str(db_path))
    stage, _, names, _ = staged_units(db, set(), None)
    load = task_loader(stage, names)
    planned = plan_tasks({u: n for u, (_, n) in unit_signatures(stage, names).items()}, 2)
    tasks = [load(t) for t in (planned[:1] if largest else planned)]
    with open(out, "wb") as handle:
        pickle.dump(tasks, handle, protocol=5)


def group_main(pkl: str, largest: bool) -> None:
    """In the measured process: group every task, print CPU, memory and the digest."""
    from quotes.corpus.families import group_units

    with open(pkl, "rb") as handle:
        tasks = pickle.load(handle)
    tasks = tasks[:1] if largest else tasks
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    digest = hashlib.sha256()
    start = time.process_time()
    for task in tasks:
        idx = group_units(task)
        for u in idx.utterances:
            digest.update(repr((u.id, u.speaker_id, u.text, u.reference_quote_id, u.n_quotes, u.quote_ids)).encode())
        for v in idx.variants:
            digest.update(repr((v.quote_id, v.utterance_id, v.reference_quote_id, v.relation, v.similarity,
                                v.diff)).encode())
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"quotes": sum(len(u) for t in tasks for u in t), "cpu_s": round(cpu, 1),
                      "loaded_rss_mb": round(loaded / 1024), "peak_rss_mb": round(peak / 1024),
                      "digest": digest.hexdigest()[:16]}))


def measured(code: Path, pkl: Path, largest: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    args = [sys.executable, str(HERE / "bench_grouping_cpu.py"), "--group", str(pkl)] + (["--largest"] if largest else [])
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True, cwd="/tmp").stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--baseline", type=Path, help="another checkout, timed in the same run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--largest", action="store_true", help="the largest task only")
    parser.add_argument("--group", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.group:
        return group_main(args.group, args.largest)
    pkl = args.db.with_suffix(".largest.pkl" if args.largest else ".tasks.pkl")
    if not pkl.exists():
        sys.path.insert(0, str(ROOT))
        dump_tasks(args.db, pkl, args.largest)
    codes = {"this": ROOT, **({"baseline": args.baseline} if args.baseline else {})}
    runs: dict[str, list[dict]] = {name: [] for name in codes}
    for _ in range(args.repeat):
        for name, code in codes.items():
            runs[name].append(measured(code, pkl, args.largest))
            print(name, runs[name][-1], "load", round(os.getloadavg()[0], 1), file=sys.stderr, flush=True)
    for name, rs in runs.items():
        best = min(rs, key=lambda r: r["cpu_s"])
        print(f"{name}: {best['quotes']:,} quotes, best CPU {best['cpu_s']} s of {[r['cpu_s'] for r in rs]}, "
              f"peak RSS {best['peak_rss_mb']} MB (after loading the tasks {best['loaded_rss_mb']} MB), "
              f"digest {best['digest']}")
    if args.baseline:
        print("identical output:", len({r["digest"] for rs in runs.values() for r in rs}) == 1)


if __name__ == "__main__":
    main()
