"""Accuracy and speed of our extractor against textacy's direct_quotations on PolNeAR.

usage: python benchmarks/accuracy.py [--split dev|test] [--out DIR] [--no-textacy]
       [--include-single] [--verbose] [--layer LAYER.jsonl]... [--no-layer]

Dev is scored with the resolved-speaker layer labelled by reading
(benchmarks/polnear_dev_speaker_layer.jsonl, made with speaker_layer.py) unless --no-layer:
gold pronoun and description speakers become the names they refer to, as for test.

Speed: words/s is wall-clock; words_per_cpu_s uses this process's CPU time, which stays
comparable when other jobs share the machine.

Writes DIR/{ours,textacy}_{split}.jsonl (tools/FORMAT.md form), scores both with the
shared scorer (tools/score.py) and prints a side-by-side table. PolNeAR's gold holds only
double-quoted spans (see eval/polnear/SOURCE.md), so single-quoted quotes (headlines) are
left out of our predictions unless --include-single is given.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # textacy_baseline

ROWS = ["gold", "pred", "matched", "quote_p", "quote_r", "quote_f1", "exact_boundary_f1",
        "speaker_acc_on_matched", "speaker_acc_named_gold", "speaker_acc_resolved_pronouns",
        "end2end_f1_named", "end2end_f1", "share_conf_ge_0.9", "right_at_conf_ge_0.9",
        "errors_in_lowest_10pct", "errors", "words_per_s", "words_per_cpu_s"]


def load_scorer():
    spec = importlib.util.spec_from_file_location("quotes_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_gold(split: str) -> list[dict]:
    path = SHARED / "eval" / "polnear" / f"{split}.jsonl"
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_ours(gold: list[dict], include_single: bool) -> tuple[list[dict], float, int]:
    from quotes.extract.pipeline import extract_articles
    from quotes.model import Article
    from quotes.extract.nlp import load_nlp

    nlp = load_nlp()
    nlp("warm up the pipeline.")
    arts = [Article(doc_id=g["doc_id"], text=g["text"], outlet=g.get("outlet")) for g in gold]
    t0, c0 = time.perf_counter(), time.process_time()
    out = []
    for art, quotes in extract_articles(arts, nlp=nlp):
        qs = [{"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "kind": q.kind,
               "cue": q.cue, "method": q.method, "confidence": q.confidence}
              for q in quotes if include_single or q.mark_style != "single"]
        out.append({"doc_id": art.doc_id, "quotes": qs})
    return out, (time.perf_counter() - t0, time.process_time() - c0), 0


def run_textacy(gold: list[dict]) -> tuple[list[dict], float, int]:
    from quotes.extract.nlp import load_nlp
    from textacy_baseline import textacy_quotes

    nlp = load_nlp()
    nlp("warm up the pipeline.")
    t0, c0 = time.perf_counter(), time.process_time()
    out, errors = [], 0
    for g in gold:
        try:
            qs = textacy_quotes(nlp, g["text"])
        except Exception:  # textacy raises on unbalanced quotation marks
            errors += 1
            qs = []
        out.append({"doc_id": g["doc_id"], "quotes": qs})
    return out, (time.perf_counter() - t0, time.process_time() - c0), errors


def load_gold_file(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dev_layer(out: Path) -> list[dict]:
    """The dev resolved-speaker layer (speaker_layer.py make) written under `out` and read."""
    import speaker_layer

    path = out / "dev_speaker_layer.jsonl"
    out.mkdir(parents=True, exist_ok=True)
    speaker_layer.make(argparse.Namespace(labels=speaker_layer.LABELS, out=path, split="dev"))
    return load_gold_file(path)


def write(path: Path, preds: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "out"))
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--include-single", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="print the scorer's error lists (ours)")
    ap.add_argument("--layer", action="append", default=[], help="resolved-speaker layer(s) for gold")
    ap.add_argument("--no-layer", action="store_true", help="dev: score against the raw gold speakers")
    args = ap.parse_args(argv)
    if not (SHARED / "eval" / "polnear").is_dir():
        print(f"PolNeAR not found under {SHARED}", file=sys.stderr)
        return 2
    scorer = load_scorer()
    gold = load_gold(args.split)
    layers = [load_gold_file(Path(p)) for p in args.layer]
    if args.split == "dev" and not args.layer and not args.no_layer:
        layers.append(dev_layer(Path(args.out)))
    for layer in layers:
        scorer.apply_pronouns(gold, layer)
    words = sum(len(g["text"].split()) for g in gold)
    results = {}
    systems = [("ours", lambda: run_ours(gold, args.include_single))]
    if not args.no_textacy:
        systems.append(("textacy", lambda: run_textacy(gold)))
    for name, fn in systems:
        preds, secs, errors = fn()
        write(Path(args.out) / f"{name}_{args.split}.jsonl", preds)
        res = scorer.score(gold, preds, verbose=args.verbose and name == "ours")
        res["errors"] = errors
        if name == "ours":
            from quotes.evaluate import calibration

            res.update({k: v for k, v in calibration(gold, preds).items() if k != "bands"})
        wall, cpu = secs
        res["words_per_s"] = round(words / wall) if wall else 0
        res["words_per_cpu_s"] = round(words / cpu) if cpu else 0
        results[name] = res
    names = list(results)
    print(f"PolNeAR {args.split}: {len(gold)} articles, {words} words")
    print(f"{'metric':26}" + "".join(f"{n:>12}" for n in names))
    for row in ROWS:
        print(f"{row:26}" + "".join(f"{_cell(results[n].get(row)):>12}" for n in names))
    return 0


def _cell(value) -> str:
    """A table cell: a figure, or "-" when the metric does not apply (no layer, no calibration)."""
    return "-" if value is None else str(value)


if __name__ == "__main__":
    sys.exit(main())
