"""The relation vocabularies and the classifier, on real quote pairs from the seeds."""
import pytest

from quotes.corpus.relations import (RELATION_RANK, RELATION_TEXT, RELATIONS, SOURCE_RELATION_TEXT,
                                     SOURCE_RELATIONS, classify, relation_of)
from quotes.corpus.textnorm import units


def rel(ref: str, var: str) -> str:
    return classify(units(ref), units(var), ref, var)[0]


def test_relation_identical():
    assert rel("significant escalation", "significant escalation") == "identical"


def test_relation_punctuation_case_marks_and_contractions():
    assert rel("very, very serious issue,", "Very, very serious issue") == "punctuation"
    assert rel("What exactly they’re doing", "What exactly they're doing") == "punctuation"
    assert rel("What exactly they are doing", "What exactly they’re doing") == "punctuation"


def test_relation_truncation():
    bloomberg = ("If their intention is to participate in this war on Russia’s behalf that is a "
                 "very, very serious issue, and it will have impacts, not only in Europe,")
    assert rel(bloomberg, "a very, very serious issue") == "truncation"
    assert classify(units(bloomberg), units("a very, very serious issue"))[1] == 1.0
    fox = ("But President Putin appears intent on continuing this war. If Russia is indeed forced "
           "to turn to North Korea for manpower, this would be a sign of weakness, not strength, "
           "on the part of the Kremlin,")
    epoch = ("If Russia is indeed forced to turn to North Korea for manpower, this would be a sign "
             "of weakness, not strength, on the part of the Kremlin,")
    assert rel(fox, epoch) == "truncation"


def test_relation_substitution():
    assert rel("that is a very, very serious issue", "that is a very, very serious problem") == "substitution"
    assert rel("their intention is to participate in this war",
               "their intention is to engage in this war") == "substitution"
    assert rel("What exactly they are doing is left to be seen.", "remains to be seen,") == "substitution"


def test_relation_bracketed():
    bloomberg = ("Our analysts, they continue to look at this, and we are seeing evidence that "
                 "there are North Korean troops that have gone to Russia,")
    epoch = "We are seeing evidence that there are North Korean troops [in Russia]."
    assert rel(bloomberg, epoch) == "bracketed"
    assert rel("It’s important not to overreact to this", "[It’s] important not to overreact to this") == "bracketed"


@pytest.mark.parametrize("fox, ap, relation, between", [
    pytest.param("These soldiers then traveled onward to multiple Russian military training sites in "
                 "eastern Russia, where they are currently undergoing training.",
                 "These soldiers then traveled to multiple Russian military training sites in eastern "
                 "Russia where they are currently undergoing training,",
                 "omission", (0.9, 1.0), id="omission"),
    pytest.param("We do not yet know whether these soldiers will enter into combat alongside the Russian "
                 "military, but this is certainly a highly concerning probability.",
                 "We don’t yet know if these soldiers will go into battle alongside the Russian army, "
                 "but it’s certainly a very worrying possibility.",
                 "paraphrase", None, id="paraphrase"),
])
def test_relation_fox_against_ap(fox, ap, relation, between):
    """Fox's and AP's versions of one sentence: words left out, or reworded (``between``: the
    open interval the similarity lies in, when it is checked)."""
    r, sim = classify(units(fox), units(ap), fox, ap)
    assert r == relation
    if between is not None:
        assert between[0] < sim < between[1]


# --- two versions in either order (the site's pairwise comparison) --------------------------

CUT = "a very, very serious issue"
FULL = ("If their intention is to participate in this war on Russia’s behalf that is a "
        "very, very serious issue, and it will have impacts, not only in Europe,")


def test_relation_of_a_cut_either_way_is_a_truncation():
    assert relation_of(FULL, CUT) == ("truncation", 1.0)
    assert relation_of(CUT, FULL) == ("truncation", 1.0)


def test_relation_of_is_the_classifier_reference_first():
    a = "that is a very, very serious issue, they said"
    b = "that is a very, very serious problem"
    assert relation_of(a, b) == classify(units(a), units(b), a, b)
    assert relation_of(a, b)[0] == "substitution" and 0.8 < relation_of(a, b)[1] < 0.9
    assert relation_of(b, a) == classify(units(b), units(a), b, a)


def test_relation_of_an_editors_insertion_is_bracketed():
    plain = "we are seeing evidence that there are North Korean troops"
    assert relation_of(plain, plain + " [in Russia]")[0] == "bracketed"
    assert relation_of(plain, "[We are] seeing evidence that there are North Korean troops")[0] == "bracketed"


@pytest.mark.parametrize("a, b", [("", ""), ("", "words"), ("—", "a b")])
def test_relation_of_empty_or_wordless_versions(a, b):
    relation, similarity = relation_of(a, b)
    assert relation in RELATIONS and 0.0 <= similarity <= 1.0


def test_every_label_the_classifier_gives_is_in_the_vocabulary():
    pairs = [(FULL, CUT), (FULL, FULL), (FULL, FULL.upper()), (FULL, "a [very] serious issue"),
             (FULL, "the weather is fine"), (FULL, FULL.replace("Europe", "Asia")),
             (FULL, FULL.replace("very, very ", ""))]
    labels = {relation_of(a, b)[0] for a, b in pairs}
    assert labels <= set(RELATIONS) - {"reference"}
    assert len(labels) == 7


def test_vocabularies_have_a_meaning_for_every_label_and_sources_rank_by_gravity():
    assert RELATIONS == tuple(RELATION_TEXT) and SOURCE_RELATIONS == tuple(SOURCE_RELATION_TEXT)
    assert all(RELATION_TEXT.values()) and all(SOURCE_RELATION_TEXT.values())
    assert RELATION_RANK["verbatim"] == 0 and RELATION_RANK["paraphrase"] == len(SOURCE_RELATIONS) - 1
