"""The top speaker family of a synthetic corpus, alone in a database: its grouping measured.

    python benchmarks/giant_family.py --quotes 5000000 --db /tmp/giant-5m.db
    python benchmarks/bench_grouping_cpu.py --db /tmp/giant-5m.db --largest --repeat 1

Draws the corpus ``synth_corpus.py --quotes N`` draws (same seed, same articles, same words)
without writing it, and keeps only the quotes whose speaker is in the top speaker's family
(``grouping.alias_family``: the surname key; the top speaker of the Zipf law holds about a
tenth of the quotes, so at 5M about half a million), each in its own article as drawn. The
family's unit in the full corpus differs only by the cut's cross-family moves: its unsure
quotes that move to another family and the speakerless components and other families'
unsure quotes that join it (``corpus.families``); every named quote of the family is here.
Prints the family's size and the largest other families' (so that it is seen to be the
largest), and the time the draw took. ``bench_grouping_cpu.py --largest`` then groups it in
one process as a worker would (``families.group_units``) and prints CPU and peak RSS.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth_corpus import polnear_quotes, speaker_names, synthetic_articles, write_bulk  # noqa: E402

from quotes.corpus.grouping import alias_family  # noqa: E402


def family_articles(n_quotes: int, sizes: Counter, seed: int = 0):
    """The articles of the ``n_quotes`` corpus (``synthetic_articles``, default shares) with
    only the top speaker's family's quotes (articles without one left out); ``sizes``
    counts every family's quotes on the way."""
    top = alias_family(speaker_names(max(20, n_quotes // 60), random.Random(seed))[0])  # (its first draw)
    for article, quotes in synthetic_articles(polnear_quotes(), n_quotes, seed=seed):
        keys = [alias_family(q.speaker) if q.speaker else None for q in quotes]
        sizes.update(k for k in keys if k)
        kept = [q for q, k in zip(quotes, keys) if k == top]
        if kept:
            yield article, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=5_000_000)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    if not polnear_quotes():
        sys.exit("needs PolNeAR train and dev in ../shared")
    args.db.unlink(missing_ok=True)
    sizes: Counter = Counter()
    began = time.perf_counter()
    info = write_bulk(args.db, family_articles(args.quotes, sizes))
    print(json.dumps({**info, "corpus_quotes": args.quotes, "named_quotes": sum(sizes.values()),
                      "largest_families": sizes.most_common(4), "seconds": round(time.perf_counter() - began, 1)}))


if __name__ == "__main__":
    main()
