"""The notes database schema, as an ordered list of forward migrations.

`PRAGMA user_version` holds how many steps a database has had. Opening a database applies the
missing steps in order inside one write transaction, so an old notes file is upgraded in place
and a crash half-way leaves it at the old version, never in between. Steps are append-only:
never edit a released step, add a new one.
"""

from __future__ import annotations

import sqlite3

# Step 1: the first released layout. Texts are kept by hash (`texts`) so that an annotation can
# always be shown with the passage it was written on and re-anchored with a diff of that text
# against the new one, even when the file on disk has since been edited or deleted.
_V1 = """
CREATE TABLE texts (
    hash TEXT PRIMARY KEY,
    text TEXT NOT NULL
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX versions_path ON versions(path);
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    note TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE TABLE bookmarks (
    id TEXT PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    created TEXT NOT NULL
)
"""

# Step 2: re-anchoring state. Which text an anchor's offsets refer to, how it was last placed
# (exact / moved / fuzzy / orphan) and how sure that was, and the quote as first annotated, so a
# reviewer can see what changed. Existing notes were anchored on their version's current text.
_V2 = """
ALTER TABLE annotations ADD COLUMN anchored_hash TEXT;
ALTER TABLE annotations ADD COLUMN status TEXT NOT NULL DEFAULT 'exact';
ALTER TABLE annotations ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
ALTER TABLE annotations ADD COLUMN original_exact TEXT;
UPDATE annotations SET
    anchored_hash = (SELECT text_hash FROM versions WHERE versions.id = annotations.version_id),
    original_exact = exact;
ALTER TABLE bookmarks ADD COLUMN anchored_hash TEXT;
ALTER TABLE bookmarks ADD COLUMN status TEXT NOT NULL DEFAULT 'exact';
ALTER TABLE bookmarks ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
UPDATE bookmarks SET
    anchored_hash = (SELECT text_hash FROM versions WHERE versions.id = bookmarks.version_id);
CREATE INDEX annotations_version ON annotations(version_id);
CREATE INDEX bookmarks_version ON bookmarks(version_id)
"""

# Step 3: where and when a version was published (a saved page's site and date), so an export
# can say it. Empty for plain files and for versions not seen since.
_V3 = """
ALTER TABLE versions ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN published TEXT NOT NULL DEFAULT ''
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
LATEST = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Brings the database up to `target` steps; returns the version it ended at.

    Runs in BEGIN IMMEDIATE so that two windows opening an old file at once upgrade it once:
    the second waits, then finds nothing left to do. `conn` must be in autocommit mode.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = user_version(conn)
        for step in range(current, min(target, LATEST)):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return user_version(conn)


def _layout(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: {row[1] for row in conn.execute(f"PRAGMA table_info({table})")} for table in tables}


def _expected_layout(version: int) -> dict[str, set[str]]:
    """The tables and columns the migrations make by step `version`: what a storydiff file at
    that step holds, found by running them on an empty database rather than kept by hand."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(memory, target=version)
        return _layout(memory)
    finally:
        memory.close()


def foreign_layout(conn: sqlite3.Connection) -> str | None:
    """Why this file's layout is not one storydiff wrote, or None when it is (or is new and empty).

    Checked before migrating: a negative `user_version`, tables at version 0 (another program's
    database, or storydiff tables with the version reset), or a version whose tables or columns
    are missing. Migrating such a file would fail half-way or read garbage.
    """
    version = user_version(conn)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version < 0:
        return f"its schema version is {version}, which no storydiff writes"
    if version == 0:
        return f"it holds tables ({', '.join(sorted(tables)[:3])}) but no schema version" if tables else None
    if version > LATEST:
        return None  # newer: told apart by the caller
    present = _layout(conn)
    for table, columns in _expected_layout(version).items():
        if table not in present:
            return f"its schema version is {version} but it has no {table} table"
        missing = columns - present[table]
        if missing:
            return f"its {table} table lacks the columns {', '.join(sorted(missing))}"
    return None
