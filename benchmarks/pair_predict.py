"""Our grouping's ``group`` for the PolNeAR train+dev quotes, for ``pair_sample.py score``.

usage: python benchmarks/pair_predict.py extract [--cache FILE]   # spaCy, once (minutes)
       python benchmarks/pair_predict.py group [--cache FILE] [--out FILE] [--pair-model] [--option NAME=VALUE]

``extract`` runs the extractor over the train and dev articles only (never test) and keeps
the per-article quotes, before any corpus step, in a pickle under /tmp. ``group`` runs the
corpus step of the checked-out code (speaker index, then utterances: the same calls as
``quotes extract``) over them and writes FORMAT.md JSONL with ``group``. Then

    python benchmarks/pair_sample.py score --pred /tmp/pairs2/polnear_grouped.jsonl

scores the grouping against the labelled pairs. Extraction changes nothing the grouping
is judged on, so one extraction serves every grouping experiment.
"""
from __future__ import annotations

import argparse
import copy
import json
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POLNEAR = Path("/work/shared/eval/polnear")
CACHE = Path("/tmp/pairs2/polnear_extracted.pkl")
OUT = Path("/tmp/pairs2/polnear_grouped.jsonl")


def cmd_extract(args) -> None:
    from quotes.build import Tally, extraction, readable_articles
    from quotes.model import Skipped

    paths = [str(POLNEAR / f"{split}.jsonl") for split in ("train", "dev")]
    tally = Tally()
    out = [(item.article, item.quotes) for item in extraction(readable_articles(paths, tally), args.workers, 32)
           if not isinstance(item, Skipped)]
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    with open(args.cache, "wb") as f:
        pickle.dump(out, f)
    print(f"{len(out)} articles, {sum(len(q) for _, q in out)} quotes -> {args.cache}")


def option(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` -> a GroupingOptions field and its value in the field's type."""
    from quotes.corpus.grouping import GroupingOptions

    name, value = text.split("=", 1)
    default = getattr(GroupingOptions(), name)
    return name, value.lower() in ("1", "true", "yes") if isinstance(default, bool) else type(default)(value)


def cmd_group(args) -> None:
    from quotes.build import quote_json
    from quotes.corpus.grouping import GroupingOptions
    from quotes.corpus.index import apply_corpus_index, corpus_quotes, index_corpus

    with open(args.cache, "rb") as f:
        extracted = copy.deepcopy(pickle.load(f))
    records = [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]
    options = GroupingOptions(**{"pair_model": args.pair_model, **dict(map(option, args.option))})
    apply_corpus_index(extracted, *index_corpus(records, options, with_diffs=False))
    with open(args.out, "w", encoding="utf-8") as f:
        for article, quotes in extracted:
            doc = {"doc_id": article.doc_id, "outlet": article.outlet, "quotes": [quote_json(q) for q in quotes]}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(extracted)} articles -> {args.out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("extract")
    s.add_argument("--cache", type=Path, default=CACHE)
    s.add_argument("--workers", type=int, default=2)
    s = sub.add_parser("group")
    s.add_argument("--cache", type=Path, default=CACHE)
    s.add_argument("--out", type=Path, default=OUT)
    s.add_argument("--pair-model", action="store_true", help="the learned pair tier on")
    s.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                   help="a GroupingOptions field for this run (an experiment), e.g. requote_short_days=60")
    args = ap.parse_args()
    {"extract": cmd_extract, "group": cmd_group}[args.cmd](args)


if __name__ == "__main__":
    main()
