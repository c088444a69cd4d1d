"""Fit the speaker ranker and its confidence calibration (quotes/extract/ranker_weights.json).

usage: python training/train_ranker.py [--out quotes/extract/ranker_weights.json] [--cache DIR]
       python training/train_ranker.py --report dev     # figures of the shipped model on dev

Runs the extractor (rules, quote filter on) over PolNeAR train and records, for every quote
that matches a gold quote, every candidate speaker with its named features
(quotes.extract.ranking.candidate_features). A candidate is right when its mention overlaps
the gold speaker span, or its resolved name matches the gold speaker's name or the name the
gold span resolves to through the article's entity tracking (a gold "he" or "the senator"
becomes the person it names). Fits a logistic regression (default) or small boosted trees
(`--model trees`; scikit-learn, fixed seed: the `bench` extra), then a logistic calibration of
the chosen speaker's correctness on out-of-fold predictions (5 folds by document), and writes
the model as JSON. PolNeAR train has no coreference: how often a resolved mention (a "he",
"the senator") resolves to the right name (`resolution`) is measured on dev with the dev
resolved-speaker layer labels (benchmarks/polnear_dev_speaker_layer.jsonl); how often a guess (a bare
title or occupation resolved to the person the article is about: `guess`) names the right person
is measured on train's own labels of those guesses (GUESS_LABELS). The plainest rule attributions (`PLAIN_METHODS`) are not ranked at run
time: their confidence is the rules' precision on them in train. Deterministic: the same
rows give the same file byte for byte. Thresholds
(`no_speaker_below`: a short term or title whose best candidate scores below it is not a
quote) are chosen on dev. Never reads PolNeAR test.
"""
from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from quotes.evaluate import TITLE_WORDS  # noqa: E402  (the scorer's title words)

SEED = 0
TREES = dict(n_estimators=200, max_depth=3, learning_rate=0.1, subsample=1.0, random_state=SEED)


def norm(s):
    s = "".join(c for c in unicodedata.normalize("NFKD", s or "") if not unicodedata.combining(c))
    return " ".join("".join(ch if ch.isalnum() or ch == " " else " " for ch in s.lower()).split())


PRONOUNS = set("he she they it we i you him her them his its their".split())


def surname(s):
    w = [t for t in norm(s).split() if t not in TITLE_WORDS]
    return w[-1] if w else ""


def name_ok(pred, names):
    if not pred:
        return False
    p = norm(pred)
    return any(p == norm(n) or (surname(pred) and surname(pred) == surname(n)) for n in names if n)


def gold_pronoun(gq) -> bool:
    """The gold speaker is a pronoun: whom it refers to is our own resolution, no truth."""
    return bool(gq.get("speaker_is_pronoun")) or norm(gq.get("speaker")) in PRONOUNS


def overlap(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def parse_docs(split):
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import parse_for_attribution

    nlp = load_nlp()
    gold = [json.loads(x) for x in open(SHARED / "eval" / "polnear" / f"{split}.jsonl", encoding="utf-8")]
    for g in gold:
        marks, docs = parse_for_attribution(g["text"], nlp)
        if marks:
            yield g, g["text"], marks, docs


def collect(split):
    """[{doc, quote: (start, end), rule_ok, cands: [(features, label, name)]}] for matched quotes."""
    from quotes.extract.attribution import attribute_candidates
    from quotes.extract.candidates import View, head_token, speaker_of
    from quotes.extract.ranking import is_description, rank

    rows = []
    for g, text, marks, docs in parse_docs(split):
        golds = [q for q in g["quotes"] if q.get("speaker")]

        def record(ctx, mc, q, features):
            att, m, prev = View(ctx, mc), mc.mark, mc.previous
            if q.mark_style == "single":
                return True
            best = max(golds, key=lambda gq: overlap((m.start, m.end), (gq["start"], gq["end"])), default=None)
            if best is None or overlap((m.start, m.end), (best["start"], best["end"])) < 0.5:
                return True
            spans = [tuple(s) for s in best.get("speaker_spans") or []]
            names = []
            if not best.get("speaker_is_pronoun") and norm(best["speaker"]) not in PRONOUNS:
                names += [best["speaker"]] + list(best.get("speaker_aliases") or [])
            for s, e in spans:
                t = head_token(att.a, s, e)
                if t is not None:
                    got = speaker_of(att, t)
                    if got[1]:
                        names.append(got[1])
            scored = rank(att, m, q, prev, model={})
            cands = []
            for _, c, f in scored:
                hit = c.start is not None and any(overlap((c.start, c.end), sp) > 0 for sp in spans)
                # right: resolves to the gold speaker's name (or, when the gold names nobody we
                # can resolve, its mention is the gold span)
                # scored on names (with resolved-speaker layers), a description ("the ruling")
                # is never right: the article names the referent, or nobody can be scored
                ok = not is_description(c.name) and (name_ok(c.name, names) if names else hit)
                cands.append((f, int(ok), c.name))
            rows.append({"doc": g["doc_id"], "quote": (m.start, m.end), "gold_pronoun": gold_pronoun(best),
                         "rule_ok": name_ok(q.speaker, names) and not is_description(q.speaker),
                         "rule_speaker": q.speaker, "rule_method": q.method, "rule_conf": q.confidence,
                         "names": names, "cands": cands})
            return True

        attribute_candidates(text, marks, docs, ranker=record)
    return rows


def cached(split, cache):
    path = Path(cache) / f"ranker_rows_{split}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    rows = collect(split)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(rows))
    return rows


def matrix(rows, names=None):
    feats = [f for r in rows for f, _, _ in r["cands"]]
    if names is None:
        names = sorted({k for f in feats for k in f})
    X = [[f.get(k, 0.0) for k in names] for f in feats]
    y = [lab for r in rows for _, lab, _ in r["cands"]]
    groups = [i for i, r in enumerate(rows) for _ in r["cands"]]
    return X, y, groups, names


def export_trees(clf, names):
    init = float(clf.init_.class_prior_[1])
    trees = []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        trees.append({"f": [names[i] if i >= 0 else "" for i in t.feature],
                      "t": [round(float(x), 6) for x in t.threshold],
                      "l": [int(x) for x in t.children_left], "r": [int(x) for x in t.children_right],
                      "v": [round(float(v[0][0]), 6) for v in t.value]})
    return {"kind": "trees", "init": math.log(init / (1 - init)), "rate": clf.learning_rate, "trees": trees}


def ranked(rows, probs):
    """(row, [(probability, features, label, name)] best first) per quote, `probs` being the
    scores of every row's candidates in order."""
    k = 0
    for r in rows:
        items = sorted(((probs[k + i], f, lab, name) for i, (f, lab, name) in enumerate(r["cands"])),
                       key=lambda x: -x[0])
        k += len(r["cands"])
        yield r, items


def choose_rows(rows, probs, min_take: float):
    """Per quote: (calibration features, speaker right?, name) as the runtime decides: the
    ranker's best speaker when it differs from the rules' and scores >= min_take, else the
    rules' speaker (scored by its best candidate)."""
    from quotes.extract.ranking import confidence_features

    out = []
    for r, items in ranked(rows, probs):
        named = [it for it in items if it[3] and not it[1].get("type_not_speaker")]
        if not named:
            out.append((None, r["rule_ok"], None))
            continue
        best = named[0]
        second = next((it[0] for it in named if norm(it[3]) != norm(best[3])), 0.0)
        rule = next((it for it in named if r["rule_speaker"] and norm(it[3]) == norm(r["rule_speaker"])), None)
        if norm(best[3]) == norm(r["rule_speaker"]):
            cf = confidence_features(best[0], second, True, best[1])
            out.append((cf, bool(best[2]), best[3]))
        elif best[0] >= min_take or rule is None:
            if rule is None and best[0] < min_take:
                out.append((None, r["rule_ok"], None))  # the rules' speaker stands, unscored
                continue
            cf = confidence_features(best[0], second, False, best[1])
            out.append((cf, bool(best[2]), best[3]))
        else:
            cf = confidence_features(rule[0], best[0], True, rule[1])
            out.append((cf, bool(rule[2]), rule[3]))
    return out


def predict(clf, names, rows) -> list[float]:
    """The model's score of every row's candidates, in order."""
    X, _, _, _ = matrix(rows, names)
    return [float(p) for p in clf.predict_proba(X)[:, 1]]


def choose_min_take(probs, dev_rows) -> float:
    """The score above which the ranker overrides the rules, chosen on dev: the most
    conservative threshold among those with the best dev accuracy."""
    picks = []
    for r, items in ranked(dev_rows, probs):
        best = next(((p, lab, name) for p, f, lab, name in items if name and not f.get("type_not_speaker")), None)
        picks.append((best, r["rule_ok"], r["rule_speaker"]))
    results = []
    for tau in [x / 20 for x in range(4, 20)]:
        ok = 0
        for best, rule_ok, rule_speaker in picks:
            take = best is not None and norm(best[2]) != norm(rule_speaker) and best[0] >= tau
            ok += bool(best[1]) if take else bool(rule_ok)
        results.append((ok / len(picks), tau))
        print(f"# dev: min_take {tau:.2f}: speaker right {ok / len(picks):.4f}", file=sys.stderr)
    top = max(a for a, _ in results)
    return max(t for a, t in results if a == top)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(REPO / "quotes" / "extract" / "ranker_weights.json"))
    ap.add_argument("--cache", default=None, help="directory to keep the collected rows in")
    ap.add_argument("--model", default="logistic", choices=["trees", "logistic"])
    args = ap.parse_args()
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows = cached("train", args.cache)
    X, y, groups, names = matrix(rows)
    print(f"# train: {len(rows)} quotes, {len(y)} candidates, {sum(y)} right; rules right "
          f"{sum(r['rule_ok'] for r in rows) / len(rows):.4f}; some candidate right "
          f"{sum(any(l for _, l, _ in r['cands']) for r in rows) / len(rows):.4f}", file=sys.stderr)

    def fit(Xa, ya):
        if args.model == "trees":
            return GradientBoostingClassifier(**TREES).fit(Xa, ya)
        return LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False).fit(Xa, ya)

    clf = fit(X, y)
    min_take = choose_min_take(predict(clf, names, cached("dev", args.cache)), cached("dev", args.cache))
    # out-of-fold scores for the calibration (folds by document)
    docs = [rows[g]["doc"] for g in groups]
    oof = [0.0] * len(y)
    for tr, te in GroupKFold(n_splits=5).split(X, y, docs):
        fold = fit([X[i] for i in tr], [y[i] for i in tr])
        for i, p in zip(te, fold.predict_proba([X[i] for i in te])[:, 1]):
            oof[i] = float(p)
    chosen = choose_rows(rows, oof, min_take)
    acc = sum(ok for _, ok, _ in chosen) / len(rows)
    print(f"# train out-of-fold: speaker right {acc:.4f} (min_take {min_take})", file=sys.stderr)
    plain = plain_summary(rows, chosen)
    cal = fit_calibration(rows, chosen)
    dev_rows = cached("dev", args.cache)
    resolution = resolution_summary(dev_rows, predict(clf, names, dev_rows), min_take)
    guess = guess_summary(rows, chosen)

    if args.model == "trees":
        model = export_trees(clf, names)
    else:
        model = {"kind": "logistic", "weights": {k: round(float(w), 5) for k, w in zip(names, clf.coef_[0])}}
    model["calibration"] = cal
    model["resolution"] = resolution
    model["guess"] = guess
    model["min_take"] = min_take
    model["plain"] = plain
    model["features"] = names
    model["no_speaker_below"] = NO_SPEAKER_BELOW
    model["trained_on"] = f"PolNeAR train: {len(rows)} quotes, {len(y)} candidates; seed {SEED}"
    Path(args.out).write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"# wrote {args.out}", file=sys.stderr)


def fit_calibration(rows, chosen) -> dict:
    """The calibration: a logistic model of "the chosen speaker's mention is right" over
    `confidence_features`, fit on train out-of-fold choices, only of the quotes the ranker
    scores at run time (not the plain ones). For a gold "he" or "the senator" the label is
    whether the chosen mention resolves as the gold mention does (the mention is right);
    whether that resolution is right is the `resolution` factor, measured on dev."""
    from sklearn.linear_model import LogisticRegression

    chosen = [c for c, r in zip(chosen, rows) if c[0] is not None and not is_plain(r) and not r["gold_pronoun"]]
    cnames = sorted(chosen[0][0])
    cal = LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False).fit(
        [[cf[k] for k in cnames] for cf, _, _ in chosen], [int(ok) for _, ok, _ in chosen])
    return {k: round(float(w), 5) for k, w in zip(cnames, cal.coef_[0])}


DEV_LAYER = REPO / "benchmarks" / "polnear_dev_speaker_layer.jsonl"
# train's labels of who speaks where extraction guessed a role: the Trump articles' layer and
# the guesses it does not hold (benchmarks/speaker_layer_guide.md)
GUESS_LABELS = (REPO / "benchmarks" / "polnear_train_speaker_layer.jsonl",
                REPO / "benchmarks" / "polnear_train_guess_labels.jsonl")


def layer_names(split: str, paths, nulls: bool = False) -> dict:
    """{doc_id: [((start, end), [name, aliases...])]} from resolved-speaker layer labels
    (benchmarks/speaker_layer.py): the name a reader gives a gold pronoun or description
    speaker; a row with no name is left out, or kept with no names when `nulls`."""
    texts = {g["doc_id"]: g["text"] for g in map(json.loads, open(SHARED / "eval" / "polnear" / f"{split}.jsonl", encoding="utf-8"))}
    out: dict = {}
    for path in paths:
        for r in map(json.loads, open(path, encoding="utf-8")):
            if r.get("name_span") or nulls:
                text = texts[r["doc_id"]]
                names = ([text[slice(*r["name_span"])]] if r.get("name_span") else []) + [
                    text[s:e] for s, e in r.get("alias_spans") or []]
                out.setdefault(r["doc_id"], []).append(((r["start"], r["end"]), names))
    return out


def dev_layer_names() -> dict:
    """The dev resolved-speaker layer's names (`layer_names`)."""
    return layer_names("dev", [DEV_LAYER])


def guess_summary(rows, chosen) -> dict:
    """How often a guess (GUESS_HOWS: a bare title or occupation resolved to the person the
    article is about) whose mention is the gold one names the person a reader gives (train's
    labels, GUESS_LABELS; a label naming nobody counts against it), over train's out-of-fold
    choices, smoothed by one right and one wrong case: the factor a guess is stored at."""
    from quotes.extract.ranking import GUESS_HOWS, is_guess

    labels = layer_names("train", GUESS_LABELS, nulls=True)
    right = total = unlabelled = 0
    for r, (cf, ok, name) in zip(rows, chosen):
        method = r["rule_method"] if norm(name) == norm(r["rule_speaker"]) else None
        if cf is None or not ok or not is_guess(GUESS_HOWS, cf, method):
            continue
        names = next((n for span, n in labels.get(r["doc"], []) if overlap(span, r["quote"]) >= 0.5), None)
        if names is None:
            unlabelled += 1
            continue
        total += 1
        right += bool(names) and name_ok(name, names)
    print(f"# train: guesses whose mention is the gold one: {right}/{total} name the reader's person "
          f"({unlabelled} unlabelled)", file=sys.stderr)
    return {"hows": list(GUESS_HOWS), "precision": round((right + 1) / (total + 2), 3)}


def resolution_summary(dev_rows, probs, min_take) -> dict:
    """How often a resolved mention (a pronoun, a description, an appositive: RESOLVED_HOWS)
    whose mention is the gold one resolves to the name a reader gives (the dev layer), for
    the speakers the shipped model chooses on dev. PolNeAR train has no coreference, so this
    one figure is measured on dev (as min_take is chosen there)."""
    from quotes.extract.ranking import GUESS_HOWS, RESOLVED_HOWS, is_guess, is_resolved

    hows = tuple(h for h in RESOLVED_HOWS if h not in GUESS_HOWS)  # (guesses: guess_summary)
    layer = dev_layer_names()
    right = total = 0
    for r, (cf, ok, name) in zip(dev_rows, choose_rows(dev_rows, probs, min_take)):
        method = r["rule_method"] if norm(name) == norm(r["rule_speaker"]) else None
        if cf is None or not ok or is_guess(GUESS_HOWS, cf, method) or not is_resolved(hows, cf, method):
            continue
        names = next((n for span, n in layer.get(r["doc"], []) if overlap(span, r["quote"]) >= 0.5), None)
        if names:
            total += 1
            right += name_ok(name, names)
    print(f"# dev: resolved mentions that are the gold one: {right}/{total} resolve to the reader's name",
          file=sys.stderr)
    return {"hows": list(hows), "precision": round(right / total, 3)}


# The rules' plainest attributions, not ranked at run time (quotes.extract.ranking.is_plain):
# a name as subject of a speech verb next to the quote, before it or after it ("said Austin"),
# at full rule confidence.
PLAIN_METHODS = ("subject:name", "inverted:name")
PLAIN_MIN_RULE_CONFIDENCE = 0.9


def is_plain(r) -> bool:
    return r.get("rule_method") in PLAIN_METHODS and (r.get("rule_conf") or 0.0) >= PLAIN_MIN_RULE_CONFIDENCE


def kind_of(r) -> str:
    """"partial" or "full": the quote's kind (every candidate carries it as q_partial)."""
    return "partial" if r["cands"] and r["cands"][0][0].get("q_partial") else "full"


def plain_summary(rows, chosen) -> dict:
    """Each plain method's confidence, per quote kind (full, partial): how often the rules are
    right on it (train, gold speakers that are names), smoothed by one right and one wrong case. Prints how often the out-of-fold ranker would have overruled them."""
    confidence = {}
    for method in PLAIN_METHODS:
        named = [r for r in rows if is_plain(r) and r["rule_method"] == method and not r["gold_pronoun"]]
        right = sum(bool(r["rule_ok"]) for r in named)
        over = [(c, r) for c, r in zip(chosen, rows) if is_plain(r) and r["rule_method"] == method
                and c[2] is not None and norm(c[2]) != norm(r["rule_speaker"])]
        print(f"# train: plain {method}: {sum(is_plain(r) and r['rule_method'] == method for r in rows)} of "
              f"{len(rows)} quotes; rules right on {right}/{len(named)}; the out-of-fold ranker would "
              f"overrule {len(over)}, rightly {sum(bool(c[1]) for c, _ in over)}", file=sys.stderr)
        confidence[method] = {}
        for kind in ("full", "partial"):
            these = [r for r in named if kind_of(r) == kind]
            # (right + 1) / (n + 2): a method right on all of a few dozen cases is not certain
            confidence[method][kind] = round((sum(bool(r["rule_ok"]) for r in these) + 1) / (len(these) + 2), 3)
            print(f"#   {kind} quotes: rules right on {sum(bool(r['rule_ok']) for r in these)}/{len(these)}",
                  file=sys.stderr)
    return {"confidence": confidence, "min_rule_confidence": PLAIN_MIN_RULE_CONFIDENCE}


# chosen on dev with training/ranker_report.py: a quoted term or title whose best candidate
# scores below this is not a quote
NO_SPEAKER_BELOW = 0.0


if __name__ == "__main__":
    main()
