"""How two printed versions of one utterance differ, and how a printed version differs from
what was said in a primary source: the two vocabularies, here only.

The grouping (``quotes.corpus.grouping``) labels each quote of an utterance against its
reference with ``classify``; the source alignment (``quotes.corpus.sources``) labels a
quote against its transcript with ``SOURCE_RELATIONS``. The site (``quotes.site``) shows
these names with their meanings and compares two versions on the fly with ``relation_of``
(its SQL function ``quotes_relation``), so a label reads the same on every page and in
every table.
"""
from __future__ import annotations

from quotes.corpus.textnorm import Unit, collapse_space, units
from quotes.corpus.worddiff import window_opcodes

# A version against its utterance's reference: name -> what it means to a reader.
RELATION_TEXT = {
    "reference": "the version the others are compared with (usually the fullest)",
    "identical": "the same characters",
    "punctuation": "the same words; only punctuation, case, curly or straight marks or contractions differ",
    "truncation": "a cut of the reference (or the reference a cut of it)",
    "substitution": "words replaced",
    "omission": "words left out or added",
    "bracketed": "an editor's [insertion]",
    "paraphrase": "reworded: only some words kept",
}
RELATIONS = tuple(RELATION_TEXT)

# A printed version against the passage of the primary source, in order of gravity.
SOURCE_RELATION_TEXT = {
    "verbatim": "verbatim in the transcript",
    "punctuation": "the transcript's words, punctuated differently",
    "truncation": "words of the transcript left out",
    "words inserted": "words inserted that the transcript does not have",
    "words changed": "words changed from the transcript",
    "paraphrase": "reworded: only some of the transcript's words",
}
SOURCE_RELATIONS = tuple(SOURCE_RELATION_TEXT)
RELATION_RANK = {r: i for i, r in enumerate(SOURCE_RELATIONS)}

PARAPHRASE_BELOW = 0.7  # similarity under which a changed version is a paraphrase
BIG_CHANGE = 3  # words: a single change longer than this rewords the quote


def _brackets_differ(ref: list[Unit], var: list[Unit], window, changes) -> bool:
    """An editor's [bracketed] word in a changed region (``changes``: the window's opcodes
    that are not equal), or a word bracketed on one side only."""
    return any(var[j].bracket for op in changes for j in range(op.dest_start, op.dest_end)) or any(
        ref[j].bracket for op in changes for j in range(op.src_start, op.src_end)) or any(
        ref[op.src_start + j].bracket != var[op.dest_start + j].bracket
        for op in window if op.tag == "equal" for j in range(op.src_end - op.src_start))


def _changed(changes, sim: float) -> str:
    """paraphrase, substitution or omission, for a version with changed words."""
    tags = {op.tag for op in changes}
    big = any(max(op.src_end - op.src_start, op.dest_end - op.dest_start) > BIG_CHANGE for op in changes)
    if sim < PARAPHRASE_BELOW or big or (len(changes) >= 3 and len(tags) > 1):
        return "paraphrase"
    if tags == {"replace"}:
        return "substitution"
    if "replace" not in tags:
        return "omission"
    rep = sum(op.dest_end - op.dest_start for op in changes if op.tag == "replace")
    other = sum(max(op.src_end - op.src_start, op.dest_end - op.dest_start)
                for op in changes if op.tag != "replace")
    return "substitution" if rep >= other else "omission"


def classify(ref: list[Unit], var: list[Unit], ref_text: str = "", var_text: str = "") -> tuple[str, float]:
    """(relation, similarity) of a variant against its reference, both as ``textnorm`` units.

    The variant is compared with the part of the reference it covers
    (``worddiff.window_opcodes``), so a clean cut is a ``truncation`` of similarity 1.0;
    similarity is the share of words the two sides have in common (2 x shared / both)."""
    if ref_text and var_text and collapse_space(ref_text) == collapse_space(var_text):
        return "identical", 1.0
    rk = [u.key for u in ref]
    vk = [u.key for u in var]
    if rk == vk:
        if any(a.bracket != b.bracket for a, b in zip(ref, var)):
            return "bracketed", 1.0
        return "punctuation", 1.0
    if not rk or not vk:
        return "paraphrase", 0.0
    start, end, window = window_opcodes(rk, vk)
    matched = sum(op.src_end - op.src_start for op in window if op.tag == "equal")
    sim = 2 * matched / (end - start + len(vk)) if end - start + len(vk) else 0.0
    if matched == 0:
        return "paraphrase", 0.0
    changes = [op for op in window if op.tag != "equal"]
    if _brackets_differ(ref[start:end], var, window, changes):
        return "bracketed", round(sim, 4)
    if not changes:
        return "truncation", round(sim, 4)
    return _changed(changes, sim), round(sim, 4)


def relation_of(reference: str, variant: str) -> tuple[str, float]:
    """(relation, similarity) of two printed versions, ``variant`` against ``reference``:
    ``classify`` on their units, as the grouping labels a variant. One case more: a
    reference that is itself a clean cut of the variant reads as a ``truncation`` (the
    vocabulary's "or the reference a cut of it"), so two versions compared pairwise, in
    whichever order, agree on a cut."""
    ref, var = units(reference or ""), units(variant or "")
    relation = classify(ref, var, reference or "", variant or "")
    if relation[0] in ("omission", "paraphrase") and len(var) > len(ref):
        back = classify(var, ref, variant or "", reference or "")
        if back[0] == "truncation":
            return back
    return relation
