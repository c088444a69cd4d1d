"""Who may touch a database file at the same time: `quotes build` and `quotes serve`.

A build writes in WAL mode, so readers that go through SQLite's locks (Datasette's default
"mutable" mode, which opens read connections with `mode=ro`) see each committed article and
never an error. An immutable reader (Datasette `-i`) ignores locks and the WAL file, so it
must never see a file that is being written. The two are kept apart with an advisory lock
(`flock`) on `DB.lock` beside the database:

- `quotes build` holds it exclusively for the whole build; a second build, or a build
  while an immutable `quotes serve` runs, stops at once with a clear message;
- `quotes serve` serves immutable (`-i`) only when it can take the lock shared and the file
  is not in WAL mode (WAL left behind means an interrupted build whose last articles are
  still in `DB-wal`); it keeps the lock for its lifetime (across `exec` into Datasette).
  Otherwise, or with `--live`, it serves in mutable mode: read-only connections that follow
  the build as it commits.

The lock file is named after the database's real path (symlinks resolved), so every name
of one file shares one lock. The lock is released by the kernel when the process dies, so
`kill -9` leaves nothing stale.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path


class DatabaseBusy(RuntimeError):
    """Another process holds the database in a way that rules out this one."""


def lock_path(db_path: str | os.PathLike) -> Path:
    """`DB.lock` beside the real file: a build through a symlink and a server through the
    file itself (or another link) take the same lock."""
    return Path(f"{os.path.realpath(os.fspath(db_path))}.lock")


def _open_lock(db_path, create: bool = True) -> int:
    if not create:  # only to look: works in a read-only directory too
        return os.open(lock_path(db_path), os.O_RDONLY)
    return os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)


@contextmanager
def build_lock(db_path: str | os.PathLike):
    """Held for a whole build; raises DatabaseBusy when a build or an immutable serve has it."""
    fd = _open_lock(db_path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseBusy(
                f"{db_path} is in use: another `quotes build` is writing it, or `quotes serve` is "
                "serving it immutable (-i). Wait for the build, or restart the server with "
                "`quotes serve --live`, which can be running during a build."
            ) from None
        yield
    finally:
        os.close(fd)


def build_running(db_path: str | os.PathLike) -> bool:
    """True while some `quotes build` holds the database."""
    try:
        fd = _open_lock(db_path, create=False)
    except OSError:  # no lock file: no build ever ran here
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def hold_for_immutable_serving(db_path: str | os.PathLike) -> int | None:
    """A shared lock that keeps builds out, as an inheritable fd (it must survive `exec`);
    None when a build holds the database; -1 when there is no lock file and none can be
    made (a read-only directory, where no build can run either)."""
    try:
        fd = _open_lock(db_path)
    except OSError:
        try:
            fd = _open_lock(db_path, create=False)
        except OSError:
            return -1
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    os.set_inheritable(fd, True)
    return fd


def in_wal_mode(db_path: str | os.PathLike) -> bool:
    """The file header says WAL (bytes 18-19 == 2), or a WAL file lies beside it."""
    path = Path(os.path.realpath(os.fspath(db_path)))  # SQLite keeps DB-wal beside the real file
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return True
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"
