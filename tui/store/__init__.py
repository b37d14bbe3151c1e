"""Bookmarks and annotations on disk: the notes store, its records and where it lives.

Deliberately light to import (sqlite3, json, dataclasses): a process that only writes notes
never loads Textual, rapidfuzz or platformdirs. Export and import live in `tui.store.transfer`.
"""

from .notes import NoteStore
from .paths import data_dir
from .records import Annotation, Bookmark, ResolvedAnnotation, StoreReadOnly, VersionRecord

__all__ = ["Annotation", "Bookmark", "NoteStore", "ResolvedAnnotation", "StoreReadOnly", "VersionRecord", "data_dir"]
