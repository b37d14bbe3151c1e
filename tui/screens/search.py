"""`/`: search the words of every loaded version; the results, grouped by version, update as the
query is typed, and enter goes to one (then `>` and `<` step through the rest).

Typing stays instant with hundreds of versions: a search starts only once typing pauses
(`DEBOUNCE`), runs in a worker that stops between two versions when a newer one replaces it,
and its results are shown only if they are still those of the query typed, so a slow stale
search never overwrites a newer one. Enter before the results are in waits for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..core.search import Match, search_by_version
from ..core.story import Story

CONTEXT = 50
"""Characters of the sentence shown either side of a match."""

DEBOUNCE = 0.15
"""Seconds after the last key typed before the search runs: a burst of typing runs one search
(the query a reader is still typing is not worth searching 200 versions for)."""


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


def result_options(story: Story, query: str, matches: list[Match]) -> tuple[list[Option], list[int | None]]:
    """The results as options, grouped by version under a heading with its count, and for each
    option the index of its match in `matches` (None for a heading or the no-match line)."""
    if not matches:
        hint = "Type words to search." if not query.strip() else "No match in any version."
        return [Option(Text(hint, style="italic"), disabled=True)], [None]
    counts = Counter(m.version for m in matches)
    options: list[Option] = []
    option_match: list[int | None] = []
    version = None
    for k, match in enumerate(matches):
        if match.version != version:
            version = match.version
            options.append(Option(Text(f"{story.names[version]} ({counts[version]})", style="bold"), disabled=True))
            option_match.append(None)
        options.append(Option(match_line(story, match)))
        option_match.append(k)
    return options, option_match


@dataclass
class Searched(Message):
    """A search worker's results for `query` (run number `run`), ready to show."""

    run: int
    query: str
    matches: list[Match]
    options: list[Option]
    option_match: list[int | None]


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
        self._wanted = query  # the query typed
        self._shown: str | None = None  # the query whose results are shown
        self._runs = 0  # searches started; a result is shown only if it is the latest's
        self._timer = None  # the debounce timer, while typing
        self._choose_when_shown = False  # enter was pressed before the results were in

    @property
    def pending(self) -> bool:
        """Whether the results shown are not yet those of the query typed (waiting for typing
        to pause, or for the search)."""
        return self._shown != self._wanted

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Label("Search every version", id="search-title")
            yield Input(value=self.query_text, placeholder="words (Krause finds Kraus too)", id="search-query")
            yield OptionList(id="search-results", markup=False)
            yield Label("enter: go to it · > / <: next / previous match · esc: close", id="search-hint")

    def on_mount(self) -> None:
        self._start(self.query_text)  # the last query, searched again at once
        self.query_one("#search-query", Input).focus()

    def reopen(self) -> bool:
        """Whether the search, kept since it closed, can open again as a new one would: the
        results shown are those of the query it opened with; then its first match is highlighted."""
        if self.pending or self._timer is not None or self._shown != self.query_text:
            return False
        if self.matches:
            self.query_one("#search-results", OptionList).highlighted = self._option_match.index(0)
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value == self._wanted:
            return
        self._wanted = event.value
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if event.value == self._shown:  # typed back to what is shown: nothing to search
            self._runs += 1  # a search still running for another query is stale
            return
        self._timer = self.set_timer(DEBOUNCE, self._typing_paused)

    def _typing_paused(self) -> None:
        self._timer = None
        self._start(self._wanted)

    def _start(self, query: str) -> None:
        """Search for `query` in a worker; one still running for an older query is cancelled."""
        self._runs += 1
        if not query.strip():  # nothing to search: no worker needed
            self._show(query, [], *result_options(self.story, query, []))
            return
        self._search(self._runs, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, run: int, query: str) -> None:
        worker = get_current_worker()
        matches: list[Match] = []
        for found in search_by_version(self.story.articles, query):
            if worker.is_cancelled:
                return
            matches += found
        options, option_match = result_options(self.story, query, matches)
        if not worker.is_cancelled:
            self.post_message(Searched(run, query, matches, options, option_match))

    def on_searched(self, message: Searched) -> None:
        if message.run == self._runs:  # else a newer search has started: this one is stale
            self._show(message.query, message.matches, message.options, message.option_match)

    def _show(self, query: str, matches: list[Match], options: list[Option], option_match: list[int | None]) -> None:
        self._shown = query
        self.matches = matches
        self._option_match = option_match
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(options)
        if matches:
            results.highlighted = option_match.index(0)
        if self._choose_when_shown and not self.pending:
            self._choose_when_shown = False
            self._choose(results.highlighted)

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
        if self.pending:
            # The results shown are an older query's: go to the first of the query typed.
            self._choose_when_shown = True
            if self._timer is not None:
                self._timer.stop()
                self._typing_paused()
            return
        self._choose(self.query_one("#search-results", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.pending:
            self._choose(event.option_index)

    def _choose(self, option: int | None) -> None:
        if option is None or not (0 <= option < len(self._option_match)) or self._option_match[option] is None:
            return
        self.dismiss(SearchResult(self._shown or "", tuple(self.matches), self._option_match[option]))

    def action_close(self) -> None:
        self.dismiss(None)
