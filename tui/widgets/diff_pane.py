"""The comparison version, kept level with the reading pane, and what the link between them is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from .article_view import ArticleView


class DiffPane(Vertical):
    """A header that names the link (kind, score, or no counterpart) over the comparison text."""

    def __init__(self, *, id: str | None = None, layouts=None) -> None:
        super().__init__(id=id)
        self._layouts = layouts
        self._info: tuple | None = None
        self._notes: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="link-info", markup=False)
        notes = Static(id="link-notes", markup=False)
        notes.display = False
        yield notes
        yield ArticleView(id="compare-view", layouts=self._layouts)

    @property
    def view(self) -> ArticleView:
        return self.query_one("#compare-view", ArticleView)

    # Each update of a header is a new layout of the pane (its height may change): only when the
    # text did change.
    def set_info(self, info: Text) -> None:
        if _key(info) != self._info:
            self._info = _key(info)
            self.query_one("#link-info", Static).update(info)

    def set_notes(self, notes: Text | None) -> None:
        if _key(notes) != self._notes:
            self._notes = _key(notes)
            widget = self.query_one("#link-notes", Static)
            widget.update(notes or "")
            widget.display = bool(notes)


def _key(text: Text | None) -> tuple | None:
    """What a header shows: its characters, base style and styled spans."""
    return None if text is None else (text.plain, str(text.style), tuple(text.spans))
