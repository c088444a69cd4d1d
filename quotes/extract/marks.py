"""Find quotation spans by rules, before any parsing.

Why rules: a regex-speed scan finds nearly every quotation in news text, so spaCy only has
to parse what attribution needs. The scanner is a small state machine per paragraph that
decides from the spacing around each mark whether it opens or closes (news text mixes curly,
straight and mismatched marks), then joins a quote left open at a paragraph end with the next
paragraph when that paragraph reopens with a mark. It is pure, never raises, runs in linear
time and its offsets always slice the text (`text[m.start:m.end]` is the words, no marks).
"""
from __future__ import annotations

import unicodedata

import regex

from quotes.model import Mark

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_AMBIG = '"'
DOUBLES = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIG
SINGLES = "‘’'‚‛"
ALL_MARKS = DOUBLES + SINGLES

# Characters after which a mark opens, and before which a mark closes ("...caucus.“[HuffPost.]": a
# mark right after a word or its stop and before a bracket closes; "“[He] said" opens after a space).
_OPEN_BEFORE = set(" \t\n\r\u00a0([{—–-/:;…") | set(ALL_MARKS)
_CLOSE_AFTER = set(" \t\n\r\u00a0.,;:!?)]}[—–-/…*") | set(ALL_MARKS)
_NEVER_OPENS_BEFORE = set(",;:!?)]}")  # no quote begins with these

def close_end_of(m: Mark) -> int:
    """The offset just after mark `m`'s closing mark (the quote's end when it is never closed)."""
    return (m.close_mark + 1) if m.close_mark is not None else m.end


def text_outside(text: str, marks, start: int = 0, end: int | None = None) -> list[str]:
    """The pieces of text[start:end] outside the quotation marks `marks` (in text order): the
    writer's own words."""
    end = len(text) if end is None else end
    parts, pos = [], start
    for m in marks:
        close = close_end_of(m)
        if close <= start or m.open_mark >= end:
            continue
        parts.append(text[pos:max(pos, m.open_mark)])
        pos = max(pos, close)
    parts.append(text[pos:end])
    return parts


MAX_UNCLOSED = 600  # an unclosed quote longer than this is cut at a sentence end
MAX_SINGLE = 300  # single-quoted spans are short (headlines, nested words)
MAX_PARAGRAPHS = 12  # a multi-paragraph quote never runs further than this

# markup like <tweet author="@x">: not quotes; a tag (a letter after "<") may hold long
# attribute values (an embedded tweet's whole text in tweet-date="...")
_TAG = regex.compile(r"<(?:[^<>\n]{0,400}|\p{L}[^<>\n]{0,3000})>")
_SENT_END = regex.compile(r"[.!?…](?=\s+[\p{Lu}\p{N}“\"‘])")
_ELISION = regex.compile(r"(?i)(?:\d\d?s?\b|em\b|til\b|cause\b|n\b|tis\b|twas\b)")


def _is_format(ch: str) -> bool:
    """An invisible format character (U+202A LEFT-TO-RIGHT EMBEDDING, U+200B, U+FEFF...):
    pasted text puts them next to marks; they must not hide the space or letter behind them."""
    return unicodedata.category(ch) == "Cf"


def _neighbour(text: str, i: int, step: int) -> str:
    """The first character from i + step on (step -1: before, +1: after) that is not a format
    character; a space past either end of the text."""
    j = i + step
    while 0 <= j < len(text) and _is_format(text[j]):
        j += step
    return text[j] if 0 <= j < len(text) else " "


def _role(text: str, i: int, ch: str) -> str:
    """'open', 'close' or '?' for the mark at i, from the characters around it (format
    characters skipped). A mark right before a comma, a semicolon, a colon, a ! or ?, or a
    full stop that opens no ellipsis, never opens, even after a space (French « ... », with
    spaces inside the marks)."""
    before = _neighbour(text, i, -1)
    after = _neighbour(text, i, 1)
    ends = after in _NEVER_OPENS_BEFORE or after == "." and text[i + 2:i + 3] != "."
    opens = before in _OPEN_BEFORE and after not in " \t\n\r\u00a0" and not ends
    closes = after in _CLOSE_AFTER and before not in " \t\n\r\u00a0"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if ch in DOUBLE_OPEN or ch in "‘‚‛":
        return "open"
    if ch in DOUBLE_CLOSE or ch == "’":
        return "close"
    return "?"


def _is_single_mark(text: str, i: int, role: str) -> bool:
    """A single quote char is a mark only at a word edge: never inside they’re, 90s, Russia’s."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return False  # apostrophe inside a word
    if role == "open":
        if _ELISION.match(text, i + 1):
            return False  # ’90s, ’em, ’til
        return after.isalnum() or after in DOUBLES
    if role == "close":
        return True
    return False


def _paragraphs(text: str):
    """(start, end) of each line-separated paragraph, without the newline."""
    start = 0
    for m in regex.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _trim(text: str, s: int, e: int, unclosed: bool = False) -> tuple[int, int]:
    """Spaces off both ends; for a quote that never closes, also the double marks at its end
    (“... arguments “that tax cuts will pay for themselves.”: the last mark closed the nested
    quote, and is no word of the outer one)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or unclosed and text[e - 1] in DOUBLES):
        e -= 1
    return s, e


def _scan_paragraph(text: str, ps: int, pe: int, masked: set[int]):
    """Yield (open_idx, close_idx|None, kind) for the double and single quotes of one paragraph.

    close_idx None means the paragraph ended with the quote still open.
    """
    open_at: int | None = None
    loose = False  # opened by a closing-shaped mark at the paragraph start
    lead = _solid(text, ps, pe)  # the paragraph's first character that is no space
    after_open = pe  # the first such character after open_at (a mark there doubles it)
    depth = 0
    single_open: int | None = None
    for i in range(ps, pe):
        ch = text[i]
        if ch not in ALL_MARKS or i in masked:
            continue
        role = _role(text, i, ch)
        if ch in DOUBLES:
            if open_at is None:
                loose = role == "close" and i == lead
                if role in ("open", "?") or loose:
                    # "” … they are so not like him,” she said": some outlets open a
                    # paragraph's quote with a closing-shaped mark
                    open_at, depth, single_open, after_open = i, 0, None, _solid(text, i + 1, pe)
                # a lone closing mark with nothing open is stray: ignore it
            elif role == "open" and depth == 0 and (loose or i == after_open):
                # a doubled opener ("“ or ““): the outer mark is an editor's wrapper; after a
                # loose opener, a real opener shows the loose mark was stray
                open_at, loose, after_open = i, False, _solid(text, i + 1, pe)
            elif role == "open" and i + 1 < pe:
                # nested quote of the same kind ("he said “x” to me"), or a
                # missing close: count depth, a later close pops it
                depth += 1
            elif depth > 0:
                depth -= 1
            else:
                yield open_at, i, "double"
                open_at = None
                single_open = None
        elif open_at is not None and (pair := _doubled(text, i, pe, ch)):
            if pair == "open":
                depth += 1
            elif depth > 0:
                depth -= 1
            else:
                yield open_at, i, "double"
                open_at = single_open = None
        elif open_at is None:
            # single quotes outside double quotes (headlines, 'very serious issue')
            if single_open is None:
                if role == "open" and _is_single_mark(text, i, role):
                    single_open = i
            elif role == "close" and _is_single_mark(text, i, role):
                if i - single_open <= MAX_SINGLE:
                    yield single_open, i, "single"
                single_open = None
            elif role == "open" and _is_single_mark(text, i, role) and i - single_open > MAX_SINGLE:
                single_open = i
    if open_at is not None and not loose:  # a loose mark that never closes is stray
        yield open_at, None, "double"


def _doubled(text: str, i: int, pe: int, ch: str) -> str | None:
    """Two same single marks at i inside a double quote: 'open' for ‘‘ or '' after a space or an
    opening character and before a word (a nested quote: "I said ''no'' to him," ...), 'close'
    for ’’ or '' after a word or its stop and before a space, a stop or the paragraph end (they
    close like ”: “It was an attempt,’’ he said), else None."""
    if i + 1 >= pe or text[i + 1] != ch:
        return None
    if ch in "‘'" and i + 2 < pe and text[i - 1] in _OPEN_BEFORE and text[i + 2].isalnum():
        return "open"
    if ch in "’'" and not text[i - 1].isspace() and (i + 2 >= pe or text[i + 2] in _CLOSE_AFTER):
        return "close"
    return None


def _solid(text: str, i: int, end: int) -> int:
    """The first index from i on (end at most) whose character is neither a space nor a
    format character: found once per paragraph or opener, not once per mark (a paragraph of
    many marks would cost its length squared)."""
    while i < end and (text[i].isspace() or _is_format(text[i])):
        i += 1
    return i


def _cut_long(text: str, s: int, e: int) -> int:
    """End of an unclosed quote: the paragraph end, or a sentence end when it runs too long."""
    if e - s <= MAX_UNCLOSED:
        return e
    m = _SENT_END.search(text, s + 1, e)
    while m and m.end() - s < 40:
        m = _SENT_END.search(text, m.end(), e)
    return m.end() if m else min(e, s + MAX_UNCLOSED)


def find_marks(text: str) -> list[Mark]:
    """Quotation spans in `text`, in order; never raises, never returns an empty span."""
    try:
        return _find_marks(text)
    except Exception:  # pragma: no cover - defensive: one odd article must not stop a run
        return []


def _find_marks(text: str) -> list[Mark]:
    if not isinstance(text, str) or not text:
        return []
    masked: set[int] = set()
    if "<" in text:
        for m in _TAG.finditer(text):
            masked.update(i for i in range(m.start(), m.end()) if text[i] in ALL_MARKS)
    paras = [p for p in _paragraphs(text)]
    raw = []  # (open, close|None, kind, para_index)
    for pi, (ps, pe) in enumerate(paras):
        for o, c, kind in _scan_paragraph(text, ps, pe, masked):
            raw.append((o, c, kind, pi))
    marks: list[Mark] = []
    k = 0
    while k < len(raw):
        o, c, kind, pi = raw[k]
        k += 1
        if c is not None:
            s, e = _trim(text, o + 1, c)
            if e > s and _has_words(text, s, e):
                marks.append(Mark(s, e, o, c, False))
            continue
        end_para, close, k = _chain(text, paras, raw, k, pi, masked)
        # A chain that never closes and whose first paragraph already runs too long is a
        # stray mark, not a multi-paragraph quote: cut it like a single unclosed paragraph.
        if end_para == pi or (close is None and paras[pi][1] - o > MAX_UNCLOSED):
            s, e = _trim(text, o + 1, _cut_long(text, o + 1, paras[pi][1]), unclosed=True)
            if e > s and _has_words(text, s, e):
                marks.append(Mark(s, e, o, None, False))
        else:
            stop = close if close is not None else paras[end_para][1]
            s, e = _trim(text, o + 1, stop, unclosed=close is None)
            if e > s:
                marks.append(Mark(s, e, o, close, True))
    return marks


def _chain(text: str, paras, raw, k: int, pi: int, masked: set[int]) -> tuple[int, int | None, int]:
    """Follow a quote left open at the end of paragraph `pi` into the next paragraphs that
    reopen with a mark, or into a next paragraph that does not reopen but whose first double
    mark closes, when it goes on with a lower-case word or a number (a paragraph broken inside
    the quote: "... since the election in.\n\n1988. The one element ...,” Viguerie says.";
    not a pull quote's "\nJane Roe, economist.\""). Returns (last paragraph, close or None, next raw
    index)."""
    end_para, close, steps = pi, None, 0
    while steps < MAX_PARAGRAPHS:
        nxt = _next_nonempty(text, paras, end_para)
        if nxt is None:
            break
        ns, ne = paras[nxt]
        first = _first_char(text, ns, ne)
        if first is None:
            break
        if text[first] not in DOUBLES:
            broken = text[first].islower() or text[first].isdigit()  # the sentence goes on
            stray = _first_double_closes(text, ns, min(ne, ns + MAX_UNCLOSED), masked) if broken else None
            if stray is not None:
                end_para, close = nxt, stray
                while k < len(raw) and raw[k][0] < stray:  # single marks inside the quote
                    k += 1
            break
        # the next paragraph reopens: its first raw quote must be this reopening mark
        if k < len(raw) and raw[k][0] == first and raw[k][2] == "double":
            _, c2, _, _ = raw[k]
            k += 1
            end_para = nxt
            steps += 1
            if c2 is not None:
                close = c2
                break
            continue
        break
    return end_para, close, k


def _first_double_closes(text: str, s: int, e: int, masked: set[int]) -> int | None:
    """Where the first double mark in text[s:e] is, when it closes a quote."""
    for i in range(s, e):
        if text[i] in DOUBLES and i not in masked:
            return i if _role(text, i, text[i]) == "close" else None
    return None


def _has_words(text: str, s: int, e: int) -> bool:
    return any(ch.isalnum() for ch in text[s:e])


def _first_char(text: str, s: int, e: int) -> int | None:
    for i in range(s, e):
        if not text[i].isspace():
            return i
    return None


def only_space(text: str, s: int, e: int) -> bool:
    """``text[s:e].strip() == ""``, read from ``s`` without copying the span (a quote deep in
    a long paragraph answers at the paragraph's first character)."""
    return _first_char(text, s, e) is None


def _next_nonempty(text: str, paras, pi: int) -> int | None:
    for j in range(pi + 1, min(len(paras), pi + 4)):
        if _first_char(text, *paras[j]) is not None:
            return j
    return None
