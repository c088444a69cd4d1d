"""Random, stratified sample of cross-document quote pairs for labelling (issue 13).

usage: python benchmarks/pair_sample.py space                 # candidate space and strata sizes
       python benchmarks/pair_sample.py sample [--out FILE]   # draw the sample (fixed seeds)
       python benchmarks/pair_sample.py show FROM [TO] [--context N]   # print pairs to read
       python benchmarks/pair_sample.py merge RAW             # raw labels -> pair_labels.jsonl
       python benchmarks/pair_sample.py score [--labels FILE] [--pred FILE]  # a grouping vs the labels

Candidate space: our extractor's quotes (/work/baseline/polnear.jsonl) in the PolNeAR train
and dev articles only (never test). A candidate is a pair of quotes in DIFFERENT documents

* whose speakers are the same corpus-wide name or share the last name token (``speaker``
  or any ``speaker_aliases``), or where exactly one of the two has no speaker (the small
  ``nospeaker`` stratum); two quotes without speaker are not candidates;
* that share a word 3-gram after normalisation (lowercase, curly apostrophes made straight,
  punctuation stripped), or where one quote's words stand in the other's as one run.

The pairs are found through an inverted index over 3-grams (and over the 1- and 2-grams
for the quotes shorter than three words), never by looking at all pairs.

Features of a pair: ``run`` (longest shared run of words), ``contained`` (the shorter
quote's words stand in the longer as one run), ``sim`` (rapidfuzz Indel normalised
similarity over the word lists), ``gap`` (days between the two articles' dates), the two
word counts. Strata: overlap x date gap, plus ``nospeaker``:

* overlap ``high``: contained (3+ words), run >= 8 or sim >= 0.8; ``short``: contained but
  the shorter quote has fewer than 3 words; ``low``: run 3-4; ``mid``: the rest (run 5-7);
* gap ``near`` (<= 2 days), ``month`` (3-30 days), ``far`` (> 30 days).

The sample (seed SEED) takes a fixed number of pairs per stratum (ALLOC; the small cells,
among them the hard ones, high overlap far apart and low overlap near in time, whole),
shuffles them into one random
reading order, and puts a fifth of them (seed SPLIT_SEED) in ``heldout`` before any label
is read. Pairs also labelled in polnear_group_labels.jsonl are kept and marked.

``show`` prints to the terminal only (PolNeAR text never goes into the repository).
``merge`` reads lines ``INDEX<TAB>same|different|unsure<TAB>reason`` and writes
benchmarks/pair_labels.jsonl (ids, offsets, label, reason, stratum, split, features).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

from rapidfuzz.distance import Indel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import nearest_quote  # noqa: E402
POLNEAR = Path("/work/shared/eval/polnear")
BASELINE = Path("/work/baseline/polnear.jsonl")
OLD_LABELS = ROOT / "benchmarks" / "polnear_group_labels.jsonl"
LABELS = ROOT / "benchmarks" / "pair_labels.jsonl"
SAMPLE = Path("/tmp/pair_sample.jsonl")
SEED, SPLIT_SEED = 13, 1313
HELDOUT_SHARE = 0.2

# pairs drawn per stratum (all of a stratum when it is smaller: the high and mid cells and
# low overlap near in time are taken whole; sizes of the space are recorded in the sample)
ALLOC = {
    ("low", "near"): 10**6, ("low", "month"): 250, ("low", "far"): 300,
    ("mid", "near"): 10**6, ("mid", "month"): 10**6, ("mid", "far"): 10**6,
    ("high", "near"): 10**6, ("high", "month"): 10**6, ("high", "far"): 10**6,
    ("short", "any"): 80, ("nospeaker", "any"): 80,
}

WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return WORD.findall(text)


def surname(name: str | None) -> str | None:
    toks = words(name or "")
    return toks[-1] if toks else None


def load(path: Path = BASELINE) -> tuple[dict, list[dict]]:
    """(PolNeAR train+dev articles by doc_id, quotes of our extractor in those articles;
    `path`: an extraction's JSONL, the baseline's by default)."""
    arts = {}
    for split in ("train", "dev"):
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                arts[d["doc_id"]] = d
    quotes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc_id"] not in arts:
                continue
            for q in d["quotes"]:
                w = words(q["text"])
                if not w:
                    continue
                names = {surname(n) for n in [q["speaker"], *(q.get("speaker_aliases") or [])]}
                quotes.append({**q, "doc_id": d["doc_id"], "outlet": d["outlet"], "w": w,
                               "surnames": names - {None}, "date": arts[d["doc_id"]]["date"]})
    return arts, quotes


def compatible(a: dict, b: dict) -> str | None:
    if a["speaker"] is None and b["speaker"] is None:
        return None
    if a["speaker"] is None or b["speaker"] is None:
        return "nospeaker"
    if a["speaker"] == b["speaker"]:
        return "same"
    return "surname" if a["surnames"] & b["surnames"] else None


def ngrams(w: list[str], n: int) -> set[tuple]:
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def longest_run(a: list[str], b: list[str]) -> int:
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def shared_run(a: list[str], b: list[str]) -> list[str]:
    """The longest run of words the two lists share (for reading only)."""
    best, end, prev = 0, 0, [0] * (len(b) + 1)
    for i, x in enumerate(a, 1):
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], i
        prev = cur
    return a[end - best:end]


def features(a: dict, b: dict) -> dict:
    run = longest_run(a["w"], b["w"])
    short = min(len(a["w"]), len(b["w"]))
    gap = abs((date.fromisoformat(a["date"][:10]) - date.fromisoformat(b["date"][:10])).days)
    return {"run": run, "contained": run == short, "sim": round(Indel.normalized_similarity(
        a["w"], b["w"]), 3), "gap": gap, "len_a": len(a["w"]), "len_b": len(b["w"])}


def stratum(f: dict, spk: str) -> tuple[str, str]:
    if spk == "nospeaker":
        return ("nospeaker", "any")
    if f["contained"] and min(f["len_a"], f["len_b"]) < 3:
        return ("short", "any")
    if f["contained"] or f["run"] >= 8 or f["sim"] >= 0.8:
        level = "high"
    elif f["run"] <= 4:
        level = "low"
    else:
        level = "mid"
    gap = "near" if f["gap"] <= 2 else "month" if f["gap"] <= 30 else "far"
    return (level, gap)


def qkey(q: dict) -> tuple:
    return (q["doc_id"], q["start"], q["end"])


def pkey(a: tuple, b: tuple) -> tuple:
    return (a, b) if a <= b else (b, a)


def candidates(quotes: list[dict]) -> list[dict]:
    """Every candidate pair with its features and stratum, through inverted indexes."""
    tri, small = defaultdict(list), defaultdict(list)
    for i, q in enumerate(quotes):
        for g in ngrams(q["w"], 3):
            tri[g].append(i)
        for n in (1, 2):
            for g in ngrams(q["w"], n):
                small[g].append(i)
    seen = set()
    for ids in tri.values():
        for i, j in combinations(ids, 2):
            seen.add((i, j) if i < j else (j, i))
    for i, q in enumerate(quotes):     # quotes of 1-2 words: containment only
        if len(q["w"]) < 3:
            for j in small[tuple(q["w"])]:
                if j != i:
                    seen.add((i, j) if i < j else (j, i))
    out = []
    for i, j in seen:
        a, b = quotes[i], quotes[j]
        if a["doc_id"] == b["doc_id"]:
            continue
        spk = compatible(a, b)
        if spk is None:
            continue
        if len(a["w"]) < 3 or len(b["w"]) < 3:
            f = features(a, b)
            if not f["contained"]:
                continue
        else:
            f = features(a, b)
        if (qkey(b), qkey(a)) < (qkey(a), qkey(b)):
            a, b = b, a
        out.append({"a": a, "b": b, "speakers": spk, "f": f, "stratum": stratum(f, spk)})
    out.sort(key=lambda p: (qkey(p["a"]), qkey(p["b"])))
    return out


def old_label_keys() -> set:
    keys = set()
    with open(OLD_LABELS, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            a = tuple(r["a"][k] for k in ("doc_id", "start", "end"))
            b = tuple(r["b"][k] for k in ("doc_id", "start", "end"))
            keys.add(pkey(a, b))
    return keys


def cmd_space(_args) -> None:
    _, quotes = load()
    cands = candidates(quotes)
    sizes = Counter("/".join(p["stratum"]) for p in cands)
    print(f"{len(quotes)} quotes, {len(cands)} candidate pairs")
    for k, v in sorted(sizes.items()):
        print(f"  {k:16} {v}")


def cmd_sample(args) -> None:
    _, quotes = load()
    cands = candidates(quotes)
    by = defaultdict(list)
    for p in cands:
        by[p["stratum"]].append(p)
    rng = random.Random(SEED)
    picked = []
    for s in sorted(by):
        pool = by[s]
        picked += rng.sample(pool, min(ALLOC.get(s, 0), len(pool)))
    rng.shuffle(picked)
    srng = random.Random(SPLIT_SEED)
    n_held = round(HELDOUT_SHARE * len(picked))
    held = set(srng.sample(range(len(picked)), n_held))
    old = old_label_keys()
    sizes = {"/".join(s): len(v) for s, v in by.items()}
    with open(args.out, "w", encoding="utf-8") as f:
        for i, p in enumerate(picked):
            a, b = qkey(p["a"]), qkey(p["b"])
            f.write(json.dumps({
                "i": i, "a": dict(zip(("doc_id", "start", "end"), a)),
                "b": dict(zip(("doc_id", "start", "end"), b)),
                "stratum": "/".join(p["stratum"]), "split": "heldout" if i in held else "fit",
                "in_old_labels": pkey(a, b) in old, "speakers": p["speakers"],
                "features_at_sampling": p["f"], "stratum_size": sizes["/".join(p["stratum"])],
            }) + "\n")
    print(f"{len(picked)} pairs of {len(cands)} -> {args.out}")
    got = Counter("/".join(p["stratum"]) for p in picked)
    for s in sorted(sizes):
        print(f"  {s:16} {got[s]:4} of {sizes[s]}")


def read_sample(path: Path = SAMPLE) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def cmd_show(args) -> None:
    arts, quotes = load()
    byk = {qkey(q): q for q in quotes}
    rows = read_sample()
    to = args.to if args.to is not None else args.frm + 1
    n = args.context
    for r in rows[args.frm:to]:
        f = r["features_at_sampling"]
        print(f"=== #{r['i']} {r['stratum']} run={f['run']} sim={f['sim']} gap={f['gap']}d"
              f"{' OLD' if r['in_old_labels'] else ''} {r['split']}")
        ka, kb = (tuple(r[x][y] for y in ("doc_id", "start", "end")) for x in ("a", "b"))
        print("   shared: " + " ".join(shared_run(byk[ka]["w"], byk[kb]["w"])[:20]))
        for side in ("a", "b"):
            k = tuple(r[side][x] for x in ("doc_id", "start", "end"))
            q, art = byk[k], arts[k[0]]
            t = art["text"]
            before = t[max(0, k[1] - n):k[1]].replace("\n", " ")
            after = t[k[2]:k[2] + n].replace("\n", " ")
            body = q["text"] if len(q["text"]) <= 320 else q["text"][:170] + " [...] " + q["text"][-130:]
            print(f"[{side}] {art['date']} {art['outlet']} | {q['speaker']} | {art['title'][:70]}")
            print(f"   ...{before}<<{body}>>{after}...")
        print()


def cmd_merge(args) -> None:
    rows = {r["i"]: r for r in read_sample()}
    got = {}
    with open(args.raw, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            i, label, reason = line.split("\t", 2)
            if label not in ("same", "different", "unsure"):
                sys.exit(f"bad label in line: {line}")
            got[int(i)] = (label, reason.strip())
    with open(LABELS, "w", encoding="utf-8") as f:
        for i in sorted(got):
            r = rows[i]
            f.write(json.dumps({
                "a": r["a"], "b": r["b"], "label": got[i][0], "reason": got[i][1],
                "stratum": r["stratum"], "split": r["split"], "sample_index": i,
                "in_old_labels": r["in_old_labels"], "stratum_size": r["stratum_size"],
                "features_at_sampling": r["features_at_sampling"],
            }, ensure_ascii=False) + "\n")
    missing = [i for i in sorted(rows) if i not in got]
    first_gap = missing[0] if missing else None
    print(f"{len(got)} labels -> {LABELS}; first unlabelled index: {first_gap}")


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def group_of(group: dict, by_doc: dict, side: dict):
    """The predicted group of a labelled quote (`common.nearest_quote` when its offsets moved
    with the offsets fix), None when the extraction no longer has it."""
    k = tuple(side[x] for x in ("doc_id", "start", "end"))
    if k not in group:
        k = nearest_quote(by_doc, *k)
    return group[k] if k else None


def counted(r: dict, part: str) -> bool:
    """A decided label of `part`; "all" leaves out the joins samples and the joins strata of
    heldout5 / fit5 (join_draw.py: drawn from what the grouping joined, so their recall is 1
    by construction)."""
    if r["label"] == "unsure":
        return False
    return r["split"] == part or part == "all" and not r["split"].startswith("joins_") and not r["stratum"].startswith("joins/")


def cmd_score(args) -> None:
    group = {}
    with open(args.pred, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for q in d["quotes"]:
                group[(d["doc_id"], q["start"], q["end"])] = q["group"]
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc, start, end in group:
        by_doc.setdefault(doc, []).append((start, end))
    with open(args.labels, encoding="utf-8") as f:
        labels = [r for r in map(json.loads, f) if not args.parts or r["split"] in args.parts]
    # re-weighting: each labelled pair stands for stratum_size / labelled-in-stratum pairs
    # (within the first sample: heldout2 and fit2 were drawn from another space)
    n_lab = Counter(r["stratum"] for r in labels if r["label"] != "unsure" and r["split"] in ("fit", "heldout"))
    table = Counter((r["stratum"], r["label"], r["split"]) for r in labels)
    splits = [s for s in ("fit", "heldout", "fit2", "heldout2", "heldout3", "heldout4", "fit4",
                                "joins_tune", "joins_heldout", "heldout5", "fit5")
              if any(r["split"] == s for r in labels)]
    strata = sorted({r["stratum"] for r in labels})
    print(f"{len(labels)} labels ({sum(r['label'] == 'unsure' for r in labels)} unsure)\n")
    print("| stratum | in space | same | different | unsure | " + " | ".join(splits) + " |")
    print("| --- | ---: | ---: | ---: | ---: |" + " ---: |" * len(splits))
    for s in strata:
        size = next(r["stratum_size"] for r in labels if r["stratum"] == s)
        c = {lab: sum(table[(s, lab, sp)] for sp in splits) for lab in ("same", "different", "unsure")}
        sp = [sum(table[(s, lab, x)] for lab in ("same", "different", "unsure")) for x in splits]
        print(f"| {s} | {size} | {c['same']} | {c['different']} | {c['unsure']} | "
              + " | ".join(map(str, sp)) + " |")
    print()
    print("| part | pairs | same | TP | FP | FN | precision | recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    errors = []
    for part in (*splits, "all"):
        tp = fp = fn = n = same = 0
        wt = Counter()
        for r in labels:
            if not counted(r, part):
                continue
            # a labelled quote the extraction no longer finds: predicted ungrouped
            ga, gb = group_of(group, by_doc, r["a"]), group_of(group, by_doc, r["b"])
            pred = ga is not None and ga == gb
            gold = r["label"] == "same"
            n += 1
            same += gold
            w = r["stratum_size"] / n_lab[r["stratum"]] if r["split"] in ("fit", "heldout") else 0.0
            tp += pred and gold
            fp += pred and not gold
            fn += gold and not pred
            wt["tp"] += w * (pred and gold)
            wt["fp"] += w * (pred and not gold)
            wt["fn"] += w * (gold and not pred)
            if part == "all" and pred != gold and r["split"] != "heldout5":   # the blind check: counted only
                errors.append(("false merge" if pred else "miss", r))
        p, rc, f1 = prf(tp, fp, fn)
        print(f"| {part} | {n} | {same} | {tp} | {fp} | {fn} | {p:.3f} | {rc:.3f} | {f1:.3f} |")
        if part == "all":
            p, rc, f1 = prf(wt["tp"], wt["fp"], wt["fn"])
            print(f"| fit+heldout, re-weighted to the first sample's space | | | {wt['tp']:.0f} | {wt['fp']:.0f} "
                  f"| {wt['fn']:.0f} | {p:.3f} | {rc:.3f} | {f1:.3f} |")
    if args.by_stratum:
        by_stratum(labels, group, by_doc, args.by_stratum)
    if args.errors:
        print()
        for kind, r in errors:
            print(f"{kind}\t{r['stratum']}\t{r['sample_index']}\t{r['reason']}")


def by_stratum(labels: list[dict], group: dict, by_doc: dict, parts: list[str]) -> None:
    """TP / FP / FN per stratum of the decided labels of `parts` (e.g. heldout5 fit5)."""
    c = Counter()
    for r in labels:
        if r["split"] in parts and r["label"] != "unsure":
            ga, gb = group_of(group, by_doc, r["a"]), group_of(group, by_doc, r["b"])
            pred, gold = ga is not None and ga == gb, r["label"] == "same"
            kind = "tp" if pred and gold else "fp" if pred else "fn" if gold else "tn"
            c[(r["split"], r["stratum"], kind)] += 1
    print("\n| split | stratum | pairs | same | TP | FP | FN |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for split, s in sorted({k[:2] for k in c}):
        n = {k: c[(split, s, k)] for k in ("tp", "fp", "fn", "tn")}
        print(f"| {split} | {s} | {sum(n.values())} | {n['tp'] + n['fn']} | {n['tp']} | {n['fp']} | {n['fn']} |")


def add_show_and_merge(sub) -> None:
    """The `show FROM [TO] [--context N]` and `merge RAW` commands (this script and pair_draw.py)."""
    s = sub.add_parser("show")
    s.add_argument("frm", type=int)
    s.add_argument("to", type=int, nargs="?")
    s.add_argument("--context", type=int, default=130)
    s = sub.add_parser("merge")
    s.add_argument("raw", type=Path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("space")
    s = sub.add_parser("sample")
    s.add_argument("--out", type=Path, default=SAMPLE)
    add_show_and_merge(sub)
    s = sub.add_parser("score")
    s.add_argument("--labels", type=Path, default=LABELS)
    s.add_argument("--pred", type=Path, default=BASELINE,
                   help="extraction JSONL with group (benchmarks/pair_predict.py group)")
    s.add_argument("--errors", action="store_true")
    s.add_argument("--by-stratum", nargs="+", metavar="SPLIT", help="TP/FP/FN per stratum of these splits")
    s.add_argument("--parts", nargs="+", metavar="SPLIT",
                   help="score only these label splits (fit, joins_tune ...): keep held-out ones unread")
    args = ap.parse_args()
    {"space": cmd_space, "sample": cmd_sample, "show": cmd_show, "merge": cmd_merge,
     "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    main()
