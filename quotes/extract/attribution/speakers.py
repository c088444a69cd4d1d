"""From a mention token to a `Speaker`: a name, a pronoun, a title, an organisation.

`speaker_of` is the entry point: pronouns resolve through the registry's salience, names
to the article's fullest form, titles to the person the article gives that title, and an
unnamed spokesman to the organisation they speak for.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from quotes.extract.attribution.context import ArticleContext, Speaker
from quotes.extract.attribution.entities import ensure_full, entity_for, role_from_text, title_runs
from quotes.extract.attribution.referents import (addressed_names, age_of_description, antecedent_owner,
                                                  institution_named_before, introduced_unnamed, introduced_with_age,
                                                  introduced_with_noun, issuer_named_before, issuing_event_before,
                                                  owner_token)
from quotes.extract.attribution.subjects import group_antecedent, previous_sentence
from quotes.extract.cues import is_cue_token, lemma_of
from quotes.extract.entity_types import is_person_noun, occupation_noun
from quotes.extract.mentions import titled_name_at
from quotes.extract.syntax import SUBJ_DEPS, appos_text, doc_text, is_name_token, name_span, np_tokens, role_left
from quotes.lexicon.names import (clean_name, is_honorific, is_org_name, is_place, role_gender, split_title,
                                  without_honorifics)
from quotes.lexicon.words import (ASKING_LEMMAS, DEFINITE_DETERMINERS, DESCRIPTIVE_ROLES, DOCUMENT_NOUNS, FUNCTION_WORDS,
                                  GROUP_PRONOUNS, PARTY_WORDS, PERSON_PRONOUNS, PRONOUNS, ROLE_NOUNS, SPEECH_NOUNS)

# A person's name right after a title noun: "host Bill Maher", "co-host Mika Brzezinski"
_NAME_AFTER = regex.compile(r"[ \u00a0]+((?:\p{Lu}[\p{Ll}’'-]+|\p{Lu}\.)(?:[ \u00a0]+(?:\p{Lu}[\p{L}’'-]+|\p{Lu}\.)){1,3})\b")
MAX_DEPTH = 2  # how many mentions one mention may be resolved through ("who" -> its noun -> ...)
_INDEFINITE = ("a", "an", "one", "another")


def speaker_of(ctx: ArticleContext, tok, depth: int = 0) -> Speaker:
    """The speaker a subject token names."""
    p = ctx.index.pos(tok)
    low = tok.lower_
    if low in ("who", "that", "which") and tok.head.dep_ == "relcl" and depth < MAX_DEPTH:
        noun = tok.head.head
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            noun = noun.head  # "McConnell, now the majority leader, who said": McConnell
        return speaker_of(ctx, noun, depth + 1)
    if low in PRONOUNS:
        return _pronoun_speaker(ctx, tok, p, depth)
    if tok.pos_ == "PROPN" and not _party_member(tok) and not _lower_case_noun(tok):
        return _name_speaker(ctx, tok, p, depth)
    # a surname the tagger took for a verb or a preposition ("Husted continued", "From
    # said"): the article already named this person in full
    known = ctx.registry.lookup(tok.text, p) if tok.is_title and tok.pos_ != "PRON" else None
    if known is not None and len(known.name.split()) > 1 and known.kind == "person":
        return Speaker(known, known.name, known.kind, known.role, [tok], "name")
    if tok.pos_ in ("NOUN", "ADJ", "NUM", "X", "ADV") or tok.pos_ == "PROPN":  # a party member
        return _role_speaker(ctx, tok, p, depth)
    fronted = _after_fronted_phrase(tok) if depth < MAX_DEPTH else None
    if fronted is not None:
        return speaker_of(ctx, fronted, depth + 1)
    return Speaker.unnamed([tok], "none")


def _after_fronted_phrase(tok):
    """'Of Carson, Levine, who has given money to Rubio, said': the parser made the fronted
    preposition the verb's subject and the speaker its object, past the comma that closes the
    fronted phrase. That object, or None (a preposition subject with no comma before its object
    names nobody)."""
    if tok.pos_ != "ADP" or tok.dep_ not in SUBJ_DEPS:
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None or not any(t.text == "," for t in tok.doc[tok.i + 1:obj.i]):
        return None
    return obj


def _lower_case_noun(tok) -> bool:
    """'the senator said' tagged as a proper noun: a title in a run of words with no capital
    letter names nobody ("eBay" does); it is a role, resolved as "the senator" is."""
    if tok.lower_ not in ROLE_NOUNS:
        return False
    toks = name_span(tok)
    glued = toks[0].i > 0 and toks[0].doc[toks[0].i - 1].text in ("-", "‐") \
        and not toks[0].doc[toks[0].i - 1].whitespace_  # "Park Geun-hye": the hyphen cut the name
    return not glued and not any(c.isupper() for t in toks for c in t.text)


def _party_member(tok) -> bool:
    """'one Democrat familiar with the talks', 'senior Republicans': a party word with a
    determiner or modifier describes someone, it names nobody ("the Republican" is someone
    the article named)."""
    return tok.lower_.removesuffix("s") in PARTY_WORDS and len(name_span(tok)) == 1 and any(
        c.dep_ in ("nummod", "amod") or c.dep_ == "det" and c.lower_ not in DEFINITE_DETERMINERS
        for c in tok.children)


def _pronoun_speaker(ctx: ArticleContext, tok, p: int, depth: int) -> Speaker:
    low = tok.lower_
    unnamed = _unnamed_speaker_before(ctx, tok) if low in PERSON_PRONOUNS and depth < MAX_DEPTH else None
    if unnamed is not None:  # "Another student said she ... “…,” she said": that student
        return replace(speaker_of(ctx, unnamed, depth + 1), tokens=[tok], how="pronoun")
    asked = _the_one_asked(ctx, tok) if low in PERSON_PRONOUNS and depth < MAX_DEPTH else None
    if asked is not None:  # "Tapper asked Pence about the tapes. “…,” he said": Pence answers
        return replace(asked, tokens=[tok], how="pronoun")
    if low in PERSON_PRONOUNS:
        ent = entity_for(ctx, tok, p)
        bound = _named_in_clause(ctx, tok) if ent is not None else set()
        if ent is not None and addressed(ctx, ent, p):
            bound = bound | {id(ent)}  # "“Mr. Bell, you promised us …,” he said" is not Bell
        if ent is not None and id(ent) in bound:
            # "“…,” he said of Cruz": a subject pronoun is never a name its own clause talks of
            # or to (binding), so the person talked about before, another one
            ent = ctx.registry.salient_person(p, gender=PERSON_PRONOUNS[low], exclude=bound)
        if ent is not None:
            return Speaker(ent, ent.name, ent.kind, ent.role, [tok], "pronoun")
    elif low in GROUP_PRONOUNS and depth < MAX_DEPTH:
        ant = group_antecedent(ctx, tok)
        if ant is not None:
            found = speaker_of(ctx, ant, depth + 1)
            if found.name:
                return replace(found, tokens=[tok], how="pronoun")
        # no antecedent in the sentence or the one before: the organisation last a subject
        # ("the Times wrote." ... "“…,” it further wrote")
        org = ctx.registry.salient_organisation(p)
        if org is not None and (ant is None or low != "they") and not _other_subject_since(ctx, org, p):
            return Speaker(org, org.name, org.kind, org.role, [tok], "pronoun")
    return Speaker.unnamed([tok], "pronoun")


def _named_in_clause(ctx: ArticleContext, tok) -> set[int]:
    """ids of the entities a subject pronoun's own clause names as its verb's object or after
    its prepositions ("he said of Cruz", "she told Pence", "he wrote to Bell about Ryan")."""
    verb, reg, out = tok.head, ctx.registry, set()
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj")]
    objs += [o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    for o in objs:
        if o.pos_ == "PROPN" and not ctx.index.in_quote(ctx.index.pos(o)):
            ent = reg.lookup(doc_text(name_span(o)), ctx.index.pos(o))
            if ent is not None:
                out.add(id(ent))
    return out


def _unnamed_speaker_before(ctx: ArticleContext, tok):
    """'“I like him,” said Mary Lee. Another student said she had not decided. “I'm not sure,”
    she said': the vox-pop run's "she" is the one the sentence before brought in without a
    name, not the last person named. The latest subject of a speech verb outside quotes,
    earlier in the pronoun's sentence or in the sentence before it in the same paragraph,
    when it is an indefinite person noun ("another student", "a voter", "one woman") of a
    gender that fits and the verb speaks to nobody named ("a reporter asked Trump": "he" may
    be Trump). The subject token, or None; read off the parse once per pronoun."""
    p = ctx.index.pos(tok)
    if p not in ctx.unnamed_before:
        ctx.unnamed_before[p] = _unnamed_subject(ctx, tok)
    return ctx.unnamed_before[p]


def _unnamed_subject(ctx: ArticleContext, tok):
    ix, sent = ctx.index, tok.sent
    first = tok.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    if "\n" in ctx.text[ix.pos(tok.doc[first]):ix.pos(tok)]:
        first = sent.start
    subjects = [t for t in tok.doc[first:tok.i] if t.dep_ in SUBJ_DEPS and not ix.in_quote(ix.pos(t))
                and (t.pos_ in ("PROPN", "NOUN", "NUM") or t.lower_ in PERSON_PRONOUNS) and is_cue_token(t.head)]
    if not subjects:
        return None
    last = subjects[-1]
    det = [c.lower_ for c in last.children if c.dep_ in ("det", "nummod")]
    if last.pos_ != "NOUN" or last.tag_ != "NN" or not is_person_noun(last) or not set(det) & set(_INDEFINITE):
        return None
    gender = role_gender([x.text for x in np_tokens(last)])
    if gender and gender != PERSON_PRONOUNS[tok.lower_]:
        return None
    if any(c.dep_ in ("dobj", "dative") and (c.pos_ == "PROPN" or c.lower_ in PERSON_PRONOUNS)
           for c in last.head.children):
        return None
    return last


def _the_one_asked(ctx: ArticleContext, tok) -> Speaker | None:
    """'Jake Tapper asked Mike Pence about the tapes. “I was offended,” he said': the he/she of
    an answer (the subject of a speech verb that asks nothing, in a sentence with no question
    mark) right after a sentence in which one person asks another is the one asked, not the
    asker the salience makes the topic. The sentence before may end the paragraph before. The
    asked person's Speaker, when a name of a gender that fits; else None."""
    if tok.dep_ not in SUBJ_DEPS or not is_cue_token(tok.head) or lemma_of(tok.head) in ASKING_LEMMAS \
            or "?" in tok.sent.text:
        return None
    prev = previous_sentence(ctx, tok.sent)
    if prev is None:
        return None
    ix = ctx.index
    if any(t.lower_ == tok.lower_ and t.dep_ in SUBJ_DEPS and is_cue_token(t.head) for t in prev):
        return None  # '..., she said, was a question ... when a young man asked Clinton ...': she goes on
    asking = [t for t in prev if lemma_of(t) in ASKING_LEMMAS and t.pos_ == "VERB" and not ix.in_quote(ix.pos(t))
              and any(c.dep_ in SUBJ_DEPS for c in t.children)]
    objects = [c for t in asking[-1:] for c in t.children if c.dep_ in ("dobj", "obj") and c.pos_ == "PROPN"]
    if not objects:
        return None
    found = speaker_of(ctx, objects[0], MAX_DEPTH - 1)
    gender = found.entity.gender or found.entity.pronoun_gender if found.entity is not None else None
    if found.kind != "person" or not found.name or gender not in (None, PERSON_PRONOUNS[tok.lower_]):
        return None
    return found


def _other_subject_since(ctx: ArticleContext, ent, p: int) -> bool:
    """A noun other than `ent` was a subject between its last subject mention and `p` ("the
    report says ... It also points out": "it" is the report, not the agency before it)."""
    since = max(q for q in ent.subject_pos if q < p)
    ix = ctx.index
    for t in ix.tokens_between(since + 1, p):
        if t.dep_ in SUBJ_DEPS and t.head.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN") and not ix.in_quote(ix.pos(t)) \
                and t.text not in ent.name.split():
            # its own statement is still the organisation speaking
            owner = owner_token(t) or antecedent_owner(ctx, t, ix.pos(t)) if t.lower_ in DOCUMENT_NOUNS else None
            if owner is None or owner.text not in ent.name.split():
                return True
    return False


def _name_speaker(ctx: ArticleContext, tok, p: int, depth: int) -> Speaker:
    """A proper name: its fullest form in the article, with the title printed before it."""
    toks = name_span(tok)
    words = clean_name(doc_text(toks)).split()
    if toks[-1].i > tok.i and any(t.lower_ in ("of", "for") for t in toks) and split_title(words)[0]:
        return _named_in_full(ctx, tok, toks, p)
    if _office_after_determiner(tok, words):
        # "the Foreign Affairs Minister said": a capitalised office after a determiner is a
        # title (the person the article gives it, or nobody), never a name ("Affairs Minister")
        return _role_speaker(ctx, tok, p, depth)
    run = titled_name_at(ctx.text, ctx.index.pos(toks[0]))
    if run and len(run) >= len(words) or run and is_honorific(words[-1]):
        # "Army Capt. Daniel Reyes", "Air Force 1st Lt. Mark Olsen": the parse cut the run
        return _titled_speaker(ctx, run, toks, p)
    while len(words) > 1 and (is_honorific(words[0]) or words[0].lower() in ROLE_NOUNS):
        words = words[1:]
    if words and (is_honorific(words[0]) or is_honorific(words[-1])):
        # 'former Pennsylvania Gov. and ... Chairman Ed Rendell': the name is further on
        inner = [x for x in tok.subtree if x.pos_ == "PROPN" and x.i > tok.i
                 and not is_honorific(x.lower_) and x.lower_ not in ROLE_NOUNS
                 and not ctx.index.in_quote(ctx.index.pos(x))]
        if inner and depth < MAX_DEPTH:
            return speaker_of(ctx, inner[-1], depth + 1)
        words = []
    if not words:
        return _role_speaker(ctx, tok, p, depth)
    role = role_left(toks)
    appos, atext = appos_text(tok)
    if atext and appos is not None and appos.pos_ == "NOUN":
        role = role or atext
    title, rest = split_title(words)
    if title and rest:
        # "Cleveland Police Chief Calvin Williams": the title is a role, not the name
        words = rest
        role = role or without_honorifics(title) or None
    name = " ".join(words)
    ent = ctx.registry.lookup(name, ctx.index.pos(toks[-1])) or ctx.registry.register(name, p, kind=None, role=role)
    ent = ensure_full(ctx, ent)
    if ent is None:
        return Speaker(None, name, "person", role, toks, "name")
    ent.add_form(name)
    if role and role not in ent.roles:
        ent.roles.append(role)
    return Speaker(ent, ent.name, ent.kind, ent.role, toks, "name")


def _named_in_full(ctx: ArticleContext, tok, toks, p: int) -> Speaker:
    """'The United Nations High Commissioner for Refugees said', 'The Royal Society for the
    Protection of Birds warned': an institution or an office named in full, its "of"/"for"
    tail read by `syntax.name_span`, which the title rule would cut at a title word inside it
    ("Refugees", "Protection of Birds"). An office is the person the article gives it, when a
    title run of the article shares most of its words ("UN High Commissioner for Refugees
    Filippo Grandi"); else the institution or office itself speaks, under its full name."""
    if tok.lower_ in ROLE_NOUNS:
        want = {t.lower_.strip(".") for t in toks if t.i <= tok.i}
        tail = {t.lower_ for t in toks if t.i > tok.i}
        first = ctx.index.pos(toks[0])
        for title, rest, pos in reversed(title_runs(ctx)):
            shared = want & {w.lower().strip(".,") for w in title}
            # the title rule leaves the office's own tail on the name: "Human Rights Michelle Bachelet"
            k = next((i for i, w in enumerate(rest) if w.lower() not in tail), len(rest))
            title, rest = title + rest[:k], rest[k:]
            if tok.lower_ in shared and len(shared) >= 2 and pos < first and len(rest) >= 2:
                ent = ctx.registry.register(" ".join(rest), pos, kind="person", role=" ".join(title))
                if ent is not None:
                    return Speaker(ent, ent.name, ent.kind, ent.role, toks, "role")
    name = span_text(ctx, toks)
    ent = ctx.registry.register(name, p, kind="organisation", whole=True)
    if ent is None:
        return Speaker(None, name, "organisation", None, toks, "name")
    return Speaker(ent, ent.name, ent.kind, ent.role, toks, "name")


def _office_after_determiner(tok, words: list[str]) -> bool:
    """'the Home Secretary', 'a Deputy Mayor': a capitalised run after an article or a
    demonstrative that ends in an office (a role noun that names an office, not an occupation:
    "The Hollywood Reporter" is a paper), with no name of its own after it ("the High
    Commissioner for Human Rights" is an office named in full)."""
    if not words or words[-1].lower() not in ROLE_NOUNS or words[-1].lower() in DESCRIPTIVE_ROLES:
        return False
    if any(c.dep_ == "prep" and any(o.pos_ == "PROPN" for o in c.children) for c in tok.children):
        return False
    return any(c.dep_ == "det" and (c.lower_ in DEFINITE_DETERMINERS or c.lower_ in _INDEFINITE)
               for c in tok.children)


def span_text(ctx: ArticleContext, toks) -> str:
    """The article's own characters for a token run ("Powell’s office", not "Powell ’s")."""
    if not toks:
        return ""
    s = ctx.index.pos(toks[0])
    e = ctx.index.pos(toks[-1]) + len(toks[-1].text)
    return " ".join(ctx.text[s:e].split())


def _titled_speaker(ctx: ArticleContext, words: list[str], toks, p: int) -> Speaker:
    ent = ctx.registry.lookup(" ".join(words), p) or ctx.registry.register(" ".join(words), p, kind="person")
    ent = ensure_full(ctx, ent)
    if ent is None:
        return Speaker.unnamed(toks, "none")
    ent.kind = "person"
    return Speaker(ent, ent.name, ent.kind, ent.role, toks, "name")


def _name_after_role(ctx: ArticleContext, np_toks) -> Speaker | None:
    """'radio co-host Pete Vargas', 'host Bill Maher': a title noun the parse split from the
    name that follows it; the name is the speaker."""
    ix, text = ctx.index, ctx.text
    if not np_toks or np_toks[-1].pos_ != "NOUN":
        return None
    for t in np_toks:
        if t.pos_ in ("NOUN", "PROPN") and text[ix.pos(t):ix.pos(t) + 3] in ("co-", "Co-"):
            run = titled_name_at(text, ix.pos(t))
            if run:
                return _titled_speaker(ctx, run, np_toks, ix.pos(t))
    last = np_toks[-1]
    if last.lower_ not in ROLE_NOUNS:
        return None
    m = _NAME_AFTER.match(text, ix.pos(last) + len(last.text))
    if not m or ix.in_quote(m.start(1)):
        return None
    words = m.group(1).split()
    if words[0].lower() in FUNCTION_WORDS or words[-1].lower() in ROLE_NOUNS or is_org_name(m.group(1)):
        return None
    return _titled_speaker(ctx, words, np_toks, m.start(1))


def _affiliation(ctx: ArticleContext, tok, depth: int) -> Speaker | None:
    """'A spokesman for Platte River', 'officials at the FAA', 'a letter from the American
    Legion': nobody is named, so the organisation they speak for is the speaker."""
    if depth >= MAX_DEPTH:
        return None
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in ("for", "at", "of", "from", "with", "by"):
            continue
        for o in c.children:
            if o.dep_ != "pobj" or o.pos_ != "PROPN" or ctx.index.in_quote(ctx.index.pos(o)):
                continue
            res = speaker_of(ctx, o, depth + 1)
            ent = res.entity
            # not a person we know ("a spokesman for Hillary Clinton" stays unresolved); after
            # "from" a name no organisation word types is where they are from ("a voter from
            # Des Moines"), not whom they speak for
            if res.name and not is_place(res.name) and (res.kind == "organisation" or ent is not None and (
                    ent.gender is None and (c.lower_ != "from" or is_org_name(res.name)))):
                if ent is not None:
                    ent.kind = "organisation"
                return Speaker(ent, ent.name if ent is not None else res.name, "organisation", res.role, [],
                               "affiliation")
    return None


def _issuer(ctx: ArticleContext, tok, depth: int) -> Speaker | None:
    """'Park released a video that says ...': the document's words are its issuer's."""
    if depth >= MAX_DEPTH or tok.dep_ not in ("dobj", "obj") or tok.head.pos_ != "VERB":
        return None
    subj = [c for c in tok.head.children if c.dep_ in SUBJ_DEPS]
    if not subj or subj[0].pos_ not in ("PROPN", "PRON") or ctx.index.in_quote(ctx.index.pos(subj[0])):
        return None
    res = speaker_of(ctx, subj[0], depth + 1)
    return res if res.name else None


def _appositive_name(ctx: ArticleContext, tok, depth: int) -> Speaker | None:
    """'His former partner at Lenox, Lawrence B. Cummings,': the person in apposition to a
    title speaks, and the title becomes one of their roles."""
    # the parse may hang the person's appositive on the title's own prepositional object
    nested = [ap for c in tok.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
              for ap in o.children if ap.dep_ == "appos" and ap.pos_ == "PROPN"
              and len(name_span(ap)) > 1 and tok.lower_ in ROLE_NOUNS]
    for c in list(tok.children) + nested + _second_subject(tok):
        if c.dep_ in ("appos", "nsubj") and is_name_token(c) and depth < MAX_DEPTH:
            # a surname the tagger took for a common noun is still a name ("Scott's niece, state
            # Del. Marcia "Cia" Price,": "Price" NN)
            found = speaker_of(ctx, c, depth + 1) if c.pos_ == "PROPN" else _name_speaker(ctx, c, ctx.index.pos(c),
                                                                                          depth + 1)
            np_text = span_text(ctx, np_tokens(tok))
            if found.entity is not None and np_text and np_text not in found.entity.roles:
                found.entity.roles.append(np_text)
            return replace(found, role=found.role or np_text, how="appositive")
    return None


def _second_subject(tok) -> list:
    """'said Scott’s niece, state Del. Marcia Price.': the parse made the name in apposition to a
    description a second subject of the same verb; the name right after the description's
    comma (its own title words between) is that appositive."""
    if tok.dep_ not in SUBJ_DEPS or tok.i + 2 >= len(tok.doc) or tok.doc[tok.i + 1].text != ",":
        return []
    for c in tok.head.children:
        if c.dep_ == tok.dep_ and c.i > tok.i + 1 and c.pos_ == "PROPN":
            first = name_span(c)[0].i
            between = tok.doc[tok.i + 2:first]
            if all(t.pos_ in ("NOUN", "PROPN", "ADJ") and t.dep_ in ("compound", "amod", "nmod") for t in between):
                return [c]
    return []


def _document_issuer(ctx: ArticleContext, tok, np_toks, depth: int) -> Speaker | None:
    """"the IMF report", "Clinton's statement", "a complaint filed by the SEC", "the
    statement" after "the Security Council issued a statement": whoever issued the document."""
    if tok.lower_ not in DOCUMENT_NOUNS or depth >= MAX_DEPTH:
        return None
    owner = owner_token(tok) or antecedent_owner(ctx, tok, ctx.index.pos(tok))
    if owner is not None and not ctx.index.in_quote(ctx.index.pos(owner)):
        found = speaker_of(ctx, owner, depth + 1)
        if found.name:
            return replace(found, tokens=np_toks, how="document")
    issuer = _issuer(ctx, tok, depth)
    if issuer is not None:
        return replace(issuer, tokens=np_toks, how="document")
    named = issuer_named_before(ctx, tok, ctx.index.pos(tok))
    found = name_from_text(ctx, *named) if named else None
    if found is not None:
        ent = found[0]
        return Speaker(ent, ent.name, ent.kind, ent.role, np_toks, "document")
    # no earlier mention of the same word: the document the article brought in last ("the
    # appeals court ruled" before "the ruling said", "wrote a memoir" before "the book")
    event = issuing_event_before(ctx, tok, ctx.index.pos(tok))
    if event is not None:
        found = speaker_of(ctx, event, depth + 1)
        if found.name and found.how != "document":
            return replace(found, tokens=np_toks, how="document")
    return None


def _name_ending_titles(ctx: ArticleContext, tok, depth: int) -> Speaker | None:
    """'former senator and governor Bob Smith said', 'chairman, CEO and president Craig
    Menear said': a run of titles joined by commas and "and" ends in the name that speaks
    (the parse makes the name a conjunct of the first title). Not after a determiner ("the
    senator and Bob Smith" are two people)."""
    if depth >= MAX_DEPTH or tok.lower_ not in ROLE_NOUNS or any(c.dep_ == "det" for c in tok.children):
        return None
    conj = [c for c in tok.subtree if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i > tok.i]
    if not conj:
        return None
    name = conj[-1]
    first = name_span(name)[0]
    between = [t for t in tok.doc[tok.i + 1:first.i] if not (t.pos_ in ("PUNCT", "CCONJ", "PROPN")
                                                           or t.lower_ in ROLE_NOUNS)]
    if between or ctx.index.in_quote(ctx.index.pos(name)):
        return None
    found = speaker_of(ctx, name, depth + 1)
    return found if found.name and found.kind != "organisation" else None


def _aged_person(ctx: ArticleContext, tok, p: int) -> Speaker | None:
    """'“…,” the 45-year-old said' after 'Dana Whitcombe, 45, runs a bakery': the person the
    article printed with that age."""
    age = age_of_description(tok)
    named = introduced_with_age(ctx, age, p) if age else None
    found = name_from_text(ctx, *named) if named else None
    if found is None:
        return None
    ent = found[0]
    return Speaker(ent, ent.name, ent.kind, ent.role, np_tokens(tok), "role")


def _role_speaker(ctx: ArticleContext, tok, p: int, depth: int) -> Speaker:
    """A common noun as the mention: a title, a document, an organisation or a group."""
    found = _appositive_name(ctx, tok, depth) or _name_ending_titles(ctx, tok, depth) or _aged_person(ctx, tok, p)
    if found is not None:
        return found
    np_toks = np_tokens(tok)
    np_text = span_text(ctx, np_toks)
    found = _name_after_role(ctx, np_toks) or _document_issuer(ctx, tok, np_toks, depth)
    if found is not None:
        return found
    is_role = tok.lower_ in ROLE_NOUNS or any(x.lower_ in ROLE_NOUNS for x in np_toks)
    # "said one district GOP leader": an indefinite description brings in someone new, not
    # the person the article gave that title before
    if is_role and np_toks[0].lower_ not in _INDEFINITE:
        ent = role_from_text(ctx, np_toks, p) or ctx.registry.by_role([x.text for x in np_toks], p)
        if ent is not None:
            return Speaker(ent, ent.name, ent.kind, np_text, np_toks, "role")
    org = _affiliation(ctx, tok, depth)
    if org is not None:
        return replace(org, role=np_text, tokens=np_toks)
    if is_role and tok.lower_ in ROLE_NOUNS:
        # a bare title nobody in the article carries: guess the person the article
        # is about (low confidence), never store the title as a name
        # of the gender its words tell: "the New York businessman" is no woman
        ent = ctx.registry.salient_person(p, gender=role_gender([x.text for x in np_toks]), window=10**7)
        if ent is not None and not np_toks[0].lower_ in _INDEFINITE and not introduced_unnamed(ctx, tok, p) \
                and not _owned_by(ctx, tok, ent, depth) and not addressed(ctx, ent, p):
            return Speaker(ent, ent.name, ent.kind, np_text, np_toks, "role_guess")
        return Speaker(None, None, "person", np_text, np_toks, "role_unresolved")
    found = _institution(ctx, tok, np_toks, np_text) or _occupation(ctx, tok, np_toks, np_text, p, depth)
    if found is not None:
        return found
    # an organisation or a group: "the Pentagon", "the statement", "the crowd"
    words = [x.text for x in np_toks]
    if words and words[0].lower() in _INDEFINITE + ("some",):
        kind = "person"
    else:
        kind = "organisation" if is_org_name(np_text) or tok.lower_ in SPEECH_NOUNS else "person"
    return Speaker(None, np_text or None, kind, None, np_toks, "group")


def _occupation(ctx: ArticleContext, tok, np_toks, np_text: str, p: int, depth: int) -> Speaker | None:
    """'“…,” the novelist said', 'the actor told Variety': an occupation no title list holds
    (`entity_types.occupation_noun`) after a definite determiner is the person the article
    printed with that noun ("Tom Bell, a novelist", "novelist Tom Bell"). Else, as for a bare
    title, a guess of the person the article is about, if no title of theirs says they are
    something else ("Senator Mary Holt" is no manufacturer), the noun brought in nobody new
    ("a striker from the visiting side") and more than an agentive ending says the noun is an
    occupation: on PolNeAR train and dev and the web tune pages every guess from an ending alone
    was wrong ("the announcer" of an ad, "The impostor", "the Bush-era whistleblower")."""
    if not np_toks or np_toks[0].lower_ not in ("the", "this", "that"):
        return None
    evidence = occupation_noun(tok, ctx.text)
    if evidence is None:
        return None
    named = introduced_with_noun(ctx, tok.lower_, p)
    found = name_from_text(ctx, *named) if named else None
    if found is not None and found[0].kind == "person":
        return Speaker(found[0], found[0].name, "person", np_text, np_toks, "role")
    if evidence == "suffix":
        return None
    ent = ctx.registry.salient_person(p, gender=role_gender([x.text for x in np_toks]), window=10**7)
    if ent is None or introduced_unnamed(ctx, tok, p) or _owned_by(ctx, tok, ent, depth) \
            or any(tok.lower_ not in r.lower().split() for r in ent.roles) or addressed(ctx, ent, p):
        return None
    return Speaker(ent, ent.name, ent.kind, np_text, np_toks, "role_guess")


def addressed(ctx: ArticleContext, ent, p: int) -> bool:
    """The quoted words next to `p` speak to `ent` ("As you know, Mr. Trump, ...", or by an office
    `ent` holds: "Senator, you ...": `referents.addressed_names`): evidence that `ent` is not their
    speaker, so no guess may make them so."""
    return any(any(name in r.lower().split() for r in ent.roles) if office else ctx.registry.lookup(name, at) is ent
               for name, at, office in addressed_names(ctx, p))


def _owned_by(ctx: ArticleContext, tok, ent, depth: int) -> bool:
    """The title has an owner who may be `ent` itself: "his spokesman", "the defendant's lawyer"
    are not him, nor the defendant the article is about; only an owner named as somebody else
    leaves the guess open ("Obama's former campaign strategist" may well be the article's man)."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:
        return False
    if owner.pos_ != "PROPN" or depth >= MAX_DEPTH:
        return True
    return speaker_of(ctx, owner, depth + 1).entity is ent


def _institution(ctx: ArticleContext, tok, np_toks, np_text: str) -> Speaker | None:
    """'The commission says ...': the Commission on Presidential Debates named before."""
    named = institution_named_before(ctx, tok, ctx.index.pos(tok))
    if named is None:
        return None
    name, at = named
    ent = ctx.registry.lookup(name, at) or ctx.registry.register(name, at, kind="organisation")
    if ent is None:
        return Speaker(None, name, "organisation", np_text, np_toks, "role")
    ent.add_form(name)  # "Ninth Circuit" the parse read is the "U.S. Court of Appeals for the Ninth Circuit"
    return Speaker(ent, ent.name, ent.kind, np_text, np_toks, "role")


def name_from_text(ctx: ArticleContext, mention: str, start: int):
    """The article's entity for a name the rules read off the text (no parse involved):
    'Veronica Cruz' after a dash. Returns (entity, mention) or None."""
    if mention.endswith(".") and not regex.search(r"\b\p{Lu}\.$", mention):
        mention = mention[:-1]  # "- Sanders." ends a sentence
    reg = ctx.registry
    ent = ensure_full(ctx, reg.lookup(clean_name(mention), start + len(mention) - len(mention.split()[-1]))
                      or reg.register(mention, start))
    return None if ent is None else (ent, mention)
