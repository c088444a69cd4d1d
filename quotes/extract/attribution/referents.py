"""Who stands behind a description that names nobody: a document's issuer, an institution
the article named in full before.

Why: "The statement noted ...", "the article read", "According to a complaint filed by the
SEC", "The commission says ..." were stored with the noun phrase itself as the speaker
("The statement", "The commission"), or with no speaker. The issue's conduit class wants the
issuer: the words of a statement are whoever issued it ("the Security Council issued a
statement"), a definite "the commission" is the Commission on Presidential Debates the
article named before. These functions read the parse and the text only; the speaker a token
names is resolved by the caller's `resolve` (speakers.speaker_of), so this module knows
nothing of the rules.
"""
from __future__ import annotations

import functools

import regex

from quotes.extract.cues import lemma_of
from quotes.extract.syntax import SUBJ_DEPS
from quotes.lexicon.names import is_honorific
from quotes.lexicon.words import (ADDRESS_OPENERS, ANAPHORIC_ORG_HEADS, CALENDAR, DEFINITE_DETERMINERS, DOCUMENT_KINDS,
                                  DOCUMENT_NOUNS, FUNCTION_WORDS, ISSUED_KINDS, ISSUING_VERBS, NAME_LINK_WORDS,
                                  ORG_HEADS, OWNER_PREPOSITIONS, ROLE_NOUNS, SECOND_PERSON, SELF_DOCUMENTING,
                                  YEAR_NOUNS)

# How far back a definite "the statement" may find the statement it repeats (characters).
ANTECEDENT_WINDOW = 3000
# connecting words inside an institution's name: "Commission on Presidential Debates"
_LINK = "(?:" + "|".join(NAME_LINK_WORDS) + ")"
_CAP = r"\p{Lu}[\p{L}.’'-]*"


def is_definite(tok) -> bool:
    """'the statement', 'this report': a determiner that points back, no owner of its own."""
    # (a lower-case "first" the tagger calls a proper noun is no owner: "the first lady")
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in tok.children) and not any(
        c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and c.text[:1].isupper() for c in tok.children)


def owner_token(tok):
    """The name that issued a document noun inside its own phrase: "Clinton's statement",
    "a Times article", "a complaint filed by the SEC", "a report by the GAO", "a letter from
    the Legion"; else the subject of the verb it is the object of ("the Security Council
    issued a statement"). A token, or None."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN":
            return c
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS]
    preps += [a for c in tok.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
    for prep in preps:
        for o in prep.children:
            if o.dep_ == "pobj" and o.pos_ == "PROPN":
                return o
    verb = tok.head if tok.dep_ in ("dobj", "obj") else None
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head  # "the US military said in a statement"
    if verb is not None and verb.pos_ == "VERB":
        subj = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
        if subj and is_named(subj[0]):
            return subj[0]
    return None


def is_named(tok) -> bool:
    """A name, or a noun a name qualifies: "Clinton", "the US military", "the Israeli army"."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and any(
        c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" and c.text[:1].isupper() for c in tok.children)


def document_mentions(ctx) -> dict[str, list]:
    """Every parsed document noun outside quotes, by its lower-cased word: [(offset, token)],
    in text order. Read once per article (the parse does not change in a trial)."""
    if ctx.document_mentions is None:
        found: dict[str, list] = {}
        for p, t in ctx.index.toks:
            # a capitalised "Website" is a headline's title case, where every word is a "name"
            if t.pos_ == "NOUN" and t.text.islower() and t.lower_ in DOCUMENT_NOUNS and not ctx.index.in_quote(p):
                found.setdefault(t.lower_, []).append((p, t))
        ctx.document_mentions = found
    return ctx.document_mentions


def antecedent_owner(ctx, tok, p: int):
    """'The statement noted ...': the owner of the latest earlier mention of the same
    document noun that names one ("the Security Council issued a statement"), or None."""
    if tok.lower_ not in DOCUMENT_NOUNS or not is_definite(tok):
        return None
    for q, t in reversed(document_mentions(ctx).get(tok.lower_, [])):
        if q >= p:
            continue
        if p - q > ANTECEDENT_WINDOW:
            break
        owner = owner_token(t)
        if owner is not None and not ctx.index.in_quote(ctx.index.pos(owner)):
            return owner
    return None


# noun -> its kind, read off DOCUMENT_KINDS once (the first kind listed wins, were a noun in two):
# `issuing_event_before` asks it of every noun in its window
_KIND_OF = {noun: kind for kind, nouns in reversed(DOCUMENT_KINDS.items()) for noun in nouns}


def document_kind(noun: str) -> str | None:
    """'clip' -> 'media', 'memoir' -> 'writing' (lexicon DOCUMENT_KINDS), None for a document
    noun of no kind ("speech", "transcript")."""
    return _KIND_OF.get(noun)


def issuing_event_before(ctx, tok, p: int):
    """'The ruling said ...' after 'The appeals court ruled that ...', 'the book' after 'Mariano
    wrote a memoir', 'the clip' after 'a web video by the RNC', 'the filing' after 'Acme sued the
    city': a definite document noun points back to the latest document of its kind
    (`DOCUMENT_KINDS`) the article brought in before, outside quotes and within
    ANTECEDENT_WINDOW: a verb that issues that kind (`ISSUED_KINDS`; its object a document noun
    or a clause, or none) or a document noun of the kind whose issuer its own phrase names
    (`owner_token`). The token that names the issuer (the verb's subject, or the agent of a
    passive "written by"), or None: also when the latest such document names nobody ("a video
    was posted online"). Reads the parsed paragraphs only."""
    kind = document_kind(tok.lower_)
    if kind is None or not is_definite(tok):
        return None
    ix = ctx.index
    sent_start = ix.pos(tok.sent[0])
    for t in reversed(ix.tokens_between(max(0, p - ANTECEDENT_WINDOW), sent_start)):
        if ix.in_quote(ix.pos(t)):
            continue
        if t.pos_ == "VERB" and kind in ISSUED_KINDS.get(lemma_of(t), ()):
            objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
            if objects and not (objects[0].lower_ in DOCUMENT_NOUNS or lemma_of(t) in SELF_DOCUMENTING):
                continue  # "Trump wrote the check", "ran the company"
            issuer = _verb_issuer(t)
            return None if issuer is None or ix.in_quote(ix.pos(issuer)) else issuer
        # (a capitalised "Website" is a headline's title case, as in `document_mentions`)
        if t.pos_ == "NOUN" and t.text.islower() and document_kind(t.lower_) == kind and t.i != tok.i:
            owner = owner_token(t)
            if owner is not None and owner.head.i == t.head.i and lemma_of(t.head) not in ISSUED_KINDS \
                    and t.head.lower_ not in ISSUING_VERBS:
                owner = None  # "China has denounced a court ruling": the subject of another verb
            if owner is not None:
                return None if ix.in_quote(ix.pos(owner)) else owner
            if not is_definite(t):
                return None  # "A video was posted online": a document by nobody named
            # (a definite one with no owner, "The ad also mentions", repeats an earlier one)
    return None


def _verb_issuer(verb):
    """The subject of an active issuing verb (of the verb it completes: "decided to write a
    memoir"), the agent of a passive one ("a memoir written by Mariano"), or None."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return None


def institution_named_before(ctx, tok, p: int) -> tuple[str, int] | None:
    """'the commission' -> ('Commission on Presidential Debates', offset): the latest
    capitalised name of two or more words before `p`, outside quotes, whose words hold the
    head noun capitalised; else, for 'the production company', one that holds a noun
    modifier of the description ("Dick Clark Productions"). None when the article names
    no such institution."""
    if tok.lower_ not in ANAPHORIC_ORG_HEADS or not is_definite(tok):
        return None
    words = [tok.lower_] + [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")
                            and c.pos_ == "NOUN" and c.text.islower()]
    for word in words:
        before = [r for r in _institution_runs(ctx, word) if r[1] < p]
        if before:
            return before[-1]
    return None


def _institution_runs(ctx, word: str) -> list[tuple[str, int]]:
    """[(name, offset)] of the capitalised names of two or more words outside quotes that
    hold `word` capitalised (or its plural: "Productions"), once per article and word."""
    runs = ctx.institution_runs.get(word)
    if runs is None:
        head = regex.escape(word.capitalize()) + "s?"
        # (bounded repeats: unbounded ones read a long capitalised run to its end from every
        # word of it, quadratic; no institution's name has 8 capitalised words before its head)
        pattern = regex.compile(rf"(?:{_CAP}[ \u00a0]+(?:{_LINK}[ \u00a0]+){{0,3}}){{0,8}}{head}\b"
                                rf"(?:[ \u00a0]+{_LINK}(?:[ \u00a0]+{_LINK}){{0,3}}(?:[ \u00a0]+{_CAP}){{1,8}}){{0,3}}")
        runs = []
        for m in pattern.finditer(ctx.text):
            words = m.group(0).split()
            while words and words[0] in ("The", "the"):
                words.pop(0)
            if len(words) >= 2 and not ctx.index.in_quote(m.start()):
                runs.append((" ".join(words).rstrip(".’'"), m.start()))
        ctx.institution_runs[word] = runs
    return runs


@functools.cache
def _issuer_pattern(noun: str):
    """'Big Machine Records issued a statement', 'the US military said in a statement',
    'the Pentagon has released a new report': a capitalised name (and an organisation head
    noun after it: "US military") that issued, or spoke in, a `noun`."""
    heads = "|".join(sorted(ORG_HEADS, key=len, reverse=True))
    verbs = "|".join(sorted(ISSUING_VERBS, key=len, reverse=True))
    # (bounded repeats, as in ``_institution_runs``: with the noun after a long capitalised run
    # the pattern is tried from each word of the run, and unbounded ones read it to its end)
    name = rf"{_CAP}(?:[ \u00a0]+(?:{_LINK}[ \u00a0]+){{0,3}}{_CAP}){{0,8}}(?:[ \u00a0]+(?:{heads}))?"
    return regex.compile(rf"(?<![\p{{L}}’'-])({name})[ \u00a0]+(?:(?:has|have|had|also|then|later)[ \u00a0]+)*"
                         rf"(?:{verbs})[ \u00a0]+(?:in[ \u00a0]+)?(?:a|an|its|their|his|her)[ \u00a0]+"
                         rf"(?:[\p{{Ll}}-]+[ \u00a0]+){{0,2}}{regex.escape(noun)}\b")


def issuer_named_before(ctx, tok, p: int) -> tuple[str, int] | None:
    """'“…,” the statement said' after 'the US military said in a statement', read off the
    text: the paragraph that says who issued the statement is often not parsed (it holds no
    quote), so `antecedent_owner` cannot see it. (name, offset) of the latest such issuer
    within ANTECEDENT_WINDOW before `p`, outside quotes, or None."""
    if tok.lower_ not in DOCUMENT_NOUNS or not is_definite(tok):
        return None
    lo = max(0, p - ANTECEDENT_WINDOW)
    found = None
    for m in _issuer_pattern(tok.lower_).finditer(ctx.text, lo, p):
        words = [(w.group(), m.start(1) + w.start()) for w in regex.finditer(r"\S+", m.group(1))]
        words = words[_name_start([w for w, _ in words]):]
        if words and words[0][0].lower() not in DEFINITE_DETERMINERS and not ctx.index.in_quote(m.start(1)):
            found = (" ".join(w for w, _ in words), words[0][1])
    return found


def _name_start(words: list[str]) -> int:
    """Where the issuer's name begins in the capitalised run before the issuing verb: after
    the words that open the sentence when no comma follows them ("On Monday Apple",
    "Meanwhile Boeing", "Earlier Tuesday the White House"): a capitalised function word (not
    an acronym: "ON Semiconductor"), a day or month after another word of the run, a "the"
    that no link word of a name precedes ("Bank of the West"). The last word always stays
    ("Theresa May")."""
    start = 0
    for j, w in enumerate(words[:-1]):
        low, before = w.lower(), words[j - 1].lower() if j else ""
        if (low in FUNCTION_WORDS and w == w.capitalize() or low == "the" and before not in NAME_LINK_WORDS
                or low in CALENDAR and j > 0 and before != "the" and words[j + 1][:1].isupper()):
            start = j + 1
    return start


def age_of_description(tok) -> str | None:
    """'the 45-year-old': the age the description gives ("45"), or None."""
    if tok.lower_ != "old":
        return None
    years = [c for c in tok.children if c.lower_ in YEAR_NOUNS]
    nums = [n for y in years for n in y.children if n.like_num]
    return nums[0].text if nums else None


def introduced_with_age(ctx, age: str, p: int) -> tuple[str, int] | None:
    """'Dana Whitcombe, 45, ...' before '“…,” the 45-year-old said': (name, offset) of the
    latest name printed with that age between commas within ANTECEDENT_WINDOW before `p`,
    outside quotes, or None."""
    lo = max(0, p - ANTECEDENT_WINDOW)
    pattern = rf"({_CAP}(?:[ \u00a0]+{_CAP}){{0,3}}),[ \u00a0]+{regex.escape(age)}[ \u00a0]*,"
    found = [(m.group(1), m.start(1)) for m in regex.finditer(pattern, ctx.text[lo:p])
             if not ctx.index.in_quote(lo + m.start(1))]
    return (found[-1][0], lo + found[-1][1]) if found else None


def introduced_with_noun(ctx, noun: str, p: int) -> tuple[str, int] | None:
    """'Tom Bell, a novelist who lives in Maine' or 'novelist Tom Bell' before '“…,” the
    novelist said': (name, offset) of the latest name the article printed with that noun, in
    apposition ("Name, a/an/the [up to three words] noun") or as the title before it, within
    ANTECEDENT_WINDOW before `p` and outside quotes; None when there is none."""
    lo = max(0, p - ANTECEDENT_WINDOW)
    word = "(?i:" + regex.escape(noun) + ")"  # "Striker Tom Bell" opening a sentence
    names = rf"({_CAP}(?:[ \u00a0]+{_CAP}){{0,3}})"
    after = rf"{names},[ \u00a0]+(?i:a|an|the)[ \u00a0]+(?:[\p{{L}}’'-]+[ \u00a0]+){{0,3}}?{word}\b"
    before = rf"(?<![\p{{L}}-]){word}[ \u00a0]+{names}(?![\p{{L}}])"
    found = [(m.group(1), lo + m.start(1)) for pattern in (after, before)
             for m in regex.finditer(pattern, ctx.text[lo:p]) if not ctx.index.in_quote(lo + m.start(1))]
    return max(found, key=lambda f: f[1]) if found else None


def introduced_unnamed(ctx, tok, p: int) -> bool:
    """'“…,” the expert warned' after '… said one legal expert': the article brought this
    person in with an indefinite "a"/"an"/"one"/"another" before the same noun and no name
    after it, so the description refers to nobody named (the speaker is unknown, not the
    person the article is about). Looks back ANTECEDENT_WINDOW characters, outside quotes."""
    head = regex.escape(tok.lower_)
    # case-blind words, but a case-sensitive look for the name after them: right after the noun
    # ("a legal expert, Ann Marsh") or after the rest of its phrase, in the same sentence ("a
    # spokesman for the Holt campaign, John Doe, said")
    pattern = (rf"\b(?i:a|an|one|another)[ \u00a0]+(?:[\p{{L}}’'-]+[ \u00a0]+){{0,3}}(?i:{head})\b"
               rf"(?!,?[ \u00a0]+\p{{Lu}}\p{{Ll}}|[^.;:!?\n“”\"]{{0,80}}?,[ \u00a0]+\p{{Lu}}\p{{Ll}})")
    lo = max(0, p - ANTECEDENT_WINDOW)
    return any(not ctx.index.in_quote(lo + m.start()) for m in regex.finditer(pattern, ctx.text[lo:p]))


# A spoken address: a name (after a title or not) set off by a comma at the start of a quoted
# sentence, after an opener or not ("Mr. Reed, you took ...", "As you know, Mr. Trump, the FBI
# ..."), or a title and name closing a quoted sentence ("I disagree, Senator Holt.").
_SP = "[ \u00a0]+"
_OPENERS = "|".join(regex.escape(o) for o in sorted(ADDRESS_OPENERS, key=len, reverse=True))
_ADDRESS_START = regex.compile(
    rf"(?:(?<=[“\"‘][ \u00a0]*)|(?<=[.?!]{_SP}))(?:(?P<opener>(?i:{_OPENERS})),{_SP})?"
    rf"(?P<name>{_CAP}(?:{_SP}{_CAP}){{0,3}}),{_SP}(?P<next>[\p{{L}}’']+)")
_ADDRESS_END = regex.compile(rf",{_SP}(?P<name>{_CAP}(?:{_SP}{_CAP}){{1,3}})(?=[.?!])")


def _address_name(words: list[str], titled: bool) -> tuple[str, bool] | None:
    """(the name of an address once its titles are dropped, False): "Mr. Trump" -> "Trump";
    or (the title, True) for a title alone that is an office ("Senator, you ..." -> "senator");
    None when `titled` asks for a title and none was there, when only a courtesy title is left
    ("Sir"), or when the first word is a function word ("But", "And")."""
    k = 0
    while k < len(words) and (is_honorific(words[k]) and words[k].lower() != "the" or words[k].lower() in ROLE_NOUNS):
        k += 1
    rest = words[k:]
    if not rest:
        office = words[-1].lower()
        return (office, True) if not titled and len(words) == 1 and office in ROLE_NOUNS else None
    if (titled and k == 0) or rest[0].lower() in FUNCTION_WORDS:
        return None
    return " ".join(rest), False


@functools.lru_cache(maxsize=4096)
def _addresses_in(words: str) -> tuple[tuple[str, int, bool, int | None], ...]:
    """The addresses of one quotation's words, read once per text: (name or office, offset in
    `words`, is an office, None when it counts as it is, else the offset of the word after it,
    which must be an imperative for the address to count)."""
    found = []
    for m in _ADDRESS_START.finditer(words):
        you = "you" in (m.group("opener") or "").lower().split() or m.group("next").lower() in SECOND_PERSON
        name = _address_name(m.group("name").split(), titled=False)
        if name:
            found.append((name[0], m.start("name"), name[1], None if you else m.start("next")))
    for m in _ADDRESS_END.finditer(words):
        name = _address_name(m.group("name").split(), titled=True)
        if name:
            found.append((name[0], m.start("name"), name[1], None))
    return tuple(found)


def addressed_names(ctx, p: int) -> list[tuple[str, int, bool]]:
    """Whom the quoted words next to `p` speak to: (name without its titles, offset, False), or
    (an office, offset, True) for a title alone ("Senator, you ..."), of each address
    (`_ADDRESS_START`, `_ADDRESS_END`) in the last quotation of `p`'s paragraph that ends before
    `p` and the first that ends after it (the quote a cue at `p` attributes, and the part of it
    that goes on after the cue). An address at a sentence start counts when a "you" word or an
    imperative follows it, or when its opener holds "you": "Mr. Bell has always kept his word"
    speaks of him, not to him."""
    found = []
    for a, b in ctx.index.spans_around(p):
        for name, at, office, verb_at in _addresses_in(ctx.text[a:b]):
            nxt = ctx.index.tok_at(a + verb_at) if verb_at is not None else None
            if verb_at is None or (nxt is not None and nxt.tag_ == "VB"):
                found.append((name, a + at, office))
    return found
