"""Fit the pair decision of the utterance grouping (issue 13) and write its weights.

usage: python training/train_pair_model.py [--write] [--ablate]

1. Features (``quotes.corpus.pair_features``) of every labelled pair of
   ``benchmarks/pair_labels.jsonl`` with split ``fit`` (unsure pairs left out), computed on
   our extractor's PolNeAR quotes (``training/polnear_pairs.py``) with the phrase statistics
   of the whole extracted corpus, as the grouping computes them.
2. Small gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, the
   ``bench`` extra: 200 trees of depth 3, learning rate 0.05), *monotone* in the evidence
   (more shared words never lower the probability, a wider date gap or more days the phrase
   is quoted on never raise it: ``MONOTONE``), chosen over a logistic regression (also
   printed, fitted with numpy) and unconstrained trees by the 5-fold cross-validated F1
   within ``fit``.
3. Threshold, by 5-fold cross-validation within ``fit`` (folds by seed 13) of the whole
   grouping, not of the pairs alone (the grouping joins through leaders, which changes
   what a threshold does): for each fold, trees fitted on the other four folds group all
   quotes at each threshold of ``GRID``; the fold's labelled pairs are scored on the
   groups; the threshold with the best F1 summed over the folds wins. (``--quick``: the
   threshold of the best out-of-fold pair F1 instead.) The ``heldout`` pairs are never read
   here.
4. ``--write`` stores the trees (feature, threshold, children, leaf values), the prior and
   the threshold in ``quotes/corpus/pair_model.json``; ``quotes.corpus.pair_model`` walks
   them in plain Python. ``--ablate`` prints the cross-validated F1 without each feature.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.polnear_pairs import load_labels, load_refs, prf, side_key  # noqa: E402
from quotes.corpus.grouping import corpus_phrase_stats, pair_side_of, family_of_pair, speaker_relation  # noqa: E402
from quotes.corpus.pair_features import FEATURES, pair_features  # noqa: E402

MODEL = Path(__file__).resolve().parents[1] / "quotes" / "corpus" / "pair_model.json"
L2 = 1.0
FOLDS = 5
SEED = 13


def feature_rows(split: str | None = "fit", labels_path=None):
    refs = load_refs()
    by = {r.quote_id: r for r in refs}
    stats = corpus_phrase_stats(refs)
    labels = load_labels(labels_path) if labels_path else load_labels()
    n_lab = Counter(r["stratum"] for r in labels if r["label"] != "unsure")
    X, y, w, rows = [], [], [], []
    for r in labels:
        if r["label"] == "unsure" or (split and r.get("split") != split):
            continue
        a, b = by[side_key(r["a"])], by[side_key(r["b"])]
        rel = speaker_relation(a, b)
        X.append(pair_features(pair_side_of(a), pair_side_of(b), stats, family_of_pair(a, b), max(rel, 0)))
        y.append(r["label"] == "same")
        w.append(r["stratum_size"] / n_lab[r["stratum"]] if "stratum_size" in r else 1.0)
        rows.append(r)
    return np.array(X, float), np.array(y, float), np.array(w, float), rows


def fit(X, y, w, l2=L2):
    mu = X.mean(0)
    sd = X.std(0)
    sd[sd == 0] = 1.0
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    beta = np.zeros(Z.shape[1])
    w = w / w.mean()
    reg = np.full(Z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-Z @ beta))
        g = Z.T @ (w * (p - y)) + reg * beta
        H = (Z * (w * p * (1 - p))[:, None]).T @ Z + np.diag(reg)
        step = np.linalg.solve(H, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return mu, sd, beta[:-1], beta[-1]


def predict(model, X):
    mu, sd, coef, bias = model
    return 1 / (1 + np.exp(-(((X - mu) / sd) @ coef + bias)))


def folds(n):
    idx = list(range(n))
    random.Random(SEED).shuffle(idx)
    return [sorted(idx[k::FOLDS]) for k in range(FOLDS)]


def oof(X, y, w):
    out = np.zeros(len(y))
    for te in folds(len(y)):
        tr = np.setdiff1d(np.arange(len(y)), te)
        out[te] = predict(fit(X[tr], y[tr], w[tr]), X[te])
    return out


def wprf(p, y, w, t):
    pred = p >= t
    tp = (w * (pred & (y == 1))).sum()
    fp = (w * (pred & (y == 0))).sum()
    fn = (w * (~pred & (y == 1))).sum()
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


MONOTONE = {"contained": 1, "longest_run": 1, "cover_short": 1, "cover_long": 1, "bag_short": 1,
            "similarity": 1, "phrase_days": -1, "gap_days": -1, "said_conflict": -1,
            "said_points": 1, "edge_overlap": 1}
TREES = dict(max_depth=3, max_iter=200, learning_rate=0.05, l2_regularization=1.0, min_samples_leaf=10,
             early_stopping=False, random_state=0)


def fit_trees(X, y):
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(monotonic_cst=[MONOTONE.get(f, 0) for f in FEATURES],
                                          **TREES).fit(X, y)


def oof_trees(X, y):
    out = np.zeros(len(y))
    for te in folds(len(y)):
        tr = np.setdiff1d(np.arange(len(y)), te)
        out[te] = fit_trees(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    return out


def export_trees(model) -> dict:
    """The fitted trees as plain lists (``pair_model`` walks them)."""
    trees = []
    for (pred,) in model._predictors:
        nodes = pred.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({"feature": [-1 if lf else int(f) for f, lf in zip(nodes["feature_idx"], leaf)],
                      "threshold": [float(t) for t in nodes["num_threshold"]],
                      "left": [-1 if lf else int(x) for x, lf in zip(nodes["left"], leaf)],
                      "right": [-1 if lf else int(x) for x, lf in zip(nodes["right"], leaf)],
                      "value": [float(v) for v in nodes["value"]]})
    return {"prior": float(np.ravel(model._baseline_prediction)[0]), "rate": 1.0, "trees": trees}


GRID = tuple((t, m) for t in (0.3, 0.4) for m in (0.7, 0.8, 0.9, 2.0))  # (threshold, member_threshold)


def grouping_cv(X, y, rows, refs) -> dict[float, list[int]]:
    """(threshold, member_threshold) -> [TP, FP, FN] of the grouping over the five folds
    (see module doc)."""
    from quotes.corpus.grouping import GroupingOptions, group_labels
    from quotes.corpus.pair_model import PairModel

    counts = {t: [0, 0, 0] for t in GRID}
    for k, te in enumerate(folds(len(y))):
        tr = np.setdiff1d(np.arange(len(y)), te)
        model = PairModel({"features": list(FEATURES), "threshold": 0.5, **export_trees(fit_trees(X[tr], y[tr]))})
        for t in GRID:
            groups = group_labels(refs, options=GroupingOptions(model=model, threshold=t[0], member_threshold=t[1]))
            for i in te:
                r = rows[i]
                ga, gb = groups.get(side_key(r["a"])), groups.get(side_key(r["b"]))
                pred, gold = ga is not None and ga == gb, bool(y[i])
                counts[t][0] += pred and gold
                counts[t][1] += pred and not gold
                counts[t][2] += gold and not pred
        print(f"  fold {k + 1}/{FOLDS} grouped at {len(GRID)} thresholds", file=sys.stderr)
    return counts


def best_threshold(p, y, w):
    cands = np.round(np.arange(0.05, 0.96, 0.01), 2)
    scores = [(wprf(p, y, w, t)[2], -abs(t - 0.5), t) for t in cands]
    return max(scores)[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--ablate", action="store_true")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    X, y, w, rows = feature_rows("fit")
    one = np.ones_like(w)
    p = oof(X, y, one)
    t = best_threshold(p, y, one)
    pr, rc, f1 = wprf(p, y, one, t)
    print(f"fit: {len(y)} pairs, {int(y.sum())} same")
    print(f"logistic regression, 5-fold CV, threshold {t:.2f}: P {pr:.3f} R {rc:.3f} F1 {f1:.3f}")
    for name, c in sorted(zip(FEATURES, fit(X, y, one)[2]), key=lambda x: -abs(x[1])):
        print(f"  {name:15} {c:+.3f}")
    p = oof_trees(X, y)
    t, member = best_threshold(p, y, one), 2.0
    pr, rc, f1 = wprf(p, y, one, t)
    wpr, wrc, wf1 = wprf(p, y, w, t)
    print(f"boosted trees, 5-fold CV, threshold {t:.2f}: P {pr:.3f} R {rc:.3f} F1 {f1:.3f} "
          f"(re-weighted to the candidate space: P {wpr:.3f} R {wrc:.3f} F1 {wf1:.3f})")
    if args.ablate:
        for j, name in enumerate(FEATURES):
            keep = [k for k in range(X.shape[1]) if k != j]
            pj = oof_trees(X[:, keep], y)
            tj = best_threshold(pj, y, one)
            print(f"  without {name:15} CV F1 {wprf(pj, y, one, tj)[2]:.3f} (t={tj:.2f})")
    if not args.quick:
        counts = grouping_cv(X, y, rows, load_refs())
        print("grouping, 5-fold CV within fit:")
        for g in GRID:
            gp, gr, gf = prf(*counts[g])
            print(f"  threshold {g[0]:.2f} member {g[1]:.2f}: TP {counts[g][0]} FP {counts[g][1]} "
                  f"FN {counts[g][2]} P {gp:.3f} R {gr:.3f} F1 {gf:.3f}")
        # ties: the higher threshold, then the lower member threshold (member thresholds
        # 0.7-0.9 tie at 0.30 in the shipped fit; the seeds' Fox fragment needs 0.7 or less)
        t, member = max(GRID, key=lambda g: (round(prf(*counts[g])[2], 6), g[0], -g[1]))
        print(f"threshold {t:.2f}, member threshold {member:.2f}")
    model = fit_trees(X, y)
    if args.write:
        MODEL.write_text(json.dumps({
            "features": list(FEATURES), "threshold": float(t), "member_threshold": float(member),
            **export_trees(model),
            "trained_on": "benchmarks/pair_labels.jsonl split=fit (training/train_pair_model.py)",
        }) + "\n")
        print(f"-> {MODEL}")


if __name__ == "__main__":
    main()
