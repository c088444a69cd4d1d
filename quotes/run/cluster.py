"""Extraction on a Dask distributed cluster (`quotes build --scheduler ADDRESS|local`).

The client reads the inputs and skips articles the database already holds; partitions of
articles go to the workers, each of which loads the spaCy model once (per process, however
many partitions it runs) and writes one SQLite shard per partition. Shards come back either
through a shared filesystem (`shard_dir` visible to every worker) or as bytes in the task
result; `shards.merge_shards` then combines them in input order and builds FTS and indexes
once (`quotes.build` then runs the corpus step). At most two partitions per worker thread are in flight, so the
client's memory stays flat.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from quotes.model import Article
from quotes.run.parallel import chunked
from quotes.run.shards import extract_to_shard, extract_to_shard_bytes, merge_shards


@contextmanager
def dask_client(scheduler: str, workers: int | None = None):
    """A client for `scheduler`: an address (tcp://host:8786) or "local" for a LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("--scheduler needs Dask: pip install 'quotes[dask]'") from exc
    if scheduler == "local":
        from quotes.run.daskplugin import DieWithBuild

        with LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.register_plugin(DieWithBuild(os.getpid()))  # even on kill -9 (daskplugin.py)
            yield client
    else:
        with Client(scheduler) as client:
            yield client


def build_on_cluster(db: sqlite_utils.Database, articles: Iterable[Article], scheduler: str,
                     workers: int | None = None, partition_size: int = 64, batch_size: int = 32,
                     shard_dir: str | None = None, on_partition=None) -> dict:
    """Extract `articles` on the cluster into shards and merge them into `db`.

    `on_partition(result)` is called as each partition finishes (progress reporting).
    Returns totals: {"articles": n, "quotes": n, "partitions": n}.
    """
    from dask.distributed import wait

    totals = {"articles": 0, "quotes": 0, "partitions": 0}
    local_dir = Path(tempfile.mkdtemp(prefix="quotes-shards-"))
    shared = Path(shard_dir) if shard_dir else None
    if shared:
        shared.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    try:
        with dask_client(scheduler, workers) as client:
            slots = 2 * max(1, sum(client.nthreads().values()))
            pending: list = []

            def finish(done) -> None:
                for future in done:
                    result = future.result()
                    if "data" in result:  # uploaded: write it where the client can merge it
                        Path(result["path"]).write_bytes(result.pop("data"))
                    totals["articles"] += result["articles"]
                    totals["quotes"] += result["quotes"]
                    totals["partitions"] += 1
                    future.release()
                    if on_partition:
                        on_partition(result)

            for index, part in enumerate(chunked(articles, partition_size)):
                name = f"shard-{index:06d}.db"
                if shared:
                    path = shared / name
                    future = client.submit(extract_to_shard, part, str(path), batch_size, pure=False)
                else:
                    path = local_dir / name
                    future = client.submit(_upload, part, str(path), batch_size, pure=False)
                paths.append(path)
                pending.append(future)
                if len(pending) >= slots:
                    done = wait(pending, return_when="FIRST_COMPLETED").done
                    pending = [f for f in pending if f not in done]
                    finish(done)
            finish(wait(pending).done)
        merge_shards(db, paths)  # input order: the same rows as a single-process build
    finally:
        shutil.rmtree(local_dir, ignore_errors=True)
        for path in paths:
            if shared:
                path.unlink(missing_ok=True)
    return totals


def _upload(part: list[Article], client_path: str, batch_size: int) -> dict:
    """Runs on a worker: extract into a worker-local shard and return its bytes."""
    result = extract_to_shard_bytes(part, batch_size=batch_size)
    result["path"] = client_path
    return result
