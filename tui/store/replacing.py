"""Writing a file so that it holds either its old contents or all of the new: exports are backups.

An export of the notes may be the only copy a user keeps of them, so a kill, a full disk or a
crash while writing must not destroy the previous one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path


def write_replacing(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` holds either its old contents or all of `data`.

    A kill or a full disk mid-write must not destroy the previous export, which may be the only
    backup of the notes: the data goes to a temporary file beside it, is fsync'd, and only then
    replaces the old file (an atomic rename), and the folder is fsync'd so the rename holds.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    _remove_stale_partials(folder, path.name)


STALE_PARTIAL_SECONDS = 3600
"""A temporary file left by an export killed mid-write is removed by a later export of the same
file once it is this old. An hour, because a live export of the same file (another window, a
script) finishes in seconds, and its temporary file must never be taken from under it."""


def _remove_stale_partials(folder: Path, name: str) -> None:
    """Tidy what killed exports left beside `name`: only our own pattern, only when long abandoned."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for leftover in folder.glob(f".{glob.escape(name)}.*.partial"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and not leftover.is_symlink() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
