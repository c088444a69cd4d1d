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
press bark assail indicate highlight chide scold tease marvel interrupt
""".split())

# "put it", "went on to say", "spoke of" need context; these are enough as verbs alone.
WEAK_LEMMAS = frozenset("""call describe label dub brand term name refer characterize
characterise portray deride praise mock criticize blast slam welcome hail""".split())

# Nouns that carry speech: "in a statement", "his remarks", "the tweet read".
SPEECH_NOUNS = frozenset("""statement remarks comment comments interview tweet post
letter email release speech message""".split())

COLON_CUE = ":"
ACCORDING = "according to"


IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "read": "read",
    "spoke": "speak", "spoken": "speak", "thought": "think", "put": "put", "went": "go",
    "gone": "go", "made": "make", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "came": "come", "shot": "shoot", "fought": "fight", "swore": "swear",
    "sworn": "swear", "cried": "cry", "hit": "hit", "struck": "strike", "goes": "go", "replied": "reply", "quipped": "quip", "vowed": "vow",
}


def _inflections(lemma: str) -> set[str]:
    """Regular forms of a verb lemma: add -s -ed -ing with the usual spelling rules."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # quip -> quipped
    return forms


# Verbs that are speech only with their particle: "Trump shot back", "Bush went on", "chimed in".
PHRASAL = {"back": frozenset("shoot fire hit push snap strike lash".split()), "on": frozenset({"go"}),
           "in": frozenset("chime pipe weigh".split())}

FORMS: dict[str, str] = {}
for _lem in SPEECH_LEMMAS | WEAK_LEMMAS | {"quote", "go", "rule"} | set().union(*PHRASAL.values()):
    for _f in _inflections(_lem):
        FORMS.setdefault(_f, _lem)
for _f, _lem in IRREGULAR.items():
    FORMS[_f] = _lem


def lemma_of(tok) -> str:
    """The verb lemma for the words we care about, without spaCy's lemmatizer (which needs
    the attribute ruler; together they cost a third of the parse time)."""
    return FORMS.get(tok.lower_, tok.lower_)


def is_cue_token(tok) -> bool:
    """A verb whose lemma is a speech verb (tagger tags 'said' reliably as a verb), or
    'put it' ("As Cornyn put it: “...”")."""
    if not tok.tag_.startswith("VB"):
        return False
    if tok.lower_ in ("put", "puts", "putting"):
        return any(c.lower_ == "it" and c.dep_ in ("dobj", "obj") for c in tok.children)
    lem = lemma_of(tok)
    if lem in SPEECH_LEMMAS:
        return True
    return any(c.dep_ in ("prt", "advmod") and lem in PHRASAL.get(c.lower_, ()) for c in tok.children)


def is_according(tok) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to"
