"""Every change between the version read and the version compared, grouped by severity and type,
each with both wordings; type to filter, enter to go to it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..core.changes import Change, Span
from ..core.model import Article
from ..core.sentence_changes import SentenceChanges, ordered_changes


@dataclass(frozen=True)
class ChangeRow:
    """One change as the list shows it: where it is, what it is, and both wordings."""

    sentence: int
    """The sentence of the version read to go to."""
    change: Change
    read: Text
    compared: Text

    @property
    def group(self) -> tuple[str, str]:
        return self.change.severity, self.change.type

    @property
    def search(self) -> str:
        """What a filter matches: type, severity, the note and both wordings."""
        c = self.change
        return " ".join((c.type, c.severity, c.note, self.read.plain, self.compared.plain)).lower()


CONTEXT = 60
"""Characters of the sentence kept either side of the changed words: rows stay a few lines
tall, so a screenful shows several changes even at 80x24."""


def _wording(article: Article, span: Span | None, sentences: tuple[int, ...], missing: str) -> Text:
    """The sentences a change is in, cut to CONTEXT around its changed words (in bold reverse);
    `missing` when there are none."""
    if not sentences:
        return Text(missing, style="italic")
    start, end = article.sentences[sentences[0]].start, article.sentences[sentences[-1]].end
    if span is not None and start <= span.start < end:
        first, last = max(start, span.start - CONTEXT), min(end, span.end + CONTEXT)
    else:
        span, first, last = None, start, min(end, start + 2 * CONTEXT)
    text = Text("…" if first > start else "")
    text.append(article.text[first:last].replace("\n", " "))
    if span is not None:
        offset = len(text) - (last - first) - first
        text.stylize("bold reverse", span.start + offset, min(span.end, last) + offset)
    if last < end:
        text.append("…")
    return text


def change_rows(changes: SentenceChanges) -> list[ChangeRow]:
    """Every change of the pair, most severe first, by type, then in text order."""
    alignment = changes.alignment
    rows = []
    for index, change in ordered_changes(changes):
        link = alignment.links[change.link] if change.link is not None else None
        a_sentences = link.a if link else ((index,) if change.a else ())
        b_sentences = link.b if link else tuple(s.index for s in alignment.b.sentences if change.b and s.start <= change.b.start < s.end)
        rows.append(ChangeRow(
            index,
            change,
            _wording(alignment.a, change.a, a_sentences, "(not in the version read)"),
            _wording(alignment.b, change.b, b_sentences, "(not in the version compared)"),
        ))
    return rows


def matches(row: ChangeRow, query: str) -> bool:
    """Every word of the query is in the row's type, severity, note or wordings."""
    haystack = row.search
    return all(word in haystack for word in query.lower().split())


class ChangeListScreen(ModalScreen[int | None]):
    """Type to filter (a type such as "quote", a severity, or any words); up/down and enter to
    go to the change's sentence; escape to close. Returns the sentence of the version read."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_changes"),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
    ]

    def __init__(self, title: str, rows: list[ChangeRow]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.shown: list[ChangeRow] = []
        self._option_rows: list[int | None] = []  # option -> index into `shown`; None for a heading

    def compose(self) -> ComposeResult:
        with Vertical(id="changes-box"):
            yield Label(self.title_text, id="changes-title", markup=False)
            yield Input(placeholder="filter: a type (name, number, quote…), high/medium/low, or words", id="changes-filter")
            yield OptionList(id="changes-list", markup=False)
            yield Label("enter: go to it · esc: close", id="changes-hint")

    def on_mount(self) -> None:
        self._refilter("")
        self.query_one("#changes-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refilter(event.value)

    def _refilter(self, query: str) -> None:
        options = self.query_one("#changes-list", OptionList)
        options.clear_options()
        self.shown = [row for row in self.rows if matches(row, query)]
        self._option_rows = []
        if not self.shown:
            empty = "No changes that matter between these versions." if not self.rows else "Nothing matches the filter."
            options.add_option(Option(Text(empty, style="italic"), disabled=True))
            self._option_rows.append(None)
            return
        added: list[Option] = []
        group = None
        for k, row in enumerate(self.shown):
            if row.group != group:
                group = row.group
                count = sum(r.group == group for r in self.shown)
                added.append(Option(Text(f"{row.change.severity.upper()} · {row.change.type} ({count})", style="bold"), disabled=True))
                self._option_rows.append(None)
            added.append(Option(self._display(row)))
            self._option_rows.append(k)
        options.add_options(added)
        options.highlighted = self._option_rows.index(0)

    @staticmethod
    def _display(row: ChangeRow) -> Text:
        return Text.assemble(
            (f"{row.sentence + 1:>4}  ", "bold"), row.change.note, "\n      ▶ ", row.read, "\n      ◆ ", row.compared
        )

    def action_cursor(self, step: int) -> None:
        """Move to the next change up or down, over the group headings."""
        options = self.query_one("#changes-list", OptionList)
        current = options.highlighted if options.highlighted is not None else -1
        k = current + step
        while 0 <= k < len(self._option_rows):
            if self._option_rows[k] is not None:
                options.highlighted = k
                return
            k += step

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._choose(self.query_one("#changes-list", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, option: int | None) -> None:
        if option is None or not (0 <= option < len(self._option_rows)) or self._option_rows[option] is None:
            return
        self.dismiss(self.shown[self._option_rows[option]].sentence)

    def action_close(self) -> None:
        self.dismiss(None)
