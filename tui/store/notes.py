"""The notes store: bookmarks and annotations in one SQLite file that outlives crashes and edits.

Durability rules, because these notes are a fact-checker's work product:

- Every write method commits before it returns; returning *is* the acknowledgement. The file is
  in WAL mode with `synchronous=FULL`, so an acknowledged write survives the process being
  killed (and power loss, as far as the disk honours fsync).
- Writes are short `BEGIN IMMEDIATE` transactions with a 5 s busy timeout and a retry on
  "database is locked", so two windows on one store interleave instead of failing.
- A damaged file is never written over: it is renamed aside with a timestamp, the user is told
  in `warnings`, and a fresh store is started. Without write access (or with
  STORYDIFF_READ_ONLY=1) the store still opens and shows notes; writes raise StoreReadOnly.
  How each kind of file is opened is `tui.store.opening`.

Versions are recognised by the sha256 of their text first (a moved or copied file keeps its
notes) and by path second (a file edited in place has its notes re-anchored on the new text).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.anchoring import TextAnchor, anchor_for
from ..core.text_safety import clean_outside
from . import opening, paths
from .records import Annotation, Bookmark, StoreReadOnly, VersionRecord

if TYPE_CHECKING:
    from ..core.model import Article

WRITE_ATTEMPTS = 20
T = TypeVar("T")

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


def _is_busy(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(error).lower()


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


class NoteStore:
    """Bookmarks and annotations of every version the user has opened. See the module docstring."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool, warnings: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self.warnings = warnings
        self._read_only_reason = ""
        self.unreadable: str | None = None
        """Why the existing notes could not be read at all (the store is then empty), or None."""
        self._version_ids: dict[tuple[str, str], int] = {}

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | None = None, *, read_only: bool = False) -> "NoteStore":
        """Opens (creating if need be) `notes.db` in `data_dir` (default: paths.data_dir()).

        Never raises for a damaged file or a read-only location (see `tui.store.opening`): the
        store opens anyway and `warnings` says, in words for the user, what happened and what it
        means. When the existing notes cannot be read at all, `unreadable` says why and the
        store is empty and read-only.
        """
        directory = Path(data_dir) if data_dir is not None else paths.data_dir()
        return cls._from(opening.open_notes(directory, read_only=read_only), directory / paths.DB_NAME)

    @classmethod
    def _from(cls, opened: opening.Opened, path: Path) -> "NoteStore":
        store = cls(opened.conn, path, read_only=opened.read_only, warnings=opened.warnings)
        store._read_only_reason = opened.read_only_reason
        store.unreadable = opened.unreadable
        return store

    @classmethod
    def unavailable(cls, warning: str) -> "NoteStore":
        """An empty read-only store in memory, for when no store on disk could be opened: the
        reader still has a store to ask, and `warning` tells the user why there are no notes."""
        store = cls._from(opening.unavailable(Path(":memory:"), "no notes store could be opened"), Path(":memory:"))
        store.warnings = [clean_outside(warning)]
        store._read_only_reason = "no notes store could be opened"
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "NoteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Runs `work` in its own BEGIN IMMEDIATE transaction and commits before returning."""
        if self.read_only:
            raise StoreReadOnly(f"Notes cannot be saved: {self._read_only_reason or 'the store is read-only'}.")
        delay = 0.005
        for attempt in range(WRITE_ATTEMPTS):
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if _is_busy(error) and attempt + 1 < WRITE_ATTEMPTS:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
                    continue
                raise
            try:
                result = work(self._conn)
                self._conn.execute("COMMIT")
                return result
            except BaseException as error:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.OperationalError) and _is_busy(error) and attempt + 1 < WRITE_ATTEMPTS:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
                    continue
                raise
        raise AssertionError("unreachable: the last attempt either returns or raises")

    # --- versions ----------------------------------------------------------------------------

    def version_for(self, article: "Article") -> VersionRecord:
        """Registers `article` or finds it again; re-anchors its notes if its file was edited."""
        path = normal_path(article.path)
        if self.read_only:
            return self._peek_version(article, path)
        record = self._write(lambda conn: self._with_byline(conn, self._register(conn, article, path), article))
        if record.id is not None:
            self._version_ids[(article.text_hash, path)] = record.id
        return record

    def register_versions(self, articles: "Iterable[Article]") -> list[VersionRecord]:
        """Registers every article (as `version_for` does, re-anchoring edited files) in ONE
        transaction, so opening a folder of thousands of versions costs one commit, not one each.
        A read-only store registers nothing and reports what it knows."""
        articles = list(articles)
        if self.read_only:
            return [self._peek_version(article, normal_path(article.path)) for article in articles]
        pending = [(article, normal_path(article.path)) for article in articles]
        records = self._write(
            lambda conn: [self._with_byline(conn, self._register(conn, article, path), article) for article, path in pending]
        )
        for (article, path), record in zip(pending, records):
            if record.id is not None:
                self._version_ids[(article.text_hash, path)] = record.id
        return records

    def recall_versions(self, articles: "Iterable[Article]") -> None:
        """Learns the ids of versions already registered (by another connection, such as a worker
        thread's), without writing, so reading their notes here registers nothing again."""
        if self.read_only:
            return
        for article in articles:
            row = self._conn.execute("SELECT id FROM versions WHERE text_hash = ?", (article.text_hash,)).fetchone()
            if row is not None:
                self._version_ids[(article.text_hash, normal_path(article.path))] = row[0]

    def _version_id(self, article: "Article") -> int:
        """The version's id for a write, registering it once per store; version ids never change."""
        if self.read_only:
            raise StoreReadOnly(f"Notes cannot be saved: {self._read_only_reason or 'the store is read-only'}.")
        key = (article.text_hash, normal_path(article.path))
        if key not in self._version_ids:
            self.version_for(article)
        return self._version_ids[key]

    @staticmethod
    def _with_byline(conn: sqlite3.Connection, record: VersionRecord, article: "Article") -> VersionRecord:
        """Keep the site and date the version was published under (a saved page's), for exports."""
        site = article.source if article.source != article.label else ""
        conn.execute("UPDATE versions SET site = ?, published = ? WHERE id = ?", (site, article.date or "", record.id))
        return record

    def _register(self, conn: sqlite3.Connection, article: "Article", path: str) -> VersionRecord:
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
                orphans=tuple(self._orphans(conn, version_id)),
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
            for note_id, anchor, anchored_hash, status, confidence in self._resolve(conn, table, version_id, article.text, digest):
                counts[status] = counts.get(status, 0) + 1
                if status == "orphan":
                    conn.execute(f"UPDATE {table} SET status = 'orphan', confidence = ? WHERE id = ?", (confidence, note_id))
                else:
                    conn.execute(
                        f'UPDATE {table} SET exact = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, '
                        "anchored_hash = ?, status = ?, confidence = ? WHERE id = ?",
                        (anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, anchored_hash, status, confidence, note_id),
                    )
        return VersionRecord(version_id, path, digest, article.title, "edited", None, counts, tuple(self._orphans(conn, version_id)))

    def _resolve(
        self, conn: sqlite3.Connection, table: str, version_id: int, text: str, digest: str
    ) -> list[tuple[str, TextAnchor, str, str, float]]:
        """Where each note of a version lands in `text`: (id, anchor, anchored hash, status, confidence).

        Notes already anchored on this very text are left as they are. The others are re-anchored
        with their own old text (kept in `texts`), which lets the diff veto look-alike passages.
        """
        from ..core.anchoring import reanchor

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

    def _peek_version(self, article: "Article", path: str) -> VersionRecord:
        conn = self._conn
        digest = article.text_hash
        row = conn.execute("SELECT id, path, title FROM versions WHERE text_hash = ?", (digest,)).fetchone()
        if row is not None:
            state = "known" if row[1] == path else "moved"
            return VersionRecord(row[0], path, digest, article.title or row[2], state, row[1] if state == "moved" else None,
                                 orphans=tuple(self._orphans(conn, row[0])))
        row = conn.execute("SELECT id FROM versions WHERE path = ? ORDER BY last_seen DESC LIMIT 1", (path,)).fetchone()
        if row is None:
            return VersionRecord(None, path, digest, article.title, "new")
        return VersionRecord(row[0], path, digest, article.title, "edited", orphans=tuple(self._orphans(conn, row[0])))

    # --- reading -----------------------------------------------------------------------------

    # The file itself is outside input (written by an older storydiff, another tool, or an
    # attacker), so what is shown from a row is cleaned again as it is read.

    @staticmethod
    def _annotation(row: tuple[Any, ...]) -> Annotation:
        (note_id, version_id, path, anchored_hash, exact, prefix, suffix, start, end, note, tags, created, modified,
         status, confidence, original_exact) = row
        return Annotation(
            note_id, version_id, clean_outside(path), anchored_hash or "", exact, prefix, suffix, start, end,
            clean_outside(note, one_line=False), _stored_tags(tags), clean_outside(created), clean_outside(modified), status,
            _stored_confidence(confidence), clean_outside(original_exact if original_exact is not None else exact, one_line=False),
        )

    @staticmethod
    def _bookmark(row: tuple[Any, ...]) -> Bookmark:
        note_id, version_id, path, anchored_hash, exact, prefix, suffix, start, end, created, status, confidence = row
        return Bookmark(note_id, version_id, clean_outside(path), anchored_hash or "", exact, prefix, suffix, start, end,
                        clean_outside(created), status, _stored_confidence(confidence))

    def _select_annotations(self, where: str = "", params: tuple[Any, ...] = (), conn: sqlite3.Connection | None = None) -> list[Annotation]:
        sql = f"SELECT {_ANNOTATION_COLUMNS} FROM annotations a JOIN versions v ON v.id = a.version_id {where} ORDER BY v.path, a.start, a.created, a.id"
        return [self._annotation(row) for row in (conn or self._conn).execute(sql, params)]

    def _select_bookmarks(self, where: str = "", params: tuple[Any, ...] = (), conn: sqlite3.Connection | None = None) -> list[Bookmark]:
        sql = f"SELECT {_BOOKMARK_COLUMNS} FROM bookmarks b JOIN versions v ON v.id = b.version_id {where} ORDER BY v.path, b.start, b.created, b.id"
        return [self._bookmark(row) for row in (conn or self._conn).execute(sql, params)]

    def _orphans(self, conn: sqlite3.Connection, version_id: int) -> list[Annotation]:
        return self._select_annotations("WHERE a.version_id = ? AND a.status = 'orphan'", (version_id,), conn)

    def annotations(self, article: "Article", *, include_orphans: bool = False) -> list[Annotation]:
        """This article's annotations, positioned in its text (registering/re-anchoring first).

        Orphans are left out unless asked for: their offsets belong to an older text.
        """
        version_id, stale = self._version_for_reading(article)
        if version_id is None:
            return []
        if stale:
            return self._resolved_in_memory(version_id, article, include_orphans)
        found = self._select_annotations("WHERE a.version_id = ?", (version_id,))
        return [a for a in found if include_orphans or not a.is_orphan]

    def _version_for_reading(self, article: "Article") -> tuple[int | None, bool]:
        """The version's id, and whether its stored anchors are stale (read-only store, edited file).

        A writable store registers the version (re-anchoring and saving if the file was edited)
        once per store and text; later reads cost no write.
        """
        if not self.read_only:
            return self._version_id(article), False
        version = self._peek_version(article, normal_path(article.path))
        return version.id, version.state == "edited"

    def _resolved_in_memory(self, version_id: int, article: "Article", include_orphans: bool) -> list[Annotation]:
        """A read-only store cannot save re-anchoring, so it re-anchors for display each time."""
        placed = {note_id: (anchor, digest, status, confidence) for note_id, anchor, digest, status, confidence
                  in self._resolve(self._conn, "annotations", version_id, article.text, article.text_hash)}
        out = []
        for a in self._select_annotations("WHERE a.version_id = ?", (version_id,)):
            anchor, digest, status, confidence = placed[a.id]
            if status == "orphan" and not include_orphans:
                continue
            out.append(Annotation(a.id, a.version_id, a.path, digest, anchor.exact, anchor.prefix, anchor.suffix, anchor.start,
                                  anchor.end, a.note, a.tags, a.created, a.modified, status, confidence, a.original_exact))
        return sorted(out, key=lambda a: (a.start, a.created))

    def all_annotations(self) -> list[Annotation]:
        """Every annotation of every version, orphans included: for export and overviews."""
        return self._select_annotations()

    def orphans(self) -> list[Annotation]:
        """Annotations that could not be placed after their text changed: the "needs review" list."""
        return self._select_annotations("WHERE a.status = 'orphan'")

    def get_annotation(self, annotation_id: str) -> Annotation:
        found = self._select_annotations("WHERE a.id = ?", (annotation_id,))
        if not found:
            raise KeyError(annotation_id)
        return found[0]

    def bookmarks(self, article: "Article | None" = None, *, include_orphans: bool = False) -> list[Bookmark]:
        """Bookmarks of `article` (positioned in its text), or of every version when None."""
        if article is None:
            return self._select_bookmarks()
        version_id, stale = self._version_for_reading(article)
        if version_id is None:
            return []
        if stale:
            placed = self._resolve(self._conn, "bookmarks", version_id, article.text, article.text_hash)
            by_id = {b.id: b for b in self._select_bookmarks("WHERE b.version_id = ?", (version_id,))}
            return sorted(
                (Bookmark(i, version_id, by_id[i].path, d, an.exact, an.prefix, an.suffix, an.start, an.end, by_id[i].created, s, c)
                 for i, an, d, s, c in placed if include_orphans or s != "orphan"),
                key=lambda b: b.start,
            )
        found = self._select_bookmarks("WHERE b.version_id = ?", (version_id,))
        return [b for b in found if include_orphans or not b.is_orphan]

    def orphaned_bookmarks(self) -> list[Bookmark]:
        return self._select_bookmarks("WHERE b.status = 'orphan'")

    # --- writing -----------------------------------------------------------------------------

    def add_annotation(self, article: "Article", start: int, end: int, note: str, tags: Iterable[str] = ()) -> Annotation:
        """Annotates `article.text[start:end]`; committed when this returns."""
        note = clean_outside(note, one_line=False)
        anchor = anchor_for(article.text, start, end)
        version_id = self._version_id(article)
        note_id = str(uuid.uuid4())
        stamp = now()

        def work(conn: sqlite3.Connection) -> Annotation:
            conn.execute(
                'INSERT INTO annotations(id, version_id, exact, prefix, suffix, start, "end", note, tags, created, modified, '
                "anchored_hash, status, confidence, original_exact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', 1.0, ?)",
                (note_id, version_id, anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, note,
                 json.dumps(list(normal_tags(tags)), ensure_ascii=False), stamp, stamp, article.text_hash, anchor.exact),
            )
            return self._select_annotations("WHERE a.id = ?", (note_id,), conn)[0]

        return self._write(work)

    def update_annotation(self, annotation_id: str, note: str, tags: Iterable[str] = ()) -> Annotation:
        """Replaces the note and tags; KeyError if there is no such annotation (deleted elsewhere)."""
        note = clean_outside(note, one_line=False)
        encoded = json.dumps(list(normal_tags(tags)), ensure_ascii=False)

        def work(conn: sqlite3.Connection) -> Annotation:
            cursor = conn.execute("UPDATE annotations SET note = ?, tags = ?, modified = ? WHERE id = ?", (note, encoded, now(), annotation_id))
            if cursor.rowcount == 0:
                raise KeyError(annotation_id)
            return self._select_annotations("WHERE a.id = ?", (annotation_id,), conn)[0]

        return self._write(work)

    def delete_annotation(self, annotation_id: str) -> bool:
        """Deletes it; False if it was already gone (e.g. deleted in another window)."""
        return self._write(lambda conn: conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,)).rowcount > 0)

    def reattach_annotation(self, annotation_id: str, article: "Article", start: int, end: int) -> Annotation:
        """Places an annotation (typically an orphan under review) on a passage the user chose."""
        anchor = anchor_for(article.text, start, end)
        version_id = self._version_id(article)

        def work(conn: sqlite3.Connection) -> Annotation:
            cursor = conn.execute(
                'UPDATE annotations SET version_id = ?, exact = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, anchored_hash = ?, '
                "status = 'exact', confidence = 1.0, modified = ? WHERE id = ?",
                (version_id, anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, article.text_hash, now(), annotation_id),
            )
            if cursor.rowcount == 0:
                raise KeyError(annotation_id)
            return self._select_annotations("WHERE a.id = ?", (annotation_id,), conn)[0]

        return self._write(work)

    def toggle_bookmark(self, article: "Article", sentence_start: int, sentence_end: int) -> bool:
        """Bookmarks the sentence, or removes its bookmark; True if it is bookmarked afterwards."""
        return self.set_bookmark(article, sentence_start, sentence_end, None)

    def set_bookmark(self, article: "Article", sentence_start: int, sentence_end: int, marked: bool | None) -> bool:
        """Makes the sentence bookmarked (`marked` True) or not (False); None toggles what is stored.

        A window toggles what it shows, and it may show an old state: another window on the same
        store may have bookmarked the sentence since. So the reader says which state it wants,
        and the store gets there from what is stored now, in one transaction; the result is True
        if the sentence is bookmarked afterwards.
        """
        anchor = anchor_for(article.text, sentence_start, sentence_end)
        version_id = self._version_id(article)

        def work(conn: sqlite3.Connection) -> bool:
            existing = conn.execute(
                'SELECT id FROM bookmarks WHERE version_id = ? AND anchored_hash = ? AND start = ? AND "end" = ? AND status != \'orphan\'',
                (version_id, article.text_hash, anchor.start, anchor.end),
            ).fetchall()
            wanted = not existing if marked is None else marked
            if existing and wanted:
                return True
            if existing:
                conn.executemany("DELETE FROM bookmarks WHERE id = ?", existing)
                return False
            if not wanted:
                return False
            conn.execute(
                'INSERT INTO bookmarks(id, version_id, exact, prefix, suffix, start, "end", created, anchored_hash, status, confidence) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', 1.0)",
                (str(uuid.uuid4()), version_id, anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, now(), article.text_hash),
            )
            return True

        return self._write(work)

    def delete_bookmark(self, bookmark_id: str) -> bool:
        """Removes a bookmark by id (the way to clear an orphaned one); False if already gone."""
        return self._write(lambda conn: conn.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount > 0)

    # --- maintenance -------------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """SQLite's full integrity check: ["ok"] for a healthy file."""
        return [row[0] for row in self._conn.execute("PRAGMA integrity_check").fetchall()]

    def _connection(self) -> sqlite3.Connection:
        """For tui.store.transfer only, which reads and writes whole tables at once."""
        return self._conn
