"""Extraction CPU time of this tree against another git ref (default: main), interleaved.

    python benchmarks/bench_versus.py [--base main] [--split dev] [--repeat 3]

Exports the base ref's `quotes` package to a temporary directory, then, in turn, times
`extract_articles` over the PolNeAR split's texts with the base package and with this tree's,
each in a fresh process (the spaCy model loaded and warmed up before the clock starts), best
of --repeat. CPU seconds of the process (`time.process_time`), so other load on the machine
counts less than in wall time; still noisy on a shared machine, hence interleaved.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TIMER = r"""
import json, sys, time
from quotes.extract.nlp import load_nlp
from quotes.extract.pipeline import extract_articles
from quotes.model import Article
docs = [json.loads(x) for x in open(sys.argv[1], encoding="utf-8")]
arts = [Article(doc_id=d["doc_id"], text=d["text"]) for d in docs]
nlp = load_nlp()
for _ in extract_articles(arts[:5], nlp=nlp):
    pass
t = time.process_time()
n = sum(len(q) for _, q in extract_articles(arts, nlp=nlp))
print(json.dumps({"cpu": time.process_time() - t, "quotes": n}))
"""


def run(package_root: Path, gold: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(package_root))
    out = subprocess.run([sys.executable, "-c", TIMER, str(gold)], cwd=package_root, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="main")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    gold = REPO.parent / "shared" / "eval" / "polnear" / f"{args.split}.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", args.base, "quotes"], cwd=REPO, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for name, root in ((args.base, Path(tmp)), ("this tree", REPO)):
                got = run(root, gold)
                if name not in best or got["cpu"] < best[name]["cpu"]:
                    best[name] = got
    base, this = best[args.base], best["this tree"]
    print(f"PolNeAR {args.split}, extract_articles CPU seconds, best of {args.repeat}, interleaved")
    print(f"  {args.base:10} {base['cpu']:7.2f} s  {base['quotes']} quotes")
    print(f"  this tree  {this['cpu']:7.2f} s  {this['quotes']} quotes")
    print(f"  ratio      {this['cpu'] / base['cpu']:7.3f} (this tree / {args.base})")


if __name__ == "__main__":
    main()
