"""PolNeAR quotes and labelled pairs for training and scoring the pair decision (issue 13).

Reads our extractor's output for all PolNeAR articles (``/work/baseline/polnear.jsonl``, the
``behaviour_check.py`` snapshot of ``quotes extract``: corpus-wide speaker names in it) and
the article dates from ``../shared/eval/polnear``, and turns them into ``QuoteRef``s keyed
by ``doc_id:start:end``. Nothing of PolNeAR is written into the repository.
"""
from __future__ import annotations

import json
from pathlib import Path

from quotes.corpus.grouping import QuoteRef

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
EXTRACTED = Path("/work/baseline/polnear.jsonl")
LABELS = ROOT / "benchmarks" / "pair_labels.jsonl"
OLD_LABELS = ROOT / "benchmarks" / "polnear_group_labels.jsonl"


def qkey(doc_id: str, start: int, end: int) -> str:
    return f"{doc_id}:{start}:{end}"


def side_key(side: dict) -> str:
    return qkey(side["doc_id"], side["start"], side["end"])


def load_refs(extracted: Path = EXTRACTED) -> list[QuoteRef]:
    """Every extracted quote of the three PolNeAR splits as a ``QuoteRef`` (speaker id = the
    corpus-wide name the snapshot carries; dates from the PolNeAR articles)."""
    dates = {}
    for split in ("train", "dev", "test"):
        with open(POLNEAR / f"{split}.jsonl", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                dates[d["doc_id"]] = d.get("date") or d.get("published")
    refs = []
    with open(extracted, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for q in d["quotes"]:
                refs.append(QuoteRef(qkey(d["doc_id"], q["start"], q["end"]), d["doc_id"],
                                     d.get("outlet"), q["speaker"], q["text"], dates.get(d["doc_id"]),
                                     q["speaker"], q.get("said_from"), q.get("said_to")))
    return refs


def load_labels(path: Path = LABELS) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
