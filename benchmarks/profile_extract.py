"""Where `quotes extract` spends its time, stage by stage and pipe by pipe, on PolNeAR articles.

    python benchmarks/profile_extract.py [--split dev] [--docs 84] [--repeat 3]

CPU seconds (this process, best of `repeat`; on a shared machine CPU moves far less with
the load than wall time) for:
- loading the model: the full pipeline (what textacy runs) and extraction's `load_parser`
  (three pipes, NumPy's BLAS);
- the mark rules and the choice of segments;
- every pipe on the segments extraction parses, with the model as extraction loads it
  (NumPy's BLAS) and with spaCy's default BLIS build;
- every pipe of the full model on whole articles (textacy's parse), NER included, with BLIS
  and with NumPy's BLAS;
- attribution and dating.
For a call tree, run `pyinstrument -m quotes extract --jsonl FILE` (pyinstrument is in the
`bench` extra). The issue's end-to-end figure is `benchmarks/bench_extract.py`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the `quotes` command runs (quotes/cli.py)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, polnear_docs  # noqa: E402


def cpu_timed(fn):
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def pipe_costs(nlp, texts: list[str], batch_size: int) -> tuple[dict[str, float], list]:
    """CPU seconds of the tokenizer and of each pipe of `nlp`, run one after the other over
    `texts` (each pipe on the previous one's output, as `nlp.pipe` chains them)."""
    costs = {}
    costs["tokenizer"], docs = cpu_timed(lambda: [nlp.make_doc(t) for t in texts])
    for name, proc in nlp.pipeline:
        costs[name], docs = cpu_timed(lambda proc=proc, docs=docs: list(proc.pipe(docs, batch_size=batch_size)))
    return costs, docs


def keep_best(best: dict, name: str, seconds: float) -> None:
    best[name] = min(best.get(name, float("inf")), seconds)


def segment_texts(texts: list[str]):
    from quotes.extract import pipeline as extractor
    from quotes.extract.marks import find_marks

    marks = [find_marks(t) for t in texts]
    segs = [extractor.segments_for(t, m) for t, m in zip(texts, marks)]
    seg_texts = [extractor.blank_quote_middles(extractor.parse_text(t[s:e]), inside, s)
                 for t, m, ss in zip(texts, marks, segs)
                 for (s, e), inside in zip(ss, extractor.marks_inside(m, ss))]
    return marks, segs, seg_texts


def timed_stages(texts: list[str], batch_size: int, repeat: int) -> tuple[dict, dict]:
    """(stage -> CPU s, pipe table -> {pipe -> CPU s}), each best of `repeat`."""
    from quotes.extract import pipeline as extractor
    from quotes.extract.attribution import attribute
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import UNUSED_PIPES, load_nlp, load_parser

    stages: dict[str, float] = {}
    keep_best(stages, "model load: full pipeline, BLIS (textacy's)", cpu_timed(load_nlp)[0])
    keep_best(stages, "model load: extraction's (3 pipes, NumPy BLAS)", cpu_timed(load_parser)[0])
    full, lean, blis = load_nlp(), load_parser(), load_nlp(exclude=UNUSED_PIPES)
    marks, segs, seg_texts = segment_texts(texts)
    list(full.pipe(seg_texts[:50]))  # warm up every pipe (lazy tables) before timing anything
    tables: dict[str, dict] = {}
    for _ in range(repeat):  # interleaved, best of `repeat`
        keep_best(stages, "marks (regex rules)", cpu_timed(lambda: [find_marks(t) for t in texts])[0])
        keep_best(stages, "segments_for", cpu_timed(
            lambda: [extractor.segments_for(t, m) for t, m in zip(texts, marks)])[0])
        for title, model, items in (("segments, extraction's model (NumPy BLAS)", lean, seg_texts),
                                    ("segments, same pipes with BLIS (spaCy's default)", blis, seg_texts),
                                    ("whole articles, full pipeline, BLIS (textacy's parse)", full, texts),
                                    ("whole articles, full pipeline, NumPy BLAS", load_nlp(blis=False), texts)):
            costs, docs = pipe_costs(model, items, batch_size)
            for name, seconds in costs.items():
                keep_best(tables.setdefault(title, {}), name, seconds)
            if model is lean:
                parsed = docs
        for d in parsed:
            extractor.ensure_pos(d)
        it = iter(parsed)
        jobs = [(t, m, [(s, next(it)) for s, _ in ss]) for t, m, ss in zip(texts, marks, segs)]
        seconds, quotes = cpu_timed(lambda: [attribute(t, m, p) if m else [] for t, m, p in jobs])
        keep_best(stages, "attribute (rules, ranker, filter)", seconds)
        keep_best(stages, "dating", cpu_timed(lambda: [extractor.date_quotes(t, m, q, None, p)
                                                       for (t, m, p), q in zip(jobs, quotes)])[0])
    return stages, tables


def profile(split: str = "dev", docs: int | None = None, batch_size: int = 32, repeat: int = 3) -> dict:
    gold = polnear_docs((split,), docs)
    texts = [d["text"] for d in gold]
    _, segs, seg_texts = segment_texts(texts)
    stages, tables = timed_stages(texts, batch_size, repeat)
    return {
        "split": split, "docs": len(texts), "words": sum(len(t.split()) for t in texts), "machine": machine(),
        "repeat": repeat, "parsed_fraction": sum(e - s for ss in segs for s, e in ss) / sum(len(t) for t in texts),
        "segments": len(seg_texts), "stages": stages, "pipes": tables,
    }


def report(result: dict) -> str:
    lines = [f"profile: PolNeAR {result['split']}, {result['docs']} articles, {result['words']:,} words, "
             f"CPU seconds, best of {result['repeat']} — {result['machine']}",
             f"  text given to spaCy: {result['parsed_fraction']:.0%} of the characters ({result['segments']} segments)"]
    for name, seconds in result["stages"].items():
        lines.append(f"  {name:58} {seconds:7.2f} s")
    for title, costs in result["pipes"].items():
        total = sum(costs.values())
        lines.append(f"  {title}: {total:.2f} s, {result['words'] / total:,.0f} article-words/s")
        lines.extend(f"    {name:20} {seconds:7.2f} s  {seconds / total:5.0%}" for name, seconds in costs.items())
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--docs", type=int, default=None, help="first N articles only")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = profile(args.split, args.docs, args.batch_size, args.repeat)
    print(report(result))
    print(json.dumps(result))
