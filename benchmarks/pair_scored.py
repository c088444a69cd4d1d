"""The scored pair decision against the rules, on the same extraction (issue 13).

usage: python benchmarks/pair_scored.py cv [--cache FILE] [--grid T ...]   # fit only
       python benchmarks/pair_scored.py compare [--cache FILE]

``cv``: grouping-level 5-fold cross-validation on the ``fit`` pairs, as
``training/train_pair_scored.py`` chooses its threshold (its folds, its models, fitted on
``fit`` + ``fit2``): out-of-fold TP/FP/FN per threshold, and the rules on the same pairs.

``compare``: the rules and the shipped scored decision (``pair_scored.json``) on every split
(``fit`` in sample, the old fifth ``heldout``, ``fit2``, the blind ``heldout2``), and the
false-merge probe: pairs of ``fit`` + the old fifth labelled different whose shared 3-grams
the speaker's family is quoted with on ``STUMP_DAYS`` or more other days (a stump line), and
how many of them each joins.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from quotes.corpus.pair_decision import FEATURES, shipped_scored  # noqa: E402
from train_pair_model import CACHE, load_quotes  # noqa: E402
from train_pair_scored import GRID, grouping, grouping_cv, prf, records_of, scored_rows, tally  # noqa: E402

STUMP_DAYS = 3  # other days the family is quoted with the pair's shared words: a stump line
SPLITS = ("fit", "heldout", "fit2", "heldout2")
HEAD = "| {} | TP | FP | FN | P | R | F1 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |"


def line(name: str, t: tuple[int, int, int]) -> str:
    p, r, f = prf(t)
    return f"| {name} | {t[0]} | {t[1]} | {t[2]} | {p:.3f} | {r:.3f} | {f:.3f} |"


def cmd_cv(args) -> None:
    by_key, stats, _ = load_quotes(args.cache)
    table = scored_rows(by_key, stats)
    rows, ids = [t[0] for t in table], [t[1] for t in table]
    fit_rows = [i for i, t in enumerate(table) if t[2] == "fit"]
    records = records_of(args.cache)
    print(HEAD.format("fit pairs, 5-fold, out of fold"))
    print(line("rules (main)", tally([(rows[i][1], *ids[i]) for i in fit_rows], grouping(records, None))))
    for t, got in grouping_cv(records, rows, ids, fit_rows, args.grid).items():
        print(line(f"scored, threshold {t:.2f}", got))


def cmd_compare(args) -> None:
    by_key, stats, _ = load_quotes(args.cache)
    table = scored_rows(by_key, stats, SPLITS)
    records = records_of(args.cache)
    rules, scored = grouping(records, None), grouping(records, shipped_scored())
    print(HEAD.format("part"))
    for split in SPLITS:
        part = [(gold, *ids) for (x, gold), ids, sp in table if sp == split]
        print(line(f"{split}: rules (main)", tally(part, rules)))
        print(line(f"{split}: scored", tally(part, scored)))
    days = FEATURES.index("phrase_days")
    stump = [(gold, *ids) for (x, gold), ids, sp in table if sp in ("fit", "heldout") and not gold
             and x is not None and x[days] >= math.log1p(STUMP_DAYS)]
    print(f"\nfalse-merge probe: {len(stump)} pairs of fit + the old fifth labelled different whose shared"
          f" words the family is quoted with on >= {STUMP_DAYS} other days")
    print(f"  joined by the rules: {tally(stump, rules)[1]}; by the scored decision: {tally(stump, scored)[1]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("cv")
    s.add_argument("--cache", type=Path, default=CACHE)
    s.add_argument("--grid", type=float, nargs="+", default=GRID)
    s = sub.add_parser("compare")
    s.add_argument("--cache", type=Path, default=CACHE)
    args = ap.parse_args()
    {"cv": cmd_cv, "compare": cmd_compare}[args.cmd](args)


if __name__ == "__main__":
    main()
