"""`/`: search the words of every loaded version; the results, grouped by version, update as the
query is typed, and enter goes to one (then `>` and `<` step through the rest).

The results are a virtual list (`RowList`): one line per match, cut around the match to the
width, so thousands of matches across 200 versions lay out as a sum and only those on screen are
drawn. Typing stays instant with hundreds of versions: a search starts only once typing pauses
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
from textual.widgets import Input, Label
from textual.worker import get_current_worker

from ..core.search import Match, search_by_version
from ..core.story import Story
from ..widgets.row_list import RowList

CONTEXT = 50
"""Characters of the sentence shown either side of a match, at most (fewer when the list is
narrower: the match itself always shows)."""

NUMBER_CELLS = 6
"""Cells of the sentence number before a match's line."""

DEBOUNCE = 0.15
"""Seconds after the last key typed before the search runs: a burst of typing runs one search
(the query a reader is still typing is not worth searching 200 versions for)."""


@dataclass(frozen=True)
class SearchResult:
    """What the search screen hands back: the query, every match, and the one chosen."""

    query: str
    matches: tuple[Match, ...]
    chosen: int


def match_line(story: Story, match: Match, context: int = CONTEXT, after: int | None = None) -> Text:
    """The match in its sentence (cut to `context` characters before it and `after`, by default
    as many, after it), the matched words in reverse; one line (line breaks drawn as spaces)."""
    article = story.articles[match.version]
    sentence = article.sentences[match.sentence]
    after = context if after is None else after
    first, last = max(sentence.start, match.start - context), min(sentence.end, match.end + after)
    line = Text.assemble((f"{match.sentence + 1:>4}  ", "bold"))  # the number bold, not the line
    if first > sentence.start:
        line.append("…")
    line.append(article.text[first:match.start].replace("\n", " "))
    line.append(article.text[match.start : match.end].replace("\n", " "), style="bold reverse")
    line.append(article.text[match.end : last].replace("\n", " "))
    if last < sentence.end:
        line.append("…")
    return line


def fitted_match_line(story: Story, match: Match, width: int) -> Text:
    """`match_line` with as much of the sentence as fits in `width` cells, the match always shown:
    the room either side is shared, and what one side does not need goes to the other (a match
    near the sentence's start shows the rest of the sentence, not half a line and an ellipsis).
    Counted in characters, so a line of wide characters may still be cut at the edge."""
    sentence = story.articles[match.version].sentences[match.sentence]
    before, after = match.start - sentence.start, sentence.end - match.end
    if NUMBER_CELLS + sentence.end - sentence.start <= width:
        return match_line(story, match, before, after)  # the whole sentence fits: no ellipsis
    room = max(0, width - NUMBER_CELLS - 2 - (match.end - match.start))  # less the number and two ellipses
    left = min(before, max(room // 2, room - after))
    return match_line(story, match, left, min(after, room - left))


def heading(name: str, count: int) -> str:
    """A version's heading: its count first, so that a long name cut at the edge keeps it."""
    return f"{count} {'match' if count == 1 else 'matches'} · {name}"


def result_listing(story: Story, query: str, matches: list[Match]) -> tuple[list[str | int], str]:
    """The results grouped by version: a heading per version (str) then the index in `matches`
    of each of its matches (int); and what the list says when there is none."""
    if not matches:
        return [], "Type words to search." if not query.strip() else "No match in any version."
    counts = Counter(m.version for m in matches)
    listing: list[str | int] = []
    version = None
    for k, match in enumerate(matches):
        if match.version != version:
            version = match.version
            listing.append(heading(story.names[version], counts[version]))
        listing.append(k)
    return listing, ""


@dataclass
class Searched(Message):
    """A search worker's results for `query` (run number `run`), ready to show."""

    run: int
    query: str
    matches: list[Match]
    listing: list[str | int]


class SearchScreen(ModalScreen[SearchResult | None]):
    """Type to search (case, accents and a name's one-letter variants aside); up/down,
    page up/down and enter to go to a match; escape to close."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_search"),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def __init__(self, story: Story, query: str = "") -> None:
        super().__init__()
        self.story = story
        self.query_text = query
        self.matches: list[Match] = []
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
            yield RowList(self._draw_match, id="search-results")
            yield Label("enter: go to it · > / <: next / previous match · esc: close", id="search-hint")

    def on_mount(self) -> None:
        # The last query, searched again once the screen is drawn: a search of 200 versions in
        # its worker would otherwise hold up the screen's first frame (the results follow it).
        self.call_after_refresh(self._start, self.query_text)
        self.query_one("#search-query", Input).focus()

    def reopen(self) -> bool:
        """The search, kept since it closed, opens again as a new one would: on the query it
        opened with, from its first match. If other words were typed since, the query is put
        back and searched again, as a new screen would search it: a search, not a new screen
        (composing and styling one is most of what opening `/` costs with 200 versions)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._choose_when_shown = False
        results = self.query_one("#search-results", RowList)
        if not self.pending and self._shown == self.query_text:
            results.show(results.listing, results.empty, 0)  # from the first match
            return True
        query = self.query_one("#search-query", Input)
        self._wanted = self.query_text  # before the value: its Changed message then asks nothing
        query.value = self.query_text
        query.cursor_position = len(self.query_text)
        self._shown, self.matches = None, []
        results.show([], "")  # as a new screen shows before its results are in
        self.call_after_refresh(self._start, self.query_text)  # as `on_mount` does
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
            self._show(query, [], result_listing(self.story, query, [])[0])
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
        listing, _ = result_listing(self.story, query, matches)
        if not worker.is_cancelled:
            self.post_message(Searched(run, query, matches, listing))

    def on_searched(self, message: Searched) -> None:
        if message.run == self._runs:  # else a newer search has started: this one is stale
            self._show(message.query, message.matches, message.listing)

    def _show(self, query: str, matches: list[Match], listing: list[str | int]) -> None:
        self._shown = query
        self.matches = matches
        empty = result_listing(self.story, query, [])[1] if not matches else ""
        results = self.query_one("#search-results", RowList)
        results.show(listing, empty, 0 if matches else None, redraw=True)  # row keys are new matches
        if self._choose_when_shown and not self.pending:
            self._choose_when_shown = False
            self._choose(results.highlighted_key)

    def _draw_match(self, key: int, width: int) -> list[Text]:
        return [fitted_match_line(self.story, self.matches[key], width)]

    def action_cursor(self, step: int) -> None:
        """Move to the next match up or down, over the version headings."""
        self.query_one("#search-results", RowList).action_cursor(step)

    def action_page(self, step: int) -> None:
        self.query_one("#search-results", RowList).action_page(step)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.pending:
            # The results shown are an older query's: go to the first of the query typed.
            self._choose_when_shown = True
            if self._timer is not None:
                self._timer.stop()
                self._typing_paused()
            return
        self._choose(self.query_one("#search-results", RowList).highlighted_key)

    def on_row_list_chosen(self, event: RowList.Chosen) -> None:
        if not self.pending:
            self._choose(event.key)

    def _choose(self, match: int | None) -> None:
        """Close on the match at index `match` of `matches` (None: there is none to go to)."""
        if match is None or not (0 <= match < len(self.matches)):
            return
        self.dismiss(SearchResult(self._shown or "", tuple(self.matches), match))

    def action_close(self) -> None:
        self.dismiss(None)
