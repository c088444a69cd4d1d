"""The attribution rules, strongest first: each reads the article context and one mark
and returns an `Attribution`, or None to let the next rule try.

`RULES` is the order they are tried in (see docs/attribution.md for the catalogue).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from quotes.extract.attribution import confidence as C
from quotes.extract.attribution.candidates import outermost_cue, quote_tokens
from quotes.extract.attribution.context import ArticleContext, Attribution, Cue, MarkContext, Speaker
from quotes.extract.attribution.shape import is_title_or_nickname, looks_unquoted, person_subject
from quotes.extract.attribution.speakers import addressed, name_from_text, speaker_of
from quotes.extract.attribution.subjects import nearby_subject, previous_paragraph_colon, subject_of
from quotes.extract.cues import is_cue_token, lemma_of
from quotes.extract.entity_types import NOBODY_TYPES, entity_type
from quotes.extract.marks import close_end_of, only_space
from quotes.extract.syntax import SUBJ_DEPS, named_participle
from quotes.lexicon.words import (ASKING_LEMMAS, DOCUMENT_NOUNS, FUNCTION_WORDS, PERSON_PRONOUNS, POSSESSED_SPEECH_NOUNS,
                                  PRONOUNS, SPEECH_LEMMAS, SPEECH_NOUNS)
from quotes.model import Quote

_DASH_NAME = regex.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*(@?\p{Lu}[\p{L}.’'-]*(?:[ \u00a0]+\p{Lu}[\p{L}.’'-]*){0,4})")
_SIGNED_NAME = r"\p{Lu}[\p{L}.’'-]*(?:[ \u00a0]+\p{Lu}[\p{L}.’'-]*){0,3}"
# '- Carl Bialik:', '- Frank Newport and Jim Harter:' (two authors: the first one is credited)
_SIGNED_COLON = regex.compile(rf"\s[―—–-]{{1,2}}[ \t\u00a0]*({_SIGNED_NAME})(?:[ \u00a0]+(?:and|&)[ \u00a0]+{_SIGNED_NAME})?:$")
MAX_COLON_INTRO_WORDS = 8  # "Former secretary of state Hillary Rodham Clinton:"
MAX_SIGNATURE_LINE = 80  # a "- Sanders." line below the quote, not a subheading


def has_name(sp: Speaker) -> bool:
    """Whether writing `sp` stores a speaker (a pronoun or nothing is not one)."""
    return sp.entity is not None or bool(sp.name and sp.name.lower() not in PRONOUNS)


def token_cue(ctx: ArticleContext, tok) -> Cue:
    pos = ctx.index.pos(tok)
    return Cue(tok.lower_, pos, pos + len(tok.text))


def _named(ctx: ArticleContext, mention: str, start: int, cue_pos: int, method: str) -> Attribution | None:
    """An attribution from a name read off the text, its cue one character at `cue_pos`."""
    found = name_from_text(ctx, mention, start)
    if found is None:
        return None
    ent, mention = found
    conf = {"colon": C.COLON, "email_header": C.EMAIL_HEADER}.get(method, C.DASH)
    return Attribution(method, conf, named=ent, mention=(mention, start),
                       cue=Cue(ctx.text[cue_pos], cue_pos, cue_pos + 1))


# --- 1. a headline or summary signed before a colon ------------------------------------------

def signed_colon(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """'Polls did predict it - Carl Bialik: “...”': a stronger sign than any speech verb in
    the headline."""
    b0, b1 = mc.before
    before = ctx.text[b0:b1].rstrip()
    sm = _SIGNED_COLON.search(before)
    if not sm or mc.single or sm.group(1).split()[0].lower() in FUNCTION_WORDS:
        return None
    found = _named(ctx, sm.group(1), b0 + sm.start(1), b0 + len(before) - 1, "colon")
    if found is not None:
        found.cue_score = C.CUE_SCORE_SIGNED_COLON
    return found


# --- 2. a speech verb (or "according to", or "X's statement") --------------------------------

@dataclass
class CueChoice:
    score: float
    cue: object  # the token
    rule: str | None  # how its subject was found (subject_of / nearby_subject)
    kind: str  # "verb" or "according"
    speaker: Speaker


def _choose_cue(ctx: ArticleContext, mc: MarkContext) -> CueChoice | None:
    """The strongest cue whose subject names somebody or describes an unnamed person; else
    the strongest with a subject."""
    ix = ctx.index
    b0, b1 = mc.before
    first = None
    for c in mc.candidates:
        if first is not None and c.score < first.score - C.GIVE_UP_BELOW_FIRST:
            break
        t = outermost_cue(ctx, c.token) if c.kind == "verb" else c.token
        found = subject_of(t)
        rule = found.rule if found else None
        if rule == "participle" and named_participle(t) is not None and not b0 <= ix.pos(t) < b1 \
                or rule == "object_control" and c.score < 1.0:
            continue  # 'Republicans saying “...”' introduces its own quote, not an earlier one
        if (found is None or ix.in_quote(ix.pos(found.token))) and c.score >= C.CUE_NEARBY_FALLBACK \
                and c.kind == "verb":
            found = nearby_subject(ctx, t, mc.before, mc.after)
            rule = found.rule if found else None
        if found is None or ix.in_quote(ix.pos(found.token)):
            continue
        choice = CueChoice(c.score, t, rule, c.kind, speaker_of(ctx, found.token))
        choice = _shown_speaker(ctx, mc, choice) or choice
        if first is None:
            first = choice
        if choice.speaker.name or choice.speaker.how == "role_unresolved":
            return choice  # 'One operative ... tried to downplay Ryan's comments, saying they were
            # “…”': an unnamed person speaks, not the owner of a weaker cue's words
    return first


def _shown_speaker(ctx: ArticleContext, mc: MarkContext, choice: CueChoice) -> CueChoice | None:
    """'The spot concludes with footage of Trump saying during the debate, “…”': a document
    whose cue governs the quote shows someone saying it; the person the participle names
    (`named_participle`) between the cue and the quote speaks, not the document's issuer."""
    sp = choice.speaker
    if not (sp.how == "document" or sp.tokens and sp.tokens[-1].lower_ in DOCUMENT_NOUNS):
        return None
    ix = ctx.index
    lo, hi = ix.pos(choice.cue), mc.mark.open_mark
    for c in mc.candidates:
        t = c.token
        named = named_participle(t) if c.kind == "verb" and t.doc is choice.cue.doc else None
        if named is not None and lo < ix.pos(t) < hi and not ix.in_quote(ix.pos(named)):
            found = speaker_of(ctx, named)
            if found.name:
                return CueChoice(c.score, t, "participle", c.kind, found)
    return None


def speech_verb(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """'Austin said', 'said Kirby', 'according to X', 'Trump's claim that': the cue's subject."""
    choice = _choose_cue(ctx, mc)
    if choice is None:
        return None
    t, sp = choice.cue, choice.speaker
    if choice.kind == "according":
        pos = ctx.index.pos(t)
        cue = Cue("according to", pos, pos + len("according to"))
    else:
        cue = token_cue(ctx, t)
    m, text = mc.mark, ctx.text
    reject = is_title_or_nickname(text, m, mc.quote_text) or (
        choice.score < 1.0 and looks_unquoted(text, m, mc.quote_text, person_subject(ctx, m)))
    return Attribution(f"{choice.rule}:{sp.how}" if choice.rule else sp.how,
                       C.speech_verb_confidence(choice.score, sp.how, has_name(sp)),
                       speaker=sp, cue=cue, cue_score=choice.score, rule_reject=reject)


# --- 3. a colon without a verb: 'Trump: “...”' -------------------------------------------------

def colon_introduction(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    b0, b1 = mc.before
    before = ctx.text[b0:b1].rstrip()
    if not before.endswith(":"):
        return None
    toks = [t for t in ctx.index.tokens_between(b0, b1) if not t.is_punct]
    if len(toks) > MAX_COLON_INTRO_WORDS:
        return _colon_clause(ctx, mc, toks, b0 + len(before) - 1)
    if not toks:
        return None
    head = toks[-1]
    # "Sanders delivered a snappy retort:", "From Bush's Facebook post:": the subject
    # of the clause, or the owner of the words, not the last noun
    subj = [t for t in toks if t.dep_ in SUBJ_DEPS and t.pos_ in ("PROPN", "PRON")]
    owner = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    head = subj[0] if subj else owner[0] if owner and head.pos_ == "NOUN" else head
    sp = speaker_of(ctx, head)
    if not sp.name:
        return None
    return Attribution("colon", C.COLON, speaker=sp, cue=Cue(":", b0 + len(before) - 1, b0 + len(before)))


def _colon_clause(ctx: ArticleContext, mc: MarkContext, toks: list, colon: int) -> Attribution | None:
    """A longer clause before the colon: 'Senate Majority Leader Mitch McConnell, R-Ky.,
    delivered a blunt message to Trump: “...”', 'the Illinois Board of Elections was
    conclusive in its findings:'. The parse often makes the quote the sentence's root and the
    writer's clause hang on it: the subject of the writer's clause (climbing from the last
    word before the colon to the highest verb outside the quote), when it is typed a person,
    an organisation or a group of people (entity_types)."""
    ix = ctx.index
    top = toks[-1]
    while top.head.i != top.i and top.head in toks:
        top = top.head
    subj = [c for c in top.children if c.dep_ in SUBJ_DEPS and c in toks]
    if top.pos_ not in ("VERB", "AUX") or not subj or ix.in_quote(ix.pos(subj[0])):
        return None
    sp = speaker_of(ctx, subj[0])
    mtoks = sp.tokens or [subj[0]]
    kind, _ = entity_type(mtoks, sp.how, sp.kind, sp.entity, ctx.text, ix.pos(mtoks[0]))
    if not has_name(sp) or kind not in ("person", "organisation", "group"):
        return None  # a noun phrase naming nobody: 'Signs of momentum shifts were there:'
    return Attribution("colon", C.COLON, speaker=sp, cue=Cue(":", colon, colon + 1))


# --- 4. “A,” he said. “B.”: B has A's speaker ------------------------------------------------

def attributed(q: Quote) -> bool:
    """The quote has a speaker, or a mention naming nobody ('said one GOP leader'): the
    next part of the same quotation has the same one."""
    return bool(q.speaker or q.speaker_mention)


def split_quote(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    ix, m, prev = ctx.index, mc.mark, mc.previous
    if prev and attributed(prev[-1]) and ix.para_index(max(prev[-1].start, prev[-1].end - 1)) == ix.para_index(m.open_mark) \
            and only_space(ctx.text, mc.before[0], m.open_mark) \
            and not looks_unquoted(ctx.text, m, mc.quote_text, True):
        return Attribution("split_quote", C.SPLIT_QUOTE, copied_from=prev[-1])
    return None


# --- 5. the sentence just before, same paragraph: '..., Schiff said. "The other..."' ---------

def previous_sentence(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    ix, m = ctx.index, mc.mark
    b0 = mc.before[0]
    ps, _ = ix.para_bounds(m.open_mark)
    if not (b0 > ps and only_space(ctx.text, b0, m.open_mark)):
        return None
    prev_toks = [t for t in ix.tokens_between(ps, b0) if not ix.in_quote(ix.pos(t))]
    if not prev_toks:
        return None
    sent = prev_toks[-1].sent
    cues = [t for t in sent if not ix.in_quote(ix.pos(t)) and is_cue_token(t)]
    found = subject_of(cues[-1]) if cues else None
    subj = found.token if found else next((c for c in sent.root.children if c.dep_ in SUBJ_DEPS), None)
    if subj is None or ix.in_quote(ix.pos(subj)):
        return None
    sp = speaker_of(ctx, subj)
    if not (sp.name and (cues or sp.kind == "person")):
        return None
    return Attribution(f"previous_sentence:{sp.how}", C.PREVIOUS_SENTENCE_CUE if cues else C.PREVIOUS_SENTENCE_SUBJECT,
                       speaker=sp, cue=token_cue(ctx, cues[-1]) if cues else None)


# --- 6. the previous paragraph ends with a colon: "Caddell continued:" ------------------------

def colon_paragraph(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    ix = ctx.index
    cp = previous_paragraph_colon(ctx, mc.mark)
    if cp is None:
        return None
    ptoks = [t for t in ix.tokens_between(*cp) if not ix.in_quote(ix.pos(t))]
    cues = [t for t in ptoks if is_cue_token(t)]
    found = subject_of(cues[-1]) if cues else None
    if found is None and cues:
        found = nearby_subject(ctx, cues[-1], cp, cp)
    subj = found.token if found else None
    if subj is None and ptoks:
        roots = [t for t in ptoks if t.dep_ in SUBJ_DEPS]
        subj = roots[-1] if roots else None
    if subj is None:
        return None
    sp = speaker_of(ctx, subj)
    if not sp.name:
        return None
    cue = token_cue(ctx, cues[-1]) if cues else Cue(":", cp[1] - 1, cp[1])
    return Attribution(f"colon_paragraph:{sp.how}", C.COLON_PARAGRAPH, speaker=sp, cue=cue)


# --- 6b. an email's header above it: "From: Jane Park / To: Tom Bell / Subject: …" ----------

_HEADER_KEY = r"[ \t\u00a0]*(?i:{})[ \t\u00a0]*:"  # a header line's key and its colon
_HEADER_LINE = regex.compile(_HEADER_KEY.format("from|to|cc|bcc|sent|date|subject") + r"[^\n]*")
_FROM_LINE = regex.compile(_HEADER_KEY.format("from") + rf"[ \t\u00a0]*({_SIGNED_NAME})")
MAX_HEADER_LINES = 6  # From, To, Cc, Bcc, Sent/Date, Subject
_BLANKS = regex.compile(r"\s*")


def email_header(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """'From: Jane Park' / 'To: Tom Bell' / 'Subject: budget' lines just above a paragraph that
    opens with the quote: the email's words are its sender's, never its recipient's (the
    nearest name, which salience would guess). Only header lines may stand between."""
    ix, text = ctx.index, ctx.text
    if mc.single:
        return None
    k = ix.para_index(mc.mark.open_mark)
    # (read from the paragraph's start, not sliced up to the mark: in an article on one line
    # that slice is the whole text before each of its marks)
    if _BLANKS.match(text, ix.para_starts[k]).end() != mc.mark.open_mark:
        return None
    seen = 0
    for j in range(k - 1, -1, -1):
        s, e = ix.para_starts[j], ix.para_starts[j + 1] - 1
        line = text[s:e]
        if not line.strip():
            continue
        seen += 1
        fm = _FROM_LINE.match(line)
        if fm:
            return _named(ctx, fm.group(1), s + fm.start(1), s + line.index(":"), "email_header")
        if seen >= MAX_HEADER_LINES or not _HEADER_LINE.fullmatch(line):
            return None
    return None


# --- 7. a dash after the quote: “...” — Veronica Cruz (or a "- Sanders." line below) ---------

def _dash_signature(ctx: ArticleContext, s: int, e: int, short: bool = False) -> Attribution | None:
    """'― Veronica Cruz' at text[s:e] names the speaker; `short`: the whole line must be
    the signature ("- Sanders.", "-President Obama, tweeting after the speech.")."""
    text = ctx.text
    dm = _DASH_NAME.match(text[s:e])
    if not dm or short and (e - s > MAX_SIGNATURE_LINE or dm.group(1).split()[0].lower() in FUNCTION_WORDS
                            or not regex.match(r"[ \t\u00a0]*(?:[.,;]|$)", text[s + dm.end():e])):
        return None  # "– Ready to quiz Trump –." is a subheading
    dpos = s + dm.group(0).index(next(c for c in dm.group(0) if c in "―—–-"))
    return _named(ctx, dm.group(1), s + dm.start(1), dpos, "dash")


def dash_signature(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    if mc.single:
        return None
    ix, text = ctx.index, ctx.text
    a0, a1 = mc.after
    pe = ix.para_bounds(a0)[1] if a1 > a0 else a0
    found = _dash_signature(ctx, a0, pe)
    if found is None and not text[close_end_of(mc.mark):pe].strip():
        nxt = regex.compile(r"\s*").match(text, pe).end()
        if nxt < len(text):
            found = _dash_signature(ctx, nxt, ix.para_bounds(nxt)[1], short=True)
    return found


# --- 7b. the next sentence names whose words they were: "“…” That was the verdict of X" ------

def owner_after(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """'“This is a disaster.” That was the verdict of Ann Lee', '… Those were the words of X',
    '… The warning came from X', '… That is how Ann Lee describes it', '… With those words, Ann
    Lee ended …': the sentence right after a finished quote points back at it (it opens with a
    demonstrative, or a definite speech noun is its subject) and names the speech noun's owner
    after "of" or "from", or, opening with a demonstrative, the subject of its speech verb or
    of the clause its "with those words" belongs to. A quote that is a paragraph of its own
    looks into the next paragraph (`pipeline` parses it when it opens so). Not the previous
    speaker's continuation."""
    ix, text, m = ctx.index, ctx.text, mc.mark
    end = close_end_of(m)
    if mc.single or not regex.search(r"[.?!…]\W*$", mc.quote_text):
        return None
    toks = _next_sentence_tokens(ctx, m.open_mark, end)
    if not toks:
        return None
    sent = [t for t in toks if t.sent == toks[0].sent]
    back = sent[0].lower_ in _POINTING_BACK or sent[0].lower_ in ("with", "in") and len(sent) > 1 \
        and sent[1].lower_ in _POINTING_BACK
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lower_ not in _OWNED_SPEECH and noun.lower_ not in SPEECH_LEMMAS:
            continue
        if not (back or noun.dep_ in SUBJ_DEPS and any(c.dep_ == "det" and c.lower_ in _POINTING_BACK | {"the"}
                                                        for c in noun.children)):
            continue
        heads = [noun, noun.head] if noun.dep_ in SUBJ_DEPS else [noun]
        owners = [o for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                  for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        owners += [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        if owners:
            sp = speaker_of(ctx, owners[0])
            if sp.name:
                return Attribution(f"owner_after:{sp.how}", C.OWNER_AFTER, speaker=sp)
    subj = _pointing_back_subject(sent) if back else None
    if subj is not None:
        sp = speaker_of(ctx, subj)
        if sp.name and sp.kind == "person":
            return Attribution(f"owner_after:{sp.how}", C.OWNER_AFTER, speaker=sp)
    return None


def _next_sentence_tokens(ctx: ArticleContext, open_mark: int, end: int) -> list:
    """The tokens outside quotes from the quote's close to its paragraph's end, when the
    sentence after the quote starts right there; for a quote that is its paragraph, those of
    the next paragraph (when parsed)."""
    ix, text = ctx.index, ctx.text
    ps, pe = ix.para_bounds(open_mark)
    toks = [t for t in ix.tokens_between(end, pe) if not ix.in_quote(ix.pos(t))]
    if toks:
        return toks if not text[end:ix.pos(toks[0])].strip() else []
    if text[ps:open_mark].strip() or text[end:pe].strip() or pe >= len(text):
        return []
    nxt = _BLANKS.match(text, pe).end()
    if nxt >= len(text) or ix.in_quote(nxt):
        return []
    return [t for t in ix.tokens_between(nxt, ix.para_bounds(nxt)[1]) if not ix.in_quote(ix.pos(t))]


def _pointing_back_subject(sent):
    """In a sentence that opens by pointing back at the quote, the name that speaks: the
    subject of a speech verb ("That is how Ann Lee describes it", "So says Tom Bell"), or
    of the clause a "with those words" opener modifies ("With those words, Ann Lee ended")."""
    for t in sent:
        if t.dep_ not in SUBJ_DEPS or t.pos_ != "PROPN":
            continue
        v = t.head
        # the speech verb says the quote: the sentence's own verb ("So says X") or one that
        # "how"/"what" introduces ("That is how X describes it"), not one of another event
        # the demonstrative leads to ("This comes as China has denounced a ruling")
        if is_cue_token(v) and (v.dep_ == "ROOT" or any(c.lower_ in ("how", "what") for c in v.children)) \
                or sent[0].lower_ in ("with", "in") and sent[0].head.i == v.i:
            return t
    return None


_POINTING_BACK = frozenset("that this those these such so".split())
_OWNED_SPEECH = POSSESSED_SPEECH_NOUNS | SPEECH_NOUNS


# --- 8-10. nothing explicit: continuation, the writer's sentence, salience -------------------

def _paras_between_empty(ctx: ArticleContext, lp: int, mp: int) -> bool:
    if mp - lp < 1 or mp - lp > 3:
        return False
    ix, text = ctx.index, ctx.text
    for k in range(lp + 1, mp):
        s = ix.para_starts[k]
        e = ix.para_starts[k + 1] if k + 1 < len(ix.para_starts) else len(text)
        if text[s:e].strip():
            return False
    return True


def continuation(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """The same paragraph as the last quote (split by its attribution), or a paragraph
    reopening the last speaker's quote."""
    if not mc.previous:
        return None
    ix, m = ctx.index, mc.mark
    ps, _ = ix.para_bounds(m.open_mark)
    last = mc.previous[-1]
    lp = ix.para_index(max(last.start, last.end - 1))
    mp = ix.para_index(m.open_mark)
    starts_para = only_space(ctx.text, ps, m.open_mark)
    same_para = lp == mp
    if same_para and attributed(last):
        return Attribution("split_quote", C.SPLIT_QUOTE, copied_from=last)
    if not (same_para or (starts_para and _paras_between_empty(ctx, lp, mp))) or not last.speaker:
        return None
    answer = None if same_para else answer_to_question(ctx, last)
    if answer is not None:
        return Attribution(f"continuation:{answer.how}", C.CONTINUATION, speaker=answer)
    return Attribution("continuation", C.CONTINUATION, copied_from=last)


def answer_to_question(ctx: ArticleContext, last: Quote) -> Speaker | None:
    """'“Are you going to run again?” Tapper asked him.' + a paragraph '“I haven't decided
    yet.”': the words after a question are the answer of the one asked (the object of the
    asking verb: a name, or a him/her who is not the asker), not more words of the asker."""
    if last.cue_start is None or not last.text.rstrip(" ”\"’'").endswith("?"):
        return None
    cue = ctx.index.tok_at(last.cue_start)
    if cue is None or lemma_of(cue) not in ASKING_LEMMAS:
        return None
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "obj", "dative")), None)
    if obj is None or ctx.index.in_quote(ctx.index.pos(obj)):
        return None
    if obj.pos_ == "PROPN":
        found = speaker_of(ctx, obj)
        return found if found.name and found.name != last.speaker and found.kind == "person" else None
    if obj.lower_ not in PERSON_PRONOUNS:
        return None
    asker = ctx.registry.lookup(last.speaker)
    ent = ctx.registry.salient_person(ctx.index.pos(obj), gender=PERSON_PRONOUNS[obj.lower_],
                                      exclude={id(asker)} if asker is not None else None)
    return None if ent is None else Speaker(ent, ent.name, ent.kind, ent.role, [obj], "pronoun")


def sentence_subject(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """The subject of the writer's sentence around a partial quote, or of the writer's
    words just before the quote ("Trump also embraced ... -- “I think”")."""
    ix = ctx.index
    qtoks = quote_tokens(ctx, mc.mark)
    roots = [qtoks[0].sent.root] if qtoks else []
    btoks = [t for t in ix.tokens_between(*mc.before) if not t.is_punct and not t.is_space]
    if btoks:
        roots.append(btoks[-1].sent.root)
    for root in roots:
        if ix.in_quote(ix.pos(root)):
            continue
        subj = [c for c in root.children if c.dep_ in SUBJ_DEPS]
        if subj and not ix.in_quote(ix.pos(subj[0])):
            sp = speaker_of(ctx, subj[0])
            if sp.name and _names_nobody(ctx, sp, subj[0]) and not _holds(ix, subj[0], mc.mark.open_mark):
                # "Tom Bell was blunt about the offer. The deal is “an insult …”": a noun
                # phrase that names no speaker; the person the sentence before is about
                sp = _person_subject_before(ctx, root, _FIRST_PERSON.search(mc.quote_text) is not None) or sp
            if sp.name:
                return Attribution(f"sentence_subject:{sp.how}", C.SENTENCE_SUBJECT, speaker=sp)
    return None


_FIRST_PERSON = regex.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|me|my|mine|we|us|our|ours)\b", regex.I)


def _holds(ix, tok, p: int) -> bool:
    """The phrase of `tok` covers offset `p` ("The “sex tape” reference was ...": the quote
    is a word the phrase mentions, not words someone said)."""
    return ix.pos(tok.left_edge) <= p < ix.pos(tok.right_edge) + len(tok.right_edge.text)


def _names_nobody(ctx: ArticleContext, sp: Speaker, tok) -> bool:
    """A subject typed a description or no speaker at all ("the deal", "the new rules")."""
    mtoks = sp.tokens or [tok]
    kind, _ = entity_type(mtoks, sp.how, sp.kind, sp.entity, ctx.text, ctx.index.pos(mtoks[0]))
    return kind in NOBODY_TYPES


def _person_subject_before(ctx: ArticleContext, root, first_person: bool) -> Speaker | None:
    """The subject of the sentence before `root`'s, in the same paragraph, when it names a
    person (a name or a pronoun resolved to one) who speaks there (the subject of a speech
    verb: "Tom Bell denounced the offer.") or whom the quote's first person can be ("Ann
    Reyes has run the shelter for a decade. The need is “the worst I have seen.”")."""
    ix = ctx.index
    sent = root.sent
    if sent.start == 0 or ix.para_index(ix.pos(sent[0])) != ix.para_index(ix.pos(root.doc[sent.start - 1])):
        return None
    prev = root.doc[sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ in SUBJ_DEPS and not ix.in_quote(ix.pos(c))), None)
    if subj is None or not (subj.pos_ == "PROPN" or subj.lower_ in PERSON_PRONOUNS):
        return None
    if not (first_person or is_cue_token(prev.root)):
        return None
    sp = speaker_of(ctx, subj)
    return sp if sp.entity is not None and sp.entity.kind == "person" else None


SALIENCE_WINDOW = 1500  # characters back in which the person talked about is looked for


def salience_guess(ctx: ArticleContext, mc: MarkContext) -> Attribution | None:
    """Last resort: the person the article was just talking about (a guess, low confidence)."""
    ent = ctx.registry.salient_person(mc.mark.open_mark, window=SALIENCE_WINDOW)
    if ent is None or addressed(ctx, ent, mc.mark.open_mark):
        return None  # (nor the one the quote speaks to: "“Mr. Bell, you promised us ...”")
    return Attribution("salience_guess", C.SALIENCE_GUESS,
                       speaker=Speaker(ent, ent.name, ent.kind, ent.role, [], "salience_guess"))


# The order rules are tried in: explicit evidence first, guesses last.
RULES = (signed_colon, speech_verb, colon_introduction, split_quote, previous_sentence, colon_paragraph,
         email_header, dash_signature, owner_after, continuation, sentence_subject, salience_guess)
# Rules tried only once every explicit one failed: a mark they attribute that looks like a
# scare quote, a title or a nickname is flagged for the quote filter (Attribution.rule_reject).
WITHOUT_EXPLICIT_EVIDENCE = (continuation, sentence_subject, salience_guess)
