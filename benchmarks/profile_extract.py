"""Where `quotes extract` spends its time, stage by stage, on PolNeAR articles.

    python benchmarks/profile_extract.py [--split dev] [--docs 40]

Prints seconds and words/s for: the mark rules, choosing segments, spaCy on those
segments with the pipes the extractor keeps, the same without NER / without the
lemmatizer / tokenizer only, a whole-article parse (what textacy does), a parse of only
the sentences around quotes (a regex sentence split), and attribution. Ratios are what
matter; absolute figures depend on the machine's load. For a call tree, run
`pyinstrument -m quotes extract --jsonl FILE` (pyinstrument is in the `bench` extra).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, polnear_docs  # noqa: E402

import regex  # noqa: E402

SENTENCE_END = regex.compile(r"(?<=[.!?][”\"’']?)\s+(?=[“\"‘']?\p{Lu})")


def sentence_windows(text: str, marks, around: int = 1) -> list[tuple[int, int]]:
    """Sentences overlapping a quote, plus `around` sentences either side (regex split)."""
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    need = set()
    for mk in marks:
        for i, (s, e) in enumerate(bounds):
            if s < mk.end and e > mk.open_mark:
                need.update(range(max(0, i - around), min(len(bounds), i + around + 1)))
    return [bounds[i] for i in sorted(need)]


def _model_name() -> str:
    import spacy.util

    from quotes.extract.nlp import MODEL_NAMES

    return next(name for name in MODEL_NAMES if spacy.util.is_package(name))


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def profile(split: str = "dev", docs: int | None = 40, batch_size: int = 32, repeat: int = 2) -> dict:
    from quotes.extract import pipeline as extractor
    from quotes.extract.attribution import attribute
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp

    gold = polnear_docs((split,), docs)
    texts = [d["text"] for d in gold]
    n_words = sum(len(t.split()) for t in texts)
    rows = {}
    load_s, nlp = timed(lambda: load_nlp())
    rows["model load (once per process)"] = load_s
    marks_s, marks = timed(lambda: [find_marks(t) for t in texts])
    rows["marks (regex rules)"] = marks_s
    seg_s, segs = timed(lambda: [extractor.segments_for(t, m) for t, m in zip(texts, marks)])
    rows["segments_for"] = seg_s
    seg_texts = [extractor.parse_text(t[s:e]) for t, ss in zip(texts, segs) for s, e in ss]
    disabled = extractor.disabled_pipes(nlp)

    def parse(items, disable):
        return list(nlp.pipe(items, batch_size=batch_size, disable=disable))

    parse(seg_texts[:50], [])  # warm up every pipe (lazy tables) before timing anything
    windows = [[t[s:e] for s, e in sentence_windows(t, m)] for t, m in zip(texts, marks)]
    window_texts = [w for ws in windows for w in ws]
    configs = {
        "spaCy, segments, kept pipes (current)": lambda: parse(seg_texts, disabled),
        "spaCy, segments, no ner": lambda: parse(seg_texts, disabled + ["ner"]),
        "spaCy, segments, no lemmatizer": lambda: parse(seg_texts, disabled + ["lemmatizer"]),
        "spaCy, segments, no ner/lemmatizer": lambda: parse(seg_texts, disabled + ["ner", "lemmatizer"]),
        "spaCy, segments, tokenizer only": lambda: [nlp.make_doc(t) for t in seg_texts],
        "spaCy, whole articles, all pipes (textacy's parse)": lambda: parse(texts, []),
        "spaCy, quote sentences ±1, kept pipes": lambda: parse(window_texts, disabled),
        "spaCy, quote sentences ±1, no ner/lemmatizer": lambda: parse(window_texts, disabled + ["ner", "lemmatizer"]),
    }
    for _ in range(repeat):  # interleaved, best of `repeat`: the machine is shared and noisy
        for name, fn in configs.items():
            seconds, value = timed(fn)
            if seconds < rows.get(name, float("inf")):
                rows[name] = seconds
            if name.endswith("(current)"):
                parsed = value
    it = iter(parsed)
    jobs = [(t, m, [(s, next(it)) for s, e in ss]) for t, m, ss in zip(texts, marks, segs)]
    rows["attribute (rules over parsed segments)"] = timed(
        lambda: [attribute(t, m, p) for t, m, p in jobs if m])[0]
    # End to end with pipes removed from the model (extract_articles parses with whatever
    # pipes the model has): the speed each removal buys and what it costs in F1.
    import spacy

    from quotes.evaluate import score
    from quotes.model import Article

    from quotes.build import quote_json

    variants = {"current pipes": nlp}
    for name, exclude in (("without ner", ["ner"]), ("without lemmatizer", ["lemmatizer"]),
                          ("without ner and lemmatizer", ["ner", "lemmatizer"])):
        variants[name] = spacy.load(_model_name(), exclude=exclude)
    arts = [Article(doc_id=d["doc_id"], text=d["text"]) for d in gold]
    e2e = {}
    for _ in range(repeat):
        for name, model in variants.items():
            seconds, out = timed(lambda: list(extractor.extract_articles(arts, nlp=model)))
            f1 = score(gold, [{"doc_id": a.doc_id, "quotes": [quote_json(q) for q in qs]} for a, qs in out])
            if seconds < e2e.get(name, {}).get("seconds", float("inf")):
                e2e[name] = {"seconds": seconds, "end2end_f1": f1["end2end_f1"], "quote_f1": f1["quote_f1"]}
    chars = sum(len(t) for t in texts)
    return {
        "split": split, "docs": len(texts), "words": n_words, "machine": machine(),
        "parsed_fraction_segments": sum(e - s for ss in segs for s, e in ss) / chars,
        "parsed_fraction_sentence_windows": sum(len(w) for w in window_texts) / chars,
        "segments": len(seg_texts), "sentence_windows": len(window_texts),
        "seconds": rows, "end_to_end": e2e,
    }


def report(result: dict) -> str:
    lines = [f"profile: PolNeAR {result['split']}, {result['docs']} articles, {result['words']:,} words — {result['machine']}",
             f"  text given to spaCy: segments {result['parsed_fraction_segments']:.0%} of the characters "
             f"({result['segments']} docs); quote sentences ±1 would be {result['parsed_fraction_sentence_windows']:.0%} "
             f"({result['sentence_windows']} docs)"]
    base = result["seconds"]["spaCy, segments, kept pipes (current)"]
    for name, seconds in result["seconds"].items():
        lines.append(f"  {name:52} {seconds:7.2f} s  {result['words'] / seconds:10,.0f} article-words/s"
                     f"  {seconds / base:6.2f}× current parse")
    lines.append("  extract_articles end to end, pipes removed from the model (in process, model loaded):")
    base = result["end_to_end"]["current pipes"]["seconds"]
    for name, row in result["end_to_end"].items():
        lines.append(f"    {name:30} {row['seconds']:7.2f} s  {base / row['seconds']:5.2f}× faster  "
                     f"end2end F1 {row['end2end_f1']:.3f}  quote F1 {row['quote_f1']:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    result = profile(args.split, args.docs, args.batch_size, args.repeat)
    print(report(result))
    print(json.dumps(result))
