"""The quote/not-quote model: features from the text and attribution's evidence."""
from quotes.extract.attribution.context import Evidence
from quotes.extract.marks import find_marks
from quotes.extract.quotefilter import KEEP_THRESHOLD, WEIGHTS, hard_reject, quote_features, quote_probability
from quotes.model import Quote


def features(text, method, speaker, cue_score, rule_reject=False, verb=True):
    m = find_marks(text)[0]
    q = Quote(m.start, m.end, text[m.start:m.end], method=method, speaker=speaker, mark_style="double")
    return quote_features(text, m, q, Evidence(cue_score, rule_reject, True, verb))


def test_every_feature_has_a_weight():
    f = features("“We are ready,” Kirby said.", "subject:name", "Kirby", 3.0)
    assert set(f) <= set(WEIGHTS) | {"m_salience_guess"}


def test_an_attributed_sentence_is_kept_and_a_title_is_not():
    speech = features("“We are ready to go to war tomorrow,” Kirby said.", "subject:name", "Kirby", 3.0)
    title = features("He appeared on “Meet the Press” on Sunday.", "none", None, 0.0, rule_reject=True, verb=False)
    assert quote_probability(speech) >= KEEP_THRESHOLD > quote_probability(title)


def test_scare_quotes_are_rejected_outright():
    f = features("It was a so-called “deal” after all.", "none", None, 0.0)
    assert f["prev_scare"] == 1.0 and hard_reject(f) and quote_probability(f) == 0.0
