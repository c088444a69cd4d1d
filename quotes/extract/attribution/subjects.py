"""Which token names who speaks: the subject of a speech cue, read off the parse, or the
noun phrase next to the cue when the parse lost it.

Every function returns a `Subject` (the token and the rule that found it) or None.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotes.extract.attribution.context import ArticleContext
from quotes.extract.cues import is_according, is_cue_token, lemma_of
from quotes.extract.syntax import SUBJ_DEPS, is_possessed_speech_noun, named_participle
from quotes.lexicon.words import PERSON_PRONOUNS, ROLE_NOUNS

# Dependencies through which a speech verb hangs on the clause above it.
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "acl", "relcl", "ccomp", "pcomp", "prep", "pobj", "dobj", "parataxis")
MAX_HOPS = 4  # how far up the parse a speech verb's subject is looked for


@dataclass
class Subject:
    token: object  # the spaCy token naming the speaker
    rule: str  # subject / inverted / head_subject / according_to / possessive / ...


def subject_of(cue) -> Subject | None:
    """The token that names who speaks for a speech verb (or 'according to', or a
    possessed speech noun)."""
    if is_according(cue):
        return _according_subject(cue)
    if is_possessed_speech_noun(cue):
        return Subject(next(c for c in cue.children if c.dep_ == "poss"), "possessive")
    named = named_participle(cue)
    if named is not None and not any(c.dep_ in SUBJ_DEPS for c in cue.children):
        return Subject(named, "participle")
    return _governing_subject(cue)


def _according_subject(cue) -> Subject | None:
    """'according to X': X (the object of 'to', as the parse attaches it, or the next word)."""
    for c in cue.children:
        if c.lower_ == "to":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return Subject(cc, "according_to")
    for cc in cue.nbor(1).children:
        if cc.dep_ == "pobj":
            return Subject(cc, "according_to")
    if cue.i + 2 < len(cue.doc):
        return Subject(cue.doc[cue.i + 2], "according_to")
    return None


def _quoted_as_saying(t) -> Subject | None:
    """'Park quoted Cho as saying': the speaker is Cho (the object of 'quote')."""
    qh = t.head.head if t.head.lower_ == "as" else t.head
    if t.lower_ in ("saying", "say") and t.head is not t and lemma_of(qh) == "quote":
        for c in qh.children:
            if c.dep_ in ("dobj", "obj"):
                return Subject(c, "quoted_as_saying")
    return None


def _governing_subject(cue) -> Subject | None:
    """Climb from the cue through the clauses it hangs on until one has a subject."""
    t = cue
    hops = 0
    while t is not None and hops < MAX_HOPS:
        found = _quoted_as_saying(t)
        if found is not None:
            return found
        # "Rubio was asked by moderator Gerard Baker whether ...": the agent speaks
        agent = [c for c in t.children if c.dep_ == "agent"] or _misattached_agent(t)
        pobj = [c for a_ in agent[:1] for c in a_.children if c.dep_ == "pobj"]
        if pobj and hops == 0:
            return Subject(pobj[0], "passive_agent")
        subj = _subjects(t)
        if subj and not any(ch.isalnum() for ch in subj[0].text) and t.i > 0 and t.doc[t.i - 1].pos_ == "PROPN":
            subj = [t.doc[t.i - 1]]  # '... made public ― Trump boasted': a dash parsed as the subject
        # (not the subject of a "where" clause an adverbial participle was hung on: "... Bank of
        # America Stadium - where the Charlotte Panthers played - while chanting, “…”" is the
        # protesters'; "where he appeared ... for saying “…”" is still his)
        if subj and not (hops == 1 and cue.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ == "where"
                                                                  for c in t.children)):
            return Subject(subj[0], ("inverted" if subj[0].i > t.i else "subject") if hops == 0 else "head_subject")
        if pobj:
            return Subject(pobj[0], "passive_agent")
        if t.dep_ not in _CLIMB_DEPS or t.head is t:
            break
        found = _clause_speaker(t)
        if found is not None:
            return found
        t = _reporting_verb(t)
        hops += 1
    return None


def _subjects(t) -> list:
    """The subject children of `t`, the one it takes first. Two subjects are a parse that
    lost a clause. 'The rejection of the treaty signals “…” for the EU, said Geert Wilders'
    (both 'rejection' and 'Wilders' hang on 'said'): the one inverted after the verb speaks,
    when nothing but words stands between (not the quoted noun of 'Trump attacked Romney,
    calling him “a failed candidate”', which the parse made a subject). 'Speaking in Salem,
    New Hampshire, Trump went after Bush, calling him “…”' (both 'Hampshire' and 'Trump' on
    'went'): of two before it with only commas between, the second; not 'Ryan, despite
    admitting ..., the victims “do need ...”', where a clause stands between."""
    subj = [c for c in t.children if c.dep_ in SUBJ_DEPS]
    if len(subj) < 2:
        return subj
    after = [c for c in subj if c.i > t.i and not any(w.is_punct for w in t.doc[t.i + 1:c.left_edge.i])]
    before = [c for c in subj if c.i < t.i]
    if after:
        return after + before
    if len(before) > 1 and all(w.is_punct for w in t.doc[before[-2].right_edge.i + 1:before[-1].left_edge.i]):
        return [before[-1]] + before[:-1]
    return subj


def _misattached_agent(t) -> list:
    """'This feature has been called “strategic ambiguity” by Joshua Hendrick', 'was
    described as “a disaster” by Ann Ross': a passive verb whose "by" phrase the parse hung
    on its quoted complement, no other verb between (the subject is what was called so,
    not who said it)."""
    if not any(c.dep_ == "nsubjpass" for c in t.children):
        return []
    return [b for b in t.subtree if b.i > t.i and b.lower_ == "by" and b.dep_ == "prep"
            and not any(a.pos_ in ("VERB", "AUX") for a in b.ancestors if a.i != t.i and t.is_ancestor(a))][:1]


def _clause_speaker(t) -> Subject | None:
    """A speaker named by how the cue's clause attaches, not by a subject."""
    if t.dep_ == "relcl":
        return Subject(t.head, "relative")
    # "That prompted Rubio to make a joke and call Trump “...”": the object of the
    # verb above an infinitive is who does the speaking
    obj = [c for c in t.head.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("PROPN", "PRON")]
    if t.dep_ == "xcomp" and obj and obj[0].i < t.i:
        return Subject(obj[0], "object_control")
    # "footage of Trump saying", "Kirby, speaking to reporters": the noun it hangs on
    if t.dep_ == "acl" and (t.head.pos_ in ("PROPN", "PRON") or t.head.lower_ in ROLE_NOUNS):
        return Subject(t.head, "participle")
    return None


def _reporting_verb(t):
    """The next token up: "X said the US was investigating ..., calling it ...": a
    participle hung on a reported clause belongs to the reporting speaker."""
    if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj"):
        h = t.head
        while h.dep_ == "conj" and h.head is not h:
            h = h.head
        if h.dep_ == "ccomp" and is_cue_token(h.head):
            return h.head
    return t.head


def group_antecedent(ctx: ArticleContext, tok):
    """'they'/'it': the noun subject of the main clause, else of the previous sentence."""
    ix = ctx.index
    sent = tok.sent
    # a subject inside the quote is no antecedent ('“Mr. Trump, the developer ...,” it added':
    # the parse made 'Trump' a second subject of 'added'): look back a sentence
    cands = [c for c in sent.root.children if c.dep_ in SUBJ_DEPS and c.i != tok.i and not ix.in_quote(ix.pos(c))]
    prev = previous_sentence(ctx, sent) if not cands else None
    if prev is not None:
        cands = [c for c in prev.root.children if c.dep_ in SUBJ_DEPS]
    for c in cands:
        if c.pos_ in ("PROPN", "NOUN") and not ix.in_quote(ix.pos(c)):
            return c
    return None


PREVIOUS_PARAGRAPH_REACH = 600  # characters back in which the previous paragraph's last sentence is looked for


def previous_sentence(ctx: ArticleContext, sent):
    """The sentence before `sent`: in its parse, else the last one of the paragraph before
    (paragraphs are parsed apart: '“…,” the article read.' / '“…,” it added.')."""
    if sent.start > 0:
        return sent.doc[sent.start - 1].sent
    ix = ctx.index
    ps, _ = ix.para_bounds(ix.pos(sent[0]))
    toks = [t for t in ix.tokens_between(max(0, ps - PREVIOUS_PARAGRAPH_REACH), ps) if not t.is_space]
    return toks[-1].sent if toks else None


def nearby_subject(ctx: ArticleContext, cue, before, after) -> Subject | None:
    """When the parse gives the cue no subject (quotes confuse it): the noun phrase next
    to the cue in the same attribution region ('”, Flynn, a surrogate, said' / 'said Kirby')."""
    ix = ctx.index
    cp = ix.pos(cue)
    lo, hi = before if before[0] <= cp < before[1] else after
    cue_first = (lo, hi) == tuple(before)  # 'X described Y as “...”', not '“...,” read the statement'
    toks = [t for t in ix.tokens_between(lo, hi) if not ix.in_quote(ix.pos(t))]
    left = [t for t in toks if t.i < cue.i and t.doc is cue.doc]
    right = [t for t in toks if t.i > cue.i and t.doc is cue.doc]
    for group, rule in ((left, "nearby_before"), (right[:4], "nearby_after")):
        for t in group:
            found = _nearby_mention(t, group, cue, cue_first)
            if found is not None:
                if rule == "nearby_before" and found.pos_ == "NOUN":
                    found = _name_after_titles(found, group, cue, cue_first) or found
                return Subject(found, rule)
    return None


def _name_after_titles(role, group, cue, cue_first: bool):
    """'”, chairman, CEO and president Craig Menear said': a run of titles before the
    verb ends in the name that speaks. The proper name last before the cue, when only
    titles, commas and "and" stand between it and `role` (not 'a Trump spokesman said',
    where the name qualifies the noun)."""
    between = [t for t in group if role.i < t.i < cue.i]
    names = [t for t in between if t.pos_ == "PROPN" and not (t.dep_ in ("compound", "poss", "amod") and t.head.i > t.i)]
    if not names:
        return None
    name = names[-1]
    if name.dep_ == "appos" and name.head.i == role.i:
        return None  # 'her adviser, Jake Sullivan, said': the appositive path names him
    others = [t for t in between if t.i < name.i and t.pos_ not in ("PROPN", "PUNCT", "CCONJ")
              and t.lower_ not in ROLE_NOUNS]
    return None if others else _nearby_mention(name, group, cue, cue_first)


def _nearby_mention(t, group, cue, cue_first: bool):
    """The mention token `t` stands for, if it can be a speaker next to the cue."""
    if t.dep_ == "pobj" and t.pos_ != "PRON" or t.dep_ == "poss":
        return None  # 'For months, Cruz ...', 'In Iowa, ...', 'her adviser': not the speaker
    if cue_first and t.head.i == cue.i and t.dep_ in ("dobj", "obj", "dative", "oprd"):
        return None  # 'Will described Trump as a “...”': the object is talked about
    if t.pos_ == "PRON" and t.lower_ in PERSON_PRONOUNS:
        return t
    if t.pos_ == "PROPN" and t.dep_ in ("nmod", "compound") and t.head.pos_ == "NOUN" and t.i < t.head.i \
            and t.head in group:
        return None  # 'a March 2019 study by X', 'a Trump spokesman': the name qualifies the noun after it
    if t.pos_ == "PROPN" and not (t.dep_ == "poss" or (t.i + 1 < len(t.doc) and t.doc[t.i + 1].dep_ == "case")):
        j = t.i
        while j + 1 < len(t.doc) and t.doc[j + 1].pos_ == "PROPN" and t.doc[j + 1] in group:
            j += 1
        # a name whose last word is a preposition's object is no speaker either: "In an email to
        # Tom Bell, Jane Park wrote": the recipient ("Tom" is only the compound of "Bell")
        # (not after "as", which the parse takes for a preposition: "as Eric Garner ... said")
        return None if t.doc[j].dep_ == "pobj" and t.doc[j].head.lower_ != "as" else t.doc[j]
    if t.pos_ == "NOUN":
        while t.dep_ == "compound" and t.head.i > t.i and t.head in group:
            t = t.head
        return None if t.dep_ == "pobj" else t
    return None


def previous_paragraph_colon(ctx: ArticleContext, m) -> tuple[int, int] | None:
    """'Caddell continued:' closing the previous paragraph introduces this one's quote:
    that paragraph's (start, end), when this one opens with the quote."""
    ix, text = ctx.index, ctx.text
    k = ix.para_index(m.open_mark)
    if text[ix.para_starts[k]:m.open_mark].strip():
        return None
    j = k - 1
    while j >= 0:
        s = ix.para_starts[j]
        e = ix.para_starts[j + 1] - 1
        if text[s:e].strip():
            break
        j -= 1
    if j < 0:
        return None
    s, e = ix.para_starts[j], ix.para_starts[j + 1] - 1
    seg = text[s:e].rstrip()
    if not seg.endswith(":") or ix.in_quote(s + len(seg) - 1):
        return None
    return s, s + len(seg)
