"""Running extraction over a batch so that one bad article never costs the others.

`extract_safely` wraps `quotes.extract.pipeline.extract_articles`: it feeds it chunks of articles;
when a chunk fails (an exception anywhere in `nlp.pipe` or attribution), every article of
that chunk is retried on its own, and only the ones that still fail are reported (as a
`Skipped` with the exception in its reason). Quotes whose offsets do not slice the article
text are dropped with a note, so the database only ever holds valid evidence.

Every article has a time budget (`ARTICLE_SECONDS`): a chunk gets the budget of its
articles together; a chunk that runs over is retried article by article, and an article
that runs over its own budget is reported and skipped, so one pathological input never
stalls the batch. In a process's main thread (`quotes build`, `--workers N`) the budget is
a SIGALRM timer; in any other thread (a Dask worker runs its tasks in threads) a timer thread
raises the same exception in the extracting thread (`PyThreadState_SetAsyncExc`). Either
way the exception arrives between two Python bytecodes, so a budget stops Python code at
once and a long call into compiled code (spaCy) when it returns.
"""
from __future__ import annotations

import dataclasses
import re
import signal
import sys
import threading
from contextlib import nullcontext
from collections.abc import Iterable, Iterator
from itertools import islice

from quotes.model import Article, Quote, Skipped

# spaCy parses whole paragraphs around quotation marks; its parser needs memory and time in
# proportion (about 10 s and a lot of RAM per 100,000 characters here), and refuses texts
# past `nlp.max_length`. No news paragraph comes near this; a file that does is reported.
MAX_PARAGRAPH_CHARS = 100_000
_MARK_CHARS = re.compile("[\"“”„‟«»‘’‚‛']")


def too_long_to_parse(article: Article) -> str | None:
    """A reason when a paragraph the extractor might parse is beyond `MAX_PARAGRAPH_CHARS`."""
    text = article.text or ""
    if len(text) <= MAX_PARAGRAPH_CHARS:
        return None
    start = 0
    for paragraph in text.split("\n"):
        if len(paragraph) > MAX_PARAGRAPH_CHARS and _MARK_CHARS.search(paragraph):
            return (f"a paragraph of {len(paragraph):,} characters at offset {start:,} is too long to parse "
                    f"(the limit is {MAX_PARAGRAPH_CHARS:,})")
        start += len(paragraph) + 1
    return None


# Extraction is linear in an article's size (about 1.6 s per 1,000 quoted paragraphs here);
# a news article takes well under a second. One that takes this long is not news.
ARTICLE_SECONDS = 60.0


# A budget's exception can be swallowed: Python ignores an exception raised while a garbage
# collector callback runs (distributed installs one), so the timer raises it again this much
# later until the block ends, and a block that ends normally after its budget ran out raises
# it on the way out.
RESEND_SECONDS = 0.1


class OverBudget(BaseException):
    """Raised by the budget's timer inside extraction. A BaseException, so that no
    `except Exception` on the way swallows it."""


def time_budget(seconds: float | None):
    """A context manager: raise OverBudget in this thread when its block runs longer than
    `seconds` (None: no budget). The budget's exception surfaces inside the block or at its
    `with`, never after it: one due as the block ends is raised by the `with` on the way
    out (when no other exception is), and the timer is stopped there."""
    if not seconds:
        return nullcontext()
    if threading.current_thread() is not threading.main_thread():
        return ThreadBudget(seconds)
    return AlarmBudget(seconds)


class AlarmBudget:
    """`time_budget` in a process's main thread: a SIGALRM timer whose handler raises
    OverBudget. A signal handled once the block is over (as `__exit__` starts: Python runs
    handlers between bytecodes) does not raise there, where it would skip the clean-up and
    leave the timer running: `__exit__` raises it after the clean-up; nor as `__enter__`
    ends, where it would leave them on with no `__exit__` to come: the next one is raised
    in the block."""

    def __init__(self, seconds: float):
        self.seconds, self.active, self.fired, self.previous = seconds, False, False, None

    def __enter__(self) -> AlarmBudget:
        self.previous = signal.signal(signal.SIGALRM, self.expired)
        self.active = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def expired(self, signum, frame) -> None:
        if not self.active:
            return
        self.fired = True
        code = frame.f_code if frame is not None else None
        if code is AlarmBudget.__exit__.__code__:
            return  # the block is over: __exit__ raises
        signal.setitimer(signal.ITIMER_REAL, RESEND_SECONDS)  # again, should this one be swallowed
        if code is not AlarmBudget.__enter__.__code__:  # (not begun: the next one is raised in it)
            raise OverBudget()

    def __exit__(self, kind, value, traceback) -> bool:
        self.active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        if self.fired and kind is None:  # every exception it raised was swallowed, yet the block ran over
            raise OverBudget()
        return False


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> int:
    """Make `thread_id` raise `exception` at its next bytecode (None: forget a pending one)."""
    import ctypes

    return ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)


class ThreadBudget:
    """`time_budget` for a thread other than the main one: a timer thread raises OverBudget
    in this one. On the way out the timer is stopped and an exception it sent but this
    thread has not yet raised is withdrawn, so it cannot surface after the block. The timer
    sends nothing while this thread is in `__enter__` (the next one is sent in the block) or
    in `__exit__` (`__exit__` raises it). (It reads the thread's frame, then sends: a thread
    that enters either in between may still raise there; the window is a few bytecodes.)"""

    def __init__(self, seconds: float):
        self.seconds, self.done, self.sent, self.fired = seconds, False, False, False
        self.lock, self.target, self.timer = threading.Lock(), None, None

    def __enter__(self) -> ThreadBudget:
        self.target = threading.get_ident()
        self.timer = self.start(self.seconds)
        return self

    def start(self, after: float) -> threading.Timer:
        timer = threading.Timer(after, self.expire)
        timer.daemon = True
        timer.start()
        return timer

    def expire(self) -> None:
        with self.lock:
            if self.done:
                return
            self.fired = True
            frame = sys._current_frames().get(self.target)
            if frame is None or frame.f_code not in (ThreadBudget.__enter__.__code__, ThreadBudget.__exit__.__code__):
                self.sent = _raise_in_thread(self.target, OverBudget) == 1 or self.sent
            self.timer = self.start(RESEND_SECONDS)  # again, should this one be swallowed

    def __exit__(self, kind, value, traceback) -> bool:
        with self.lock:
            self.done = True
            if self.sent:
                _raise_in_thread(self.target, None)
            self.timer.cancel()
        if self.fired and kind is None:  # every exception it sent was swallowed, yet the block ran over
            raise OverBudget()
        return False


@dataclasses.dataclass
class Extracted:
    """One article, its quotes, and notes about quotes that had to be dropped or mended."""

    article: Article
    quotes: list[Quote]
    notes: list[str] = dataclasses.field(default_factory=list)


def source_of(article: Article) -> str:
    return article.source or article.doc_id


def extract_safely(
    articles: Iterable[Article], nlp=None, batch_size: int = 32, extract=None,
    budget: float | None = ARTICLE_SECONDS,
) -> Iterator[Extracted | Skipped]:
    """`Extracted` for every article that could be processed, `Skipped` for the others,
    in input order. `extract` defaults to `quotes.extract.pipeline.extract_articles`;
    `budget`: seconds per article (see module doc)."""
    if extract is None:
        from quotes.extract.pipeline import extract_articles as extract
    if nlp is None:
        from quotes.extract.nlp import load_parser

        nlp = load_parser()
    batch_size = max(1, batch_size)
    iterator = iter(articles)
    while taken := list(islice(iterator, batch_size)):
        reasons = [too_long_to_parse(article) for article in taken]
        chunk = [article for article, reason in zip(taken, reasons) if not reason]
        done = iter(_extract_chunk(extract, chunk, nlp, batch_size, budget))
        for article, reason in zip(taken, reasons):
            yield Skipped(source_of(article), reason) if reason else next(done)


def _extract_chunk(extract, chunk: list[Article], nlp, batch_size: int,
                   budget: float | None = None) -> list[Extracted | Skipped]:
    """The whole chunk at once; if that fails or runs over, each article on its own."""
    if not chunk:
        return []
    try:
        with time_budget(budget and budget * len(chunk)):
            results = _run(extract, chunk, nlp, batch_size)
        return [checked(article, quotes) for article, quotes in results]
    except (Exception, OverBudget):  # one article spoiled the batch: find it, keep the others
        pass
    out: list[Extracted | Skipped] = []
    for article in chunk:
        try:
            with time_budget(budget):
                ((_, quotes),) = _run(extract, [article], nlp, batch_size)
        except OverBudget:
            out.append(Skipped(source_of(article), f"extraction took longer than {budget:g} s "
                                                   f"(the limit per article; {len(article.text):,} characters)"))
        except Exception as exc:
            out.append(Skipped(source_of(article), f"extraction failed ({describe(exc)})"))
        else:
            out.append(checked(article, quotes))
    return out


def _run(extract, chunk: list[Article], nlp, batch_size: int) -> list[tuple[Article, list[Quote]]]:
    results = list(extract(chunk, nlp=nlp, batch_size=batch_size))
    if len(results) != len(chunk) or any(got is not sent for (got, _), sent in zip(results, chunk)):
        raise RuntimeError("the extractor did not return one result per article, in order")
    return results


def describe(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    if len(message) > 200:
        message = message[:200] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _valid_span(text: str, start, end) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)


def checked(article: Article, quotes) -> Extracted:
    """Keep quotes whose offsets slice the text to the quote (once per span); evidence
    offsets (speaker, cue) that do not fit the text are cleared rather than stored."""
    text = article.text
    kept: list[Quote] = []
    notes: list[str] = []
    seen: set[tuple[int, int]] = set()
    dropped = duplicates = mended = 0
    for quote in quotes or []:
        if not isinstance(quote, Quote) or not _valid_span(text, quote.start, quote.end) \
                or quote.start == quote.end or text[quote.start:quote.end] != quote.text:
            dropped += 1
            continue
        if (quote.start, quote.end) in seen:
            duplicates += 1
            continue
        seen.add((quote.start, quote.end))
        changes = {}
        if quote.speaker_start is not None or quote.speaker_end is not None:
            if not _valid_span(text, quote.speaker_start, quote.speaker_end):
                changes.update(speaker_start=None, speaker_end=None)
        if quote.cue_start is not None or quote.cue_end is not None:
            if not _valid_span(text, quote.cue_start, quote.cue_end):
                changes.update(cue_start=None, cue_end=None)
        if changes:
            mended += 1
            quote = dataclasses.replace(quote, **changes)
        kept.append(quote)
    if dropped:
        notes.append(f"dropped {dropped} quote(s) whose offsets do not match the text")
    if duplicates:
        notes.append(f"dropped {duplicates} duplicate quote(s) with the same offsets")
    if mended:
        notes.append(f"cleared invalid speaker/cue offsets of {mended} quote(s)")
    return Extracted(article, kept, notes)
