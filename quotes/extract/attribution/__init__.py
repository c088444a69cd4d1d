"""Attribution: decide which marks are quotations and who said each one.

Input: the article text, the marks found by `quotes.extract.marks`, and spaCy parses of the
parts of the text attribution needs (`(offset, Doc)` segments). Output: `Quote`s with the
speaker resolved to the fullest name of the article and the evidence (mention, cue,
method, confidence).

The stage loop, per mark: the regions and cue candidates around it (`candidates`), then
the rules in order (`rules.RULES`) until one attributes it, then the quote filter
(`quotes.extract.quotefilter`) on the evidence. `docs/attribution.md` lists the rules.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotes.extract.attribution import confidence as C
from quotes.extract.attribution.candidates import cue_candidates, quote_tokens, regions
from quotes.extract.attribution.context import ArticleContext, Attribution, Evidence, MarkContext, Speaker
from quotes.extract.attribution.entities import article_context, harvest_titles
from quotes.extract.attribution.rules import RULES, WITHOUT_EXPLICIT_EVIDENCE
from quotes.extract.attribution.shape import (cue_hops, is_single_mark, looks_unquoted, modifies_noun, person_subject,
                                             quote_kind, quoted_again, speaker_link)
from quotes.extract.entity_types import speaker_mention_type
from quotes.extract.quotefilter import (KEEP_THRESHOLD, TERM_MAX_WORDS, addresses_reader, hard_reject, mentioned,
                                        quote_features, quote_probability, short_credited_partial,
                                        term_without_speaker, writer_or_reader_speaks)
from quotes.lexicon.words import PRONOUNS
from quotes.model import Mark, Quote

_SPEAKER_FIELDS = ("speaker", "speaker_kind", "speaker_aliases", "speaker_role", "speaker_mention",
                   "speaker_start", "speaker_end", "cue", "cue_start", "cue_end")


@dataclass
class Candidate:
    """One mark as attribution saw it: the quote, the filter's features, and whether it is kept."""

    mark: Mark
    quote: Quote
    features: dict[str, float]
    kept: bool


def attribute(text: str, marks: list[Mark], docs) -> list[Quote]:
    """Quotes (real ones only) with speakers, for one article parsed as `docs`.

    `docs` is a list of `(offset, Doc)`: each Doc parses `text[offset:offset+len(doc.text)]`
    (or a `textindex.ArticleIndex` of them, made by the caller to share it).
    """
    if not marks:
        return []
    from quotes.extract.echoes import credit_echoes
    from quotes.extract.ranking import apply_ranker  # the learned ranker builds on this package

    return credit_echoes([c.quote for c in attribute_candidates(text, marks, docs, ranker=apply_ranker) if c.kept])


def attribute_candidates(text: str, marks: list[Mark], docs, use_filter: bool = True,
                         ranker=None) -> list[Candidate]:
    """Every mark attributed, with the quote filter's features (`benchmarks/train_filter.py`
    trains on them with `use_filter=False`: then only the rules' own rejections apply).

    `ranker(ctx, mark context, quote, filter features) -> keep?` runs on each kept quote and
    may change its speaker and confidence (quotes.extract.ranking.apply_ranker)."""
    ctx = article_context(text, marks, docs)
    kept: list[Quote] = []
    out = []
    found = [cues_of(ctx, m) for m in marks]  # every mark's cues first: the article's count of speech
    cued = sum(_cued(cands) for _, _, cands in found)
    reader = addresses_reader(text, marks)
    for m, (before, after, cands) in zip(marks, found):
        mc = mark_context(ctx, m, kept, (before, after, cands))
        q = new_quote(text, m, mc.single)
        att = apply_rules(ctx, mc)
        write_attribution(ctx, q, att)
        features = quote_features(text, m, q, evidence(ctx, m, att, cued - _cued(cands), reader, q))
        q.mention = mentioned(text, m.start, q.text)
        keep = _keep(text, q, features, att, use_filter, reader)
        if keep and ranker is not None:
            keep = ranker(ctx, mc, q, features)
        if keep and use_filter and short_credited_partial(q):  # a term whose only speaker names nobody
            keep = not term_without_speaker(q, *speaker_mention_type(ctx.index, text, q))
        if keep:
            kept.append(q)
        out.append(Candidate(m, q, features, keep))
    return out


def _keep(text: str, q: Quote, features: dict[str, float], att: Attribution, use_filter: bool,
          reader: bool = False) -> bool:
    """The quote filter decides double-marked quotes (and scales their confidence). Single
    marks have no training data, so the weights never see them: the rules' own rejection and
    the filter's hard rejects (rules that hold for any mark: so-called, a nickname in a name,
    an uncued term, a named work) decide them. On a page that talks to its reader (`reader`),
    words only the writer or the reader is said to say are imagined speech, whatever the mark."""
    if use_filter and reader and writer_or_reader_speaks(q):
        return False
    if use_filter and q.mark_style != "single":
        prob = quote_probability(features)
        if prob < KEEP_THRESHOLD:
            return False
        q.confidence = round(q.confidence * min(1.0, 0.5 + prob / 2), 2)
        return True
    if use_filter and single_term_rejected(text, q, features):
        return False
    return not att.rule_reject


def single_term_rejected(text: str, q: Quote, features: dict[str, float]) -> bool:
    """A single-marked term or title the filter's hard rejects drop (as in double marks).
    Only short spans (`TERM_MAX_WORDS`): in longer ones the context the rejects read is often
    a neighbouring quote (doubled apostrophes '' around nested ' marks, PolNeAR train), and
    never in the first line, a headline, where single marks are the quotation style and
    every word is capitalised."""
    if q.mark_style != "single" or len(q.text.split()) > TERM_MAX_WORDS:
        return False
    return text.find("\n", 0, q.start) >= 0 and hard_reject(features)


def mark_context(ctx: ArticleContext, m: Mark, previous: list[Quote], cues: tuple | None = None) -> MarkContext:
    """Mark `m` in its article, with the quotes kept before it; `cues`: `cues_of(ctx, m)`
    when already found."""
    before, after, cands = cues if cues is not None else cues_of(ctx, m)
    return MarkContext(m, ctx.text[m.start:m.end], is_single_mark(ctx.text, m), before, after, cands, previous)


def cues_of(ctx: ArticleContext, m: Mark) -> tuple:
    """The regions next to mark `m` and its speech-cue candidates (strongest first)."""
    if not ctx.index.toks:
        return (0, 0), (0, 0), []
    before, after = regions(ctx, m)
    return before, after, cue_candidates(ctx, m, before, after)


def _cued(cands: list) -> bool:
    """A mark that a speech cue next to it governs: reported speech ("“…,” she said")."""
    return bool(cands) and cands[0].score >= C.CUE_ADJACENT_AND_GOVERNING


def new_quote(text: str, m: Mark, single: bool) -> Quote:
    return Quote(start=m.start, end=m.end, text=text[m.start:m.end], kind=quote_kind(text, m),
                 mark_style="single" if single else "double", multi_paragraph=m.multi_paragraph)


def apply_rules(ctx: ArticleContext, mc: MarkContext) -> Attribution:
    """The first rule that attributes the mark (`rules.RULES`, in order), else "none"."""
    for rule in RULES:
        att = rule(ctx, mc)
        if att is not None:
            break
    else:
        rule, att = None, Attribution("none", C.NONE)
    if rule is None or rule in WITHOUT_EXPLICIT_EVIDENCE:
        att.rule_reject = looks_unquoted(ctx.text, mc.mark, mc.quote_text, person_subject(ctx, mc.mark))
    return att


def evidence(ctx: ArticleContext, m: Mark, att: Attribution, cued_elsewhere: int = 0,
             reader: bool = False, q: Quote | None = None) -> Evidence:
    """What the quote filter reads besides the quote (`cued_elsewhere`: how many other marks
    of the article a speech cue governs; `reader`: the article talks to its reader; `q`: the
    quote as the rules attributed it, whose speaker mention `speaker_link` places; read only
    for a short partial quote with a speaker)."""
    has_verb = any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in quote_tokens(ctx, m))
    return Evidence(att.cue_score, att.rule_reject, person_subject(ctx, m), has_verb,
                    modifies_noun(ctx, m), quoted_again(ctx, m),
                    cue_hops(ctx, m, att.cue.start if att.cue is not None else None), cued_elsewhere, reader,
                    speaker_link(ctx, m, q.speaker_start, q.speaker_end)
                    if q is not None and short_credited_partial(q) else "")


def write_attribution(ctx: ArticleContext, q: Quote, att: Attribution) -> None:
    """Copy a rule's decision onto the quote."""
    if att.copied_from is not None:
        for f in _SPEAKER_FIELDS:
            setattr(q, f, getattr(att.copied_from, f))
    elif att.named is not None:
        ent = att.named
        mention, start = att.mention
        q.speaker, q.speaker_kind, q.speaker_role = ent.name, ent.kind, ent.role
        q.speaker_aliases = sorted(x for x in ent.aliases if x != ent.name)
        q.speaker_mention, q.speaker_start, q.speaker_end = mention, start, start + len(mention)
    elif att.speaker is not None:
        _write_speaker(ctx, q, att.speaker)
    if att.cue is not None:
        q.cue, q.cue_start, q.cue_end = att.cue.text, att.cue.start, att.cue.end
    q.method, q.confidence = att.method, att.confidence


def _write_speaker(ctx: ArticleContext, q: Quote, sp: Speaker) -> None:
    if sp.tokens:
        q.speaker_start = ctx.index.pos(sp.tokens[0])
        q.speaker_end = ctx.index.pos(sp.tokens[-1]) + len(sp.tokens[-1].text)
        q.speaker_mention = ctx.text[q.speaker_start:q.speaker_end]
    ent = sp.entity
    if ent is not None:
        harvest_titles(ctx, ent)
        q.speaker = ent.name
        q.speaker_kind = ent.kind
        q.speaker_aliases = sorted(x for x in ent.aliases if x != ent.name)
        q.speaker_role = (sp.role or ent.role) if sp.how.startswith("role") else (ent.role or sp.role)
    else:
        q.speaker = sp.name if sp.name and sp.name.lower() not in PRONOUNS else None
        q.speaker_kind = sp.kind if q.speaker else None
        q.speaker_role = sp.role
