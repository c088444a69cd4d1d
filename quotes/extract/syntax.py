"""Small readings of a spaCy parse that attribution needs: noun phrases, names, titles.

Why separate: these are pure functions of a token (no article state), shared by the
speaker rules in `quotes.extract.attribution`; keeping them here leaves that package to the rules.
"""
from __future__ import annotations

import regex

from quotes.lexicon.words import ORG_HEADS, ORG_WORDS, POSSESSED_SPEECH_NOUNS, ROLE_NOUNS

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")


def is_possessed_speech_noun(tok) -> bool:
    """"Trump’s statement about “thousands of shootings”": the possessor is the speaker."""
    return tok.pos_ == "NOUN" and tok.lower_ in POSSESSED_SPEECH_NOUNS and any(
        c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON") for c in tok.children)


def doc_text(toks) -> str:
    """The text a token run covers in its Doc, whitespace collapsed ("Co-anchor", "Powell’s")."""
    if not toks:
        return ""
    first, last = toks[0], toks[-1]
    if last.i < first.i:
        return ""
    # the span's text, not a slice of doc.text: that would join every token of the Doc
    # again for each name (quadratic in a long paragraph)
    return " ".join(first.doc[first.i:last.i + 1].text.split())


def is_name_token(t, known=None) -> bool:
    """A proper name, also when the tagger calls a surname a plural noun ("Sanders also
    pledged"): capitalised, not sentence-initial, not a known role or common word."""
    if t.pos_ == "PROPN":
        return True
    return (t.tag_ in ("NNS", "NN") and t.is_title and len(t.text) > 2
            and (t.i > t.sent.start or (known is not None and known(t.text)))
            and t.lower_ not in ROLE_NOUNS and t.lower_ not in ORG_WORDS)


def np_tokens(tok):
    """The noun phrase of `tok` without relative clauses, appositives and trailing punctuation."""
    keep = [tok]
    for c in tok.lefts:
        if c.dep_ in ("det", "compound", "amod", "nmod", "poss", "nummod", "quantmod", "case", "prep"):
            keep.extend(c.subtree)
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "case") or (c.dep_ == "prep" and c.lower_ == "of"):
            keep.extend(c.subtree)
    keep = sorted(set(keep), key=lambda t: t.i)
    # contiguous run around tok
    i0 = tok.i
    idx = {t.i for t in keep}
    lo = hi = i0
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    toks = [t for t in tok.doc[lo:hi + 1] if not t.is_punct or t.text in (".", "-", "’", "'")]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "case"):
        toks.pop()
    return toks


def name_span(tok) -> list:
    """The proper-name tokens around a PROPN `tok`: its compounds, a hyphenated surname the
    tokenizer split, and "of" + name after an organisation head. (Read from tags and the
    parse only: NER is not run, so the build and the spaCy component see the same.)"""
    toks = [tok]
    i = tok.i - 1
    while i >= 0:
        t = tok.doc[i]
        if t.text == "-" and not t.whitespace_ and i > 0 and tok.doc[i - 1].pos_ == "PROPN" \
                and not tok.doc[i - 1].whitespace_ and tok.doc[i - 1].is_title and toks[0].is_title:
            # a hyphenated surname the tokenizer split: "Sue Seedorff-Keninger"
            toks[0:0] = [tok.doc[i - 1], t]
            i -= 2
            continue
        # a compound of the name, or, in an organisation's name, of a plain word already in it:
        # "New" -> "York" -> "Times", "United" -> "Nations" -> "Security Council" (not in a
        # person's: "House Intelligence Republican Mike Pompeo", "Senate Majority Whip John
        # Cornyn" keep their titles apart)
        if not (t.pos_ == "PROPN" and t.dep_ in ("compound", "flat", "nmod")
                and (t.head.i == tok.i or (tok.lower_ in ORG_WORDS | ORG_HEADS or _office(tok)) and t.head.is_alpha
                     and any(t.head.i == x.i for x in toks))):
            break
        toks.insert(0, t)
        i -= 1
    j = tok.i + 1
    while j < len(tok.doc) and tok.doc[j].pos_ == "PROPN" and tok.doc[j].dep_ in ("flat", "compound") \
            and tok.doc[j].head.i == tok.i:
        toks.append(tok.doc[j])
        j += 1
    if tok.lower_ in ORG_HEADS or _office(tok) and j < len(tok.doc) and tok.doc[j].lower_ == "for":
        toks.extend(_named_tail(tok, j))  # (an office's "of" is its title's: "Secretary of State")
    return toks


def _office(tok) -> bool:
    """A capitalised office word heading its own name ("High Commissioner" in "the United
    Nations High Commissioner for Refugees"), not a title before a person's name."""
    return tok.pos_ == "PROPN" and tok.lower_ in ROLE_NOUNS and tok.is_title


def _named_tail(tok, j: int) -> list:
    """The rest of an organisation's or an office's name after its head `tok` (the tokens from
    `j` on): "of"/"for" (and "the") before a capitalised run, as often as it comes, with a
    capitalised run joined by "and"/"&" to one of them: "Department of Health and Human
    Services", "Office for National Statistics", "Royal Society for the Protection of Birds",
    "High Commissioner for Refugees". Not a run that holds a title ("the Department of Justice
    and Attorney General Bill Barr" are two speakers) nor one after "and the"."""
    doc, out = tok.doc, []
    while j < len(doc) and doc[j].lower_ in _NAME_LINKS and (doc[j].lower_ in ("of", "for") or out):
        k = j + 1
        if k < len(doc) and doc[k].lower_ == "the" and doc[j].lower_ in ("of", "for"):
            k += 1
        e = k
        while e < len(doc) and doc[e].pos_ == "PROPN" and doc[e].is_title \
                and not (doc[j].lower_ in ("and", "&") and doc[e].lower_ in ROLE_NOUNS):
            e += 1
        if e == k:
            break
        out.extend(doc[j:e])
        j = e
    return out


_NAME_LINKS = ("of", "for", "and", "&")


def role_left(name_toks):
    """Title words before a name in the same phrase: 'US Defense Secretary' Lloyd Austin."""
    if not name_toks:
        return None
    doc = name_toks[0].doc
    i = name_toks[0].i - 1
    words = []
    while i >= 0:
        t = doc[i]
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "DET") or t.like_num:
            break
        if t.dep_ not in ("compound", "amod", "nmod", "poss", "appos") and t.head.i not in {x.i for x in name_toks}:
            break
        words.insert(0, t.text)
        i -= 1
    words = [w for w in words if w.lower() not in ("’s", "'s")]
    role = " ".join(words).strip()
    return role or None


def appos_text(tok):
    for c in tok.children:
        if c.dep_ == "appos":
            toks = [t for t in c.subtree if not (t.is_punct and t.text in ",;")]
            return c, doc_text(toks)
    return None, None


_ORDINAL = regex.compile(r"\d+(?:st|nd|rd|th)")


def after_article(tok) -> bool:
    """'the 13th Amendment', 'the Pentagon': a name after an article (numbers and adjectives
    between) names a thing or a body; people's names take no article."""
    i = tok.i - 1
    while i >= 0 and (tok.doc[i].like_num or tok.doc[i].pos_ in ("ADJ", "NUM")
                      or _ORDINAL.fullmatch(tok.doc[i].text)):
        i -= 1
    return i >= 0 and tok.doc[i].lower_ in ("the", "a", "an")


def named_participle(cue):
    """The name right before a participle cue: 'footage of Hillary Clinton asking, “...”'."""
    if cue.tag_ != "VBG" or cue.i == 0:
        return None
    prev = cue.doc[cue.i - 1]
    if prev.pos_ != "PROPN":
        return None
    if prev.dep_ == "nsubj" and prev.head.i == cue.i or prev.dep_ == "pobj" and prev.head.lower_ == "of":
        return prev  # not 'a letter to Lynch asking' nor 'a message on Twitter reading'
    return None
