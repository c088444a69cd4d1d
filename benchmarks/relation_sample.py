"""Relation labels read by a person, scored against the classifier (issue 12: one vocabulary).

    quotes extract ../shared/eval/polnear/train.jsonl ../shared/eval/polnear/dev.jsonl --jsonl > /tmp/td.jsonl
    python benchmarks/relation_sample.py score /tmp/td.jsonl              # quotes.corpus.relations
    python benchmarks/relation_sample.py score /tmp/td.jsonl --site-rev 47b80b5   # the site's old function
    python benchmarks/relation_sample.py show /tmp/td.jsonl 10 20         # read pairs (terminal only)

`benchmarks/relation_labels.jsonl`: 100 pairs (a quote and the quote its utterance compares
it with), drawn at random (seed 100) from the variants of utterances quoted by two or more
articles of PolNeAR train+dev, and labelled by reading them (branch `grouping`, commit
1edab2a; 17 of them read again for this branch, all as labelled). Ids and offsets only: the
texts come from an extraction of train+dev, so PolNeAR text never enters the repository.

The guide the labels follow, in the vocabulary of ``quotes.corpus.relations``:
identical: the same characters; punctuation: the same words, other punctuation, case, marks
or contractions; truncation: one is a clean cut of the other; substitution: words replaced,
the rest kept; omission: words left out or added, none replaced; bracketed: an editor's
[insertion] is the difference; paraphrase: reworded, or cut and changed so much that only
some words are kept. A cut with one small change is labelled by the change.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.corpus.relations import relation_of  # noqa: E402

LABELS = ROOT / "benchmarks" / "relation_labels.jsonl"
# the site's own labels before the vocabulary was one (quotes/site/sqlfunctions.py at 47b80b5)
OLD_SPELLING = {"punctuation/case": "punctuation", "word substitution": "substitution",
                "omission/insertion": "omission", "bracketed insertion": "bracketed"}


def key(side: dict) -> tuple[str, int, int]:
    return side["doc_id"], side["start"], side["end"]


def texts(extraction: Path) -> dict[tuple[str, int, int], str]:
    out = {}
    with open(extraction, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for q in doc.get("quotes", []):
                out[(doc["doc_id"], q["start"], q["end"])] = q["text"]
    return out


def site_function(rev: str):
    """quotes_relation of quotes/site/sqlfunctions.py as committed at `rev`."""
    source = subprocess.run(["git", "show", f"{rev}:quotes/site/sqlfunctions.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location("old_sqlfunctions", f.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return lambda a, b: OLD_SPELLING.get(module.quotes_relation(a, b), module.quotes_relation(a, b))


def cmd_score(args) -> None:
    t = texts(args.extraction)
    rows = [json.loads(line) for line in open(LABELS, encoding="utf-8")]
    classify = site_function(args.site_rev) if args.site_rev else (lambda a, b: relation_of(a, b)[0])
    confusion = Counter()
    for r in rows:
        confusion[(r["relation"], classify(t[key(r["compared_with"])], t[key(r["quote"])]))] += 1
    ok = sum(n for (gold, pred), n in confusion.items() if gold == pred)
    print(f"{len(rows)} labelled pairs, accuracy {ok / len(rows):.3f} "
          f"({'site function at ' + args.site_rev if args.site_rev else 'quotes.corpus.relations'})")
    print("| read | classified | pairs |\n| --- | --- | ---: |")
    for (gold, pred), n in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {gold} | {pred} | {n} |")


def cmd_show(args) -> None:
    t = texts(args.extraction)
    rows = [json.loads(line) for line in open(LABELS, encoding="utf-8")]
    for r in rows[args.frm:args.to]:
        ref, var = t[key(r["compared_with"])], t[key(r["quote"])]
        print(f"=== #{r['sample_index']} read: {r['relation']} ({r['note']}); classified: "
              f"{relation_of(ref, var)[0]}\n  REF: {ref}\n  VAR: {var}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("extraction", type=Path, help="quotes extract --jsonl of PolNeAR train+dev")
    s.add_argument("--site-rev", help="score the site's quotes_relation at this git revision instead")
    s = sub.add_parser("show")
    s.add_argument("extraction", type=Path)
    s.add_argument("frm", type=int)
    s.add_argument("to", type=int)
    args = ap.parse_args()
    {"score": cmd_score, "show": cmd_show}[args.cmd](args)


if __name__ == "__main__":
    main()
