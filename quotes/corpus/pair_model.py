"""The pair decision: the probability that two quotes report one act of speaking.

Small gradient-boosted trees over ``pair_features.FEATURES`` (200 trees of depth 3,
monotone in the evidence: more shared words never lower the probability, a wider date gap
never raises it), fitted by ``training/train_pair_model.py`` on the ``fit`` part of
``benchmarks/pair_labels.jsonl`` (pairs sampled at random from the candidate space and
labelled by reading) and shipped as ``pair_model.json`` with the threshold chosen by
cross-validation within ``fit``. Running it needs no ML library: each tree is a few
comparisons, the sum goes through a logistic.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from quotes.corpus.pair_features import FEATURES

MODEL_FILE = Path(__file__).with_name("pair_model.json")


class PairModel:
    """Trees (feature, threshold, left, right, value per node; a leaf has left -1), a prior
    and a threshold, as ``training/train_pair_model.py`` writes them."""

    def __init__(self, data: dict):
        if tuple(data["features"]) != FEATURES:
            raise ValueError("pair model trained on other features: run training/train_pair_model.py --write")
        self.threshold: float = data["threshold"]
        # a join through a member rather than the utterance's leader needs this much (> 1: never)
        self.member_threshold: float = data.get("member_threshold", 2.0)
        self.prior: float = data["prior"]
        self.trees = tuple((t["feature"], t["threshold"], t["left"], t["right"], t["value"])
                           for t in data["trees"])

    def probability(self, features: list[float]) -> float:
        """P(same utterance) of one pair's features (in ``FEATURES`` order)."""
        z = self.prior
        for feature, threshold, left, right, value in self.trees:
            i = 0
            while left[i] >= 0:
                i = left[i] if features[feature[i]] <= threshold[i] else right[i]
            z += value[i]
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def shipped() -> PairModel:
    """The model in ``pair_model.json``."""
    return PairModel(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
