"""The list of loaded versions: title, source, size, and what each does with the one read (the
share of it carried, the sentences omitted and added, the changes by severity and type).

One line-API widget draws every entry (an OptionList would build an option object, a visual and a
cache per entry, and restyle them all whenever a version's numbers arrive): each entry is wrapped
once per width and kept until it changes, so a version's numbers arriving re-wrap one entry, not
the list; the highlight is laid over the rows as each is drawn. With hundreds of versions the list
can be ordered and grouped (`core.versions`) and filtered by typing while it has the focus.
"""

from __future__ import annotations

from dataclasses import replace

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ..core.changes import SEVERITIES
from ..core.model import Article
from ..core.summary import VersionSummary
from ..core.versions import Order, VersionRow, filter_rows, grouped, sort_rows
from .article_entry import entry_figures, entry_head
from .fixed_scroll import FixedScrollView
from .wrapping import wrapped_segments


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
        # Each entry's wrapped lines at `_width`, kept until the entry changes.
        self._lines: dict[int, list[list[Segment]]] = {}
        # Each entry's head (mark, name, file) wrapped, by what it shows (emptied with `_lines`).
        self._heads: dict[tuple[int, bool, bool, str, int], list[list[Segment]]] = {}
        # What is listed, in order: group headings (str) and entries (int).
        self._shown: list[int | str] | None = None
        # The rows drawn, (entry or None for a heading, segments), and each entry's first row.
        self._rows: list[tuple[int | None, list[Segment]]] = []
        self._entry_row: dict[int, int] = {}
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
        first = self._first_row(changed)
        patched = self._rewrap(changed)
        if patched is None:
            self._redraw_from(first)
        for row, height in patched or ():
            self.refresh_lines(row, height)
        if moved:
            # The highlight follows the version read, wherever the reading came from.
            self.highlight(reading)

    def add_versions(self, articles: list[Article], names: list[str]) -> None:
        """Versions read after the list was first drawn: listed in the order and filter in force.
        Only the entries whose name changed (a title the new ones share) are wrapped again."""
        for k, name in enumerate(self.names):
            if k >= len(names) or names[k] != name:
                self._lines.pop(k, None)
        self.articles, self.names = articles, names
        self._set_view()

    def entry(self, k: int) -> Text:
        """Entry `k` as drawn: mark and name; site, date and file name; size and share of the
        version read it carries; what it omits and adds, and its changes (high ones counted,
        then by type)."""
        return Text("\n").join((self._head(k), self._figures(k)))

    def _head(self, k: int) -> Text:
        mark = "reading" if k == self.reading else "comparing" if k == self.comparing else ""
        return entry_head(self.articles[k], self.names[k], mark)

    def _figures(self, k: int) -> Text:
        return entry_figures(self.articles[k], None if k == self.reading else self.summaries.get(k), k == self.reading)

    def _wrapped(self, k: int, width: int) -> list[list[Segment]]:
        """Entry `k`'s lines at `width`: its head's wrapping kept (a name wraps to several lines),
        its figures' wrapped afresh. Reading another version changes every entry's numbers: each
        `s` wrapped all 200 names again (about 25 ms a key, issue 13). Lines split at the newline
        between the two, so this is what wrapping the whole entry gives."""
        key = (k, k == self.reading, k == self.comparing, self.names[k], width)
        head = self._heads.get(key)
        if head is None:
            head = self._heads[key] = wrapped_segments(self._head(k), width)
        return head + wrapped_segments(self._figures(k), width)

    @property
    def shown(self) -> list[int]:
        """The entries listed, in order (the filter and the order applied)."""
        return [item for item in self._listing() if isinstance(item, int)]

    def _listing(self) -> list[int | str]:
        if self._shown is None:
            rows = [self._row(k, a) for k, a in enumerate(self.articles)]
            rows = filter_rows(sort_rows(rows, self.order), self.query)
            listing: list[int | str] = []
            for title, members in grouped(rows, self.order):
                if title:
                    listing.append(title)
                listing.extend(row.index for row in members)
            self._shown = listing
            self._rows_valid = False
        return self._shown

    def _row(self, k: int, article: Article) -> VersionRow:
        """What ordering and filtering know of entry `k`: its numbers against the version read."""
        row = VersionRow(k, self.names[k], article.source if article.source != article.label else "", article.date,
                         label=article.label)
        if k == self.reading:
            return replace(row, carried=1.0, changes=(0, 0, 0), omitted=0.0)
        summary = self.summaries.get(k)
        if summary is None:
            return row
        omitted = len(summary.omitted) / summary.base_sentences if summary.base_sentences else 0.0
        return replace(row, carried=summary.sentence_share, omitted=omitted,
                       changes=tuple(summary.severity_count(s) for s in SEVERITIES))

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
        self.refresh()

    # -- layout ----------------------------------------------------------------------------------

    def _ensure_rows(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width, self._lines, self._heads, self._rows_valid = width, {}, {}, False
        listing = self._listing()
        if self._rows_valid:
            return
        self._rows, self._entry_row = [], {}
        if width > 0:
            for item in listing:
                if isinstance(item, str):
                    self._rows.append((None, wrapped_segments(Text(item, style="bold underline"), width)[0]))
                    continue
                lines = self._lines.get(item)
                if lines is None:
                    lines = self._lines[item] = self._wrapped(item, width)
                self._entry_row[item] = len(self._rows)
                self._rows.extend((item, line) for line in lines)
        self._rows_valid = True
        self.set_virtual_size(Size(width, len(self._rows)))

    def _rewrap(self, changed: set[int]) -> list[tuple[int, int]] | None:
        """Wrap the `changed` entries again, in place while each keeps its height (so `]` at 500
        versions rebuilds no row list): the (first row, height) to redraw, or None when the
        rows are to be laid out again."""
        patched = []
        for k in changed:
            old, row = self._lines.pop(k, None), self._entry_row.get(k)
            if self._rows_valid and self._shown is not None and old is not None and row is not None:
                lines = self._lines[k] = self._wrapped(k, self._width)
                if len(lines) == len(old):
                    self._rows[row : row + len(old)] = [(k, line) for line in lines]
                    patched.append((row, len(lines)))
                    continue
            self._rows_valid = self._rows_valid and row is None and self._shown is not None
        return patched if self._rows_valid else None

    def _first_row(self, entries: set[int]) -> int | None:
        """The first row of `entries` as laid out now, if the listing stays in its order (else
        None: every row may move)."""
        if not (self._rows_valid and self._shown is not None):
            return None
        return min((self._entry_row[k] for k in entries if k in self._entry_row), default=len(self._rows))

    def _redraw_from(self, first: int | None) -> None:
        """Entries changed height: the rows are laid out again, and only those from row `first`
        down are redrawn (rows above it stay where they were). While versions are aligned, each
        one's numbers make its entry taller, mostly below what the list shows: redrawing every
        row then cost each key about as much as all the rest of the list's drawing."""
        if first is None:
            self.refresh()
            return
        # Laid out without a redraw of the whole list (`set_virtual_size` would ask for one).
        self._laying_out = True
        try:
            self._ensure_rows()
        finally:
            self._laying_out = False
        bottom = round(self.scroll_y) + self.scrollable_content_region.height
        if first < bottom:
            self.refresh_lines(first, bottom - first)

    def fit(self) -> None:
        self._ensure_rows()

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_rows()

    def render_line(self, y: int) -> Strip:
        self._ensure_rows()
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        row = y + round(self.scroll_y)
        if not (0 <= row < len(self._rows)):
            return Strip.blank(width, base)
        k, segments = self._rows[row]
        style = base
        if k is not None and k == self.highlighted:
            style = base + self.get_component_rich_style("article-list--highlighted")
        elif k is not None and k == self._hover:
            style = base + self.get_component_rich_style("article-list--hover")
        return Strip(Segment.apply_style(segments, style), width)

    def _entry_region(self, k: int) -> Region:
        self._ensure_rows()
        if k not in self._entry_row:
            return Region(0, 0, 0, 0)
        height = len(self._lines.get(k, ())) or 1
        return Region(0, self._entry_row[k], self.scrollable_content_region.width, height)

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
        row = offset.y + round(self.scroll_y)
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

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

