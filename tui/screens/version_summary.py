"""What each version does with the one read: the share of it that it carries, what it omits and
adds, its changes by severity and type, in a table sorted by any of them; enter compares with
the version chosen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ..core.changes import SEVERITIES, TYPES
from ..core.summary import VersionSummary

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
    """Every other version against the one read; `s` sorts by the next column (most first),
    enter compares with the version highlighted, escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_summary"),
        Binding("s", "sort_next", "Sort by the next column", id="sort_summary"),
    ]

    def __init__(self, title: str, rows: list[tuple[int, str, VersionSummary | None]]) -> None:
        """`rows`: (version index, its name, its summary or None while it is being aligned)."""
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.sort_column = 1

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Label(self.title_text, id="summary-title", markup=False)
            table: DataTable = DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield Label("", id="summary-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#summary-table", DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name)
        self._fill()
        table.focus()

    def _fill(self) -> None:
        """The rows, most first in the sort column (versions still aligning last, in list order)."""
        table = self.query_one("#summary-table", DataTable)
        table.clear()

        def most_first(row: tuple[int, str, VersionSummary | None]) -> tuple:
            index, _, summary = row
            value = summary_cells(summary)[self.sort_column - 1] if summary is not None else 0
            return (summary is None, -value, index)

        for index, name, summary in sorted(self.rows, key=most_first):
            if summary is None:
                cells: tuple = ("aligning…",) + ("",) * (len(COLUMNS) - 2)
            else:
                values = summary_cells(summary)
                cells = (f"{values[0]}%", f"{values[1]}%", *values[2:])
            shown = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
            table.add_row(Text(shown), *cells, key=str(index))
        self.query_one("#summary-hint", Label).update(
            f"by {COLUMNS[self.sort_column]}, most first · s: next column · enter: compare · esc: close"
        )

    def action_sort_next(self) -> None:
        self.sort_column = self.sort_column % (len(COLUMNS) - 1) + 1
        self._fill()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        if event.column_index > 0:
            self.sort_column = event.column_index
            self._fill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)
