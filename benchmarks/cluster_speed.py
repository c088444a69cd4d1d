"""How fast and how right is the utterance grouping at 200,000 quotes?

usage: python benchmarks/cluster_speed.py [--n 200000] [--seed 1] [--no-polnear-check]

1. Synthetic corpus: every PolNeAR gold quote of train+dev (never test) is copied into fake outlets
   with random perturbations (truncation, word substitutions, punctuation/case/contraction
   changes, bracketed editorial insertions) until there are ``--n`` quotes. The copies of
   one original are one generating group (originals whose normalised words and speaker are
   equal share a group). The script times ``group_utterances`` (with diffs), times an ideal
   normalised-exact grouping in the same run as the baseline, and prints pair
   precision/recall of both against the generating groups.
2. PolNeAR check: groups the real gold quotes of train+dev (speaker surface string as
   speaker, pronouns as no speaker) and prints how many cross-outlet utterances form, with
   a sample to read.

PolNeAR is research data: it is read from ../shared/eval/polnear and never copied here.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotes.corpus.textnorm import normalize  # noqa: E402
from quotes.corpus.grouping import QuoteRef, group_utterances  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"
PRONOUNS = set("he she they it we i you him her them his its their who".split())

SYNONYMS = {
    "issue": "problem", "problem": "issue", "big": "large", "large": "big", "said": "stated",
    "country": "nation", "nation": "country", "people": "folks", "great": "tremendous",
    "think": "believe", "believe": "think", "very": "really", "really": "very",
    "going": "about", "want": "wish", "get": "obtain", "help": "assist", "important": "vital",
    "job": "work", "jobs": "work", "stop": "halt", "start": "begin", "begin": "start",
    "bad": "terrible", "terrible": "bad", "American": "US", "America": "the US",
    "participate": "engage", "engage": "participate", "president": "leader",
}
CONTRACT = [("do not", "don't"), ("it is", "it's"), ("we are", "we're"), ("they are", "they're"),
            ("I am", "I'm"), ("can not", "can't"), ("will not", "won't"), ("that is", "that's")]
BRACKETS = ["[in Russia]", "[the president]", "[Clinton]", "[Trump]", "[sic]", "[the plan]",
            "[it]", "[they]", "[and]", "[Obama]"]


def load_polnear(splits=("train", "dev")):
    docs = []
    for s in splits:
        p = POLNEAR / f"{s}.jsonl"
        if p.exists():
            with open(p, encoding="utf-8") as f:
                docs += [json.loads(line) for line in f if line.strip()]
    return docs


def speaker_of(q) -> str | None:
    s = (q.get("speaker") or "").strip()
    if not s or q.get("speaker_is_pronoun") or s.lower() in PRONOUNS:
        return None
    return " ".join(s.lower().split())


def perturb(text: str, rng: random.Random, vocab: list[str]) -> str:
    words = text.split()
    if rng.random() < 0.35 and len(words) >= 8:  # truncation: a cut at one end
        keep = rng.randint(max(4, len(words) // 2), len(words) - 1)
        words = words[:keep] if rng.random() < 0.5 else words[len(words) - keep:]
    if rng.random() < 0.35 and len(words) >= 5:  # one or two word substitutions
        for _ in range(rng.choice((1, 1, 2))):
            i = rng.randrange(len(words))
            core = re.sub(r"\W+$", "", words[i])
            tail = words[i][len(core):]
            words[i] = SYNONYMS.get(core, rng.choice(vocab)) + tail
    if rng.random() < 0.15 and len(words) >= 4:  # bracketed editorial insertion
        i = rng.randrange(1, len(words))
        if rng.random() < 0.5:
            words.insert(i, rng.choice(BRACKETS))
        else:
            words[i] = rng.choice(BRACKETS)
    t = " ".join(words)
    if rng.random() < 0.5:  # punctuation, case, marks, contractions
        r = rng.random()
        if r < 0.25:
            t = t.replace(",", "")
        elif r < 0.5:
            t = t.replace("'", "\u2019") if "'" in t else t.replace("\u2019", "'")
        elif r < 0.75:
            t = t[:1].swapcase() + t[1:]
        else:
            for a, b in CONTRACT:
                if a in t:
                    t = t.replace(a, b, 1)
                    break
                if b in t:
                    t = t.replace(b, a, 1)
                    break
    return t


def pair_scores(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision/recall of a clustering (quote -> label) against gold labels."""
    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())
    both = Counter((pred[q], gold[q]) for q in gold)
    tp = pairs(both)
    pp = pairs(Counter(pred[q] for q in gold))
    gp = pairs(Counter(gold.values()))
    return (tp / pp if pp else 1.0), (tp / gp if gp else 1.0)


def synthetic(n: int, seed: int, splits=("train", "dev")):
    docs = load_polnear(splits)
    rng = random.Random(seed)
    originals = []
    for d in docs:
        for q in d["quotes"]:
            if q.get("text", "").strip():
                originals.append((q["text"], speaker_of(q), (d.get("date") or "")[:10] or None,
                                  d["doc_id"]))
    vocab = sorted({w for t, *_ in originals for w in re.findall(r"[A-Za-z]{4,}", t)})
    group_of_norm: dict[tuple, int] = {}
    refs, gold = [], {}
    copies = -(-n // len(originals))
    k = 0
    for oi, (text, spk, date, doc) in enumerate(originals):
        g = group_of_norm.setdefault((spk, normalize(text)), oi)
        for c in range(copies):
            if k >= n:
                break
            t = text if c == 0 else perturb(text, rng, vocab)
            qid = f"q{k:07d}"
            refs.append(QuoteRef(qid, f"{doc}#{c}", f"outlet-{c:02d}", spk, t, date))
            gold[qid] = f"g{g}"
            k += 1
    return refs, gold, len(originals)


def containment_aware(gold: dict[str, str], refs: list[QuoteRef]) -> dict[str, str]:
    """Generating groups, with two originals joined when one's normalised words are inside
    the other's (same speaker or none, dates at most 2 days apart): PolNeAR itself often
    quotes a fragment of a longer quote (a partial in the lead, the full quote below), and
    such a pair is one utterance, not a false merge."""
    first = {}
    for r in refs:
        first.setdefault(gold[r.quote_id], r)
    by_speaker = defaultdict(list)
    for g, r in first.items():
        k = normalize(r.text)
        if len(k.split()) >= 2:
            by_speaker[r.speaker_id].append((g, f" {k} ", r.published))
    parent = {g: g for g in first}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def days(a, b):
        try:
            import datetime as dt
            return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
        except (TypeError, ValueError):
            return 0

    for spk, items in by_speaker.items():
        pool = items + (by_speaker.get(None, []) if spk is not None else [])
        for g1, k1, d1 in items:
            for g2, k2, d2 in pool:
                if g1 != g2 and len(k1) < len(k2) and k1 in k2 and days(d1, d2) <= 2:
                    parent[find(g1)] = find(g2)
    return {q: find(g) for q, g in gold.items()}


def baseline(refs: list[QuoteRef]) -> dict[str, str]:
    groups: dict[tuple, str] = {}
    out = {}
    for r in refs:
        out[r.quote_id] = groups.setdefault((r.speaker_id, normalize(r.text)), r.quote_id)
    return out


def polnear_check(sample: int = 8) -> None:
    from quotes.corpus.speakers import SpeakerMention, build_speaker_index

    docs = load_polnear()
    refs, mentions = [], []
    for d in docs:
        for i, q in enumerate(d["quotes"]):
            qid = f"{d['doc_id']}:{q['start']}:{q['end']}:{i}"
            refs.append(QuoteRef(qid, d["doc_id"], d.get("outlet"), speaker_of(q), q["text"],
                                 (d.get("date") or "")[:10] or None))
            if speaker_of(q):
                mentions.append(SpeakerMention(qid, d["doc_id"], d.get("outlet"), q["speaker"],
                                               q.get("speaker_aliases") or []))
    # the same gold quotes with corpus-wide speaker ids ("Trump" = "Donald Trump")
    spk = build_speaker_index(mentions)
    print(f"\nPolNeAR speakers: {len({r.speaker_id for r in refs if r.speaker_id})} surface strings "
          f"-> {len(spk.speakers)} corpus-wide speakers")
    refs2 = [QuoteRef(r.quote_id, r.article_id, r.outlet, spk.speaker_of.get(r.quote_id), r.text,
                      r.published) for r in refs]
    idx2 = group_utterances(refs2, with_diffs=False)
    cross2 = [u for u in idx2.utterances if u.n_articles >= 2 and u.n_outlets >= 2]
    print(f"  with the speaker index: cross-outlet utterances {len(cross2)} "
          f"({sum(u.n_quotes for u in cross2)} quotes)")
    t = time.perf_counter()
    idx = group_utterances(refs)
    dt = time.perf_counter() - t
    multi = [u for u in idx.utterances if u.n_articles >= 2]
    cross = [u for u in multi if u.n_outlets >= 2]
    rel = Counter(v.relation for v in idx.variants
                  if idx.utterance_of[v.quote_id] in {u.id for u in cross})
    print(f"PolNeAR check (speaker surface strings): {len(refs)} gold quotes in {len(docs)} documents grouped in {dt:.2f}s")
    print(f"  utterances: {len(idx.utterances)}; in 2+ articles: {len(multi)}; "
          f"cross-outlet: {len(cross)} ({sum(u.n_quotes for u in cross)} quotes)")
    print(f"  relations in cross-outlet utterances: {dict(rel.most_common())}")
    by_id = {r.quote_id: r for r in refs}
    var = {v.quote_id: v for v in idx.variants}
    rng = random.Random(0)
    for u in rng.sample(cross, min(sample, len(cross))):
        print(f"  -- [{u.speaker_id}] {u.n_quotes} quotes, {u.n_outlets} outlets")
        for q in u.quote_ids[:4]:
            r = by_id[q]
            print(f"     {r.outlet:>12} {r.published} {var[q].relation:>12}  {r.text[:90]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-polnear-check", action="store_true")
    args = ap.parse_args()
    if not POLNEAR.exists():
        sys.exit(f"PolNeAR not found at {POLNEAR}")
    refs, gold, n_orig = synthetic(args.n, args.seed)
    print(f"synthetic corpus: {len(refs)} quotes from {n_orig} PolNeAR originals "
          f"({len(set(gold.values()))} generating groups)")

    t = time.perf_counter()
    base = baseline(refs)
    t_base = time.perf_counter() - t
    bp, br = pair_scores(base, gold)
    print(f"baseline (normalised exact): {t_base:6.1f}s  pair P={bp:.4f} R={br:.4f}  "
          f"groups={len(set(base.values()))}")

    t = time.perf_counter()
    idx = group_utterances(refs)
    t_ours = time.perf_counter() - t
    p, r = pair_scores(idx.utterance_of, gold)
    rel = Counter(v.relation for v in idx.variants)
    print(f"group_utterances:            {t_ours:6.1f}s  pair P={p:.4f} R={r:.4f}  "
          f"utterances={len(idx.utterances)}")
    print(f"ratio to baseline: {t_ours / t_base:.1f}x")
    gold2 = containment_aware(gold, refs)
    p2, r2 = pair_scores(idx.utterance_of, gold2)
    print(f"against containment-aware groups ({len(set(gold2.values()))}): pair P={p2:.4f} R={r2:.4f}")
    print(f"relations: {dict(rel.most_common())}")
    if not args.no_polnear_check:
        polnear_check()


if __name__ == "__main__":
    main()
