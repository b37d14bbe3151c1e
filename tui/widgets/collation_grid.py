"""The collation table drawn as a grid: the base's words across the top, a row per version below,
every reading in the column of the base words it stands for.

A line-API view rather than a DataTable: a reading that replaces three base words spans their
three columns, which a table of cells cannot draw. The labels (version, kind, score) and the base
row stay in place while the readings scroll under them, left and right by column, up and down
by version, so the base is always in sight, even with fifty versions on 80x24.

Each line is drawn from the cells in sight only and kept (per row, cursor, scroll and width)
until another collation is shown or the look changes: the table is opened again and again, and
with 200 versions, drawing its lines anew took 6-7 ms of a 26-40 ms `t` press (bench_change_keys).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.color import Color
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.collation import ALIGNING, BOILERPLATE, LINKED, NONE, SAME, Cell, Collation, column_widths
from .contrast import readable
from .marks import GLYPHS

GAP = 1
"""Blank cells between two columns."""

HEADER_LINES = 2
"""The base row and the rule under it, drawn whatever the vertical scroll."""

KEPT_LINES = 1000
"""Drawn lines kept at most (a line is kept per row, cursor, horizontal scroll and width): a few
screens' worth of scrolling about, dropped all at once when full."""

STATE_TEXT = {NONE: ("∅", "(not in this version)"), ALIGNING: ("…", "aligning…"),
              BOILERPLATE: ("·", "boilerplate: site furniture, not compared")}
"""What a row without a reading says, and the glyph in its kind column."""


def _label(text: str, width: int) -> str:
    """`text` cut to `width` cells (with an ellipsis when cut) and padded to it."""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip(" ") + "…"  # a wide character cut is padded: not kept
    return set_cell_size(text, width)


def _label_width(width: int) -> int:
    """Cells for the labels in a view `width` cells wide: narrower on 80 columns."""
    return 36 if width >= 100 else 20


class CollationGrid(ScrollView, can_focus=True, inherit_bindings=False):
    """Every version's reading of the passage, in columns anchored on the base's words."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Next version", id="collation_down", show=False),
        Binding("up,k", "cursor(-1)", "Previous version", id="collation_up", show=False),
        Binding("pagedown", "page(1)", "Page down", id="collation_page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="collation_page_up", show=False),
        Binding("right,l", "column(1)", "Next words", id="collation_right", show=False),
        Binding("left,h", "column(-1)", "Previous words", id="collation_left", show=False),
        Binding("home", "edge(-1)", "First words", id="collation_home", show=False),
        Binding("end", "edge(1)", "Last words", id="collation_end", show=False),
        Binding("enter", "choose", "Compare with it", id="collation_choose", show=False),
    ]

    COMPONENT_CLASSES = {
        "collation-grid--base", "collation-grid--label", "collation-grid--cursor", "collation-grid--rule",
        "collation-grid--different", "collation-grid--added", "collation-grid--missing",
        "collation-grid--outside", "collation-grid--typed", "collation-grid--state",
        "collation-grid--verbatim", "collation-grid--edited", "collation-grid--paraphrase",
        "collation-grid--partial", "collation-grid--unmatched",
    }

    @dataclass
    class Chosen(Message):
        """The user chose a version's row (enter): compare with that version."""

        version: int

    cursor: var[int] = var(0, init=False)
    """The row (an index into the collation's rows) the cursor is on."""

    def __init__(self, collation: Collation, names: list[str], base_name: str,
                 typed: dict[int, list[tuple[int, int]]] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = names
        self.base_name = base_name
        self._styles: dict[tuple[str, bool], Style] = {}
        self._restyled = True  # styles applied since the last line was drawn
        self._drawn_look: tuple[object, ...] = ()
        self.collation = Collation((), ())
        self.typed: dict[int, list[tuple[int, int]]] = {}
        self.show(collation, typed or {})

    def show(self, collation: Collation, typed: dict[int, list[tuple[int, int]]], keep: bool = False) -> None:
        """Draw `collation`; `typed` gives each version's typed-change spans, marked strongest.
        `keep`: the same passage collated again (a version's alignment landed), so the cursor
        stays on its version's row and the view where it was; else the view goes to the top left.
        The very collation shown already (the same sentence asked for again, nothing landed since)
        keeps its column widths and drawn lines: only the cursor and the view move."""
        held = self.collation.rows[self.cursor].version if keep and self.collation.rows else None
        if collation is not self.collation or typed is not self.typed:
            self.collation = collation
            self.typed = typed
            self.widths = column_widths(collation, cell_len, GAP)
            self.starts = [start + GAP * c for c, start in enumerate(accumulate(self.widths, initial=0))][:-1]
            self.body_width = (self.starts[-1] + self.widths[-1]) if self.widths else 0
            self._labels: dict[tuple[int, bool, int], Strip] = {}
            self._lines: dict[tuple[int, bool, int, int], Strip] = {}
        rows = [row.version for row in collation.rows]
        cursor = rows.index(held) if held in rows else self.cursor
        self.set_reactive(CollationGrid.cursor, min(cursor, max(0, len(rows) - 1)))
        if self.is_mounted and not keep:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self._resize()
        self.refresh()

    # -- layout --------------------------------------------------------------------------------

    @property
    def label_width(self) -> int:
        """Cells for the labels: the version's name, its kind and score; narrower on 80 columns."""
        return _label_width(self.scrollable_content_region.width)

    def _resize(self) -> None:
        self.virtual_size = Size(self.label_width + self.body_width, len(self.collation.rows) + HEADER_LINES)

    def on_resize(self) -> None:
        self._resize()

    def notify_style_update(self) -> None:
        """Styles applied again: on a new theme, every mark's colour and so every line is drawn
        anew. Textual applies them again each time the kept table is shown, so the drawn lines
        are dropped only if the look changed (checked before the next line is drawn: the marks'
        styles are applied after this is called)."""
        super().notify_style_update()
        self._restyled = True

    def _look(self) -> tuple[object, ...]:
        """Every style the lines are drawn with, as they are now."""
        classes = sorted(self.COMPONENT_CLASSES)
        return (self.rich_style, *(self.get_component_rich_style(c) for c in classes),
                *(self.get_component_rich_style(c, partial=True) for c in classes),
                *(self.get_component_styles(c).color for c in classes))

    def _restyle(self) -> None:
        """Forget the styles and lines drawn if the look changed since they were drawn."""
        self._restyled = False
        look = self._look()
        if look != self._drawn_look:
            self._drawn_look = look
            self._styles.clear()
            self._labels.clear()
            self._lines.clear()

    def _style(self, cls: str, cursor: bool = False) -> Style:
        """Mark `cls`'s style, its colour made readable (4.5:1) on the row's background."""
        key = (cls, cursor)
        found = self._styles.get(key)
        if found is None:
            base = self.rich_style
            style = self.get_component_rich_style(f"collation-grid--{cls}", partial=True)
            background = self.get_component_rich_style("collation-grid--cursor").bgcolor if cursor else base.bgcolor
            color = style.color or base.color
            if color is not None and background is not None:
                translucent = self.get_component_styles(f"collation-grid--{cls}").color
                if 0 < translucent.a < 1:  # a dimmed colour, seen through on its background
                    color = (Color.from_rich_color(background) + translucent).rich_color
                fixed = readable(Color.from_rich_color(color), Color.from_rich_color(background))
                style += Style(color=fixed.rich_color)
            found = self._styles[key] = style
        return found

    def _plain(self) -> Style:
        """The grid's own style (its text colour on its background), looked up once per theme."""
        found = self._styles.get(("-plain", False))
        if found is None:
            found = self._styles["-plain", False] = self.rich_style
        return found

    def _row_style(self, cursor: bool) -> Style:
        """Words without a mark of their own: the theme's text colour, on the cursor's band if
        the row is the cursor's."""
        key = ("-row", cursor)
        found = self._styles.get(key)
        if found is None:
            found = self._plain() + self._style("label", cursor)
            if cursor:
                found += Style(bgcolor=self.get_component_rich_style("collation-grid--cursor").bgcolor)
            self._styles[key] = found
        return found

    # -- drawing -------------------------------------------------------------------------------

    def _cell_class(self, version: int, cell: Cell) -> str | None:
        if cell.reading == SAME:
            return None  # a typed change's span may run over words read the same: they stay plain
        spans = self.typed.get(version, ())
        if cell.text and any(s < cell.b_end and cell.b_start < e for s, e in spans):
            return "typed"
        return cell.reading

    def _body(self, row: int, cursor: bool, left: int, view: int, style: Style) -> Strip:
        """Row `row`'s readings (-1: the base's words) in the `view` cells from `left`: only the
        cells in sight are drawn (a paragraph's row runs to hundreds of columns). Marks are made
        readable on the cursor's background for the row it is on; `style` lies under them all."""
        segments: list[Segment] = []
        if row < 0:
            cells = self.collation.base_cells()
            version = -1
        else:
            entry = self.collation.rows[row]
            version = entry.version
            cells = entry.cells
            if entry.state != LINKED:
                text = STATE_TEXT[entry.state][1]
                segments.append(Segment(text, style + self._style("state", cursor)))
                return Strip(segments, cell_len(text)).crop_extend(left, left + view, style)
        right = left + view
        origin: int | None = None  # where the drawing starts: the first cell in sight, or the view's left edge
        x = left  # where the drawing ends so far
        for cell in cells:
            end = self.starts[cell.last] + self.widths[cell.last]
            if end <= left:
                continue
            start = self.starts[cell.first]
            if start >= right:
                break
            if origin is None:
                origin = x = min(start, left)
            if start > x:
                segments.append(Segment(" " * (start - x), style))
            cls = "base" if row < 0 else self._cell_class(version, cell)
            text = cell.text or "∅"  # a gap in this version (CollateX draws "-")
            segments.append(Segment(text, style + self._style(cls, cursor) if cls else style))
            x = start + cell_len(text)
            if end > x:
                segments.append(Segment(" " * (end - x), style))
                x = end
        if origin is None:
            return Strip.blank(view, style)
        return Strip(segments, x - origin).crop_extend(left - origin, right - origin, style)

    def _label_strip(self, row: int, cursor: bool, width: int, style: Style) -> Strip:
        """Row `row`'s labels (-1: the base's), `width` cells: drawn once, whatever the scroll."""
        found = self._labels.get((row, cursor, width))
        if found is None:
            found = self._labels[row, cursor, width] = Strip(self._label_segments(row, cursor, width, style))
        return found

    def _label_segments(self, row: int, cursor: bool, width: int, style: Style) -> list[Segment]:
        if row < 0:
            return [Segment(_label(f"▶ {self.base_name}", width - 2) + " │", style + self._style("base"))]
        entry = self.collation.rows[row]
        name = self.names[entry.version]
        if entry.state == LINKED:
            glyph, cls = GLYPHS[entry.kind]
            kind = entry.kind.value
            score = f"{entry.score:.2f}"
        else:
            glyph, cls, kind, score = STATE_TEXT[entry.state][0], "unmatched", entry.state, ""
        name_width = width - (20 if width >= 30 else 9)
        kind_part = f" {_label(kind, 10)}" if width >= 30 else ""
        return [
            Segment(_label(name, name_width) + " ", style + self._style("label", cursor)),
            Segment(glyph, style + self._style(cls, cursor)),
            Segment(f"{kind_part} {score:>4} │", style + self._style("label", cursor)),
        ]

    def render_line(self, y: int) -> Strip:
        if self._restyled:
            self._restyle()
        width = self.scrollable_content_region.width
        if y == 1:
            return Strip([Segment("─" * width, self._plain() + self._style("rule"))], width)
        row = -1 if y == 0 else round(self.scroll_y) + y - HEADER_LINES
        if row >= len(self.collation.rows):
            return Strip.blank(width, self._plain())
        cursor = row >= 0 and row == self.cursor
        left = round(self.scroll_x)
        key = (row, cursor, left, width)
        found = self._lines.get(key)
        if found is None:
            if len(self._lines) >= KEPT_LINES:
                self._lines.clear()
            label_width = _label_width(width)
            style = self._row_style(cursor)
            label = self._label_strip(row, cursor, label_width, style)
            body = self._body(row, cursor, left, max(0, width - label_width), style)
            found = self._lines[key] = Strip.join([label, body]).crop_extend(0, width, self._plain())
        return found

    # -- keys ----------------------------------------------------------------------------------

    @property
    def _rows_in_view(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_LINES)

    def watch_cursor(self, cursor: int) -> None:
        top = round(self.scroll_y)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False, immediate=True)
        elif cursor >= top + self._rows_in_view:
            self.scroll_to(y=cursor - self._rows_in_view + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(len(self.collation.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_cursor(step * self._rows_in_view)

    def action_column(self, step: int) -> None:
        """Scroll the readings so the next (or previous) column starts at the left edge; a column
        wider than the view is crossed a view at a time."""
        x = round(self.scroll_x)
        view = max(1, self.scrollable_content_region.width - self.label_width)
        if step > 0:
            later = [s for s in self.starts if s > x]
            target = later[0] if later and later[0] - x <= view else x + max(1, view - 4)
        else:
            earlier = [s for s in self.starts if s < x]
            target = earlier[-1] if earlier and x - earlier[-1] <= view else x - max(1, view - 4)
        self.scroll_to(x=max(0, target), animate=False, immediate=True)

    def action_edge(self, step: int) -> None:
        self.scroll_to(x=0 if step < 0 else self.max_scroll_x, animate=False, immediate=True)

    def on_click(self, event: Click) -> None:
        """A click puts the cursor on a version's row; a double click compares with it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_LINES:
            return
        row = round(self.scroll_y) + offset.y - HEADER_LINES
        if 0 <= row < len(self.collation.rows):
            self.cursor = row
            if event.chain == 2:
                self.action_choose()

    def action_choose(self) -> None:
        if self.collation.rows:
            self.post_message(self.Chosen(self.collation.rows[self.cursor].version))
