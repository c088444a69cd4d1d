"""Split quotes: one utterance printed in parts around its attribution.

An outlet often interrupts a quote with its attribution: “If their intention is ... not
only in Europe,” Austin said. “It will also impact things in the Indo-Pacific as well.”
The extractor reports two quotes (FORMAT.md), while another outlet prints the same words as
one quote ("... not only in Europe but also in things in the Indo-Pacific"). The first
part joins that utterance by the usual tiers; the second, alone, shares too few words with
the whole to join it. Together they are one act of speaking.

This module holds the two pure tests the grouping's split-part tier
(``grouping._Grouper.join_split_parts``) uses:

- ``adjacent_parts``: two quotes of one article, same speaker, the second starting at most
  ``SPLIT_GAP`` characters after the first ends (room for ``,” Austin told reporters. “``),
  with no other quote between them, neither a title (``titles.is_title``: “Going Viral,”
  next to its author's remark is the name of a book, not more of the remark);
- ``continues``: a part's words carry on, in another outlet's quote, where the other part's
  words stop there (or lead up to where they start): the shared runs (2+ words with a
  content word) cover half of the shorter side and begin (or end) within ``SPLIT_SLACK``
  words of the other part's edge.

Without such a one-piece quote, two parts in two utterances are still one when
``SPLIT_ARTICLES`` articles each print them as the parts of one split quote (two editions
of one story, or two outlets quoting the same passage the same way, “A,” he said. “B.”).
Editions of one outlet's story may part them further (``SPLIT_EDITION_GAP``: an attribution
with the speaker's role, “,” said Ann Prof, who teaches law at a state college and advises
two county boards. “”): adjacent sentences of one interview answer, printed alike twice. Two
outlets' stories that far apart are no evidence (a writer's sentence between two remarks).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from quotes.corpus.textnorm import STOPWORDS
from quotes.extract.titles import is_title

SPLIT_GAP = 80  # characters between the two parts of one split quote: room for an
# attribution (“,” Lloyd Austin told reporters while on a trip to Europe. “”: 58), not for a
# sentence of the writer's between them (measured on PolNeAR train+dev: 160 also joins the
# seeds' Epoch evidence/seen quotes, which the seeds' gold keeps apart)
SPLIT_EDITION_GAP = 200  # the same, when SPLIT_ARTICLES editions of one outlet's story part the
# same two utterances there (grouping._split_alike): room for the attribution with the speaker's
# role (“,” said Ann Prof, who teaches law at a state college and advises two county boards. “”:
# 85; on PolNeAR train+dev 99-130); two editions printing the parts alike is the evidence, so
# the gap may hold more than the attribution
SPLIT_SLACK = 3  # words of the other outlet's quote between the parts' edges ("but", "and")
SPLIT_COVER = 0.5  # share of the shorter side in shared runs
SPLIT_RUN = 3  # longest shared run at least
SPLIT_ARTICLES = 2  # articles that split the same two utterances around one attribution


def adjacent_parts(starts: Sequence[int | None], ends: Sequence[int | None], articles: Sequence[str],
                   speakers: Sequence[str | None], texts: Sequence[str], gap: int = SPLIT_GAP) -> list[tuple[int, int]]:
    """(first, second) indexes of the quotes that are consecutive parts of one split quote
    (see module doc), at most ``gap`` characters apart, in index order. A title stays in the
    order: it parts its neighbours."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        if starts[i] is not None and ends[i] is not None:
            by_article[a].append(i)
    out = []
    for idxs in by_article.values():
        idxs.sort(key=lambda i: (starts[i], ends[i]))
        for i, j in zip(idxs, idxs[1:]):
            if (speakers[i] is not None and speakers[i] == speakers[j]
                    and 0 <= starts[j] - ends[i] <= gap
                    and not is_title(texts[i]) and not is_title(texts[j])):
                out.append((i, j))
    return sorted(out)


def _runs(part: tuple[str, ...], other: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Shared runs of 2+ words holding a content word: (part start, other start, length),
    longest first (``difflib``'s matching blocks: an LCS would cut "i expect to" in two where
    "and i expect to though and i want to" repeats "i" and "to")."""
    blocks = SequenceMatcher(None, part, other, autojunk=False).get_matching_blocks()
    return [(s, d, n) for s, d, n in blocks if n >= 2 and any(k not in STOPWORDS for k in part[s:s + n])]


def continues(part: tuple[str, ...], rest: tuple[str, ...], after: bool) -> bool:
    """The part's words are what ``rest`` says next to the other part: ``rest`` is the other
    outlet's quote after the other part's words (``after``) or before them."""
    if not part or not rest:
        return False
    runs = _runs(part, rest)
    if not runs or max(n for _, _, n in runs) < SPLIT_RUN:
        return False
    if sum(n for _, _, n in runs) < SPLIT_COVER * min(len(part), len(rest)):
        return False
    if after:
        return min(d for _, d, _ in runs) <= SPLIT_SLACK
    return len(rest) - max(d + n for _, d, n in runs) <= SPLIT_SLACK
