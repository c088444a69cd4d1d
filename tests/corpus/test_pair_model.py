"""quotes.corpus.pair_model: the shipped decision, its monotone evidence and its training."""
import json
import random

import pytest

from quotes.corpus.pair_features import FEATURES
from quotes.corpus.pair_model import MODEL_FILE, PairModel, shipped

MONOTONE_UP = ("contained", "longest_run", "cover_short", "cover_long", "bag_short", "similarity")
MONOTONE_DOWN = ("phrase_days", "gap_days", "said_conflict")


def test_the_shipped_model_is_trained_on_these_features():
    data = json.loads(MODEL_FILE.read_text())
    assert tuple(data["features"]) == FEATURES
    assert 0 < shipped().threshold < 1
    with pytest.raises(ValueError):
        PairModel({**data, "features": data["features"][:-1]})


def test_more_shared_words_never_lower_the_probability_and_wider_gaps_never_raise_it():
    m = shipped()
    rng = random.Random(1)
    for _ in range(300):
        x = [rng.random() * 3 if f not in ("contained", "no_shared_gram", "said_conflict", "said_points", "named_days",
                                          "alias", "no_speaker", "same_outlet", "edge_overlap")
             else float(rng.random() < 0.5) for f in FEATURES]
        p = m.probability(x)
        assert 0.0 <= p <= 1.0
        for name in MONOTONE_UP + MONOTONE_DOWN:
            j = FEATURES.index(name)
            y = list(x)
            y[j] = x[j] + 1.0
            q = m.probability(y)
            assert (q >= p - 1e-12) if name in MONOTONE_UP else (q <= p + 1e-12), name


@pytest.mark.polnear
def test_the_training_script_reproduces_the_shipped_trees():
    pytest.importorskip("sklearn")
    from tests.conftest import POLNEAR

    if not POLNEAR.exists():
        pytest.skip("PolNeAR not available")
    from pathlib import Path
    if not Path("/work/baseline/polnear.jsonl").exists():
        pytest.skip("extracted PolNeAR snapshot not available")
    from training.train_pair_model import export_trees, feature_rows, fit_trees

    X, y, _, _ = feature_rows("fit")
    trees = export_trees(fit_trees(X, y))
    data = json.loads(MODEL_FILE.read_text())
    assert trees["prior"] == pytest.approx(data["prior"])
    assert trees["trees"] == data["trees"]
