"""The comparison version, kept level with the reading pane, and what the link between them is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.visual import visualize
from textual.widgets import Static

from .article_view import ArticleView


class DiffPane(Vertical):
    """The right pane: a header that names the link (kind, score, or no counterpart) over the
    comparison text. The screen mounts the all-versions view (and a progress bar) in it too;
    `show_comparison(False)` hides the header and text while the all-versions view shows."""

    def __init__(self, *, id: str | None = None, layouts=None) -> None:
        super().__init__(id=id)
        self._layouts = layouts
        self._info: tuple | None = None
        self._info_text: Text | None = None
        self._notes: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="link-info", markup=False)
        notes = Static(id="link-notes", markup=False)
        notes.display = False
        yield notes
        yield ArticleView(id="compare-view", layouts=self._layouts)

    def show_comparison(self, shown: bool) -> None:
        for widget in (self.query_one("#link-info"), self.query_one("#compare-view")):
            widget.display = shown
        self.query_one("#link-notes").display = shown and self._notes is not None

    @property
    def view(self) -> ArticleView:
        return self.query_one("#compare-view", ArticleView)

    # Each update of a header is a new layout of the pane (its height may change): only when the
    # text did change.
    def set_info(self, info: Text) -> None:
        if _key(info) == self._info:
            return
        self._info = _key(info)
        widget = self.query_one("#link-info", Static)
        # A new layout of the screen only when the header's height changes (it has room for two
        # lines from the start, the usual case).
        old_height = _height(widget, self._info_text) if self._info_text is not None else None
        new_height = _height(widget, info)
        self._info_text = info
        widget.update(info, layout=old_height is None or new_height != old_height)

    def set_notes(self, notes: Text | None) -> None:
        if _key(notes) != self._notes:
            self._notes = _key(notes)
            widget = self.query_one("#link-notes", Static)
            widget.update(notes or "")
            widget.display = bool(notes) and self.query_one("#compare-view").display


def _key(text: Text | None) -> tuple | None:
    """What a header shows: its characters, base style and styled spans."""
    return None if text is None else (text.plain, str(text.style), tuple(text.spans))


def _height(widget: Static, text: Text) -> int | None:
    """The height `widget` takes to show `text` (measured the way Textual lays it out), or None
    before the widget has a width."""
    width = widget.content_region.width
    if width <= 0:
        return None
    height = visualize(widget, text, markup=False).get_height(widget.styles, width)
    styles = widget.styles
    minimum = int(styles.min_height.value) if styles.min_height is not None and styles.min_height.is_cells else 0
    return max(minimum, height)
