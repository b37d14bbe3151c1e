"""A virtual list of rows under headings: thousands of rows lay out at once.

Across 200 versions the change list holds thousands of changes and a search thousands of
matches. An OptionList works out the height of every option (wrapping its text) before it can
draw one: 6,000 three-line options took 5.7 s to appear. Here every row is exactly `row_lines`
lines (its text cut to the width by whoever draws it) and every heading one, so the layout is a
sum, and only the rows on screen are ever drawn (each once per width, kept until the width
changes).

The widget draws what it is given: a listing of headings (str) and row keys (int), and a
function that turns a row key into its lines at a width. It reports the row chosen as a message.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from .fixed_scroll import ROW_KEYS, FixedScrollView

DrawRow = Callable[[int, int], list[Text]]
"""(row key, width) -> the row's `row_lines` lines, each fitting the width."""


class RowList(FixedScrollView, can_focus=True):
    """Headings and rows, one row highlighted; up/down move over the rows, enter or a click
    chooses one. The keys also work from a filter box (its screen binds them to the actions)."""

    BINDINGS = [
        *ROW_KEYS,
        Binding("enter", "choose", "Choose this row", show=False, id="row_choose"),
    ]

    COMPONENT_CLASSES = {"row-list--highlighted", "row-list--heading", "row-list--empty"}

    DEFAULT_CSS = """
    RowList {
        overflow-x: hidden;
        padding: 0 1;
        & > .row-list--highlighted {
            background: $block-cursor-blurred-background;
        }
        & > .row-list--heading {
            text-style: bold;
        }
        & > .row-list--empty {
            text-style: italic;
            color: $text-muted;
        }
    }
    """

    @dataclass
    class Chosen(Message):
        """The user chose the row with this key."""

        key: int

    def __init__(self, draw_row: DrawRow, *, row_lines: int = 1, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draw_row = draw_row
        self.row_lines = row_lines
        """Lines of every row (a heading is one)."""
        self.listing: list[str | int] = []
        """Headings (str) and row keys (int), in the order drawn."""
        self.empty = ""
        """What is drawn when the listing is empty."""
        self.highlighted: int | None = None
        """The position in `listing` of the highlighted row (never a heading), or None."""
        self._starts: list[int] = []  # each listed item's first line
        self._drawn: dict[int, list[list[Segment]]] = {}  # row key -> its lines at `_width`
        self._width = 0

    # -- state -----------------------------------------------------------------------------------

    def show(self, listing: list[str | int], empty: str, highlight_key: int | None = None, redraw: bool = False) -> None:
        """List `listing`; the row `highlight_key` stays highlighted if it is listed, else the
        first row is. `redraw`: the rows' lines changed (not their keys), draw them again."""
        self.listing, self.empty = listing, empty
        if redraw:
            self._drawn = {}
        self._starts, line = [], 0
        for item in listing:
            self._starts.append(line)
            line += 1 if isinstance(item, str) else self.row_lines
        rows = [k for k, item in enumerate(listing) if isinstance(item, int)]
        keep = [k for k in rows if listing[k] == highlight_key] if highlight_key is not None else []
        self.highlighted = keep[0] if keep else (rows[0] if rows else None)
        self.set_virtual_size(Size(self._width, max(line, 1)))
        self.refresh()
        if self.highlighted is not None and self.is_mounted:
            self._bring_into_view(self.highlighted)

    @property
    def highlighted_key(self) -> int | None:
        return self.listing[self.highlighted] if self.highlighted is not None else None

    # -- layout and drawing ----------------------------------------------------------------------

    def fit(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width, self._drawn = width, {}
        self.set_virtual_size(Size(width, self._line_count()))

    def _line_count(self) -> int:
        if not self.listing:
            return 1
        return self._starts[-1] + (1 if isinstance(self.listing[-1], str) else self.row_lines)

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width, self._drawn = width, {}
        base = self._base_style or self.rich_style
        line = y + round(self.scroll_y)
        if not self.listing:
            if line == 0 and self.empty:
                style = base + self.get_component_rich_style("row-list--empty")
                return Strip([Segment(self.empty, style)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        position = bisect.bisect_right(self._starts, line) - 1
        if not (0 <= position < len(self.listing)):
            return Strip.blank(width, base)
        item = self.listing[position]
        if isinstance(item, str):
            if line != self._starts[position]:
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("row-list--heading")
            return Strip(Segment.apply_style(_segments(Text(item), width), style)).adjust_cell_length(width, base)
        offset = line - self._starts[position]
        lines = self._drawn.get(item)
        if lines is None:
            lines = self._drawn[item] = [_segments(text, width) for text in self.draw_row(item, width)]
        style = base
        if position == self.highlighted:
            style = base + self.get_component_rich_style("row-list--highlighted")
        segments = lines[offset] if offset < len(lines) else []
        return Strip(Segment.apply_style(segments, style)).adjust_cell_length(width, style)

    # -- keys and mouse --------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        """Move to the next row up or down, over the headings."""
        if self.highlighted is None:
            return
        k = self.highlighted + step
        while 0 <= k < len(self.listing):
            if isinstance(self.listing[k], int):
                self._highlight(k)
                return
            k += step

    def action_page(self, step: int) -> None:
        """About a screenful of rows up or down."""
        for _ in range(max(1, self.scrollable_content_region.height // (self.row_lines + 1))):
            self.action_cursor(step)

    def action_edge(self, step: int) -> None:
        """The last row (step 1) or the first (-1)."""
        if self.highlighted is None:
            return
        k = len(self.listing) - 1 if step > 0 else 0
        while 0 <= k < len(self.listing) and not isinstance(self.listing[k], int):
            k -= step
        if 0 <= k < len(self.listing):
            self._highlight(k)

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.listing[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.listing:
            return
        position = bisect.bisect_right(self._starts, offset.y + round(self.scroll_y)) - 1
        if 0 <= position < len(self.listing) and isinstance(self.listing[position], int):
            self._highlight(position)
            self.action_choose()

    def _highlight(self, position: int) -> None:
        self.highlighted = position
        self.refresh()
        self._bring_into_view(position)

    def _bring_into_view(self, position: int) -> None:
        """Scroll the row at `position` into view, with its heading when it is the first."""
        top = self._starts[position - 1] if position > 0 and isinstance(self.listing[position - 1], str) else self._starts[position]
        region = Region(0, top, max(1, self._width), self._starts[position] + self.row_lines - top)
        self.scroll_to_region(region, animate=False, immediate=True, force=True)


def _segments(text: Text, width: int) -> list[Segment]:
    """One line of `text` (no newlines in it), cut to `width` cells with an ellipsis."""
    line = text.copy()
    line.truncate(width, overflow="ellipsis")
    return list(line.render(_CONSOLE, end=""))


# Only parses the rows' style names into styles: nothing is printed through it.
_CONSOLE = Console(width=10_000, color_system=None, markup=False, emoji=False, highlight=False)
