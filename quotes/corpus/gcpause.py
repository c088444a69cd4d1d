"""Pausing CPython's cycle collector while the grouping builds its structures.

The grouping makes millions of small objects (word units, key tuples, nodes, index
postings) that form no reference cycles: reference counting frees them all. The cycle
collector still walks the live heap each time enough objects have been allocated, and
in a worker holding a family of 100,000 quotes those walks took about a third of the
grouping's CPU (``benchmarks/bench_grouping_cpu.py``). Paused for one call, the collector
finds anything left over when it runs again; results do not depend on it.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from collections.abc import Iterator


@contextmanager
def cycles_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (it was enabled before: on again after)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
