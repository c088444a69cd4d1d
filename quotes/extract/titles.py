"""Does a quoted span look like a title? One definition for every stage that asks (issue 18):
the quote filter's features, the ranker's term test, the rules' title-or-nickname test and
the quotes of articles not in English.
"""
from __future__ import annotations


def title_like(words: list[str]) -> bool:
    """Two or more words, first and last capitalised, at least half of them capitalised: a
    title in any language ("Jewels after Jewels", "Il Signore degli Anelli"), whatever its
    small words are."""
    caps = [w[:1].isupper() or w[:1].isdigit() for w in words]
    return len(words) >= 2 and caps[0] and caps[-1] and 2 * sum(caps) >= len(words)
