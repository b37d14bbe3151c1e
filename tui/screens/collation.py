"""The collation table (`t`): the current sentence in every version, one row each, against the
version read as base: each version's wording with the readings that differ from the base marked
(replaced, added; what it left out is shown struck in the base row's terms), its link kind and
score. Like the all-versions pane, but a table: it scrolls, sorts nothing away, and keeps one
row per version at 80x24 and with fifty versions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ..core.sentence_changes import FindingsCache
from ..core.story import Story, counterpart
from ..core.word_diff import change_spans

STYLES = {"replaced": "bold underline", "added": "bold underline", "removed": "strike", "typed": "bold reverse"}
"""How a differing reading is marked in a row (the theme's text colour, so it reads everywhere)."""


def collation_rows(story: Story, findings: FindingsCache, reading: int, current: int) -> list[tuple[int, str, str, Text]]:
    """(version, kind, score, wording) of the current sentence in every version, the base (the
    version read) first; a version still aligning or without a counterpart says so."""
    base = story.articles[reading]
    sentence = base.sentences[current]
    rows = [(reading, "base", "", Text(sentence.text))]
    for k in story.pairs_for(reading):
        found = findings.get(story.cached(reading, k))
        if found is None:
            rows.append((k, "aligning…", "", Text("")))
            continue
        cp = counterpart(found.alignment, current)
        if cp.link is None:
            rows.append((k, "∅ none", "", Text("(not in this version)", style="italic")))
            continue
        other = story.articles[k]
        start, end = other.sentences[cp.link.b[0]].start, other.sentences[cp.link.b[-1]].end
        wording = Text(other.text[start:end].replace("\n", " "))
        spans = change_spans(cp.link.ops, "b") + [
            (c.b.start, c.b.end, "typed") for c in found.by_sentence.get(current, ()) if c.b is not None
        ]
        for s, e, cls in spans:
            if start <= s < end:
                wording.stylize(STYLES[cls], s - start, min(e, end) - start)
        rows.append((k, cp.link.kind.value, f"{cp.link.score:.2f}", wording))
    return rows


class CollationScreen(ModalScreen[int | None]):
    """Every version's wording of one sentence; enter compares with the version highlighted,
    escape closes."""

    BINDINGS = [Binding("escape", "close", "Close", id="close_collation")]

    def __init__(self, title: str, rows: list[tuple[int, str, str, Text]], names: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(id="collation-box"):
            yield Label(self.title_text, id="collation-title", markup=False)
            yield DataTable(id="collation-table", cursor_type="row", zebra_stripes=True)
            yield Label("underline: differs · strike: left out · reverse: typed change",
                        id="collation-hint")

    def on_mount(self) -> None:
        table = self.query_one("#collation-table", DataTable)
        # What is left of the box (90% of the screen, 140 at most, less its border and padding)
        # after the other columns, their cell padding and the scrollbar: rows wrap, not clip.
        width = max(16, min(140, int(self.app.size.width * 0.9)) - 4 - (16 + 10 + 5) - 8 - 2)
        table.add_column("Version", key="version", width=16)
        table.add_column("Kind", key="kind", width=10)
        table.add_column("Score", key="score", width=5)
        table.add_column("Wording", key="wording", width=width)
        for k, kind, score, wording in self.rows:
            name = self.names[k]
            table.add_row(Text(name if len(name) <= 16 else name[:15] + "…"), kind, score, wording, key=str(k), height=None)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value))

    def action_close(self) -> None:
        self.dismiss(None)
