"""Accuracy of the relation class (``grouping.classify``) on 100 labelled variants (issue 13).

usage: python benchmarks/relation_score.py [--errors]

Labels: ``benchmarks/relation_labels.jsonl`` (recovered from the grouping branch, commit
1edab2a, ``benchmarks/relation_sample.py`` there): 100 grouped variants of PolNeAR
train+dev quotes drawn at random (seed 100) and labelled by reading against the quote they
were compared with, in the vocabulary of ``grouping.RELATIONS`` (identical, punctuation,
truncation, substitution, omission, bracketed, paraphrase; a cut with one small change:
the change decides; a cut with several changes of different kinds: paraphrase). Ids and
offsets only: the texts are read from the PolNeAR articles (``text[start:end]``), never
copied here.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.corpus.grouping import classify  # noqa: E402
from quotes.corpus.textnorm import units  # noqa: E402

POLNEAR = Path("/work/shared/eval/polnear")
LABELS = ROOT / "benchmarks" / "relation_labels.jsonl"


def article_texts() -> dict[str, str]:
    out = {}
    for split in ("train", "dev"):
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                out[d["doc_id"]] = d["text"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="print the misread pairs (terminal only)")
    args = ap.parse_args()
    arts = article_texts()
    rows = [json.loads(line) for line in open(LABELS, encoding="utf-8")]
    ok, confusion = 0, Counter()
    for r in rows:
        ref = arts[r["compared_with"]["doc_id"]][r["compared_with"]["start"]:r["compared_with"]["end"]]
        var = arts[r["quote"]["doc_id"]][r["quote"]["start"]:r["quote"]["end"]]
        pred = classify(units(ref), units(var), ref, var)[0]
        ok += pred == r["relation"]
        confusion[(r["relation"], pred)] += 1
        if args.errors and pred != r["relation"]:
            print(f"#{r['sample_index']} label {r['relation']} predicted {pred} ({r['note']})\n  REF {ref}\n  VAR {var}")
    print(f"{len(rows)} labelled variants, accuracy {ok / len(rows):.3f}")
    print("| label | predicted | pairs |\n| --- | --- | ---: |")
    for (gold, pred), n in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {gold} | {pred} | {n} |")


if __name__ == "__main__":
    main()
