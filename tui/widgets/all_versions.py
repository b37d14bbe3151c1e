"""The current sentence's counterpart in every other version, stacked."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static


class AllVersionsPane(Static, can_focus=True):
    """Built from a list of (header, body) texts by the screen; scrolls when tall."""

    def show_entries(self, entries: list[tuple[Text, Text | None]]) -> None:
        parts: list[Text] = []
        for header, body in entries:
            parts.append(header)
            parts.append(body if body is not None else Text("  (not in this version)", style="italic dim"))
            parts.append(Text(""))
        self.update(Group(*parts))
