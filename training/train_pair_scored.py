"""Fit the scored pair decision (issue 13: one scored decision per candidate pair) and write it.

usage: python training/train_pair_scored.py [--write] [--print-json] [--cache FILE]

1. Quotes and phrase statistics: as ``train_pair_model.py`` (``load_quotes``: our extractor's
   PolNeAR train+dev quotes from ``benchmarks/pair_predict.py extract``, corpus-wide speaker
   ids, the days each speaker family is quoted with each 3-gram).
2. Pairs: the labelled pairs of ``benchmarks/pair_labels.jsonl`` of ``FIT_SPLITS`` (``fit``
   and ``fit2``), unsure left out, that the decision judges: both quotes named, one speaker
   family, a shared word 3-gram with a content word (what the grouping's n-gram index finds).
   The old held-out fifth (``heldout``) and the blind ``heldout2`` are never read here: they
   are the comparison (``benchmarks/pair_scored.py``).
3. Features: ``quotes.corpus.pair_decision.scored_features`` (``SCORED_FEATURES``).
4. A logistic regression (``train_pair_model.fit``: L2 on standardised features, Newton
   steps in numpy, the same result on every run).
5. Threshold: 5-fold cross-validation over the judged pairs (folds by seed ``SEED``): each
   pair gets the probability of a model fitted on the other four folds. Over all fit pairs
   (a pair the decision does not judge counts as apart), the threshold of ``GRID`` with the
   best F1 among those with precision >= ``MIN_PRECISION`` wins (none: the best F1; ties:
   the higher threshold).
6. ``--write`` stores it in ``quotes/corpus/pair_scored.json``; running it again reproduces
   the file byte for byte.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from quotes.corpus.pair_decision import SCORED_FEATURES, SCORED_FILE, grams, scored_features  # noqa: E402
from train_pair_model import CACHE, LABELS, fit, load_quotes, nearest, predict  # noqa: E402

FIT_SPLITS = ("fit", "fit2")
FOLDS = 5
SEED = 13
MIN_PRECISION = 0.95
GRID = [round(0.3 + 0.05 * k, 2) for k in range(14)]


def judged(a, b) -> bool:
    """The decision judges this pair: both named, one family, a shared content 3-gram."""
    return bool(a[1] and b[1] and a[2] == b[2] and grams(a[3].keys) & grams(b[3].keys))


def labelled_pairs(by_key, splits=FIT_SPLITS):
    """(label record, extracted side a or None, side b or None) of every labelled pair of
    ``splits`` (unsure left out)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc, start, end in by_key:
        spans.setdefault(doc, []).append((start, end))
    with open(LABELS, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["label"] != "unsure" and r["split"] in splits:
                yield r, nearest(by_key, spans, r["a"]), nearest(by_key, spans, r["b"])


def scored_rows(by_key, stats, splits=FIT_SPLITS):
    """(features or None when the decision does not judge the pair, gold) per labelled pair."""
    out = []
    for r, a, b in labelled_pairs(by_key, splits):
        x = (scored_features(a[3], b[3], stats, a[2], int(a[1] != b[1]))
             if a is not None and b is not None and judged(a, b) else None)
        out.append((x, r["label"] == "same"))
    return out


def scores(rows, probs, t: float) -> tuple[float, float, float]:
    """(precision, recall, F1) with a join where the probability reaches ``t``."""
    tp = fp = fn = 0
    for (_, gold), p in zip(rows, probs):
        pred = p is not None and p >= t
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def out_of_fold(rows) -> list[float | None]:
    seen = [i for i, (x, _) in enumerate(rows) if x is not None]
    order = seen[:]
    random.Random(SEED).shuffle(order)
    probs: list[float | None] = [None] * len(rows)
    for k in range(FOLDS):
        test = sorted(order[k::FOLDS])
        train = [i for i in seen if i not in set(test)]
        model = fit(np.array([rows[i][0] for i in train]), np.array([rows[i][1] for i in train], float))
        for i, p in zip(test, predict(model, np.array([rows[i][0] for i in test]))):
            probs[i] = float(p)
    return probs


def cross_validated_threshold(rows) -> float:
    probs = out_of_fold(rows)
    table = {t: scores(rows, probs, t) for t in GRID}
    for t, (p, r, f) in table.items():
        print(f"  threshold {t:.2f}: out-of-fold P {p:.3f} R {r:.3f} F1 {f:.3f}")
    ok = [t for t in GRID if table[t][0] >= MIN_PRECISION] or GRID
    return max(ok, key=lambda t: (round(table[t][2], 9), t))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--print-json", action="store_true", help="print only the model file's text")
    args = ap.parse_args()
    if args.print_json:
        sys.stdout = sys.stderr  # the report goes to stderr, the file's text to stdout
    by_key, stats, _ = load_quotes(args.cache)
    rows = scored_rows(by_key, stats)
    seen = [(x, gold) for x, gold in rows if x is not None]
    print(f"{len(rows)} fit pairs, {len(seen)} judged ({sum(g for _, g in seen)} same)")
    threshold = cross_validated_threshold(rows)
    mean, scale, w, b = fit(np.array([x for x, _ in seen]), np.array([g for _, g in seen], float))
    data = {"features": list(SCORED_FEATURES), "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale], "weights": [round(float(v), 6) for v in w],
            "bias": round(float(b), 6), "threshold": threshold}
    for name, weight in zip(SCORED_FEATURES, data["weights"]):
        print(f"  {name:16} {weight:+.3f}")
    print(f"threshold {threshold}")
    text = json.dumps(data, indent=1) + "\n"
    if args.print_json:
        sys.__stdout__.write("model\n" + text)
    if args.write:
        SCORED_FILE.write_text(text, encoding="utf-8")
        print(f"-> {SCORED_FILE}")


if __name__ == "__main__":
    main()
