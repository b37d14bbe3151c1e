"""Every key the reader answers to, generated from the bindings in force (remaps included)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) for each described binding active on `screen`, keys merged by action."""
    rows: dict[str, tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        label = screen.app.get_key_display(binding)
        keys, _ = rows.setdefault(binding.action, ([], binding.description))
        if label not in keys:
            keys.append(label)
    return [(" / ".join(keys), description) for keys, description in rows.values()]


def binding_ids(screen: Screen) -> dict[str, str]:
    """Description -> binding id, for the bindings a user can remap in config.toml."""
    return {
        active.binding.description: active.binding.id
        for active in screen.active_bindings.values()
        if active.binding.description and active.binding.id
    }


class HelpScreen(ModalScreen[None]):
    """A modal list of the bindings of the screen it was opened from."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="close_help"),
    ]

    def __init__(self, rows: list[tuple[str, str]], ids: dict[str, str] | None = None, legend: Text | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.ids = ids or {}
        self.legend = legend

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Keys", no_wrap=True)
        table.add_column("Does")
        table.add_column("Id (config.toml)", style="dim", no_wrap=True)
        for keys, description in self.rows:
            table.add_row(Text(keys, style="bold"), Text(description), Text(self.ids.get(description, "")))
        with VerticalScroll(id="help-box"):
            yield Static(Text("storydiff — keys", style="bold"), id="help-title")
            yield Static(table)
            if self.legend is not None:
                yield Static(Text("What the marks mean", style="bold"), id="help-legend-title")
                yield Static(self.legend, id="help-legend")
            yield Static(
                Text(
                    "Ctrl+P opens the command palette (themes, commands). "
                    "Keys can be remapped by id in the [keymap] table of config.toml; see the README.",
                    style="dim",
                )
            )

    def action_dismiss(self) -> None:
        self.dismiss(None)
