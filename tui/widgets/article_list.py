"""The list of loaded versions: title, source, size, and how much each shares with the one read.

One line-API widget draws every entry (an OptionList would build an option object, a visual and a
cache per entry, and restyle them all whenever a match count arrives): entries are wrapped once
per width and state, and the highlight is laid over them as each row is drawn.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from ..core.model import Article
from ..core.story import byline
from .fixed_scroll import FixedScrollView
from .wrapping import wrap_offsets


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
        self.matched: dict[int, tuple[int, int]] = {}
        self.highlighted = 0
        self._hover: int | None = None
        # Built per width and state: (entry, segments) for each row, and each entry's first row.
        self._rows: list[tuple[int, list[Segment]]] = []
        self._entry_row: list[int] = []
        self._rows_for: tuple | None = None

    # -- state -----------------------------------------------------------------------------------

    def show_state(self, reading: int, comparing: int, matched: dict[int, tuple[int, int]]) -> None:
        """Redraw the marks and match counts; the highlight moves to a new version read."""
        if (reading, comparing, matched) == (self.reading, self.comparing, self.matched):
            return
        moved = reading != self.reading
        self.reading, self.comparing, self.matched = reading, comparing, dict(matched)
        self._rows_for = None
        self.refresh()
        if moved:
            # The highlight follows the version read, wherever the reading came from.
            self.highlight(reading)

    def entry(self, k: int) -> Text:
        """Entry `k` as drawn: mark and name; site, date and file name; size and match count."""
        article = self.articles[k]
        if k == self.reading:
            mark = Text("▶ ", style="bold")
        elif k == self.comparing:
            mark = Text("◆ ", style="bold")
        else:
            mark = Text("  ")
        entry = Text.assemble(mark, Text(self.names[k], style="bold" if k == self.reading else ""))
        where = byline(article)
        entry.append(f"\n  {where + ' · ' if where else ''}{article.label}", style="dim")
        entry.append(f"\n  {article.word_count} words · ", style="dim")
        if k == self.reading:
            entry.append("reading", style="dim italic")
        elif k in self.matched:
            got, total = self.matched[k]
            entry.append(f"{got}/{total} {'sentence' if total == 1 else 'sentences'} matched", style="dim")
        else:
            entry.append("aligning…", style="dim italic")
        return entry

    # -- layout ----------------------------------------------------------------------------------

    def _ensure_rows(self) -> None:
        width = self.scrollable_content_region.width
        key = (width, self.reading, self.comparing, tuple(sorted(self.matched.items())))
        if key == self._rows_for:
            return
        self._rows_for = key
        self._rows, self._entry_row = [], []
        if width > 0:
            for k in range(len(self.articles)):
                self._entry_row.append(len(self._rows))
                self._rows.extend((k, line) for line in _wrapped_lines(self.entry(k), width))
        self.set_virtual_size(Size(width, len(self._rows)))

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
        if k == self.highlighted:
            style = base + self.get_component_rich_style("article-list--highlighted")
        elif k == self._hover:
            style = base + self.get_component_rich_style("article-list--hover")
        return Strip(Segment.apply_style(segments, style), width)

    def _entry_region(self, k: int) -> Region:
        self._ensure_rows()
        if not self._entry_row:
            return Region(0, 0, 0, 0)
        first = self._entry_row[k]
        last = self._entry_row[k + 1] if k + 1 < len(self._entry_row) else len(self._rows)
        return Region(0, first, self.scrollable_content_region.width, last - first)

    # -- keys and mouse --------------------------------------------------------------------------

    def highlight(self, k: int) -> None:
        k = max(0, min(len(self.articles) - 1, k))
        if k != self.highlighted:
            self.highlighted = k
            self.refresh()
        if self.is_mounted:
            self.scroll_to_region(self._entry_region(k), animate=False, immediate=True, force=True)

    def action_cursor(self, step: int) -> None:
        self.highlight(self.highlighted + step)

    def action_cursor_to(self, where: str) -> None:
        self.highlight(0 if where == "first" else len(self.articles) - 1)

    def action_choose(self) -> None:
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


def _wrapped_lines(text: Text, width: int) -> list[list[Segment]]:
    """`text`'s lines word-wrapped to `width` cells, as segments padded to the width.

    What Rich's own rendering of the entry gives (an entry is a few short styled runs), without
    its general machinery: the list is drawn on the first screen and again as counts arrive.
    """
    plain = text.plain
    spans = [(span.start, span.end, Style.parse(span.style) if isinstance(span.style, str) else span.style) for span in text.spans]
    lines: list[list[Segment]] = []
    start = 0
    for line in plain.split("\n"):
        for s, e in wrap_offsets(line, width):
            a, b = start + s, start + e
            # The spaces where a line breaks stay with it, unless they would overflow it.
            while b > a and plain[b - 1] == " " and cell_len(plain[a:b]) > width:
                b -= 1
            cuts = sorted({a, b, *(x for sa, sb, _ in spans for x in (sa, sb) if a < x < b)})
            segments = []
            for c0, c1 in zip(cuts, cuts[1:]):
                style = None
                for sa, sb, span_style in spans:
                    if sa <= c0 and c1 <= sb and span_style:
                        style = span_style if style is None else style + span_style
                segments.append(Segment(plain[c0:c1], style))
            pad = width - cell_len(plain[a:b])
            if pad > 0:
                segments.append(Segment(" " * pad))
            lines.append(segments)
        start += len(line) + 1
    return lines
