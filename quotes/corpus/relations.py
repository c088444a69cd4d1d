"""Relations between a quote and its utterance's reference: one vocabulary, here only.

The site (``quotes.site``) shows these names and their explanations; the grouping
(``quotes.corpus.grouping``) assigns them with ``classify``.
"""
from __future__ import annotations

from quotes.corpus.pair_features import fold_possessive
from quotes.corpus.textnorm import Unit, collapse_space, units
from quotes.corpus.worddiff import window_opcodes

# name -> what it means, for pages and column docs
RELATION_TEXT = {
    "reference": "the version the others are compared with (usually the fullest)",
    "identical": "the same characters",
    "punctuation": "the same words; only punctuation, case, curly/straight marks or contractions differ",
    "truncation": "a cut of the reference (or the reference a cut of it)",
    "substitution": "words replaced",
    "omission": "words left out or added",
    "bracketed": "an editor's [insertion]",
    "paraphrase": "reworded: only some words kept",
}
RELATIONS = tuple(RELATION_TEXT)


def classify(ref: list[Unit], var: list[Unit], ref_text: str = "", var_text: str = "") -> tuple[str, float]:
    """(relation, similarity) of a variant against its reference (see module doc)."""
    if ref_text and var_text and collapse_space(ref_text) == collapse_space(var_text):
        return "identical", 1.0
    # possessives fold (NATO's / NATO' / NATO’: one word, spelled two ways)
    rk = [fold_possessive(u.key) for u in ref]
    vk = [fold_possessive(u.key) for u in var]
    if rk == vk:
        if any(a.bracket != b.bracket for a, b in zip(ref, var)):
            return "bracketed", 1.0
        return "punctuation", 1.0
    if not rk or not vk:
        return "paraphrase", 0.0
    start, end, window = window_opcodes(rk, vk)
    ref_len = end - start
    matched = sum(op.src_end - op.src_start for op in window if op.tag == "equal")
    sim = 2 * matched / (ref_len + len(vk)) if ref_len + len(vk) else 0.0
    ref = ref[start:end]
    changes = [op for op in window if op.tag != "equal"]
    bracket = any(var[j].bracket for op in changes for j in range(op.dest_start, op.dest_end)) or any(
        ref[j].bracket for op in changes for j in range(op.src_start, op.src_end)) or any(
        ref[op.src_start + j].bracket != var[op.dest_start + j].bracket
        for op in window if op.tag == "equal" for j in range(op.src_end - op.src_start))
    if matched == 0:
        return "paraphrase", 0.0
    if bracket:
        return "bracketed", round(sim, 4)
    if not changes:
        return "truncation", round(sim, 4)
    tags = {op.tag for op in changes}
    big = any(max(op.src_end - op.src_start, op.dest_end - op.dest_start) > 3 for op in changes)
    if sim < 0.7 or big or (len(changes) >= 3 and len(tags) > 1):
        return "paraphrase", round(sim, 4)
    if tags == {"replace"}:
        return "substitution", round(sim, 4)
    if "replace" not in tags:
        return "omission", round(sim, 4)
    rep = sum(op.dest_end - op.dest_start for op in changes if op.tag == "replace")
    other = sum(max(op.src_end - op.src_start, op.dest_end - op.dest_start)
                for op in changes if op.tag != "replace")
    return ("substitution" if rep >= other else "omission"), round(sim, 4)


def relation_of(reference: str, variant: str) -> tuple[str, float]:
    """(relation, similarity) of two printed versions (``classify`` on their units)."""
    return classify(units(reference or ""), units(variant or ""), reference or "", variant or "")
