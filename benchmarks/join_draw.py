"""How right are the joins the rules make? A random sample of the grouping's own joins (issue 13).

usage: python benchmarks/join_draw.py draw [--quotes FILE] [--out FILE]   # the sample (seed 1313)
       python benchmarks/join_draw.py draw --rest --out /tmp/joins-rest.jsonl   # then the rest
       python benchmarks/join_draw.py show FROM [TO] [--context N]        # print pairs to read
       python benchmarks/join_draw.py merge RAW                            # append labels
       python benchmarks/join_draw.py score                                # precision of the joins
       python benchmarks/join_draw.py draw --blind31 --quotes F --cache C --out /tmp/blind31/sample.jsonl

The earlier samples (``pair_sample.py``, ``pair_draw.py``) were drawn from the candidate
space by overlap and date strata, so they hold few of the pairs the rules actually join
on different occasions. This draw takes the population the precision of the grouping is
about: every pair of quotes from two DIFFERENT articles that the grouping
(``benchmarks/pair_predict.py group`` output, ``--quotes``) puts in one utterance,
whether joined directly or through a chain. Pairs already in pair_labels.jsonl are removed
(``pair_draw.labelled_keys``). Strata: the date gap between the two articles (``0d`` same
day, ``1-7d``, ``8-30d``, ``31d+``), the far-apart ones over-sampled (ALLOC): they hold the
stump-line class. The grouping's output does not say which tier joined a pair; the
overlap kind at sampling (``features_at_sampling``: contained, run, sim) is recorded instead.

Each drawn pair goes to ``joins_tune`` (a third) or ``joins_heldout`` by a hash of its key,
fixed before any label is read. ``show`` and ``merge`` are pair_draw's (terminal only; ids
and offsets into pair_labels.jsonl). ``score`` gives the precision of the joins per stratum
and re-weighted to the population (stratum_size / labelled in the stratum), per split,
with 95 % intervals (Wilson per stratum; normal approximation for the weighted figure, the
variance taken at (same+1)/(labelled+2) so a stratum without a wrong join is not certain).

``draw --blind31`` (stop 31, seed 2031): a blind sample of three spaces the earlier draws
missed, every labelled pair (pair_labels.jsonl, polnear_group_labels.jsonl) left out, each
pair in the first space that holds it:

* ``joins/REL/GAP``: the grouping's own joins not yet labelled, by relation
  (``quotes.corpus.relations``: ``copy`` identical or punctuation, ``cut`` truncation or
  bracketed, ``changed`` the rest) and date gap (``near`` <= 2 days, ``month`` 3-30, ``far``);
* ``twospeaker/RARITY/GAP``: quotes of two different speaker families (a quote without
  speaker a family of its own; ``cross_family.family_rows``) sharing a run of 4+ words with a
  content word, or one (shorter) standing in the other, by the rarity of the longest shared
  run (``cross_family.longest_shared``: IDF sum; ``common`` < 5, ``mid`` < 8, ``rare``) and gap;
* ``nearmiss/LEVEL``: one speaker family, printed 1-3 days apart, not joined, sharing 2+
  content words (the pairs sharing a 3-gram there are all labelled or joined already):
  ``words3`` 3+ shared or half the shorter quote's, ``words2`` the rest.

Each pair goes to ``heldout5`` (3/5, the blind check) or ``fit5`` by a hash of its two
articles' ids, fixed before any label is read, so one article pair never straddles.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pair_draw import cmd_merge, cmd_show, labelled_keys, load_current, read_rows  # noqa: E402
from common import nearest_quote  # noqa: E402
from pair_sample import LABELS, OLD_LABELS, add_show_and_merge, features, pkey, qkey  # noqa: E402

GROUPED = Path("/tmp/joins-grouped.jsonl")
SAMPLE = Path("/tmp/joins-sample.jsonl")
SEED, FIRST_INDEX = 1313, 4000
SPLITS = ("joins_tune", "joins_heldout")
ALLOC = {"0d": 25, "1-7d": 30, "8-30d": 40, "31d+": 55}
BLIND31 = {"seed": 2031, "first": 8000, "splits": ("heldout5", "fit5"),
           "alloc": {**{f"joins/{r}/{g}": 10**6 for r in ("copy", "cut", "changed") for g in ("near", "month", "far")},
                     "twospeaker/rare/near": 30, "twospeaker/mid/near": 25, "twospeaker/common/near": 15,
                     "twospeaker/rare/month": 20, "twospeaker/mid/month": 15, "twospeaker/common/month": 10,
                     "twospeaker/rare/far": 20, "twospeaker/mid/far": 15, "twospeaker/common/far": 10,
                     "nearmiss/words3": 10**6, "nearmiss/words2": 20}}
RELATION_CLASS = {"identical": "copy", "punctuation": "copy", "truncation": "cut", "bracketed": "cut"}


def gap_stratum(gap: int) -> str:
    return "0d" if gap == 0 else "1-7d" if gap <= 7 else "8-30d" if gap <= 30 else "31d+"


def split_of(key: tuple) -> str:
    """joins_tune for a third of the pairs, by a hash of the pair key (fixed before reading)."""
    h = int(hashlib.sha1(json.dumps(key).encode()).hexdigest(), 16)
    return SPLITS[0] if h % 3 == 0 else SPLITS[1]


def joined_pairs(quotes: list[dict]) -> list[tuple[dict, dict]]:
    """Every pair of quotes of two different articles in one predicted group."""
    groups = defaultdict(list)
    for q in quotes:
        if q.get("group") is not None:
            groups[q["group"]].append(q)
    out = []
    for members in groups.values():
        for a, b in combinations(members, 2):
            if a["doc_id"] != b["doc_id"]:
                out.append((a, b) if qkey(a) <= qkey(b) else (b, a))
    return out


def split5_of(a: tuple, b: tuple) -> str:
    """heldout5 for 3/5 of the article pairs (a hash of the two doc ids), else fit5."""
    docs = json.dumps(sorted((a[0], b[0])))
    return BLIND31["splits"][0] if int(hashlib.sha1(docs.encode()).hexdigest(), 16) % 5 < 3 else BLIND31["splits"][1]


def gap3(gap: int) -> str:
    return "near" if gap <= 2 else "month" if gap <= 30 else "far"


def blind31_space(quotes: list[dict], extracted: list, done: set) -> dict[str, list]:
    """The three spaces of ``draw --blind31``: {stratum: [(a, b, features)]} of unlabelled pairs."""
    from cross_family import family_rows, idf_of, longest_shared, run_pairs
    from quotes.corpus.relations import relation_of
    from quotes.corpus.textnorm import STOPWORDS

    by_key = {qkey(q): q for q in quotes}
    by = defaultdict(list)

    def add(s, a, b, extra=None):
        if (qkey(b), qkey(a)) < (qkey(a), qkey(b)):
            a, b = b, a
        key = pkey(qkey(a), qkey(b))
        if key not in done:
            done.add(key)
            by[s].append((a, b, {**features(a, b), **(extra or {})}))

    for a, b in joined_pairs(quotes):
        rel = relation_of(a["text"], b["text"])[0]
        add(f"joins/{RELATION_CLASS.get(rel, 'changed')}/{gap3(features(a, b)['gap'])}", a, b, {"relation": rel})
    rows, doc_of, _ = family_rows(extracted)
    idf = idf_of(rows)
    # the grouping output's quote of each row (None: a quote without words, not in pair_sample's shape)
    quote = [by_key.get((doc_of[r[0].article_id], r[0].start, r[0].end)) for r in rows]
    for i, j in sorted(run_pairs(rows, 4, contained=True)):
        if rows[i][2] != rows[j][2] and quote[i] and quote[j]:
            n, rare = longest_shared(rows[i][3], rows[j][3], idf)
            level = "common" if rare < 5 else "mid" if rare < 8 else "rare"
            add(f"twospeaker/{level}/{gap3(features(quote[i], quote[j])['gap'])}", quote[i], quote[j],
                {"shared_run": n, "rarity": round(rare, 2), "families": [rows[i][2], rows[j][2]]})
    content = [{w for w in r[3] if w not in STOPWORDS and len(w) > 2} for r in rows]
    family = defaultdict(list)
    for i, r in enumerate(rows):
        if not r[2].startswith("none:"):
            family[r[2]].append(i)
    for ids in family.values():
        for i, j in combinations(ids, 2):
            a, b = quote[i], quote[j]
            shared = len(content[i] & content[j])
            if (not a or not b or a["doc_id"] == b["doc_id"] or shared < 2 or rows[i][4] is None
                    or rows[j][4] is None or not 1 <= abs(rows[i][4] - rows[j][4]) <= 3
                    or a["group"] is not None and a["group"] == b["group"]):
                continue
            half = shared >= min(len(content[i]), len(content[j])) / 2
            add(f"nearmiss/{'words3' if shared >= 3 or half else 'words2'}", a, b, {"shared_words": shared})
    return by


def cmd_draw_blind31(args) -> None:
    """``draw --blind31``: the stop-31 blind sample (heldout5 / fit5), ids and offsets only."""
    import pickle

    _, quotes = load_current(args.quotes)
    done = labelled_keys(quotes) | labelled_keys(quotes, OLD_LABELS)
    with open(args.cache, "rb") as f:
        extracted = pickle.load(f)
    by = blind31_space(quotes, extracted, set(done))
    rng = random.Random(BLIND31["seed"])
    picked = []
    for s in sorted(by):
        picked += [(s, p) for p in rng.sample(by[s], min(BLIND31["alloc"][s], len(by[s])))]
    rng.shuffle(picked)
    with open(args.out, "w", encoding="utf-8") as out:
        for i, (s, (a, b, f)) in enumerate(picked, BLIND31["first"]):
            side = {x: dict(zip(("doc_id", "start", "end"), qkey(q))) for x, q in (("a", a), ("b", b))}
            out.write(json.dumps({"i": i, **side, "stratum": s, "split": split5_of(qkey(a), qkey(b)),
                                  "in_old_labels": False, "speakers": [a["speaker"], b["speaker"]],
                                  "features_at_sampling": f, "stratum_size": len(by[s])}) + "\n")
    got = Counter(s for s, _ in picked)
    print(f"{len(picked)} pairs ({len(done)} labelled pairs left out) -> {args.out}")
    for s in sorted(by):
        print(f"  {s:26} {got[s]:4} of {len(by[s])}")


def cmd_draw(args) -> None:
    if args.blind31:
        return cmd_draw_blind31(args)
    _, quotes = load_current(args.quotes)
    done = labelled_keys(quotes)
    if not args.rest:     # the first draw again: without its own labels, as when it was drawn
        done -= {pkey(*(tuple(r[x][k] for k in ("doc_id", "start", "end")) for x in "ab"))
                 for r in read_rows(LABELS) if r["split"] in SPLITS}
    by = defaultdict(list)
    pairs = joined_pairs(quotes)
    for a, b in pairs:
        if pkey(qkey(a), qkey(b)) not in done:
            f = features(a, b)
            by[gap_stratum(f["gap"])].append((a, b, f))
    # --rest: every pair the first draw left, once it is labelled (a census of the joins);
    # the stratum sizes stay those of the first draw (its labelled pairs are added back)
    first = Counter(r["stratum"] for r in read_rows(LABELS) if r["split"] in SPLITS) if args.rest else Counter()
    alloc = {s: 10**6 for s in ALLOC} if args.rest else ALLOC
    rng = random.Random(SEED + args.rest)
    picked = []
    for s in sorted(by):
        picked += [(s, p) for p in rng.sample(by[s], min(alloc[s], len(by[s])))]
    rng.shuffle(picked)
    with open(args.out, "w", encoding="utf-8") as out:
        for i, (s, (a, b, f)) in enumerate(picked, FIRST_INDEX + 100 * args.rest):
            side = {x: dict(zip(("doc_id", "start", "end"), qkey(q))) for x, q in (("a", a), ("b", b))}
            out.write(json.dumps({"i": i, **side, "stratum": s, "split": split_of(pkey(qkey(a), qkey(b))),
                                  "in_old_labels": False, "speakers": [a["speaker"], b["speaker"]],
                                  "features_at_sampling": f, "stratum_size": len(by[s]) + first[s]}) + "\n")
    print(f"{len(pairs)} joined cross-article pairs, {len(done)} labelled pairs left out; "
          f"{len(picked)} drawn -> {args.out}")
    for s in sorted(by):
        print(f"  {s:6} {min(alloc[s], len(by[s])):4} of {len(by[s])}")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return (0.0, 1.0)
    p, d = k / n, 1 + z * z / n
    c, h = (p + z * z / (2 * n)) / d, z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def weighted(cells: dict) -> tuple[float, float, float]:
    """Population precision over strata {s: (same, labelled, size)} and its 95 % interval."""
    total = sum(size for _, n, size in cells.values() if n)
    p = sum(size * k / n for k, n, size in cells.values() if n) / total
    # variance with (k+1)/(n+2) so that a stratum with no wrong join still counts as uncertain
    var = sum((size / total) ** 2 * ((k + 1) / (n + 2)) * (1 - (k + 1) / (n + 2)) / n
              for k, n, size in cells.values() if n)
    return p, max(0.0, p - 1.96 * math.sqrt(var)), min(1.0, p + 1.96 * math.sqrt(var))


def earlier_labels(quotes: list[dict]) -> list[dict]:
    """The labels of the earlier samples whose pair the grouping joins (the part of the joins
    removed from the draw: all of it is labelled, so it is counted, not estimated)."""
    joined = {pkey(qkey(a), qkey(b)) for a, b in joined_pairs(quotes)}
    by_doc = defaultdict(list)
    for q in quotes:
        by_doc[q["doc_id"]].append((q["start"], q["end"]))
    out = []
    for r in read_rows(LABELS):
        if r["split"] not in SPLITS:
            a, b = (nearest_quote(by_doc, *(r[s][k] for k in ("doc_id", "start", "end"))) for s in "ab")
            if a and b and pkey(a, b) in joined:
                out.append(r)
    return out


def by_gap(rows: list[dict]) -> None:
    """Every labelled join (earlier labels and the joins samples) by date gap: a census when
    the joins samples hold the whole rest of the joins."""
    c = Counter((gap_stratum(r["features_at_sampling"]["gap"]), r["label"]) for r in rows)
    print("\nall labelled joins by date gap (same / different / unsure, precision, 95 %):")
    for s in (*ALLOC, "all"):
        k, d, u = (sum(v for (g, lab), v in c.items() if lab == x and s in (g, "all"))
                   for x in ("same", "different", "unsure"))
        lo, hi = wilson(k, k + d)
        print(f"  {s:6} {k:4} {d:3} {u:3}  {k / max(k + d, 1):.3f} ({lo:.2f}-{hi:.2f})")


def cmd_score(args) -> None:
    _, quotes = load_current(args.quotes)
    old = earlier_labels(quotes)
    print(f"joined pairs already labelled by the earlier samples: {len(old)}")
    for split in sorted({r["split"] for r in old}):
        c = Counter(r["label"] for r in old if r["split"] == split)
        k, n = c["same"], c["same"] + c["different"]
        lo, hi = wilson(k, n)
        print(f"  {split:9} same {k:3} different {c['different']:2} unsure {c['unsure']:2}  precision "
              f"{k / max(n, 1):.3f} ({lo:.2f}-{hi:.2f})")
    for r in old:     # the blind heldout5 is counted only: its wrong joins stay unread
        if r["label"] == "different" and r["split"] != BLIND31["splits"][0]:
            print(f"    wrong: {r['split']}\t{r['sample_index']}\tgap {r['features_at_sampling']['gap']}d\t{r['reason']}")
    rows = [r for r in read_rows(LABELS) if r["split"] in SPLITS]
    print(f"{len(rows)} labels ({sum(r['label'] == 'unsure' for r in rows)} unsure, left out)\n")
    print("| split | stratum | joined pairs | labelled | same | different | precision | 95 % |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for split in (*SPLITS, "both"):
        cells = {}
        for s in ALLOC:
            rs = [r for r in rows if r["stratum"] == s and split in (r["split"], "both") and r["label"] != "unsure"]
            size = next((r["stratum_size"] for r in rows if r["stratum"] == s), 0)
            k = sum(r["label"] == "same" for r in rs)
            cells[s] = (k, len(rs), size)
            lo, hi = wilson(k, len(rs))
            prec = f"{k / len(rs):.3f}" if rs else "-"
            print(f"| {split} | {s} | {size} | {len(rs)} | {k} | {len(rs) - k} | {prec} | {lo:.2f}-{hi:.2f} |")
        if any(n for _, n, _ in cells.values()):
            p, lo, hi = weighted(cells)
            print(f"| {split} | **population-weighted** | {sum(c[2] for c in cells.values())} "
                  f"| {sum(c[1] for c in cells.values())} | | | **{p:.3f}** | {lo:.2f}-{hi:.2f} |")
    print("\nwrong joins (stratum, index, reason):")
    for r in rows:
        if r["label"] == "different":
            print(f"  {r['stratum']}\t{r['sample_index']}\t{r['split']}\t{r['reason']}")
    print(Counter(r["reason"].split(":")[0] for r in rows if r["label"] == "different"))
    by_gap(old + rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=Path, default=GROUPED)
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("draw")
    s.add_argument("--out", type=Path, default=SAMPLE)
    s.add_argument("--rest", action="store_true", help="all the pairs the first draw left (a census)")
    s.add_argument("--blind31", action="store_true", help="stop 31's blind sample of three spaces (BLIND31)")
    s.add_argument("--cache", type=Path, default=Path("/tmp/blind31/pairs.pkl"),
                   help="pair_predict.py extract's cache the --quotes grouping was made from (--blind31)")
    add_show_and_merge(sub)
    sub.add_parser("score")
    args = ap.parse_args()
    {"draw": cmd_draw, "show": cmd_show, "merge": cmd_merge, "score": cmd_score}[args.cmd](args)


if __name__ == "__main__":
    main()
