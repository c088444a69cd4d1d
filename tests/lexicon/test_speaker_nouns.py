"""The common nouns learned from PolNeAR train's gold speakers (training/train_speaker_nouns.py
writes quotes/lexicon/speaker_nouns.py): the decision over counted evidence, on small counts."""
import importlib
from collections import Counter

import pytest

from conftest import ROOT


@pytest.fixture
def t(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    return importlib.import_module("train_speaker_nouns")


def test_gold_heads_who_and_subjects_decide_a_nouns_type(t):
    facts = {
        "surgeon": Counter(lower=10, gold_lower=3, who=1),             # heads gold speakers: a person
        "surgeons": Counter(lower=4, who=1),                           # counted with its singular
        "tycoon": Counter(lower=20, gold_lower=2),                     # 2 gold heads, 10% of its uses
        "gadfly": Counter(lower=5, who=3),                             # "who" three times, never "which"
        "dispatch": Counter(lower=9, gold_lower=2, issued=2),          # issued, never a "who": a document
        "agency": Counter(lower=9, gold_lower=2),                      # an organisation word
        "mind": Counter(lower=40, gold_lower=2),                       # 2 gold heads of 40 uses: noise
        "waters": Counter(lower=2, cap=30, gold_cap=5),                # a name the tagger made a noun
        "tone": Counter(lower=30, det=20, subj_other=6),               # a subject that never speaks
        "none": Counter(lower=30, subj_other=6),                       # no determiner ever: no thing
        "voter": Counter(lower=30, det=20, subj_other=6),              # a hand-listed role: never learned
    }
    partitive = Counter({("group", "NOUN", "rabbis", "NNS"): 1, ("secretary", "NOUN", "state", "NN"): 3})
    speakers, things, heads = t.decide({"facts": facts, "partitive": partitive})
    assert speakers == {"surgeon": "person", "tycoon": "person", "gadfly": "person", "dispatch": "document",
                        "agency": "organisation"}
    assert things == ["tone"] and heads == ["group"]


def test_the_shipped_lists_are_what_the_renderer_writes(t):
    from quotes.lexicon import speaker_nouns as shipped

    text = t.render(dict(shipped.SPEAKER_NOUN_TYPES), sorted(shipped.THING_NOUNS_LEARNED),
                    sorted(shipped.PARTITIVE_HEADS))
    assert text == (ROOT / "quotes" / "lexicon" / "speaker_nouns.py").read_text(encoding="utf-8")
