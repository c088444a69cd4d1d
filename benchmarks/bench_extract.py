"""`quotes extract` against textacy's quote extractor: throughput (same run, same articles)
and end-to-end F1 (quotes.evaluate.score) for both.

    python benchmarks/bench_extract.py [--split train] [--docs 300] [--workers 2] [--repeat 3] [--base DIR]
    python benchmarks/bench_extract.py --split train --crossover 25,50,100,200 [--repeat 3]

``--crossover``: for each number of articles (the first N of the split), `quotes extract`
with 1 and with 2 processes, interleaved, best of ``--repeat``; the smallest number where 2
processes are faster (what ``run.parallel.AUTO_MIN_DOCUMENTS`` is set from).

Wall seconds are the issue's measure; CPU seconds (user + system of the process tree) are
printed beside them because on a shared machine they move far less with the load.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, machine, polnear_docs, run, words, write_jsonl  # noqa: E402


def read_preds(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def configs_for(src: Path, t_out: Path, workers: int, base: str | None) -> dict[str, tuple[list[str], Path]]:
    """name -> (command, code root): textacy, quotes at 1, `workers` and auto processes, and
    quotes of the `base` checkout (one process) when given."""
    configs = {"textacy": ([PYTHON, str(ROOT / "benchmarks" / "textacy_baseline.py"), str(src), str(t_out)], ROOT)}
    extract = [PYTHON, "-m", "quotes", "extract", "--jsonl", "--workers"]
    if base:
        configs["base: quotes --workers 1"] = ([*extract, "1", str(src)], Path(base))
    for n in [*sorted({1, workers}), "auto"]:
        configs[f"quotes --workers {n}"] = ([*extract, str(n), str(src)], ROOT)
    return configs


def bench(split: str = "dev", docs: int | None = None, workers: int = 2, repeat: int = 3,
          base: str | None = None) -> dict:
    from quotes.evaluate import score

    gold = polnear_docs((split,), docs)
    n_words = words(gold)
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(Path(tmp) / "docs.jsonl",
                          ({"doc_id": d["doc_id"], "text": d["text"]} for d in gold))
        t_out = Path(tmp) / "t.jsonl"
        configs = configs_for(src, t_out, workers, base)
        best: dict[str, dict] = {}
        cpu: dict[str, float] = {}
        for _ in range(repeat):  # interleaved, best of `repeat`: the machine is shared and noisy
            for name, (args, root) in configs.items():
                res = run(args, root=root)
                cpu[name] = min(cpu.get(name, float("inf")), res["cpu_seconds"])
                if name not in best or res["seconds"] < best[name]["seconds"]:
                    best[name] = res
                if name == "textacy":
                    best[name]["preds"] = read_preds(t_out.read_text(encoding="utf-8"))
        rows = {}
        for name, res in best.items():
            preds = res.get("preds") or read_preds(res["stdout"])
            result = score(gold, preds)
            rows[name] = {"seconds": res["seconds"], "cpu_seconds": cpu[name],
                          "f1": result["end2end_f1"], "quote_f1": result["quote_f1"]}
            if name == "textacy":
                rows[name]["errors"] = json.loads(res["stdout"])["errors"]
    for name, row in rows.items():
        row["words_per_s"] = n_words / row["seconds"]
        row["speedup"] = rows["textacy"]["seconds"] / row["seconds"]
        row["cpu_speedup"] = rows["textacy"]["cpu_seconds"] / row["cpu_seconds"]
    return {"split": split, "docs": len(gold), "words": n_words, "machine": machine(), "repeat": repeat, "rows": rows}


def crossover(split: str, counts: list[int], repeat: int = 3) -> dict:
    """Wall and CPU seconds of `quotes extract --jsonl` with 1 and 2 processes on the first
    N articles of ``split``, for each N of ``counts``; the smallest N where 2 are faster."""
    rows = []
    extract = [PYTHON, "-m", "quotes", "extract", "--jsonl", "--workers"]
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            gold = polnear_docs((split,), n)
            src = write_jsonl(Path(tmp) / f"docs-{n}.jsonl", ({"doc_id": d["doc_id"], "text": d["text"]} for d in gold))
            best = {1: float("inf"), 2: float("inf")}
            cpu = dict(best)
            for _ in range(repeat):  # interleaved, best of `repeat`
                for workers in best:
                    res = run([*extract, str(workers), str(src)])
                    best[workers] = min(best[workers], res["seconds"])
                    cpu[workers] = min(cpu[workers], res["cpu_seconds"])
            rows.append({"docs": len(gold), "words": words(gold), "wall_1": best[1], "wall_2": best[2],
                         "cpu_1": cpu[1], "cpu_2": cpu[2]})
    wins = [r["docs"] for r in rows if r["wall_2"] < r["wall_1"]]
    return {"split": split, "repeat": repeat, "machine": machine(), "rows": rows,
            "first_win": min(wins) if wins else None}


def crossover_report(result: dict) -> str:
    lines = [f"crossover: PolNeAR {result['split']}, `quotes extract --jsonl`, best of {result['repeat']} "
             f"interleaved — {result['machine']}",
             f"{'articles':>8} {'words':>8} {'1 proc s':>9} {'2 procs s':>10} {'2 / 1':>6} {'CPU 1':>6} {'CPU 2':>6}"]
    for r in result["rows"]:
        lines.append(f"{r['docs']:8} {r['words']:8,} {r['wall_1']:9.2f} {r['wall_2']:10.2f} "
                     f"{r['wall_2'] / r['wall_1']:6.2f} {r['cpu_1']:6.1f} {r['cpu_2']:6.1f}")
    lines.append(f"2 processes first faster at: {result['first_win']} articles")
    return "\n".join(lines)


def report(result: dict) -> str:
    lines = [f"extract: PolNeAR {result['split']}, {result['docs']} articles, {result['words']:,} words "
             f"(end to end: process start, model load, extraction; best of {result.get('repeat', 1)} interleaved runs) — {result['machine']}",
             f"{'':26} {'seconds':>8} {'words/s':>8} {'× textacy':>10} {'CPU s':>7} {'× (CPU)':>8} "
             f"{'end2end F1':>11} {'quote F1':>9}"]
    for name, row in result["rows"].items():
        lines.append(f"{name:26} {row['seconds']:8.1f} {row['words_per_s']:8,.0f} {row['speedup']:10.2f} "
                     f"{row.get('cpu_seconds', float('nan')):7.1f} {row.get('cpu_speedup', float('nan')):8.2f} "
                     f"{row['f1']:11.3f} {row['quote_f1']:9.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--docs", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--base", metavar="DIR", help="a checkout of another revision (git worktree add "
                        "/tmp/base main): its `quotes extract --workers 1` timed in the same run")
    parser.add_argument("--crossover", help="article counts (comma-separated): 1 against 2 processes only")
    args = parser.parse_args()
    if args.crossover:
        result = crossover(args.split, [int(n) for n in args.crossover.split(",")], args.repeat)
        print(crossover_report(result))
        print(json.dumps(result))
        raise SystemExit(0)
    result = bench(args.split, args.docs, args.workers, args.repeat, args.base)
    print(report(result))
    print(json.dumps(result))
