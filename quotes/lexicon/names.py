"""Name rules, once: cleaning a printed name, splitting a title from it, surnames, gender
evidence, and THE rule for "can these two names be one person?".

Pure functions of strings; the word lists they read are in `quotes.lexicon.words`.
"""
from __future__ import annotations

import regex

from quotes.lexicon.words import (DEPT_WORDS, FEMALE_NAMES, HONORIFICS, MALE_NAMES, ORG_WORDS, PLACES,
                                  ROLE_NOUNS)

_POSS = regex.compile(r"(?:['’]s|['’])$")
_PAREN = regex.compile(r"\s*\([^()]*\)")
_PARTY = regex.compile(r",?\s+[RDI]-[A-Z][\w.]*\.?$")
_POSSESSIVE_END = regex.compile(r"['’]s?$")

# Not right after an initial or a title abbreviation ("Elijah E. Cummings", "Sen. Rubio"):
# what keeps a dot from ending a sentence.
NOT_ABBR = (r"(?<!\b\p{Lu})(?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Inc|Co|Corp|No|Rev|"
            r"Prof|Capt|Adm|Maj|Del|Ft|Mt|vs|U\.S|D\.C))")


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


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) for a capitalised run like 'US Defense Secretary Lloyd Austin'.

    The name is the longest tail that holds no role noun or honorific; a possessive before
    the name and department words after the title ('Secretary of Defense') belong to the title.
    """
    k = len(words)
    while k > 0:
        w = words[k - 1].lower().strip(".,")
        if w in ROLE_NOUNS or w in HONORIFICS or w.rstrip(".") in HONORIFICS \
                or "-" in w and any(x in ROLE_NOUNS for x in w.split("-")):  # "Secretary-Treasurer"
            break
        k -= 1
    # a possessive before the name belongs to the title: "Colorado’s Kendal Unruh"
    for j in range(len(words) - 2, k - 1, -1):
        if _POSSESSIVE_END.search(words[j]) and len(words[j]) > 2:
            k = j + 1
            break
    title, name = words[:k], words[k:]
    if title:
        while len(name) > 1 and name[0].lower() in DEPT_WORDS:
            title.append(name.pop(0))
    return title, name


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


def is_place(name: str) -> bool:
    words = [w for w in name.lower().split() if w != "the"]
    return "-".join(words) in PLACES


def is_org_name(name: str) -> bool:
    return any(w.lower().strip(".,’'s") in ORG_WORDS for w in name.split())
