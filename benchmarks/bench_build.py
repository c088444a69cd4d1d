"""`quotes build`: first build vs unchanged rebuild vs adding articles, the corpus-index
cost, and peak RSS as the corpus grows.

    python benchmarks/bench_build.py incremental [--docs 84] [--add 10]
    python benchmarks/bench_build.py memory [--sizes 1000,10000] [--workers 2]

Inputs are PolNeAR articles (and same-length perturbed replicas of them) written to a
temporary directory. The memory corpus uses short replicas (the paragraphs up to the first
quote) so that 10,000 articles parse in minutes; what is measured is whether memory grows
with the number of articles, not with their length.
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, machine, polnear_docs, replicate, run, write_jsonl  # noqa: E402


def counts(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if "articles extracted" in line]
    return re.sub(r"^.*?: ", "", lines[-1]) if lines else stderr[-200:]


def incremental(docs: int | None = 84, add: int = 10, split: str = "dev") -> dict:
    corpus = polnear_docs((split,), docs)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = write_jsonl(tmp / "corpus.jsonl", ({"doc_id": d["doc_id"], "outlet": d.get("outlet"),
                                                    "text": d["text"]} for d in corpus))
        extra = write_jsonl(tmp / "added.jsonl", replicate(corpus, add, seed=1))
        db = str(tmp / "quotes.db")
        build = [PYTHON, "-m", "quotes", "build", "--db", db]
        first = run(build + [str(base)], sample_rss=True)
        # a sub-second run: best of 3, so one hiccup of a shared machine does not decide it
        again = min((run(build + [str(base)], sample_rss=True) for _ in range(3)), key=lambda r: r["seconds"])
        added = run(build + [str(base), str(extra)], sample_rss=True)
        from quotes.store.db import open_db
        from quotes.build import update_corpus_index

        handle = open_db(db)
        n_quotes = handle["quotes"].count
        start = time.perf_counter()
        update_corpus_index(handle, full=True)
        index_s = time.perf_counter() - start
        handle.close()
    rows = {"first build": first, "unchanged rebuild": again, f"add {add} articles": added}
    return {
        "docs": len(corpus), "add": add, "quotes": n_quotes, "machine": machine(),
        "rows": {name: {"seconds": r["seconds"], "peak_rss_mb": r["peak_rss_mb"], "counts": counts(r["stderr"]),
                        "ratio_to_first": first["seconds"] / r["seconds"]} for name, r in rows.items()},
        "corpus_index_s": index_s,
    }


def memory(sizes=(1000, 10000), workers: int = 2, split: str = "train") -> dict:
    corpus = polnear_docs((split,))
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in sizes:
            src = write_jsonl(tmp / f"corpus-{n}.jsonl", replicate(corpus, n, seed=n, short=True))
            db = tmp / f"quotes-{n}.db"
            result = run([PYTHON, "-m", "quotes", "build", str(src), "--db", str(db), "--workers", str(workers)],
                         sample_rss=True)
            conn = sqlite3.connect(db)
            n_quotes = conn.execute("select count(*) from quotes").fetchone()[0]
            conn.close()
            rows[n] = {"seconds": result["seconds"], "peak_rss_mb": result["peak_rss_mb"], "quotes": n_quotes,
                       "words": sum(len(json.loads(line)["text"].split()) for line in src.open(encoding="utf-8")),
                       "counts": counts(result["stderr"])}
    return {"workers": workers, "machine": machine(), "rows": rows}


def report_incremental(result: dict) -> str:
    lines = [f"build: PolNeAR dev, {result['docs']} articles ({result['quotes']:,} quotes) — {result['machine']}"]
    for name, row in result["rows"].items():
        lines.append(f"  {name:20} {row['seconds']:7.2f} s  first/this {row['ratio_to_first']:6.1f}×  "
                     f"peak RSS {row['peak_rss_mb']:5.0f} MB   {row['counts']}")
    lines.append(f"  corpus index (db.update_corpus_index, full rebuild): {result['corpus_index_s']:.2f} s")
    return "\n".join(lines)


def report_memory(result: dict) -> str:
    lines = [f"memory: quotes build --workers {result['workers']} on short perturbed PolNeAR replicas "
             f"(peak RSS of the whole process tree) — {result['machine']}"]
    for n, row in result["rows"].items():
        lines.append(f"  {int(n):7,} articles {row['words']:10,} words {row['quotes']:8,} quotes  "
                     f"{row['seconds']:7.1f} s  peak RSS {row['peak_rss_mb']:6.0f} MB   {row['counts']}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    inc = sub.add_parser("incremental")
    inc.add_argument("--docs", type=int, default=84)
    inc.add_argument("--add", type=int, default=10)
    mem = sub.add_parser("memory")
    mem.add_argument("--sizes", default="1000,10000")
    mem.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.what == "incremental":
        result = incremental(args.docs, args.add)
        print(report_incremental(result))
    else:
        result = memory(tuple(int(s) for s in args.sizes.split(",")), args.workers)
        print(report_memory(result))
    print(json.dumps(result))
