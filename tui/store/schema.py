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

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
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


# The columns the code reads, by table, at the latest step: a file that has the tables but not
# these columns was not made by storydiff (or was edited by hand), and reading it would fail.
_REQUIRED_COLUMNS: dict[str, frozenset[str]] = {
    "texts": frozenset({"hash", "text"}),
    "versions": frozenset({"id", "path", "text_hash", "title", "first_seen", "last_seen"}),
    "annotations": frozenset({
        "id", "version_id", "exact", "prefix", "suffix", "start", "end", "note", "tags", "created", "modified",
        "anchored_hash", "status", "confidence", "original_exact",
    }),
    "bookmarks": frozenset({
        "id", "version_id", "exact", "prefix", "suffix", "start", "end", "created", "anchored_hash", "status", "confidence",
    }),
}


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
    expected = _REQUIRED_COLUMNS if version == LATEST else {name: frozenset() for name in _REQUIRED_COLUMNS}
    for table, columns in expected.items():
        if table not in tables:
            return f"its schema version is {version} but it has no {table} table"
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = columns - present
        if missing:
            return f"its {table} table lacks the columns {', '.join(sorted(missing))}"
    return None
