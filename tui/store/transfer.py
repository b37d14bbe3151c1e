"""Getting notes out of storydiff and back in: JSON, JSON-LD (W3C Web Annotation), Markdown, CSV.

The JSON format is storydiff's own and loses nothing: it carries the texts the notes were
written on, so an import on another machine can re-anchor them exactly as the store would.
Annotations and bookmarks keep their UUIDs, which makes importing the same file twice, or an
export of a store into itself, add nothing the second time.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .notes import NoteStore, normal_tags
from .records import Annotation, Bookmark, StoreReadOnly

FORMATS = ("json", "jsonld", "md", "csv")
EXPORT_KIND = "storydiff-notes"
EXPORT_VERSION = 1
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


class TransferError(Exception):
    """An export or import that cannot proceed; the message is one plain line for the user."""


@dataclass(frozen=True)
class ImportReport:
    """Notes (annotations + bookmarks) added, and those skipped because the store had them."""

    added: int
    skipped: int


# --- export ----------------------------------------------------------------------------------


def export_notes(store: NoteStore, fmt: str) -> str:
    """Every annotation and bookmark in the store, in `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise TransferError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    annotations = store.all_annotations()
    bookmarks = store.bookmarks()
    if fmt == "json":
        return _to_json(store, annotations, bookmarks)
    if fmt == "jsonld":
        return _to_jsonld(annotations, bookmarks)
    if fmt == "md":
        return _to_markdown(annotations, bookmarks)
    return _to_csv(annotations, bookmarks)


def _selector(note: Annotation | Bookmark) -> dict[str, Any]:
    return {"exact": note.exact, "prefix": note.prefix, "suffix": note.suffix, "start": note.start, "end": note.end}


def _to_json(store: NoteStore, annotations: list[Annotation], bookmarks: list[Bookmark]) -> str:
    conn = store._connection()
    versions = conn.execute(
        "SELECT id, path, text_hash, title, first_seen, last_seen, site, published FROM versions ORDER BY id"
    ).fetchall()
    by_id = {row[0]: row[2] for row in versions}
    wanted = {row[2] for row in versions} | {n.text_hash for n in [*annotations, *bookmarks] if n.text_hash}
    texts = {h: t for h, t in conn.execute("SELECT hash, text FROM texts") if h in wanted}
    document = {
        "format": EXPORT_KIND,
        "format_version": EXPORT_VERSION,
        "versions": [
            {"path": path, "text_hash": digest, "title": title, "site": site, "published": published, "first_seen": first, "last_seen": last}
            for _, path, digest, title, first, last, site, published in versions
        ],
        "texts": texts,
        "annotations": [
            {
                "id": a.id,
                "version": by_id[a.version_id],
                "anchored_hash": a.text_hash,
                "selector": _selector(a),
                "note": a.note,
                "tags": list(a.tags),
                "created": a.created,
                "modified": a.modified,
                "status": a.status,
                "confidence": a.confidence,
                "original_exact": a.original_exact,
            }
            for a in annotations
        ],
        "bookmarks": [
            {
                "id": b.id,
                "version": by_id[b.version_id],
                "anchored_hash": b.text_hash,
                "selector": _selector(b),
                "created": b.created,
                "status": b.status,
                "confidence": b.confidence,
            }
            for b in bookmarks
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _source_uri(path: str) -> str:
    if "://" in path:
        return path
    try:
        return Path(path).as_uri()
    except ValueError:  # a relative or pseudo path ("-"): keep it as given
        return path


def _to_jsonld(annotations: list[Annotation], bookmarks: list[Bookmark]) -> str:
    items: list[dict[str, Any]] = []
    for a in annotations:
        body: list[dict[str, Any]] = [{"type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting"}]
        body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags]
        items.append(
            {
                "id": f"urn:uuid:{a.id}",
                "type": "Annotation",
                "motivation": "commenting",
                "created": a.created,
                "modified": a.modified,
                "body": body,
                "target": _target(a),
            }
        )
    for b in bookmarks:
        items.append({"id": f"urn:uuid:{b.id}", "type": "Annotation", "motivation": "bookmarking", "created": b.created, "target": _target(b)})
    collection = {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "label": "storydiff notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def _target(note: Annotation | Bookmark) -> dict[str, Any]:
    return {
        "source": _source_uri(note.path),
        "selector": [
            {"type": "TextQuoteSelector", "exact": note.exact, "prefix": note.prefix, "suffix": note.suffix},
            {"type": "TextPositionSelector", "start": note.start, "end": note.end},
        ],
    }


def _blockquote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines() or [""])


def _to_markdown(annotations: list[Annotation], bookmarks: list[Bookmark]) -> str:
    paths = sorted({n.path for n in [*annotations, *bookmarks]})
    out = ["# storydiff notes", ""]
    if not paths:
        out += ["No notes yet.", ""]
    for path in paths:
        out += [f"## {Path(path).name or path}", "", f"`{path}`", ""]
        for a in (a for a in annotations if a.path == path):
            out.append(_blockquote(a.exact))
            out.append("")
            if a.is_orphan:
                out += ["*Needs review: this passage could not be found after the file changed.*", ""]
            elif a.original_exact != a.exact:
                out += ["*The passage was reworded since this note was written; it first read:*", "", _blockquote(a.original_exact), ""]
            out += [a.note or "*(no note)*", ""]
            if a.tags:
                out += ["Tags: " + ", ".join(f"`{t}`" for t in a.tags), ""]
            out += [f"<sub>{a.created}" + (f", edited {a.modified}" if a.modified != a.created else "") + "</sub>", ""]
        marks = [b for b in bookmarks if b.path == path]
        if marks:
            out += ["### Bookmarks", ""]
            out += [f"- {' '.join(b.exact.split())}" + (" *(needs review)*" if b.is_orphan else "") for b in marks]
            out.append("")
    return "\n".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """Neutralises a cell a spreadsheet would run as a formula (OWASP CSV injection advice)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _to_csv(annotations: list[Annotation], bookmarks: list[Bookmark]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["kind", "id", "path", "start", "end", "status", "quote", "note", "tags", "created", "modified"])
    rows = [
        ["annotation", a.id, a.path, a.start, a.end, a.status, a.exact, a.note, "; ".join(a.tags), a.created, a.modified]
        for a in annotations
    ] + [["bookmark", b.id, b.path, b.start, b.end, b.status, b.exact, "", "", b.created, b.created] for b in bookmarks]
    for row in rows:
        writer.writerow([cell if isinstance(cell, int) else spreadsheet_safe(str(cell)) for cell in row])
    return buffer.getvalue()


# --- import ----------------------------------------------------------------------------------


def _require(mapping: Any, key: str, kind: type, where: str) -> Any:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise TransferError(f"the export is incomplete: {where} has no valid {key!r}")
    return value


def import_notes(store: NoteStore, path: str | Path) -> ImportReport:
    """Adds the notes of a JSON export that the store does not have yet (matched by UUID).

    All or nothing: one transaction, so a bad file adds no half of itself.
    """
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TransferError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from error
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        raise TransferError(f"{path} is not valid JSON (line {error.lineno}): export with --format json to re-import") from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_KIND:
        raise TransferError(f"{path} is not a storydiff notes export (made with: storydiff export --format json)")
    if not isinstance(document.get("format_version"), int) or document["format_version"] > EXPORT_VERSION:
        raise TransferError(f"{path} was exported by a newer storydiff; update storydiff to import it")
    versions = document.get("versions", [])
    texts = document.get("texts", {})
    annotations = document.get("annotations", [])
    bookmarks = document.get("bookmarks", [])
    if not all(isinstance(x, list) for x in (versions, annotations, bookmarks)) or not isinstance(texts, dict):
        raise TransferError(f"{path} is damaged: versions, annotations and bookmarks must be lists")

    def work(conn: sqlite3.Connection) -> ImportReport:
        for digest, text in texts.items():
            if isinstance(digest, str) and isinstance(text, str):
                conn.execute("INSERT OR IGNORE INTO texts(hash, text) VALUES (?, ?)", (digest, text))
        version_ids: dict[str, int] = {}
        for i, v in enumerate(versions):
            where = f"version {i + 1}"
            digest = _require(v, "text_hash", str, where)
            row = conn.execute("SELECT id FROM versions WHERE text_hash = ?", (digest,)).fetchone()
            if row is None:
                first = v.get("first_seen") if isinstance(v.get("first_seen"), str) else ""
                last = v.get("last_seen") if isinstance(v.get("last_seen"), str) else first
                cursor = conn.execute(
                    "INSERT INTO versions(path, text_hash, title, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)",
                    (_require(v, "path", str, where), digest, v.get("title") if isinstance(v.get("title"), str) else "", first, last),
                )
                version_ids[digest] = int(cursor.lastrowid or 0)
            else:
                version_ids[digest] = row[0]
        added = skipped = 0
        for kind, notes in (("annotation", annotations), ("bookmark", bookmarks)):
            for i, n in enumerate(notes):
                where = f"{kind} {i + 1}"
                note_id = _require(n, "id", str, where)
                version = _require(n, "version", str, where)
                if version not in version_ids:
                    raise TransferError(f"the export is damaged: {where} refers to a version it does not list")
                sel = _require(n, "selector", dict, where)
                anchor = (
                    _require(sel, "exact", str, where), _require(sel, "prefix", str, where), _require(sel, "suffix", str, where),
                    _require(sel, "start", int, where), _require(sel, "end", int, where),
                )
                status = n.get("status") if n.get("status") in ("exact", "moved", "fuzzy", "orphan") else "exact"
                confidence = float(n["confidence"]) if isinstance(n.get("confidence"), (int, float)) else 1.0
                anchored = n.get("anchored_hash") if isinstance(n.get("anchored_hash"), str) else version
                created = _require(n, "created", str, where)
                table = "annotations" if kind == "annotation" else "bookmarks"
                if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (note_id,)).fetchone():
                    skipped += 1
                    continue
                if kind == "annotation":
                    tags = n.get("tags", [])
                    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                        raise TransferError(f"the export is damaged: {where} has tags that are not a list of words")
                    conn.execute(
                        'INSERT INTO annotations(id, version_id, exact, prefix, suffix, start, "end", note, tags, created, modified, '
                        "anchored_hash, status, confidence, original_exact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (note_id, version_ids[version], *anchor, _require(n, "note", str, where),
                         json.dumps(list(normal_tags(tags)), ensure_ascii=False), created,
                         n.get("modified") if isinstance(n.get("modified"), str) else created, anchored, status, confidence,
                         n.get("original_exact") if isinstance(n.get("original_exact"), str) else anchor[0]),
                    )
                else:
                    conn.execute(
                        'INSERT INTO bookmarks(id, version_id, exact, prefix, suffix, start, "end", created, anchored_hash, status, confidence) '
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (note_id, version_ids[version], *anchor, created, anchored, status, confidence),
                    )
                added += 1
        return ImportReport(added, skipped)

    return store._write(work)


# --- command line ----------------------------------------------------------------------------


def _fail(message: str, code: int) -> int:
    print(f"storydiff: {message}", file=sys.stderr)
    return code


def export_command(fmt: str, output: str | None) -> int:
    """`storydiff export`: 0 when written, 2 for a bad format or an unwritable output file."""
    if fmt not in FORMATS:
        return _fail(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}", 2)
    store = NoteStore.open()
    try:
        for warning in store.warnings:
            if not warning.startswith("Notes cannot be saved"):
                print(f"storydiff: {warning}", file=sys.stderr)
        text = export_notes(store, fmt)
    finally:
        store.close()
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        return _fail(f"cannot write {output}: {error.strerror or error}", 2)
    return 0


def import_command(path: str) -> int:
    """`storydiff import FILE.json`: 0 when imported, 2 for a bad file, 1 when notes cannot be saved."""
    store = NoteStore.open()
    try:
        report = import_notes(store, path)
    except TransferError as error:
        return _fail(str(error), 2)
    except StoreReadOnly as error:
        return _fail(str(error), 1)
    finally:
        store.close()
    print(f"imported {report.added} notes, skipped {report.skipped} already present")
    return 0
