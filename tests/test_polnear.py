"""Regression floors on PolNeAR dev (skipped when ../shared is absent)."""
import importlib.util
import json
from pathlib import Path

import pytest

from quotes.extract.pipeline import extract_articles
from quotes.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "polnear" / "dev.jsonl"
SCORER = SHARED / "tools" / "score.py"

pytestmark = pytest.mark.polnear


@pytest.fixture(scope="module")
def dev_scores():
    if not DEV.is_file() or not SCORER.is_file():
        pytest.skip("PolNeAR data not available")
    spec = importlib.util.spec_from_file_location("quotes_score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = [Article(doc_id=g["doc_id"], text=g["text"]) for g in gold]
    preds = [{"doc_id": a.doc_id, "quotes": [
        {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker}
        for q in qs if q.mark_style != "single"]} for a, qs in extract_articles(arts)]
    return score.score(gold, preds)


def test_dev_quote_f1(dev_scores):
    assert dev_scores["quote_f1"] >= FLOORS["quote_f1"]


def test_dev_speaker_accuracy(dev_scores):
    assert dev_scores["speaker_acc_named_gold"] >= FLOORS["speaker_acc_named_gold"]


def test_dev_end2end_named(dev_scores):
    assert dev_scores["end2end_f1_named"] >= FLOORS["end2end_f1_named"]


# dev: 0.9675 / 0.8741 / 0.8422 at EXTRACTOR_VERSION 8; end-to-end 0.8389 at 9, where naming who
# stands behind "The commission", "The statement" and "the article" (issue 18: the Commission on
# Presidential Debates, the Security Council, the New York Times) loses 3 quotes this raw gold
# credits to the description itself (with the dev resolved-speaker layer, the fair score, end-to-end
# named went 0.8858 -> 0.9135: `quotes evaluate dev.jsonl --double-marks-only --layer`)
FLOORS = {"quote_f1": 0.965, "speaker_acc_named_gold": 0.87, "end2end_f1_named": 0.835}
