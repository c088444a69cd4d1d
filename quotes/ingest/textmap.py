"""Offsets into the text as given, for a text that normalising changed.

Why: extraction runs on the normalised text (quotes.ingest.decoding.normalise_text: CRLF to
LF, no control characters, NFC), but `quotes extract` promises offsets into the text it was
given: ``text[start:end] == quote["text"]`` (shared/tools/FORMAT.md). PolNeAR alone has 26
articles holding control characters such as U+0083. `OffsetMap` maps a span of the
normalised text back to the given text.
"""
from __future__ import annotations

import unicodedata
import regex

from quotes.ingest.decoding import normalise_text

_CLUSTER = regex.compile(r"\X", regex.DOTALL)


class OffsetMap:
    """Normalised-text offsets -> given-text offsets.

    Built unit by unit: every character of the given text (a CR LF pair is one unit) is
    normalised on its own, then grapheme clusters are composed (NFC never composes across a
    cluster boundary); each normalised character remembers the given unit(s) it came from.
    """

    def __init__(self, given: str):
        self.given = given
        # characters before composition, each with the span of the given unit it came from
        chars: list[str] = []
        origin: list[tuple[int, int]] = []
        i, n = 0, len(given)
        memo: dict[str, str] = {}
        while i < n:
            j = i + 2 if given.startswith("\r\n", i) else i + 1
            unit = given[i:j]
            got = memo.get(unit)
            if got is None:
                got = memo[unit] = normalise_text(unit)
            chars.extend(got)
            origin.extend([(i, j)] * len(got))
            i = j
        pre = "".join(chars)
        starts: list[int] = []
        ends: list[int] = []
        out = []
        for m in _CLUSTER.finditer(pre):
            a, b = m.span()
            comp = unicodedata.normalize("NFC", m.group())
            lo, hi = origin[a][0], origin[b - 1][1]
            for _ in comp:
                starts.append(lo)
                ends.append(hi)
            out.append(comp)
        self.text = "".join(out)
        if self.text != normalise_text(given):  # never seen; keep the contract checkable
            raise ValueError("normalised text could not be mapped back unit by unit")
        self._starts = starts
        self._ends = ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The given-text span of normalised `text[start:end]` (whole units, never half a CR LF)."""
        n = len(self._starts)
        if n == 0:
            return 0, 0
        s = self._starts[start] if start < n else len(self.given)
        if end <= start:
            return s, s
        e = self._ends[min(end, n) - 1]
        return s, e
