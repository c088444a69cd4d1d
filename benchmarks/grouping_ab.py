"""Grouping time of this tree against another tree's, interleaved, best of several rounds.

usage: python benchmarks/grouping_ab.py OTHER_TREE [--n 200000] [--rounds 3]

The synthetic corpus of ``cluster_speed.py`` (PolNeAR train+dev originals only, copied into
fake outlets with perturbations until there are ``--n`` quotes) is written once; then each
round times ``group_utterances`` (with diffs) in a fresh process of each tree, alternately
(this tree first in odd rounds, the other first in even ones), and the best time of each
tree is kept. OTHER_TREE is a checkout of the code to compare with, e.g. ``git archive main
quotes | tar -x -C /tmp/main``. The machine is shared: single timings are noisy, so read
the ratio of the best times.
"""
from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cluster_speed import synthetic  # noqa: E402

TIMER = """
import pickle, sys, time
sys.path.insert(0, sys.argv[1])
from quotes.corpus.grouping import QuoteRef, group_utterances
rows = pickle.load(open(sys.argv[2], "rb"))
refs = [QuoteRef(*r) for r in rows]
t = time.perf_counter()
group_utterances(refs)
print(time.perf_counter() - t)
"""


def time_tree(tree: Path, data: Path) -> float:
    out = subprocess.run([sys.executable, "-c", TIMER, str(tree), str(data)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("other", type=Path)
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    refs, _, n_orig = synthetic(args.n, 1, splits=("train", "dev"))
    rows = [(r.quote_id, r.article_id, r.outlet, r.speaker_id, r.text, r.published) for r in refs]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "refs.pkl"
        data.write_bytes(pickle.dumps(rows))
        print(f"{len(rows)} quotes from {n_orig} train+dev originals")
        best = {"this": float("inf"), "other": float("inf")}
        for k in range(args.rounds):
            order = [("this", ROOT), ("other", args.other)]
            for name, tree in (order if k % 2 == 0 else order[::-1]):
                s = time_tree(tree, data)
                best[name] = min(best[name], s)
                print(f"round {k + 1} {name:5} {s:6.1f} s")
    print(f"best: this {best['this']:.1f} s, other {best['other']:.1f} s, ratio {best['this'] / best['other']:.2f}")


if __name__ == "__main__":
    main()
