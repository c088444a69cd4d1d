"""LocalCluster workers (`quotes build --scheduler local`) are armed to die with the build
(PR_SET_PDEATHSIG), as `--workers N` processes are (tests/test_hostile_faults.py)."""
import ctypes
import signal
import sys

import pytest

pytest.importorskip("distributed")

from quotes.run.cluster import dask_client  # noqa: E402

PR_GET_PDEATHSIG = 2  # linux/prctl.h


def death_signal() -> int:
    value = ctypes.c_int(0)
    ctypes.CDLL(None, use_errno=True).prctl(PR_GET_PDEATHSIG, ctypes.byref(value), 0, 0, 0)
    return value.value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_local_cluster_workers_die_with_the_build():
    with dask_client("local", workers=2) as client:
        signals = client.run(death_signal)
    assert len(signals) == 2 and set(signals.values()) == {signal.SIGKILL}
