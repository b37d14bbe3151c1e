"""Opening the notes database: writable when it can be, read-only when it must, never a traceback.

What can be found where `notes.db` should be, and what opening does about it:

- nothing: a fresh store is made (writable), or an empty one in memory (read-only);
- a healthy store: it is upgraded to the latest schema and used;
- a damaged file (not SQLite, failing its integrity check): renamed aside with a timestamp,
  the user is told, and a fresh store is started; under a lock (`files.recovery_lock`) so
  that two processes opening at once never take each other's fresh store for the damage;
- a file that cannot be a database (a folder, a link loop, a FIFO), one from a newer
  storydiff, or a healthy SQLite file in a foreign layout: left untouched; the store is empty
  and read-only, and `unreadable` and one warning say why;
- a location that cannot be written (or STORYDIFF_READ_ONLY): the notes are read without any
  write, WAL included (`files.snapshot_with_wal`), and writes are refused.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from ..core.text_safety import clean_outside
from . import files, paths, schema

BUSY_TIMEOUT_MS = 5000


@dataclass
class Opened:
    """A connection and what the store must know about it."""

    conn: sqlite3.Connection
    read_only: bool
    warnings: list[str] = field(default_factory=list)
    read_only_reason: str = ""
    unreadable: str | None = None


class _Damaged(Exception):
    """The file exists but is not a healthy SQLite database; carries the plain-words reason."""


class _Foreign(Exception):
    """The file is a healthy SQLite database, but not laid out as storydiff's notes; left alone."""


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return True
    message = str(error).lower()
    return "malformed" in message or "not a database" in message


def open_notes(directory: Path, *, read_only: bool = False) -> Opened:
    """Opens `notes.db` in `directory` as the module docstring says; never raises for the file."""
    db_path = directory / paths.DB_NAME
    unusable = files.unusable_reason(db_path)
    if unusable:
        return unavailable(db_path, unusable)
    reason = ""
    if read_only:
        reason = "the notes were opened read-only"
    elif paths.read_only_requested():
        reason = f"{paths.READ_ONLY_ENV} is set"
    else:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = f"the folder {directory} cannot be created ({error.strerror or error})"
        else:
            if not os.access(directory, os.W_OK | os.X_OK):
                reason = f"the folder {directory} is not writable"
    if reason:
        return _open_read_only(db_path, reason)
    with files.recovery_lock(db_path):
        # Checked under the lock: another process recovering a damaged file renames it aside
        # while holding it, and a file that vanished between two checks read as "not writable".
        if db_path.exists() and not os.access(db_path, os.W_OK):
            return _open_read_only(db_path, f"the file {db_path} is not writable")
        return _open_writable(db_path)


def _open_writable(db_path: Path) -> Opened:
    """Called with the recovery lock held, so one process at a time checks and recovers the file."""
    warnings: list[str] = []
    try:
        conn = _connect_checked(db_path)
    except _Foreign as foreign:
        return unavailable(db_path, str(foreign))
    except _Damaged as damage:
        backup = _move_aside(db_path)
        warnings.append(
            f"The notes database {db_path} was damaged ({damage}). It was renamed to {backup.name} "
            "beside it, and a new empty notes database was started; the old notes may be recoverable from that file."
        )
        conn = _connect_checked(db_path)
    except sqlite3.OperationalError as error:
        return _open_read_only(db_path, f"the database could not be opened for writing ({error})")
    if schema.user_version(conn) > schema.LATEST:
        conn.close()
        return unavailable(db_path, "it was written by a newer storydiff")
    return Opened(conn, read_only=False, warnings=warnings)


def unavailable(db_path: Path, reason: str) -> Opened:
    """An empty read-only store in memory, standing in for notes that exist but cannot be read."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    schema.migrate(memory)
    reason = clean_outside(reason)
    warning = f"Notes cannot be shown or saved: the notes database {db_path} cannot be read ({reason}). It was left untouched."
    return Opened(memory, True, [warning], f"the notes database cannot be read ({reason})", reason)


def configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")


def _connect_checked(db_path: Path) -> sqlite3.Connection:
    """A writable, healthy, migrated connection, or _Damaged / _Foreign saying what is wrong with the file."""
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        configure(conn)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise _Damaged(f"integrity check: {'; '.join(problems[:3])}")
        foreign = schema.foreign_layout(conn)
        if foreign:
            raise _Foreign(foreign)
        if schema.user_version(conn) <= schema.LATEST:
            schema.migrate(conn)
        return conn
    except sqlite3.DatabaseError as error:
        conn.close()
        if is_corruption(error):
            raise _Damaged(str(error)) from error
        raise
    except (_Damaged, _Foreign):
        conn.close()
        raise


def _move_aside(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    backup = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = db_path.with_name(f"{db_path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(db_path, backup)
    except FileNotFoundError:
        pass  # another window moved it first
    for sidecar in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + sidecar)
        if side.exists():
            try:
                os.replace(side, backup.with_name(backup.name + sidecar))
            except OSError:
                pass
    return backup


def _open_read_only(db_path: Path, reason: str) -> Opened:
    """Reads the file without any write: `mode=ro`, or, when SQLite cannot make the WAL index
    beside it, a private copy of the file with its WAL (`immutable=1` only when there is no WAL).

    A file from an older schema is copied into memory and upgraded there, so the code only
    ever reads the latest layout; nothing is written back.
    """
    warnings = [f"Notes cannot be saved: {clean_outside(reason)}. Existing notes are shown read-only."]
    conn: sqlite3.Connection | None = None
    if db_path.exists():
        try:
            conn = _connect_read_only(db_path)
        except sqlite3.DatabaseError as error:
            return unavailable(db_path, "it is damaged" if is_corruption(error) else str(error))
        except OSError as error:
            return unavailable(db_path, f"a copy to read it could not be made: {error.strerror or error}")
        problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        foreign = schema.foreign_layout(conn)
        if problems != ["ok"] or foreign or schema.user_version(conn) > schema.LATEST:
            conn.close()
            return unavailable(db_path, "it is damaged" if problems != ["ok"] else foreign or "it was written by a newer storydiff")
    if conn is not None and schema.user_version(conn) == schema.LATEST:
        return Opened(conn, True, warnings, reason)
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    if conn is not None:
        conn.backup(memory)
        conn.close()
    schema.migrate(memory)
    return Opened(memory, True, warnings, reason)


def _connect_read_only(db_path: Path) -> sqlite3.Connection:
    uri = "file:" + quote(str(db_path.resolve()))
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        configure(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            raise
    # SQLite could not make the WAL index beside the file (a read-only folder).
    if files.has_wal(db_path):
        conn = files.snapshot_with_wal(db_path)
    else:
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
    configure(conn)
    return conn
