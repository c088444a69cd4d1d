"""Shared helpers for the benchmarks: PolNeAR input, perturbed corpora, timing, peak RSS.

PolNeAR (../shared/eval/polnear) is research data: it is read from there and replicated
only into temporary directories, never into the repository.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
PYTHON = sys.executable
OUTLETS = ["Daily Ledger", "Harbour News", "Coast Times", "Metro Post", "Valley Herald",
           "Evening Star", "Morning Wire", "River Gazette", "The Courier", "Plains Journal"]


def env(root: str | Path = ROOT) -> dict:
    """Environment for subprocesses: this checkout (or `root`, another one) first on the path."""
    e = dict(os.environ)
    e["PYTHONPATH"] = str(root) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def polnear_docs(splits=("dev",), limit: int | None = None) -> list[dict]:
    docs = []
    for split in splits:
        path = POLNEAR / f"{split}.jsonl"
        if not path.exists():
            raise SystemExit(f"{path} not found: the benchmarks need ../shared/eval/polnear")
        with open(path, encoding="utf-8") as handle:
            docs += [json.loads(line) for line in handle if line.strip()]
    return docs[:limit] if limit else docs


def words(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) for d in docs)


def perturb(text: str, rng: random.Random, n: int = 3) -> str:
    """Same length, a few letters changed: a distinct article (new content hash) whose
    quotes, speakers and offsets are where they were."""
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isascii() and c.islower()]
    for i in rng.sample(letters, min(n, len(letters))):
        chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return "".join(chars)


def brief(text: str, rng: random.Random) -> str:
    """A short article from a long one: the first paragraphs up to and including a quote."""
    paras = [p for p in text.split("\n") if p.strip()]
    for i, p in enumerate(paras):
        if any(m in p for m in "“\""):
            return "\n\n".join(paras[max(0, i - 2): i + 2])
    return "\n\n".join(paras[:3])


def replicate(docs: list[dict], n: int, seed: int = 0, short: bool = False):
    """`n` distinct perturbed replicas of `docs` (round robin), as JSONL-ready dicts."""
    rng = random.Random(seed)
    for k in range(n):
        d = docs[k % len(docs)]
        text = brief(d["text"], rng) if short else d["text"]
        yield {"doc_id": f"{d['doc_id']}~{k}", "outlet": OUTLETS[k % len(OUTLETS)],
               "text": perturb(text, rng)}


def write_jsonl(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def run(args: list[str], cwd: str | Path = "/tmp", sample_rss: bool = False, root: str | Path = ROOT) -> dict:
    """Run a command with `root`'s code first on the path; wall seconds, CPU seconds (user +
    system, of the process and the children it waited for: what a loaded machine changes
    least), and the peak RSS of its whole process tree if asked."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    if sample_rss:
        import psutil

        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                tree = [ps] + ps.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak / 2**20 if sample_rss else None,
            "stdout": out.decode(), "stderr": err.decode()}


def machine() -> str:
    import platform

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load {load:.1f}, Python {platform.python_version()}"


def module_at(rev: str, path: str, name: str):
    """The module `path` (e.g. "quotes/corpus/sources.py") as committed at git `rev`, loaded
    under `name` (registered in sys.modules: dataclasses look their module up)."""
    import importlib.util
    import tempfile

    code = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(code)
    spec = importlib.util.spec_from_file_location(name, handle.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def nearest_quote(spans_by_doc: dict, doc_id: str, start: int, end: int, tolerance: int = 20):
    """(doc_id, start, end) of the quote of `doc_id` nearest a labelled span in start and length,
    or None when none is within `tolerance` characters. Labels keep the offsets of the
    extraction they were read on; `quotes extract` maps offsets into the text as given, so
    an article whose normalisation dropped characters moves them."""
    near = [(abs(s - start) + abs((e - s) - (end - start)), (s, e)) for s, e in spans_by_doc.get(doc_id, ())]
    if not near or min(near)[0] > tolerance:
        return None
    return (doc_id, *min(near)[1])
