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
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..core.anchoring import anchor_for
from ..core.text_safety import clean_outside
from . import opening, paths, recognition, rows
from .records import Annotation, Bookmark, StoreReadOnly, VersionRecord
from .rows import normal_path, normal_tags, now

__all__ = ["NoteStore", "normal_path", "normal_tags", "now"]

if TYPE_CHECKING:
    from ..core.model import Article

WRITE_ATTEMPTS = 20
T = TypeVar("T")


def _is_busy(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(error).lower()


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
            return recognition.peek(self._conn, article, path)
        record = self._write(lambda conn: recognition.with_byline(conn, recognition.register(conn, article, path), article))
        if record.id is not None:
            self._version_ids[(article.text_hash, path)] = record.id
        return record

    def register_versions(self, articles: "Iterable[Article]") -> list[VersionRecord]:
        """Registers every article (as `version_for` does, re-anchoring edited files) in ONE
        transaction, so opening a folder of thousands of versions costs one commit, not one each.
        A read-only store registers nothing and reports what it knows."""
        articles = list(articles)
        if self.read_only:
            return [recognition.peek(self._conn, article, normal_path(article.path)) for article in articles]
        pending = [(article, normal_path(article.path)) for article in articles]
        records = self._write(
            lambda conn: [recognition.with_byline(conn, recognition.register(conn, article, path), article) for article, path in pending]
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

    # --- reading -----------------------------------------------------------------------------

    def annotations(self, article: "Article", *, include_orphans: bool = False) -> list[Annotation]:
        """This article's annotations, positioned in its text (registering/re-anchoring first).

        Orphans are left out unless asked for: their offsets belong to an older text.
        """
        version_id, stale = self._version_for_reading(article)
        if version_id is None:
            return []
        if stale:
            return self._resolved_in_memory(version_id, article, include_orphans)
        found = rows.select_annotations(self._conn, "WHERE a.version_id = ?", (version_id,))
        return [a for a in found if include_orphans or not a.is_orphan]

    def _version_for_reading(self, article: "Article") -> tuple[int | None, bool]:
        """The version's id, and whether its stored anchors are stale (read-only store, edited file).

        A writable store registers the version (re-anchoring and saving if the file was edited)
        once per store and text; later reads cost no write.
        """
        if not self.read_only:
            return self._version_id(article), False
        version = recognition.peek(self._conn, article, normal_path(article.path))
        return version.id, version.state == "edited"

    def _resolved_in_memory(self, version_id: int, article: "Article", include_orphans: bool) -> list[Annotation]:
        """A read-only store cannot save re-anchoring, so it re-anchors for display each time."""
        placed = {note_id: (anchor, digest, status, confidence) for note_id, anchor, digest, status, confidence
                  in recognition.resolve(self._conn, "annotations", version_id, article.text, article.text_hash)}
        out = []
        for a in rows.select_annotations(self._conn, "WHERE a.version_id = ?", (version_id,)):
            anchor, digest, status, confidence = placed[a.id]
            if status == "orphan" and not include_orphans:
                continue
            out.append(Annotation(a.id, a.version_id, a.path, digest, anchor.exact, anchor.prefix, anchor.suffix, anchor.start,
                                  anchor.end, a.note, a.tags, a.created, a.modified, status, confidence, a.original_exact))
        return sorted(out, key=lambda a: (a.start, a.created))

    def all_annotations(self) -> list[Annotation]:
        """Every annotation of every version, orphans included: for export and overviews."""
        return rows.select_annotations(self._conn)

    def orphans(self) -> list[Annotation]:
        """Annotations that could not be placed after their text changed: the "needs review" list."""
        return rows.select_annotations(self._conn, "WHERE a.status = 'orphan'")

    def get_annotation(self, annotation_id: str) -> Annotation:
        found = rows.select_annotations(self._conn, "WHERE a.id = ?", (annotation_id,))
        if not found:
            raise KeyError(annotation_id)
        return found[0]

    def bookmarks(self, article: "Article | None" = None, *, include_orphans: bool = False) -> list[Bookmark]:
        """Bookmarks of `article` (positioned in its text), or of every version when None."""
        if article is None:
            return rows.select_bookmarks(self._conn)
        version_id, stale = self._version_for_reading(article)
        if version_id is None:
            return []
        if stale:
            placed = recognition.resolve(self._conn, "bookmarks", version_id, article.text, article.text_hash)
            by_id = {b.id: b for b in rows.select_bookmarks(self._conn, "WHERE b.version_id = ?", (version_id,))}
            return sorted(
                (Bookmark(i, version_id, by_id[i].path, d, an.exact, an.prefix, an.suffix, an.start, an.end, by_id[i].created, s, c)
                 for i, an, d, s, c in placed if include_orphans or s != "orphan"),
                key=lambda b: b.start,
            )
        found = rows.select_bookmarks(self._conn, "WHERE b.version_id = ?", (version_id,))
        return [b for b in found if include_orphans or not b.is_orphan]

    def orphaned_bookmarks(self) -> list[Bookmark]:
        return rows.select_bookmarks(self._conn, "WHERE b.status = 'orphan'")

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
            return rows.select_annotations(conn, "WHERE a.id = ?", (note_id,))[0]

        return self._write(work)

    def update_annotation(self, annotation_id: str, note: str, tags: Iterable[str] = ()) -> Annotation:
        """Replaces the note and tags; KeyError if there is no such annotation (deleted elsewhere)."""
        note = clean_outside(note, one_line=False)
        encoded = json.dumps(list(normal_tags(tags)), ensure_ascii=False)

        def work(conn: sqlite3.Connection) -> Annotation:
            cursor = conn.execute("UPDATE annotations SET note = ?, tags = ?, modified = ? WHERE id = ?", (note, encoded, now(), annotation_id))
            if cursor.rowcount == 0:
                raise KeyError(annotation_id)
            return rows.select_annotations(conn, "WHERE a.id = ?", (annotation_id,))[0]

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
            return rows.select_annotations(conn, "WHERE a.id = ?", (annotation_id,))[0]

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
