"""Fit the quote/not-quote weights of quotes/extract/quotefilter.py on PolNeAR train.

usage: python benchmarks/train_filter.py [--split train] [--C 1.0] [--recall 0.975] [--dev-recall 0.9786]

Runs the extractor with the filter off, labels every double-quoted candidate by its
overlap with a gold quote (>= 50 %, as the scorer matches), fits an L2 logistic regression
(scikit-learn, a bench-only dependency) and prints the WEIGHTS dict to paste into
quotes/extract/quotefilter.py. The weights are never fit on dev or test.

It also prints precision and recall out of fold (5 folds by article) at each threshold, and
the highest threshold whose out-of-fold recall is at least `--recall` (0.975 is the out-of-fold
recall (0.9758) the filter had before issue 18's term features), then the model's precision,
recall and F1 on dev's candidates at each threshold: KEEP_THRESHOLD is the highest threshold
whose dev recall keeps `--dev-recall` (0.9786, the filter's before stop 27: new features may buy
precision, never cost recall; the out-of-fold floor alone gave 0.60, where dev recall drops).
Dev chooses this one number, nothing else.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def overlap(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def collect(split: str):
    from quotes.extract.attribution import attribute_candidates
    from quotes.extract.pipeline import blank_quote_middles, disabled_pipes, ensure_pos, parse_text, segments_for
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp

    nlp = load_nlp()
    disable = disabled_pipes(nlp)
    gold = [json.loads(x) for x in open(SHARED / "eval" / "polnear" / f"{split}.jsonl", encoding="utf-8")]
    rows = []
    for g in gold:
        text = g["text"]
        marks = find_marks(text)
        if not marks:
            continue
        segs = segments_for(text, marks)
        docs = list(nlp.pipe([blank_quote_middles(parse_text(text[s:e]), marks, s) for s, e in segs],
                             disable=disable))
        for d in docs:
            ensure_pos(d)
        candidates = attribute_candidates(text, marks, [(s, d) for (s, _), d in zip(segs, docs)], use_filter=False)
        spans = [(q["start"], q["end"]) for q in g["quotes"]]
        for c in candidates:
            if c.quote.mark_style == "single":
                continue
            label = any(overlap((c.mark.start, c.mark.end), sp) >= 0.5 for sp in spans)
            rows.append((c.features, label, g.get("doc_id", "")))
    return rows


def out_of_fold(X, y, groups, names, C: float, threshold_floor: float):
    """Out-of-fold probabilities (5 folds by article) -> print P/R per threshold, return the
    highest threshold (in steps of 0.05) whose recall is >= `threshold_floor`."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from quotes.extract.quotefilter import hard_reject

    probs = [0.0] * len(y)
    for fit_rows, test_rows in GroupKFold(5).split(X, y, groups):
        clf = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
        clf.fit([X[i] for i in fit_rows], [y[i] for i in fit_rows])
        for i, p in zip(test_rows, clf.predict_proba([X[i] for i in test_rows])[:, 1]):
            probs[i] = 0.0 if hard_reject(dict(zip(names, X[i]))) else p
    return sweep("out of fold", probs, y, threshold_floor)


def sweep(part: str, probs, labels, floor: float):
    """Print precision, recall and F1 of `probs` against `labels` at each threshold 0.40-0.70
    and return the highest threshold whose recall is >= `floor` (None when none is)."""
    gold = sum(labels)
    best = None
    for step in range(8, 15):
        t = step / 20
        tp = sum(1 for p, g in zip(probs, labels) if p >= t and g)
        kept = sum(1 for p in probs if p >= t)
        print(f"# {part}, threshold {t:.2f}: precision {tp / kept:.4f} recall {tp / gold:.4f} "
              f"F1 {2 * tp / (kept + gold):.4f}", file=sys.stderr)
        if tp / gold >= floor:
            best = t
    print(f"# {part}: highest threshold with recall >= {floor}: {best}", file=sys.stderr)
    return best


def choose_on_dev(clf, names, floor: float) -> float:
    """The model fit on train, applied to dev's candidates: precision, recall and F1 (of the
    candidates, labelled as in `collect`) at each threshold, and the highest threshold whose
    dev recall is at least `floor` (KEEP_THRESHOLD). Dev chooses only this one number; the
    weights never see it."""
    from quotes.extract.quotefilter import hard_reject

    rows = collect("dev")
    probs = [0.0 if hard_reject(f) else p
             for (f, _, _), p in zip(rows, clf.predict_proba([[f[k] for k in names] for f, _, _ in rows])[:, 1])]
    return sweep("dev", probs, [lab for _, lab, _ in rows], floor)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train", choices=["train"])
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--recall", type=float, default=0.975, help="out-of-fold recall the threshold must keep")
    ap.add_argument("--dev-recall", type=float, default=0.9786,
                    help="dev candidate recall the threshold must keep (the filter's before stop 27: 0.9786)")
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    rows = collect(args.split)
    names = sorted(rows[0][0])
    X = [[f[k] for k in names] for f, _, _ in rows]
    y = [int(lab) for _, lab, _ in rows]
    clf = LogisticRegression(C=args.C, max_iter=2000, fit_intercept=False)
    clf.fit(X, y)
    acc = clf.score(X, y)
    print(f"# {len(rows)} candidates, {sum(y)} gold, train accuracy {acc:.4f}", file=sys.stderr)
    out_of_fold(X, y, [doc for _, _, doc in rows], names, args.C, args.recall)
    choose_on_dev(clf, names, args.dev_recall)
    print("WEIGHTS: dict[str, float] = {")
    for k, w in zip(names, clf.coef_[0]):
        print(f"    {k!r}: {w:.4f},")
    print("}")


if __name__ == "__main__":
    main()
