"""The corpus step of a build (speakers and utterances): incremental vs full, and whether
building in steps gives the utterances a single build gives.

    python benchmarks/bench_corpus_step.py [--quotes 1000000] [--add 10] [--steps 4]

1. Scale: a database of ``--quotes`` quotes (bench_datasette's perturbed PolNeAR replicas,
   reused when it exists), plus ``--add`` new articles. On two copies of that same state it
   times ``update_corpus_index`` incremental (the default of ``quotes build``)
   and ``full=True`` (``--reindex``), and compares the two groupings.
2. Real articles: PolNeAR dev extracted once, stored in ``--steps`` batches with the corpus
   step after each (as successive builds do) and, separately, all at once; compares the
   utterances.

Agreement is over pairs of quotes: a pair grouped by one run and not by the other is a
disagreement (reported as precision/recall of the incremental pairs against the full run).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench_datasette  # noqa: E402
from common import machine, perturb  # noqa: E402


def pairs(db) -> set[tuple[str, str]]:
    groups = defaultdict(list)
    for qid, uid in db.execute("select id, utterance_id from quotes order by id"):
        groups[uid].append(qid)
    return {p for members in groups.values() for p in combinations(members, 2)}


def agreement(incremental: set, full: set) -> dict:
    both = len(incremental & full)
    return {"pairs_incremental": len(incremental), "pairs_full": len(full),
            "precision": both / len(incremental) if incremental else 1.0,
            "recall": both / len(full) if full else 1.0}


def add_articles(db, base, n: int, seed: int = 7) -> None:
    from quotes.store.db import save_article
    from quotes.model import Article

    rng = random.Random(seed)
    for k in range(n):
        doc, quotes = base[k % len(base)]
        text = perturb(doc["text"], rng, n=8)
        article = Article(doc_id=f"added~{k}", text=text, outlet="Outlet 99", published="2020-05-05")
        save_article(db, article, [replace(q, text=text[q.start:q.end]) for q in quotes])


def timed(db, full: bool) -> dict:
    from quotes.build import update_corpus_index

    start = time.perf_counter()
    counts = update_corpus_index(db, full=full)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the process's peak so far
    return {"seconds": seconds, "peak_rss_mb": peak, **counts}


def scale(n_quotes: int, add: int, db_path: Path) -> dict:
    from quotes.store.db import corpus_index_is_stale, open_db
    from quotes.build import update_corpus_index

    info_path = db_path.with_suffix(".json")
    if not db_path.exists() or not info_path.exists() or json.loads(info_path.read_text())["quotes"] < n_quotes:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        bench_datasette.build_big_db(db_path, n_quotes)
    base_db = open_db(str(db_path))
    if corpus_index_is_stale(base_db):  # e.g. indexed by older grouping rules: bring it up to date
        update_corpus_index(base_db, full=True)
    base_db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    base_db.close()
    base = [(d, q) for d, q in bench_datasette.base_extractions(bench_datasette.BENCH_DIR / "base.pickle") if q]
    with tempfile.TemporaryDirectory(dir=db_path.parent) as tmp:
        inc_path, full_path = Path(tmp) / "inc.db", Path(tmp) / "full.db"
        shutil.copy(db_path, inc_path)
        db = open_db(str(inc_path))
        add_articles(db, base, add)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(inc_path, full_path)
        full_db = open_db(str(full_path))
        inc = timed(db, full=False)  # first: its peak RSS is its own when the database existed
        full = timed(full_db, full=True)
        result = {"quotes": inc["quotes"], "add": add, "incremental": inc, "full": full,
                  "ratio": full["seconds"] / inc["seconds"], "agreement": agreement(pairs(db), pairs(full_db))}
        db.close()
        full_db.close()
    return result


def steps(n_steps: int) -> dict:
    from quotes.store.db import open_db, save_article
    from quotes.build import update_corpus_index
    from quotes.model import Article

    base = bench_datasette.base_extractions(bench_datasette.BENCH_DIR / "base.pickle")  # PolNeAR dev
    with tempfile.TemporaryDirectory() as tmp:
        stepped, once = open_db(f"{tmp}/steps.db"), open_db(f"{tmp}/once.db")
        size = -(-len(base) // n_steps)
        for k in range(0, len(base), size):
            for doc, quotes in base[k:k + size]:
                article = Article(doc_id=doc["doc_id"], text=doc["text"])
                save_article(stepped, article, quotes)
                save_article(once, article, quotes)
            update_corpus_index(stepped)
        update_corpus_index(once)
        tables = ("speakers", "speaker_aliases", "utterances", "variants", "quotes")
        same = {t: sorted(map(repr, stepped[t].rows)) == sorted(map(repr, once[t].rows)) for t in tables}
        return {"articles": len(base), "steps": n_steps, "quotes": once["quotes"].count,
                "identical_tables": same, "agreement": agreement(pairs(stepped), pairs(once))}


def report(result: dict) -> str:
    s, t = result["scale"], result["steps"]
    a = s["agreement"]
    lines = [f"corpus step — {result['machine']}",
             f"  {s['quotes']:,} quotes, {s['add']} articles added: incremental {s['incremental']['seconds']:.1f} s "
             f"(regrouped {s['incremental']['regrouped']:,} quotes, peak RSS {s['incremental']['peak_rss_mb']:,.0f} MB) "
             f"vs full {s['full']['seconds']:.1f} s (peak RSS {s['full']['peak_rss_mb']:,.0f} MB): "
             f"{s['ratio']:.1f}× faster; same pairs as full: precision {a['precision']:.4f} recall {a['recall']:.4f}",
             f"  PolNeAR {t['articles']} articles stored in {t['steps']} builds vs one: identical tables "
             f"{sum(t['identical_tables'].values())}/{len(t['identical_tables'])} {t['identical_tables']}; pairs "
             f"precision {t['agreement']['precision']:.4f} recall {t['agreement']['recall']:.4f} "
             f"({t['agreement']['pairs_full']:,} pairs)"]
    return "\n".join(lines)


def bench(n_quotes: int, add: int, n_steps: int, db_path: Path) -> dict:
    return {"machine": machine(), "scale": scale(n_quotes, add, db_path), "steps": steps(n_steps)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--add", type=int, default=10)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--db", type=Path, default=bench_datasette.BENCH_DIR / "1m" / "quotes.db")
    args = parser.parse_args()
    result = bench(args.quotes, args.add, args.steps, args.db)
    print(report(result))
    print(json.dumps(result))
