"""The comparison version, kept level with the reading pane, and what the link between them is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from .article_view import ArticleView


class DiffPane(Vertical):
    """A header that names the link (kind, score, or no counterpart) over the comparison text."""

    def compose(self) -> ComposeResult:
        yield Static(id="link-info", markup=False)
        yield Static(id="link-notes", markup=False)
        yield ArticleView(id="compare-view")

    @property
    def view(self) -> ArticleView:
        return self.query_one("#compare-view", ArticleView)

    def set_info(self, info: Text) -> None:
        self.query_one("#link-info", Static).update(info)

    def set_notes(self, notes: Text | None) -> None:
        widget = self.query_one("#link-notes", Static)
        widget.update(notes or "")
        widget.display = bool(notes)
