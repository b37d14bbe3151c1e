"""What the note keys do: bookmark a sentence, jump between bookmarks, open the bookmark,
annotation and review lists, select words and annotate them.

The reading screen binds the keys and owns the state; this part works through the screen's
public state (`place`, `selection`, `go`, `read_version`, `redraw`) and its `notes` (what is in
the store, placed on the loaded versions). Every save goes straight to the store, and a store
that cannot be written says so at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.tokens import tokenize

if TYPE_CHECKING:
    from .annotate import AnnotationEdit
    from .notes_list import ListChoice, NoteEntry
    from .reader import ReaderScreen

# The annotation editor and the notes lists (TextArea, Input, OptionList) are imported when first
# opened: a reader that is only read starts without them.


class NoteActions:
    """The note keys' work, on behalf of one reading screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def notes_loaded(self) -> None:
        """Read the notes of the versions loaded, and say at once how many wait for review."""
        self.screen.notes.reload()
        waiting = self.screen.notes.unplaced(find=False)
        if waiting:
            self.screen.notify(
                f"{len(waiting)} note(s) are not where they were made (edited, moved or deleted files); press R to review them.",
                title="Notes",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def toggle_bookmark(self) -> None:
        article = self.screen.story.articles[self.screen.reading]
        if not article.sentences or not self._writable():
            return
        sentence = article.sentences[self.screen.current]
        # What this window shows decides what `m` means; another window may have changed the
        # store since, and a toggle of the stored state would undo its work.
        wanted = self.screen.current not in self.screen.notes.bookmarked(self.screen.reading)
        try:
            added = self.screen.store.set_bookmark(article, sentence.start, sentence.end, wanted)
        except Exception as exc:  # noqa: BLE001 - any store failure is reported, not raised
            self._store_failed(exc)
            return
        self.screen.notes.set_bookmark(self.screen.reading, self.screen.current, added)
        self.screen.notify("Bookmarked." if added else "Bookmark removed.", timeout=1.5, markup=False)
        self.screen.redraw(scroll=False)

    def next_bookmark(self, step: int) -> None:
        marks = sorted(self.screen.notes.bookmarked(self.screen.reading))
        if not marks:
            self.screen.notify("No bookmarks in this version.", timeout=2, markup=False)
            return
        ahead = [i for i in marks if (i > self.screen.current if step > 0 else i < self.screen.current)]
        if ahead:
            self.screen.go(current=ahead[0] if step > 0 else ahead[-1])
        else:
            self.screen.notify("Wrapped around.", timeout=1.5, markup=False)
            self.screen.go(current=marks[0] if step > 0 else marks[-1])

    def open_bookmarks(self) -> None:
        from .notes_list import NotesListScreen

        entries = self.screen.notes.bookmark_entries()
        self.screen.app.push_screen(NotesListScreen("Bookmarks", entries, "No bookmarks yet: press m on a sentence."), self._chosen)

    def _chosen(self, choice: ListChoice | None) -> None:
        """Enter on a bookmark or annotation goes to it; ctrl+d deletes it."""
        if choice is None:
            return
        entry = choice.entry
        if choice.delete:
            self._delete(entry)
            return
        if entry.target is None:
            reason = entry.extra.get("reason") or "its version is not open in this session"
            self.screen.notify(f"Cannot go there: {reason}.", timeout=4, markup=False)
            return
        version, index = entry.target
        self.screen.read_version(version, index)

    def _delete(self, entry: NoteEntry) -> None:
        if not self._writable():
            return
        kind, note_id = entry.extra.get("kind"), entry.extra.get("id")
        try:
            if kind == "bookmark":
                self.screen.store.delete_bookmark(note_id)
            else:
                self.screen.store.delete_annotation(note_id)
        except Exception as exc:  # noqa: BLE001
            self._store_failed(exc)
            return
        self.screen.notify("Bookmark deleted." if kind == "bookmark" else "Note deleted.", timeout=2, markup=False)
        self.screen.notes.reload()
        self.screen.redraw(scroll=False)

    def _reviewed(self, choice: ListChoice | None) -> None:
        """Enter on a note under review attaches it where its passage was found, or else to the
        words selected / the sentence being read; ctrl+d deletes it."""
        if choice is None:
            return
        if choice.delete:
            self._delete(choice.entry)
            return
        if not self._writable():
            return
        screen = self.screen
        found = choice.entry.extra.get("found")
        if found is not None:
            version, start, end = found
        else:
            version = screen.reading
            sentence = screen.story.articles[version].sentences[screen.current] if screen.story.articles[version].sentences else None
            if sentence is None:
                return
            start, end = self.selection_span() or (sentence.start, sentence.end)
        article = screen.story.articles[version]
        try:
            if choice.entry.extra.get("kind") == "bookmark":
                screen.store.delete_bookmark(choice.entry.extra["id"])
                index = screen.notes.sentence_at(version, start)
                s = article.sentences[index if index is not None else 0]
                screen.store.set_bookmark(article, s.start, s.end, True)
            else:
                screen.store.reattach_annotation(choice.entry.extra["id"], article, start, end)
        except Exception as exc:  # noqa: BLE001
            self._store_failed(exc)
            return
        screen.notes.reload()
        index = screen.notes.sentence_at(version, start)
        screen.notify(f"Attached to sentence {index + 1 if index is not None else '?'} of {screen.story.names[version]}.", timeout=3, markup=False)
        screen.selection = None
        screen.read_version(version, index if index is not None else 0)
        screen.redraw(scroll=False)

    # -- annotations ---------------------------------------------------------------------------

    def _words(self) -> list:
        sentence = self.screen.story.articles[self.screen.reading].sentences[self.screen.current]
        return [t for t in tokenize(sentence.text, sentence.start) if t.is_word]

    def selection_span(self) -> tuple[int, int] | None:
        if self.screen.selection is None:
            return None
        words = self._words()
        if not words:
            return None
        first, last = self.screen.selection
        return words[first].start, words[last].end

    def select_words(self) -> None:
        if self.screen.story.articles[self.screen.reading].sentences and self._words():
            self.screen.selection = (0, 0)

    def extend_selection(self, step: int) -> None:
        first, last = self.screen.selection or (0, 0)
        self.screen.selection = (first, max(first, min(len(self._words()) - 1, last + step)))

    def move_selection(self, step: int) -> None:
        first, last = self.screen.selection or (0, 0)
        first = max(0, min(len(self._words()) - 1, first + step))
        self.screen.selection = (first, max(first, last))

    def annotate(self) -> None:
        from .annotate import AnnotationEditor

        article = self.screen.story.articles[self.screen.reading]
        if not article.sentences:
            return
        span = self.selection_span()
        if span is None:
            existing = self.screen.notes.notes_on(self.screen.reading, self.screen.current)
            if existing:
                note = existing[0]
                self.screen.app.push_screen(
                    AnnotationEditor(
                        article.text[note.start : note.end], note.note, tuple(note.tags), existing=True,
                        save=lambda edit, note=note: self._store_edit(note, edit),
                    ),
                    self._saved,
                )
                return
            sentence = article.sentences[self.screen.current]
            span = (sentence.start, sentence.end)
        if not self._writable():
            return
        self.screen.app.push_screen(
            AnnotationEditor(article.text[span[0] : span[1]], save=lambda edit, span=span: self._store_new(article, span, edit)),
            self._saved,
        )

    # The editor calls these to store what was typed, and closes only when they return None;
    # otherwise it stays open, the text as typed, and shows the reason.

    def _store_new(self, article, span: tuple[int, int], edit: AnnotationEdit) -> str | None:
        if edit.delete:
            return None
        try:
            self.screen.store.add_annotation(article, span[0], span[1], edit.note, edit.tags)
        except Exception as exc:  # noqa: BLE001 - any store failure is told, and the text kept
            return _why(exc)
        return None

    def _store_edit(self, note, edit: AnnotationEdit) -> str | None:
        try:
            if edit.delete:
                self.screen.store.delete_annotation(note.id)
            else:
                self.screen.store.update_annotation(note.id, edit.note, edit.tags)
        except Exception as exc:  # noqa: BLE001 - any store failure is told, and the text kept
            return _why(exc)
        return None

    def _saved(self, result: AnnotationEdit | None) -> None:
        """The editor closed: after a stored edit (`result`), or cancelled (None)."""
        self.screen.selection = None
        if result is None:
            return
        self.screen.notify("Note deleted." if result.delete else "Note saved.", timeout=1.5, markup=False)
        self.screen.notes.reload()
        self.screen.redraw(scroll=False)

    def open_annotations(self) -> None:
        from .notes_list import NotesListScreen

        entries = self.screen.notes.annotation_entries()
        self.screen.app.push_screen(NotesListScreen("Annotations", entries, "No annotations yet: press a on a sentence."), self._chosen)

    def open_review(self) -> None:
        from .notes_list import NotesListScreen

        entries = self.screen.notes.review_entries()
        title = "Needs review: notes not where they were made"
        hint = "enter: attach · ctrl+d: delete · esc: close"
        self.screen.app.push_screen(NotesListScreen(title, entries, "Every note is in place.", hint), self._reviewed)

    # -- failures ------------------------------------------------------------------------------

    def _writable(self) -> bool:
        if getattr(self.screen.store, "read_only", False):
            self.screen.notify("Notes cannot be saved: the notes store is read-only.", severity="error", timeout=4, markup=False)
            return False
        return True

    def _store_failed(self, exc: Exception) -> None:
        self.screen.notify(f"Could not save: {exc}", title="Notes", severity="error", timeout=8, markup=False)


def _why(exc: Exception) -> str:
    """A store failure in words for the editor: the store's own message, or what it means."""
    if isinstance(exc, KeyError):
        return "the note was deleted meanwhile (in another window?)"
    return str(exc) or type(exc).__name__
