"""The speech cues: verbs and markers that introduce reported speech.

Curated from the `cue` field of PolNeAR's train split (verb lemmas seen at least twice,
minus non-speech verbs), plus the usual news verbs. Kept as lemmas so one entry covers
said/says/saying. Weak verbs (call, describe...) only count when a quote is their object.
"""
from __future__ import annotations

SPEECH_LEMMAS = frozenset("""
say tell write add call continue tweet ask explain respond state reply note report
describe declare argue conclude pledge warn insist admit acknowledge remark promise
accuse vow announce suggest recall cite assure claim blast urge joke shout answer
blame predict interject boast explain post chant yell lament email proclaim assert
concede muse elaborate exclaim express thank quote praise mock criticize question
complain vent charge dismiss allege demand comment react quip denounce retaliate
repeat fume gush testify wonder surmise riff protest recount retweet confirm deny
emphasize emphasise stress observe counter caution mention reiterate point add
whisper scream cry read text message reveal disclose opine maintain contend
recount brag scoff snap sneer retort rail lash hint tout pronounce sigh laugh
relate inform advise rule agree disagree acknowledge apologize apologise plead
""".split())

# "put it", "went on to say", "spoke of" need context; these are enough as verbs alone.
WEAK_LEMMAS = frozenset("""call describe label dub brand term name refer characterize
characterise portray deride praise mock criticize blast slam welcome hail""".split())

# Nouns that carry speech: "in a statement", "his remarks", "the tweet read".
SPEECH_NOUNS = frozenset("""statement remarks comment comments interview tweet post
letter email release speech message""".split())

COLON_CUE = ":"
ACCORDING = "according to"


def is_cue_token(tok) -> bool:
    """A verb whose lemma is a speech verb (tagger tags 'said' reliably as a verb)."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    return tok.lemma_.lower() in SPEECH_LEMMAS or tok.lower_ in ("said", "says", "told", "wrote")


def is_according(tok) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to"
