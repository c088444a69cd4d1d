"""The corpus step's units grouped in this process, in N local processes or on Dask.

A task is a few speaker-family units (``corpus.families.plan_tasks``); the client loads each
task's quotes just before it is sent (at most two tasks per worker in flight, so the
client holds a few tasks, not the corpus) and gets the utterances back in task order, so
every way of running writes the same rows in the same order. Workers need no database and
no spaCy model: only the quotes of their task.
"""
from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from quotes.corpus.families import group_units
from quotes.corpus.grouping import GroupingOptions, QuoteRef, UtteranceIndex
from quotes.store.db import UtteranceRows, utterance_rows

Loader = Callable[[list[str]], list[list[QuoteRef]]]  # unit ids -> each unit's quotes


def group_tasks(tasks: list[list[str]], load: Loader, workers: int = 1, scheduler: str | None = None,
                options: GroupingOptions | None = None) -> Grouped:
    """Each task's utterances, in task order (a ``Grouped``): in this process (``workers`` 1,
    no scheduler), in ``workers`` local processes, or on the Dask cluster ``scheduler`` (an
    address, or "local" for a LocalCluster of ``workers`` processes). Another process sends
    back the rows to write (``store.db.UtteranceRows``: plain tuples, cheaper to unpickle
    than the grouping's objects, and the client no longer makes them)."""
    if scheduler:
        return Grouped(_on_dask(tasks, load, scheduler, workers, options))
    if workers > 1 and len(tasks) > 1:
        return Grouped(_in_processes(tasks, load, workers, options))
    return Grouped(_here(tasks, load, options))


STARTED = object()  # what a ``Grouped`` generator yields once its first tasks are sent


class Grouped:
    """An iterator of each task's utterances whose first tasks can be sent ahead: ``start``
    sends up to two tasks per worker and returns without waiting for a result, so the
    workers group them while the client does other work (``store.db.save_corpus_index``
    writes the quotes' speaker links then: at 10M, minutes of row updates). Iterating starts
    it first. ``parts``: a generator that yields ``STARTED`` once its first tasks are sent."""

    def __init__(self, parts: Iterator) -> None:
        self._parts = parts
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            if next(self._parts, STARTED) is not STARTED:
                raise RuntimeError("a Grouped generator must yield STARTED first")

    def __iter__(self) -> Grouped:
        return self

    def __next__(self) -> UtteranceIndex | UtteranceRows:
        self.start()
        return next(self._parts)

    def close(self) -> None:
        """Stop: the tasks not sent are dropped (a pool waits for those it runs)."""
        self._parts.close()


def _here(tasks, load, options) -> Iterator:
    yield STARTED
    for task in tasks:
        yield group_units(load(task), options)


def grouped_rows(units_refs: list[list[QuoteRef]], options: GroupingOptions | None) -> UtteranceRows:
    """One task grouped (``families.group_units``), as the rows the client writes (in a worker)."""
    return utterance_rows(group_units(units_refs, options))


def grouped_packed(packed: bytes, options: GroupingOptions | None) -> UtteranceRows:
    """``grouped_rows`` of a task sent pickled (``packed``): an executor keeps a task's
    arguments until its result is back, so the client holds the task's bytes (about a third
    of its objects' memory: 230 vs 725 bytes per quote) while a giant family is grouped."""
    return grouped_rows(pickle.loads(packed), options)


def _packed(refs: list[list[QuoteRef]]) -> bytes:
    return pickle.dumps(refs, protocol=pickle.HIGHEST_PROTOCOL)


def _bounded(tasks: list[list[str]], load: Loader, submit, wait, in_flight: int) -> Iterator:
    """Submit tasks with at most ``in_flight`` pending: ``STARTED`` once the first ones are
    sent, then each task's result (``wait(future)``), in task order."""
    pending: deque = deque()
    started = False
    for task in tasks:
        pending.append(submit(load(task)))
        if len(pending) >= in_flight and not started:
            started = True
            yield STARTED
        while len(pending) >= in_flight:
            yield wait(pending.popleft())
    if not started:
        yield STARTED
    while pending:
        yield wait(pending.popleft())


def _in_processes(tasks, load, workers, options) -> Iterator:
    context = multiprocessing.get_context("spawn")  # no forked copy of the client's memory
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _bounded(tasks, load, lambda refs: pool.submit(grouped_packed, _packed(refs), options),
                            lambda future: future.result(), 2 * workers)


def _on_dask(tasks, load, scheduler, workers, options) -> Iterator:
    from quotes.run.cluster import dask_client

    def wait(future):
        result = future.result()
        future.release()
        return result

    with dask_client(scheduler, workers) as client:
        slots = 2 * max(1, sum(client.nthreads().values()))
        yield from _bounded(tasks, load, lambda refs: client.submit(grouped_packed, _packed(refs), options, pure=False),
                            wait, slots)
