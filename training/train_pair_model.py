"""Fit the learned pair decision, the grouping's last tier (issue 13), and write its weights.

usage: python training/train_pair_model.py [--write] [--print-json] [--cache FILE]

1. Quotes: our extractor's PolNeAR train+dev quotes (``benchmarks/pair_predict.py extract``
   keeps them in a pickle), with the corpus-wide speaker ids as ``quotes extract`` gives them.
2. Pairs: the labelled pairs of ``benchmarks/pair_labels.jsonl`` of the splits ``FIT_SPLITS``
   (``fit``; the first sample's ``heldout`` fifth, whose misses were read for error classes
   and which is no longer blind; ``fit2``), unsure left out, that the tier can see: both
   quotes named, one speaker family, a shared word 3-gram with a content word. ``heldout2``,
   the blind held-out sample, is never read here. A labelled span is found in the extraction
   by its offsets, or the nearest quote of its document (``nearest``: offsets move when the
   extractor changes).
3. Features: ``quotes.corpus.pair_decision.pair_features``, with the phrase statistics of
   each speaker family over the whole extracted corpus, as the grouping computes them.
4. A logistic regression (L2 ``L2`` on standardised features, Newton steps in numpy: the
   result is the same on every run) on those pairs.
5. Threshold: 5-fold cross-validation within the fit pairs (folds by seed ``SEED``): each fold's
   pairs get the probability of a model fitted on the other four; the threshold of ``GRID``
   with the best F1 of the rules (grouping without this tier) OR the tier over all fit
   pairs wins (ties: the higher threshold).
6. ``--write`` stores features, means, scales, weights, bias and threshold (6 decimals) in
   ``quotes/corpus/pair_model.json``; running it again reproduces the file byte for byte.
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.corpus.grouping import GroupingOptions, alias_family, match_keys  # noqa: E402
from quotes.corpus.index import corpus_quotes, index_speakers, index_utterances  # noqa: E402
from quotes.corpus.pair_decision import (FEATURES, MODEL_FILE, PhraseStats, grams, pair_features,  # noqa: E402
                                         side_of_quote)
from quotes.corpus.textnorm import units  # noqa: E402
from quotes.corpus.unsure import is_unsure  # noqa: E402

CACHE = Path("/tmp/pairs2/polnear_extracted.pkl")  # benchmarks/pair_predict.py extract
FIT_SPLITS = ("fit", "heldout", "fit2")
TOLERANCE = 20  # characters a labelled span's start and length may have moved
LABELS = ROOT / "benchmarks" / "pair_labels.jsonl"
L2 = 1.0
FOLDS = 5
SEED = 13
GRID = [round(0.5 + 0.05 * k, 2) for k in range(10)]


def load_quotes(cache: Path):
    """(doc_id, start, end) -> quote record; rules' utterance of each quote id."""
    with open(cache, "rb") as f:
        extracted = pickle.load(f)
    records = [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]
    speakers = index_speakers(records)
    names = {s.id: s.name for s in speakers.speakers}
    rules = index_utterances(records, speakers, GroupingOptions(pair_model=False), with_diffs=False).utterance_of
    by_key, stats = {}, PhraseStats()
    rec = {r.quote_id: r for r in records}
    for article, quotes in extracted:
        for q in quotes:
            r = rec[q.quote_id(article.id)]
            sid = speakers.speaker_of.get(r.quote_id)
            family = (alias_family(names[sid]) if names.get(sid) else sid) if sid else None
            keys = match_keys(units(r.text))
            side = side_of_quote(keys, sid, r.published, r.outlet, r.said_from, r.said_to, is_unsure(r.method))
            stats.add(family, keys, side.day_min)
            by_key[(article.doc_id, q.start, q.end)] = (r.quote_id, sid, family, side)
    return by_key, stats, rules


def nearest(by_key, spans: dict, side: dict):
    """The extracted quote of a labelled span: same offsets, else the quote of its document
    nearest in start and length (within TOLERANCE), else None."""
    doc, start, end = side["doc_id"], side["start"], side["end"]
    if (doc, start, end) in by_key:
        return by_key[(doc, start, end)]
    near = [(abs(s - start) + abs((e - s) - (end - start)), s, e) for s, e in spans.get(doc, ())]
    best = min(near, default=None)
    return by_key[(doc, best[1], best[2])] if best and best[0] <= TOLERANCE else None


def pair_rows(by_key, stats, rules, splits=FIT_SPLITS):
    """Every labelled pair of ``splits``: (features or None when the tier cannot see it,
    gold, rules' answer)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc, start, end in by_key:
        spans.setdefault(doc, []).append((start, end))
    out = []
    with open(LABELS, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["label"] == "unsure" or r["split"] not in splits:
                continue
            a, b = nearest(by_key, spans, r["a"]), nearest(by_key, spans, r["b"])
            gold = r["label"] == "same"
            if a is None or b is None:
                out.append((None, gold, False))
                continue
            ruled = rules.get(a[0]) is not None and rules.get(a[0]) == rules.get(b[0])
            seen = (not ruled and a[1] and b[1] and a[2] == b[2] and bool(grams(a[3].keys) & grams(b[3].keys)))
            x = pair_features(a[3], b[3], stats, a[2], int(a[1] != b[1])) if seen else None
            out.append((x, gold, ruled))
    return out


def fit(X: np.ndarray, y: np.ndarray):
    mean = X.mean(0)
    scale = X.std(0)
    scale[scale == 0] = 1.0
    Z = np.hstack([(X - mean) / scale, np.ones((len(X), 1))])
    beta = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ beta))
        g = Z.T @ (p - y) + reg * beta
        H = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(reg)
        beta -= np.linalg.solve(H, g)
    return mean, scale, beta[:-1], beta[-1]


def predict(model, X: np.ndarray) -> np.ndarray:
    mean, scale, w, b = model
    return 1 / (1 + np.exp(-(((X - mean) / scale) @ w + b)))


def f1(rows, probs, t: float) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for (x, gold, ruled), p in zip(rows, probs):
        pred = ruled or (p is not None and p >= t)
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def cross_validated_threshold(rows) -> float:
    seen = [i for i, (x, _, _) in enumerate(rows) if x is not None]
    order = seen[:]
    random.Random(SEED).shuffle(order)
    probs: list[float | None] = [None] * len(rows)
    for k in range(FOLDS):
        test = set(order[k::FOLDS])
        train = [i for i in seen if i not in test]
        model = fit(np.array([rows[i][0] for i in train]), np.array([rows[i][1] for i in train], float))
        for i, p in zip(sorted(test), predict(model, np.array([rows[i][0] for i in sorted(test)]))):
            probs[i] = float(p)
    best = max(GRID, key=lambda t: (round(f1(rows, probs, t)[2], 9), t))
    print(f"rules alone on fit: P {f1(rows, [None] * len(rows), 2)[0]:.3f} R {f1(rows, [None] * len(rows), 2)[1]:.3f}"
          f" F1 {f1(rows, [None] * len(rows), 2)[2]:.3f}")
    for t in GRID:
        p, r, f = f1(rows, probs, t)
        print(f"  threshold {t:.2f}: rules OR tier, out-of-fold P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return best


def training_args(doc: str) -> argparse.Namespace:
    """--write, --cache, --print-json of a pair model's training script (with --print-json the
    report goes to stderr, the model file's text to stdout)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--print-json", action="store_true", help="print only the model file's text")
    args = ap.parse_args()
    if args.print_json:
        sys.stdout = sys.stderr
    return args


def main() -> None:
    args = training_args(__doc__)
    rows = pair_rows(*load_quotes(args.cache))
    seen = [(x, gold) for x, gold, _ in rows if x is not None]
    print(f"{len(rows)} fit pairs, {len(seen)} the tier can see ({sum(g for _, g in seen)} same)")
    threshold = cross_validated_threshold(rows)
    fit_and_write(FEATURES, seen, threshold, args, MODEL_FILE)


def fit_and_write(features, seen, threshold, args, path) -> None:
    """Fit the logistic regression on `seen` ((features, same) pairs), print its weights, and
    write the model file's text to `path` (--write) or stdout (--print-json)."""
    mean, scale, w, b = fit(np.array([x for x, _ in seen]), np.array([g for _, g in seen], float))
    data = {"features": list(features), "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale], "weights": [round(float(v), 6) for v in w],
            "bias": round(float(b), 6), "threshold": threshold}
    for name, weight in zip(features, data["weights"]):
        print(f"  {name:16} {weight:+.3f}")
    print(f"threshold {threshold}")
    text = json.dumps(data, indent=1) + "\n"
    if args.print_json:
        sys.__stdout__.write("model\n" + text)
    if args.write:
        path.write_text(text, encoding="utf-8")
        print(f"-> {path}")


if __name__ == "__main__":
    main()
