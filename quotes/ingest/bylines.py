"""Bylines cleaned of page furniture: the authors' names and nothing else.

Web pages put more than names where the author goes: "Analysis by Chris Cillizza, CNN",
"Meg James Staff Writer", "ROBERT BURNS; AP National Security Writer", "Photo by …",
"Account You're logged in", "No Author", the date ("Jeff Foust Monday; November"), an
e-mail address. `clean_byline` keeps the pieces that read like people's names.

Word lists (new here; to be folded into quotes/lexicon): `JOB_WORDS` (titles that follow a
name in a byline), `FURNITURE_WORDS` (words that mark a piece as page furniture),
`DATE_WORDS` (days and months).
"""
from __future__ import annotations

import re

JOB_WORDS = {
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "columnist",
    "editor", "editors", "contributor", "contributing", "senior", "chief", "national", "political",
    "politics", "business", "sports", "auto", "security", "science", "health", "tech", "technology",
    "entertainment", "investigative", "report", "reports", "special", "associate", "managing", "deputy",
    "news", "digital", "producer", "analyst", "critic", "photographer", "intern", "team", "desk",
    "wire", "services", "service", "bureau", "chief", "ap", "afp", "pub",
}
FURNITURE_WORDS = {
    "account", "logged", "login", "log", "sign", "subscribe", "subscriber", "newsletter", "photo", "photos",
    "image", "images", "video", "credit", "getty", "shutterstock", "illustration", "follow", "share",
    "email", "updated", "published", "posted", "comments", "comment", "read", "more", "click", "admin",
    "administrator", "author", "unknown", "anonymous", "none", "null", "guest", "editorial", "board",
}
DATE_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "am", "pm", "et", "est", "edt", "gmt", "utc",
}
_LEAD = re.compile(r"^(?:(?:analysis|opinion|commentary|story|text|words|report(?:ing)?|written|"
                   r"interview|текст|von|por|par|di|door)\s+)?by\s+|^(?:текст|text)\s+", re.I)
_BLURB = re.compile(r"\s+is\s+an?\s+.*$", re.I)
_EMAIL = re.compile(r"\S+@\S+|\b\w+\s+(?:com|org|net)\b$", re.I)
_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\||/|\n)\s*", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$", re.UNICODE)


def _is_job_or_date(word: str) -> bool:
    w = word.lower().strip(".,")
    return w in JOB_WORDS or w.split("-")[0] in JOB_WORDS or w in DATE_WORDS or w.isdigit()


def _publisher_names() -> set[str]:
    from quotes.ingest.publishers import PUBLISHERS

    return {n.lower() for n in PUBLISHERS.values()} | {"associated press", "the associated press"}


PUBLISHER_NAMES = _publisher_names()


def clean_name(piece: str, outlet: str | None = None) -> str | None:
    """One byline piece as a person's name, or None when it is not one."""
    piece = _BLURB.sub("", _LEAD.sub("", piece.strip())).strip(" .,:-–—")
    piece = _EMAIL.sub("", piece).strip(" .,:-–—")
    lowered = piece.lower()
    outlets = PUBLISHER_NAMES | ({outlet.lower()} if outlet else set())
    if lowered in outlets:
        return None  # a publisher credited as author ("Meg Kinnard; Associated Press")
    for name in outlets:  # "JILL LAWLESS Associated Press"
        if lowered.endswith(" " + name):
            piece = piece[: -len(name) - 1]
            break
    words = piece.split()
    if any(w.lower().strip(".,'’") in FURNITURE_WORDS for w in words):
        return None
    while words and _is_job_or_date(words[-1]):  # "Meg James Staff Writer", "Carrie Arnold November"
        words.pop()
    while words and _is_job_or_date(words[0]):
        words.pop(0)
    if not words or len(words) > 5 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(_is_job_or_date(w) for w in words) and len(words) <= 2:
        return None
    name = " ".join(words)
    if outlet and name.lower().removeprefix("the ") == outlet.lower().removeprefix("the "):
        return None  # the outlet credited as author ("Meg Kinnard; Associated Press")
    if len(words) == 1 and not name.isupper() and len(name) < 3:
        return None
    if name.isupper() and len(words) > 1:  # "ROBERT BURNS" -> "Robert Burns"
        name = " ".join(w.capitalize() for w in words)
    return name


def clean_byline(byline: str | None, outlet: str | None = None) -> str | None:
    """The authors' names in a byline, "; "-separated, or None when none is left."""
    if not byline or not isinstance(byline, str):
        return None
    names: list[str] = []
    for piece in _SPLIT.split(byline):
        name = clean_name(piece, outlet) if piece else None
        if name and name not in names:
            names.append(name)
    return "; ".join(names) or None
