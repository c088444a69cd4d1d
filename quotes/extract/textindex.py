"""Character offsets <-> spaCy tokens over the parsed parts of one article.

Why: spaCy parses only some paragraphs (each its own Doc), but quotes, cues and speakers
are stored as offsets into the whole article. This index answers "which token is at this
offset", "is this offset inside a quotation" and "which paragraph is this" for the rules.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

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
        self.toks = []  # (abs_start, tok)
        for seg in self.segs:
            for t in seg.doc:
                self.toks.append((seg.offset + t.idx, t))
        self.toks.sort(key=lambda x: x[0])
        self.starts = [s for s, _ in self.toks]
        self.spans = sorted((m.open_mark, (m.close_mark + 1) if m.close_mark is not None else m.end)
                            for m in marks)
        self.span_starts = [a for a, _ in self.spans]
        self.para_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
        self.offset_of = {}
        for seg in self.segs:
            self.offset_of[id(seg.doc)] = seg.offset

    def pos(self, tok) -> int:
        return self.offset_of[id(tok.doc)] + tok.idx

    def in_quote(self, p: int) -> bool:
        k = bisect.bisect_right(self.span_starts, p) - 1
        return k >= 0 and self.spans[k][0] <= p < self.spans[k][1]

    def tokens_between(self, a: int, b: int):
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.toks) and self.toks[i][0] < b:
            out.append(self.toks[i][1])
            i += 1
        return out

    def para_index(self, p: int) -> int:
        return bisect.bisect_right(self.para_starts, p) - 1

    def para_bounds(self, p: int) -> tuple[int, int]:
        k = self.para_index(p)
        s = self.para_starts[k]
        e = self.para_starts[k + 1] - 1 if k + 1 < len(self.para_starts) else len(self.text)
        return s, e
