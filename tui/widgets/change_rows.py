"""The change list's rows: a `RowList` whose every row is a change of `ROW_LINES` lines.

Across 200 versions the change list holds thousands of changes, so it is a virtual list (see
`row_list.py`): each change is where and what, then the wording read, then the wording compared,
each cut to the width around the changed words by the screen that draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .row_list import DrawRow, RowList

ROW_LINES = 3
"""Lines of one change: where and what, then the wording read, then the wording compared."""


class ChangeRowsView(RowList):
    """Severity and type headings, and the changes under them; up/down move over the changes,
    enter or a click chooses one."""

    @dataclass
    class Chosen(RowList.Chosen):
        """The user chose the change with this row key."""

    def __init__(self, draw_row: DrawRow, *, id: str | None = None) -> None:
        super().__init__(draw_row, row_lines=ROW_LINES, id=id)
