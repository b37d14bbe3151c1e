"""A scrolling view of one version's text, in its paragraphs, with sentences and words marked.

Built on Textual's line API: each visible line is drawn on demand, so a 1,000-sentence article
scrolls and re-marks as quickly as a short one. Moving the current sentence draws again only the
paragraphs it touches (`DrawnLines`). The text is wrapped on demand too (`LazyWrap`): the
paragraphs shown and a screen's height either side, the rest estimated until it is read; whenever
more is wrapped, the view keeps its top paragraph where it was, so the estimates never move what
the reader sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.segment import Segment
from rich.style import Style
from textual.actions import SkipAction
from textual.binding import Binding
from textual.events import Click, Leave, MouseDown, MouseMove, MouseUp, Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ..core.model import Article
from .article_marks import Marks, Paragraph, readable_mark_style
from .divergence import GLYPH as STRIP_GLYPH
from .divergence import DivergenceStrip
from .drawn_lines import DrawnLines, Lines, draw_paragraph, with_last_cell
from .fixed_scroll import FixedScrollView
from .scrollbar_column import ScrollbarColumn
from .layouts import Layout, Layouts
from .wrapping import LazyWrap

class ArticleView(FixedScrollView, can_focus=True, inherit_bindings=False):
    """One version of the story, drawn line by line.

    It does not inherit ScrollView's arrow and home/end bindings: in a reader those keys move
    the current sentence (the screen's bindings), and the view follows.
    """

    BINDINGS = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    COMPONENT_CLASSES = {
        "article-view--current",
        "article-view--secondary",
        "article-view--removed",
        "article-view--added",
        "article-view--replaced",
        "article-view--annotated",
        "article-view--verbatim",
        "article-view--edited",
        "article-view--paraphrase",
        "article-view--partial",
        "article-view--unmatched",
        "article-view--bookmark",
        "article-view--selected",
        "article-view--change-high",
        "article-view--change-medium",
        "article-view--change-low",
        "article-view--typed",
        "article-view--boilerplate",
        "article-view--match",
    }

    class SentenceClicked(Message):
        """The user clicked a sentence."""

        def __init__(self, view: "ArticleView", index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

        @property
        def control(self) -> "ArticleView":
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None, layouts: Layouts | None = None) -> None:
        """`layouts`: a cache shared with the other views of the screen, so switching sides swaps
        the two articles between the panes without laying either out again."""
        super().__init__(id=id, classes=classes)
        self._layouts = layouts if layouts is not None else Layouts()
        self._layout: Layout | None = None
        self._scrollbar = ScrollbarColumn(self)
        self.article: Article | None = None
        self.marks = Marks()
        self._paragraphs: list[Paragraph] = []
        self._sentence_para: dict[int, tuple[int, int]] = {}  # sentence -> (paragraph, slot)
        self._drawn = DrawnLines()  # each paragraph's lines, drawn
        self._wrapped_width = -1
        self._lines: LazyWrap | None = None  # the paragraphs wrapped to `_wrapped_width`
        self.placeholder: str = ""
        self._mark_styles: dict[tuple[str, str | None], Style] = {}
        self._strip = DivergenceStrip()

    # -- content -------------------------------------------------------------------------------

    def show(self, article: Article | None, marks: Marks | None = None) -> None:
        """Show `article` (or the placeholder when None) with `marks`."""
        if article is not self.article:
            self.article = article
            self._build_paragraphs()
            self._wrapped_width = -1
            self._lines = None
        self.marks = marks or Marks()
        self._drawn.clear()
        self._ensure_wrapped()
        self.refresh()

    def update_marks(self, marks: Marks) -> None:
        """Redraw with new marks; only paragraphs whose marks changed are restyled."""
        old = self.marks
        self.marks = marks
        self._drawn.marks_changed(old, marks, self._sentence_para)
        self.refresh()

    def _build_paragraphs(self) -> None:
        self._layout = self._layouts.of(self.article) if self.article is not None else None
        self._paragraphs, self._sentence_para = (self._layout.paragraphs, self._layout.sentence_para) if self._layout else ([], {})

    def _ensure_wrapped(self) -> bool:
        """Wrap for the current width if not done yet; True when the lines changed.

        Only what the view shows is wrapped (`_wrap_shown` and the jumps do that); at a new
        width the line that was at the top stays at the top."""
        region_width = self.scrollable_content_region.width
        if region_width <= 0:
            # Not laid out yet (the screen is mounting): wrap once the width is known.
            return False
        # The last column is the scrollbar's; one more is kept clear between it and the text.
        width = max(10, region_width - 2)
        if width == self._wrapped_width:
            return False
        kept = None
        if self._lines is not None and len(self._lines):
            # The character at the start of the top line, to put at the top again.
            p, k = self._lines.locate(round(self.scroll_y))
            if p >= 0:
                kept = (p, self._lines.spans(p)[k][0])
        self._wrapped_width = width
        self._drawn.clear()
        # Wrapping is shared between views and kept per width (`Layouts`).
        lines = self._layout.wrapping(width) if self._layout is not None else LazyWrap([], width)
        self._lines = lines
        if kept is not None:
            lines.wrap_around(kept[0], self._margin(), 2 * self._margin())
            self.set_virtual_size(Size(width, lines.total))
            self._set_top(lines.line_of(*kept))
        else:
            self.set_virtual_size(Size(width, lines.total))
        return True

    def _margin(self) -> int:
        """Lines wrapped beyond each edge of the view: a screen's height."""
        return max(1, self.scrollable_content_region.height)

    def _set_top(self, y: int) -> None:
        """Scroll to line `y` at once and without telling anyone: the lines moved, the text did not."""
        y = max(0, min(y, self.max_scroll_y))
        if y != round(self.scroll_y):
            self.set_reactive(FixedScrollView.scroll_y, float(y))
            self.set_reactive(FixedScrollView.scroll_target_y, float(y))
            if not self._laying_out:
                self.refresh()

    @contextmanager
    def _top_kept(self) -> Iterator[LazyWrap | None]:
        """Wrap more within this block without moving what the view shows: the paragraph at the
        top keeps its place on screen, whatever the paragraphs above it turned out to hold."""
        self._ensure_wrapped()
        lines = self._lines
        if lines is None or not len(lines):
            yield lines
            return
        top = round(self.scroll_y)
        p = lines.block_at(top)
        offset = top - lines.first_line(p)
        total = lines.total
        yield lines
        if lines.total != total or lines.first_line(p) + offset != top:
            self.set_virtual_size(Size(self._wrapped_width, lines.total))
            self._set_top(lines.first_line(p) + min(offset, lines.height(p)))

    def _wrap_shown(self) -> None:
        """Wrap the paragraphs on screen and a screen's height either side (before drawing)."""
        with self._top_kept() as lines:
            if lines is not None and len(lines):
                top = round(self.scroll_y)
                lines.wrap_around(lines.block_at(top), self._margin(), 2 * self._margin())

    def fit(self) -> bool:
        return self._ensure_wrapped()

    @property
    def wrapping(self) -> LazyWrap | None:
        """The article's paragraphs as wrapped for the view's width so far (None before the
        view knows its width): for tests and benchmarks to see how much is wrapped."""
        return self._lines

    # -- geometry ------------------------------------------------------------------------------

    def sentence_line(self, index: int) -> int | None:
        """The virtual line on which sentence `index` starts."""
        where = self._sentence_para.get(index)
        if where is None:
            return None
        with self._top_kept() as lines:
            if lines is None:
                return None
            lines.spans(where[0])
        return lines.line_of(where[0], self._paragraphs[where[0]].starts[where[1]])

    def _wrap_near(self, index: int, above: int, below: int) -> None:
        """Wrap around sentence `index` before a jump to it, so it lands where it is meant to:
        `above` and `below` lines either side of its paragraph."""
        where = self._sentence_para.get(index)
        if where is not None:
            with self._top_kept() as lines:
                if lines is not None:
                    lines.wrap_around(where[0], above, below)

    def sentence_row(self, index: int) -> int | None:
        """Where sentence `index` sits on screen, in rows from the top of the view."""
        line = self.sentence_line(index)
        return None if line is None else line - round(self.scroll_y)

    def bring_into_view(self, index: int) -> None:
        """Scroll so the sentence is visible, with a few lines of context above it."""
        # Wherever it ends up on screen, what will be shown around it is wrapped already.
        self._wrap_near(index, 2 * self._margin(), 2 * self._margin())
        line = self.sentence_line(index)
        if line is None:
            return
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        margin = min(3, max(0, height // 4))
        if line < top + margin or line >= top + height - margin:
            self.scroll_to(y=max(0, line - max(margin, height // 3)), animate=False, immediate=True)

    def put_at_row(self, index: int, row: int) -> None:
        """Scroll so sentence `index` starts on screen row `row` (as near as the ends allow)."""
        self._wrap_near(index, max(row, self._margin()) + self._margin(), 2 * self._margin())
        line = self.sentence_line(index)
        if line is not None:
            y = min(max(0, line - max(0, row)), self.max_scroll_y)
            if y != round(self.scroll_y):
                self.scroll_to(y=y, animate=False, immediate=True)

    def action_page_up(self) -> None:
        # At once, as every other move of the reader: an animated scroll would wrap paragraphs
        # above it as it moves and land off by the difference they made to the estimate.
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_page_down(animate=False)

    # -- drawing -------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        # Drawn lines carry the widget's colours (a new theme, say): draw them again.
        super().notify_style_update()
        self._drawn.clear()
        self._mark_styles.clear()

    def on_resize(self, event: Resize) -> None:
        # Usually wrapped already, while the screen was laid out (and a resized widget is
        # redrawn anyway): redraw only if the lines changed here.
        if self._ensure_wrapped():
            self.refresh()

    def render_lines(self, crop):
        # Before any line is drawn: what is shown is wrapped, and the top stays put.
        self._wrap_shown()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self._ensure_wrapped()
        width = self.scrollable_content_region.width
        text_width = max(0, width - 1)
        base = self._base_style or self.rich_style
        bar = self._scrollbar.segment(y)
        line_no = y + round(self.scroll_y)
        if not self._paragraphs:
            if y == 0 and self.placeholder:
                return Strip([Segment(self.placeholder, base)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        p, k = self._lines.locate(line_no) if self._lines is not None else (-1, 0)
        if p < 0:
            text = [Segment(" " * text_width, base)]
        else:
            text = self._drawn.get(p, self._draw_paragraph)[k]
        mark = self._strip_row(y)
        if mark is not None and text_width > 1:
            # The blank column before the scrollbar carries the divergence strip.
            text = with_last_cell(text, Segment(STRIP_GLYPH, base + self.mark_style(mark[0])), text_width)
        # One strip per line: the paragraph's lines are kept as padded segments.
        return Strip(text + [bar] if bar is not None else text, width)

    def _draw_paragraph(self, p: int) -> Lines:
        """Paragraph `p`'s wrapped lines, drawn (see `drawn_lines`)."""
        assert self.article is not None and self._lines is not None
        base = self._base_style or self.rich_style
        return draw_paragraph(self._paragraphs[p], self.article.sentences, self.marks, self._lines.spans(p), self._wrapped_width,
                              self.mark_style, base, self.app.console)

    def _strip_row(self, y: int) -> tuple[str, int] | None:
        """The divergence strip's mark on row `y` (class, sentence)."""
        classes = self.marks.divergence
        if not classes or self._lines is None:
            return None
        return self._strip.mark(y, classes, self._lines, self.scrollable_content_region.height, self._sentence_place)

    def _sentence_place(self, index: int) -> tuple[int, int] | None:
        """(paragraph, offset in its text) where sentence `index` starts."""
        where = self._sentence_para.get(index)
        return None if where is None else (where[0], self._paragraphs[where[0]].starts[where[1]])

    # -- the scrollbar (drawn in the last column: see `scrollbar_column`) ------------------------

    @property
    def allow_vertical_scroll(self) -> bool:
        # Textual allows scrolling only with its own scrollbar shown.
        return not self._check_disabled() and self.max_scroll_y > 0

    def _bar_geometry(self) -> tuple[int, float, float]:
        """(rows, lines of text, rows of text shown)."""
        return self._scrollbar.geometry()

    def on_mouse_down(self, event: MouseDown) -> None:
        self._scrollbar.mouse_down(event)

    def on_mouse_move(self, event: MouseMove) -> None:
        self._scrollbar.mouse_move(event)

    def on_mouse_up(self, event: MouseUp) -> None:
        self._scrollbar.mouse_up(event)

    def on_leave(self, event: Leave) -> None:
        self._scrollbar.leave()

    # -- styles --------------------------------------------------------------------------------

    def mark_style(self, cls: str, band: str | None = None) -> Style:
        """The style of mark `cls`, on the pane or on `band` ("current", "secondary"), with its
        colour made readable (4.5:1) on what it is drawn over, in whatever theme."""
        key = (cls, band)
        found = self._mark_styles.get(key)
        if found is None:
            style = readable_mark_style(self, cls, band, self._base_style or self.rich_style)
            found = self._mark_styles[key] = style
        return found

    # -- mouse ---------------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        # Offsets within the text area: the reading view draws its pane's border itself.
        offset = event.get_content_offset(self)
        if offset is None or offset.x >= self.scrollable_content_region.width - 1:
            return  # outside the text, or on the scrollbar
        if offset.x == self.scrollable_content_region.width - 2:
            mark = self._strip_row(offset.y)
            if mark is not None:
                # A click on the divergence strip goes to the change it marks.
                self.post_message(self.SentenceClicked(self, mark[1]))
                return
        index = self.sentence_at(offset.y + round(self.scroll_y), offset.x + round(self.scroll_x))
        if index is not None:
            self.post_message(self.SentenceClicked(self, index))

    def sentence_at(self, line_no: int, x: int) -> int | None:
        """The sentence drawn at virtual line `line_no`, cell `x` (cells are characters here)."""
        if self._lines is None:
            return None
        p, k = self._lines.locate(line_no)
        if p < 0:
            return None
        para = self._paragraphs[p]
        offset = self._lines.spans(p)[k][0] + max(0, x)
        chosen = para.sentences[0]
        for slot, i in enumerate(para.sentences):
            if para.starts[slot] - 3 <= offset:
                chosen = i
        return chosen

