"""Resolved-speaker layer for PolNeAR dev (and train's Trump articles), labelled by reading (issue 18).

usage: python benchmarks/speaker_layer.py candidates [--doc DOC_ID] [--context N] [--all] [--split train]
       python benchmarks/speaker_layer.py make --out /tmp/dev_layer.jsonl [--split train]

``--split train`` reads ``benchmarks/polnear_train_speaker_layer.jsonl`` (stop 30): the train
articles that mention Trump, the gold speakers "he", "him", "who", "I", "me" and the descriptions
without a capitalised name (speaker_layer_guide.md says which).

PolNeAR's gold speaker is the annotated source span: a pronoun, a description or a name
with an appositive as often as a plain name. The labels in
``benchmarks/polnear_dev_speaker_layer.jsonl`` say, for such a gold quote, where in the
article the referent's fullest name stands: one row a quote, {"doc_id","start","end",
"name_span": [s, e] or null, "alias_spans": [[s, e], ...]}. Offsets only: no PolNeAR text is
stored in the repository (see benchmarks/speaker_layer_guide.md for the rules).

``candidates`` prints (to the terminal only) each dev gold quote that needs a row, with the
paragraphs around it and the gold speaker marked, after the name-like mentions of its article
with their offsets; ``--all`` also prints the quotes already labelled.
``make`` writes the layer that ``score.py --layer`` reads: {"doc_id","start","end",
"canonical","aliases"} with canonical = text[name_span] (null for a null name_span) and the
aliases the distinct texts of alias_spans. It refuses a row whose quote is not in gold or
whose spans are out of range.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict

from common import ROOT, polnear_docs, write_jsonl

LABELS = ROOT / "benchmarks" / "polnear_dev_speaker_layer.jsonl"
SPLIT_LABELS = {"dev": LABELS, "train": ROOT / "benchmarks" / "polnear_train_speaker_layer.jsonl"}

PRONOUNS = set("he she they it we i you him her them his its their".split())
# title words that may stand before a plain name ("Mr. Obama", "Sen. Cruz")
TITLE = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|President|Senator|Governor)\.?"
NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.|de|van|von|al|bin|la|del)"
PLAIN_NAME = re.compile(rf"^(?:{TITLE}\s+)*{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,4}}$")
MENTION = re.compile(r"\b[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+the[ \t]+|of[ \t]+|de[ \t]+|van[ \t]+)?[A-Z][\w'’.-]*)*")
GROUPS = set("democrats republicans protesters demonstrators police officials critics "
             "supporters voters residents aides sources analysts experts".split())
COMMON_CAPS = set("The A An He She It They We I This That But And In On At As For If When "
                  "After While Mr Mrs Ms Dr Sen Rep".split())


def needs_row(q: dict, text: str) -> bool:
    """A gold speaker that is not a plain name: a pronoun, a description, an appositive, a
    group ("Democrats"), or one word that the article only uses as the first word of a longer
    name (a first name, or half a double surname), which a surname match cannot meet."""
    sp = (q.get("speaker") or "").strip()
    if not sp:
        return False  # no annotated source: nothing to resolve
    if q.get("speaker_is_pronoun") or sp.lower() in PRONOUNS | GROUPS:
        return True
    if not PLAIN_NAME.match(sp):
        return True
    if " " not in sp:
        w = re.escape(sp)
        first = re.search(rf"\b{w}\s+[A-Z][a-z]", text)
        last = re.search(rf"[A-Z][\w.]*\s+{w}\b(?!\s+[A-Z])", text)
        return bool(first) and not last
    return False


def load_labels(path=LABELS) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def mentions(text: str) -> list[tuple[str, int, int]]:
    """Name-like mentions: runs of capitalised words, each distinct string with its first
    offset and count (sentence-initial function words dropped)."""
    first, count = {}, defaultdict(int)
    for m in MENTION.finditer(text):
        s, e = m.start(), m.end()
        toks = m.group().split()
        while toks and toks[0].rstrip(".") in COMMON_CAPS and len(toks) > 1:
            s += text[s:].index(toks[1])
            toks = toks[1:]
        phrase = re.sub(r"[’']s$", "", text[s:e].rstrip(".’'"))
        if len(toks) == 1 and toks[0].rstrip(".") in COMMON_CAPS:
            continue
        first.setdefault(phrase, s)
        count[phrase] += 1
    return sorted(((p, first[p], count[p]) for p in first), key=lambda x: x[1])


def paragraph_bounds(text: str, start: int, end: int, ctx: int) -> tuple[int, int]:
    """The paragraph(s) holding [start, end) plus `ctx` paragraphs before."""
    s = start
    for _ in range(ctx + 1):
        s = text.rfind("\n", 0, max(0, s - 1))
        if s < 0:
            s = 0
            break
    e = text.find("\n", end)
    return s, (len(text) if e < 0 else e)


def show_quote(text: str, q: dict, ctx: int) -> str:
    spans = [tuple(x) for x in q.get("speaker_spans") or []]
    lo, hi = paragraph_bounds(text, min([q["start"]] + [s for s, _ in spans]),
                              max([q["end"]] + [e for _, e in spans]), ctx)
    marks = [(q["start"], "«"), (q["end"], "»")] + [(s, "[[") for s, _ in spans] + [(e, "]]") for _, e in spans]
    out, pos = [], lo
    for at, mark in sorted(marks):
        out.append(text[pos:at] + mark)
        pos = at
    out.append(text[pos:hi])
    return "".join(out).strip()


def candidates(args) -> None:
    labelled = {(r["doc_id"], r["start"], r["end"]) for r in load_labels(SPLIT_LABELS[args.split])}
    docs = polnear_docs((args.split,))
    todo = done = 0
    for d in docs:
        if args.doc and d["doc_id"] != args.doc:
            continue
        qs = [(k, q) for k, q in enumerate(d["quotes"]) if needs_row(q, d["text"])
              and (args.all or (d["doc_id"], q["start"], q["end"]) not in labelled)]
        done += sum(1 for q in d["quotes"] if (d["doc_id"], q["start"], q["end"]) in labelled)
        if not qs:
            continue
        todo += len(qs)
        text = d["text"]
        print(f"\n==== {d['doc_id']}  ({len(qs)} shown of {len(d['quotes'])} quotes)")
        print("NAMES: " + "; ".join(f"{p}@{s}" + (f"x{n}" if n > 1 else "")
                                    for p, s, n in mentions(text)))
        for k, q in qs:
            print(f"\n-- q{k} [{q['start']},{q['end']}] speaker={q['speaker']!r} "
                  f"spans={q.get('speaker_spans')} attr={q.get('attr_id')}")
            print(show_quote(text, q, args.context))
    print(f"\n{todo} quotes shown; {done} labelled rows present", file=sys.stderr)


def make(args) -> None:
    docs = {d["doc_id"]: d for d in polnear_docs((args.split,))}
    rows, seen, errors = [], set(), []
    for r in load_labels(args.labels or SPLIT_LABELS[args.split]):
        key = (r["doc_id"], r["start"], r["end"])
        d = docs.get(r["doc_id"])
        if d is None or not any((q["start"], q["end"]) == key[1:] for q in d["quotes"]):
            errors.append(f"not a {args.split} gold quote: {key}")
            continue
        if key in seen:
            errors.append(f"labelled twice: {key}")
            continue
        seen.add(key)
        spans = ([r["name_span"]] if r.get("name_span") else []) + list(r.get("alias_spans") or [])
        bad = [s for s in spans if not (0 <= s[0] < s[1] <= len(d["text"]))]
        if bad:
            errors.append(f"span out of range {bad}: {key}")
            continue
        if r.get("alias_spans") and not r.get("name_span"):
            errors.append(f"aliases without a name: {key}")
            continue
        name = d["text"][slice(*r["name_span"])] if r.get("name_span") else None
        aliases = []
        for s, e in r.get("alias_spans") or []:
            a = d["text"][s:e]
            if a != name and a not in aliases:
                aliases.append(a)
        rows.append({"doc_id": r["doc_id"], "start": r["start"], "end": r["end"],
                     "canonical": name, "aliases": aliases})
    if errors:
        raise SystemExit("\n".join(errors))
    write_jsonl(args.out, rows)
    named = sum(1 for r in rows if r["canonical"])
    print(f"{len(rows)} rows ({named} with a name, {len(rows) - named} null) -> {args.out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("candidates")
    c.add_argument("--doc")
    c.add_argument("--context", type=int, default=1, help="paragraphs before the quote")
    c.add_argument("--all", action="store_true", help="also the quotes already labelled")
    c.add_argument("--split", choices=sorted(SPLIT_LABELS), default="dev")
    m = sub.add_parser("make")
    m.add_argument("--out", required=True)
    m.add_argument("--split", choices=sorted(SPLIT_LABELS), default="dev")
    m.add_argument("--labels", type=lambda p: __import__("pathlib").Path(p))
    args = ap.parse_args()
    candidates(args) if args.cmd == "candidates" else make(args)


if __name__ == "__main__":
    main()
