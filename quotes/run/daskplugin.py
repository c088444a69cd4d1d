"""The Dask worker plugin for `quotes build --scheduler local`: LocalCluster workers die with
the build that started them, even when it is killed with `kill -9`.

A LocalCluster's worker processes are children of the build (their nannies run inside it).
Dask stops them when the build ends normally, and notices a dead parent through a pipe
watched by a thread; `setup` also arms the kernel's guarantee (`parallel.die_with_parent`:
PR_SET_PDEATHSIG on Linux), which holds whatever the worker is doing. A worker whose
parent is not the build (a remote cluster's) is left alone. Imported only where Dask is.
"""
from __future__ import annotations

import os

from distributed.diagnostics.plugin import WorkerPlugin

from quotes.run.parallel import die_with_parent


class DieWithBuild(WorkerPlugin):
    name = "quotes-die-with-build"

    def __init__(self, build_pid: int):
        self.build_pid = build_pid

    def setup(self, worker) -> None:
        if os.getppid() == self.build_pid:
            die_with_parent(self.build_pid)
