"""Name rules, once: cleaning a printed name, splitting a title from it, surnames, gender
evidence, and THE rule for "can these two names be one person?".

Pure functions of strings; the word lists they read are in `quotes.lexicon.words`.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from quotes.lexicon.words import (COURTESY_HONORIFICS, DEPARTMENTS, DEPT_WORDS, DESCRIPTIVE_ROLES, DOCUMENT_NOUNS,
                                  FEMALE_NAMES, FEMALE_ROLES, GROUP_NOUNS, HONORIFICS, MALE_NAMES, MALE_ROLES,
                                  NAME_PARTICLES, ORG_HEADS, ORG_OPENING_TITLES, ORG_WORDS, PARTY_WORDS, PERSON_NOUNS,
                                  PHRASE_DETERMINERS, PLACES, QUANTIFIERS, ROLE_PLACE_WORDS, TITLE_ABBREVIATIONS,
                                  TITLE_HEADS)

_POSS = regex.compile(r"(?:['’]s|['’])$")
_PAREN = regex.compile(r"\s*\([^()]*\)")
_PARTY = regex.compile(r",?\s+[RDI]-[A-Z][\w.]*\.?$")
_POSSESSIVE_END = regex.compile(r"['’]s?$")

# Not right after an initial or a title abbreviation ("Elijah E. Cummings", "Sen. Rubio"):
# what keeps a dot from ending a sentence.
NOT_ABBR = (r"(?<!\b\p{Lu})(?<!\b(?:" + "|".join(sorted(
    {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Co", "Corp", "No", "Del", "Ft", "Mt", "vs", r"U\.S", r"D\.C"}
    | {a.capitalize() for a in TITLE_ABBREVIATIONS})) + "))")


def clean_name(s: str) -> str:
    """Strip possessives, party tags '(D-Nev.)', ', R-Ky.' and stray punctuation."""
    s = _PAREN.sub("", s or "")
    s = _PARTY.sub("", s)
    s = s.strip(" ,.;:—–-\"“”‘’'\n\t")
    s = _POSS.sub("", s)
    return " ".join(s.split())


def is_honorific(word: str) -> bool:
    """'Mr', 'Sen.', 'Gov' (with or without its dot)."""
    return word.lower().rstrip(".") in HONORIFICS


def without_honorifics(words: list[str]) -> str:
    """The title words as a role: 'US Defense Secretary', not 'Sen.'."""
    return " ".join(w for w in words if not is_honorific(w))


def _is_title_head(word: str) -> bool:
    w = word.lower().strip(".,")
    return (w in TITLE_HEADS or w in HONORIFICS or w.rstrip(".") in HONORIFICS
            or "-" in w and any(x in TITLE_HEADS for x in w.split("-")))  # "Secretary-Treasurer"


def _of_words(name: list[str]) -> int:
    """How many words of "of Defense ...", "of the Interior ...", "of Health and Human Services
    ..." after a title head belong to the title ("Secretary of Defense Lloyd Austin")."""
    tail = " ".join(w.lower() for w in name[1:])
    for dept in DEPARTMENTS:
        if tail == dept or tail.startswith(dept + " "):
            return 1 + len(dept.split())
    return 3 if len(name) > 3 and name[1].lower() == "the" else 2


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a run like 'US Defense Secretary Lloyd Austin': THE title
    rule, for the extractor's capitalised runs and the corpus step's stored name forms.

    The name is the longest tail that holds no title head (TITLE_HEADS, an honorific); a
    possessive before the name ('Colorado’s Kendal Unruh'), "of" and its department after a
    head ('Secretary of Defense', 'President of Ukraine') and department words after the
    title ('Secretary of State') belong to the title.
    """
    k = len(words)
    while k > 0 and not _is_title_head(words[k - 1]):
        k -= 1
    # a possessive before the name belongs to the title: "Colorado’s Kendal Unruh"
    for j in range(len(words) - 2, k - 1, -1):
        if _POSSESSIVE_END.search(words[j]) and len(words[j]) > 2:
            k = j + 1
            break
    title, name = words[:k], words[k:]
    if title and name and _organisation_named(title, name):
        return [], list(words)
    if title and name and name[0].lower() == "of":
        n = _of_words(name)
        title, name = title + name[:n], name[n:]
    if title:
        while len(name) > 1 and name[0].lower() in DEPT_WORDS:
            title.append(name.pop(0))
    return title, name


def _organisation_named(title: list[str], name: list[str]) -> bool:
    """'Justice Department', 'General Motors', 'Judge Business School': words that are also
    titles open an organisation's name (the rest ends in an organisation's head, or is one
    organisation word). Only title heads in full before it ("Sen. Banks" is a senator;
    "Britain's Parliament", "CEO of Washington Restaurant Association" keep their split); before one
    organisation word that is no head ("Motors", "Fox") only titles that also open organisations'
    names ("President Fox", "Senator Banks" are persons; "Executive Committee" is a committee)."""
    if not all(_is_title_head(w) and not w.endswith(".") and w.lower() not in HONORIFICS for w in title) \
            or any(w.lower() == "of" for w in name):
        return False
    last = name[-1].lower().strip(".,")
    return last in ORG_HEADS or len(name) == 1 and is_org_name(last) \
        and all(w.lower() in ORG_OPENING_TITLES for w in title)


def is_capitalised(word: str) -> bool:
    """Begins with a capital or a digit (after an opening mark): 'Austin', '“Lloyd', '3M'."""
    w = word.lstrip("\"'“‘(")
    return bool(w) and (w[0].isupper() or w[0].isdigit())


def _low(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


def clean_role(words: list[str]) -> str | None:
    """A title as a role: courtesy honorifics and leading place words or possessives dropped
    ('US Defense Secretary' -> 'Defense Secretary'), first letter upper case so 'Defense
    Secretary' and 'defense secretary' are one role."""
    words = [w for w in words if _low(w) not in COURTESY_HONORIFICS]
    while len(words) > 1 and (_low(words[0]) in ROLE_PLACE_WORDS or regex.search(r"['’]s$", words[0])):
        words = words[1:]
    role = " ".join(words).strip(" ,")
    return role[0].upper() + role[1:] if role else None


def _given_name_first(words: list[str]) -> bool:
    """A known given name, then capitalised words and no possessive: a person whose surname
    is also an office ("Larry King", "Amy Pope", "Peter T. King"), not a role."""
    return (len(words) >= 2 and first_name_gender(words[0]) is not None
            and all(is_capitalised(w) and not _POSS.search(w) for w in words))


@lru_cache(maxsize=1 << 16)
def name_and_role(form: str) -> tuple[str, str | None]:
    """(name, role) of a printed name form, by ``split_title``: 'US Defense Secretary Lloyd
    Austin' -> ('Lloyd Austin', 'Defense Secretary'); a title alone -> ('', role); a party
    label is a role ('Democrat Hillary Clinton'). Stored forms are not all names: a title
    head must be followed by a capitalised name (a possessive alone is no title: "Editor's
    Note"); an office (not a DESCRIPTIVE_ROLES word) alone or before lower-case words is all
    role ('the defense secretary'); anything else stays as printed."""
    words = [w for w in regex.split(r"[\s,]+", form.strip()) if w]
    while words and _low(words[0]) in ("the", "a", "an"):
        words = words[1:]
    party = None
    if (len(words) >= 3 and _low(words[0]) in PARTY_WORDS and all(is_capitalised(w) for w in words[1:])
            and _low(words[-1]).strip(".,") not in ORG_HEADS):
        party, words = words[0], words[1:]
    title, name = split_title(words)
    # a rank without its dot right before a name may be a given name ("Gen Nakatani")
    while (title and name and not title[-1].endswith(".")
           and _low(title[-1]) in HONORIFICS - TITLE_HEADS - COURTESY_HONORIFICS):
        name.insert(0, title.pop())
    heads = [_low(w).strip(".,") for w in title if _is_title_head(w) and _low(w) != "the"]
    office = bool(heads) and heads[-1] in TITLE_HEADS and heads[-1] not in DESCRIPTIVE_ROLES
    possessed = bool(title) and _POSSESSIVE_END.search(title[-1])  # "Rep. X's office"
    if heads and name and is_capitalised(name[0]) and all(is_capitalised(w) or _low(w) in NAME_PARTICLES
                                                          for w in name):
        pass  # a title before a name
    elif office and not possessed and not any(is_capitalised(w) for w in name) and not _given_name_first(words):
        title, name = words, []  # an office alone or before a description: all role
    else:
        title, name = [], words  # no title ("Editor's Note", "the senator from Vermont")
    name = [w for w in name if _low(w) not in COURTESY_HONORIFICS]
    return " ".join(name).strip(" ,"), clean_role(title) or party


_DESCRIBING_NOUNS = DOCUMENT_NOUNS | GROUP_NOUNS | PERSON_NOUNS
_OPENERS = PHRASE_DETERMINERS | QUANTIFIERS | {"one", "another"}


@lru_cache(maxsize=1 << 16)
def describes(form: str) -> bool:
    """Does a speaker form describe rather than name ("the statement", "a spokesman", "The
    board", "IMF report", "just 1 percent of Democrats", "Transcript", "Officials")? Its head
    (the word before a lower-case "of", else the last word; a possessive dropped) is written
    in lower case, or is a document, group or person noun standing alone or after a
    determiner. "Fox News", "Bank of America", "Masayoshi Son", "the Pentagon", "Oversight
    Committee Republicans" name. Such a form never keys a speaker of the corpus index."""
    words = [w for w in regex.split(r"[\s,]+", form.strip()) if w]
    if not words:
        return True
    head_words = words[:words.index("of", 1)] if "of" in words[1:] else words  # (not a leading "of")
    head = _POSS.sub("", head_words[-1]).strip(".,;:\"“”")
    if not any(c.isupper() or c.isdigit() for c in head):  # "eBay" names
        return True
    return _low(head) in _DESCRIBING_NOUNS and (len(words) == 1 or _low(words[0]) in _OPENERS)


def surname(name: str) -> str:
    toks = name.split()
    return toks[-1].lower() if toks else ""


def surname_keys(name: str) -> list[str]:
    """The keys a surname is found by: 'Seedorff-Keninger' also by its last part 'Keninger'."""
    s = surname(name)
    if not s:
        return []
    keys = [s]
    if "-" in s.strip("-"):
        last = s.rsplit("-", 1)[1]
        if len(last) > 1:
            keys.append(last)
    return keys


def same_surname(form: str, name: str) -> bool:
    """'Keninger' ~ 'Sue Seedorff-Keninger': equal, or the last part of a hyphenated surname."""
    a, b = surname(form), surname(name)
    return a == b or a in surname_keys(name) or b in surname_keys(form)


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, deleted or changed ('Rence' for 'Reince')."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def given_names_agree(a: str, b: str, typos: bool = False) -> bool:
    """'Lloyd' ~ 'Lloyd', 'L.' ~ 'Lloyd' (an initial); with `typos`, 'Rence' ~ 'Reince'
    (one letter off)."""
    x, y = a.lower(), b.lower()
    if x == y:
        return True
    if x[:1] == y[:1] and (len(x.rstrip(".")) == 1 or len(y.rstrip(".")) == 1):
        return True
    return typos and _one_edit(x, y)


def same_person(a: list[str], b: list[str], given_names: bool = True, typos: bool = False) -> bool:
    """Can names `a` and `b` (their words, each caller's spelling folded) be one person?

    A name of one word fits any name that holds it ('Austin' ~ 'Lloyd Austin'; Korean family
    names come first: 'Park' ~ 'Park Sun-won'); two fuller names must share the surname
    (a hyphenated one also by its last part) and agree on the given name ('Eric Trump' is
    not 'Donald Trump'). `given_names=False` compares surnames only: for name forms whose
    first word may still be a title nobody stripped ('Gen. Wesley Clark', 'Counsel James
    A. Baker'), as the corpus step receives them. `typos=True` also lets two-word names
    whose given names are one letter apart agree ('Rence Priebus' ~ 'Reince Priebus'):
    across outlets that is a typo; inside one article it is more often two people
    ('Eric Garner' and his daughter 'Erica Garner').
    """
    if not a or not b:
        return False
    x = [w.lower() for w in a]
    y = [w.lower() for w in b]
    if len(x) == 1 or len(y) == 1:
        one, full = (x, y) if len(x) == 1 else (y, x)
        return one[0] in full or same_surname(one[0], full[-1])
    if not same_surname(x[-1], y[-1]):
        return False
    if not given_names:
        return True
    return given_names_agree(x[0], y[0], typos=typos and len(x) == len(y) == 2)


def first_name_gender(name: str) -> str | None:
    """'m' or 'f' when the first word is a common first name with a clear gender."""
    words = [w.lower().strip(".,") for w in name.split()]
    if not words:
        return None
    if words[0] in FEMALE_NAMES:
        return "f"
    if words[0] in MALE_NAMES:
        return "m"
    return None


def role_gender(words: list[str]) -> str | None:
    """'f' or 'm' when a word of a role tells it ("widow", "the New York businessman",
    "Mrs."), None when none does or they disagree."""
    low = {w.lower().strip(",’'") for w in words}
    f, m = bool(low & FEMALE_ROLES), bool(low & MALE_ROLES)
    return "f" if f and not m else "m" if m and not f else None


def is_place(name: str) -> bool:
    words = [w for w in name.lower().split() if w != "the"]
    return "-".join(words) in PLACES


def is_org_name(name: str) -> bool:
    return any(w.lower().strip(".,’'s") in ORG_WORDS for w in name.split())
