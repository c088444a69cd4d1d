"""Confidence values: one place, and the speech-verb formula."""
from quotes.extract.attribution import confidence as C


def test_speech_verb_confidence():
    assert C.speech_verb_confidence(C.CUE_ADJACENT_AND_GOVERNING, "name", True) == 0.95
    assert C.speech_verb_confidence(C.CUE_ADJACENT_AND_GOVERNING, "pronoun", True) == 0.76
    assert C.speech_verb_confidence(C.CUE_IN_SENTENCE, "name", True) == C.CONFIDENCE_OTHER_CUE
    assert C.speech_verb_confidence(C.CUE_ADJACENT, "group", False) == C.UNNAMED_MAX


def test_explicit_rules_are_more_confident_than_guesses():
    assert C.COLON > C.SENTENCE_SUBJECT > C.SALIENCE_GUESS > C.NONE
    assert all(0 < v <= 1 for v in C.CONFIDENCE_BY_CUE_SCORE.values())
