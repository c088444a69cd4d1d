"""The scored pair decision (issue 13; ``GroupingOptions.scored``, off by default:
docs/pair_decision.md): one logistic regression judges every candidate pair of named quotes."""
import json
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

from quotes.corpus.grouping import GroupingOptions, QuoteRef, group_utterances
from quotes.corpus.pair_decision import (SCORED_FEATURES, SCORED_FILE, PhraseStats, model_from, scored_features,
                                         shipped_scored, side_of_quote)
from quotes.corpus.textnorm import keys

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path("/tmp/pairs2/polnear_extracted.pkl")
WHOLE = ("If their intention is to participate in this war on Russia’s behalf that is a very, very serious "
         "issue, and it will have impacts, not only in Europe,")


def feature(name, values):
    return values[SCORED_FEATURES.index(name)]


def side(text, day="2024-10-23", outlet="A", unsure=False):
    return side_of_quote(keys(text), "s", day, outlet, unsure=unsure)


def ref(qid, article, text, day, speaker="austin"):
    return QuoteRef(qid, article, article, speaker, text, day, speaker_name="Lloyd Austin")


def test_shipped_model_has_a_weight_per_feature():
    data = json.loads(SCORED_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(SCORED_FEATURES)
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(SCORED_FEATURES)
    assert 0.3 <= shipped_scored().threshold < 1.0
    with pytest.raises(ValueError):
        model_from(data)  # the tier-8 feature list is another model's


def test_short_quotes_carry_their_gap_and_phrase_days():
    stats = PhraseStats()
    for day in (1, 40, 80, 120):  # a stump line on four other days
        stats.add("s", keys("we will bring our jobs back"), 738000 + day)
    short = scored_features(side("we will bring our jobs back", outlet="B", day="2024-11-23"),
                            side("we will bring our jobs back to this country"), stats, "s")
    assert feature("gap_short", short) == feature("gap_days", short) > 0
    assert feature("days_short", short) == feature("phrase_days", short) > 0
    long_ = scored_features(side(WHOLE, outlet="B", day="2024-11-23", unsure=True), side(WHOLE), stats, "s")
    assert feature("gap_short", long_) == feature("days_short", long_) == 0.0
    assert feature("long_run", long_) == 1.0 and feature("unsure", long_) == 1.0


def test_a_cut_the_same_week_joins_and_a_stump_line_months_apart_does_not():
    model = shipped_scored()
    cut = scored_features(side("very, very serious issue, and it will have impacts", outlet="B"),
                          side(WHOLE), PhraseStats(), "s")
    assert model.probability(cut) >= model.threshold
    stats = PhraseStats()
    for day in (1, 40, 80, 120, 160):
        stats.add("s", keys("we will bring our jobs back"), 738000 + day)
    stump = scored_features(side("we will bring our jobs back", outlet="B", day="2025-03-01"),
                            side("we will bring our jobs back to this country"), stats, "s")
    assert model.probability(stump) < model.threshold


def test_grouping_with_the_scored_decision():
    refs = [ref("q1", "bloomberg", WHOLE, "2024-10-23"),
            ref("q2", "nypost", "very, very serious issue, and it will have impacts", "2024-10-23"),
            ref("q3", "fox", "we will bring our jobs back to this country", "2024-03-01"),
            ref("q4", "ap", "we will bring our jobs back", "2024-09-20")]
    for day, art in (("2024-04-10", "x1"), ("2024-05-20", "x2"), ("2024-07-01", "x3")):
        refs.append(ref(f"s{art}", art, "and we will bring our jobs back, believe me", day))
    of = group_utterances(refs, GroupingOptions(scored=True), with_diffs=False).utterance_of
    assert of["q1"] == of["q2"]  # a cut of the same remarks, the same day
    assert of["q3"] != of["q4"]  # the stump line, printed six months apart


@pytest.mark.xfail(strict=True, reason="the scored decision leaves AP's reworded Austin quotes and a split "
                   "quote's part apart (alignment evidence the rules accept scores < threshold): one reason "
                   "it is off; this fails loudly the day it holds")
def test_seeds_are_the_same_with_the_scored_decision():
    refs, label_of = seed_refs()
    index = group_utterances(refs, GroupingOptions(scored=True))
    found = sorted(map(sorted, groups_by_label(index, label_of).values()))
    assert found == sorted(map(sorted, EXPECTED.values()))


@pytest.mark.skipif(not CACHE.exists() or not Path("/work/shared/eval/polnear").exists(),
                    reason="needs benchmarks/pair_predict.py extract (PolNeAR train+dev)")
def test_training_reproduces_the_shipped_scored_model():
    before = SCORED_FILE.read_bytes()
    out = subprocess.run([sys.executable, str(ROOT / "training" / "train_pair_scored.py"), "--print-json"],
                         capture_output=True, text=True, check=True).stdout
    assert out.split("\n", 1)[1].encode() == before
