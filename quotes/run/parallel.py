"""Extraction in N local processes (`quotes build --workers N`).

Each worker process loads the spaCy model once (pool initializer) and extracts chunks of
articles; the parent gets the results back in input order and does all the writing, so a
parallel build writes exactly what a single-process build writes. At most two chunks per
worker are in flight, so memory stays flat however large the corpus is.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from quotes.run.batch import Extracted
from quotes.model import Article, Skipped

_WORKER_NLP = None

# Below this many documents a second process (about 1.1-1.4 s of CPU to start and load the
# model) costs more than it saves; above it, one process per core, at most MAX_AUTO_WORKERS
# (each holds a model: about 0.4 GB). Measured (scale5) with `benchmarks/bench_extract.py
# --split train --crossover ...` (1 and 2 processes on the first N PolNeAR train articles,
# ~610 words each, interleaved, best of 3) on the shared 2-core machine: wall of 2 processes
# / 1 process = 1.08-1.34 for 25-100 articles (load 5.6), 1.88 / 1.00 / 0.92 / 0.86 for
# 100 / 150 / 200 / 300 (load 7.2): 2 processes first win at 150-200 articles. On a quiet
# machine they win earlier (84 dev articles: 7.45x textacy vs 5.3x, stop 23); 200 is where they
# won in every run on the busy one (0.81 at load 13.8, 0.92 at load 7.2), so it stays.
AUTO_MIN_DOCUMENTS = 200
MAX_AUTO_WORKERS = 4


def usable_cpus() -> int:
    """The cores this process may run on."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_workers(n_documents: int, cpus: int | None = None) -> int:
    """How many extraction processes ``--workers auto`` starts for ``n_documents``."""
    cpus = usable_cpus() if cpus is None else cpus
    if n_documents < AUTO_MIN_DOCUMENTS or cpus < 2:
        return 1
    return min(cpus, MAX_AUTO_WORKERS, n_documents // (AUTO_MIN_DOCUMENTS // 2))


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int) -> None:
    """End this worker when the build that started it ends, even by `kill -9` (which gives
    the pool no chance to stop its workers: they would wait on their pipe forever). On
    Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG);
    elsewhere a thread looks at the parent's pid every second."""
    armed = False
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent_pid:  # the parent died before we asked
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _init_worker(parent_pid: int | None = None) -> None:
    global _WORKER_NLP
    from quotes.extract.nlp import load_parser

    if parent_pid is not None:
        die_with_parent(parent_pid)

    _WORKER_NLP = load_parser()


def _extract_chunk(chunk: list[Article], batch_size: int) -> list[Extracted | Skipped]:
    """One chunk in a worker, through `extract_safely`: a bad article costs only itself."""
    from quotes.run.batch import extract_safely

    return list(extract_safely(chunk, nlp=_WORKER_NLP, batch_size=batch_size))


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_parallel(articles: Iterable[Article], workers: int, batch_size: int = 32,
                     chunk_size: int = 4) -> Iterator[Extracted | Skipped]:
    """Like `batch.extract_safely`, in `workers` processes; same order, same results."""
    context = multiprocessing.get_context("spawn")  # no forked copies of a loaded model or open DB
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        for chunk in chunked(articles, chunk_size):
            pending.append((chunk, pool.submit(_extract_chunk, chunk, batch_size)))
            while len(pending) >= 2 * workers:
                yield from _ready(pending.popleft())
        while pending:
            yield from _ready(pending.popleft())


def _ready(item) -> Iterator[Extracted | Skipped]:
    _, future = item
    yield from future.result()
