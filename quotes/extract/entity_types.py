"""What kind of thing a candidate speaker mention is: a person, an organisation, a group, a
document, or not a speaker at all.

Why: the rules took whatever noun phrase sat in the subject slot of a speech verb, so
things ("the figures"), times ("Friday morning"), places and datelines ("GENEVA —"),
headings in capitals ("READ MORE:") and abstract nouns ("rising prices") became speakers.
A speaker is a person, an organisation, or a group or document that speaks (a document's
words are its issuer's). The type is read from the tagger and parser, the word lists, and
the article's own evidence (an honorific, a known first name, an organisation word, the
same name used as the subject of a speech verb elsewhere); it is one of the ranker's
features (quotes.extract.ranking), and a `not_speaker` is never stored as a speaker.

Its word lists (TIME_WORDS, GROUP_NOUNS, DOCUMENT_NOUNS, PERSON_NOUNS, THING_NOUNS) are in
quotes.lexicon.words. A common noun none of them holds is typed by what PolNeAR train's gold
speakers teach (quotes.lexicon.speaker_nouns, built by training/train_speaker_nouns.py): the
nouns that head gold speakers ("the neurosurgeon", "the tycoon", "the cable"), the nouns that
are subjects of the writer's clauses and never speak ("the tone", "the situation"), and the
heads whose "of" object is the speaker ("a group of rabbis", "half of voters").
"""
from __future__ import annotations

import regex

from quotes.extract.cues import is_cue_token
from quotes.lexicon.names import is_place
from quotes.lexicon.speaker_nouns import PARTITIVE_HEADS, SPEAKER_NOUN_TYPES, THING_NOUNS_LEARNED
from quotes.lexicon.words import (CALENDAR, CLAUSE_WORDS, DOCUMENT_NOUNS, FEMALE_NAMES, GROUP_NOUNS, HONORIFICS,
                                  MALE_NAMES, ORG_WORDS, PERSON_NOUNS, PERSON_PRONOUNS, PERSONAL_HONORIFICS,
                                  PHRASE_DETERMINERS, ROLE_NOUNS, SPEECH_NOUNS, THING_NOUNS, TIME_MODIFIERS,
                                  TIME_WORDS, WORK_PEOPLE)

TYPES = ("person", "organisation", "group", "document", "description", "not_speaker")
# the types that say nobody: a noun phrase that is no person, organisation, group or document
# ("Another cloud of choking smoke", "the country", "the deal")
NOBODY_TYPES = frozenset({"description", "not_speaker"})

PERSON_SUFFIX = regex.compile(r"(?:er|or|ist|ian|ant|(?<!m)ent|ee|eer|man|woman|person)s?$")
# the agentive endings of occupations ("the striker", "the sprinter", "the cardiologist",
# "the comedian"), on a stem of three letters or more; not -ant/-ent, which end as many
# things as people on PolNeAR train ("the first incident", "the element")
AGENT_SUFFIX = regex.compile(r"^\p{Ll}[\p{Ll}-]{2,}(?:er|or|ist|ian)$")

_HONORIFIC_BEFORE = regex.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen)\.?\s*$")
_PERSONAL_BEFORE = regex.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s*$")

_NAME_HONORIFICS = HONORIFICS - {"the"}
_TITLE_WORDS = ROLE_NOUNS | HONORIFICS

_ALLCAPS = regex.compile(r"^[\p{Lu}\p{N}\s.,:;'’&-]{3,}$")
_ORG_SUFFIX = regex.compile(r"\b(?:Inc|Corp|Co|Ltd|LLC|PLC|Group|Association|Institute|Foundation|"
                            r"Party|Committee|Council|Department|Ministry|Agency|Bureau|University)\b\.?")


def mention_words(mtoks) -> list[str]:
    return [t.text for t in mtoks if not t.is_punct]


def entity_type(mtoks, how: str | None, kind: str | None, ent=None, text: str = "",
                start: int | None = None) -> tuple[str, dict[str, float]]:
    """(type, evidence features) for a candidate mention (`mtoks`: its spaCy tokens).

    `how` is how the rules resolved the mention (name, pronoun, role, appositive, group,
    document, affiliation, ...), `kind` the person/organisation kind they gave, `ent` the
    article's Entity it resolved to (quotes.extract.mentions), `text` the article and
    `start` the mention's offset in it.
    """
    words = mention_words(mtoks)
    head = syntactic_head(mtoks)
    low = head.lower_ if head is not None else ""
    joined = " ".join(words)
    before = text[max(0, (start or 0) - 12):start or 0] if text and start is not None else ""
    ev = {
        "ty_pronoun": float(low in PERSON_PRONOUNS or low in ("they", "we", "it", "i")),
        "ty_propn": float(head is not None and head.pos_ == "PROPN"),
        "ty_role_noun": float(low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS),
        "ty_group_noun": float(low in GROUP_NOUNS),
        "ty_doc_noun": float(low in DOCUMENT_NOUNS or low in SPEECH_NOUNS),  # "the comment", "his remarks"
        "ty_time": float(head is not None and (is_time_word(head.text) or head.like_num)
                         or any(is_time_word(w) for w in words[-2:])),
        "ty_place": float(bool(joined) and is_place(joined)),
        "ty_caps_heading": float(bool(joined) and joined.lower() not in ORG_WORDS
                                 and in_caps_heading(text, start, start + len(joined)) if text and start is not None
                                 else len(joined) > 5 and bool(_ALLCAPS.match(joined))),
        "ty_honorific": float(bool(_HONORIFIC_BEFORE.search(before))
                              or any(w.lower().rstrip(".") in _NAME_HONORIFICS for w in words[:1])),
        "ty_first_name": float(bool(words) and (words[0].lower() in FEMALE_NAMES or words[0].lower() in MALE_NAMES)),
        "ty_org_word": float(any(w.lower().strip(".,’'s") in ORG_WORDS for w in words) or bool(_ORG_SUFFIX.search(joined))),
        # "Foreign Affairs Minister" alone; not "Mr. King", where an honorific makes it a surname
        "ty_title_only": float(bool(words) and all(w.lower().rstrip(".") in _TITLE_WORDS for w in words)
                               and head is not None and head.pos_ == "PROPN"
                               and not any(w.lower().rstrip(".") in PERSONAL_HONORIFICS for w in words)
                               and not _PERSONAL_BEFORE.search(before)),
        "ty_common_noun": float(head is not None and head.pos_ == "NOUN"),
        "ty_person_noun": float(head is not None and is_person_noun(head)),
        "ty_thing_noun": float(low in THING_NOUNS),
        "ty_of_people": float(head is not None and low in PARTITIVE_HEADS and of_people(head)),
        "ty_subject_elsewhere": float(min(3, len(ent.subject_pos)) / 3.0) if ent is not None else 0.0,
        "ty_named_in_full": float(ent is not None and len(ent.name.split()) > 1),
    }
    learned = learned_noun_type(head) if head is not None and head.pos_ == "NOUN" else None
    if learned:
        ev["ty_learned_" + learned] = 1.0
    if ev["ty_caps_heading"] and text and any(regex.search(r"\b" + regex.escape(w.title()) + r"\b", text)
                                              for w in words if len(w) > 2):
        ev["ty_caps_heading"] = 0.0  # "TRUMP:" in a transcript: the article prints the name too
    return decide_type(ev, how, kind, ent), ev


def speaker_mention_type(index, text: str, q) -> tuple[str | None, bool, bool]:
    """What the words that name quote `q`'s stored speaker are, read from their tokens in the
    article's parse `index` (a textindex.ArticleIndex) as a candidate is typed: (their entity
    type, whether their head is a plural noun, whether they hold a name: a proper noun outside
    quotation marks, "Clinton’s broadside", or a head capitalised inside its sentence, "State
    marked them ..."); (None, False, False) when no mention was found."""
    if q.speaker_start is None or q.speaker_end is None:
        return None, False, False
    toks = list(index.tokens_between(q.speaker_start, q.speaker_end))
    if not toks:
        return None, False, False
    how = (q.method or "").split(":")[-1]
    head = syntactic_head(toks)
    named = any(t.pos_ == "PROPN" and not index.in_quote(index.pos(t)) for t in toks) \
        or head.text[:1].isupper() and not head.is_sent_start
    return entity_type(toks, how, q.speaker_kind, None, text, index.pos(toks[0]))[0], head.tag_ in ("NNS", "NNPS"), named


def is_person_noun(tok) -> bool:
    """A common noun that names a person: "man", "source", a word in -er/-ist/-ian... ("voter",
    "student", "economist")."""
    return tok.lower_ in PERSON_NOUNS or tok.pos_ == "NOUN" and bool(PERSON_SUFFIX.search(tok.lower_))


def occupation_noun(tok, text: str = "") -> str | None:
    """What says a singular common noun names what a person does, though no title list holds it
    ("the striker", "the cardiologist"; "the chef" when the article writes "chef, who"): the
    `occupation_evidence` of the tagger's singular common noun in lower case, or None. An
    agentive ending alone needs an animate context too: the noun is the subject of a speech
    verb ("the striker said"), not of any clause ("The major danger is ...")."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not tok.text.islower():
        return None
    found = occupation_evidence(tok.lower_, text)
    if found == "suffix" and not (tok.dep_ in ("nsubj", "nsubjpass") and is_cue_token(tok.head)):
        return None
    return found


def occupation_evidence(low: str, text: str = "") -> str | None:
    """What says a lower-case noun names an occupation no title list holds: "learned" (train's
    gold speakers teach it, `learned_noun_type` "person"), "work" (the people of a work, "the
    actor"), "who" (the article `text` itself puts a "who" after it) or "suffix" (an agentive
    ending, `AGENT_SUFFIX`); None when nothing does. A noun any list types otherwise (a
    title, thing, document, speech noun, group, organisation or time word) is never one:
    "the letter", "the order", "the paper" stay what they are, and of the other person nouns
    none is ("the mother", "the man": no occupation)."""
    if low in ROLE_NOUNS or low in THING_NOUNS or low in DOCUMENT_NOUNS or low in SPEECH_NOUNS \
            or low in GROUP_NOUNS or low in ORG_WORDS or low in TIME_WORDS:
        return None
    if low in PERSON_NOUNS:
        return "work" if low in WORK_PEOPLE else None
    learned = _learned_form_type(low)
    if learned is not None:
        return "learned" if learned == "person" else None
    if "who" in text and regex.search(r"\b" + regex.escape(low) + r",?[ \u00a0]+who\b", text):
        return "who"
    return "suffix" if AGENT_SUFFIX.match(low) else None


def learned_noun_type(tok) -> str | None:
    """What PolNeAR train's gold speakers say a common noun is (quotes.lexicon.speaker_nouns):
    person, group, organisation or document for a noun that heads gold speakers (its plural
    a group: "the neurosurgeons"), "thing" for one that never speaks, None when train does
    not tell. The form is looked up, then its singular ("witnesses" -> "witness")."""
    return _learned_form_type(tok.lower_)


def _learned_form_type(low: str) -> str | None:
    for form in (low, *singulars(low)):
        typ = SPEAKER_NOUN_TYPES.get(form)
        if typ:
            return "group" if typ == "person" and form != low else typ
        if form in THING_NOUNS_LEARNED:
            return "thing"
    return None


def singulars(low: str) -> tuple[str, ...]:
    """The forms a plural may be the plural of ("witnesses": "witness", "witnesse")."""
    if low.endswith("ies"):
        return (low[:-3] + "y",)
    if low.endswith("es"):
        return (low[:-2], low[:-1])
    return (low[:-1],) if low.endswith("s") and not low.endswith("ss") else ()


def of_object(tok):
    """The object of an "of" that hangs on `tok` ("a group of rabbis": "rabbis"), or None."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def of_people(tok) -> bool:
    """`tok`'s "of" object is people ("half of voters", "a group of rabbis", "one of them")."""
    obj = of_object(tok)
    if obj is None:
        return False
    low = obj.lower_
    return (low in ("them", "us") or low in GROUP_NOUNS or low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS
            or is_person_noun(obj) or learned_noun_type(obj) in ("person", "group"))


def is_time_word(word: str) -> bool:
    """'Friday', 'morning', 'weeks'; not the capitalised time words that name a paper, a
    magazine or a show ('Time magazine', 'the Global Times tabloid', 'USA Today')."""
    low = word.lower()
    return low in TIME_WORDS and (low in CALENDAR or not word[:1].isupper())


_CAPS_WORD = regex.compile(r"\p{Lu}[\p{Lu}\p{N}.&'’-]*")
_LINE_CAPS = regex.compile(r"(?:\p{Lu}[\p{Lu}\p{N}.&'’-]*[ \t]+)*\p{Lu}[\p{Lu}\p{N}.&'’-]*(?=[ \t]*(?:[:—–|-]|$))", regex.M)


def in_caps_heading(text: str, start: int, end: int) -> bool:
    """The mention is (part of) a run of capitals that opens its line and ends in a colon or
    a dash ("READ MORE:", "GENEVA —", "ANALYSIS |"), or of two or more capitalised words
    ("BREAKING NEWS"), not a lone acronym ("NATO said")."""
    if not _CAPS_WORD.fullmatch(text[start:end].replace(" ", "")):
        return False
    line = text.rfind("\n", 0, start) + 1
    m = _LINE_CAPS.match(text, line)
    if m and m.start() <= start and end <= m.end():
        return True
    lo, hi = start, end
    while lo > 0 and text[lo - 1] in " \t":
        k = lo - 1
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if not _CAPS_WORD.fullmatch(text[k:lo - 1]):
            break
        lo = k
    while hi < len(text) and text[hi] in " \t":
        k = hi + 1
        while k < len(text) and not text[k].isspace():
            k += 1
        if not _CAPS_WORD.fullmatch(text[hi + 1:k].rstrip(",.:;")):
            break
        hi = k
    return len(text[lo:hi].split()) >= 2


def syntactic_head(toks):
    """The syntactic head of a mention's tokens (the one whose head lies outside them; the
    last when none does; None for no tokens). Tokens may come from several parsed segments."""
    if not toks:
        return None
    ids = {(id(t.doc), t.i) for t in toks}
    for t in toks:
        if (id(t.doc), t.head.i) not in ids or t.head.i == t.i:
            return t
    return toks[-1]


def decide_type(ev: dict[str, float], how: str | None, kind: str | None, ent) -> str:
    how = how or ""
    if ev["ty_caps_heading"] and not (ent is not None and ent.subject_pos):
        return "not_speaker"
    if ev["ty_pronoun"]:
        return "person" if ent is not None and ent.kind == "person" else "group"
    if how in ("document",):
        return "document"
    if ent is not None and how in ("name", "appositive", "role", "role_guess", "pronoun"):
        if ev["ty_place"] and not ent.subject_pos:
            return "not_speaker"
        return "organisation" if ent.kind == "organisation" else "person"
    if ev["ty_time"] and not ev["ty_role_noun"]:
        return "not_speaker"
    if ev["ty_place"]:
        return "not_speaker"
    if ev["ty_title_only"] and ent is None:
        return "not_speaker"
    if how == "affiliation" or kind == "organisation" and (ev["ty_org_word"] or ev["ty_propn"]):
        return "organisation"
    if ev["ty_doc_noun"]:
        return "document"
    if ev["ty_group_noun"]:
        return "group"
    if ev["ty_role_noun"] or ev["ty_person_noun"]:
        return "person"
    if ev["ty_of_people"]:
        return "group"  # "a group of rabbis", "half of voters"
    for learned in ("document", "organisation", "group", "person"):
        if ev.get("ty_learned_" + learned):
            return learned
    if ev["ty_thing_noun"] or ev.get("ty_learned_thing"):
        return "not_speaker"  # "the figures", "rising prices", "his eyes"
    if ev["ty_common_noun"]:
        return "description"  # a noun phrase the ranker weighs on its other evidence
    if ev["ty_propn"]:
        return "organisation" if kind == "organisation" or ev["ty_org_word"] else "person"
    return "not_speaker" if not how or how == "none" else "person"


_NAME_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.’'&-]*")


def stored_name_type(name: str | None, text: str = "", mention: str | None = None) -> str | None:
    """What a stored speaker NAME is when it is no speaker: "time" ("Friday morning", "recent
    weeks"), "place" ("America", a dateline "GENEVA —"), "heading" (capitals heading a line
    the article never prints in lower case: "READ MORE:"), "thing" ("the figures", "rising
    prices"); None for a possible speaker. Read off the name (and the article, for
    headings) alone, whatever mention and resolution led to it: the check behind the issue's
    "no quote whose speaker is a thing, a time, a place or a heading"."""
    # "Sara Walker, 44, a home-care aide ...": the name is what comes before the comma
    words = _NAME_WORD.findall((name or "").split(",")[0])
    if not words or mention and mention.split()[0].lower().rstrip(".") in PERSONAL_HONORIFICS:
        return None  # (a courtesy title makes a person of "Mrs May", "Mr. August")
    low = [w.lower().rstrip(".").removesuffix("’s").removesuffix("'s") for w in words]
    caps = " ".join(words)
    if caps.isupper() and text and regex.search(r"(?m)^[ \t]*" + regex.escape(caps) + r"(?:,[^\n,]{1,20})?[ \t]+[—–-]", text):
        return "place"  # a dateline: "NEWPORT NEWS, Va. -", "GENEVA —"
    # "a Mexican official who was not authorized ...", "officials with knowledge of ...":
    # the head is before the first relative or prepositional word
    cut = next((i for i, w in enumerate(low) if i and w in CLAUSE_WORDS), len(low))
    words, low = words[:cut], low[:cut]
    content = [w for w in low if w not in PHRASE_DETERMINERS]
    if not content or any(w in ORG_WORDS for w in content) or content[-1] == "percent":
        return None  # "the Clinton campaign", "the Times": organisations; "63 percent": of people
    if all(w in TIME_WORDS or w.isdigit() or w in TIME_MODIFIERS
           for w in content):
        return "time"
    if is_place(" ".join(content)):
        return "place"
    joined = " ".join(words)
    if joined.isupper() and text and _is_heading(joined, text) and not any(
            regex.search(r"\b" + regex.escape(w.title()) + r"\b", text) for w in words if len(w) > 2):
        return "heading"
    # a thing noun, unless it is a person's surname ("J. J. Price", "Tom Price")
    person = any(len(w.rstrip(".")) == 1 or w.lower() in FEMALE_NAMES or w.lower() in MALE_NAMES for w in words)
    if content[-1] in THING_NOUNS and not (words[-1][:1].isupper() and person):
        return "thing"
    return None


def _is_heading(caps: str, text: str) -> bool:
    """Capitals that head a line ("READ MORE:", "ANALYSIS —", "BREAKING NEWS"), not an acronym
    in a sentence ("CREW said") nor a transcript's turns ("WALLACE: ...", more than once)."""
    at_line = regex.findall(r"(?m)^[ \t\"“]*" + regex.escape(caps) + r"[ \t]*([:|—–-])", text)
    if len(caps.split()) == 1 and sum(1 for sep in at_line if sep == ":") >= 2:
        return False
    return bool(at_line) or len(caps.split()) >= 2 and len(caps) > 3
