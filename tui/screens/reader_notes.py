"""The user's notes as the reader shows them: the store's bookmarks and annotations, placed on the
versions loaded in this session.

Kept apart from the screen (and free of Textual) because it only answers questions: which
sentences carry a bookmark, which passages are annotated, which notes follow a sentence into
the other versions, and what the bookmark, annotation and review lists hold.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich.text import Text

from ..core.anchoring import TextAnchor, reanchor
from ..core.story import Place, Story, counterpart
from ..core.model import file_label
from .notes_list import NoteEntry


def file_name(path: str) -> str:
    """The last part of a stored path, made safe to draw."""
    return file_label(path)


def short(text: str, limit: int = 70) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Unplaced:
    """A note that waits for review: what it is, why, and where its passage was found, if anywhere."""

    kind: str  # "annotation" or "bookmark"
    note: object
    reason: str
    found: tuple[int, int, int] | None  # (version, start, end) in a loaded version


class ReaderNotes:
    """Bookmarks and annotations of every loaded version, re-anchored to the text as loaded."""

    def __init__(self, story: Story, store) -> None:
        self.story = story
        self.store = store
        self._bookmarks: dict[int, set[int]] = {}
        self._annotations: dict[int, list] = {}
        self._version_ids: dict[int | None, int] = {}  # store version id -> loaded version index
        self._records: list | None = None  # each loaded version as the store registered it

    def adopt_records(self, records: list) -> None:
        """Take the loaded versions as registered elsewhere (a worker, on its own connection)."""
        self._records = list(records)

    def reload(self) -> None:
        """Read every version's notes from the store again.

        The versions are registered once, all in one transaction (a folder of thousands of
        files would otherwise cost a commit each, at every reload); a version's id never changes.
        """
        self._bookmarks.clear()
        self._annotations.clear()
        self._version_ids.clear()
        if self._records is None:
            self._records = self.store.register_versions(self.story.articles)
        for k, (article, record) in enumerate(zip(self.story.articles, self._records)):
            self._read_version(k, article, record)

    def add_versions(self, records: list | None) -> None:
        """Read the notes of the versions the story gained since the notes were read (versions
        arrive after the first screen): `records` as registered elsewhere, in order, or None to
        register them here."""
        if self._records is None:
            return  # not read yet: `reload` reads every version, these among them
        first = len(self._records)
        new = self.story.articles[first:]
        if records is None:
            records = self.store.register_versions(new)
        else:
            self.store.recall_versions(new)
        self._records.extend(records)
        for k, (article, record) in enumerate(zip(new, records), start=first):
            self._read_version(k, article, record)

    def _read_version(self, k: int, article, record) -> None:
        if record.id is not None:
            self._version_ids.setdefault(record.id, k)
        marks = set()
        for bookmark in self.store.bookmarks(article):
            index = self.sentence_at(k, bookmark.start)
            if index is not None:
                marks.add(index)
        self._bookmarks[k] = marks
        self._annotations[k] = [a for a in self.store.annotations(article) if a.status != "orphan"]

    # -- questions ------------------------------------------------------------------------------

    def sentence_at(self, version: int, offset: int) -> int | None:
        """The sentence of `version` that holds character `offset`."""
        for s in self.story.articles[version].sentences:
            if s.start <= offset < max(s.end, s.start + 1):
                return s.index
        return None

    def bookmarked(self, version: int) -> frozenset[int]:
        return frozenset(self._bookmarks.get(version, ()))

    def set_bookmark(self, version: int, index: int, present: bool) -> None:
        marks = self._bookmarks.setdefault(version, set())
        (marks.add if present else marks.discard)(index)

    def annotated_spans(self, version: int) -> list[tuple[int, int]]:
        return [(a.start, a.end) for a in self._annotations.get(version, [])]

    def notes_on(self, version: int, index: int) -> list:
        """Annotations that touch sentence `index` of `version`."""
        sentence = self.story.articles[version].sentences[index]
        return [a for a in self._annotations.get(version, []) if a.start < sentence.end and a.end > sentence.start]

    def placed(self, version: int) -> list[tuple[int, str]]:
        """Every bookmark and annotation of `version` at its sentence, said in words (for the
        fact-check report)."""
        found = [(index, "bookmarked") for index in sorted(self.bookmarked(version))]
        for note in self._annotations.get(version, []):
            index = self.sentence_at(version, note.start)
            if index is not None:
                tags = "".join(f" #{t}" for t in note.tags)
                found.append((index, f"note: {note.note} (on “{note.exact}”){tags}"))
        return found

    def locate(self, note) -> tuple[int | None, int | None]:
        """The loaded version and sentence a stored note belongs to, if that version is open."""
        k = self._version_ids.get(note.version_id)
        if k is None or note.is_orphan:
            return k, None
        return k, self.sentence_at(k, note.start)

    def notes_text(self, place: Place, selecting: str | None) -> Text | None:
        """What the diff pane says under its header: notes here, the selection being made, and
        notes on this sentence's counterparts in the other versions."""
        lines: list[Text] = []
        if not self.story.articles[place.reading].sentences:
            return None
        for note in self.notes_on(place.reading, place.current):
            tags = " ".join(f"#{t}" for t in note.tags)
            lines.append(Text.assemble(("✎ note here: ", "bold"), short(note.note, 200), (f"  {tags}" if tags else "", "dim")))
        if selecting is not None:
            lines.append(
                Text.assemble(
                    ("selecting: ", "bold"), f"“{short(selecting)}”", ("  →/← extend, shift+→/← move, a annotate, esc cancel", "dim")
                )
            )
        for k in self.story.pairs_for(place.reading):
            if not self._annotations.get(k):
                continue  # most versions carry no notes: no alignment to look up for them
            alignment = self.story.cached(place.reading, k)
            if alignment is None:
                continue
            seen = set()
            for j in counterpart(alignment, place.current).indexes:
                for note in self.notes_on(k, j):
                    if note.id not in seen:
                        seen.add(note.id)
                        lines.append(Text(f"annotated in {self.story.names[k]}: “{short(note.note, 120)}”"))
        return Text("\n").join(lines) if lines else None

    # -- the lists ------------------------------------------------------------------------------

    def _label(self, k: int | None, path: str) -> str:
        return self.story.names[k] if k is not None else file_name(path)

    def bookmark_entries(self) -> list[NoteEntry]:
        entries = []
        for bookmark in self.store.bookmarks():
            k, index = self.locate(bookmark)
            label = self._label(k, bookmark.path)
            if k is not None and index is not None:
                quote, mark, where = self.story.articles[k].sentences[index].text, "⚑ ", ""
            else:
                quote, mark, where = bookmark.exact, "? ", self._unplaced_reason(bookmark, k)
            display = Text.assemble((mark, "bold"), (label, "bold"), "  ", short(quote), (where, "dim italic"))
            target = (k, index) if k is not None and index is not None else None
            extra = {"kind": "bookmark", "id": bookmark.id, "reason": where.strip(" ()")}
            entries.append(NoteEntry(bookmark.id, display, f"{label} {quote}", target=target, extra=extra))
        return entries

    def annotation_entries(self) -> list[NoteEntry]:
        entries = []
        for note in self.store.all_annotations():
            k, index = self.locate(note)
            label = self._label(k, note.path)
            tags = " ".join(f"#{t}" for t in note.tags)
            placed = k is not None and index is not None and not note.is_orphan
            where = "" if placed else self._unplaced_reason(note, k)
            display = Text.assemble(
                ("" if placed else "? ", "bold"),
                (label, "bold"),
                "  “",
                short(note.exact, 60),
                "”",
                (where, "dim italic"),
                "\n  ",
                short(note.note, 90),
                (f"  {tags}" if tags else "", "dim"),
            )
            target = (k, index) if placed else None
            extra = {"kind": "annotation", "id": note.id, "reason": where.strip(" ()")}
            entries.append(NoteEntry(note.id, display, f"{label} {note.exact} {note.note}", tuple(note.tags), target=target, extra=extra))
        return entries

    @staticmethod
    def _unplaced_reason(note, k: int | None) -> str:
        if note.is_orphan:
            return "  (passage not found after an edit: R to review)"
        if k is None:
            return "  (its version is not open)"
        return ""

    # -- notes that wait for review ---------------------------------------------------------------

    def unplaced(self, find: bool = True) -> list[Unplaced]:
        """Every note that is not where it was made: orphans (the passage was not found again in
        an edited file) and notes of a file that is gone from its path and is not open (moved,
        and edited too, so neither its text nor its path was recognised). For each, where its
        passage was found in a loaded version, if anywhere."""
        out: list[Unplaced] = []
        for kind, notes in (("annotation", self.store.all_annotations()), ("bookmark", self.store.bookmarks())):
            for note in notes:
                if note.is_orphan:
                    reason = "passage not found after the file was edited"
                elif note.version_id not in self._version_ids and _gone(note.path):
                    reason = "file moved or deleted, and not recognised among the open versions"
                else:
                    continue
                out.append(Unplaced(kind, note, reason, self._find(note) if find else None))
        return out

    def _find(self, note) -> tuple[int, int, int] | None:
        """(version, start, end) of the note's passage in a loaded version, found by its quote and
        context; the note's own version first."""
        anchor = TextAnchor(note.exact, note.prefix, note.suffix, note.start, note.end)
        order = sorted(range(len(self.story)), key=lambda k: self._version_ids.get(note.version_id) != k)
        for k in order:
            result = reanchor(anchor, self.story.articles[k].text)
            if result.found:
                return k, result.start, result.end
        return None

    def review_entries(self) -> list[NoteEntry]:
        entries = []
        for item in self.unplaced():
            note = item.note
            if item.found is not None:
                k, start, _ = item.found
                index = self.sentence_at(k, start)
                found = f"found in {self.story.names[k]}, sentence {index + 1 if index is not None else '?'}: enter attaches it there"
            else:
                found = "not found in the open versions: enter attaches it to the sentence you are reading"
            body = short(note.note, 90) if item.kind == "annotation" else "bookmark"
            display = Text.assemble(
                ("? ", "bold"),
                (file_name(note.path), "bold"),
                "  “",
                short(note.exact, 60),
                "”\n  ",
                body,
                (f"\n  {item.reason}; {found}", "dim italic"),
            )
            tags = tuple(getattr(note, "tags", ()))
            extra = {"kind": item.kind, "id": note.id, "found": item.found}
            entries.append(NoteEntry(f"{item.kind}:{note.id}", display, f"{note.exact} {body}", tags, extra=extra))
        return entries


def _gone(path: str) -> bool:
    """Whether a stored local file path no longer holds a file (URLs and stdin cannot be told)."""
    if "://" in path or path in ("", "-", "<stdin>"):
        return False
    return not os.path.exists(path)
