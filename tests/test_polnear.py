"""Regression floors on PolNeAR dev (skipped when ../shared is absent)."""
import importlib.util
import json
from pathlib import Path

import pytest

from quotes.extract.pipeline import extract_articles
from quotes.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "polnear" / "dev.jsonl"
SCORER = SHARED / "tools" / "score.py"

pytestmark = pytest.mark.polnear


@pytest.fixture(scope="module")
def dev_run():
    """(the shared scorer, dev's gold, our predictions)."""
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
    return score, gold, preds


@pytest.fixture(scope="module")
def dev_scores(dev_run):
    score, gold, preds = dev_run
    return score.score(gold, preds)


@pytest.fixture(scope="module")
def dev_layered_scores(dev_run, tmp_path_factory):
    """Scored with our resolved-speaker layer (benchmarks/speaker_layer.py make): gold pronoun and
    description speakers replaced by the names they refer to, the fair score for a system that
    names people (issue 18)."""
    import copy
    import subprocess
    import sys

    score, gold, preds = dev_run
    layer = tmp_path_factory.mktemp("layer") / "dev_layer.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "speaker_layer.py"), "make", "--out", str(layer)],
                   check=True, capture_output=True)
    gold = copy.deepcopy(gold)
    score.apply_pronouns(gold, score.load(str(layer)))
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
# named went 0.8858 -> 0.9135: `quotes evaluate dev.jsonl --double-marks-only --layer`); 10 (all of
# stop 24 merged): 0.9675 / 0.8739 / 0.8419; 14 (spk18): 0.9732 / 0.8660 / 0.8379, where "the study",
# "the report", "the book", "The clip", "the ruling" name the researchers, the author, the RNC, the court
# that issued them (6 quotes this raw gold credits to the description; with the layer named went
# 0.9446 -> 0.9527, end-to-end named 0.9216 -> 0.9295)
FLOORS = {"quote_f1": 0.965, "speaker_acc_named_gold": 0.86, "end2end_f1_named": 0.835}
# with the layer at EXTRACTOR_VERSION 9: named 0.9415, pronouns/descriptions resolved 0.9201,
# end-to-end named 0.9135 (8: 0.9129 / 0.8686 / 0.8858; 10, all of stop 24 merged: 0.9441 / 0.9225 / 0.9161;
# 14: 0.9527 / 0.9362 / 0.9295)
LAYERED_FLOORS = {"speaker_acc_named_gold": 0.95, "speaker_acc_resolved_pronouns": 0.93, "end2end_f1_named": 0.925}


@pytest.mark.parametrize("figure", sorted(LAYERED_FLOORS))
def test_dev_with_the_resolved_speaker_layer(dev_layered_scores, figure):
    assert dev_layered_scores[figure] >= LAYERED_FLOORS[figure], dev_layered_scores[figure]


def test_the_train_guess_labels_are_train_gold_quotes_with_names_in_range(tmp_path):
    # benchmarks/polnear_train_guess_labels.jsonl (stop 31): who speaks where extraction guessed a
    # role on train, the labels training/train_ranker.py fits the guess factor on
    import subprocess
    import sys

    if not (SHARED / "eval" / "polnear" / "train.jsonl").is_file():
        pytest.skip("PolNeAR data not available")
    out = tmp_path / "guesses.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "speaker_layer.py"), "make", "--split", "train",
                    "--labels", str(ROOT / "benchmarks" / "polnear_train_guess_labels.jsonl"), "--out", str(out)],
                   check=True, capture_output=True)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 61 and sum(r["canonical"] is None for r in rows) == 6
