"""Word-level diffs between two versions of a quote, as data a page can render.

``word_diff(reference, variant)`` returns a list of ``[op, text]`` pairs, ``op`` one of
``equal``, ``delete`` (words only in the reference) and ``insert`` (words only in the
variant), e.g. ``[["equal", "a very, very serious"], ["delete", "issue"], ["insert", "problem"]]``.

Words are aligned on their comparable keys (``textnorm``), so “they’re”/“they are” and
“3,000”/“3000” line up; a word whose key matches but whose printed form differs in more
than typography (“Very,” vs “very”, “Russia]” vs “Russia”) is shown as a delete and an
insert, so nothing is hidden. Joining the ``equal`` and ``delete`` texts gives back the
reference, the ``equal`` and ``insert`` texts the variant (whitespace collapsed; equal
runs print the reference's surface, which differs from the variant's at most in typography,
and at the variant's first and last word in case and boundary punctuation).
"""
from __future__ import annotations

from rapidfuzz.distance import Indel, Levenshtein

from quotes.corpus.textnorm import STOPWORDS, Unit, typographic, units
from quotes.lexicon.words import COORDINATORS

Diff = list[list[str]]


_EDGE_PUNCT = " ,.;:!?\"'"


def _same_surface(a: Unit, b: Unit, edge: bool = False) -> bool:
    """Equal as printed, up to typography; at a quote's first or last word also up to case
    and boundary punctuation (“Very” opening a headline, “issue,” before the closing mark)."""
    if a.surface == b.surface:
        return True
    x, y = typographic(a.surface), typographic(b.surface)
    if edge:
        x, y = x.strip(_EDGE_PUNCT).lower(), y.strip(_EDGE_PUNCT).lower()
    return x == y


def equal_runs(a, b) -> list[tuple[int, int, int]]:
    """The equal runs of an LCS alignment (rapidfuzz ``Indel``) of two key sequences:
    (a start, b start, length)."""
    return [(op.src_start, op.dest_start, op.src_end - op.src_start)
            for op in Indel.opcodes(a, b) if op.tag == "equal"]


FLIP_SPAN = 3  # longest side of a coordinated pair turned round ("coal miners and coal companies")


def _coordinated(keys: tuple[str, ...], span: int = FLIP_SPAN) -> list[tuple[int, int]]:
    """(conjunction position, side length) of each coordinated pair: a conjunction
    (``COORDINATORS``) between two different runs of ``span`` words or fewer, each holding a
    content word ("farmers and ranchers", "coal companies and coal miners")."""
    if len(keys) < 3 or not COORDINATORS.intersection(keys[1:-1]):
        return []
    out = []
    for j in range(1, len(keys) - 1):
        if keys[j] not in COORDINATORS:
            continue
        for k in range(1, min(span, j, len(keys) - 1 - j) + 1):
            x, y = keys[j - k:j], keys[j + 1:j + 1 + k]
            if x != y and any(w not in STOPWORDS for w in x) and any(w not in STOPWORDS for w in y):
                out.append((j, k))
    return out


def _turned(keys: tuple[str, ...], at: list[tuple[int, int]]) -> tuple[str, ...]:
    out = list(keys)
    for j, k in at:
        out[j - k:j], out[j + 1:j + 1 + k] = keys[j + 1:j + 1 + k], keys[j - k:j]
    return tuple(out)


def flipped(keys: tuple[str, ...]) -> tuple[str, ...]:
    """``keys`` with every coordinated pair of single content words turned round ("farmers
    and ranchers" -> "ranchers and farmers"), ``keys`` itself when there is none: what the
    grouping also looks up to find the quotes ``flipped_like`` may turn a pair round for."""
    at = _coordinated(keys, 1)
    return _turned(keys, at) if at else keys


def flipped_like(keys: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """``keys`` with each coordinated pair ("farmers and ranchers", "coal companies and coal
    miners") turned round where ``other`` prints it the other way round ("ranchers and
    farmers") and never this way: an outlet's reordering, which an LCS alignment counts as
    lost words. Decided between the two quotes, so a one-word change next to "and" ("jobs
    and security" / "work and security") stays a change. Pairs that overlap: the first."""
    at = _coordinated(keys)
    if not at:
        return keys
    hay = f" {' '.join(other)} "
    found: list[tuple[int, int]] = []
    for j, k in at:
        x, c, y = " ".join(keys[j - k:j]), keys[j], " ".join(keys[j + 1:j + 1 + k])
        if (f" {y} {c} {x} " in hay and f" {x} {c} {y} " not in hay
                and all(j - k > j2 + k2 or j + k < j2 - k2 for j2, k2 in found)):
            found.append((j, k))
    return _turned(keys, found) if found else keys


def align_window(ref_keys: list[str], var_keys: list[str]) -> tuple[int, int]:
    """The part of the reference the variant reports: ``(start, end)`` unit offsets.

    A variant is often a cut of the reference. A global alignment would scatter its first
    words over the reference's (“If” matching the reference's first “if”); instead the
    window is anchored on the shared runs of 2+ words (LCS, rapidfuzz) and widened by the
    variant's words before the first and after the last anchor (a replaced first word,
    “remains to be seen” against “left to be seen”)."""
    blocks = [op for op in Indel.opcodes(ref_keys, var_keys) if op.tag == "equal"]
    anchors = [b for b in blocks if b.src_end - b.src_start >= 2] or blocks
    if not anchors:
        return 0, len(ref_keys)
    a0, a1 = anchors[0], anchors[-1]
    start = max(0, a0.src_start - a0.dest_start)
    end = min(len(ref_keys), a1.src_end + (len(var_keys) - a1.dest_end))
    return start, end


def window_opcodes(ref_keys: list[str], var_keys: list[str]):
    """(start, end, opcodes of ref_keys[start:end] against var_keys, offsets into the window)."""
    start, end = align_window(ref_keys, var_keys)
    return start, end, list(Levenshtein.opcodes(ref_keys[start:end], var_keys))


def diff_units(ref: list[Unit], var: list[Unit]) -> Diff:
    """The diff of two unit lists (see module doc)."""
    ops: Diff = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1][1] += " " + text
        elif op == "delete" and ops and ops[-1][0] == "insert":
            # keep "delete then insert" order inside a changed region
            if len(ops) >= 2 and ops[-2][0] == "delete":
                ops[-2][1] += " " + text
            else:
                ops.insert(len(ops) - 1, [op, text])
        else:
            ops.append([op, text])

    start, end, opcodes = window_opcodes([u.key for u in ref], [u.key for u in var])
    emit("delete", " ".join(u.surface for u in ref[:start]))
    for op in opcodes:
        a = ref[start + op.src_start:start + op.src_end]
        b = var[op.dest_start:op.dest_end]
        if op.tag == "equal":
            for j, (x, y) in enumerate(zip(a, b)):
                edge = op.dest_start + j in (0, len(var) - 1)
                if _same_surface(x, y, edge):
                    emit("equal", x.surface)
                else:
                    emit("delete", x.surface)
                    emit("insert", y.surface)
        else:
            emit("delete", " ".join(u.surface for u in a))
            emit("insert", " ".join(u.surface for u in b))
    emit("delete", " ".join(u.surface for u in ref[end:]))
    return ops


def word_diff(reference: str, variant: str) -> Diff:
    """The word-level diff from ``reference`` to ``variant`` (see module doc)."""
    return diff_units(units(reference), units(variant))


def apply_side(diff: Diff, side: str) -> str:
    """Rebuild one side from a diff: ``"reference"`` or ``"variant"``."""
    skip = "insert" if side == "reference" else "delete"
    return " ".join(t for op, t in diff if op != skip)
