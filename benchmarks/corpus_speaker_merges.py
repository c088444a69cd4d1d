"""What the corpus speaker index does to speakers: the per-article ``speaker`` against the
corpus-wide name (``corpus_speaker``) on PolNeAR train or dev (never test), both judged by
the shared scorer's speaker rule (tools/score.py ``speaker_ok``) on matched quotes.

usage: python benchmarks/corpus_speaker_merges.py [--split train|dev] [--cache PATH]
       [--double-marks-only] [--show N] [--why] [--json]

Counts, over matched quotes whose gold speaker is a name: right->wrong (the index's name is
judged wrong where the article's own form was right), wrong->right, and the merges behind
the losses (article form -> corpus name, with how many quotes; ``--why``: the forms, by
article, that the corpus name gathered). ``renamed``: quotes whose corpus name differs
from their article's form at all. The documents are read,
extracted and indexed as ``quotes extract FILE --jsonl`` does them. Extraction is the slow
part (minutes): ``--cache PATH`` keeps the extracted articles in a pickle (written when
absent, read when present) so that a change to the index alone is measured in seconds; a
cache made by another extractor must be deleted by hand.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import load_gold, load_scorer  # noqa: E402


def extracted_articles(split: str, cache: Path | None) -> list:
    """(article, quotes) of each usable document, as `quotes extract` gives them (no index)."""
    if cache and cache.exists():
        with open(cache, "rb") as f:
            return pickle.load(f)
    from quotes.build import Tally, extraction, usable_articles
    from quotes.ingest.files import read_jsonl
    from quotes.model import Skipped

    path = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / f"{split}.jsonl"
    tally = Tally()
    out = [(i.article, i.quotes) for i in extraction(usable_articles(read_jsonl(path), tally), 1, 32)
           if not isinstance(i, Skipped)]
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(out, f)
    return out


def indexed_documents(extracted: list) -> tuple[list[dict], dict[str, list[str]]]:
    """The `--jsonl` documents after the corpus index, with this checkout's index, and the
    forms each corpus name gathers (``article id prefix: form, form``), to read a merge."""
    from quotes.build import document_json
    from quotes.corpus.index import apply_corpus_index, corpus_quotes, index_corpus

    records = [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]
    speakers, utterances = index_corpus(records, with_diffs=False)
    apply_corpus_index(extracted, speakers, utterances)
    by_article: dict[str, dict[str, list[str]]] = {}
    for a in speakers.aliases:
        by_article.setdefault(a.speaker_id, {}).setdefault(a.article_id[:8], []).append(a.alias)
    forms = {s.name: [f"{art}: {', '.join(fs)}" for art, fs in by_article.get(s.id, {}).items()]
             for s in speakers.speakers}
    return [document_json(a, quotes) for a, quotes in extracted], forms


def compare(gold: list[dict], docs: list[dict], score, double_only: bool) -> dict:
    """Counts of the scorer's judgement of ``speaker`` vs ``corpus_speaker`` on matched,
    named-gold quotes; the merges behind each loss and gain."""
    if double_only:
        score.keep_double_marked(gold, docs)
    preds = {d["doc_id"]: d for d in docs}
    counts: Counter = Counter()
    losses: Counter = Counter()
    gains: Counter = Counter()
    for g in gold:
        p = preds.get(g["doc_id"], {"quotes": []})
        pairs, _, _ = score.match_doc(g, p)
        for i, j in pairs:
            gq, pq = g["quotes"][i], p["quotes"][j]
            if not score.is_named(gq):
                continue
            own = score.speaker_ok(pq.get("speaker"), gq)
            corpus = score.speaker_ok(pq.get("corpus_speaker") or pq.get("speaker"), gq)
            counts["named"] += 1
            counts["own_right"] += own
            counts["corpus_right"] += corpus
            counts["renamed"] += score.norm_name(pq.get("corpus_speaker") or pq.get("speaker")) != \
                score.norm_name(pq.get("speaker"))
            merge = (pq.get("speaker"), pq.get("corpus_speaker"), gq.get("speaker"))
            if own and not corpus:
                counts["right_to_wrong"] += 1
                losses[merge] += 1
            elif corpus and not own:
                counts["wrong_to_right"] += 1
                gains[merge] += 1
    return {"counts": dict(counts), "losses": losses.most_common(), "gains": gains.most_common()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["train", "dev"], default="train")
    ap.add_argument("--cache", type=Path, help="pickle of the extracted articles (read if present)")
    ap.add_argument("--double-marks-only", action="store_true")
    ap.add_argument("--show", type=int, default=40, help="merges to list (losses, then gains)")
    ap.add_argument("--why", action="store_true", help="under each loss, the forms its corpus name gathers")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = load_gold(args.split)
    docs, forms = indexed_documents(extracted_articles(args.split, args.cache))
    res = compare(gold, docs, load_scorer(), args.double_marks_only)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return
    print(args.split, json.dumps(res["counts"]))
    for label in ("losses", "gains"):
        print(f"{label} (article speaker -> corpus_speaker; gold): quotes")
        for (own, corpus, g), n in res[label][:args.show]:
            print(f"  {own!r} -> {corpus!r}; gold {g!r}: {n}")
            if args.why and label == "losses":
                for line in forms.get(corpus, [])[:8]:
                    print(f"      {line}")


if __name__ == "__main__":
    main()
