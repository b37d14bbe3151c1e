"""A filterable list of bookmarks or annotations across all versions; enter jumps to one."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class NoteEntry:
    """One row: what to show, what a filter matches, and where a jump goes."""

    key: str
    display: Text
    search: str
    tags: tuple[str, ...] = ()
    target: tuple[int, int] | None = None  # (version index, sentence index); None: not loaded
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ListChoice:
    """What the user did in a list: enter on an entry, or asked to delete it."""

    entry: NoteEntry
    delete: bool = False


def matches(entry: NoteEntry, query: str) -> bool:
    """Words match text case-insensitively; `#tag` (or `tag:x`) words must be tags of the entry."""
    haystack = entry.search.lower()
    tags = {t.lower() for t in entry.tags}
    for word in query.lower().split():
        if word.startswith("#") or word.startswith("tag:"):
            wanted = word.split(":", 1)[-1].lstrip("#")
            if wanted and wanted not in tags:
                return False
        elif word not in haystack:
            return False
    return True


class NotesListScreen(ModalScreen[ListChoice | None]):
    """Type to filter (words, or #tag); up/down and enter to choose; ctrl+d to delete; escape to
    close. The screen that opened the list decides what a choice does."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_notes"),
        Binding("ctrl+d", "delete", "Delete note", id="delete_note", priority=True),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
    ]

    def __init__(self, title: str, entries: list[NoteEntry], empty: str, hint: str = "enter: go to it · ctrl+d: delete · esc: close") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.entries = entries
        self.empty = empty
        self.shown: list[NoteEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Label(self.title_text, id="notes-title")
            yield Input(placeholder="filter: words, or #tag", id="notes-filter")
            yield OptionList(id="notes-list", markup=False)
            yield Label(self.hint, id="notes-hint", markup=False)

    def on_mount(self) -> None:
        self._refilter("")
        self.query_one("#notes-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def _refilter(self, query: str) -> None:
        options = self.query_one("#notes-list", OptionList)
        options.clear_options()
        self.shown = [e for e in self.entries if matches(e, query)]
        if not self.shown:
            options.add_option(Option(Text(self.empty if not self.entries else "Nothing matches the filter.", style="italic"), disabled=True))
            return
        options.add_options([Option(e.display, id=e.key) for e in self.shown])
        options.highlighted = 0

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#notes-list", OptionList)
        if self.shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._choose(self.query_one("#notes-list", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None, delete: bool = False) -> None:
        if index is None or not self.shown:
            return
        self.dismiss(ListChoice(self.shown[index], delete))

    def action_delete(self) -> None:
        self._choose(self.query_one("#notes-list", OptionList).highlighted, delete=True)

    def action_close(self) -> None:
        self.dismiss(None)
