"""The user's notes as the reader shows them: the store's bookmarks and annotations, placed on the
versions loaded in this session.

Kept apart from the screen (and free of Textual) because it only answers questions: which
sentences carry a bookmark, which passages are annotated, which notes follow a sentence into
the other versions, and what the bookmark, annotation and review lists hold.
"""

from __future__ import annotations

from rich.text import Text

from ..core.story import Place, Story, counterpart
from ..core.text_safety import make_safe
from .notes_list import NoteEntry


def file_name(path: str) -> str:
    """The last part of a stored path, made safe to draw."""
    return make_safe(path.replace("\\", "/").rsplit("/", 1)[-1])


def short(text: str, limit: int = 70) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReaderNotes:
    """Bookmarks and annotations of every loaded version, re-anchored to the text as loaded."""

    def __init__(self, story: Story, store) -> None:
        self.story = story
        self.store = store
        self._bookmarks: dict[int, set[int]] = {}
        self._annotations: dict[int, list] = {}
        self._version_ids: dict[int | None, int] = {}  # store version id -> loaded version index

    def reload(self) -> None:
        """Read every version's notes from the store again."""
        self._bookmarks.clear()
        self._annotations.clear()
        self._version_ids.clear()
        for k, article in enumerate(self.story.articles):
            record = self.store.version_for(article)
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
            alignment = self.story.cached(place.reading, k)
            if alignment is None:
                continue
            seen = set()
            for j in counterpart(alignment, place.current).indexes:
                for note in self.notes_on(k, j):
                    if note.id not in seen:
                        seen.add(note.id)
                        lines.append(Text(f"annotated in {self.story.articles[k].label}: “{short(note.note, 120)}”"))
        return Text("\n").join(lines) if lines else None

    # -- the lists ------------------------------------------------------------------------------

    def _label(self, k: int | None, path: str) -> str:
        return self.story.articles[k].label if k is not None else file_name(path)

    def bookmark_entries(self) -> list[NoteEntry]:
        entries = []
        for bookmark in self.store.bookmarks():
            k, index = self.locate(bookmark)
            label = self._label(k, bookmark.path)
            quote = self.story.articles[k].sentences[index].text if k is not None and index is not None else bookmark.exact
            display = Text.assemble(("⚑ ", "bold"), (label, "bold"), "  ", short(quote))
            target = (k, index) if k is not None and index is not None else None
            entries.append(NoteEntry(bookmark.id, display, f"{label} {quote}", target=target))
        return entries

    def annotation_entries(self) -> list[NoteEntry]:
        entries = []
        for note in self.store.all_annotations():
            k, index = self.locate(note)
            label = self._label(k, note.path)
            tags = " ".join(f"#{t}" for t in note.tags)
            display = Text.assemble(
                (label, "bold"), "  “", short(note.exact, 60), "”\n  ", short(note.note, 90), (f"  {tags}" if tags else "", "dim")
            )
            target = (k, index) if k is not None and index is not None and note.status != "orphan" else None
            entries.append(NoteEntry(note.id, display, f"{label} {note.exact} {note.note}", tuple(note.tags), target=target))
        return entries

    def review_entries(self) -> list[NoteEntry]:
        entries = []
        for note in self.store.orphans():
            display = Text.assemble(
                ("? ", "bold"), (file_name(note.path), "bold"), "  “", short(note.exact, 60), "”\n  ", short(note.note, 90)
            )
            entries.append(NoteEntry(note.id, display, f"{note.exact} {note.note}", tuple(note.tags)))
        return entries
