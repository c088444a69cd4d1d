"""Score the utterance grouping against the pairs labelled by reading (issue 13).

usage: python training/score_grouping.py [--errors fit|heldout|old] [--threshold T]

Groups all extracted PolNeAR quotes (``training/polnear_pairs.py``) with
``group_utterances``, as ``quotes extract`` does over the three splits, and counts a pair
as predicted same when both quotes carry the same ``group`` (an utterance quoted in two or
more articles). Prints precision, recall and F1 on ``benchmarks/pair_labels.jsonl`` (fit,
heldout, all; by stratum) and on the older ``polnear_group_labels.jsonl``. ``--errors``
lists the wrong pairs of one part with their labeller's reason (no article text).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.polnear_pairs import OLD_LABELS, load_labels, load_refs, prf, side_key  # noqa: E402
from quotes.corpus.grouping import GroupingOptions, group_labels  # noqa: E402


def score(labels, groups, key=lambda r: "all"):
    counts = defaultdict(lambda: [0, 0, 0, 0])
    errors = []
    for r in labels:
        if r["label"] == "unsure":
            continue
        ga, gb = groups.get(side_key(r["a"])), groups.get(side_key(r["b"]))
        pred = ga is not None and ga == gb
        gold = r["label"] == "same"
        for k in {key(r), "all"}:
            c = counts[k]
            c[0] += 1
            c[1] += pred and gold
            c[2] += pred and not gold
            c[3] += gold and not pred
        if pred != gold:
            errors.append(("false merge" if pred else "miss", r))
    return counts, errors


def table(title, counts):
    print(f"\n{title}\n\n| part | pairs | TP | FP | FN | precision | recall | F1 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for k in sorted(counts, key=lambda k: (k == "all", k)):
        n, tp, fp, fn = counts[k]
        p, r, f = prf(tp, fp, fn)
        print(f"| {k} | {n} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} | {f:.3f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", choices=("fit", "heldout", "old"))
    ap.add_argument("--threshold", type=float)
    args = ap.parse_args()
    refs = load_refs()
    t = time.perf_counter()
    groups = group_labels(refs, options=GroupingOptions(threshold=args.threshold))
    print(f"{len(refs)} quotes grouped in {time.perf_counter() - t:.1f}s")
    labels = load_labels()
    for part in ("fit", "heldout"):
        counts, errs = score([r for r in labels if r["split"] == part], groups, lambda r: r["stratum"])
        table(f"pair_labels.jsonl, {part}", counts)
        if args.errors == part:
            for kind, r in errs:
                print(f"{kind}\t{r['stratum']}\t{r['sample_index']}\t{r['reason']}")
    counts, _ = score(labels, groups, lambda r: r["split"])
    table("pair_labels.jsonl, all", counts)
    old = load_labels(OLD_LABELS)
    counts, errs = score(old, groups)
    table("polnear_group_labels.jsonl (390 older labels, read while writing the old rules)", counts)
    if args.errors == "old":
        for kind, r in errs:
            print(f"{kind}\t{r.get('reason', '')}")


if __name__ == "__main__":
    main()
