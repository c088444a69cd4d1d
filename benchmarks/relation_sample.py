"""Relation labels read by a person, scored against the classifier (issue 12: one vocabulary).

    quotes extract ../shared/eval/polnear/train.jsonl ../shared/eval/polnear/dev.jsonl --jsonl > /tmp/td.jsonl
    python benchmarks/relation_sample.py score /tmp/td.jsonl              # quotes.corpus.relations
    python benchmarks/relation_sample.py score /tmp/td.jsonl --site-rev 47b80b5   # the site's old function
    python benchmarks/relation_sample.py show /tmp/td.jsonl 10 20         # read pairs (terminal only)
    quotes build ../shared/eval/polnear/train.jsonl ../shared/eval/polnear/dev.jsonl --db /tmp/td.db
    python benchmarks/relation_sample.py pairs /tmp/td.db                 # the cross-outlet sample
    python benchmarks/relation_sample.py score /tmp/td.jsonl --labels benchmarks/relation_pair_labels.jsonl

`benchmarks/relation_labels.jsonl`: 100 pairs (a quote and the quote its utterance compares
it with), drawn at random (seed 100) from the variants of utterances quoted by two or more
articles of PolNeAR train+dev, and labelled by reading them (branch `grouping`, commit
1edab2a; 17 of them read again for this branch, all as labelled). Ids and offsets only: the
texts come from an extraction of train+dev, so PolNeAR text never enters the repository.

`benchmarks/relation_pair_labels.jsonl`: 100 cross-outlet pairs (two quotes of one utterance
printed by two outlets, A the outlet first by name, as the `outlet_pairs` canned query pairs
them), drawn at random (seed 12) from the 103 such pairs of a train+dev build, read and
labelled for this branch before scoring. Label "none": the two quotes are different parts
of the utterance (or different statements) and no relation fits; scored apart.

The guide the labels follow, in the vocabulary of ``quotes.corpus.relations``:
identical: the same characters; punctuation: the same words, other punctuation, case, marks
or contractions; truncation: one is a clean cut of the other; substitution: words replaced,
the rest kept; omission: words left out or added, none replaced; bracketed: an editor's
[insertion] is the difference; paraphrase: reworded, or cut and changed so much that only
some words are kept. A cut with one small change (or changes of one kind) is labelled by
the change; a cut that leaves out an editor's [insertion] is bracketed.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.corpus.relations import relation_of  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import POLNEAR, module_at, nearest_quote  # noqa: E402

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


def text_of(t: dict, spans: dict, side: dict, articles: dict[str, str] | None = None) -> str:
    """The labelled quote's text: the extraction's quote at its offsets (`common.nearest_quote`
    when they moved), else the article's own characters at the labelled offsets (an extractor
    that no longer finds the quote, or cuts it otherwise, leaves the labelled pair as it was
    read: offsets index the text as given, FORMAT.md)."""
    k = key(side) if key(side) in t else nearest_quote(spans, *key(side))
    if k is not None:
        return t[k]
    text = (articles or {}).get(side["doc_id"])
    if text is None:
        raise SystemExit(f"labelled quote {key(side)} not in the extraction, and its article not in {POLNEAR}")
    return text[side["start"]:side["end"]]


def article_texts(doc_ids: set[str]) -> dict[str, str]:
    """The PolNeAR train+dev texts of `doc_ids` ({} without ../shared)."""
    out = {}
    for split in ("train", "dev"):
        path = POLNEAR / f"{split}.jsonl"
        if path.exists():
            with open(path, encoding="utf-8") as f:
                for line in f:
                    doc = json.loads(line)
                    if doc["doc_id"] in doc_ids:
                        out[doc["doc_id"]] = doc["text"]
    return out


def site_function(rev: str):
    """quotes_relation of quotes/site/sqlfunctions.py as committed at `rev`."""
    module = module_at(rev, "quotes/site/sqlfunctions.py", "old_sqlfunctions")
    return lambda a, b: OLD_SPELLING.get(module.quotes_relation(a, b), module.quotes_relation(a, b))


def sides(row: dict) -> tuple[dict, dict]:
    """(reference side, variant side) of a label row of either file."""
    return (row["compared_with"], row["quote"]) if "quote" in row else (row["a"], row["b"])


def loaded(args) -> tuple[dict, dict[str, list[tuple[int, int]]], list[dict], dict[str, str]]:
    """The extraction's quote texts, their spans per document, the label rows, and the texts
    of the labelled articles whose quote the extraction no longer holds."""
    t = texts(args.extraction)
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc, start, end in t:
        spans.setdefault(doc, []).append((start, end))
    rows = [json.loads(line) for line in open(args.labels, encoding="utf-8")]
    missing = {side["doc_id"] for r in rows for side in sides(r)
               if key(side) not in t and nearest_quote(spans, *key(side)) is None}
    return t, spans, rows, article_texts(missing) if missing else {}


def cmd_score(args) -> None:
    t, spans, rows, articles = loaded(args)
    classify = site_function(args.site_rev) if args.site_rev else (lambda a, b: relation_of(a, b)[0])
    confusion = Counter()
    for r in rows:
        ref, var = sides(r)
        confusion[(r["relation"], classify(text_of(t, spans, ref, articles), text_of(t, spans, var, articles)))] += 1
    scored = sum(n for (gold, _), n in confusion.items() if gold != "none")
    ok = sum(n for (gold, pred), n in confusion.items() if gold == pred)
    print(f"{scored} labelled pairs (+{len(rows) - scored} none), accuracy {ok / scored:.3f} "
          f"({'site function at ' + args.site_rev if args.site_rev else 'quotes.corpus.relations'})")
    print("| read | classified | pairs |\n| --- | --- | ---: |")
    for (gold, pred), n in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {gold} | {pred} | {n} |")


def cmd_pairs(args) -> None:
    """Draw the cross-outlet sample from a database of train+dev; print it to read."""
    import sqlite3

    rows = sqlite3.connect(args.db).execute("""
        select ox.name, ax.doc_id, x.start, x."end", x.text, oy.name, ay.doc_id, y.start, y."end", y.text
        from quotes x join quotes y on x.utterance_id = y.utterance_id and x.id < y.id
        join articles ax on ax.id = x.article_id join articles ay on ay.id = y.article_id
        join outlets ox on ox.id = ax.outlet_id join outlets oy on oy.id = ay.outlet_id
        where ax.outlet_id != ay.outlet_id order by x.id, y.id""").fetchall()
    for i, r in enumerate(random.Random(12).sample(rows, min(100, len(rows)))):
        a, b = (r[:5], r[5:]) if r[0] <= r[5] else (r[5:], r[:5])
        print(json.dumps({"i": i, "a": {"doc_id": a[1], "start": a[2], "end": a[3]},
                          "b": {"doc_id": b[1], "start": b[2], "end": b[3]}}), f"\n A: {a[4]}\n B: {b[4]}")


def cmd_show(args) -> None:
    t, spans, rows, articles = loaded(args)
    for r in rows[args.frm:args.to]:
        ref, var = (text_of(t, spans, side, articles) for side in sides(r))
        print(f"=== #{r['sample_index']} read: {r['relation']} ({r['note']}); classified: "
              f"{relation_of(ref, var)[0]}\n  REF: {ref}\n  VAR: {var}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("extraction", type=Path, help="quotes extract --jsonl of PolNeAR train+dev")
    s.add_argument("--site-rev", help="score the site's quotes_relation at this git revision instead")
    s.add_argument("--labels", type=Path, default=LABELS)
    s = sub.add_parser("show")
    s.add_argument("extraction", type=Path)
    s.add_argument("frm", type=int)
    s.add_argument("to", type=int)
    s.add_argument("--labels", type=Path, default=LABELS)
    s = sub.add_parser("pairs")
    s.add_argument("db", type=Path, help="quotes build of PolNeAR train+dev")
    args = ap.parse_args()
    {"score": cmd_score, "show": cmd_show, "pairs": cmd_pairs}[args.cmd](args)


if __name__ == "__main__":
    main()
