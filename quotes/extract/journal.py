"""An undo journal for the article's entity state: try something, then forget it.

Why: the ranker resolves every candidate of a quote through the article's entity tracking,
and resolving registers names, records mentions and caches resolved tokens. Those trials
must leave no trace. Copying the whole state per quote (the first attempt) makes extraction
quadratic in the article's length; the journal records only the changes a trial makes and
undoes them afterwards, so a trial costs what it changes.

The containers below behave as list, set and dict; while a journal is open (`undoable`)
each change they undergo is recorded with its inverse. Outside a journal they only pay one
context-variable read per change. The journal is per thread (a context variable), so
extraction in worker threads does not mix trials.
"""
from __future__ import annotations

from bisect import bisect_left
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable

_OPEN: ContextVar[list | None] = ContextVar("quotes_undo_journal", default=None)


def record(undo: Callable[[], None]) -> None:
    """Remember how to undo a change just made (nothing when no journal is open)."""
    journal = _OPEN.get()
    if journal is not None:
        journal.append(undo)


def recording() -> bool:
    return _OPEN.get() is not None


@contextmanager
def undoable():
    """Every change made inside the block to journaled state is undone when it ends."""
    journal: list = []
    token = _OPEN.set(journal)
    try:
        yield
    finally:
        _OPEN.reset(token)
        for undo in reversed(journal):
            undo()


class JournaledList(list):
    """A list whose appends, inserts and extends are undone with the journal."""

    def append(self, x) -> None:
        list.append(self, x)
        if recording():
            record(lambda: list.pop(self))

    def insert(self, i, x) -> None:
        n = len(self)
        list.insert(self, i, x)
        if recording():
            at = max(0, min(n, i if i >= 0 else n + i))
            record(lambda: list.__delitem__(self, at))

    def extend(self, xs) -> None:
        n = len(self)
        list.extend(self, xs)
        if recording():
            record(lambda: list.__delitem__(self, slice(n, None)))


class JournaledPositions(list):
    """Text offsets kept sorted (append inserts in order), so "how many before p" and "the
    last one before p" cost a binary search, not a scan of every mention of the article."""

    def append(self, x) -> None:
        i = bisect_left(self, x)
        list.insert(self, i, x)
        if recording():
            record(lambda: list.__delitem__(self, i))

    def __contains__(self, x) -> bool:
        i = bisect_left(self, x)
        return i < len(self) and self[i] == x

    def count_below(self, p) -> int:
        return bisect_left(self, p)

    def last_below(self, p):
        i = bisect_left(self, p)
        return self[i - 1] if i else None


class JournaledSet(set):
    """A set whose additions are undone with the journal."""

    def add(self, x) -> None:
        if x in self:
            return
        set.add(self, x)
        if recording():
            record(lambda: set.discard(self, x))


class JournaledDict(dict):
    """A dict whose item assignments are undone with the journal."""

    def __setitem__(self, k, v) -> None:
        if recording():
            if k in self:
                old = dict.__getitem__(self, k)
                record(lambda: dict.__setitem__(self, k, old))
            else:
                record(lambda: dict.__delitem__(self, k))
        dict.__setitem__(self, k, v)


class Journaled:
    """A mixin: attribute assignments on an existing object are undone with the journal."""

    def __setattr__(self, name: str, value) -> None:
        if recording() and name in self.__dict__:
            old = self.__dict__[name]
            record(lambda: object.__setattr__(self, name, old))
        object.__setattr__(self, name, value)
