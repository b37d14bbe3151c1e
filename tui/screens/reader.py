"""The reading screen with the user's notes: bookmarks, annotations and word-span selection.

Notes are the user's work product, so this layer never guesses: every save goes straight to the
store (which commits before it returns), a store that cannot be written says so at once, and a
note whose passage could not be found again is listed under "needs review", never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding

from ..core.story import Counterpart, Story, counterpart
from ..core.tokens import tokenize
from .main import MainScreen

if TYPE_CHECKING:
    from .annotate import AnnotationEdit
    from .notes_list import NoteEntry

# The annotation editor and the notes lists (TextArea, Input, OptionList) are imported when first
# opened: a reader that is only read starts without them.


def _file_name(path: str) -> str:
    from ..core.text_safety import make_safe

    return make_safe(path.replace("\\", "/").rsplit("/", 1)[-1])


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReaderScreen(MainScreen):
    """MainScreen plus bookmarks (m, ', b, B) and annotations (a, x, A, R)."""

    BINDINGS = [
        Binding("m", "toggle_bookmark", "Bookmark", id="toggle_bookmark"),
        Binding("apostrophe", "bookmarks", "Bookmarks", id="bookmarks", show=False),
        Binding("b", "next_bookmark(1)", "Next bookmark", id="next_bookmark", show=False),
        Binding("B", "next_bookmark(-1)", "Previous bookmark", id="previous_bookmark", show=False),
        Binding("a", "annotate", "Annotate", id="annotate"),
        Binding("x", "select_words", "Select words to annotate", id="select_words", show=False),
        Binding("right", "extend_selection(1)", "Extend selection", id="extend_selection", show=False),
        Binding("left", "extend_selection(-1)", "Shrink selection", id="shrink_selection", show=False),
        Binding("shift+right", "move_selection(1)", "Move selection start right", id="move_selection_right", show=False),
        Binding("shift+left", "move_selection(-1)", "Move selection start left", id="move_selection_left", show=False),
        Binding("escape", "cancel_selection", "Cancel selection", id="cancel_selection", show=False),
        Binding("A", "annotations", "Annotations", id="annotations", show=False),
        Binding("R", "needs_review", "Notes needing review", id="needs_review", show=False),
    ]

    def __init__(self, story: Story, store, load_errors: list[str] | None = None) -> None:
        super().__init__(story, load_errors)
        self.store = store
        self.selection: tuple[int, int] | None = None  # word range (first, last) in the current sentence
        self._selection_at: tuple[int, int] | None = None  # (version, sentence) the selection was made in
        self._bookmarks: dict[int, set[int]] = {}
        self._annotations: dict[int, list] = {}
        self._version_ids: dict[int | None, int] = {}  # store version id -> loaded version index

    def on_mount(self) -> None:
        for warning in getattr(self.store, "warnings", []):
            self.notify(warning, title="Notes", severity="warning", timeout=12)
        # Textual runs MainScreen.on_mount after this one: notes are loaded before the first draw.
        self.reload_notes()
        orphans = self.store.orphans()
        if orphans:
            self.notify(
                f"{len(orphans)} note(s) could not be placed in the edited text; press R to review them.",
                title="Notes",
                severity="warning",
                timeout=10,
            )

    # -- loading notes -------------------------------------------------------------------------

    def reload_notes(self) -> None:
        """Read every version's bookmarks and annotations, re-anchored to the text as loaded."""
        self._bookmarks.clear()
        self._annotations.clear()
        self._version_ids.clear()
        for k, article in enumerate(self.story.articles):
            record = self.store.version_for(article)
            if record.id is not None:
                self._version_ids.setdefault(record.id, k)
            marks = set()
            for bookmark in self.store.bookmarks(article):
                index = self._sentence_at(k, bookmark.start)
                if index is not None:
                    marks.add(index)
            self._bookmarks[k] = marks
            self._annotations[k] = [a for a in self.store.annotations(article) if a.status != "orphan"]

    def _sentence_at(self, version: int, offset: int) -> int | None:
        for s in self.story.articles[version].sentences:
            if s.start <= offset < max(s.end, s.start + 1):
                return s.index
        return None

    def _notes_on(self, version: int, index: int) -> list:
        sentence = self.story.articles[version].sentences[index]
        return [a for a in self._annotations.get(version, []) if a.start < sentence.end and a.end > sentence.start]

    # -- hooks into MainScreen's drawing -------------------------------------------------------

    def extra_reading_marks(self) -> dict:
        marks: dict = {
            "flagged": frozenset(self._bookmarks.get(self.reading, ())),
            "underlined": [(a.start, a.end) for a in self._annotations.get(self.reading, [])],
        }
        span = self._selection_span()
        if span is not None:
            marks["underlined"] = marks["underlined"] + [span]
        return marks

    def counterpart_notes(self, cp: Counterpart | None) -> Text | None:
        lines: list[Text] = []
        article = self.story.articles[self.reading]
        if not article.sentences:
            return None
        for note in self._notes_on(self.reading, self.current):
            tags = " ".join(f"#{t}" for t in note.tags)
            lines.append(Text.assemble(("✎ note here: ", "bold"), _short(note.note, 200), (f"  {tags}" if tags else "", "dim")))
        if self.selection is not None:
            span = self._selection_span()
            if span:
                lines.append(Text.assemble(("selecting: ", "bold"), f"“{_short(article.text[span[0]:span[1]])}”", ("  →/← extend, shift+→/← move, a annotate, esc cancel", "dim")))
        # Notes on this sentence's counterparts in every other version follow the sentence.
        for k in self.story.pairs_for(self.reading):
            alignment = self.story.cached(self.reading, k)
            if alignment is None:
                continue
            other_cp = counterpart(alignment, self.current)
            seen = set()
            for j in other_cp.indexes:
                for note in self._notes_on(k, j):
                    if note.id in seen:
                        continue
                    seen.add(note.id)
                    lines.append(Text(f"annotated in {self.story.articles[k].label}: “{_short(note.note, 120)}”"))
        if not lines:
            return None
        out = Text("\n").join(lines)
        return out

    # -- bookmarks -----------------------------------------------------------------------------

    def action_toggle_bookmark(self) -> None:
        article = self.story.articles[self.reading]
        if not article.sentences:
            return
        sentence = article.sentences[self.current]
        if not self._writable():
            return
        try:
            added = self.store.toggle_bookmark(article, sentence.start, sentence.end)
        except Exception as exc:  # noqa: BLE001 - any store failure is reported, not raised
            self._store_failed(exc)
            return
        marks = self._bookmarks.setdefault(self.reading, set())
        if added:
            marks.add(self.current)
        else:
            marks.discard(self.current)
        self.notify("Bookmarked." if added else "Bookmark removed.", timeout=1.5)
        self._show(scroll=False)

    def action_next_bookmark(self, step: int) -> None:
        marks = sorted(self._bookmarks.get(self.reading, ()))
        if not marks:
            self.notify("No bookmarks in this version.", timeout=2)
            return
        ahead = [i for i in marks if (i > self.current if step > 0 else i < self.current)]
        if ahead:
            self.current = ahead[0] if step > 0 else ahead[-1]
        else:
            self.current = marks[0] if step > 0 else marks[-1]
            self.notify("Wrapped around.", timeout=1.5)
        self._show()

    def action_bookmarks(self) -> None:
        from .notes_list import NoteEntry, NotesListScreen
        entries = []
        for bookmark in self.store.bookmarks():
            k, index = self._locate(bookmark)
            label = self.story.articles[k].label if k is not None else _file_name(bookmark.path)
            quote = self.story.articles[k].sentences[index].text if k is not None and index is not None else bookmark.exact
            display = Text.assemble(("⚑ ", "bold"), (label, "bold"), "  ", _short(quote))
            entries.append(NoteEntry(bookmark.id, display, f"{label} {quote}", target=(k, index) if k is not None and index is not None else None))
        self.app.push_screen(NotesListScreen("Bookmarks", entries, "No bookmarks yet: press m on a sentence."), self._jump)

    def _locate(self, note) -> tuple[int | None, int | None]:
        """The loaded version and sentence a stored note belongs to, if that version is open."""
        k = self._version_ids.get(note.version_id)
        if k is None or note.is_orphan:
            return k, None
        return k, self._sentence_at(k, note.start)

    def _jump(self, entry: NoteEntry | None) -> None:
        if entry is None:
            return
        if entry.target is None:
            self.notify("That version is not open in this session.", timeout=3)
            return
        version, index = entry.target
        if version != self.reading:
            self.read_version(version)
        self.current = index
        self._show()

    # -- annotations ---------------------------------------------------------------------------

    def _words(self) -> list:
        article = self.story.articles[self.reading]
        sentence = article.sentences[self.current]
        return [t for t in tokenize(sentence.text, sentence.start) if t.is_word]

    def _selection_span(self) -> tuple[int, int] | None:
        if self.selection is None:
            return None
        if self._selection_at != (self.reading, self.current):
            # Any jump (list, bookmark, search, click, switch) ends a selection: it belongs to
            # the sentence it was made in.
            self.selection = None
            return None
        words = self._words()
        if not words:
            return None
        first, last = self.selection
        return words[first].start, words[last].end

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"extend_selection", "move_selection", "cancel_selection"}:
            return self._selection_span() is not None
        return super().check_action(action, parameters)

    def action_select_words(self) -> None:
        if not self._words():
            return
        self.selection = (0, 0)
        self._selection_at = (self.reading, self.current)
        self._show(scroll=False)

    def action_extend_selection(self, step: int) -> None:
        words = self._words()
        first, last = self.selection or (0, 0)
        self.selection = (first, max(first, min(len(words) - 1, last + step)))
        self._show(scroll=False)

    def action_move_selection(self, step: int) -> None:
        words = self._words()
        first, last = self.selection or (0, 0)
        first = max(0, min(len(words) - 1, first + step))
        self.selection = (first, max(first, last))
        self._show(scroll=False)

    def action_cancel_selection(self) -> None:
        self.selection = None
        self._show(scroll=False)

    def action_move(self, step: int) -> None:
        self.selection = None
        super().action_move(step)

    def action_annotate(self) -> None:
        from .annotate import AnnotationEditor
        article = self.story.articles[self.reading]
        if not article.sentences:
            return
        span = self._selection_span()
        if span is None:
            existing = self._notes_on(self.reading, self.current)
            if existing:
                note = existing[0]
                self.app.push_screen(
                    AnnotationEditor(article.text[note.start : note.end], note.note, tuple(note.tags), existing=True),
                    lambda result, note=note: self._saved_edit(note, result),
                )
                return
            sentence = article.sentences[self.current]
            span = (sentence.start, sentence.end)
        if not self._writable():
            return
        self.app.push_screen(AnnotationEditor(article.text[span[0] : span[1]]), lambda result, span=span: self._saved_new(span, result))

    def _saved_new(self, span: tuple[int, int], result: AnnotationEdit | None) -> None:
        self.selection = None
        if result is None or result.delete:
            self._show(scroll=False)
            return
        try:
            self.store.add_annotation(self.story.articles[self.reading], span[0], span[1], result.note, result.tags)
        except Exception as exc:  # noqa: BLE001
            self._store_failed(exc)
            return
        self.notify("Note saved.", timeout=1.5)
        self.reload_notes()
        self._show(scroll=False)

    def _saved_edit(self, note, result: AnnotationEdit | None) -> None:
        if result is None:
            return
        if not self._writable():
            return
        try:
            if result.delete:
                self.store.delete_annotation(note.id)
                self.notify("Note deleted.", timeout=1.5)
            else:
                self.store.update_annotation(note.id, result.note, result.tags)
                self.notify("Note saved.", timeout=1.5)
        except Exception as exc:  # noqa: BLE001
            self._store_failed(exc)
            return
        self.reload_notes()
        self._show(scroll=False)

    def action_annotations(self) -> None:
        from .notes_list import NoteEntry, NotesListScreen
        entries = []
        for note in self.store.all_annotations():
            k, index = self._locate(note)
            label = self.story.articles[k].label if k is not None else _file_name(note.path)
            tags = " ".join(f"#{t}" for t in note.tags)
            display = Text.assemble(
                (label, "bold"), "  “", _short(note.exact, 60), "”\n  ", _short(note.note, 90), (f"  {tags}" if tags else "", "dim")
            )
            entries.append(
                NoteEntry(
                    note.id,
                    display,
                    f"{label} {note.exact} {note.note}",
                    tuple(note.tags),
                    target=(k, index) if k is not None and index is not None and note.status != "orphan" else None,
                )
            )
        self.app.push_screen(NotesListScreen("Annotations", entries, "No annotations yet: press a on a sentence."), self._jump)

    def action_needs_review(self) -> None:
        from .notes_list import NoteEntry, NotesListScreen
        entries = []
        for note in self.store.orphans():
            display = Text.assemble(
                ("? ", "bold"), (_file_name(note.path), "bold"), "  “", _short(note.exact, 60), "”\n  ", _short(note.note, 90)
            )
            entries.append(NoteEntry(note.id, display, f"{note.exact} {note.note}", tuple(note.tags)))
        self.app.push_screen(
            NotesListScreen("Needs review: passages not found in the edited text", entries, "Every note is in place."), self._jump
        )

    # -- failures ------------------------------------------------------------------------------

    def _writable(self) -> bool:
        if getattr(self.store, "read_only", False):
            self.notify("Notes cannot be saved: the notes store is read-only.", severity="error", timeout=4)
            return False
        return True

    def _store_failed(self, exc: Exception) -> None:
        self.notify(f"Could not save: {exc}", title="Notes", severity="error", timeout=8)
