"""`quotes extract` against textacy's quote extractor: throughput (same run, same articles)
and end-to-end F1 (quotes.evaluate.score) for both.

    python benchmarks/bench_extract.py [--split train] [--docs 300] [--workers 2] [--repeat 3]
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


def bench(split: str = "dev", docs: int | None = None, workers: int = 2, repeat: int = 3) -> dict:
    from quotes.evaluate import score

    gold = polnear_docs((split,), docs)
    n_words = words(gold)
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(Path(tmp) / "docs.jsonl",
                          ({"doc_id": d["doc_id"], "text": d["text"]} for d in gold))
        t_out = Path(tmp) / "t.jsonl"
        configs = {"textacy": [PYTHON, str(ROOT / "benchmarks" / "textacy_baseline.py"), str(src), str(t_out)]}
        for n in [*sorted({1, workers}), "auto"]:
            configs[f"quotes --workers {n}"] = [PYTHON, "-m", "quotes", "extract", "--jsonl", "--workers", str(n), str(src)]
        best: dict[str, dict] = {}
        for _ in range(repeat):  # interleaved, best of `repeat`: the machine is shared and noisy
            for name, args in configs.items():
                res = run(args)
                if name not in best or res["seconds"] < best[name]["seconds"]:
                    best[name] = res
                if name == "textacy":
                    best[name]["preds"] = read_preds(t_out.read_text(encoding="utf-8"))
        rows = {}
        for name, res in best.items():
            preds = res.get("preds") or read_preds(res["stdout"])
            result = score(gold, preds)
            rows[name] = {"seconds": res["seconds"], "f1": result["end2end_f1"], "quote_f1": result["quote_f1"]}
            if name == "textacy":
                rows[name]["errors"] = json.loads(res["stdout"])["errors"]
    for name, row in rows.items():
        row["words_per_s"] = n_words / row["seconds"]
        row["speedup"] = rows["textacy"]["seconds"] / row["seconds"]
    return {"split": split, "docs": len(gold), "words": n_words, "machine": machine(), "repeat": repeat, "rows": rows}


def report(result: dict) -> str:
    lines = [f"extract: PolNeAR {result['split']}, {result['docs']} articles, {result['words']:,} words "
             f"(end to end: process start, model load, extraction; best of {result.get('repeat', 1)} interleaved runs) — {result['machine']}",
             f"{'':22} {'seconds':>8} {'words/s':>8} {'× textacy':>10} {'end2end F1':>11} {'quote F1':>9}"]
    for name, row in result["rows"].items():
        lines.append(f"{name:22} {row['seconds']:8.1f} {row['words_per_s']:8,.0f} {row['speedup']:10.2f} "
                     f"{row['f1']:11.3f} {row['quote_f1']:9.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--docs", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = bench(args.split, args.docs, args.workers, args.repeat)
    print(report(result))
    print(json.dumps(result))
