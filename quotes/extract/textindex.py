"""Character offsets <-> spaCy tokens over the parsed parts of one article.

Why: spaCy parses only some paragraphs (each its own Doc), but quotes, cues and speakers
are stored as offsets into the whole article. This index answers "which token is at this
offset", "is this offset inside a quotation" and "which paragraph is this" for the rules.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from quotes.extract.marks import close_end_of
from quotes.model import Mark


@dataclass
class _Seg:
    offset: int
    doc: object


class ArticleIndex:
    """Token lookup by character offset over the parsed segments, and quote regions."""

    def __init__(self, text: str, marks: list[Mark], docs):
        self.text = text
        self.marks = marks
        self.segs = [_Seg(o, d) for o, d in docs]
        self.toks = _tokens_in_order(self.segs)  # (abs_start, tok)
        self.starts = [s for s, _ in self.toks]
        self.spans = sorted((m.open_mark, close_end_of(m))
                            for m in marks)
        self.span_starts = [a for a, _ in self.spans]
        self.span_ends = sorted(b for _, b in self.spans)
        # whether no two spans overlap (the mark matcher never makes them overlap: ``spans_around``)
        self.spans_disjoint = all(b <= a2 for (_, b), (a2, _) in zip(self.spans, self.spans[1:]))
        self.para_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
        self.offset_of = {}
        for seg in self.segs:
            self.offset_of[id(seg.doc)] = seg.offset

    def pos(self, tok) -> int:
        return self.offset_of[id(tok.doc)] + tok.idx

    def in_quote(self, p: int) -> bool:
        k = bisect.bisect_right(self.span_starts, p) - 1
        return k >= 0 and self.spans[k][0] <= p < self.spans[k][1]

    def spans_around(self, p: int) -> list[tuple[int, int]]:
        """Of the quote spans inside `p`'s paragraph (sorted by start), the last that ends at or
        before `p` and the first that ends after it: bisections, not a scan of the article's
        spans (a cue in a paragraph of 800 quotes). Spans that overlap (never made by the mark
        matcher) take the scan."""
        lo, hi = self.para_bounds(p)
        spans = self.spans
        if not self.spans_disjoint:
            inside = [(a, b) for a, b in spans if lo <= a and b <= hi + 1]
            return [s for s in inside if s[1] <= p][-1:] + [s for s in inside if s[1] > p][:1]
        i0 = bisect.bisect_left(self.span_starts, lo)
        i1 = bisect.bisect_right(self.span_starts, hi + 1)
        k = bisect.bisect_right(self.span_ends, p, i0, max(i0, i1))  # disjoint: ends sorted as spans
        before = spans[k - 1:k] if k > i0 else []
        after = spans[k:k + 1] if k < i1 and spans[k][1] <= hi + 1 else []
        return before + after

    def last_close_before(self, p: int, default: int) -> int:
        """The largest quote end <= p (default when none): a bisection, not a scan."""
        k = bisect.bisect_right(self.span_ends, p) - 1
        return self.span_ends[k] if k >= 0 else default

    def next_open_from(self, p: int, default: int) -> int:
        """The smallest quote start >= p (default when none)."""
        k = bisect.bisect_left(self.span_starts, p)
        return self.span_starts[k] if k < len(self.span_starts) else default

    def tok_at(self, p: int):
        k = bisect.bisect_right(self.starts, p) - 1
        if k < 0:
            return None
        s, t = self.toks[k]
        return t if s <= p < s + max(1, len(t.text)) else None

    def tokens_between(self, a: int, b: int):
        """The tokens starting in [a, b), in text order (two bisections)."""
        i = bisect.bisect_left(self.starts, a)
        j = bisect.bisect_left(self.starts, b, i)
        return [t for _, t in self.toks[i:j]]

    def para_index(self, p: int) -> int:
        return bisect.bisect_right(self.para_starts, p) - 1

    def para_bounds(self, p: int) -> tuple[int, int]:
        k = self.para_index(p)
        s = self.para_starts[k]
        e = self.para_starts[k + 1] - 1 if k + 1 < len(self.para_starts) else len(self.text)
        return s, e


def _tokens_in_order(segs: list[_Seg]) -> list[tuple]:
    """(offset in the article, token) of every token of every segment, sorted by offset.
    Segments in text order that do not overlap (what `pipeline.segments_for` makes) are
    already in order: their tokens are concatenated; others are sorted."""
    toks = [(seg.offset + t.idx, t) for seg in segs for t in seg.doc]
    ends = [(seg.offset, seg.offset + len(seg.doc.text)) for seg in segs]
    if any(ends[k][1] > ends[k + 1][0] for k in range(len(ends) - 1)):
        toks.sort(key=lambda x: x[0])
    return toks
