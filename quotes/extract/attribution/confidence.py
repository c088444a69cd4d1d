"""Every confidence value and cue score of attribution, in one place.

Cue scores rank the speech-verb candidates of a quote (and are a feature of the quote
filter); confidences are what a stored quote shows. Values were set by hand against
PolNeAR train; `benchmarks/accuracy.py` measures a change.
"""
from __future__ import annotations

# --- how strongly a cue attaches to the quote (CueCandidate.score) -------------------------
CUE_ADJACENT_AND_GOVERNING = 3.0  # next to the quote and the quote hangs on it in the parse
ACCORDING_ADJACENT = 2.6  # "according to X" next to the quote
CUE_ADJACENT = 2.2  # next to the quote (same sentence, nothing between but the speaker)
CUE_GOVERNING = 1.8  # the quote hangs on it in the parse, further away
ACCORDING_FAR = 1.2  # "according to X" elsewhere in the quote's sentence
CUE_IN_SENTENCE = 0.6  # a speech verb somewhere in the quote's sentence
WEAK_CUE_PENALTY = 0.5  # a labelling verb ("call", "describe") the quote does not hang on
CUE_SCORE_SIGNED_COLON = 2.2  # 'Carl Bialik: “…”' after a headline: as explicit as an adjacent verb
GIVE_UP_BELOW_FIRST = 1.0  # stop trying weaker cues once this far below the first one
CUE_NEARBY_FALLBACK = 2.0  # only cues this strong may take the noun phrase next to them

# --- confidence of a speech-verb attribution, by cue score, times the mention factor -------
CONFIDENCE_BY_CUE_SCORE = {3.0: 0.95, 2.6: 0.9, 2.2: 0.85, 1.8: 0.75, 1.2: 0.6}
CONFIDENCE_OTHER_CUE = 0.5
MENTION_FACTOR = {"pronoun": 0.8, "role": 0.85, "group": 0.85, "role_unresolved": 0.5, "role_guess": 0.5}
UNNAMED_MAX = 0.3  # nobody identified: at most this

# --- confidence of the other rules ----------------------------------------------------------
COLON = 0.7  # 'Trump: “…”', and a name signed before a colon
DASH = 0.7  # '“…” ― Veronica Cruz'
OWNER_AFTER = 0.7  # '“…” That was the verdict of Ann Lee'
SPLIT_QUOTE = 0.8  # “A,” he said. “B.”
PREVIOUS_SENTENCE_CUE = 0.7  # '..., Schiff said. “…”'
PREVIOUS_SENTENCE_SUBJECT = 0.5  # the previous sentence's subject, no speech verb
COLON_PARAGRAPH = 0.75  # 'Caddell continued:' + the next paragraph
EMAIL_HEADER = 0.75  # 'From: Jane Park' above the quote's paragraph
CONTINUATION = 0.65  # a paragraph reopening the last speaker's quote
SENTENCE_SUBJECT = 0.4  # the subject of the writer's sentence around a partial quote
SALIENCE_GUESS = 0.15  # nothing found: who the article was just talking about
NONE = 0.1  # nobody


def speech_verb_confidence(cue_score: float, how: str, has_speaker: bool) -> float:
    """Confidence of a speech-verb attribution from its cue score and how the mention resolved."""
    conf = CONFIDENCE_BY_CUE_SCORE.get(cue_score, CONFIDENCE_OTHER_CUE)
    conf *= MENTION_FACTOR.get(how, 1.0)
    if not has_speaker:
        conf = min(conf, UNNAMED_MAX)
    return round(conf, 2)
