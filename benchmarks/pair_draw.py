"""A second, blind held-out sample of cross-document quote pairs (issue 13, ``heldout2``).

usage: python benchmarks/pair_draw.py draw [--quotes FILE] [--out FILE]   # the sample (seed 2026)
       python benchmarks/pair_draw.py draw --fit2                          # fit pairs of the wide cells
       python benchmarks/pair_draw.py draw --heldout3                      # a third blind sample
       python benchmarks/pair_draw.py draw --heldout4 --quotes F           # a fourth (pairs30)
       python benchmarks/pair_draw.py draw --fit4 --quotes F --exclude /tmp/pairs30/sample_heldout4.jsonl
       python benchmarks/pair_draw.py show FROM [TO] [--context N]        # print pairs to read
       python benchmarks/pair_draw.py merge RAW                            # append labels

The first sample (``pair_sample.py sample``) took every high- and mid-overlap pair and every
low-overlap pair near in time of the extraction it was drawn from, and its held-out fifth
was read for error classes. This draw takes the candidate space of TODAY's extraction
(``benchmarks/pair_predict.py group`` output: other quote cuts, speakers and offsets than
the first sample's), removes every pair already labelled (a labelled span is matched to
today's quote by ``common.nearest_quote``), and draws ALLOC pairs per stratum (same
candidate rule and strata as ``pair_sample.py``) at random, in one shuffled reading order.
All of it is ``heldout2``: labelled before anything is fitted, never used for fitting or
for choosing a threshold. ``show`` prints to the terminal only; ``merge`` appends
``INDEX<TAB>same|different|unsure<TAB>reason`` lines to benchmarks/pair_labels.jsonl
(ids and offsets only, never article text).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import nearest_quote  # noqa: E402
from pair_sample import (LABELS, add_show_and_merge, candidates, compatible, features, load, ngrams,  # noqa: E402
                         pkey, qkey, shared_run, stratum)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from quotes.corpus.textnorm import STOPWORDS  # noqa: E402

GROUPED = Path("/tmp/pairs2/polnear_grouped.jsonl")
SAMPLE2 = Path("/tmp/pairs2/sample2.jsonl")
SEED2 = 2026
FIRST_INDEX = 2000          # sample_index of the first pair (the first sample used 0-1101)
SPLIT = "heldout2"
# the hard cells (high overlap far apart, low overlap near in time) and every high/mid cell
# as many as are left; the big low-overlap and no-speaker cells a share
ALLOC = {
    ("high", "near"): 45, ("high", "month"): 35, ("high", "far"): 35,
    ("mid", "near"): 15, ("mid", "month"): 15, ("mid", "far"): 15,
    ("low", "near"): 40, ("low", "month"): 45, ("low", "far"): 45,
    ("short", "any"): 50, ("nospeaker", "any"): 40,
    ("otherspeaker", "high"): 60, ("otherspeaker", "mid"): 20, ("reworded", "any"): 50,
}
# wider than the first sample's space, for the pair classes the issue names as missed: a
# wrong speaker on one side (two different, non-alias speakers sharing a run of 5+ words
# or one standing in the other with 4+) and reworded quotes (one
# speaker family, no shared 3-gram, but most of the shorter quote's content words in the
# longer: at least 4, and 60 %)
# a fit sample of the wide cells (``draw --fit2``): pairs to develop the wrong-speaker
# class on, drawn after heldout2 was labelled and without its pairs
FIT2 = {"seed": 2027, "first": 3000, "split": "fit2", "out": Path("/tmp/pairs2/sample_fit2.jsonl"),
        "alloc": {("otherspeaker", "high"): 60, ("otherspeaker", "mid"): 20, ("nospeaker", "any"): 20}}
# a third blind sample (grp13), ~100 pairs of heldout2's cells in about its proportions (x 0.38),
# drawn without the pairs labelled before and labelled before any change was scored on it
HELDOUT3 = {"seed": 2028, "first": 5000, "split": "heldout3", "out": Path("/tmp/pairs2/sample_heldout3.jsonl"),
            "alloc": {("low", "far"): 17, ("low", "month"): 17, ("short", "any"): 19, ("nospeaker", "any"): 15,
                      ("otherspeaker", "high"): 23, ("otherspeaker", "mid"): 8, ("reworded", "any"): 2}}
# a fourth blind sample (pairs30), ~200 pairs of the first sample's space (pair_sample.py's strata, the
# wide cells left out) from what is left unlabelled at extractor 17: every pair of the cells where the
# misses live (high and mid overlap, low overlap near in time: almost used up by the earlier samples) and
# a larger share of the no-speaker cell; labelled before any change was scored on it
HELDOUT4 = {"seed": 2030, "first": 6000, "split": "heldout4", "out": Path("/tmp/pairs30/sample_heldout4.jsonl"),
            "alloc": {("high", "near"): 50, ("high", "month"): 50, ("high", "far"): 50, ("mid", "near"): 50,
                      ("mid", "month"): 50, ("mid", "far"): 50, ("low", "near"): 50, ("low", "month"): 45,
                      ("low", "far"): 40, ("short", "any"): 35, ("nospeaker", "any"): 65}}
# its fit twin (drawn after it, without its pairs: ``--exclude`` the heldout4 sample), to work from
FIT4 = {"seed": 2031, "first": 7000, "split": "fit4", "out": Path("/tmp/pairs30/sample_fit4.jsonl"),
        "alloc": {("low", "month"): 45, ("low", "far"): 40, ("short", "any"): 35, ("nospeaker", "any"): 65,
                  ("otherspeaker", "high"): 15}}
WIDE_RUN, REWORD_WORDS, REWORD_SHARE, MAX_POSTING = 5, 4, 0.6, 300


def load_current(path: Path) -> tuple[dict, list[dict]]:
    """(train+dev articles by doc_id, today's quotes) in pair_sample's quote shape."""
    return load(path)


def labelled_keys(quotes: list[dict], labels: Path = LABELS) -> set:
    """Pair keys, in today's offsets, of every pair already in `labels` (pair_labels.jsonl)."""
    by_doc = defaultdict(list)
    for q in quotes:
        by_doc[q["doc_id"]].append((q["start"], q["end"]))
    keys = set()
    with open(labels, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            a, b = (nearest_quote(by_doc, *(r[s][k] for k in ("doc_id", "start", "end"))) for s in "ab")
            if a and b:
                keys.add(pkey(a, b))
    return keys


def index_pairs(quotes: list[dict], grams_of) -> set[tuple[int, int]]:
    """Index pairs of quotes in different documents sharing a key of `grams_of` (keys held
    by more than MAX_POSTING quotes are too common to mean anything and are skipped)."""
    post = defaultdict(list)
    for i, q in enumerate(quotes):
        for g in grams_of(q):
            post[g].append(i)
    pairs = set()
    for ids in post.values():
        if len(ids) <= MAX_POSTING:
            pairs.update((i, j) for n, i in enumerate(ids) for j in ids[n + 1:]
                         if quotes[i]["doc_id"] != quotes[j]["doc_id"])
    return pairs


def content(q: dict) -> set[str]:
    return {w for w in q["w"] if w not in STOPWORDS and len(w) > 2}


def wide_stratum(a: dict, b: dict) -> tuple[tuple[str, str], dict] | None:
    """The wide stratum of a pair outside the first sample's space, None when it has none."""
    spk = compatible(a, b)
    if spk in ("same", "surname"):
        ca, cb = content(a), content(b)
        short = min(ca, cb, key=len)
        shared = len(ca & cb)
        if ngrams(a["w"], 3) & ngrams(b["w"], 3) or shared < REWORD_WORDS or shared < REWORD_SHARE * len(short):
            return None
        return ("reworded", "any"), features(a, b)
    if spk == "nospeaker" or a["speaker"] is None or b["speaker"] is None:
        return None
    f = features(a, b)
    if f["run"] < WIDE_RUN and not (f["contained"] and f["run"] >= REWORD_WORDS):
        return None
    return ("otherspeaker", "high" if stratum(f, "same")[0] == "high" else "mid"), f


def wide_candidates(quotes: list[dict]) -> list[dict]:
    pairs = index_pairs(quotes, lambda q: ngrams(q["w"], REWORD_WORDS))
    pairs |= index_pairs(quotes, lambda q: {(w,) for w in content(q)})
    out = []
    for i, j in sorted(pairs):
        a, b = quotes[i], quotes[j]
        got = wide_stratum(a, b)
        if got:
            if (qkey(b), qkey(a)) < (qkey(a), qkey(b)):
                a, b = b, a
            out.append({"a": a, "b": b, "speakers": compatible(a, b) or "other", "f": got[1],
                        "stratum": got[0]})
    return out


def cmd_draw(args) -> None:
    _, quotes = load_current(args.quotes)
    done = labelled_keys(quotes)
    for path in args.exclude:      # an earlier draw not merged yet (fit4 leaves heldout4's pairs out)
        done |= {pkey(*(tuple(r[s][k] for k in ("doc_id", "start", "end")) for s in "ab")) for r in read_rows(path)}
    by = defaultdict(list)
    for p in candidates(quotes) + wide_candidates(quotes):
        if pkey(qkey(p["a"]), qkey(p["b"])) not in done:
            by[p["stratum"]].append(p)
    seed, first, split, alloc = SEED2, FIRST_INDEX, SPLIT, ALLOC
    for flag, conf in ((args.fit2, FIT2), (args.heldout3, HELDOUT3), (args.heldout4, HELDOUT4), (args.fit4, FIT4)):
        if flag:
            seed, first, split, alloc = conf["seed"], conf["first"], conf["split"], conf["alloc"]
            args.out = conf["out"] if args.out == SAMPLE2 else args.out
    rng = random.Random(seed)
    picked = []
    for s in sorted(by):
        picked += rng.sample(by[s], min(alloc.get(s, 0), len(by[s])))
    rng.shuffle(picked)
    sizes = {"/".join(s): len(v) for s, v in by.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for i, p in enumerate(picked, first):
            f.write(json.dumps({
                "i": i, "a": dict(zip(("doc_id", "start", "end"), qkey(p["a"]))),
                "b": dict(zip(("doc_id", "start", "end"), qkey(p["b"]))),
                "stratum": "/".join(p["stratum"]), "split": split, "in_old_labels": False,
                "speakers": p["speakers"], "features_at_sampling": p["f"],
                "stratum_size": sizes["/".join(p["stratum"])]}) + "\n")
    got = Counter("/".join(p["stratum"]) for p in picked)
    print(f"{len(picked)} pairs ({len(done)} labelled pairs left out) -> {args.out}")
    for s in sorted(sizes):
        print(f"  {s:16} {got[s]:4} of {sizes[s]} unlabelled")


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def show_side(q: dict, art: dict, n: int) -> None:
    t = art["text"]
    before = t[max(0, q["start"] - n):q["start"]].replace("\n", " ")
    after = t[q["end"]:q["end"] + n].replace("\n", " ")
    body = q["text"] if len(q["text"]) <= 320 else q["text"][:170] + " [...] " + q["text"][-130:]
    print(f"   {art['date']} {art['outlet']} | {q['speaker']} | {art['title'][:70]}")
    print(f"   ...{before}<<{body}>>{after}...")


def cmd_show(args) -> None:
    arts, quotes = load_current(args.quotes)
    byk = {qkey(q): q for q in quotes}
    rows = read_rows(args.sample)
    for r in rows[args.frm:args.to if args.to is not None else args.frm + 1]:
        f = r["features_at_sampling"]
        ka, kb = (tuple(r[x][y] for y in ("doc_id", "start", "end")) for x in "ab")
        print(f"=== #{r['i']} {r['stratum']} run={f['run']} sim={f['sim']} gap={f['gap']}d")
        print("   shared: " + " ".join(shared_run(byk[ka]["w"], byk[kb]["w"])[:20]))
        for k in (ka, kb):
            show_side(byk[k], arts[k[0]], args.context)
        print()


def cmd_merge(args) -> None:
    rows = {r["i"]: r for r in read_rows(args.sample)}
    have = {json.loads(line)["sample_index"] for line in open(LABELS, encoding="utf-8")}
    out = []
    with open(args.raw, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            i, label, reason = line.rstrip("\n").split("\t", 2)
            if label not in ("same", "different", "unsure"):
                sys.exit(f"bad label in line: {line.strip()}")
            r = rows[int(i)]
            if r["i"] not in have:
                out.append({"a": r["a"], "b": r["b"], "label": label, "reason": reason.strip(),
                            "stratum": r["stratum"], "split": r["split"], "sample_index": r["i"],
                            "in_old_labels": False, "stratum_size": r["stratum_size"],
                            "features_at_sampling": r["features_at_sampling"]})
    with open(LABELS, "a", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(out)} labels appended to {LABELS}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=Path, default=GROUPED)
    ap.add_argument("--sample", type=Path, default=SAMPLE2)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("draw")
    s.add_argument("--out", type=Path, default=SAMPLE2)
    s.add_argument("--fit2", action="store_true", help="the fit sample of the wide cells (FIT2)")
    s.add_argument("--heldout3", action="store_true", help="the third blind sample (HELDOUT3)")
    s.add_argument("--heldout4", action="store_true", help="the fourth blind sample (HELDOUT4)")
    s.add_argument("--fit4", action="store_true", help="heldout4's fit twin (FIT4; --exclude the heldout4 sample)")
    s.add_argument("--exclude", type=Path, nargs="*", default=[], help="samples drawn but not merged yet")
    add_show_and_merge(sub)
    args = ap.parse_args()
    {"draw": cmd_draw, "show": cmd_show, "merge": cmd_merge}[args.cmd](args)


if __name__ == "__main__":
    main()
