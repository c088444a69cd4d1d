"""The learned pair decision (grouping's last tier, off by default: docs/pair_decision.md)."""
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

try:
    from seed_utterances import seed_refs
    from test_grouping import EXPECTED, groups_by_label
except ImportError:  # tests run as a package
    from tests.seed_utterances import seed_refs
    from tests.corpus.test_grouping import EXPECTED, groups_by_label

from quotes.corpus.grouping import GroupingOptions, group_utterances
from quotes.corpus.pair_decision import (FEATURES, MODEL_FILE, PairSide, PhraseStats, model_from, pair_features,
                                         shipped, side_of_quote)
from quotes.corpus.textnorm import keys

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path("/tmp/pairs2/polnear_extracted.pkl")


def side(text, day="2024-10-23", outlet="A", speaker="s", said_from=None, said_to=None):
    return side_of_quote(keys(text), speaker, day, outlet, said_from, said_to)


def feature(name, values):
    return values[FEATURES.index(name)]


def test_shipped_model_has_a_weight_per_feature():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(FEATURES)
    assert 0.5 <= shipped().threshold < 1.0
    with pytest.raises(ValueError):
        model_from({**data, "features": data["features"][:-1]})


def test_features_of_a_cut_and_of_a_reworded_version():
    # NY Post's "very, very serious issue," is a cut of Bloomberg's quote
    whole = side("If their intention is to participate in this war on Russia’s behalf that is a very, "
                 "very serious issue, and it will have impacts, not only in Europe,")
    x = pair_features(side("very, very serious issue,", outlet="B"), whole, None, None)
    assert feature("contained", x) == 1.0 and feature("cover_short", x) == 1.0
    assert feature("same_outlet", x) == 0.0 and feature("gap_days", x) == 0.0
    # AP's re-worded version: no containment, a part of the words in shared runs
    ap = side("If they are belligerents, their intention is to engage in this war on behalf of Russia, that "
              "is a very, very serious problem and it will have an impact not only in Europe", outlet="C")
    y = pair_features(ap, whole, None, None)
    assert feature("contained", y) == 0.0 and 0.3 < feature("cover_short", y) < 1.0


def test_a_phrase_quoted_on_many_days_and_a_wide_gap_lower_the_probability():
    model = shipped()
    a, b = side("we will bring our jobs back to this country"), side("we will bring our jobs back", outlet="B")
    stats = PhraseStats()
    fresh = model.probability(pair_features(a, b, stats, "s"))
    for day in (1, 40, 80, 120):  # the stump line on four other days
        stats.add("s", keys("we will bring our jobs back"), 738000 + day)
    assert feature("phrase_days", pair_features(a, b, stats, "s")) == pytest.approx(math.log1p(4))
    assert model.probability(pair_features(a, b, stats, "s")) < fresh
    late = side("we will bring our jobs back", day="2025-03-01", outlet="B")
    assert model.probability(pair_features(a, late, PhraseStats(), "s")) < fresh


def test_the_attributions_days_excluding_one_occasion_count_against():
    a = side("we will bring our jobs back to this country", said_from="2024-10-21", said_to="2024-10-21")
    b = side("we will bring our jobs back", outlet="B", said_from="2024-10-14", said_to="2024-10-16")
    assert feature("said_conflict", pair_features(a, b, None, None)) == 1.0
    assert isinstance(b, PairSide) and b.named_days


def test_seeds_are_the_same_with_the_tier_on():
    refs, label_of = seed_refs()
    index = group_utterances(refs, GroupingOptions(pair_model=True))
    found = sorted(map(sorted, groups_by_label(index, label_of).values()))
    assert found == sorted(map(sorted, EXPECTED.values()))


@pytest.mark.skipif(not CACHE.exists() or not Path("/work/shared/eval/polnear").exists(),
                    reason="needs benchmarks/pair_predict.py extract (PolNeAR train+dev)")
def test_training_reproduces_the_shipped_weights(tmp_path):
    before = MODEL_FILE.read_bytes()
    out = subprocess.run([sys.executable, str(ROOT / "training" / "train_pair_model.py"), "--print-json"],
                         capture_output=True, text=True, check=True).stdout
    assert out.split("\n", 1)[1].encode() == before
