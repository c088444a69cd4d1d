"""Who is who in the article: the registry of names, subjects' salience, and the entity a
token refers to (a name, a pronoun, a title).

Regex passes over the whole text (first-last names, title runs) let paragraphs that were
never parsed still contribute full names and titles.
"""
from __future__ import annotations

import regex
from spacy.lang.en.lex_attrs import like_num as en_like_num

from quotes.extract.attribution.context import ArticleContext
from quotes.extract.cues import is_cue_token
from quotes.extract.mentions import Entity, Registry
from quotes.extract.syntax import SUBJ_DEPS, after_article, doc_text, is_name_token, name_span, np_tokens
from quotes.extract.textindex import ArticleIndex
from quotes.lexicon.names import (NOT_ABBR, clean_name, first_name_gender, is_honorific, is_place, split_title,
                                  without_honorifics)
from quotes.lexicon.words import (CALENDAR, FEMALE_NAMES, FUNCTION_WORDS, HONORIFICS, MALE_NAMES, ORG_WORDS,
                                  PERSON_PRONOUNS, QUANTIFIERS, ROLE_NOUNS, SMALL_WORDS, SPEECH_NOUNS)

# A capitalised word; a dot only in abbreviations and initials (U.S., Gov., J.), so a run
# never crosses a sentence end ("... in Benghazi. Bob said").
CAPITALISED_WORD = r"\p{Lu}(?:[\p{L}’'-]*|\p{L}{0,3}\.|(?:\.\p{Lu})+\.?)"
_FIRST_LAST = regex.compile(r"\b(\p{Lu}\p{Ll}+)[ \u00a0]+(?:\p{Lu}\.[ \u00a0]+)?(\p{Lu}[\p{L}’'-]+)\b")
# One more name word after "Hillary Rodham" that ends the capitalised run ("... Clinton found")
_NEXT_NAME = regex.compile(r"[ \u00a0]+(\p{Lu}\p{Ll}{2,})\b(?![ \u00a0]+\p{Lu}|[-.]\p{L})")
_TITLE_RUN = regex.compile(r"(?:(?:" + CAPITALISED_WORD + r"|of|for|the)[ \u00a0]){1,8}\p{Lu}[\p{L}’'-]+")


def article_context(text: str, marks, docs) -> ArticleContext:
    """The context of one article: its index, and a registry of the people it names,
    with the subjects walked in text order for salience. `docs`: the parsed segments, or
    an ArticleIndex of them already made (the pipeline shares one with dating)."""
    index = docs if isinstance(docs, ArticleIndex) else ArticleIndex(text, marks, docs)
    ctx = ArticleContext(index, Registry(text))
    register_first_last_names(ctx)
    note_unparsed_openers(ctx)
    track_subjects(ctx)
    return ctx


def register_first_last_names(ctx: ArticleContext) -> None:
    """People named with a common first name anywhere outside quotes ("Bernie Sanders"): a
    cheap whole-text pass, so unparsed paragraphs still contribute full names."""
    for m in _first_last_matches(ctx.text):
        first = m.group(1).lower()
        if (first in FEMALE_NAMES or first in MALE_NAMES) and not ctx.index.in_quote(m.start()):
            last = m.group(2)
            if last.lower() in FUNCTION_WORDS or last.lower() in ROLE_NOUNS:
                continue
            ctx.registry.register(_with_middle(ctx.text, m), m.start(), kind="person")


# A name that opens a sentence and is followed by a lower-case word: "Mike Pence says ...",
# "Trump charges that ...", "David Axelrod on Wednesday called ...".
_OPENER = regex.compile(r"(?:^[ \t]*|(?<=" + NOT_ABBR + r"[.!?][\"”’']?[ \t]+))(\p{Lu}[\p{L}’'-]+(?:[ \u00a0]+(?:\p{Lu}\.[ \u00a0]+)?"
                        r"\p{Lu}[\p{L}’'-]+){0,2})(?=[ \u00a0]+\p{Ll})", regex.M)


def note_unparsed_openers(ctx: ArticleContext) -> None:
    """A person the article already knows, named at the start of a sentence that was never
    parsed, is that sentence's subject: salience sees who the unparsed paragraphs are about
    (a description or a pronoun after them refers back to that person, not to an older
    subject of a parsed paragraph). Only known people: a capitalised opener is no name
    by itself ("Democrats", "Health")."""
    ix = ctx.index
    for m in _OPENER.finditer(ctx.text):
        p = m.start(1)
        if ix.tok_at(p) is not None or ix.in_quote(p) or m.group(1).lower() in FUNCTION_WORDS:
            continue
        ent = ctx.registry.lookup(m.group(1), p)
        if ent is not None and ent.kind == "person":
            ctx.registry.note_subject(ent, p)


def _first_last_matches(text: str):
    """_FIRST_LAST matches, and the name a sentence-opening word hid ("For Hillary Clinton,"
    matches as "For Hillary"; the name starts at the second word)."""
    for m in _FIRST_LAST.finditer(text):
        yield m
        if m.group(1).lower() in FUNCTION_WORDS:
            again = _FIRST_LAST.match(text, m.start(2))
            if again:
                yield again


def _with_middle(text: str, m) -> str:
    """'Hillary Rodham Clinton', not 'Hillary Rodham': a first-last match followed by one
    more name word that ends the run and is printed elsewhere in the article too."""
    nxt = _NEXT_NAME.match(text, m.end())
    if nxt and "." not in m.group(0):
        w = nxt.group(1)
        low = w.lower()
        if not (low in FUNCTION_WORDS or low in ROLE_NOUNS or low in ORG_WORDS or low in HONORIFICS
                or low in CALENDAR or is_place(w) or "-" in low) \
                and len(regex.findall(r"\b" + regex.escape(w) + r"\b", text)) > 1:
            return m.group(0) + " " + w
    return m.group(0)


def track_subjects(ctx: ArticleContext) -> None:
    """Walk the subjects in text order: names, roles and resolved pronouns gain salience."""
    ix = ctx.index
    for p, t in ix.toks:
        if ix.in_quote(p):
            continue
        # subjects, and names that open their sentence (the small parser often
        # makes "Michael DiMino, ..., urged" a fragment rooted at the name, and "Scott
        # bristles at ..." a compound of the verb it reads as a noun)
        opener = t.pos_ == "PROPN" and (t.dep_ in ("ROOT", "appos") or t.dep_ == "compound" and t.head.pos_ == "VERB"
                                        and t.head.i > t.i) and t.sent.start >= t.i - 3
        named_subject = _subject_in_apposition(t)
        if t.dep_ not in SUBJ_DEPS and not opener and named_subject is None:
            if _introduced_as_object(ctx, t, p):
                ctx.registry.note_subject(ctx.resolved[p], p)
            elif t.dep_ == "poss" and t.pos_ == "PROPN" and t.head.dep_ in SUBJ_DEPS and len(name_span(t)) > 1:
                ent = entity_for(ctx, t, p)  # "Taylor Swift's albums were ...": she is talked about
                if ent is not None and p not in ent.mentions:
                    ent.mentions.append(p)
            continue
        ent = entity_for(ctx, t, p)
        if ent is None:
            continue
        if t.lower_ in PERSON_PRONOUNS and ent.gender is None and ent.kind == "person":
            # '“…?” he asked' of Jake Tapper: no longer a "she" of the next answer
            ent.pronoun_gender = PERSON_PRONOUNS[t.lower_]
        if t.pos_ == "PROPN" and len([w for w in name_span(t) if not is_honorific(w.lower_)]) > 1:
            ent.full_subj.append(p)  # "George W. Bush walked on stage": named in full as a subject
        # main-clause subjects and speakers are who is talked about; a subject inside a
        # subordinate clause ("... even though Sanders won Michigan") is only a mention
        head = named_subject.head if named_subject is not None else t.head
        main = opener or head.dep_ == "ROOT" or is_cue_token(head)
        if main:
            ctx.registry.note_subject(ent, p)
        elif p not in ent.mentions:
            ent.mentions.append(p)


def _subject_in_apposition(t):
    """'The company that runs the awards, Dick Clark Productions, denies ...': the subject noun
    a name stands in apposition to (the next "they said" is about the name), also when the
    parse hangs the name on the relative clause's last noun. The subject token, or None."""
    if t.pos_ != "PROPN" or t.dep_ != "appos":
        return None
    head = t.head
    if head.dep_ not in SUBJ_DEPS:
        clause = next((a for a in head.ancestors if a.dep_ == "relcl"), None)
        head = clause.head if clause is not None and t.i < clause.head.head.i else head
    return head if head.dep_ in SUBJ_DEPS and head.pos_ == "NOUN" else None


def _introduced_as_object(ctx: ArticleContext, t, p: int) -> bool:
    """'... which is something that concerns Henry Crespo, president of the Caucus.': a person
    brought in with a full name and a title, in a sentence whose subjects are no people, is
    who the next "he said" is about (as if the subject). Not when a person is the subject
    ('Trump attacked Khizr Khan, the father of ...': "he" stays Trump)."""
    if t.pos_ != "PROPN" or t.dep_ not in ("dobj", "pobj", "attr") or \
            not any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in t.children):
        return False
    people = [c for c in t.sent.root.children if c.dep_ in SUBJ_DEPS
              and (c.pos_ == "PROPN" or c.lower_ in PERSON_PRONOUNS)]
    if people:
        return False
    ent = entity_for(ctx, t, p)
    first = ctx.index.pos(name_span(t)[0])  # the first mention of this person is here
    return ent is not None and ent.kind == "person" and len(ent.name.split()) > 1 and min(ent.mentions) >= first


def _same_sentence_subject(ctx: ArticleContext, t, gender: str | None) -> Entity | None:
    """'Clinton says she appreciated ...': a name subject earlier in the same sentence; the
    subject of a speech verb first ('DuVernay said she felt the 13th Amendment was ...')."""
    ix = ctx.index
    found = []
    for c in t.sent:
        if c.i >= t.i:
            break
        if c.dep_ in SUBJ_DEPS and c.pos_ == "PROPN" and not ix.in_quote(ix.pos(c)):
            ent = entity_for(ctx, c, ix.pos(c))
            if ent is not None and ent.kind == "person" and (not gender or not ent.gender or ent.gender == gender) \
                    and not is_place(ent.name):  # "South Carolina, he said, was ...": not him
                found.append((not is_cue_token(c.head), ent))
    return min(found, key=lambda x: x[0])[1] if found else None


def entity_for(ctx: ArticleContext, t, p: int) -> Entity | None:
    """The article's entity a subject token refers to (a pronoun, a name or a title), once
    per offset: later rules see the same answer."""
    if p in ctx.resolved:
        return ctx.resolved[p]
    low = t.lower_
    ent = None
    if low in PERSON_PRONOUNS:
        g = PERSON_PRONOUNS[low]
        ent = _same_sentence_subject(ctx, t, g) or ctx.registry.salient_person(p, gender=g)
    elif is_name_token(t, known=lambda w: ctx.registry.lookup(w) is not None):
        toks = name_span(t)
        name = doc_text(toks)
        # "the 13th Amendment", "the Pentagon": a name after an article is not a person
        kind = "organisation" if after_article(toks[0]) else None
        ent = ensure_full(ctx, ctx.registry.lookup(clean_name(name), ctx.index.pos(toks[-1]))
                          or ctx.registry.register(name, p, kind=kind))
    elif t.pos_ == "NOUN" and low in ROLE_NOUNS:
        appos = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if appos:
            ent = entity_for(ctx, appos[0], ctx.index.pos(appos[0]))
        else:
            ent = ctx.registry.by_role([x.text for x in np_tokens(t)], p)
    ctx.resolved[p] = ent
    return ent


def ensure_full(ctx: ArticleContext, ent: Entity | None) -> Entity | None:
    """A one-word name ('Austin') gets the fullest capitalised run the text gives it."""
    if ent is None or len(ent.name.split()) > 1 or ent.name in ctx.harvested:
        return ent
    ctx.harvested.add(ent.name)
    key = (ent.name, ent.gender)
    if key not in ctx.fullest_runs:
        ctx.fullest_runs[key] = _fullest_run(ctx, ent)
    best = ctx.fullest_runs[key]
    if best:
        title, rest, p = best
        role = without_honorifics(title) or None
        ent.add_form(" ".join(rest))
        if role and role not in ent.roles:
            ent.roles.insert(0, role)
        ent.mentions.append(p)
        ent.full_pos.append(p)
        ctx.registry.rekey(ent)
    return ent


def _fullest_run(ctx: ArticleContext, ent: Entity):
    """(title words, name words, offset) of the longest 'Title First Surname' run outside
    quotes that ends with `ent`'s one-word name, or None."""
    sur = regex.escape(ent.name)
    best = None
    # "Sue Seedorff-Keninger" for "Keninger": the first part of a hyphenated surname
    for m in regex.finditer(r"((?:(?:" + CAPITALISED_WORD + r"|of|for|the)[ \u00a0]){1,7})(?:\p{Lu}\p{Ll}+-)?"
                            + sur + r"\b", ctx.text):
        if ctx.index.in_quote(m.start(1)):
            continue
        words = m.group(0).split()
        while words and words[0] in ("of", "for", "the"):
            words.pop(0)
        title, rest = _title_and_name(words)
        if len(rest) < 2 or len([w for w in rest if len(w.rstrip(".")) > 1]) > 3 or \
                any(w.lower() in SMALL_WORDS or w.lower() in ROLE_NOUNS for w in rest):
            continue
        if rest[0].lower() in FUNCTION_WORDS | QUANTIFIERS or rest[0] in ("US", "U.S.", "UK") \
                or _no_name_word(ctx, rest[0], _word_starts(m)[-len(rest)]):
            continue
        if ent.gender and first_name_gender(" ".join(rest)) not in (None, ent.gender):
            continue  # 'Mr. Obama' is not the Michelle Obama of the article
        if best is None or len(rest) > len(best[1]):
            best = (title, rest, m.start())
    return best


def _word_starts(m) -> list[int]:
    """The offsets of the words of match `m` (its name run ends with the surname)."""
    return [m.start() + w.start() for w in regex.finditer(r"\S+", m.group(0))]


def _no_name_word(ctx: ArticleContext, word: str, p: int) -> bool:
    """A capitalised word glued before a surname that is no first name: where the text was
    parsed, a word the tagger reads as an adverb, a numeral, a determiner or a function word
    ("Maybe Trump ...", "Six Trump supporters", "Still Trump insisted ..."; not an adjective:
    "Black Lives Matter", "Young Latinos"), elsewhere a numeral."""
    t = ctx.index.tok_at(p)
    if t is None or t.text != word:
        return en_like_num(word)
    return t.pos_ in ("ADV", "NUM", "DET", "SCONJ", "CCONJ", "ADP")


def _title_and_name(words: list[str]) -> tuple[list[str], list[str]]:
    """split_title, with honorifics after the title ('Sen. Mr. ...') kept in the title."""
    title, rest = split_title(words)
    while rest and is_honorific(rest[0]):
        title.append(rest.pop(0))
    return title, rest


def title_runs(ctx: ArticleContext) -> list:
    """(title words, name words, offset) for every 'Title Title Name Name' run outside quotes.

    A regex pass over the whole article, so titles in paragraphs that were not parsed
    still resolve 'the defense secretary'."""
    if ctx.title_runs is None:
        ctx.title_runs = []
        for m in _TITLE_RUN.finditer(ctx.text):
            if ctx.index.in_quote(m.start()):
                continue
            title, rest = _title_and_name(m.group(0).split())
            # "President Obama Speech at ...": a caption in title case, no name ends in "Speech"
            if title and 2 <= len(rest) <= 4 and not any(w.lower() in SMALL_WORDS for w in rest) \
                    and rest[-1].lower() not in SPEECH_NOUNS:
                ctx.title_runs.append((title, rest, m.start()))
    return ctx.title_runs


def role_from_text(ctx: ArticleContext, np_toks, p: int) -> Entity | None:
    """'the defense secretary' -> the person a title run of the article gives that title
    ('Defense Secretary Lloyd Austin'), the most words shared, then the nearest."""
    words = [t.lower_.strip(".") for t in np_toks if t.lower_ not in ("the", "a", "an")]
    if not words:
        return None
    head = words[-1]
    best, key = None, None
    for title, rest, pos in title_runs(ctx):
        tl = [w.lower().strip(".,") for w in title]
        if head not in tl:
            continue
        k = (sum(1 for w in words if w in tl), -abs(pos - p))
        if key is None or k > key:
            best, key = (title, rest, pos), k
    if best is None:
        return None
    title, rest, pos = best
    return ctx.registry.register(" ".join(rest), pos, kind="person", role=without_honorifics(title))


def harvest_titles(ctx: ArticleContext, ent: Entity) -> None:
    """Once per person: every title the article prints before their full name becomes a role."""
    if ent.kind != "person" or id(ent) in ctx.titled:
        return
    ctx.titled.add(id(ent))
    for title, rest, pos in title_runs(ctx):
        if " ".join(rest) == ent.name:
            t = without_honorifics(title)
            if t and t not in ent.roles:
                ent.roles.append(t)
