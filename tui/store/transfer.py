"""Getting notes out of storydiff and back in: JSON, JSON-LD (W3C Web Annotation), Markdown, CSV.

The JSON format is storydiff's own and loses nothing: it carries the texts the notes were
written on, so an import on another machine can re-anchor them exactly as the store would.
Annotations and bookmarks keep their UUIDs, which makes importing the same file twice, or an
export of a store into itself, add nothing the second time.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.text_safety import clean_outside
from .import_check import EXPORT_KIND, EXPORT_VERSION, ExportRejected, check_quote, read_export
from .notes import NoteStore, normal_tags
from .replacing import write_replacing
from .records import Annotation, Bookmark, StoreReadOnly

FORMATS = ("json", "jsonld", "md", "csv")
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
    return "\n".join("> " + line if line else ">" for line in _md_text(text).splitlines() or [""])


def _md_text(text: str) -> str:
    """Text from a note or an article as Markdown shows it: HTML in it is shown, never run."""
    return html.escape(clean_outside(text, one_line=False), quote=False)


def _code_span(text: str) -> str:
    """`text` as one inline code span it cannot break out of, whatever backquotes it holds."""
    text = clean_outside(text)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _to_markdown(annotations: list[Annotation], bookmarks: list[Bookmark]) -> str:
    paths = sorted({n.path for n in [*annotations, *bookmarks]})
    out = ["# storydiff notes", ""]
    if not paths:
        out += ["No notes yet.", ""]
    for path in paths:
        out += [f"## {_md_text(clean_outside(Path(path).name or path))}", "", _code_span(path), ""]
        for a in (a for a in annotations if a.path == path):
            out.append(_blockquote(a.exact))
            out.append("")
            if a.is_orphan:
                out += ["*Needs review: this passage could not be found after the file changed.*", ""]
            elif a.original_exact != a.exact:
                out += ["*The passage was reworded since this note was written; it first read:*", "", _blockquote(a.original_exact), ""]
            out += [_md_text(a.note) if a.note else "*(no note)*", ""]
            if a.tags:
                out += ["Tags: " + ", ".join(_code_span(t) for t in a.tags), ""]
            out += [f"<sub>{a.created}" + (f", edited {a.modified}" if a.modified != a.created else "") + "</sub>", ""]
        marks = [b for b in bookmarks if b.path == path]
        if marks:
            out += ["### Bookmarks", ""]
            out += [f"- {_md_text(' '.join(b.exact.split()))}" + (" *(needs review)*" if b.is_orphan else "") for b in marks]
            out.append("")
    return "\n".join(out)


# The formula starters, in their ASCII and fullwidth forms (a spreadsheet may fold the latter).
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(cell: str) -> str:
    """Neutralises a cell a spreadsheet would run as a formula (OWASP CSV injection advice).

    Spreadsheets skip leading spaces and line breaks before a formula, so those do not hide one,
    and a cell starting with a tab or a line break is neutralised as it stands.
    """
    risky = cell.lstrip().startswith(_FORMULA_START) or cell.startswith(("\t", "\r", "\n"))
    return "'" + cell if risky else cell


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


def import_notes(store: NoteStore, path: str | Path) -> ImportReport:
    """Adds the notes of a JSON export that the store does not have yet (matched by UUID).

    The file is checked whole first (`import_check.read_export`), each quote against its text
    here; then all or nothing: one transaction, so a bad file adds no half of itself.
    """
    try:
        export = read_export(path)
    except ExportRejected as error:
        raise TransferError(str(error)) from None

    def work(conn: sqlite3.Connection) -> ImportReport:
        def text_of(digest: str) -> str | None:
            if digest in export.texts:
                return export.texts[digest]
            row = conn.execute("SELECT text FROM texts WHERE hash = ?", (digest,)).fetchone()
            return row[0] if row else None

        for kind, notes in (("annotation", export.annotations), ("bookmark", export.bookmarks)):
            for i, n in enumerate(notes):
                check_quote(n, text_of(n.anchored_hash), f"{kind} {i + 1}")
        for digest, text in export.texts.items():
            conn.execute("INSERT OR IGNORE INTO texts(hash, text) VALUES (?, ?)", (digest, text))
        version_ids: dict[str, int] = {}
        for v in export.versions:
            row = conn.execute("SELECT id FROM versions WHERE text_hash = ?", (v.text_hash,)).fetchone()
            if row is None:
                cursor = conn.execute(
                    "INSERT INTO versions(path, text_hash, title, first_seen, last_seen, site, published) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (v.path, v.text_hash, v.title, v.first_seen, v.last_seen, v.site, v.published),
                )
                row = (int(cursor.lastrowid or 0),)
            version_ids[v.text_hash] = row[0]
        added = skipped = 0
        for table, notes in (("annotations", export.annotations), ("bookmarks", export.bookmarks)):
            for n in notes:
                if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (n.id,)).fetchone():
                    skipped += 1
                    continue
                anchor = (n.exact, n.prefix, n.suffix, n.start, n.end)
                if table == "annotations":
                    conn.execute(
                        'INSERT INTO annotations(id, version_id, exact, prefix, suffix, start, "end", note, tags, created, modified, '
                        "anchored_hash, status, confidence, original_exact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (n.id, version_ids[n.version], *anchor, n.note, json.dumps(list(normal_tags(n.tags)), ensure_ascii=False),
                         n.created, n.modified, n.anchored_hash, n.status, n.confidence, n.original_exact),
                    )
                else:
                    conn.execute(
                        'INSERT INTO bookmarks(id, version_id, exact, prefix, suffix, start, "end", created, anchored_hash, status, confidence) '
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (n.id, version_ids[n.version], *anchor, n.created, n.anchored_hash, n.status, n.confidence),
                    )
                added += 1
        return ImportReport(added, skipped)

    try:
        return store._write(work)
    except ExportRejected as error:
        raise TransferError(str(error)) from None


# --- command line ----------------------------------------------------------------------------


def _fail(message: str, code: int) -> int:
    print(f"storydiff: {clean_outside(message)}", file=sys.stderr)
    return code


def export_command(fmt: str, output: str | None) -> int:
    """`storydiff export`: 0 when written; 1 when the notes cannot be read or the output not
    written; 2 for a bad format or an output that cannot be created."""
    if fmt not in FORMATS:
        return _fail(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}", 2)
    store = NoteStore.open()
    try:
        if store.unreadable:
            # An empty export here would look like "no notes", which is not what is on disk.
            return _fail(f"cannot export: the notes database {store.path} cannot be read ({store.unreadable})", 1)
        for warning in store.warnings:
            if not warning.startswith("Notes cannot be saved"):
                print(f"storydiff: {clean_outside(warning)}", file=sys.stderr)
        try:
            text = export_notes(store, fmt)
        except sqlite3.Error as error:
            return _fail(f"cannot export: the notes database could not be read ({error})", 1)
    finally:
        store.close()
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        write_replacing(Path(output), text.encode("utf-8"))
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
    except sqlite3.Error as error:
        return _fail(f"cannot import: the notes database could not be written ({error})", 1)
    finally:
        store.close()
    print(f"imported {report.added} notes, skipped {report.skipped} already present")
    return 0
