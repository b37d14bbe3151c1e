"""Reading a notes export someone handed us: every field checked, every string cleaned, or one line why not.

An export file is outside input like an article: it may be damaged, hand-edited, or crafted to
write to the terminal, exhaust memory or crash the reader. So before a single row is written,
the whole file is read under a size cap (regular files only: a FIFO would hang, /dev/zero would
never end), parsed as strict JSON (no NaN or Infinity, no number too large to be an offset, no
nesting too deep for the parser), and checked field by field: types, ranges, hashes that match
their texts, texts that hold nothing a terminal would obey, and quotes that are exactly the
passage their offsets point at. Notes, tags, titles and paths pass through `clean_outside`.
What comes out is an `Export` the importer can trust; anything else is an `ExportRejected`
whose message is one plain line.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.text_safety import clean_outside, is_safe

EXPORT_KIND = "storydiff-notes"
EXPORT_VERSION = 1
STATUSES = ("exact", "moved", "fuzzy", "orphan")

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""A store's export carries the texts its notes were written on: tens of MiB at most in practice."""

# An offset or count never needs more digits than this; a 5,000-digit integer is an attack.
_MAX_INT_DIGITS = 15
_MAX_ID_LENGTH = 100
_MAX_STAMP_LENGTH = 64
_HASH = re.compile(r"[0-9a-f]{64}")


class ExportRejected(Exception):
    """Why a file cannot be imported, as one line for the user."""


@dataclass(frozen=True)
class ImportedVersion:
    path: str
    text_hash: str
    title: str
    first_seen: str
    last_seen: str
    site: str = ""
    published: str = ""


@dataclass(frozen=True)
class ImportedNote:
    """An annotation (`note` is not None) or a bookmark, checked and cleaned."""

    id: str
    version: str
    anchored_hash: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    created: str
    modified: str
    status: str
    confidence: float
    note: str | None = None
    tags: tuple[str, ...] = ()
    original_exact: str = ""


@dataclass(frozen=True)
class Export:
    texts: dict[str, str]
    versions: list[ImportedVersion]
    annotations: list[ImportedNote]
    bookmarks: list[ImportedNote]


def read_export(path: str | os.PathLike[str]) -> Export:
    """The checked contents of a `storydiff export --format json` file, or ExportRejected."""
    shown = clean_outside(os.fsdecode(path))
    document = _parse(_read_capped(Path(path), shown), shown)
    if not isinstance(document, dict) or document.get("format") != EXPORT_KIND:
        raise ExportRejected(f"{shown} is not a storydiff notes export (made with: storydiff export --format json)")
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExportRejected(f"{shown} is damaged: 'format_version' should be a whole number")
    if version > EXPORT_VERSION:
        raise ExportRejected(f"{shown} was exported by a newer storydiff; update storydiff to import it")
    texts = _texts(document.get("texts", {}))
    versions = [_version(v, f"version {i + 1}") for i, v in enumerate(_list(document, "versions"))]
    listed = {v.text_hash for v in versions}
    annotations = [_note(n, f"annotation {i + 1}", listed, True) for i, n in enumerate(_list(document, "annotations"))]
    bookmarks = [_note(n, f"bookmark {i + 1}", listed, False) for i, n in enumerate(_list(document, "bookmarks"))]
    return Export(texts, versions, annotations, bookmarks)


def check_quote(note: ImportedNote, text: str | None, where: str) -> None:
    """The quote must be the passage its offsets point at in the text it was anchored on."""
    if text is None:
        raise ExportRejected(f"the export is damaged: {where} was written on a text the export does not carry")
    if note.end > len(text) or text[note.start : note.end] != note.exact:
        raise ExportRejected(f"the export is damaged: {where}'s quote is not the passage at {note.start}-{note.end} of its text")


# --- reading and parsing ------------------------------------------------------------------------


def _read_capped(path: Path, shown: str) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ExportRejected(f"cannot import {shown}: not a regular file")
        if info.st_size > MAX_IMPORT_BYTES:
            raise ExportRejected(f"cannot import {shown}: it is larger than {MAX_IMPORT_BYTES // 1048576} MiB")
        with open(path, "rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise ExportRejected(f"cannot read {shown}: {clean_outside(error.strerror or error)}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ExportRejected(f"cannot import {shown}: it is larger than {MAX_IMPORT_BYTES // 1048576} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ExportRejected(f"{shown} is not UTF-8 text, so not a storydiff export") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError("a number is far too large")
    return int(digits)


def _finite_float(digits: str) -> float:
    value = float(digits)
    if not math.isfinite(value):
        raise ValueError(f"{digits[:20]} is too large a number")
    return value


def _parse(raw: str, shown: str) -> Any:
    try:
        return json.loads(raw, parse_constant=_refuse_constant, parse_int=_bounded_int, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise ExportRejected(f"{shown} is not valid JSON (line {error.lineno}): export with --format json to re-import") from None
    except ValueError as error:  # from the hooks above
        raise ExportRejected(f"{shown} is damaged: {clean_outside(error)}") from None
    except RecursionError:
        raise ExportRejected(f"{shown} is damaged: it is nested too deeply to be an export") from None


# --- fields -------------------------------------------------------------------------------------


def _damaged(where: str, key: str) -> ExportRejected:
    return ExportRejected(f"the export is damaged: {where} has no valid {key!r}")


def _list(document: dict[str, Any], key: str) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise ExportRejected(f"the export is damaged: {key!r} should be a list")
    return value


def _string(mapping: Any, key: str, where: str, *, default: str | None = None, one_line: bool = True, limit: int = 0) -> str:
    value = mapping.get(key, default) if isinstance(mapping, dict) else None
    if not isinstance(value, str) or (limit and len(value) > limit):
        raise _damaged(where, key)
    return clean_outside(value, one_line=one_line)


def _plain_id(mapping: Any, key: str, where: str) -> str:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(value, str) or not value or len(value) > _MAX_ID_LENGTH or clean_outside(value) != value:
        raise _damaged(where, key)
    return value


def _hash(mapping: Any, key: str, where: str, default: str | None = None) -> str:
    value = mapping.get(key, default) if isinstance(mapping, dict) else None
    if not isinstance(value, str) or not _HASH.fullmatch(value):
        raise _damaged(where, key)
    return value


def _offset(mapping: Any, key: str, where: str) -> int:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _damaged(where, key)
    return value


def _texts(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ExportRejected("the export is damaged: 'texts' should map hashes to texts")
    texts = {}
    for digest, text in value.items():
        if not isinstance(text, str) or not _HASH.fullmatch(digest):
            raise ExportRejected("the export is damaged: 'texts' should map hashes to texts")
        try:
            actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        except UnicodeEncodeError:
            actual = ""
        if actual != digest:
            raise ExportRejected(f"the export is damaged: the text {digest[:12]}… does not match its hash")
        if not is_safe(text):
            # Texts in a store were made safe when loaded; one that is not was not written by storydiff.
            raise ExportRejected(f"the export is damaged: the text {digest[:12]}… holds terminal control characters")
        texts[digest] = text
    return texts


def _version(value: Any, where: str) -> ImportedVersion:
    first = _string(value, "first_seen", where, default="", limit=_MAX_STAMP_LENGTH)
    return ImportedVersion(
        path=_string(value, "path", where),
        text_hash=_hash(value, "text_hash", where),
        title=_string(value, "title", where, default=""),
        first_seen=first,
        last_seen=_string(value, "last_seen", where, default=first, limit=_MAX_STAMP_LENGTH),
        site=_string(value, "site", where, default=""),
        published=_string(value, "published", where, default="", limit=_MAX_STAMP_LENGTH),
    )


def _note(value: Any, where: str, listed: set[str], annotation: bool) -> ImportedNote:
    if not isinstance(value, dict):
        raise ExportRejected(f"the export is damaged: {where} is not an object")
    if not isinstance(value.get("selector"), dict):
        raise _damaged(where, "selector")
    version = _hash(value, "version", where)
    if version not in listed:
        raise ExportRejected(f"the export is damaged: {where} refers to a version it does not list")
    selector = value.get("selector")
    start, end = _offset(selector, "start", where), _offset(selector, "end", where)
    if end < start:
        raise ExportRejected(f"the export is damaged: {where} ends before it starts")
    status = value.get("status", "exact")
    if status not in STATUSES:
        raise _damaged(where, "status")
    confidence = value.get("confidence", 1.0)
    if not isinstance(confidence, (int, float)) or isinstance(confidence, bool) or not 0.0 <= confidence <= 1.0:
        raise _damaged(where, "confidence")
    exact = selector["exact"] if isinstance(selector.get("exact"), str) else None
    if exact is None:
        raise _damaged(where, "exact")
    created = _string(value, "created", where, limit=_MAX_STAMP_LENGTH)
    fields: dict[str, Any] = {}
    if annotation:
        tags = value.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ExportRejected(f"the export is damaged: {where} has tags that are not a list of words")
        fields = {
            "note": _string(value, "note", where, one_line=False),
            "tags": tuple(clean_outside(t) for t in tags),
            "original_exact": _string(value, "original_exact", where, default=exact, one_line=False),
        }
    return ImportedNote(
        id=_plain_id(value, "id", where),
        version=version,
        anchored_hash=_hash(value, "anchored_hash", where, default=version),
        exact=exact,
        prefix=_string(selector, "prefix", where, one_line=False),
        suffix=_string(selector, "suffix", where, one_line=False),
        start=start,
        end=end,
        created=created,
        modified=_string(value, "modified", where, default=created, limit=_MAX_STAMP_LENGTH),
        status=status,
        confidence=float(confidence),
        **fields,
    )
