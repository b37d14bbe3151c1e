"""The small editor for one annotation: the quoted passage, a note and tags.

A typed note is the user's work: the editor asks its `save` to store it and closes only when
that succeeded. When saving fails (a full disk, a store gone read-only, a damaged file) the
editor stays open with the text as typed and says why, so the note can be saved once the
problem is fixed, or copied elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea


@dataclass(frozen=True)
class AnnotationEdit:
    """What the editor gives back: a note and tags to save, or a request to delete."""

    note: str = ""
    tags: tuple[str, ...] = ()
    delete: bool = False


def parse_tags(raw: str) -> tuple[str, ...]:
    """Tags are typed comma- or space-separated; '#' is optional; duplicates are dropped."""
    seen: dict[str, None] = {}
    for part in raw.replace(",", " ").split():
        tag = part.lstrip("#").strip()
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


class AnnotationEditor(ModalScreen[AnnotationEdit | None]):
    """Write or change the note on a passage; ctrl+s saves, escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="save_note", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel_note"),
        # Priority bindings are run as the app takes each key, in order, before it hands the
        # next key to a widget: a fast burst (a paste, a text expander) moves to the tags field
        # at the Tab, where an ordinary binding would run after the following keys were already
        # handed to the note.
        Binding("tab", "app.focus_next", "Next field", id="next_field", priority=True, show=False),
        Binding("shift+tab", "app.focus_previous", "Previous field", id="previous_field", priority=True, show=False),
    ]

    def __init__(
        self,
        quote: str,
        note: str = "",
        tags: tuple[str, ...] = (),
        *,
        existing: bool = False,
        save: Callable[[AnnotationEdit], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tags
        self.existing = existing
        self.save = save
        """Stores an edit; returns None when it is saved, else why not (the editor stays open)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="annotate-box"):
            yield Label("Annotate passage" if not self.existing else "Edit annotation", id="annotate-title")
            yield Static(Text(f"“{self.quote}”", style="italic"), id="annotate-quote")
            yield TextArea(self.note, id="annotate-note", soft_wrap=True, show_line_numbers=False)
            yield Input(" ".join(self.tags), placeholder="tags, e.g. quote-altered name", id="annotate-tags")
            yield Static("", id="annotate-error", markup=False)
            with Horizontal(id="annotate-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                if self.existing:
                    yield Button("Delete", id="delete", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#annotate-error", Static).display = False
        self.query_one("#annotate-note", TextArea).focus()

    def _finish(self, edit: AnnotationEdit) -> None:
        """Close with `edit` once it is stored; if storing failed, stay open and say why."""
        problem = self.save(edit) if self.save is not None else None
        if problem is None:
            self.dismiss(edit)
            return
        error = self.query_one("#annotate-error", Static)
        error.update(Text(f"Not saved: {problem}", style="bold"))
        error.display = True
        self.notify(f"Not saved: {problem}", title="Notes", severity="error", timeout=8, markup=False)

    def action_save(self) -> None:
        note = self.query_one("#annotate-note", TextArea).text.strip()
        tags = parse_tags(self.query_one("#annotate-tags", Input).value)
        if not note and not tags:
            self.notify("Write a note or a tag first (or escape to cancel).", severity="warning", timeout=3, markup=False)
            return
        self._finish(AnnotationEdit(note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "delete":
            self._finish(AnnotationEdit(delete=True))
        else:
            self.dismiss(None)
