"""What each version does with the one read: the share of it that it carries, what it omits and
adds, its changes by severity and type, in a table sorted by any of them; enter compares with
the version chosen.

The table is a `VirtualTable`: with 200 versions, Textual's DataTable measured and drew all
200 x 21 cells before its first frame (75-220 ms); this one draws the rows on screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..core.changes import SEVERITIES, TYPES
from ..core.summary import VersionSummary
from ..widgets.virtual_table import VirtualTable
from .change_list import LANDING_DELAY

NAME_WIDTH = 28
"""Cells of a version's name in the table: the figures must show at 80 columns."""

COLUMNS: tuple[str, ...] = ("Version", "Sentences", "Words", "Omits", "Adds", *SEVERITIES, *TYPES)
"""The table's columns: the name, the shares carried, omissions, additions, severities, types."""


def summary_cells(summary: VersionSummary) -> tuple:
    """The sortable values of one version's row (after its name), in COLUMNS order."""
    by_type = [sum(summary.by_type.get(t, {}).values()) for t in TYPES]
    return (
        round(summary.sentence_share * 100),
        round(summary.word_share * 100),
        len(summary.omitted),
        len(summary.added),
        *(summary.severity_count(s) for s in SEVERITIES),
        *by_type,
    )


class VersionSummaryScreen(ModalScreen[int | None]):
    """Every other version against the one read; `s` / `S` sort by the next / previous column
    (the sorted column's header carries an arrow), `r` reverses the order, a click on a header
    sorts by it; enter compares with the version highlighted, escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_summary"),
        Binding("s", "sort_next(1)", "Sort by the next column", id="sort_summary"),
        Binding("S", "sort_next(-1)", "Sort by the previous column", id="sort_summary_previous"),
        Binding("r", "reverse", "Reverse the order", id="reverse_summary"),
    ]

    def __init__(self, title: str, rows: list[tuple[int, str, VersionSummary | None]], reading: int = 0) -> None:
        """`rows`: (version index, its name, its summary or None while it is being aligned);
        `reading`: the version they are against."""
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.reading = reading
        self._landed: dict[int, VersionSummary] = {}  # numbers arrived since the table was filled
        self._timer = None
        self.sort_column = 1
        """The column sorted by: 0 the name (A to Z), else a figure (most first)."""
        self.reverse = False
        """Whether the order is turned round (Z to A, least first)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Label(self.title_text, id="summary-title", markup=False)
            yield VirtualTable(id="summary-table")
            yield Label("", id="summary-hint", markup=False)

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#summary-table", VirtualTable).focus()

    def reopen(self) -> bool:
        """Whether the table, kept since it closed, can open again as a new one would: in its
        first order with no landing waiting; then its first row is highlighted."""
        if self._landed or self._timer is not None or (self.sort_column, self.reverse) != (1, False):
            return False
        self.query_one("#summary-table", VirtualTable).home()
        return True

    @property
    def order_name(self) -> str:
        """The order in words: "by Adds, most first"."""
        if self.sort_column == 0:
            return f"by {COLUMNS[0]}, {'Z to A' if self.reverse else 'A to Z'}"
        return f"by {COLUMNS[self.sort_column]}, {'least' if self.reverse else 'most'} first"

    def _fill(self) -> None:
        """The rows in the order chosen (versions still aligning last, in list order); the
        sorted column's header marked with the order's arrow; the version highlighted stays so."""
        table = self.query_one("#summary-table", VirtualTable)
        # ▼: the first row has the most (or is first A to Z); ▲: turned round.
        arrow = " ▲" if self.reverse else " ▼"
        labels = [name + arrow if k == self.sort_column else name for k, name in enumerate(COLUMNS)]
        figures = {index: summary_cells(summary) for index, _, summary in self.rows if summary is not None}

        def in_order(row: tuple[int, str, VersionSummary | None]) -> tuple:
            index, name, summary = row
            if self.sort_column == 0:
                return (False, name.casefold(), index)
            value = figures[index][self.sort_column - 1] if summary is not None else 0
            return (summary is None, -value if not self.reverse else value, index)

        ordered = sorted(self.rows, key=in_order)
        if self.sort_column == 0 and self.reverse:
            ordered.reverse()
        rows = []
        for index, name, summary in ordered:
            if summary is None:
                cells: tuple = ("aligning…",) + ("",) * (len(COLUMNS) - 2)
            else:
                values = figures[index]
                cells = (f"{values[0]}%", f"{values[1]}%", *(str(v) for v in values[2:]))
            shown = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
            rows.append((index, (shown, *cells)))
        table.show(labels, rows, table.cursor_key, right=[False, *([True] * (len(COLUMNS) - 1))])
        self.query_one("#summary-hint", Label).update(
            f"{self.order_name} · s/S sort · r reverse · enter compare · esc close"
        )

    def version_landed(self, version: int, summary: VersionSummary) -> None:
        """A version still aligning when the table opened has its numbers: its row is filled in
        and takes its place in the order (landings in a burst are taken together)."""
        self._landed[version] = summary
        if self._timer is None:
            self._timer = self.set_timer(LANDING_DELAY, self._take_landed)

    def _take_landed(self) -> None:
        self._timer = None
        landed, self._landed = self._landed, {}
        self.rows = [(k, name, landed.get(k, summary)) for k, name, summary in self.rows]
        self._fill()

    def action_sort_next(self, step: int) -> None:
        self.sort_column = (self.sort_column + step) % len(COLUMNS)
        self.reverse = False
        self._fill()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._fill()

    def on_virtual_table_header_selected(self, event: VirtualTable.HeaderSelected) -> None:
        """A click on the sorted column's header turns the order round; on another, sorts by it."""
        if event.column == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = event.column, False
        self._fill()

    def on_virtual_table_row_selected(self, event: VirtualTable.RowSelected) -> None:
        self.dismiss(event.key)

    def action_close(self) -> None:
        self.dismiss(None)
