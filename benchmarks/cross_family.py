"""Cross-family pairs: two articles' quotes credited to speakers of two different families
(issue 13: the cross-speaker evidence a cross-family join would act on).

usage: python benchmarks/cross_family.py [--cache FILE] [--pred FILE] [--run 8] [--gap 1] [--show]

The grouping joins only the quotes of one speaker family (``corpus.families``), except unsure
speakers' quotes the cut moves. This lists the pairs of quotes from two different articles
whose speaker families differ (a quote without speaker counts as a family of its own) that
share a run of ``--run`` words or more holding a content word, printed ``--gap`` days apart
or less, with the rarity of the shared run (the sum of its content words' IDF over the
corpus' quotes), the label of the pair if ``benchmarks/pair_labels.jsonl`` holds it, and
whether ``--pred`` (``pair_predict.py group`` output) joins it. The quotes and speakers are
``pair_predict.py extract``'s cache and the speaker index ``quotes extract`` makes from it.
``--show`` prints the quotes (terminal only: PolNeAR text never goes into the repository).
"""
from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.corpus.families import family_key  # noqa: E402
from quotes.corpus.grouping import _day, match_keys  # noqa: E402
from quotes.corpus.index import corpus_quotes, index_speakers  # noqa: E402
from quotes.corpus.textnorm import STOPWORDS, units  # noqa: E402
from quotes.corpus.unsure import is_unsure  # noqa: E402
from quotes.corpus.worddiff import equal_runs  # noqa: E402

CACHE = Path("/tmp/pairs2/polnear_extracted.pkl")
LABELS = ROOT / "benchmarks" / "pair_labels.jsonl"
MAX_HOLDERS = 20  # a run printed by more quotes than this is a stock line, not one statement


def family_rows(extracted: list) -> tuple[list[tuple], dict, dict]:
    """(rows, doc_id by article id, speaker name by id) of ``pair_predict.py extract``'s cache:
    a row per corpus quote (record, speaker id, family key, match keys, day), the speakers
    from the speaker index ``quotes extract`` makes; a quote without speaker is a family of its own."""
    records = [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]
    doc_of = {article.id: article.doc_id for article, _ in extracted}
    speakers = index_speakers(records)
    names = {s.id: s.name for s in speakers.speakers}
    rows = []
    for r in records:
        sid = speakers.speaker_of.get(r.quote_id)
        rows.append((r, sid, family_key(sid, names.get(sid)) if sid else "none:" + r.quote_id,
                     match_keys(units(r.text)), _day(r.published)))
    return rows, doc_of, names


def idf_of(rows: list[tuple]) -> dict[str, float]:
    df = Counter(w for row in rows for w in set(row[3]))
    return {w: math.log(len(rows) / n) for w, n in df.items()}


def run_pairs(rows: list[tuple], run: int, contained: bool = False) -> set[tuple[int, int]]:
    """Index pairs (i < j) of rows of two articles sharing a run of ``run`` words holding a
    content word (a run more than MAX_HOLDERS quotes print is skipped); with ``contained``
    also a quote shorter than ``run`` holding a content word whose words stand in the other."""
    holders = defaultdict(list)
    sizes = {run} | ({len(row[3]) for row in rows if 0 < len(row[3]) < run} if contained else set())
    for i, (_, _, _, keys, _) in enumerate(rows):
        for n in sizes:
            for j in range(len(keys) - n + 1):
                if any(w not in STOPWORDS for w in keys[j:j + n]):
                    holders[keys[j:j + n]].append(i)
    out = set()
    for g, held in holders.items():
        if len(held) > MAX_HOLDERS:
            continue
        held = sorted(set(held))
        # a run shared, or a short quote (its words all of g) standing in another quote
        pairs = combinations(held, 2) if len(g) == run else (
            (min(i, j), max(i, j)) for i in held if rows[i][3] == g for j in held if j != i)
        out.update((i, j) for i, j in pairs if rows[i][0].article_id != rows[j][0].article_id)
    return out


def longest_shared(a: tuple, b: tuple, idf: dict) -> tuple[int, float]:
    """(length, rarity: the IDF sum of its content words) of the longest run two key lists share."""
    s, _, n = max(equal_runs(a, b), key=lambda x: x[2])
    return n, sum(idf[w] for w in a[s:s + n] if w not in STOPWORDS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--pred", type=Path)
    ap.add_argument("--run", type=int, default=8)
    ap.add_argument("--gap", type=int, default=1)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    with open(args.cache, "rb") as f:
        extracted = pickle.load(f)
    rows, doc_of, names = family_rows(extracted)
    idf = idf_of(rows)
    pairs = {(i, j) for i, j in run_pairs(rows, args.run) if rows[i][2] != rows[j][2]}
    labels = {}
    with open(LABELS, encoding="utf-8") as f:
        for lab in map(json.loads, f):
            labels[frozenset({(lab["a"]["doc_id"], lab["a"]["start"]), (lab["b"]["doc_id"], lab["b"]["start"])})] = (
                f"{lab['split']}:{lab['label']}")
    group = {}
    if args.pred:
        with open(args.pred, encoding="utf-8") as f:
            for d in map(json.loads, f):
                group.update({(d["doc_id"], q["start"]): q["group"] for q in d["quotes"]})
    out = []
    for i, j in sorted(pairs):
        a, b = rows[i], rows[j]
        if a[4] is None or b[4] is None or abs(a[4] - b[4]) > args.gap:
            continue
        n, rare = longest_shared(a[3], b[3], idf)
        ka, kb = ((doc_of[x[0].article_id], x[0].start) for x in (a, b))
        joined = bool(group.get(ka)) and group.get(ka) == group.get(kb) if args.pred else None
        out.append((rare, n, abs(a[4] - b[4]), labels.get(frozenset({ka, kb}), "-"), joined, a, b))
    print(f"{len(out)} cross-family pairs sharing {args.run}+ words, {args.gap} day(s) apart or less")
    print("| run | rarity | gap | label | joined | speakers (attribution methods) |\n| ---: | ---: | ---: | --- | --- | --- |")
    for rare, n, gap, lab, joined, a, b in sorted(out, key=lambda x: -x[0]):
        who = " / ".join(f"{names.get(x[1]) or '(none)'} ({x[0].method}{', unsure' if is_unsure(x[0].method) else ''})"
                         for x in (a, b))
        print(f"| {n} | {rare:.1f} | {gap} | {lab} | {joined} | {who} |")
        if args.show:
            for x in (a, b):
                print(f"    {doc_of[x[0].article_id]} {x[0].start}: {x[0].text[:200]}")


if __name__ == "__main__":
    main()
