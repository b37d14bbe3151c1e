"""The notes file on disk, seen from outside SQLite: what it is, who may recover it, how to read it untouched.

Three things SQLite cannot do for us:

- Tell a database path that is a folder, a symlink loop or a FIFO from a database: SQLite would
  open "nothing" and show an empty store as if the notes were gone.
- Keep two processes from "recovering" at once: both see a damaged file, one renames it aside
  and starts a fresh store, and the other, still checking, takes that fresh store for the
  damaged one and renames it aside too. `recovery_lock` makes opening-and-recovering one at a time.
- Read a store in WAL mode from a folder where it cannot create the `-shm` index: the only way
  SQLite then opens it is `immutable=1`, which ignores the WAL and with it every note committed
  since the last checkpoint. `snapshot_with_wal` copies the file and its WAL to a private folder
  and reads them there, WAL included.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: SQLite's own locking is all there is
    fcntl = None  # type: ignore[assignment]


def unusable_reason(db_path: Path) -> str | None:
    """Why `db_path` can never be a database (folder, loop, FIFO, unreadable), or None; "it" is the file."""
    try:
        info = os.stat(db_path)
    except FileNotFoundError:
        return None if not os.path.islink(db_path) else "it is a link to nothing"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "it is a loop of symbolic links"
        return f"it cannot be read: {error.strerror or error}"
    if stat.S_ISDIR(info.st_mode):
        return "it is a folder, not a notes database"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if not os.access(db_path, os.R_OK):
        return "it cannot be read: permission denied"
    return None


@contextlib.contextmanager
def recovery_lock(db_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `notes.db.lock` beside the store while opening and recovering it.

    Only a writable opener takes it (it must create the lock file). Where locking is impossible
    the opener goes on without it: that is how it worked before, and SQLite still guards writes.
    """
    if fcntl is None:
        yield
        return
    try:
        handle = open(db_path.with_name(db_path.name + ".lock"), "a+b")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def has_wal(db_path: Path) -> bool:
    """Whether notes may sit in the WAL beside the file, not yet copied into it."""
    try:
        return os.path.getsize(db_path.with_name(db_path.name + "-wal")) > 0
    except OSError:
        return False


def snapshot_with_wal(db_path: Path) -> sqlite3.Connection:
    """An in-memory copy of the database as its WAL says it is, without writing beside it.

    Raises OSError or sqlite3.Error when the copy cannot be made.
    """
    with tempfile.TemporaryDirectory(prefix="storydiff-notes-") as folder:
        copy = Path(folder) / db_path.name
        shutil.copyfile(db_path, copy)
        shutil.copyfile(db_path.with_name(db_path.name + "-wal"), copy.with_name(copy.name + "-wal"))
        source = sqlite3.connect(copy, isolation_level=None)
        try:
            memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            source.backup(memory)
        finally:
            source.close()
    return memory
