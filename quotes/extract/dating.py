"""When a quote was said, as far as its own attribution tells: an interval of days.

Outlets repeat a politician's stump line from rally to rally, and re-quote an old remark
months later; the words alone cannot tell those occasions apart, but the writer's sentence
often can: "he told supporters in Nashua on Monday morning", "he said during a debate in
Miami last week", "she told CNN in October". ``when_said_in`` reads such time words in the
attribution (the parser's sentence of the quote and of its speech verb, with every quoted
passage blanked so the speaker's own words never date the quote), keeps those that modify
the speech verb the quote hangs from (not "Sanders jabbed on Monday, two weeks after she
said ..."), and resolves them against the article's date: "Monday" is the last Monday on or
before it, "last week" the week before its week, "in October" the last October not after it.

The result is an interval (first day, last day, the words that dated it), or None when the
attribution has no time words, when they point to the future ("will speak Monday"), or when
they contradict each other. The grouping (``quotes.corpus.grouping``) uses it both ways: two quotes
whose intervals cannot overlap report two occasions (a quote said on a day cannot be
printed by an article dated before that day), and a quote dated to a few days is judged by
those days rather than by its article's date.
"""
from __future__ import annotations

import bisect
import datetime as _dt

import regex

from quotes.extract.cues import is_cue_token
from quotes.extract.textindex import ArticleIndex

Interval = tuple[_dt.date, _dt.date, str]
Cue = tuple[_dt.date, _dt.date, str, int, int]  # first, last, words, start, end

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {m: i for i, ms in enumerate((
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec")), 1) for m in ms}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
RECENT_DAYS = 30  # "recently", in a news report

# A time word after one of these speaks of the future or of a limit, not of the occasion
# ("will speak Monday", "ahead of Tuesday's primary", "until March").
_FUTURE = regex.compile(r"\b(?:will|'ll|’ll|shall|can|could|would|might|next|ahead|before|until|till|by|"
                        r"scheduled|expected|plans?|planned|set|upcoming|coming|due|tomorrow)\b\W+(?:\w+\W+){0,6}$",
                        regex.I)
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = regex.compile(r"\b(?:(last|this|past)\s+)?(" + "|".join(WEEKDAYS) + r")(s)?\b")
_DATE = regex.compile(r"\b(" + _MONTH_WORDS + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?"
                      r"|\b(\d{1,2})\s+(" + _MONTH_WORDS + r")\b(?:\s+(\d{4})\b)?")
_MONTH = regex.compile(r"\b(" + _MONTH_WORDS + r")\b(?!\s+of\s+\p{Lu})\.?(?:\s+(?:of\s+)?(\d{4})\b)?")
_MONTH_BEFORE = regex.compile(r"\b(?:in|during|early|late|mid|since|through|last|this|of|a|an|the|his|her|"
                              r"their|its)[\s-]+$", regex.I)
_YEAR = regex.compile(r"\b(?:in|of|since|during)\s+(\d{4})\b")
# Lower case (or a capital to start the sentence): "This Week" is a television show, and
# "USA TODAY" a newspaper.
_RELATIVE = regex.compile(
    r"\b(?:([Yy]esterday)|((?<!USA\s)[Tt]oday|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening))"
    r"|([Ll]ast\s+night)"
    r"|(?:([Ee]arlier|[Ll]ater)\s+)?([Tt]his|[Ll]ast|[Pp]ast)\s+(week|month|year|weekend)"
    r"|(\w+)\s+(days?|weeks?|months?|years?)\s+ago"
    r"|(?<![Aa]s\s)([Rr]ecently))\b")


def _month_span(year: int, month: int) -> tuple[_dt.date, _dt.date]:
    first = _dt.date(year, month, 1)
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - _dt.timedelta(days=1)


def _add_months(d: _dt.date, n: int) -> _dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return _dt.date(y, m, min(d.day, _month_span(y, m)[1].day))


def _future(text: str, at: int) -> bool:
    return bool(_FUTURE.search(text, max(0, at - 80), at))


class _Cues:
    """The time cues of one context as they are found: a cue's words are taken even when
    the cue is refused ("the Nov. 8 election" is no "Nov"), so a later pass skips them."""

    def __init__(self, context: str, published: _dt.date | None):
        self.context, self.p = context, published
        self.out: list[Cue] = []
        self.taken: list[tuple[int, int]] = []

    def is_taken(self, at: int) -> bool:
        return any(s <= at < e for s, e in self.taken)

    def add(self, m, first: _dt.date, last: _dt.date) -> None:
        p = self.p
        self.taken.append(m.span())
        if _future(self.context, m.start()) or (p is not None and first > p):
            return
        self.out.append((first, min(last, p) if p else last, m.group(0).rstrip("."), m.start(), m.end()))


def _dates(c: _Cues) -> None:
    """"Oct. 23", "23 October 2024": one day (the article's year when none is printed)."""
    for m in _DATE.finditer(c.context):
        c.taken.append(m.span())
        mon = MONTHS[m.group(1) or m.group(5)]
        day = int(m.group(2) or m.group(4))
        year = m.group(3) or m.group(6)
        if year is None and c.p is None:
            continue
        try:
            d = _dt.date(int(year) if year else c.p.year, mon, day)
        except ValueError:
            continue
        c.add(m, d, d)


def _months(c: _Cues) -> None:
    """"in October", "October 2024": the month (the last one not after the article)."""
    for m in _MONTH.finditer(c.context):
        if c.is_taken(m.start()):
            continue
        word, year = m.group(1), m.group(2)
        if word == "May" and not year:
            continue  # the verb, as often as the month
        if not year and not _MONTH_BEFORE.search(c.context, max(0, m.start() - 12), m.start()):
            continue  # "June Carter said": a name; a month alone comes as "in/a/her October"
        if year:
            c.add(m, *_month_span(int(year), MONTHS[word]))
        elif c.p is not None:
            y = c.p.year if MONTHS[word] <= c.p.month else c.p.year - 1
            c.add(m, *_month_span(y, MONTHS[word]))


def _years(c: _Cues) -> None:
    """"in 2015": the year, when not after the article's."""
    for m in _YEAR.finditer(c.context):
        y = int(m.group(1))
        if 1900 < y <= (c.p.year if c.p else 9999) and not c.is_taken(m.start(1)):
            c.add(m, _dt.date(y, 1, 1), _dt.date(y, 12, 31))


def _weekdays(c: _Cues) -> None:
    """"Monday": the last Monday on or before the article; "last Monday" a week earlier too."""
    p = c.p
    for m in _WEEKDAY.finditer(c.context):
        if m.group(3):
            continue  # "on Mondays": a habit, not an occasion
        back = (p.weekday() - WEEKDAYS.index(m.group(2))) % 7
        d = p - _dt.timedelta(days=back)
        if m.group(1) and m.group(1).lower() in ("last", "past"):
            c.add(m, d - _dt.timedelta(days=7), d if back else d - _dt.timedelta(days=7))
        else:
            c.add(m, d, d)


def _this_or_past(which: str, unit: str, p: _dt.date) -> tuple[_dt.date, _dt.date]:
    """"this week", "past month", "earlier this year": up to the article's day."""
    if unit == "week":  # the past seven days: on a Monday "this week's debate"
        first = p - _dt.timedelta(days=7)  # may be Saturday's
    elif unit == "weekend":
        first = p - _dt.timedelta(days=(p.weekday() - 5) % 7)  # the last Saturday
    elif unit == "month":
        first = p.replace(day=1) if which == "this" else _add_months(p, -1)
    else:
        first = p.replace(month=1, day=1) if which == "this" else _add_months(p, -12)
    return first, p


def _last(unit: str, p: _dt.date) -> tuple[_dt.date, _dt.date]:
    """"last week", "last weekend", "last month", "last year"."""
    if unit == "week":  # the week (Sunday to Saturday, in US papers) before
        sunday = p - _dt.timedelta(days=(p.weekday() + 1) % 7)  # p's week, a day
        return sunday - _dt.timedelta(days=8), sunday  # more each side (UK: Monday)
    if unit == "weekend":
        sat = p - _dt.timedelta(days=(p.weekday() - 5) % 7)
        if p.weekday() >= 5:
            sat -= _dt.timedelta(days=7)
        return sat, sat + _dt.timedelta(days=1)
    if unit == "month":
        d = _add_months(p, -1)
        return _month_span(d.year, d.month)
    return _dt.date(p.year - 1, 1, 1), _dt.date(p.year - 1, 12, 31)


def _ago(n: int, unit: str, p: _dt.date) -> tuple[_dt.date, _dt.date]:
    """"two days/weeks/months/years ago", with a margin that grows with the unit."""
    if unit == "day":
        d = p - _dt.timedelta(days=n)
        return d - _dt.timedelta(days=1), d + _dt.timedelta(days=1)
    if unit == "week":
        d = p - _dt.timedelta(days=7 * n)
        return d - _dt.timedelta(days=3), d + _dt.timedelta(days=3)
    if unit == "month":
        d = _add_months(p, -n)
        return d - _dt.timedelta(days=15), d + _dt.timedelta(days=15)
    d = _add_months(p, -12 * n)
    return d - _dt.timedelta(days=183), d + _dt.timedelta(days=183)


def _relative(m, p: _dt.date) -> tuple[_dt.date, _dt.date] | None:
    """The days of one relative time expression (``_RELATIVE``) against the article's day."""
    one = _dt.timedelta(days=1)
    if m.group(1):
        return p - one, p - one
    if m.group(2) or m.group(3):
        return p - one, p  # an article dated in another time zone than the speaker
    if m.group(5):
        which, unit, early = m.group(5).lower(), m.group(6).lower(), (m.group(4) or "").lower()
        if which in ("this", "past") or early == "earlier":
            return _this_or_past(which, unit, p)
        if which == "last":
            return _last(unit, p)
        return None
    if m.group(8):
        n = NUMBERS.get(m.group(7).lower()) or (int(m.group(7)) if m.group(7).isdigit() else 0)
        return _ago(n, m.group(8).lower().rstrip("s"), p) if n else None
    if m.group(9):
        return p - _dt.timedelta(days=RECENT_DAYS), p
    return None


def time_cues(context: str, published: _dt.date | None) -> list[Cue]:
    """Every time expression of ``context`` that dates a past occasion, as a day interval
    with its words and offsets. Relative words need ``published``; explicit dates with a
    year do not."""
    c = _Cues(context, published)
    _dates(c)
    _months(c)
    _years(c)
    if published is None:
        return c.out
    _weekdays(c)
    for m in _RELATIVE.finditer(context):
        days = _relative(m, published)
        if days is not None:
            c.add(m, *days)
    return c.out


def when_said(context: str, published: _dt.date | None) -> Interval | None:
    """The interval every time cue of ``context`` agrees on, or None (no cue, or cues that
    contradict each other: the sentence speaks of two occasions)."""
    return _agreed(time_cues(context, published))


def _agreed(cues: list[Cue]) -> Interval | None:
    if not cues:
        return None
    first = max(c[0] for c in cues)
    last = min(c[1] for c in cues)
    if first > last:
        return None
    return first, last, " / ".join(c[2] for c in cues)


class Parsed:
    """The parsed segments of one article, indexed once (``textindex.ArticleIndex``), and its
    quoted passages merged into disjoint, sorted ranges: every lookup is a bisection, so
    dating all the quotes of an article is linear in its size (issue 17: scanning every
    segment and rebuilding ``doc.text`` for each quote made 2,000 quotes take 35 s)."""

    def __init__(self, text: str, quoted: list[tuple[int, int]], docs):
        self.index = docs if isinstance(docs, ArticleIndex) else ArticleIndex(text, [], docs)
        merged: list[list[int]] = []
        for qs, qe in sorted((qs - 1, qe + 1) for qs, qe in quoted):  # the marks too
            if merged and qs <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], qe)
            else:
                merged.append([qs, qe])
        self.blanks = [(a, b) for a, b in merged]
        self.blank_starts = [a for a, _ in self.blanks]

    def token_at(self, pos: int):
        return self.index.tok_at(pos)

    def offset_of(self, doc) -> int:
        return self.index.offset_of[id(doc)]

    def blanked(self, text: str, s: int, e: int) -> str:
        """``text[s:e]`` with the quoted passages (and their marks) as spaces."""
        out, pos = [], s
        k = max(0, bisect.bisect_right(self.blank_starts, s) - 1)
        while k < len(self.blanks) and self.blanks[k][0] < e:
            a, b = max(self.blanks[k][0], s), min(self.blanks[k][1], e)
            if b > pos:
                a = max(a, pos)
                out += [text[pos:a], " " * (b - a)]
                pos = b
            k += 1
        out.append(text[pos:e])
        return "".join(out)


def _parsed(text: str, quoted, docs) -> Parsed:
    return docs if isinstance(docs, Parsed) else Parsed(text, quoted, docs)


def _sentence(parsed: Parsed, pos: int) -> tuple[int, int] | None:
    """The parser's sentence around text offset ``pos`` (None where nothing was parsed)."""
    t = parsed.token_at(pos)
    if t is None:
        return None
    offset = parsed.offset_of(t.doc)
    return offset + t.sent.start_char, offset + t.sent.end_char


def attribution_context(text: str, quoted: list[tuple[int, int]], quote: tuple[int, int],
                        cue_start: int | None, docs) -> list[tuple[int, str]]:
    """The sentence of the quote and, when the speech verb lies elsewhere ("A," he said
    Monday. "B."), the sentence of the verb (as the parse of ``docs`` splits them), as
    (offset, text) with the quoted passages (``quoted``: spans inside the quotation marks)
    blanked: same length as the original. ``docs``: the ``(offset, Doc)`` segments, or a
    ``Parsed`` made once for the whole article."""
    parsed = _parsed(text, quoted, docs)
    spans = [s for s in (_sentence(parsed, quote[0]),) if s]
    if cue_start is not None and not any(s <= cue_start < e for s, e in spans):
        spans += [s for s in (_sentence(parsed, cue_start),) if s]
    return [(s, parsed.blanked(text, s, e)) for s, e in sorted(set(spans))]


def _governing_verb(parsed: Parsed, quote: tuple[int, int], cue_start: int):
    """The speech verb the quote hangs from in the parse: the first speech verb above its
    first word ("Sanders said last week that he would act, after having slammed a bill
    that he said would make [the quote]": the second "said", where the attribution, which
    gives a quote inside its speaker's own clause to the outer verb, keeps the first); else
    the attribution's cue."""
    cue = parsed.token_at(cue_start)
    t = parsed.token_at(quote[0])
    if t is None or cue is None or t.doc is not cue.doc:
        return cue
    offset = parsed.offset_of(t.doc)
    for _ in range(40):
        if t.head.i == t.i:
            return cue
        t = t.head
        inside = quote[0] <= offset + t.idx < quote[1]  # the speaker's own "I said"
        if t.i == cue.i or (is_cue_token(t) and not inside):
            return t
    return cue


def _dates_the_cue(parsed: Parsed, cue: Cue, offset: int, target) -> bool:
    """The time words modify the quote's own speech verb (or noun): going up the parse from
    them, the first verb met is that cue. "Sanders said last week that he would act, after
    he had said [the quote]": "last week" dates the other "said"."""
    word = parsed.token_at(offset + cue[4] - 1)
    if word is None or target is None or word.doc is not target.doc:
        return False
    # a participle or a second verb shares its clause's time: "Cruz continued on Saturday,
    # saying that ...", "she stood up on Monday and said ..."
    verbs = {target.i}
    v = target
    while v.head.i != v.i and (v.dep_ == "conj" or (v.dep_ in ("advcl", "xcomp") and v.tag_ == "VBG")):
        v = v.head
        verbs.add(v.i)
    t = word
    for _ in range(40):
        if t.i in verbs:
            return True
        if t is not word and t.pos_ in ("VERB", "AUX"):
            return False
        if t.head.i in verbs and t.dep_ in ("nsubj", "nsubjpass"):
            return False  # inside the speaker's description: "a close aide in 2012"
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def article_day(published: str | None) -> _dt.date | None:
    """The day of an ISO date or datetime ("2016-02-08", "2016-02-08T14:00:00Z"), else None."""
    if not published:
        return None
    s = str(published).strip()
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        try:
            return _dt.datetime.fromisoformat(s).date()
        except ValueError:
            return None


def when_said_in(text: str, quoted: list[tuple[int, int]], quote: tuple[int, int],
                 cue_start: int | None, published: str | None, docs) -> Interval | None:
    """When one quote of an article was said: the time words of its attribution
    (``attribution_context``; ``quoted``: every quoted passage of the article) that modify
    its speech verb in the parse (``docs``: ``(offset, Doc)`` segments of ``text``, or one
    ``Parsed`` for all the quotes of the article), agreed (``when_said``). None without a
    speech verb to attach them to."""
    if cue_start is None:
        return None
    p = article_day(published)
    parsed = _parsed(text, quoted, docs)
    found = [(offset, c) for offset, part in attribution_context(text, quoted, quote, cue_start, parsed)
             for c in time_cues(part, p)]
    if not found:
        return None
    verb = _governing_verb(parsed, quote, cue_start)
    return _agreed([c for offset, c in found if _dates_the_cue(parsed, c, offset, verb)])
