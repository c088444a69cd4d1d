"""Every mention that could be a quote's speaker, with the evidence for each.

Why: the rule cascade (quotes.extract.attribution) commits to the first rule that fires.
Here the rules become candidate generators, and the learned ranker (quotes.extract.ranking)
chooses among all of them. For one quote the candidates are:
  cue      the subject of each speech cue near the quote (its outermost reporting verb and
           the cue itself), and the noun phrase next to a cue the parse gave no subject;
  object   the object of such a cue ("told Reuters": talked to, not talking);
  near     names, pronouns and nouns that are subjects in the quote's own sentence, the
           attribution regions before and after it, and the sentence before it (a name
           there that is no subject is kept only as a cue's subject or object or the
           rules' choice);
  previous the previous quote's speaker (continuations, split quotes);
  salient  the person the article was just talking about;
  rule     the speaker the rules chose (whatever rule, with its method).
Each candidate is resolved to a name through the article's entity tracking
(quotes.extract.mentions.Registry via attribution.speakers.speaker_of): a pronoun, a description or an
appositive becomes the fullest name the article gives; a document becomes its issuer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from contextlib import contextmanager

from quotes.extract.attribution import write_attribution
from quotes.extract.attribution.candidates import outermost_cue
from quotes.extract.attribution.context import ArticleContext, Attribution, MarkContext, Speaker
from quotes.extract.attribution.speakers import speaker_of as resolve_speaker
from quotes.extract.attribution.subjects import nearby_subject, subject_of
from quotes.extract.cues import lemma_of
from quotes.extract.entity_types import syntactic_head
from quotes.extract.journal import undoable
from quotes.extract.syntax import SUBJ_DEPS
from quotes.lexicon.words import PERSON_PRONOUNS
from quotes.model import Mark, Quote


class View:
    """What the ranker reads of attribution's state for one mark: the article context
    (`a`: the token index, `reg`: the entity registry) and the mark's context."""

    def __init__(self, ctx: ArticleContext, mc: MarkContext):
        self.ctx, self.mc = ctx, mc

    @property
    def a(self):
        return self.ctx.index

    @property
    def reg(self):
        return self.ctx.registry


def speaker_of(att: View, tok) -> tuple:
    """(Entity or None, name, kind, role, mention tokens, how) for a mention token."""
    sp = resolve_speaker(att.ctx, tok)
    return sp.entity, sp.name, sp.kind, sp.role, sp.tokens, sp.how


def fill_speaker(att: View, q: Quote, speaker: tuple) -> None:
    """Write a `speaker_of` tuple onto `q` as attribution writes a rule's speaker."""
    write_attribution(att.ctx, q, Attribution(q.method or "", q.confidence, speaker=Speaker(*speaker)))


@contextmanager
def trial(att: View):
    """Resolve candidates as a trial: names registered and mentions resolved inside the block
    are undone after it (an undo journal: the trial costs what it changes, not the size of
    the article's entity state). The title runs are read off the text once, the same in any
    trial, so they are kept."""
    with undoable():
        yield att

MAX_CUES = 4  # cue candidates looked at, strongest first
NEAR_CHARS = 150  # how far before the quote names and pronouns are collected (400: a third more candidates, same dev speakers)


@dataclass
class Candidate:
    """One possible speaker of one quote."""

    speaker: tuple  # (Entity or None, name, kind, role, mention tokens, how): candidates.speaker_of
    start: int | None = None  # mention offsets in the article (None: no mention, e.g. previous)
    end: int | None = None
    sources: set[str] = field(default_factory=set)
    cue: object = None  # the speech-verb token the candidate is the subject of
    cue_score: float = 0.0  # the rules' strength of that cue (3.0 adjacent and linked ... 0.6)
    cue_rank: int = 9  # 0 for the strongest cue of the quote
    rule: str | None = None  # the syntactic path: subject, inverted, head_subject, according_to, ...
    tok: object = None

    @property
    def name(self) -> str | None:
        return self.speaker[1]

    @property
    def how(self) -> str | None:
        return self.speaker[5]


def candidates_for(att, m: Mark, q: Quote, prev: list[Quote]) -> list[Candidate]:
    """The candidate speakers of quote `m` (`q`: the rules' answer, `prev`: earlier quotes)."""
    a = att.a
    out: dict[object, Candidate] = {}

    def add(tok, source: str, **kw) -> Candidate | None:
        if tok is None:
            return None
        p = a.pos(tok)
        if a.in_quote(p):
            return None
        key = ("tok", p)
        c = out.get(key)
        if c is None:
            sp = speaker_of(att, tok)
            mt = sp[4] or [tok]
            s, e = a.pos(mt[0]), a.pos(mt[-1]) + len(mt[-1].text)
            c = out[key] = Candidate(speaker=sp, start=s, end=e, tok=tok)
        c.sources.add(source)
        for k, v in kw.items():
            if k == "cue_score" and v <= c.cue_score:
                continue
            if k == "cue_rank" and v >= c.cue_rank:
                continue
            setattr(c, k, v)
        return c

    # the rules' own choice: the head of its mention, the token whose speaker tuple they used
    head = None
    if q.speaker_start is not None and a.tokens_between(q.speaker_start, q.speaker_end or q.speaker_start + 1):
        head = head_token(a, q.speaker_start, q.speaker_end)

    def wanted_near(t) -> bool:
        # a nearby name that is no subject, no cue's subject or object and not the rules'
        # choice is right for 9% of train quotes and almost never the only right candidate
        return t.dep_ in SUBJ_DEPS or t is head or ("tok", a.pos(t)) in out

    if a.toks:
        _cue_candidates(att, m, add, wanted_near)
    rule_key = None
    if head is not None:
        c = add(head, "rule")
        if c is not None:
            rule_key = ("tok", a.pos(head))
    _mentionless_candidates(att, m, q, prev, out, rule_key)
    return list(out.values())


def _cue_candidates(att, m: Mark, add, wanted_near) -> None:
    """The subjects and objects of the quote's strongest cues, then the names, pronouns and
    noun subjects near it that `wanted_near` keeps (`add(token, source, **evidence)` records one)."""
    a, mc = att.a, att.mc
    before, after = mc.before, mc.after
    for rank, cand in enumerate(mc.candidates[:MAX_CUES]):
        t, how = cand.token, cand.kind
        cues = [t]
        if how == "verb":
            o = outermost_cue(att.ctx, t)
            if o is not t:
                cues.insert(0, o)
        for cue in cues:
            found = subject_of(cue)
            if (found is None or a.in_quote(a.pos(found.token))) and how == "verb":
                found = nearby_subject(att.ctx, cue, before, after)
            subj, rule = (found.token, found.rule) if found is not None else (None, None)
            add(subj, "cue", cue=cue, cue_score=cand.score, cue_rank=rank, rule=rule)
            for o in cue.children:
                if o.dep_ in ("dobj", "obj", "dative") and o.pos_ in ("PROPN", "PRON", "NOUN"):
                    add(o, "object", cue=cue)
                elif o.dep_ == "prep" and o.lower_ == "to":
                    for oo in o.children:
                        if oo.dep_ == "pobj":
                            add(oo, "object", cue=cue)
    lo = max(before[0] - NEAR_CHARS, a.para_bounds(m.open_mark)[0] - NEAR_CHARS, 0)
    hi = max(after[1], m.end)
    for t in _near_tokens(a, m, lo, hi):
        if wanted_near(t):
            add(t, "near")


def _mentionless_candidates(att, m: Mark, q: Quote, prev: list[Quote], out: dict, rule_key) -> None:
    """Speakers without a mention of their own: the previous quote's, the salient person's,
    and the rules' choice when no parsed mention carried it."""
    if prev and prev[-1].speaker:
        last = prev[-1]
        ent = att.reg.lookup(last.speaker)
        key = ("prev", last.speaker)
        out[key] = Candidate(speaker=(ent, last.speaker, last.speaker_kind, last.speaker_role, [], "previous"),
                             sources={"previous"})
    sal = att.reg.salient_person(m.open_mark, window=1500)
    if sal is not None:
        key = ("sal", sal.name)
        out.setdefault(key, Candidate(speaker=(sal, sal.name, sal.kind, sal.role, [], "salience"), sources=set()))
        out[key].sources.add("salient")
    if rule_key is None and q.speaker:
        # a rule that named a speaker without a parsed mention (dash, continuation, colon ...)
        key = ("rulename", q.speaker)
        ent = att.reg.lookup(q.speaker)
        out[key] = Candidate(speaker=(ent, q.speaker, q.speaker_kind, q.speaker_role, [], "rule"),
                             start=q.speaker_start, end=q.speaker_end, sources={"rule"})


def head_token(a, s: int, e: int | None):
    """The syntactic head among the parsed tokens of text[s:e] (`a`: the ArticleIndex)."""
    return syntactic_head(a.tokens_between(s, e if e is not None else s + 1))


def _near_tokens(a, m: Mark, lo: int, hi: int):
    """Name heads, person pronouns and noun subjects outside quotes between `lo` and `hi`."""
    for t in a.tokens_between(lo, hi):
        if a.in_quote(a.pos(t)):
            continue
        if t.pos_ == "PROPN":
            if t.dep_ in ("compound", "flat") and t.head.pos_ == "PROPN" and t.head.i > t.i:
                continue  # not the head of its name
            if t.dep_ == "poss" or t.lower_ in ("’s", "'s"):
                continue
            yield t
        elif t.lower_ in PERSON_PRONOUNS and t.dep_ in SUBJ_DEPS:
            yield t
        elif t.pos_ == "NOUN" and t.dep_ in SUBJ_DEPS:
            yield t


def cue_lemma(c: Candidate) -> str:
    return lemma_of(c.cue) if c.cue is not None else ""
