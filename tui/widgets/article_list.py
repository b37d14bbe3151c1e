"""The list of loaded versions: title, source, size, and what each does with the one read (the
share of it carried, the sentences omitted and added, the changes by severity and type).

One line-API widget draws every entry (an OptionList would build an option object, a visual and a
cache per entry, and restyle them all whenever a version's numbers arrive). The rows are laid out
by each entry's height, counted from its plain text; only the entries on screen are wrapped into
styled lines, each kept until it changes: reading another version changes the numbers of all
200 entries, and ten are shown (issue 13). The highlight is laid over the rows as each is drawn.
With hundreds of versions the list can be ordered and grouped (`core.versions`) and filtered by
typing while it has the focus.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ..core.model import Article
from ..core.summary import VersionSummary
from ..core.versions import Order, filter_rows, grouped, sort_rows
from .article_entry import Runs, entry_figures, entry_head, entry_row, entry_text, plain
from .fixed_scroll import FixedScrollView
from .wrapping import line_count, wrapped_segments


BY_NUMBERS = frozenset({Order.CARRIED, Order.CHANGES, Order.OMITTED})
"""The orders that follow the numbers against the version read: re-sorted when those change."""


class ArticleList(FixedScrollView, can_focus=True):
    """Every version of the story; marks show which is read (▶) and which is compared (◆).

    Up/down (home/end, page up/down) move the highlight; enter or a click reads the version.
    """

    BINDINGS = [
        Binding("down", "cursor(1)", "Next version", show=False),
        Binding("up", "cursor(-1)", "Previous version", show=False),
        Binding("home", "cursor_to('first')", "First version", show=False),
        Binding("end", "cursor_to('last')", "Last version", show=False),
        Binding("pagedown", "cursor(3)", "Versions down", show=False),
        Binding("pageup", "cursor(-3)", "Versions up", show=False),
        Binding("enter", "choose", "Read this version", show=False),
        Binding("ctrl+o", "cycle_order", "Order versions", id="order_versions", show=False),
        Binding("backspace", "unfilter(1)", "Delete a filter character", id="filter_backspace", show=False),
        Binding("escape", "unfilter(0)", "Clear the filter", id="filter_clear", show=False),
    ]

    COMPONENT_CLASSES = {"article-list--highlighted", "article-list--hover"}

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        color: $foreground;
        padding: 0 1;
        overflow-x: hidden;
        & > .article-list--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .article-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .article-list--hover {
            background: $block-hover-background;
        }
    }
    """

    class Chosen(Message):
        """The user chose a version to read (enter or a click)."""

        def __init__(self, article_list: "ArticleList", index: int) -> None:
            super().__init__()
            self.article_list = article_list
            self.index = index

        @property
        def control(self) -> "ArticleList":
            return self.article_list

    def __init__(self, articles: list[Article], names: list[str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles = articles
        self.names = names if names is not None else [a.title or a.label for a in articles]
        self.reading = 0
        self.comparing = 1 if len(articles) > 1 else 0
        self.summaries: dict[int, VersionSummary] = {}
        """What each aligned version does with the version read (its numbers on its entry)."""
        self.highlighted = 0
        self.order = Order.LOADED
        self.query = ""
        """What was typed to filter the list: every word must be in the name, site or date."""
        self._hover: int | None = None
        self._width = 0
        # Each entry's height in rows at `_width`, kept until the entry changes (the layout).
        self._heights: dict[int, int] = {}
        # Each head's height (a name may wrap to several lines), by entry, name and mark.
        self._head_heights: dict[tuple[int, str, str], int] = {}
        # The entries drawn so far at `_width`, wrapped into styled lines, each kept until it changes.
        self._lines: dict[int, list[list[Segment]]] = {}
        # What is listed, in order: group headings (str) and entries (int); each entry's place there.
        self._shown: list[int | str] | None = None
        self._position: dict[int, int] = {}
        # Each listed item's first row, then the rows in all: valid while `_rows_valid`.
        self._starts: list[int] = [0]
        self._rows_valid = False

    # -- state -----------------------------------------------------------------------------------

    def show_state(self, reading: int, comparing: int, summaries: dict[int, VersionSummary]) -> None:
        """Redraw the marks and numbers of the entries that changed (a version whose alignment
        landed: one entry, not the list); the highlight moves to a new version read.
        `summaries`: what each aligned version does with the version read."""
        if (reading, comparing, summaries) == (self.reading, self.comparing, self.summaries):
            return
        changed = {k for k in summaries.keys() | self.summaries.keys() if summaries.get(k) is not self.summaries.get(k)}
        if (reading, comparing) != (self.reading, self.comparing):
            changed |= {self.reading, self.comparing, reading, comparing}
        moved = reading != self.reading
        if self.order in BY_NUMBERS and (changed or moved):
            self._shown = None
        self.reading, self.comparing, self.summaries = reading, comparing, dict(summaries)
        self._redraw(changed)
        if moved:
            # The highlight follows the version read, wherever the reading came from.
            self.highlight(reading)

    def add_versions(self, articles: list[Article], names: list[str]) -> None:
        """Versions read after the list was first drawn: listed in the order and filter in force.
        Only the entries whose name changed (a title the new ones share) are wrapped again."""
        for k, name in enumerate(self.names):
            if k >= len(names) or names[k] != name:
                self._lines.pop(k, None)
                self._heights.pop(k, None)
        self.articles, self.names = articles, names
        self._set_view()

    def entry(self, k: int) -> Text:
        """Entry `k` as drawn: mark and name; site, date and file name; size and share of the
        version read it carries; what it omits and adds, and its changes (high ones counted,
        then by type)."""
        return entry_text(self._head(k), self._figures(k))

    def _mark(self, k: int) -> str:
        return "reading" if k == self.reading else "comparing" if k == self.comparing else ""

    def _head(self, k: int) -> Runs:
        return entry_head(self.articles[k], self.names[k], self._mark(k))

    def _figures(self, k: int) -> Runs:
        return entry_figures(self.articles[k], None if k == self.reading else self.summaries.get(k), k == self.reading)

    def _height(self, k: int) -> int:
        """Entry `k`'s rows at `_width`, counted from its plain text (what `entry` wraps to):
        its head's lines, kept (a name goes through the word loop), and its figures' lines,
        counted afresh (they mostly fit a line: `wrap_offsets`' fast path)."""
        height = self._heights.get(k)
        if height is None:
            key = (k, self.names[k], self._mark(k))
            head = self._head_heights.get(key)
            if head is None:
                head = self._head_heights[key] = line_count(plain(self._head(k)), self._width)
            height = self._heights[k] = head + line_count(plain(self._figures(k)), self._width)
        return height

    def _drawn(self, k: int) -> list[list[Segment]]:
        """Entry `k`'s lines at `_width`, wrapped when it is first drawn and kept until it changes."""
        lines = self._lines.get(k)
        if lines is None:
            lines = self._lines[k] = wrapped_segments(self.entry(k), self._width)
        return lines

    @property
    def shown(self) -> list[int]:
        """The entries listed, in order (the filter and the order applied)."""
        return [item for item in self._listing() if isinstance(item, int)]

    def _listing(self) -> list[int | str]:
        if self._shown is None:
            rows = [entry_row(k, a, self.names[k], self.summaries.get(k), k == self.reading) for k, a in enumerate(self.articles)]
            rows = filter_rows(sort_rows(rows, self.order), self.query)
            listing: list[int | str] = []
            for title, members in grouped(rows, self.order):
                if title:
                    listing.append(title)
                listing.extend(row.index for row in members)
            self._shown = listing
            self._position = {item: p for p, item in enumerate(listing) if isinstance(item, int)}
            self._rows_valid = False
        return self._shown

    def _set_view(self, order: Order | None = None, query: str | None = None) -> None:
        self.order = order if order is not None else self.order
        self.query = query if query is not None else self.query
        self._shown = None
        self._rows_valid = False
        labels = ([f"by {self.order.value}"] if self.order is not Order.LOADED else [])
        if self.query:
            labels.append(f"“{self.query}” {len(self.shown)}/{len(self.articles)}")
        self.border_subtitle = " · ".join(labels)
        shown = self.shown
        if shown and self.highlighted not in shown:
            self.highlight(shown[0])
        self._ensure_rows()
        self.refresh()

    # -- layout ----------------------------------------------------------------------------------

    def _ensure_rows(self) -> None:
        """Lay the rows out: each listed item's first row, from the entries' heights (a heading
        is one row). Nothing is wrapped into lines here: `render_line` draws the entries shown."""
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width, self._heights, self._head_heights, self._lines = width, {}, {}, {}
            self._rows_valid = False
        listing = self._listing()
        if self._rows_valid:
            return
        heights = [1 if isinstance(item, str) else self._height(item) for item in listing] if width > 0 else [0] * len(listing)
        self._starts = list(accumulate(heights, initial=0))
        self._rows_valid = True
        self.set_virtual_size(Size(width, self._starts[-1]))
        if self._pass_region is None and self.scrollable_content_region.width != width:
            # A scrollbar came or went (the view's size did not change, so nothing fits it):
            # laid out again at the width left, and drawn whole, not cropped by the scrollbar.
            self._ensure_rows()
            self.refresh()

    def _at(self, row: int) -> tuple[int, int] | None:
        """(place in the listing, line of that item) drawn on `row`, or None past the rows."""
        if not (self._rows_valid and self._shown is not None and 0 <= row < self._starts[-1]):
            return None
        p = bisect_right(self._starts, row) - 1
        return p, row - self._starts[p]

    def _redraw(self, changed: set[int]) -> None:
        """The `changed` entries are wrapped again when next drawn; those on screen that keep
        their height are redrawn (`]` at 500 versions lays nothing out). When heights changed
        (versions aligned: "aligning…" grows to numbers, mostly below what is shown), the rows
        are laid out again, a sum, and only those on screen from the first that moved are
        redrawn. The row at the top stays there when entries above it change height."""
        for k in changed:
            self._lines.pop(k, None)
        before = {k: self._heights.pop(k, None) for k in changed}
        if not (self._rows_valid and self._shown is not None and self._width > 0):
            self._ensure_rows()
            self.refresh()
            return
        listed = [k for k in changed if k in self._position]
        grown = [k for k in listed if self._height(k) != before[k]]
        first = min((self._starts[self._position[k]] for k in grown), default=None)
        if first is not None:
            top = round(self.scroll_y)
            anchor = self._at(top) if first < top else None
            self._rows_valid = False
            # Laid out without a redraw of the whole list (`set_virtual_size` would ask for one).
            self._laying_out = True
            try:
                self._ensure_rows()
            finally:
                self._laying_out = False
            if anchor is not None and self._starts[anchor[0]] + anchor[1] != top:
                self.scroll_to(y=self._starts[anchor[0]] + anchor[1], animate=False, immediate=True, force=True)
                self.refresh()
                return
        top = round(self.scroll_y)  # only rows on screen: 200 refreshes (`s`) took about 2 ms
        bottom = top + self.scrollable_content_region.height
        if first is not None and first < bottom:
            self.refresh_lines(first, bottom - first)
        for k in listed:
            start, end = self._starts[self._position[k]], self._starts[self._position[k] + 1]
            if start < bottom and end > top:
                self.refresh_lines(start, end - start)

    def fit(self) -> None:
        self._ensure_rows()

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_rows()

    def render_line(self, y: int) -> Strip:
        self._ensure_rows()
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        at = self._at(y + round(self.scroll_y))
        if at is None:
            return Strip.blank(width, base)
        item = self._listing()[at[0]]
        if isinstance(item, str):
            k, segments = None, wrapped_segments(Text(item, style="bold underline"), width)[0]
        else:
            k, segments = item, self._drawn(item)[at[1]]
        style = base
        if k is not None and k == self.highlighted:
            style = base + self.get_component_rich_style("article-list--highlighted")
        elif k is not None and k == self._hover:
            style = base + self.get_component_rich_style("article-list--hover")
        return Strip(Segment.apply_style(segments, style), width)

    def _entry_region(self, k: int) -> Region:
        self._ensure_rows()
        p = self._position.get(k)
        if p is None:
            return Region(0, 0, 0, 0)
        top = self._starts[p]
        return Region(0, top, self.scrollable_content_region.width, max(1, self._starts[p + 1] - top))

    # -- keys and mouse --------------------------------------------------------------------------

    def highlight(self, k: int) -> None:
        k = max(0, min(len(self.articles) - 1, k))
        if k != self.highlighted:
            self.highlighted = k
            self.refresh()
        if self.is_mounted:
            self.scroll_to_region(self._entry_region(k), animate=False, immediate=True, force=True)

    def action_cursor(self, step: int) -> None:
        shown = self.shown
        if not shown:
            return
        at = shown.index(self.highlighted) if self.highlighted in shown else 0
        self.highlight(shown[max(0, min(len(shown) - 1, at + step))])

    def action_cursor_to(self, where: str) -> None:
        shown = self.shown
        if shown:
            self.highlight(shown[0] if where == "first" else shown[-1])

    def action_cycle_order(self) -> None:
        """Next order: as loaded, by share of the version read, by changes, by omissions, by
        site, by date."""
        self._set_view(order=self.order.next())

    def action_unfilter(self, one: int) -> None:
        """Backspace drops the last character typed; escape clears the filter."""
        if self.query:
            self._set_view(query=self.query[:-1] if one else "")

    def on_key(self, event: events.Key) -> None:
        """A printable character typed while the list has the focus narrows it (the list's own
        keys are not printable, so the reader's letter keys work again once it loses focus)."""
        if event.is_printable and event.character and not (event.character == " " and not self.query):
            event.stop()
            event.prevent_default()
            self._set_view(query=self.query + event.character)

    def action_choose(self) -> None:
        if self.highlighted in self.shown:
            self.post_message(self.Chosen(self, self.highlighted))

    def _entry_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        self._ensure_rows()
        at = self._at(offset.y + round(self.scroll_y))
        item = self._listing()[at[0]] if at is not None else None
        return item if isinstance(item, int) else None

    def on_click(self, event: events.Click) -> None:
        k = self._entry_at(event)
        if k is not None:
            self.highlight(k)
            self.post_message(self.Chosen(self, k))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        k = self._entry_at(event)
        if k != self._hover:
            self._hover = k
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

