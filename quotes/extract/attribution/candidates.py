"""Where a quote's attribution can sit, and the speech cues there, strongest first.

The regions are the writer's words before and after the quote in its sentence and
paragraph; a cue is a speech verb, "according to" or a possessed speech noun
("Trump’s claim"), scored by how it attaches to the quote (`confidence.CUE_*`).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from quotes.extract.attribution import confidence as C
from quotes.extract.attribution.context import ArticleContext
from quotes.extract.marks import close_end_of
from quotes.extract.cues import is_according, is_cue_token, lemma_of
from quotes.extract.syntax import SUBJ_DEPS, is_possessed_speech_noun, named_participle
from quotes.lexicon.names import NOT_ABBR
from quotes.lexicon.words import SPEECH_LEMMAS, WEAK_LEMMAS
from quotes.model import Mark

# A sentence end: not after an initial ("Elijah E. Cummings") or a title abbreviation.
_SENT_END = regex.compile(NOT_ABBR + r"[.!?]\s")
_SENT_END_AT = regex.compile(NOT_ABBR + r"[.!?](?=\s|$)")
# '“…,” when Clinton blasted him': a subordinate clause after the quote is not its attribution
_SUBORD = regex.compile(r"[\s,.;:!?—–-]*(?:when|as|because|while|after|before|if|since|but|and|or|until|though|although|where|which|that)\b",
                        regex.I)


@dataclass
class CueCandidate:
    score: float  # confidence.CUE_*
    neg_distance: int  # minus the distance to the nearer quotation mark (ties: nearer first)
    pos: int  # offset in the article
    token: object  # the spaCy token
    kind: str  # "according" or "verb" (a speech verb or a possessed speech noun)


def quote_tokens(ctx: ArticleContext, m: Mark) -> list:
    return list(ctx.index.tokens_between(m.start, m.end))


def regions(ctx: ArticleContext, m: Mark) -> tuple[tuple[int, int], tuple[int, int]]:
    """Char ranges next to the quote where its attribution can sit (same paragraph): back
    to the previous quote or sentence end, and on to the next quote or sentence end."""
    ix, text = ctx.index, ctx.text
    ps, pe = ix.para_bounds(m.open_mark)
    close_end = close_end_of(m)
    prev_close = ix.last_close_before(m.open_mark, ps)
    bstart = max(ps, prev_close)
    ends = [bstart + mm.end() for mm in _SENT_END.finditer(text[bstart:m.open_mark])]
    if ends:
        bstart = ends[-1]
    _, pe2 = ix.para_bounds(close_end - 1 if close_end > 0 else 0)
    nxt_open = ix.next_open_from(close_end, pe2)
    aend = min(pe2, nxt_open)
    seg2 = text[close_end:aend]
    mm = _SENT_END_AT.search(seg2)
    if mm and mm.start() > 0 and not regex.match(r"\s*[.!?]", seg2):
        aend = close_end + mm.end()
    elif mm and regex.match(r"[\s.!?]*$", seg2[:mm.end()]):
        aend = close_end + mm.end()
    return (bstart, m.open_mark), (close_end, aend)


def _pool(ctx: ArticleContext, qtoks, before, after) -> list:
    """The tokens where a cue can be: the quote's first and last sentences, and the regions."""
    sents = []
    for t in qtoks[:1] + qtoks[-1:]:
        s = t.sent
        if all(s.start != x.start or s.doc is not x.doc for x in sents):
            sents.append(s)
    pool = []
    for s in sents:
        pool.extend(s)
    pool.extend(ctx.index.tokens_between(*before))
    pool.extend(ctx.index.tokens_between(*after))
    return pool


def _cue_score(according: bool, adjacent: bool, dep_link: bool, weak: bool) -> float:
    if according:
        score = C.ACCORDING_ADJACENT if adjacent else C.ACCORDING_FAR
    elif adjacent and dep_link:
        score = C.CUE_ADJACENT_AND_GOVERNING
    elif adjacent:
        score = C.CUE_ADJACENT
    elif dep_link:
        score = C.CUE_GOVERNING
    else:
        score = C.CUE_IN_SENTENCE
    if weak and not dep_link:
        score -= C.WEAK_CUE_PENALTY
    return score


def cue_candidates(ctx: ArticleContext, m: Mark, before, after) -> list[CueCandidate]:
    """The speech cues around the quote, strongest (then nearest) first."""
    ix, text = ctx.index, ctx.text
    b0, b1 = before
    a0, a1 = after
    qtoks = quote_tokens(ctx, m)
    qset = {(id(t.doc), t.i) for t in qtoks}
    # ancestors of the quote's own roots (quote tokens attached outside the quote)
    root_anc = set()
    for q in qtoks:
        if (id(q.doc), q.head.i) not in qset:
            root_anc.update((id(x.doc), x.i) for x in q.ancestors)
    cands = []
    seen = set()
    for t in _pool(ctx, qtoks, before, after):
        key = (id(t.doc), t.i)
        if key in seen:
            continue
        seen.add(key)
        p = ix.pos(t)
        if ix.in_quote(p):
            continue
        adjacent = b0 <= p < b1 or a0 <= p < a1
        according = is_according(t)
        if not (according or is_possessed_speech_noun(t) or is_cue_token(t)):
            continue
        dep_link = (id(t.doc), t.head.i) in qset or key in root_anc
        if a0 <= p < a1 and lemma_of(t) not in SPEECH_LEMMAS and text[:m.end].rstrip(" ’'\"”").endswith("."):
            adjacent = dep_link = False  # '“... a failed candidate.” Romney fired back': a reply
        if a0 <= p < a1 and _SUBORD.match(text, a0):
            adjacent = False  # '“…,” when Clinton blasted him': not an attribution
        score = _cue_score(according, adjacent, dep_link, lemma_of(t) in WEAK_LEMMAS)
        dist = min(abs(p - m.open_mark), abs(p - (m.close_mark or m.end)))
        cands.append(CueCandidate(score, -dist, p, t, "according" if according else "verb"))
    _nearer_cue_introduces(cands, before)
    cands.sort(key=lambda c: (c.score, c.neg_distance), reverse=True)
    return cands


def _nearer_cue_introduces(cands: list[CueCandidate], before) -> None:
    """'Audience members laughed when he urged voters, “…”': the parse hangs the quote on the
    main verb, but the speech verb with its own subject between it and the quote introduces
    the words. The farther cue before the quote loses its governing score to the nearer one."""
    b0, b1 = before
    inside = [c for c in cands if c.kind == "verb" and b0 <= c.pos < b1]
    for far in inside:
        if far.score < C.CUE_ADJACENT_AND_GOVERNING:
            continue
        nearer = [c for c in inside if c.pos > far.pos and lemma_of(c.token) not in WEAK_LEMMAS
                  and any(x.dep_ in SUBJ_DEPS for x in c.token.children) and c.token.head.i == far.token.i
                  and c.token.dep_ == "advcl" and not _aside(c.token)]
        if nearer:
            far.score = C.CUE_ADJACENT
            for c in nearer:
                c.score = max(c.score, C.CUE_ADJACENT_AND_GOVERNING)


_ASIDE_OPENERS = (",", "(", "—", "–")  # punctuation that sets a clause off as an aside


def _aside(cue) -> bool:
    """'Trump said, as aides urged him to wrap up, “…”': a clause set off by a comma (a dash,
    a bracket) after its main verb is an aside; the quote is the main verb's words, not the
    clause's."""
    first = cue.left_edge
    return cue.head.i < first.i and first.i > 0 and cue.doc[first.i - 1].text in _ASIDE_OPENERS


def _own_adverbial_clause(ctx: ArticleContext, cue) -> bool:
    """The cue heads an adverbial clause with its own subject that stands between the main
    verb and the quote ('Audience members laughed when he urged voters, “…”') or holds the
    quote ('as Trump went on about “…”, Melanie said yes'): the words are the clause's."""
    if cue.dep_ != "advcl" or not is_cue_token(cue) or not any(c.dep_ in SUBJ_DEPS for c in cue.children):
        return False
    ix = ctx.index
    return cue.head.i < cue.i and not _aside(cue) or any(ix.in_quote(ix.pos(t)) for t in cue.subtree)


def coordinate_heads(cue) -> set[int]:
    """The verbs the cue's clause is coordinated with when it has its own subject ('a
    woman asked for a photo and Clinton said, “…”'; 'Cruz said ..., and Trump vowed to
    “…”'): sibling clauses, not speech that reports the cue's (token indices)."""
    heads, tok = set(), cue
    while tok.dep_ == "conj" and any(c.dep_ in SUBJ_DEPS for c in tok.children):
        heads.add(tok.head.i)
        tok = tok.head
    return heads


def outermost_cue(ctx: ArticleContext, cue):
    """'Trump said Fox executives were calling “every 15 minutes”': the words are
    reported by the outer speaker, so the outermost speech verb above the cue wins."""
    if named_participle(cue) is not None:
        return cue  # "footage of Trump saying ...": Trump speaks, not the ad that shows it
    ix = ctx.index
    best = cue
    siblings = coordinate_heads(cue)
    # "Hale said Obama's words “amount to ...”", "Fitton called Clinton's claim “absurd”":
    # a possessed speech noun inside a clause is the reporter's topic, not the speaker
    noun = is_possessed_speech_noun(cue)
    own = _own_adverbial_clause(ctx, cue)
    for anc in cue.ancestors:
        if own and anc.i == cue.head.i:
            break  # 'Audience members laughed when he urged voters, “…”': his words, not theirs
        if noun and ix.in_quote(ix.pos(anc)) or anc.i in siblings:
            continue  # the quote's own first word can head the clause; a sibling clause's verb
        if ix.in_quote(ix.pos(anc)) or lemma_of(anc) == "quote":
            break  # "Park quoted Cho as saying": Cho speaks
        weak_ok = noun and anc.i == cue.head.i and cue.dep_ in ("dobj", "obj")
        if is_cue_token(anc) and lemma_of(anc) in SPEECH_LEMMAS | {"put"} and (
                lemma_of(anc) not in WEAK_LEMMAS or weak_ok) and any(
                c.dep_ in SUBJ_DEPS for c in anc.children):
            best = anc
            # 'His wife had warned him ..., but Trump said he responded: “…”': the clause
            # 'said' is coordinated with is a sibling of the speech verb reached, too
            siblings |= coordinate_heads(anc)
    return best
