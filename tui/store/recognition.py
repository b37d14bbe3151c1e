"""How the store recognises a version it is handed, and where that version's notes land in it.

A version is recognised by the sha256 of its text first, so a moved or copied file keeps its
notes ("known", "moved"), and by its path second, so a file edited in place keeps them too
("edited"): each note is then re-anchored on the new text with its own old text (kept in the
`texts` table), which lets the diff veto a look-alike passage. A note that cannot be placed
becomes an orphan, kept for review, never dropped. Every function works inside the caller's
connection (and transaction), so registering many versions costs one commit.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ..core.anchoring import TextAnchor, anchor_for, reanchor
from .records import VersionRecord
from .rows import now, orphans

if TYPE_CHECKING:
    from ..core.model import Article



def with_byline(conn: sqlite3.Connection, record: VersionRecord, article: "Article") -> VersionRecord:
    """Keep the site and date the version was published under (a saved page's), for exports."""
    site = article.source if article.source != article.label else ""
    conn.execute("UPDATE versions SET site = ?, published = ? WHERE id = ?", (site, article.date or "", record.id))
    return record


def register(conn: sqlite3.Connection, article: "Article", path: str) -> VersionRecord:
    """Records `article` (found by text, else by path, else new) and re-anchors an edited file's notes."""
    digest = article.text_hash
    stamp = now()
    conn.execute("INSERT OR IGNORE INTO texts(hash, text) VALUES (?, ?)", (digest, article.text))
    row = conn.execute("SELECT id, path, title FROM versions WHERE text_hash = ?", (digest,)).fetchone()
    if row is not None:
        version_id, old_path, title = row
        state = "known" if old_path == path else "moved"
        conn.execute(
            "UPDATE versions SET path = ?, last_seen = ?, title = CASE WHEN ? != '' THEN ? ELSE title END WHERE id = ?",
            (path, stamp, article.title, article.title, version_id),
        )
        return VersionRecord(
            version_id, path, digest, article.title or title, state, old_path if state == "moved" else None,
            orphans=tuple(orphans(conn, version_id)),
        )
    row = conn.execute("SELECT id FROM versions WHERE path = ? ORDER BY last_seen DESC LIMIT 1", (path,)).fetchone()
    if row is None:
        cursor = conn.execute(
            "INSERT INTO versions(path, text_hash, title, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
            (path, digest, article.title, stamp, stamp),
        )
        return VersionRecord(int(cursor.lastrowid or 0), path, digest, article.title, "new")
    version_id = row[0]
    conn.execute(
        "UPDATE versions SET text_hash = ?, title = ?, last_seen = ? WHERE id = ?",
        (digest, article.title, stamp, version_id),
    )
    counts: dict[str, int] = {}
    for table in ("annotations", "bookmarks"):
        for note_id, anchor, anchored_hash, status, confidence in resolve(conn, table, version_id, article.text, digest):
            counts[status] = counts.get(status, 0) + 1
            if status == "orphan":
                conn.execute(f"UPDATE {table} SET status = 'orphan', confidence = ? WHERE id = ?", (confidence, note_id))
            else:
                conn.execute(
                    f'UPDATE {table} SET exact = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, '
                    "anchored_hash = ?, status = ?, confidence = ? WHERE id = ?",
                    (anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, anchored_hash, status, confidence, note_id),
                )
    return VersionRecord(version_id, path, digest, article.title, "edited", None, counts, tuple(orphans(conn, version_id)))


def resolve(
    conn: sqlite3.Connection, table: str, version_id: int, text: str, digest: str
) -> list[tuple[str, TextAnchor, str, str, float]]:
    """Where each note of a version lands in `text`: (id, anchor, anchored hash, status, confidence).

    Notes already anchored on this very text are left as they are. The others are re-anchored
    with their own old text (kept in `texts`), which lets the diff veto look-alike passages.
    """
    rows = conn.execute(
        f'SELECT id, exact, prefix, suffix, start, "end", anchored_hash, status, confidence FROM {table} WHERE version_id = ?',
        (version_id,),
    ).fetchall()
    resolved = []
    for note_id, exact, prefix, suffix, start, end, anchored_hash, status, confidence in rows:
        anchor = TextAnchor(exact, prefix, suffix, start, end)
        if anchored_hash == digest:
            resolved.append((note_id, anchor, digest, status, confidence))
            continue
        old = conn.execute("SELECT text FROM texts WHERE hash = ?", (anchored_hash,)).fetchone()
        result = reanchor(anchor, text, old[0] if old else None)
        if result.found:
            resolved.append((note_id, anchor_for(text, result.start, result.end), digest, result.status, result.confidence))
        else:
            resolved.append((note_id, anchor, anchored_hash, "orphan", result.confidence))
    return resolved


def peek(conn: sqlite3.Connection, article: "Article", path: str) -> VersionRecord:
    """What `register` would find, without writing: for a read-only store."""
    digest = article.text_hash
    row = conn.execute("SELECT id, path, title FROM versions WHERE text_hash = ?", (digest,)).fetchone()
    if row is not None:
        state = "known" if row[1] == path else "moved"
        return VersionRecord(row[0], path, digest, article.title or row[2], state, row[1] if state == "moved" else None,
                             orphans=tuple(orphans(conn, row[0])))
    row = conn.execute("SELECT id FROM versions WHERE path = ? ORDER BY last_seen DESC LIMIT 1", (path,)).fetchone()
    if row is None:
        return VersionRecord(None, path, digest, article.title, "new")
    return VersionRecord(row[0], path, digest, article.title, "edited", orphans=tuple(orphans(conn, row[0])))
