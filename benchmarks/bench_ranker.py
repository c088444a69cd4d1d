"""The cost of the learned speaker ranker (candidates, typing, scoring) against the rules
alone, interleaved on the same parsed PolNeAR articles, and as a share of extraction.

    python benchmarks/bench_ranker.py [--split dev] [--repeat 3]

Parses every article once (the pipes and segments extraction uses), then times, in turn,
attribution with the ranker (quotes.extract.attribution.attribute) and the rules alone
(attribute_candidates without a ranker), best of --repeat; and the whole `extract_articles` run.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import polnear_docs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from quotes.extract.attribution import attribute, attribute_candidates
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import extract_articles, parse_for_attribution
    from quotes.model import Article

    gold = polnear_docs((args.split,))
    nlp = load_nlp()
    parsed = []
    for g in gold:
        marks, docs = parse_for_attribution(g["text"], nlp)
        if marks:
            parsed.append((g["text"], marks, docs))
    best = {"rules": 1e9, "rules+ranker": 1e9, "extract": 1e9}
    arts = [Article(doc_id=g["doc_id"], text=g["text"]) for g in gold]
    for _ in range(args.repeat):
        t = time.process_time()
        for text, marks, docs in parsed:
            attribute_candidates(text, marks, docs)
        best["rules"] = min(best["rules"], time.process_time() - t)
        t = time.process_time()
        for text, marks, docs in parsed:
            attribute(text, marks, docs)
        best["rules+ranker"] = min(best["rules+ranker"], time.process_time() - t)
        t = time.process_time()
        for _ in extract_articles(arts, nlp=nlp):
            pass
        best["extract"] = min(best["extract"], time.process_time() - t)
    extra = best["rules+ranker"] - best["rules"]
    print(f"PolNeAR {args.split}: {len(parsed)} articles with quotes; CPU seconds, best of {args.repeat}")
    for k, v in best.items():
        print(f"  {k:14} {v:7.2f}")
    print(f"  ranker cost   {extra:7.2f} s = {extra / best['extract']:.1%} of extraction "
          f"(rules alone {best['rules'] / best['extract']:.1%})")


if __name__ == "__main__":
    main()
