"""What a quoted span looks like on the page: a full or partial quote, a title of a work,
a nickname, a scare quote. Pure functions of the text (and the quote's tokens)."""
from __future__ import annotations

import regex

from quotes.extract.attribution.candidates import quote_tokens
from quotes.extract.attribution.context import ArticleContext
from quotes.extract.cues import lemma_of
from quotes.extract.marks import close_end_of
from quotes.extract.syntax import SUBJ_DEPS
from quotes.extract.titles import LETTER_WORD, WORD, title_case
from quotes.lexicon.words import PERSON_PRONOUNS, SPEECH_LEMMAS, TITLE_OR_LABEL_WORDS, WEAK_LEMMAS
from quotes.model import Mark

# compiled once (a module-level regex.search compiles or looks up its pattern on every call)
_SENTENCE_END = regex.compile(r"[.!?]\W*$", regex.REVERSE)
_EXCLAMATION_END = regex.compile(r"[!?]\W*$", regex.REVERSE)
_CLAUSE_END = regex.compile(r"[.!?,]\s*$", regex.REVERSE)
_STOP_END = regex.compile(r"[.!?]$")
_NAME_WORD_END = regex.compile(r"\p{Lu}[\p{L}.]*[ \u00a0]$")  # "Marcia “Cia” Price": a name before ...
_NAME_WORD_START = regex.compile(r"[ \u00a0]\p{Lu}")  # ... and after the quote
_WORK_INTRO_END = regex.compile(r"(?:\b(?:on|to|in|at|from|of|for|with|during)|['’]s)[ \u00a0]*$", regex.I | regex.REVERSE)
SINGLE_MARKS = "‘’'‚‛"
_SPEECH_OR_NAMING = SPEECH_LEMMAS | WEAK_LEMMAS
_VERB_POS = ("VERB", "AUX")


def is_single_mark(text: str, m: Mark) -> bool:
    """Opened by a single quotation mark (‘…’, '…')."""
    return text[m.open_mark] in SINGLE_MARKS if 0 <= m.open_mark < len(text) else False


def quote_kind(text: str, m: Mark) -> str:
    """full: a sentence of speech; partial: a few quoted words inside the writer's sentence."""
    qt = text[m.start:m.end]
    first = next((c for c in qt if c.isalnum() or c == "["), "")
    prev = text[:m.open_mark].rstrip()[-1:] if m.open_mark > 0 else ""
    para_start = prev in ("", "\n") or text[text.rfind("\n", 0, m.open_mark) + 1:m.open_mark].strip() == ""
    if (first.isupper() or first.isdigit() or first == "[") and (para_start or prev in ":,.!?—–-"):
        return "full"
    if _SENTENCE_END.search(qt) and len(qt.split()) > 6 and first.isupper():
        return "full"
    return "partial"


def is_title_or_nickname(text: str, m: Mark, qtext: str) -> bool:
    """Titles of works and shows ('on CNN's “State of the Union”') and nicknames
    (Marcia "Cia" Price): never quotes, whatever cue is near."""
    words = WORD.findall(qtext)
    if not words:
        return True
    before = text[max(0, m.open_mark - 40):m.open_mark]
    after = text[(m.close_mark or m.end) + 1:(m.close_mark or m.end) + 30]
    bwords = LETTER_WORD.findall(before.lower())
    if bwords and (bwords[-1] in TITLE_OR_LABEL_WORDS or (len(bwords) > 1 and " ".join(bwords[-2:]) in (
            "known as", "referred to", "so called"))):
        return True
    if _NAME_WORD_END.search(before) and _NAME_WORD_START.match(after) \
            and len(words) <= 2:
        return True
    if title_case(words) and len(words) <= 6 and not _EXCLAMATION_END.search(qtext.strip()):
        # a capitalised name right after 'on', 'to', 'in', a possessive or a work noun
        if _WORK_INTRO_END.search(before):
            return True
    return False


def looks_unquoted(text: str, m: Mark, qtext: str, person_subject: bool = False) -> bool:
    """Scare quotes, titles of works and nicknames: short, unattributed, name-like."""
    if is_title_or_nickname(text, m, qtext):
        return True
    words = WORD.findall(qtext)
    titlecase = title_case(words)
    if titlecase and len(words) <= 8 and not _CLAUSE_END.search(qtext.strip()) or \
            titlecase and len(words) <= 5:
        return True
    if len(words) <= 3 and not _STOP_END.search(qtext.strip()) and not person_subject:
        return True
    return False


def person_subject(ctx: ArticleContext, m: Mark) -> bool:
    """The writer's sentence around the quote has a named or pronoun subject."""
    qtoks = quote_tokens(ctx, m)
    if not qtoks:
        return False
    for c in qtoks[0].sent.root.children:
        if c.dep_ in SUBJ_DEPS and not ctx.index.in_quote(ctx.index.pos(c)):
            return c.pos_ == "PROPN" or c.lower_ in PERSON_PRONOUNS
    return False


# the dependencies of a word that modifies the noun it stands before ("a “vivid” display",
# "the “whistleblower’s” identity", "the new “Arrangements” collection")
_PRENOMINAL_DEPS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})


def modifies_noun(ctx: ArticleContext, m: Mark) -> bool:
    """The quoted words stand inside a noun phrase of the writer's, before its noun: every
    word of the quote whose head lies outside it is a prenominal modifier of a word after the
    closing mark ("a “vivid” touch display"). Quoted speech ends where the writer's words take
    over ("called the plan “reckless and cruel”"), a term in use sits inside them."""
    close = close_end_of(m)
    heads = [t for t in quote_tokens(ctx, m)
             if t.is_alpha and not m.start <= ctx.index.pos(t.head) < m.end]
    return bool(heads) and all(t.dep_ in _PRENOMINAL_DEPS and ctx.index.pos(t.head) >= close for t in heads)


QUOTED_AGAIN_WORDS = 4  # a term: a few words (quotefilter.MENTION_LEN)


def quoted_again(ctx: ArticleContext, m: Mark) -> bool:
    """The same few words (at most QUOTED_AGAIN_WORDS, case and punctuation aside) stand in
    another pair of marks of the article: the writer using a term twice ("give “space” ...
    with “space” perhaps defined as"). Counted once per article."""
    if ctx.quoted_words is None:
        counts: dict = {}
        for other in ctx.index.marks:
            key = _term_key(ctx.text[other.start:other.end])
            if key:
                counts[key] = counts.get(key, 0) + 1
        ctx.quoted_words = counts
    key = _term_key(ctx.text[m.start:m.end])
    return bool(key) and ctx.quoted_words.get(key, 0) > 1


def _term_key(qtext: str) -> str:
    words = WORD.findall(qtext.lower())
    return " ".join(words) if 0 < len(words) <= QUOTED_AGAIN_WORDS else ""


NO_PATH = -1  # cue_hops when the quote hangs on no cue


def cue_hops(ctx: ArticleContext, m: Mark, cue_start: int | None) -> int:
    """How many dependency links lead up from the quote to its cue (NO_PATH when the cue is
    no ancestor of the quote, or there is none). Speech hangs on its verb at once ("said
    “…”": 1, "described it as “…”": 2); a term sits deep in the writer's own clauses under
    the sentence's speech verb ("reported that the index reached 408, earning a rating of
    “hazardous”": 5)."""
    cue = ctx.index.tok_at(cue_start) if cue_start is not None else None
    if cue is None:
        return NO_PATH
    best = NO_PATH
    for t in quote_tokens(ctx, m):
        if t.is_punct or m.start <= ctx.index.pos(t.head) < m.end:
            continue
        for depth, anc in enumerate(t.ancestors, 1):  # (spaCy makes a new Token each time: no `is`)
            if anc.doc is cue.doc and anc.i == cue.i:
                best = depth if best == NO_PATH else min(best, depth)
                break
    return best


# How the speaker attribution found stands to a short partial quote (issue 18, class 5).
SPEAKS, NESTED, ACTS, APART = "speaks", "nested", "acts", "apart"
_AGENT_DEPS = ("agent",)  # "was called “reckless” by the senator"


def speaker_link(ctx: ArticleContext, m: Mark, speaker_start: int | None, speaker_end: int | None) -> str:
    """Is the speaker found the one whose speech governs the quoted words? From the parse the
    rules already have:

    - SPEAKS: the speaker's mention is the subject (or the "by" agent) of a verb above the
      quote, and a speech or naming verb (`SPEECH_LEMMAS`, `WEAK_LEMMAS`) stands on the path
      from the quote up to it: "X called the plan “reckless”", "X said the deal was “a
      disaster”" (a partial quotation: his words). The subject's own verb counts unless the
      mention is its passive subject ("The party was accused of renaming its account
      “factcheckUK”": spoken of, not speaking);
    - NESTED: as SPEAKS, but a noun or a modifier clause (advcl, relcl, acl) of the writer's
      stands between the speech verb and the quote ("reported that the index reached 408,
      earning a rating of “hazardous”"; `_link_of`);
    - ACTS: the subject of a verb above the quote, but no speech or naming verb on the path:
      "Schiff lied about his contacts with the “whistleblower”", "ecobee redesigned its
      thermostat with a “vivid” display" (the writer's term in a sentence about him);
    - APART: the subject of no verb above the quote: the nearest name, or a speaker in another
      clause or sentence ("easing the “pain”, as one CEO told me");
    - "" when there is no speaker mention or no parse of the quote."""
    if speaker_start is None or speaker_end is None:
        return ""
    heads = [t for t in quote_tokens(ctx, m) if not t.is_punct and not m.start <= ctx.index.pos(t.head) < m.end]
    mention = [t for t in ctx.index.tokens_between(speaker_start, speaker_end) if not t.is_punct]
    if not heads or not mention:
        return ""
    spk = next((t for t in mention if not speaker_start <= ctx.index.pos(t.head) < speaker_end or t.head.i == t.i),
               mention[-1])
    verb = spk.head.head if spk.head.dep_ in _AGENT_DEPS else spk.head
    subject = spk.dep_ in SUBJ_DEPS or spk.dep_ == "pobj" and spk.head.dep_ in _AGENT_DEPS
    if not subject or verb.doc is not heads[0].doc:
        return APART
    # the passive subject of a speech verb is who is spoken of ("The party was accused of ..."),
    # except "was quoted as saying"
    passive = spk.dep_ == "nsubjpass" and lemma_of(verb) != "quote"
    for t in heads:
        path = []
        for anc in t.ancestors:
            if anc.i == verb.i:
                if not passive:
                    path.append(anc)
                return _link_of(t, path)
            path.append(anc)
    return APART


# links by which words hang in a modifier of the writer's, not in what is reported
_MODIFIER_CLAUSES = frozenset({"advcl", "relcl", "acl"})
_NOUN_POS = ("NOUN", "PROPN")


# a word after the object it describes ("called the plan “reckless”": the parser hangs the
# adjective on "plan"; it is the object's complement, what the verb says of it)
_COMPLEMENT_DEPS = frozenset({"amod", "appos", "npadvmod", "dep", "acomp", "oprd", "attr", "nmod", "compound"})


def _object_complement(word, noun) -> bool:
    return word.i > noun.i and word.dep_ in _COMPLEMENT_DEPS and noun.dep_ in ("dobj", "obj")


def _link_of(quoted, path: list) -> str:
    """SPEAKS, NESTED or ACTS for a quote head `quoted` under `path` (its ancestors up to the
    speaker's verb): the first speech or naming verb on the path decides, and a noun or a
    modifier clause between it and the words makes them the writer's own."""
    nested, below = False, quoted
    for a in path:
        nested = nested or below.dep_ in _MODIFIER_CLAUSES
        if a.pos_ in _VERB_POS and lemma_of(a) in _SPEECH_OR_NAMING:
            return NESTED if nested else SPEAKS
        nested = nested or a.pos_ in _NOUN_POS and not _object_complement(below, a)
        below = a
    return ACTS
