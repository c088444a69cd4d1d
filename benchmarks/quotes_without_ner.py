"""`quotes extract --jsonl` with the NER pipe excluded from the model: what the extractor's
recommended change (names from the tagger/parser instead of NER) would buy end to end.

Usage: python benchmarks/quotes_without_ner.py DOCS.jsonl [--workers N]   (JSONL on stdout)
"""
from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
import multiprocessing


def _extract(lines: list[str]) -> list[str]:
    import spacy.util

    from quotes.cli import quote_json
    from quotes.extractor import extract_articles
    from quotes.model import Article
    from quotes.nlp import MODEL_NAMES

    global _NLP
    if "_NLP" not in globals():
        import spacy

        _NLP = spacy.load(next(n for n in MODEL_NAMES if spacy.util.is_package(n)), exclude=["ner"])
    arts = [Article(doc_id=d["doc_id"], text=d["text"]) for d in map(json.loads, lines)]
    return [json.dumps({"doc_id": a.doc_id, "quotes": [quote_json(q) for q in qs]}, ensure_ascii=False)
            for a, qs in extract_articles(arts, nlp=_NLP)]


def main(path: str, workers: int = 1) -> None:
    lines = [line for line in open(path, encoding="utf-8") if line.strip()]
    if workers == 1:
        out = _extract(lines)
    else:
        chunks = [lines[i:i + 16] for i in range(0, len(lines), 16)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            out = [row for part in pool.map(_extract, chunks) for row in part]
    sys.stdout.write("".join(row + "\n" for row in out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--workers" else 1)
