"""Reproduce every figure of the README's "Speed and scale" section.

    python benchmarks/run_all.py            # full sizes (about an hour on 2 busy cores)
    python benchmarks/run_all.py --small    # shrunk sizes, a few minutes
    python benchmarks/run_all.py --only extract,build,corpus

Needs ../shared/eval/polnear beside the checkout, textacy (the baseline, `pip install
'.[bench]'`) and psutil. Speed figures are ratios against a baseline measured in the same
run; absolute figures are noisy on a shared machine. Results also go to
benchmarks/results.json (figures only, no article text).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_build  # noqa: E402
import bench_corpus_step  # noqa: E402
import bench_datasette  # noqa: E402
import bench_extract  # noqa: E402
import profile_extract  # noqa: E402
import stage_costs  # noqa: E402

FULL = {"extract_docs": 84, "profile_docs": 40, "stage_docs": 300, "build_docs": 84, "add": 10, "sizes": (1000, 10000),
        "quotes": 1_000_000}
SMALL = {"extract_docs": 20, "profile_docs": 10, "stage_docs": 30, "build_docs": 20, "add": 5, "sizes": (100, 1000),
         "quotes": 100_000}
STEPS = ("extract", "profile", "stages", "build", "memory", "datasette", "corpus")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="shrink every size")
    parser.add_argument("--only", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None, help="big database path (must be named quotes.db)")
    args = parser.parse_args()
    size = SMALL if args.small else FULL
    only = set(args.only.split(","))
    results = {}

    def show(name, result, report):
        results[name] = result
        print(report(result), flush=True)
        print(flush=True)

    if "extract" in only:
        show("extract", bench_extract.bench("dev", size["extract_docs"], args.workers), bench_extract.report)
    if "profile" in only:
        show("profile", profile_extract.profile("dev", size["profile_docs"]), profile_extract.report)
    if "stages" in only:
        show("stages", stage_costs.costs("train", size["stage_docs"], repeat=2), stage_costs.report)
    if "build" in only:
        show("build", bench_build.incremental(size["build_docs"], size["add"]), bench_build.report_incremental)
    if "memory" in only:
        show("memory", bench_build.memory(size["sizes"], args.workers), bench_build.report_memory)
    if "datasette" in only:
        db = args.db or bench_datasette.BENCH_DIR / ("100k" if args.small else "1m") / "quotes.db"
        show("datasette", bench_datasette.bench(size["quotes"], db), bench_datasette.report)
    if "corpus" in only:
        db = args.db or bench_datasette.BENCH_DIR / ("100k" if args.small else "1m") / "quotes.db"
        show("corpus", bench_corpus_step.bench(size["quotes"], size["add"], 4, db), bench_corpus_step.report)
    (HERE / "results.json").write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
