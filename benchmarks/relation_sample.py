"""Relations of grouped quotes, labelled by reading (issue 13).

usage: python benchmarks/relation_sample.py sample            # 100 random variants -> /tmp
       python benchmarks/relation_sample.py show FROM [TO]    # print pairs to read (terminal only)
       python benchmarks/relation_sample.py merge RAW         # INDEX<TAB>relation<TAB>note lines -> labels
       python benchmarks/relation_sample.py score             # accuracy of corpus.relations.classify

The sample: all extracted quotes of PolNeAR train+dev grouped by ``group_utterances`` (the
shipped model); every quote that is not its utterance's reference, in an utterance quoted by
two or more articles, is a candidate; 100 are drawn at random (seed 100). Each is labelled
by reading it against the quote it is compared with (``Variant.reference_quote_id``), in
the vocabulary of ``quotes.corpus.relations`` (see ``RELATION_TEXT``):

- identical: the same characters; punctuation: same words, other punctuation, case, marks
  or contractions; truncation: one is a clean cut of the other; substitution: words
  replaced (the rest kept); omission: words left out or added (none replaced);
  bracketed: an editor's [insertion] is the difference; paraphrase: reworded, or cut and
  changed so much that only some words are kept.
- When a cut is combined with one small change, the change decides (substitution or
  omission); a cut with several changes of different kinds is paraphrase.

Labels keep ids and offsets only (``benchmarks/relation_labels.jsonl``); PolNeAR text
never goes into the repository.
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

from training.polnear_pairs import POLNEAR, load_refs  # noqa: E402
from quotes.corpus.grouping import group_utterances  # noqa: E402
from quotes.corpus.relations import RELATIONS, relation_of  # noqa: E402

LABELS = ROOT / "benchmarks" / "relation_labels.jsonl"
SAMPLE = Path("/tmp/relation_sample.jsonl")
SEED, N = 100, 100


def side(qid: str) -> dict:
    doc, start, end = qid.rsplit(":", 2)
    return {"doc_id": doc, "start": int(start), "end": int(end)}


def train_dev_docs() -> set[str]:
    docs = set()
    for split in ("train", "dev"):
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as f:
            docs.update(json.loads(line)["doc_id"] for line in f if line.strip())
    return docs


def cmd_sample(_args) -> None:
    docs = train_dev_docs()
    refs = [r for r in load_refs() if r.article_id in docs]
    idx = group_utterances(refs, with_diffs=False)
    multi = {u.id for u in idx.utterances if u.n_articles >= 2}
    pool = sorted((v.quote_id, v.reference_quote_id) for v in idx.variants
                  if v.utterance_id in multi and v.relation != "reference")
    picked = random.Random(SEED).sample(pool, min(N, len(pool)))
    with open(SAMPLE, "w", encoding="utf-8") as f:
        for i, (q, r) in enumerate(picked):
            f.write(json.dumps({"i": i, "quote": side(q), "compared_with": side(r)}) + "\n")
    print(f"{len(picked)} of {len(pool)} variants -> {SAMPLE}")


def texts() -> dict[str, str]:
    return {r.quote_id: r.text for r in load_refs()}


def key(s: dict) -> str:
    return f"{s['doc_id']}:{s['start']}:{s['end']}"


def cmd_show(args) -> None:
    t = texts()
    rows = [json.loads(line) for line in open(SAMPLE, encoding="utf-8")]
    for r in rows[args.frm:(args.to if args.to is not None else args.frm + 1)]:
        print(f"=== #{r['i']}\n  REF: {t[key(r['compared_with'])]}\n  VAR: {t[key(r['quote'])]}\n")


def cmd_merge(args) -> None:
    rows = {r["i"]: r for r in map(json.loads, open(SAMPLE, encoding="utf-8"))}
    out = []
    for line in open(args.raw, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        i, label, note = (line.rstrip("\n").split("\t") + [""])[:3]
        if label not in RELATIONS:
            sys.exit(f"bad relation: {line}")
        r = rows[int(i)]
        out.append({"quote": r["quote"], "compared_with": r["compared_with"], "relation": label,
                    "note": note.strip(), "sample_index": int(i)})
    with open(LABELS, "w", encoding="utf-8") as f:
        for r in sorted(out, key=lambda r: r["sample_index"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} labels -> {LABELS}")


def cmd_score(_args) -> None:
    t = texts()
    rows = [json.loads(line) for line in open(LABELS, encoding="utf-8")]
    ok = 0
    confusion = Counter()
    for r in rows:
        pred = relation_of(t[key(r["compared_with"])], t[key(r["quote"])])[0]
        ok += pred == r["relation"]
        confusion[(r["relation"], pred)] += 1
    print(f"{len(rows)} labelled variants, accuracy {ok / len(rows):.3f}")
    print("| label | predicted | pairs |\n| --- | --- | ---: |")
    for (gold, pred), n in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {gold} | {pred} | {n} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("sample")
    s = sub.add_parser("show")
    s.add_argument("frm", type=int)
    s.add_argument("to", type=int, nargs="?")
    s = sub.add_parser("merge")
    s.add_argument("raw", type=Path)
    sub.add_parser("score")
    args = ap.parse_args()
    {"sample": cmd_sample, "show": cmd_show, "merge": cmd_merge, "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    main()
