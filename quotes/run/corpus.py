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
                options: GroupingOptions | None = None) -> Iterator[UtteranceIndex | UtteranceRows]:
    """Each task's utterances, in task order: in this process (``workers`` 1, no scheduler),
    in ``workers`` local processes, or on the Dask cluster ``scheduler`` (an address, or
    "local" for a LocalCluster of ``workers`` processes). Another process sends back the
    rows to write (``store.db.UtteranceRows``: plain tuples, cheaper to unpickle than the
    grouping's objects, and the client no longer makes them)."""
    if scheduler:
        yield from _on_dask(tasks, load, scheduler, workers, options)
    elif workers > 1 and len(tasks) > 1:
        yield from _in_processes(tasks, load, workers, options)
    else:
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


def _bounded(tasks: list[list[str]], load: Loader, submit, in_flight: int) -> Iterator:
    """Submit tasks with at most ``in_flight`` pending; yield their futures in order."""
    pending: deque = deque()
    for task in tasks:
        pending.append(submit(load(task)))
        while len(pending) >= in_flight:
            yield pending.popleft()
    yield from pending


def _in_processes(tasks, load, workers, options) -> Iterator[UtteranceRows]:
    context = multiprocessing.get_context("spawn")  # no forked copy of the client's memory
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for future in _bounded(tasks, load, lambda refs: pool.submit(grouped_packed, _packed(refs), options), 2 * workers):
            yield future.result()


def _on_dask(tasks, load, scheduler, workers, options) -> Iterator[UtteranceRows]:
    from quotes.run.cluster import dask_client

    with dask_client(scheduler, workers) as client:
        slots = 2 * max(1, sum(client.nthreads().values()))
        for future in _bounded(tasks, load,
                               lambda refs: client.submit(grouped_packed, _packed(refs), options, pure=False), slots):
            result = future.result()
            future.release()
            yield result
