"""Outlet, byline, date and title from what an article's own text says.

Many articles carry their publisher only in the text: a dateline `(Bloomberg) --`, a
copyright line, `By … Associated Press`, `told The Epoch Times`, `With Post wires`.
These are pure functions over the text; metadata given by the user always wins.
"""
from __future__ import annotations

import re
from datetime import datetime

from quotes.ingest.publishers import PUBLISHERS, outlet_key

# Outlet names as they are written in text, mapped to one canonical name.
CANONICAL_OUTLETS = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "the epoch times": "The Epoch Times",
    "epoch times": "The Epoch Times",
    "post": "New York Post",
    "new york post": "New York Post",
    "the new york post": "New York Post",
    "fox news": "Fox News",
    "the new york times": "The New York Times",
    "the washington post": "The Washington Post",
    "cnn": "CNN",
    "bbc": "BBC",
}

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|and|for))*"

# (pattern, group holding the outlet). Checked in order: the most explicit first.
_OUTLET_PATTERNS = [
    re.compile(r"\((Bloomberg|Reuters|AP|AFP)\)\s*(?:--|—|–|-)"),
    re.compile(r"©\s*\d{4}\s+(" + _NAME + r")"),
    re.compile(r"^By\s+[^\n]+?,\s+(Associated Press|The Associated Press|Reuters|Bloomberg(?: News)?)\s*$", re.M),
    re.compile(r"^(Associated Press|The Associated Press) writers?\b", re.M),
    re.compile(r"\bis an? (?:\w+ )?(?:reporter|correspondent|writer|editor) (?:for|at|with) (" + _NAME + r")"),
    re.compile(r"^With (Post) wires\s*$", re.M),
    re.compile(r"\b(?:told|said to|in an interview with) (The Epoch Times|Fox News|The New York Times|The Washington Post|Reuters|Bloomberg|CNN|the BBC)\b"),
]

_BYLINE_PATTERNS = [
    re.compile(r"^By\s+([^\n,]+?(?:\s+and\s+[^\n,]+?)?)(?:,\s+[^\n]+)?\s*$", re.M),
    re.compile(r"^([A-Z][\w.'’-]+(?:[ ]+[A-Z][\w.'’-]+){1,3}) is an? (?:\w+ )?(?:reporter|correspondent|writer|editor) (?:for|at|with)\b", re.M),
]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = [
    re.compile(r"\bdate\s+(\d{4}-\d{2}-\d{2})\b"),
    re.compile(r"^Posted on \w+, ((?:" + _MONTHS + r") \d{1,2}, \d{4})", re.M),
    re.compile(r"^(?:Published|Updated):?\s+((?:" + _MONTHS + r") \d{1,2}, \d{4})", re.M),
]


# every known spelling, keyed by `outlet_key` ("the hill" and "hill" alike)
_KNOWN = {outlet_key(name): name for name in PUBLISHERS.values()}
_KNOWN.update({outlet_key(k): v for k, v in CANONICAL_OUTLETS.items()})


def canonical_outlet(name: str | None) -> str | None:
    """One spelling per outlet ("AP", "The Associated Press" -> "Associated Press").

    A known outlet gets its own name, with its "The" where it has one ("Hill" -> "The
    Hill"). Other names stay as printed: the store keys "The Daily X" and "Daily X" as one
    outlet (`store.db.slug`)."""
    if not name:
        return None
    cleaned = " ".join(name.split()).strip(" .,;")
    cleaned = re.sub(r"[\s,]+(?:L\.?P\.?|Inc\.?|LLC|Ltd\.?|Corp\.?)$", "", cleaned)
    if not cleaned:
        return None
    known = CANONICAL_OUTLETS.get(cleaned.lower()) or _KNOWN.get(outlet_key(cleaned))
    if known:
        return known
    return cleaned


def detect_outlet(text: str) -> str | None:
    """The outlet the text itself names as its publisher, or None."""
    for pattern in _OUTLET_PATTERNS:
        match = pattern.search(text)
        if match:
            return canonical_outlet(match.group(1))
    return None


def detect_byline(text: str) -> str | None:
    """Author names from a `By …` line or an author blurb."""
    head = text[:2000]
    for pattern in _BYLINE_PATTERNS:
        match = pattern.search(head if pattern is _BYLINE_PATTERNS[0] else text)
        if match:
            return " ".join(match.group(1).split())
    return None


def detect_published(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a dateline near the top of the article."""
    head = text[:1500]
    for pattern in _DATE_PATTERNS:
        match = pattern.search(head)
        if not match:
            continue
        value = match.group(1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value
        try:
            return datetime.strptime(value, "%B %d, %Y").date().isoformat()
        except ValueError:
            continue
    return None


def detect_title(text: str) -> str | None:
    """The first line when it reads like a headline: short, no final full stop."""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if (
            len(line) <= 160
            and not line.endswith((".", "--"))
            and not line.startswith("By ")
            and not re.search(r"\((?:Bloomberg|Reuters|AP|AFP)\)|\bdate\s+\d{4}", line)
        ):
            return line
        return None
    return None


def detect_metadata(text: str) -> dict[str, str | None]:
    """All the metadata the text carries about itself."""
    return {
        "outlet": detect_outlet(text),
        "byline": detect_byline(text),
        "published": detect_published(text),
        "title": detect_title(text),
    }
