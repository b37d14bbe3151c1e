"""`/`: search the words of every loaded version; the results, grouped by version, update as the
query is typed, and enter goes to one (then `>` and `<` step through the rest)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..core.search import Match, search
from ..core.story import Story

CONTEXT = 50
"""Characters of the sentence shown either side of a match."""


@dataclass(frozen=True)
class SearchResult:
    """What the search screen hands back: the query, every match, and the one chosen."""

    query: str
    matches: tuple[Match, ...]
    chosen: int


def match_line(story: Story, match: Match) -> Text:
    """The match in its sentence (cut to CONTEXT either side), the matched words in reverse."""
    article = story.articles[match.version]
    sentence = article.sentences[match.sentence]
    first, last = max(sentence.start, match.start - CONTEXT), min(sentence.end, match.end + CONTEXT)
    line = Text(f"{match.sentence + 1:>4}  ", style="bold")
    if first > sentence.start:
        line.append("…")
    line.append(article.text[first:match.start].replace("\n", " "))
    line.append(article.text[match.start : match.end].replace("\n", " "), style="bold reverse")
    line.append(article.text[match.end : last].replace("\n", " "))
    if last < sentence.end:
        line.append("…")
    return line


class SearchScreen(ModalScreen[SearchResult | None]):
    """Type to search (case, accents and a name's one-letter variants aside); up/down and enter
    to go to a match; escape to close."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_search"),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
    ]

    def __init__(self, story: Story, query: str = "") -> None:
        super().__init__()
        self.story = story
        self.query_text = query
        self.matches: list[Match] = []
        self._option_match: list[int | None] = []  # option -> index into `matches`; None: heading

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label("Search every version", id="search-title")
            yield Input(value=self.query_text, placeholder="words (Krause finds Kraus too)", id="search-query")
            yield OptionList(id="search-results", markup=False)
            yield Label("enter: go to it · > / <: next / previous match · esc: close", id="search-hint")

    def on_mount(self) -> None:
        self._run(self.query_text)
        self.query_one("#search-query", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._run(event.value)

    def _run(self, query: str) -> None:
        options = self.query_one("#search-results", OptionList)
        options.clear_options()
        self.matches = search(self.story.articles, query)
        self._option_match = []
        if not self.matches:
            options.add_option(Option(Text("Type words to search." if not query.strip() else "No match in any version.", style="italic"), disabled=True))
            self._option_match.append(None)
            return
        added: list[Option] = []
        version = None
        for k, match in enumerate(self.matches):
            if match.version != version:
                version = match.version
                count = sum(m.version == version for m in self.matches)
                added.append(Option(Text(f"{self.story.names[version]} ({count})", style="bold"), disabled=True))
                self._option_match.append(None)
            added.append(Option(match_line(self.story, match)))
            self._option_match.append(k)
        options.add_options(added)
        options.highlighted = self._option_match.index(0)

    def action_cursor(self, step: int) -> None:
        """Move to the next match up or down, over the version headings."""
        options = self.query_one("#search-results", OptionList)
        k = (options.highlighted if options.highlighted is not None else -1) + step
        while 0 <= k < len(self._option_match):
            if self._option_match[k] is not None:
                options.highlighted = k
                return
            k += step

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._choose(self.query_one("#search-results", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, option: int | None) -> None:
        if option is None or not (0 <= option < len(self._option_match)) or self._option_match[option] is None:
            return
        query = self.query_one("#search-query", Input).value
        self.dismiss(SearchResult(query, tuple(self.matches), self._option_match[option]))

    def action_close(self) -> None:
        self.dismiss(None)
