"""Reading notes out of the store's rows, and the small normalisations rows are written with.

The file itself is outside input (written by an older storydiff, another tool, or an attacker),
so what is shown from a row is cleaned again as it is read: a path, a note, a tag or a time stamp
read back here is text to draw, never markup or a control sequence. Every function takes the
connection it reads through, so a write transaction can read back what it just wrote.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from ..core.text_safety import clean_outside
from .records import Annotation, Bookmark

_ANNOTATION_COLUMNS = (
    'a.id, a.version_id, v.path, a.anchored_hash, a.exact, a.prefix, a.suffix, a.start, a."end", '
    "a.note, a.tags, a.created, a.modified, a.status, a.confidence, a.original_exact"
)
_BOOKMARK_COLUMNS = (
    'b.id, b.version_id, v.path, b.anchored_hash, b.exact, b.prefix, b.suffix, b.start, b."end", '
    "b.created, b.status, b.confidence"
)


def now() -> str:
    """UTC timestamps with milliseconds: sortable as text and exact through JSON round trips."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def normal_path(path: str) -> str:
    """One spelling per file, so "./a.txt" and "/home/me/a.txt" are the same place; URLs kept."""
    if "://" in path or path in ("", "-", "<stdin>"):
        return path
    return os.path.abspath(os.path.expanduser(path))


def normal_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags cleaned and trimmed, empty ones dropped, duplicates dropped in order: what a user means by them."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = clean_outside(tag).strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def _stored_tags(raw: object) -> tuple[str, ...]:
    """The tags column as written (a JSON list of words); anything else reads as no tags."""
    try:
        tags = json.loads(raw) if isinstance(raw, str) else []
    except (ValueError, RecursionError):
        return ()
    return normal_tags(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else ()


def _stored_confidence(raw: object) -> float:
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return value if 0.0 <= value <= 1.0 else 0.0


def _annotation(row: tuple[Any, ...]) -> Annotation:
    (note_id, version_id, path, anchored_hash, exact, prefix, suffix, start, end, note, tags, created, modified,
     status, confidence, original_exact) = row
    return Annotation(
        note_id, version_id, clean_outside(path), anchored_hash or "", exact, prefix, suffix, start, end,
        clean_outside(note, one_line=False), _stored_tags(tags), clean_outside(created), clean_outside(modified), status,
        _stored_confidence(confidence), clean_outside(original_exact if original_exact is not None else exact, one_line=False),
    )


def _bookmark(row: tuple[Any, ...]) -> Bookmark:
    note_id, version_id, path, anchored_hash, exact, prefix, suffix, start, end, created, status, confidence = row
    return Bookmark(note_id, version_id, clean_outside(path), anchored_hash or "", exact, prefix, suffix, start, end,
                    clean_outside(created), status, _stored_confidence(confidence))


def select_annotations(conn: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> list[Annotation]:
    """Annotations matching `where` (on `a`, the annotations, and `v`, their versions), in reading order."""
    sql = f"SELECT {_ANNOTATION_COLUMNS} FROM annotations a JOIN versions v ON v.id = a.version_id {where} ORDER BY v.path, a.start, a.created, a.id"
    return [_annotation(row) for row in conn.execute(sql, params)]


def select_bookmarks(conn: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()) -> list[Bookmark]:
    """Bookmarks matching `where` (on `b`, the bookmarks, and `v`, their versions), in reading order."""
    sql = f"SELECT {_BOOKMARK_COLUMNS} FROM bookmarks b JOIN versions v ON v.id = b.version_id {where} ORDER BY v.path, b.start, b.created, b.id"
    return [_bookmark(row) for row in conn.execute(sql, params)]


def orphans(conn: sqlite3.Connection, version_id: int) -> list[Annotation]:
    """A version's annotations that could not be placed in its text: shown for review, never dropped."""
    return select_annotations(conn, "WHERE a.version_id = ? AND a.status = 'orphan'", (version_id,))
