"""Cross-outlet utterance groups on PolNeAR, checked by reading (issue 4).

usage: python benchmarks/polnear_groups.py [--refresh] [--show predicted|missed|unlabelled]
                                           [--labels FILE] [--context N]

1. Extracts all three PolNeAR splits together with the real extractor (the package API that
   ``quotes extract`` uses: ``batch.extract_safely``) and caches the per-article quotes,
   before any corpus indexing, under /tmp (``--refresh`` re-extracts). The grouping is NOT
   cached: every run builds the speaker index and the utterances with ``corpus.index_corpus``
   and ``apply_corpus_index``, exactly as ``quotes extract`` does, so a change to
   ``variants.py`` is measured without re-extracting.
2. Predicted pairs: every pair of quotes with the same ``group`` in articles of different
   outlets (a cross-outlet group is a group with quotes from 2+ outlets).
3. Missed candidates: pairs of quotes in articles of different outlets that are NOT in one
   group, with compatible speakers (the same corpus-wide speaker, or one of them without
   speaker, or the same surname) and high word overlap: one quote's normalised words inside
   the other's (3+ words), or a shared run of 4+ words holding 2+ content words.
4. Scores against ``benchmarks/polnear_group_labels.jsonl``: one pair a line, each quote as
   doc_id + start + end, ``label`` ``same`` or ``different`` and an optional ``reason``. No
   article text is stored there (PolNeAR is research data). Precision is over the labelled
   predicted pairs; recall is over the labelled true pairs (labelled-same predicted pairs
   plus labelled-same missed candidates).

``--show`` prints pairs with their text and some article context for reading (to the
terminal only; nothing of PolNeAR is written into the repository).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Indel  # noqa: E402

from quotes.corpus.index import apply_corpus_index, corpus_quotes, index_corpus  # noqa: E402
from quotes.model import Quote  # noqa: E402
from quotes.corpus.textnorm import STOPWORDS, units  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
SPLITS = ("train", "dev")  # never test: read only to report, once
CACHE = Path("/tmp/quotes_polnear_groups/extract.json")
LABELS = ROOT / "benchmarks" / "polnear_group_labels.jsonl"


# --- extraction (cached) -----------------------------------------------------------------

def extract(refresh: bool = False) -> list[dict]:
    if CACHE.exists() and not refresh:
        with open(CACHE, encoding="utf-8") as f:
            return json.load(f)
    from quotes.run.batch import extract_safely
    from quotes.ingest.files import iter_articles
    from quotes.model import Skipped

    t = time.perf_counter()
    paths = [str(POLNEAR / f"{s}.jsonl") for s in SPLITS]
    out = []
    articles = (a for a in iter_articles(paths) if not isinstance(a, Skipped))
    for item in extract_safely(articles, batch_size=32):
        if isinstance(item, Skipped):
            print(f"skipped {item.source}: {item.reason}", file=sys.stderr)
            continue
        a = item.article
        out.append({"doc_id": a.doc_id, "outlet": a.outlet, "published": a.published,
                    "article_id": a.id, "quotes": [dataclasses.asdict(q) for q in item.quotes]})
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with open(CACHE, "w", encoding="utf-8") as f:
        json.dump(out, f)
    print(f"extracted {len(out)} documents in {time.perf_counter() - t:.0f}s -> {CACHE}",
          file=sys.stderr)
    return out


def grouped(docs: list[dict]):
    """(quotes, by key): every extracted quote with its group and corpus-wide speaker, as
    ``quotes extract`` would print them. Key: (doc_id, start, end)."""
    extracted = []
    for d in docs:
        art = SimpleNamespace(id=d["article_id"], outlet=d["outlet"], published=d["published"],
                              doc_id=d["doc_id"])
        extracted.append((art, [Quote(**q) for q in d["quotes"]]))
    records = [r for art, qs in extracted for r in corpus_quotes(art, qs)]
    t = time.perf_counter()
    speakers, utterances = index_corpus(records, with_diffs=False)
    dt = time.perf_counter() - t
    apply_corpus_index(extracted, speakers, utterances)
    quotes = []
    for art, qs in extracted:
        for q in qs:
            quotes.append(SimpleNamespace(
                key=(art.doc_id, q.start, q.end), doc_id=art.doc_id, outlet=art.outlet,
                date=(art.published or "")[:10], text=q.text, speaker=q.speaker,
                speaker_id=speakers.speaker_of.get(q.quote_id(art.id)), group=q.group,
                keys=tuple(u.key for u in units(q.text) if not u.bracket)))
    return quotes, dt


# --- pairs ---------------------------------------------------------------------------------

def pkey(a, b) -> tuple:
    return tuple(sorted((a.key, b.key)))


def predicted_pairs(quotes) -> dict[tuple, tuple]:
    by_group = defaultdict(list)
    for q in quotes:
        if q.group:
            by_group[q.group].append(q)
    out = {}
    for members in by_group.values():
        if len({m.outlet for m in members}) < 2:
            continue
        for a, b in combinations(members, 2):
            if a.outlet != b.outlet:
                out[pkey(a, b)] = (a, b)
    return out


def _surname(name: str | None) -> str | None:
    return name.split()[-1].lower() if name else None


def compatible(a, b) -> bool:
    if a.speaker_id is None or b.speaker_id is None:
        return True
    return a.speaker_id == b.speaker_id or _surname(a.speaker) == _surname(b.speaker)


def overlap(a, b) -> tuple[bool, str]:
    """(high overlap, why): containment of 3+ words or a shared run of 4+ words holding
    2+ content words."""
    ka, kb = a.keys, b.keys
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if len(short) >= 3 and f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return True, f"containment {len(short)}w"
    best = 0
    for op in Indel.opcodes(ka, kb):
        if op.tag == "equal":
            run = ka[op.src_start:op.src_end]
            if len(run) >= 4 and sum(k not in STOPWORDS for k in run) >= 2:
                best = max(best, len(run))
    return best > 0, f"run {best}w"


def missed_candidates(quotes, predicted: dict) -> dict[tuple, tuple]:
    """Different-outlet pairs not in one group, compatible speakers, high word overlap."""
    index = defaultdict(set)
    for i, q in enumerate(quotes):
        k = q.keys
        for j in range(len(k) - 2):
            if sum(w not in STOPWORDS for w in k[j:j + 3]) >= 1:
                index[k[j:j + 3]].add(i)
        if 3 <= len(k) < 4:
            index[("<short>",) + k].add(i)
    seen = set()
    out = {}
    for i, q in enumerate(quotes):
        cands = set()
        k = q.keys
        for j in range(len(k) - 2):
            cands |= index.get(k[j:j + 3], set())
        for c in cands:
            if c <= i or (i, c) in seen:
                continue
            seen.add((i, c))
            o = quotes[c]
            if o.outlet == q.outlet or o.doc_id == q.doc_id:
                continue
            if q.group and q.group == o.group:
                continue
            if not compatible(q, o):
                continue
            ok, why = overlap(q, o)
            if ok:
                out[pkey(q, o)] = (q, o, why)
    return out


# --- labels and scores -----------------------------------------------------------------------

def load_labels(path: Path) -> dict[tuple, dict]:
    out = {}
    if not path.exists():
        return out
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            a = (rec["a"]["doc_id"], rec["a"]["start"], rec["a"]["end"])
            b = (rec["b"]["doc_id"], rec["b"]["start"], rec["b"]["end"])
            if rec["label"] not in ("same", "different"):
                raise SystemExit(f"{path}:{n}: label must be same or different")
            out[tuple(sorted((a, b)))] = rec
    return out


def score(predicted: dict, missed: dict, labels: dict, present: set) -> dict:
    """Precision over the labelled predicted pairs; recall over every labelled-same pair
    whose two quotes the extraction still has (``present``: their keys), predicted or not,
    so a true pair found before and lost now counts even when it is no missed candidate
    (two-word quotes, a speaker the extractor got wrong)."""
    lp = {k: labels[k]["label"] for k in predicted if k in labels}
    lm = {k: labels[k]["label"] for k in missed if k in labels}
    tp = sum(v == "same" for v in lp.values())
    fn = sum(1 for k, r in labels.items() if r["label"] == "same" and k not in predicted
             and k[0] in present and k[1] in present)
    return {
        "predicted_pairs": len(predicted), "predicted_labelled": len(lp),
        "predicted_same": tp, "predicted_different": len(lp) - tp,
        "missed_candidates": len(missed), "missed_labelled": len(lm),
        "missed_candidates_same": sum(v == "same" for v in lm.values()),
        "missed_different": sum(v == "different" for v in lm.values()),
        "missed_same": fn,
        "precision": tp / len(lp) if lp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
    }


def polnear_docs():
    """(split, document) for every PolNeAR article (read from ../shared, never copied)."""
    for s in SPLITS:
        with open(POLNEAR / f"{s}.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield s, json.loads(line)


def split_of_docs() -> dict[str, str]:
    return {d["doc_id"]: s for s, d in polnear_docs()}


def score_by_part(predicted: dict, missed: dict, labels: dict, present: set) -> dict:
    """The scores of the labelled pairs within train+dev (labels of older sessions that touch
    test are left out: test is read only to report, once)."""
    split = split_of_docs()
    out = {}
    for part, keep in (("train_dev", lambda k: k[0][0] in split and k[1][0] in split),):
        sel = lambda d: {k: v for k, v in d.items() if keep(k)}  # noqa: E731
        out[part] = score(sel(predicted), sel(missed), sel(labels), present)
    return out


# --- reading ---------------------------------------------------------------------------------

def load_texts() -> dict[str, str]:
    return {d["doc_id"]: d["text"] for _, d in polnear_docs()}


def show(pairs, labels, texts, ctx: int) -> None:
    for n, (k, p) in enumerate(sorted(pairs.items())):
        a, b = p[0], p[1]
        lab = labels.get(k)
        print(f"=== #{n} {lab['label'] if lab else 'UNLABELLED'}"
              f"{(' (' + p[2] + ')') if len(p) > 2 else ''}")
        for q in (a, b):
            t = texts.get(q.doc_id, "")
            s, e = q.key[1], q.key[2]
            before = t[max(0, s - ctx):s].replace("\n", " / ")
            after = t[e:e + ctx].replace("\n", " / ")
            print(f"  [{q.outlet} {q.date} {q.doc_id} {s}:{e}] speaker={q.speaker!r} group={q.group}")
            print(f"     ...{before}<<{q.text}>>{after}...")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--refresh", action="store_true", help="re-extract (ignore the /tmp cache)")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--show", choices=("predicted", "missed", "unlabelled", "wrong"),
                    help="print pairs to read (unlabelled: both kinds, not yet labelled; "
                         "wrong: labelled-different predicted and labelled-same missed)")
    ap.add_argument("--context", type=int, default=160)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args()
    docs = extract(args.refresh)
    quotes, dt = grouped(docs)
    predicted = predicted_pairs(quotes)
    missed = missed_candidates(quotes, predicted)
    labels = load_labels(args.labels)
    groups = defaultdict(set)
    for q in quotes:
        if q.group:
            groups[q.group].add(q.outlet)
    cross = sum(len(o) >= 2 for o in groups.values())
    if args.show:
        texts = load_texts()
        if args.show == "predicted":
            sel = predicted
        elif args.show == "missed":
            sel = missed
        elif args.show == "wrong":
            sel = {k: v for k, v in predicted.items() if k in labels and labels[k]["label"] == "different"}
            sel.update({k: v for k, v in missed.items() if k in labels and labels[k]["label"] == "same"})
            by_key = {q.key: q for q in quotes}  # labelled-same pairs that are no candidates
            sel.update({k: (by_key[k[0]], by_key[k[1]], "not a candidate") for k, r in labels.items()
                        if r["label"] == "same" and k not in predicted and k not in sel
                        and k[0] in by_key and k[1] in by_key})
        else:
            sel = {k: v for k, v in {**predicted, **missed}.items() if k not in labels}
        show(sel, labels, texts, args.context)
    present = {q.key for q in quotes}
    s = score(predicted, missed, labels, present)
    s["parts"] = score_by_part(predicted, missed, labels, present)
    s.update({"documents": len(docs), "quotes": len(quotes),
              "groups": len(groups), "cross_outlet_groups": cross, "grouping_seconds": round(dt, 2)})
    if args.json:
        print(json.dumps(s))
        return
    print(f"PolNeAR (train+dev): {len(docs)} documents, {len(quotes)} extracted quotes, "
          f"{len(groups)} groups, {cross} cross-outlet groups (grouping {dt:.1f}s)")
    print(f"predicted cross-outlet pairs: {s['predicted_pairs']} (labelled {s['predicted_labelled']}: "
          f"{s['predicted_same']} same, {s['predicted_different']} different)")
    print(f"missed candidates:            {s['missed_candidates']} (labelled {s['missed_labelled']}: "
          f"{s['missed_candidates_same']} same, {s['missed_different']} different)")
    print(f"labelled-same pairs not predicted: {s['missed_same']} (candidates or not)")
    fmt = lambda x: "n/a" if x is None else f"{x:.4f}"  # noqa: E731
    print(f"pair precision {fmt(s['precision'])}  recall {fmt(s['recall'])}  "
          f"(true pairs known: {s['predicted_same'] + s['missed_same']})")
    for part, p in s["parts"].items():
        print(f"  {part:9}: precision {fmt(p['precision'])} ({p['predicted_same']}/{p['predicted_labelled']})  "
              f"recall {fmt(p['recall'])} ({p['predicted_same']}/{p['predicted_same'] + p['missed_same']})")
    unl = (s["predicted_pairs"] - s["predicted_labelled"]) + (s["missed_candidates"] - s["missed_labelled"])
    if unl:
        print(f"unlabelled pairs: {unl} (read them with --show unlabelled)")


if __name__ == "__main__":
    main()
