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


def test_a_gold_head_with_document_or_thing_evidence_needs_evidence_of_a_person(t):
    facts = {
        "passage": Counter(lower=14, gold_lower=2, in_obj=1),            # "in the passage": a document
        "cable": Counter(lower=19, gold_lower=2, according=1),           # "according to the cable"
        "leaflet": Counter(lower=19, gold_lower=2, reads=1),             # "the leaflet reads:"
        "gizmo": Counter(lower=10, gold_lower=2, which=2),               # a thing: no speaker noun
        "moderator": Counter(lower=17, gold_lower=2, according=1),       # an agentive ending: a person
        "chef": Counter(lower=17, gold_lower=2, according=1, who=1),     # "who": a person
        "surgeon": Counter(lower=17, gold_lower=2, in_obj=1, honorific=1),  # "the surgeon, Dr. Ng"
        "tycoon": Counter(lower=20, gold_lower=2),                       # no evidence either way: a person
    }
    speakers, _, _ = t.decide({"facts": facts, "partitive": Counter()})
    assert speakers == {"passage": "document", "cable": "document", "leaflet": "document", "moderator": "person",
                        "chef": "person", "surgeon": "person", "tycoon": "person"}


def test_the_shipped_lists_are_what_the_renderer_writes(t):
    from quotes.lexicon import speaker_nouns as shipped

    text = t.render(dict(shipped.SPEAKER_NOUN_TYPES), sorted(shipped.THING_NOUNS_LEARNED),
                    sorted(shipped.PARTITIVE_HEADS))
    assert text == (ROOT / "quotes" / "lexicon" / "speaker_nouns.py").read_text(encoding="utf-8")
