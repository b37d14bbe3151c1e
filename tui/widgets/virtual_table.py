"""A table of one-line rows drawn as a virtual table: hundreds of rows of many columns lay out at once.

Textual's DataTable measures and renders every cell of every row before its first frame: the
version summary of 200 versions (21 columns) took 75-220 ms to open, against ~5 ms for a key
that only repaints. Here every row is one line, so the layout is the row count; a column's
width is the longest of its label and cells (a sum of string lengths); and only the rows on
screen are drawn, each once until the rows or the widths change.

The header stays at the top while the rows scroll under it, and the first column (what a row
is) stays at the left while the others scroll sideways under it, so a figure is never far from
the row it belongs to at 80 columns. Cells are plain strings, drawn as text, never as markup.
The widget draws what it is given and reports intent: a header clicked, a row chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from .fixed_scroll import ROW_KEYS, FixedScrollView

PADDING = 1
"""Blank cells either side of every cell."""


class VirtualTable(FixedScrollView, can_focus=True):
    """Column labels over rows of cells, one row highlighted (the cursor); up/down/page/home/end
    move it, left/right scroll the columns after the first a column at a time, enter or a click
    on the highlighted row chooses it, a click on a label reports the column."""

    BINDINGS = [
        *ROW_KEYS,
        Binding("right", "columns(1)", "Scroll right a column", show=False, id="table_columns_right"),
        Binding("left", "columns(-1)", "Scroll left a column", show=False, id="table_columns_left"),
        Binding("enter", "choose", "Choose this row", show=False, id="row_choose"),
    ]

    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor", "virtual-table--even-row"}

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
        }
        & > .virtual-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    @dataclass
    class HeaderSelected(Message):
        """The user clicked the label of the column at this index."""

        column: int

    @dataclass
    class RowSelected(Message):
        """The user chose the row with this key."""

        key: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[str] = []
        self.rows: list[tuple[int, tuple[str, ...]]] = []
        """(key, cells) in the order shown."""
        self.cursor = 0
        """The index in `rows` of the highlighted row."""
        self._widths: list[int] = []  # each column's cells, padding included
        self._right: list[bool] = []  # whether a column's cells sit at its right edge
        self._lines: dict[int, str] = {}  # row index -> the row as one line, every column

    # -- state -----------------------------------------------------------------------------------

    def show(self, labels: list[str], rows: list[tuple[int, tuple[str, ...]]], highlight_key: int | None = None,
             right: list[bool] | None = None) -> None:
        """Show `rows` under `labels` (`right`: which columns sit at their right edge, figures
        usually); the row `highlight_key` stays highlighted if it is shown, else the first."""
        self.labels, self.rows = labels, rows
        self._right = right if right is not None else [False] * len(labels)
        self._widths = [max([cell_len(label), *(cell_len(cells[k]) for _, cells in rows)]) + 2 * PADDING
                        for k, label in enumerate(labels)]
        self._lines = {}
        keys = [key for key, _ in rows]
        self.cursor = keys.index(highlight_key) if highlight_key in keys else 0
        self.set_virtual_size(Size(sum(self._widths), len(rows) + 1))
        self.refresh()
        if self.is_mounted:
            self._bring_into_view()

    @property
    def cursor_key(self) -> int | None:
        """The key of the highlighted row, or None when there are no rows."""
        return self.rows[self.cursor][0] if self.rows else None

    def row_cells(self, key: int) -> tuple[str, ...]:
        """The cells of the row with `key`."""
        return next(cells for k, cells in self.rows if k == key)

    def home(self) -> None:
        """The first row highlighted, scrolled to the top left."""
        self.cursor = 0
        self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        self.refresh()

    # -- layout and drawing ----------------------------------------------------------------------

    def fit(self) -> None:
        self.set_virtual_size(Size(sum(self._widths), len(self.rows) + 1))

    def on_resize(self, event: events.Resize) -> None:
        self.fit()
        self._bring_into_view()

    def _line(self, cells: tuple[str, ...]) -> str:
        """Every cell padded to its column's width, as one line."""
        parts = []
        for cell, width, right in zip(cells, self._widths, self._right):
            inner = width - 2 * PADDING
            text = " " * (inner - cell_len(cell)) + cell if right and cell_len(cell) < inner else set_cell_size(cell, inner)
            parts.append(" " * PADDING + text + " " * PADDING)
        return "".join(parts)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        if y == 0:
            line = self._line(tuple(self.labels))
            style = base + self.get_component_rich_style("virtual-table--header")
        else:
            index = y - 1 + round(self.scroll_y)
            if not (0 <= index < len(self.rows)):
                return Strip.blank(width, base)
            line = self._lines.get(index)
            if line is None:
                line = self._lines[index] = self._line(self.rows[index][1])
            style = base
            if index == self.cursor:
                style = base + self.get_component_rich_style("virtual-table--cursor")
            elif index % 2:
                style = base + self.get_component_rich_style("virtual-table--even-row")
        return self._scrolled(line, width, style)

    def _scrolled(self, line: str, width: int, style: Style) -> Strip:
        """The first column where it is, the others scrolled sideways by `scroll_x`."""
        strip = Strip([Segment(line, style)])
        fixed = min(self._widths[0], width) if self._widths else 0
        left = fixed + round(self.scroll_x)
        return Strip.join([strip.crop(0, fixed), strip.crop(left, left + width - fixed)]).adjust_cell_length(width, style)

    # -- keys and mouse --------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self.rows:
            self._move(max(0, min(len(self.rows) - 1, self.cursor + step)))

    def action_page(self, step: int) -> None:
        self.action_cursor(step * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, step: int) -> None:
        if self.rows:
            self._move(len(self.rows) - 1 if step > 0 else 0)

    def action_columns(self, step: int) -> None:
        """Scroll so that the next (or previous) column after the first starts at its edge."""
        starts, x = [], 0
        for width in self._widths[1:]:
            starts.append(x)
            x += width
        now = round(self.scroll_x)
        targets = [s for s in starts if s > now] if step > 0 else [s for s in starts if s < now]
        if targets:
            target = min(targets) if step > 0 else max(targets)
            self.scroll_to(x=min(target, self.max_scroll_x), animate=False, immediate=True)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self.rows[self.cursor][0]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x, fixed = offset.x, self._widths[0] if self._widths else 0
            if x >= fixed:
                x += round(self.scroll_x)
            for column, width in enumerate(self._widths):
                if x < width:
                    self.post_message(self.HeaderSelected(column))
                    return
                x -= width
            return
        index = offset.y - 1 + round(self.scroll_y)
        if 0 <= index < len(self.rows):
            if index == self.cursor:
                self.action_choose()
            else:
                self._move(index)

    def _move(self, index: int) -> None:
        self.cursor = index
        self.refresh()
        self._bring_into_view()

    def _bring_into_view(self) -> None:
        """Scroll so that the highlighted row shows under the header."""
        shown = max(1, self.scrollable_content_region.height - 1)  # rows under the header
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + shown:
            self.scroll_to(y=self.cursor - shown + 1, animate=False, immediate=True, force=True)
