"""Speech cues: is this token a verb (or marker) that introduces reported speech?

The word lists (speech verb lemmas, weak verbs, phrasal verbs, irregular forms) are in
`quotes.lexicon.words`; this module turns them into word forms and token tests.
"""
from __future__ import annotations

from quotes.lexicon.words import (ASKING_LEMMAS, ASPECTUAL_LEMMAS, DOCUMENT_VERBS, IRREGULAR, PHRASAL, SPEECH_LEMMAS,
                                  WEAK_LEMMAS)


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


FORMS: dict[str, str] = {}
for _lem in SPEECH_LEMMAS | WEAK_LEMMAS | DOCUMENT_VERBS | ASKING_LEMMAS | {"quote", "go"} | set().union(*PHRASAL.values()):
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
        # "as the company continued to sign up subscribers": going on doing something is no speech
        return not (lem in ASPECTUAL_LEMMAS and any(c.dep_ == "xcomp" for c in tok.children))
    return any(c.dep_ in ("prt", "advmod") and lem in PHRASAL.get(c.lower_, ()) for c in tok.children)


def is_according(tok) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to"
