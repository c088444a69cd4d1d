"""Where one real `quotes extract --jsonl --workers 1` run spends its CPU, stage by stage.

    python benchmarks/stage_costs.py [--split train] [--docs 300] [--repeat 1]

Runs the extract command in this process on PolNeAR articles with a timer around each stage
function (inclusive CPU seconds, `time.process_time`; nested stages are counted in their
caller too: the ranker and the article context inside attribution), and prints the user and
system time and minor page faults (getrusage) of the parse and of the whole run, best of
`repeat` fresh processes. `benchmarks/profile_extract.py` times the same stages outside the
command (warm, best of 3), and each pipe of the model; this script shows what a run pays,
first-pass costs included (spaCy's import, new vocabulary entries, the system time of memory
the parse faults in).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the `quotes` command runs (quotes/cli.py)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, env, machine, polnear_docs, write_jsonl  # noqa: E402

# (module, attribute, label): the functions timed, looked up where the pipeline calls them
STAGES = (
    ("quotes.extract.nlp", "load_parser", "model load"),
    ("quotes.extract.pipeline", "find_marks", "marks"),
    ("quotes.extract.pipeline", "segments_for", "segments"),
    ("quotes.extract.pipeline", "_parse_all", "parse (tokenizer, tok2vec, tagger, parser)"),
    ("quotes.extract.pipeline", "ArticleIndex", "text index"),
    ("quotes.extract.pipeline", "attribute", "attribution (rules, filter, ranker)"),
    ("quotes.extract.attribution", "article_context", "  of which names and subjects"),
    ("quotes.extract.ranking", "apply_ranker", "  of which the ranker"),
    ("quotes.extract.pipeline", "date_quotes", "dating"),
    ("quotes.corpus.index", "index_corpus", "corpus step (speakers, groups)"),
    ("quotes.build", "given_quote_json", "JSON of the quotes"),
)


def usage() -> dict:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"user": r.ru_utime, "sys": r.ru_stime, "faults": r.ru_minflt}


def timed(fn, label: str, totals: dict):
    """`fn`, adding its CPU seconds (and for the parse its user/system time and faults) to `totals`."""
    def wrapper(*args, **kwargs):
        before = usage()
        try:
            return fn(*args, **kwargs)
        finally:
            after = usage()
            row = totals[label]
            for key in row:
                row[key] += after[key] - before[key]
    return wrapper


def one_run(src: str) -> dict:
    """The stages of one extract run of `src`, in this process (called in a fresh one)."""
    import importlib
    import time

    start = time.process_time()
    import spacy  # noqa: F401
    import quotes.extract.pipeline  # noqa: F401
    from quotes import cli

    totals: dict = {"import spaCy and the pipeline": {"user": time.process_time() - start, "sys": 0.0, "faults": 0}}
    for module, name, label in STAGES:
        totals[label] = {"user": 0.0, "sys": 0.0, "faults": 0}  # printed in this order
        owner = importlib.import_module(module)
        setattr(owner, name, timed(getattr(owner, name), label, totals))
    stdout, sys.stdout = sys.stdout, open(os.devnull, "w", encoding="utf-8")
    try:
        cli.cli.main(["extract", "--jsonl", "--workers", "1", src], standalone_mode=False)
    finally:
        sys.stdout.close()
        sys.stdout = stdout
    return {"stages": totals, "whole run": usage()}


def best_of(runs: list[dict]) -> dict:
    """Each stage's and the whole run's figures from the run with the least CPU in it."""
    def cpu(row: dict) -> float:
        return row["user"] + row["sys"]

    best = {"whole run": min((r["whole run"] for r in runs), key=cpu), "stages": {}}
    for label in runs[0]["stages"]:
        best["stages"][label] = min((r["stages"][label] for r in runs if label in r["stages"]), key=cpu)
    return best


def costs(split: str = "train", docs: int | None = 300, repeat: int = 1) -> dict:
    gold = polnear_docs((split,), docs)
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(Path(tmp) / "docs.jsonl", ({"doc_id": d["doc_id"], "text": d["text"]} for d in gold))
        runs = []
        for _ in range(repeat):
            out = subprocess.run([PYTHON, __file__, "--one-run", str(src)], env=env(ROOT), cwd="/tmp",
                                 capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.splitlines()[-1]))
    return {"split": split, "docs": len(gold), "words": sum(len(d["text"].split()) for d in gold),
            "repeat": repeat, "machine": machine(), **best_of(runs)}


def report(result: dict) -> str:
    whole = result["whole run"]
    lines = [f"stage costs of `quotes extract --jsonl --workers 1`: PolNeAR {result['split']}, {result['docs']} "
             f"articles, {result['words']:,} words, CPU seconds, best of {result['repeat']} — {result['machine']}",
             f"  {'whole run':46} {whole['user'] + whole['sys']:6.2f} s  (user {whole['user']:.2f}, "
             f"system {whole['sys']:.2f}, {whole['faults']:,} minor page faults)"]
    for label, row in result["stages"].items():
        extra = f"  (user {row['user']:.2f}, system {row['sys']:.2f}, {row['faults']:,} faults)" if row["faults"] else ""
        lines.append(f"  {label:46} {row['user'] + row['sys']:6.2f} s{extra}")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one-run"]:
        print(json.dumps(one_run(sys.argv[2])))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train")
    parser.add_argument("--docs", type=int, default=300, help="first N articles (0: all)")
    parser.add_argument("--repeat", type=int, default=1, help="fresh processes; the best is shown")
    args = parser.parse_args()
    result = costs(args.split, args.docs or None, args.repeat)
    print(report(result))
    print(json.dumps(result))
