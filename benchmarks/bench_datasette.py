"""Datasette on a large database: build one with N quotes (default 1,000,000) by replicating
real PolNeAR articles with same-length perturbations (spaCy runs once per original article,
never per replica), then time the main pages and the canned queries with Datasette's own
client, configured as `quotes serve` configures it (immutable, project metadata, settings).

    python benchmarks/bench_datasette.py [--quotes 1000000] [--db /tmp/quotes-bench/1m/quotes.store.db]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, perturb, polnear_docs  # noqa: E402

OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
TARGET_MS = 500
BENCH_DIR = Path("/tmp/quotes-bench")  # replicas of PolNeAR: outside the repository


def base_extractions(cache: Path, splits=("dev",)) -> list[tuple[dict, list]]:
    """(document, quotes) for the original articles, extracted once and cached (pickle)."""
    import pickle

    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from quotes.extract.pipeline import extract_articles
    from quotes.model import Article

    docs = polnear_docs(splits)
    arts = [Article(doc_id=d["doc_id"], text=d["text"]) for d in docs]
    result = [({"doc_id": a.doc_id, "text": a.text}, q) for a, q in extract_articles(arts)]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(result))
    return result


def build_big_db(path: Path, n_quotes: int, seed: int = 0) -> dict:
    """Write replicas with quotes.store.db.save_article until n_quotes, then index the corpus."""
    from quotes.store.db import analyze, open_db, save_article
    from quotes.build import update_corpus_index
    from quotes.model import Article

    base = [(d, q) for d, q in base_extractions(BENCH_DIR / "base.pickle") if q]
    rng = random.Random(seed)
    path.unlink(missing_ok=True)
    db = open_db(str(path))
    db.execute("PRAGMA synchronous = NORMAL")  # a benchmark fixture: no fsync per article
    total, k = 0, 0
    start = time.perf_counter()
    while total < n_quotes:
        doc, quotes = base[k % len(base)]
        text = perturb(doc["text"], rng, n=8)
        suffix = "" if k % 4 == 0 else f" {k % 5000:04d}"  # many speakers, a few very big ones
        day = f"20{16 + k % 8}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        article = Article(doc_id=f"{doc['doc_id']}~{k}", text=text, outlet=OUTLETS[k % len(OUTLETS)],
                          title=text.split("\n", 1)[0][:200], published=day)
        new = [replace(q, text=text[q.start:q.end], speaker=(q.speaker + suffix) if q.speaker else None)
               for q in quotes]
        save_article(db, article, new)
        total += len(new)
        k += 1
    write_s = time.perf_counter() - start
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    update_corpus_index(db)
    index_s = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    analyze(db)  # as `quotes build` does at the end
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.disable_wal()
    db.close()
    info = {"articles": k, "quotes": total, "write_s": write_s, "index_s": index_s,
            "index_peak_rss_mb": rss_after / 1024, "rss_before_index_mb": rss_before / 1024,
            "size_mb": path.stat().st_size / 2**20}
    path.with_suffix(".json").write_text(json.dumps(info))
    return info


def pages(db) -> list[str]:
    """The main pages and every canned query, with realistic arguments from the data."""
    import yaml

    from quotes.site import METADATA_PATH

    speaker = db.execute("select speaker_id from quotes where speaker_id is not null "
                         "group by speaker_id order by count(*) desc limit 1").fetchone()[0]
    name = db.execute("select name from speakers where id = ?", [speaker]).fetchone()[0]
    quote = db.execute("select id from quotes order by rowid desc limit 1").fetchone()[0]
    article = db.execute("select id from articles order by rowid desc limit 1").fetchone()[0]
    outlet = db.execute("select id from outlets limit 1").fetchone()[0]
    utterance = db.execute("select id from utterances order by n_quotes desc limit 1").fetchone()[0]
    urls = ["/", "/quotes", "/quotes/quotes", "/quotes/quotes?_search=language+barrier",
            "/quotes/quotes?_search=president",  # worst case: a word in 4% of all quotes
            f"/quotes/quotes?speaker_id={speaker}", "/quotes/quotes?_sort_desc=confidence",
            "/quotes/articles", f"/quotes/articles?outlet_id={outlet}", "/quotes/speakers",
            "/quotes/utterances", "/quotes/outlets", f"/quotes/quotes/{quote}",
            f"/quotes/articles/{article}", f"/quotes/speakers/{speaker}", f"/quotes/utterances/{utterance}",
            f"/quotes/outlets/{outlet}", "/-/search?q=president"]
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    surname = name.split()[-1] if name.split() else name
    for query, spec in metadata["databases"]["quotes"].get("queries", {}).items():
        import re

        params = sorted(set(re.findall(r":(\w+)", spec["sql"])))
        args = "&".join(f"{p}={surname}" for p in params)
        urls.append(f"/quotes/{query}" + (f"?{args}" if args else ""))
    return urls


async def time_pages(path: Path, repeat: int = 3) -> list[dict]:
    import sqlite3

    import yaml
    from datasette.app import Datasette

    from quotes.site import METADATA_PATH, SETTINGS

    conn = sqlite3.connect(path)
    urls = pages(conn)
    conn.close()
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(path)], metadata=metadata, settings=SETTINGS)
    await ds.invoke_startup()
    rows = []
    for url in urls:
        first = await ds.client.get(url)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = await ds.client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        rows.append({"url": url, "status": response.status_code, "first_ms": None,
                     "median_ms": statistics.median(times), "max_ms": max(times)})
    return rows


def bench(n_quotes: int, db_path: Path, rebuild: bool = False) -> dict:
    info_path = db_path.with_suffix(".json")
    if rebuild or not db_path.exists() or not info_path.exists() or json.loads(info_path.read_text())["quotes"] < n_quotes:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        info = build_big_db(db_path, n_quotes)
    else:
        info = json.loads(info_path.read_text())
    return {"db": info, "pages": asyncio.run(time_pages(db_path)), "machine": machine()}


def report(result: dict) -> str:
    db = result["db"]
    lines = [f"datasette: {db['quotes']:,} quotes in {db['articles']:,} articles ({db['size_mb']:,.0f} MB); "
             f"written in {db['write_s']:.0f} s, corpus index {db['index_s']:.1f} s "
             f"(peak RSS {db['index_peak_rss_mb']:,.0f} MB) — {result['machine']}"]
    for row in result["pages"]:
        flag = "ok " if row["status"] == 200 and row["median_ms"] < TARGET_MS else "SLOW" if row["status"] == 200 else str(row["status"])
        lines.append(f"  {flag:4} {row['median_ms']:7.0f} ms (max {row['max_ms']:5.0f})  {row['url'][:90]}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=BENCH_DIR / "1m" / "quotes.db",
                        help="must be named quotes.db (Datasette names the database after the file)")
    parser.add_argument("--rebuild", action="store_true", help="build the database even if it exists")
    args = parser.parse_args()
    result = bench(args.quotes, args.db, args.rebuild)
    print(report(result))
    print(json.dumps(result))
