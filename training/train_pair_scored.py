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
5. Threshold: 5-fold cross-validation at the level of the grouping (folds of the judged
   pairs by seed ``SEED``, the others by position): for each fold and each threshold of
   ``GRID``, a model fitted on the other folds groups the whole train+dev extraction
   (``GroupingOptions(scored=True, scored_model=...)``) and the fold's ``fit`` pairs are
   scored on it (joins through a third quote count, as they do in the product). The
   threshold with the best out-of-fold F1 among those with precision >= ``MIN_PRECISION``
   wins (none: the best F1; ties: the higher threshold). About a minute.
6. ``--write`` stores it in ``quotes/corpus/pair_scored.json``; running it again reproduces
   the file byte for byte.
"""
from __future__ import annotations

import json
import pickle
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from quotes.corpus.grouping import GroupingOptions  # noqa: E402
from quotes.corpus.index import corpus_quotes, index_corpus  # noqa: E402
from quotes.corpus.pair_decision import SCORED_FEATURES, SCORED_FILE, PairModel, grams, scored_features  # noqa: E402
from train_pair_model import CACHE, LABELS, fit, fit_and_write, load_quotes, nearest, training_args  # noqa: E402

FIT_SPLITS = ("fit", "fit2")
FOLDS = 5
SEED = 13
MIN_PRECISION = 0.95
GRID = [round(0.3 + 0.05 * k, 2) for k in range(13)]


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
    """Per labelled pair: (features or None when the decision does not judge it, gold),
    (quote id a, quote id b), split."""
    out = []
    for r, a, b in labelled_pairs(by_key, splits):
        x = (scored_features(a[3], b[3], stats, a[2], int(a[1] != b[1]))
             if a is not None and b is not None and judged(a, b) else None)
        out.append(((x, r["label"] == "same"), (a and a[0], b and b[0]), r["split"]))
    return out


def records_of(cache: Path):
    """The corpus records of the extraction, as the corpus step reads them."""
    with open(cache, "rb") as f:
        extracted = pickle.load(f)
    return [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]


def folds(rows) -> dict[int, int]:
    """Row -> fold: the judged rows shuffled by ``SEED`` and dealt out; the others by position."""
    seen = [i for i, (x, _) in enumerate(rows) if x is not None]
    order = seen[:]
    random.Random(SEED).shuffle(order)
    fold = {i: k for k in range(FOLDS) for i in order[k::FOLDS]}
    return {i: fold.get(i, i % FOLDS) for i in range(len(rows))}


def model_of(rows, threshold: float) -> PairModel:
    mean, scale, w, b = fit(np.array([x for x, _ in rows]), np.array([g for _, g in rows], float))
    return PairModel(tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, w)), float(b), threshold)


def grouping(records, model: PairModel | None) -> dict[str, str]:
    """quote id -> utterance id of train+dev: the rules (``model`` None) or the scored decision."""
    opts = GroupingOptions(scored=model is not None, scored_model=model)
    return index_corpus(records, opts, with_diffs=False)[1].utterance_of


def tally(pairs, utterance_of) -> tuple[int, int, int]:
    """(TP, FP, FN) of (gold, quote id a, quote id b) pairs on a grouping."""
    tp = fp = fn = 0
    for gold, qa, qb in pairs:
        pred = qa is not None and qb is not None and utterance_of.get(qa) == utterance_of.get(qb)
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    return tp, fp, fn


def grouping_cv(records, rows, ids, fit_rows, grid=GRID) -> dict[float, tuple[int, int, int]]:
    """Out-of-fold (TP, FP, FN) of the ``fit_rows`` per threshold: each fold's pairs scored on a
    grouping of train+dev by a model fitted on the other folds' judged rows."""
    fold = folds(rows)
    totals = {t: (0, 0, 0) for t in grid}
    for k in range(FOLDS):
        train = [rows[i] for i in range(len(rows)) if rows[i][0] is not None and fold[i] != k]
        test = [(rows[i][1], *ids[i]) for i in fit_rows if fold[i] == k]
        for t in grid:
            got = tally(test, grouping(records, model_of(train, t)))
            totals[t] = tuple(a + b for a, b in zip(totals[t], got))
    return totals


def prf(t: tuple[int, int, int]) -> tuple[float, float, float]:
    tp, fp, fn = t
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def cross_validated_threshold(records, rows, ids, fit_rows) -> float:
    table = {t: prf(v) for t, v in grouping_cv(records, rows, ids, fit_rows).items()}
    p, r, f = prf(tally([(rows[i][1], *ids[i]) for i in fit_rows], grouping(records, None)))
    print(f"  the rules on the same fit pairs: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for t, (p, r, f) in table.items():
        print(f"  threshold {t:.2f}: grouping out of fold P {p:.3f} R {r:.3f} F1 {f:.3f}")
    ok = [t for t in table if table[t][0] >= MIN_PRECISION] or list(table)
    return max(ok, key=lambda t: (round(table[t][2], 9), t))


def main() -> None:
    args = training_args(__doc__)
    by_key, stats, _ = load_quotes(args.cache)
    table = scored_rows(by_key, stats)
    rows, ids = [t[0] for t in table], [t[1] for t in table]
    seen = [(x, gold) for x, gold in rows if x is not None]
    print(f"{len(rows)} fit pairs, {len(seen)} judged ({sum(g for _, g in seen)} same)")
    fit_rows = [i for i, t in enumerate(table) if t[2] == "fit"]
    threshold = cross_validated_threshold(records_of(args.cache), rows, ids, fit_rows)
    fit_and_write(SCORED_FEATURES, seen, threshold, args, SCORED_FILE)


if __name__ == "__main__":
    main()
