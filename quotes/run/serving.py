"""`quotes serve --processes N`: N server processes answering on one port.

One Datasette process renders pages with one core: its Python (templates, plugin hooks,
routing) holds the GIL, only SQLite runs beside it. Under many clients at once that core is
the limit (issue 17: distinct pages). Here uvicorn's supervisor binds the socket once and
starts N spawned processes that all accept on it (the kernel hands each connection to one
of them); each builds its own Datasette from `SPEC_ENV`, with its own connections and page
cache. The database is read-only to all of them, so they cannot disagree.

The processes share one Datasette secret (a signed cookie or CSRF token made by one is
valid in the others) and die with the supervisor, even on `kill -9`
(`parallel.die_with_parent`). The supervisor keeps the build lock `quotes serve` took.
"""
from __future__ import annotations

import json
import os
import secrets

from quotes.run.parallel import die_with_parent, usable_cpus

SPEC_ENV = "QUOTES_SERVE_SPEC"
# Past this many processes the pages do not come faster on the machines we measured (each
# process also holds its own page cache and SQLite connections).
MAX_AUTO_PROCESSES = 4


def auto_processes(cpus: int | None = None) -> int:
    """`--processes auto`: one per usable core, at most MAX_AUTO_PROCESSES."""
    return max(1, min(usable_cpus() if cpus is None else cpus, MAX_AUTO_PROCESSES))


def make_datasette(db_path: str, live: bool, secret: str | None = None):
    """The Datasette `quotes serve` runs: the file immutable unless `live`, SETTINGS."""
    from datasette.app import Datasette

    from quotes.site import SETTINGS

    files = {"files": [db_path]} if live else {"immutables": [db_path]}
    return Datasette(**files, settings=dict(SETTINGS), secret=secret)


def app_from_env():
    """uvicorn's app factory, called once in each server process."""
    spec = json.loads(os.environ[SPEC_ENV])
    if os.getpid() != spec["parent"]:
        die_with_parent(spec["parent"])
    return make_datasette(spec["db"], spec["live"], spec["secret"]).app()


def check_app(db_path: str, live: bool) -> None:
    """Build the site once here, startup hooks included, before any server process: uvicorn's
    supervisor starts a process again whenever one dies, so a site that cannot start (a
    plugin that fails to import, a startup hook that raises) would be started again and
    again instead of ending `quotes serve` with its error, as one process does."""
    import asyncio

    asyncio.run(make_datasette(db_path, live).invoke_startup())


def serve_processes(db_path: str, host: str, port: int, live: bool, processes: int) -> None:
    """Run `processes` server processes on host:port until interrupted."""
    import uvicorn

    check_app(os.path.abspath(db_path), live)
    os.environ[SPEC_ENV] = json.dumps({"db": os.path.abspath(db_path), "live": live,
                                       "secret": secrets.token_hex(32), "parent": os.getpid()})
    uvicorn.run(f"{__name__}:app_from_env", factory=True, host=host, port=port, workers=processes,
                lifespan="on", log_level="info")
