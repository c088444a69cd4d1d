"""Pure functions that turn stored values into safe HTML for the site.

Everything from an article is untrusted: every piece of text goes through
`markupsafe.escape` and only the tags written here (`<ins>`, `<del>`, `<mark>`, `<span>`)
reach the page.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

from .safety import http_url  # one rule for every link the site makes (docs/security.md)

_KEY = re.compile(r"[\w]+", re.UNICODE)


def parse_json(value):
    """A decoded JSON value, or None when `value` is not JSON text."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return None


def json_list(value) -> list[str]:
    """The strings of a JSON list column (roles, aliases); [] for anything else."""
    data = parse_json(value)
    if isinstance(data, list):
        return [str(item) for item in data if item not in (None, "")]
    return []


def render_list(value) -> Markup | None:
    """A JSON list of strings as a comma-separated list of escaped items."""
    items = json_list(value)
    if not items:
        return None
    return Markup('<span class="q-list">{}</span>').format(
        Markup(", ").join(Markup('<span class="q-item">{}</span>').format(i) for i in items)
    )


def parse_diff(value) -> list[tuple[str, str]] | None:
    """A stored diff (JSON `[[op, text], ...]`) as a list of pairs; None if it is not one."""
    data = parse_json(value)
    if not isinstance(data, list):
        return None
    ops = []
    for item in data:
        if not (isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            return None
        ops.append((item[0], item[1]))
    return ops


def render_diff(ops, trim_edges: bool = True) -> Markup:
    """A diff as HTML: `<ins>` for the variant's own words, `<del>` for reference words it
    leaves out. With `trim_edges`, reference words before the variant's first word or after
    its last (a truncation) collapse to an ellipsis whose title holds them."""
    ops = list(ops or [])
    pieces: list[Markup] = []
    first = next((i for i, (op, _) in enumerate(ops) if op != "delete"), len(ops))
    last = max((i for i, (op, _) in enumerate(ops) if op != "delete"), default=-1)
    for i, (op, text) in enumerate(ops):
        if op == "equal":
            pieces.append(escape(text))
        elif op == "insert":
            pieces.append(Markup("<ins>{}</ins>").format(text))
        elif op == "delete":
            if trim_edges and (i < first or i > last):
                pieces.append(Markup('<span class="q-cut" title="Not quoted: {}">…</span>').format(text))
            else:
                pieces.append(Markup("<del>{}</del>").format(text))
        else:  # an op this page does not know: show the words, never drop them
            pieces.append(escape(text))
    return Markup('<span class="q-diff">{}</span>').format(Markup(" ").join(pieces))


def diff_counts(ops) -> dict[str, int]:
    """Words inserted and deleted by a diff (edge cuts counted apart as `cut`)."""
    ops = list(ops or [])
    first = next((i for i, (op, _) in enumerate(ops) if op != "delete"), len(ops))
    last = max((i for i, (op, _) in enumerate(ops) if op != "delete"), default=-1)
    counts = {"equal": 0, "insert": 0, "delete": 0, "cut": 0}
    for i, (op, text) in enumerate(ops):
        n = len(text.split())
        if op == "delete" and (i < first or i > last):
            counts["cut"] += n
        elif op in counts:
            counts[op] += n
    return counts


def relation_class(relation: str | None) -> str:
    """A CSS class for a relation label, whatever its exact spelling."""
    if not relation:
        return "q-rel-unknown"
    return "q-rel-" + (re.sub(r"[^a-z0-9]+", "-", relation.lower()).strip("-") or "unknown")


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the paragraph(s) holding `text[start:end]`.

    A paragraph ends at a newline; a span crossing newlines gets every paragraph it
    touches."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    if right == -1:
        right = len(text)
    return left, right


def highlight(text: str, spans: list[tuple[int, int, str]], start: int = 0, end: int | None = None) -> Markup:
    """`text[start:end]` escaped, with each `(span_start, span_end, css_class)` wrapped in
    `<mark class=...>`; overlapping spans give a piece both classes; newlines become `<br>`.
    Spans outside the window or with bad offsets are ignored."""
    end = len(text) if end is None else end
    spans = [(max(s, start), min(e, end), c) for s, e, c in spans
             if isinstance(s, int) and isinstance(e, int) and s < e and e > start and s < end]
    cuts = sorted({start, end, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[Markup] = []
    for a, b in zip(cuts, cuts[1:]):
        classes = [c for s, e, c in spans if s <= a and b <= e]
        piece = escape(text[a:b]).replace("\n", Markup("<br>"))
        if classes:
            pieces.append(Markup('<mark class="{}">{}</mark>').format(" ".join(classes), piece))
        else:
            pieces.append(piece)
    return Markup("").join(pieces)


def context_html(text: str, quote: dict) -> Markup:
    """The paragraph(s) of `text` holding the quote, its speaker mention and its cue, with
    those three highlighted."""
    spans = [(quote.get("start"), quote.get("end"), "q-quote")]
    for name, css in (("speaker", "q-speaker"), ("cue", "q-cue")):
        s, e = quote.get(f"{name}_start"), quote.get(f"{name}_end")
        if isinstance(s, int) and isinstance(e, int) and s < e:
            spans.append((s, e, css))
    offsets = [x for s, e, _ in spans if isinstance(s, int) and isinstance(e, int) for x in (s, e)]
    if not offsets:
        return Markup("")
    left, right = paragraph_bounds(text, min(offsets), max(offsets))
    return highlight(text, spans, left, right)


def previous_paragraph(text: str, start: int) -> str:
    """The last non-empty paragraph before offset `start` (often names who "he" is)."""
    left, _ = paragraph_bounds(text, start, start)
    for para in reversed(text[:left].split("\n")):
        if para.strip():
            return para.strip()
    return ""


def safe_url(url) -> str | None:
    """`url` when it is an http(s) address, else None: the only way a stored URL becomes a
    link on the site (a `javascript:` or `data:` address never does)."""
    return http_url(url.strip()) if isinstance(url, str) else None


def distinct_roles(roles: list[str]) -> list[str]:
    """Roles without the ones another role already says: "Secretary" and "Defense
    Secretary" go when "Secretary of Defense" is there (their words are all in it)."""
    words = [(r, set(_KEY.findall(r.lower()))) for r in roles if r and r.strip()]
    kept = []
    for i, (role, ws) in enumerate(words):
        covered = any(
            j != i and ws <= other and (ws != other or len(roles[j]) > len(role) or (ws == other and j < i and len(roles[j]) == len(role)))
            for j, (_, other) in enumerate(words)
        )
        if not covered and role not in kept:
            kept.append(role)
    return kept


def shorten(text: str | None, words: int = 8) -> str:
    """The first `words` words of a text, with an ellipsis when there were more."""
    parts = (text or "").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


# What opens an article before its first sentence: a byline line, a dateline
# ("date 2024-10-23 (Bloomberg) --", "WASHINGTON (AP) —").
_BYLINE_LINE = re.compile(r"^(?:by|par|von|por)\s", re.I)
_DATELINE = re.compile(r"^(?:date\s+\d{4}-\d\d-\d\d\s*)?(?:[A-Z][A-Z]+[^()\n]{0,40}?\s*)?\([^()]{1,40}\)\s*(?:--|—|–|-)\s*")


def first_line(text: str | None, limit: int = 90) -> str:
    """The first line of a text that is not a byline, without a leading dateline, cut at a
    word near `limit` characters."""
    for line in (text or "").split("\n"):
        line = _DATELINE.sub("", line.strip()).strip()
        if line and not _BYLINE_LINE.match(line):
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0] + "…"
    return ""


def next_start(spans: list[dict], q: dict) -> int | None:
    later = [s["start"] for s in spans if s["start"] >= q["end"]]
    return min(later) if later else None


def article_html(text: str, quotes: list[dict]) -> Markup:
    """The article text as paragraphs, every quote highlighted and linked to its page, with
    its speaker's name after it. `quotes`: dicts with `start`, `end`, `url`, `speaker`.
    Quotes with offsets outside the text are left out (never shown at a wrong place);
    overlapping quotes keep the first."""
    spans, last_end = [], -1
    for q in sorted(quotes, key=lambda q: (q.get("start") or 0, q.get("end") or 0)):
        s, e = q.get("start"), q.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text) and s >= last_end:
            spans.append(q)
            last_end = e
    pieces: list[Markup] = []
    position = 0
    for q in spans:
        pieces.append(escape(text[position:q["start"]]))
        speaker = Markup(' <span class="q-said-by">— {}</span>').format(q["speaker"]) if q.get("speaker") else Markup("")
        # the label goes after the closing mark (and a comma or stop printed before it)
        tail = re.match(r"[,.;:!?]?[”\"’']", text[q["end"]:q["end"] + 2])
        after = q["end"] + (tail.end() if tail and (next_start(spans, q) or len(text)) >= q["end"] + tail.end() else 0)
        pieces.append(Markup('<a class="q-quote-link" href="{}" title="{}"><mark class="q-quote">{}</mark></a>{}{}').format(
            q["url"], q.get("speaker") or "Unattributed", text[q["start"]:q["end"]], text[q["end"]:after], speaker))
        position = after
    pieces.append(escape(text[position:]))
    body = Markup("").join(pieces)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(Markup(p)) for p in paragraphs)
