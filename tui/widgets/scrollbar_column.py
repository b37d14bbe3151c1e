"""The scrollbar an article view draws in its own last column, and the mouse on it.

Drawn by the view rather than by Textual's ScrollBar widget: a ScrollBar is a widget of its own,
rendered and cut into pieces by the compositor on every paint, which made up a third of what
painting the first screen allocated. It looks and works the same: Textual's bar glyphs and
scrollbar colours (hover and grab included), a click above or below the thumb pages, dragging
the thumb scrolls. Kept apart from `article_view` because it is about scrolling, not about the
text: the view owns it, asks it for each row's segment and hands it the mouse events.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.events import MouseDown, MouseEvent, MouseMove, MouseUp
from textual.geometry import Region
from textual.scrollbar import ScrollBarRender

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView


class ScrollbarColumn:
    """The last column of `view`: one segment a row, redrawn only when the bar changes."""

    def __init__(self, view: ScrollView) -> None:
        self.view = view
        self._segments: list[Segment] = []
        self._key: tuple | None = None
        self.state: str | None = None  # None, "hover" or "grab"
        self._grab: tuple[int, float] | None = None  # (screen row, scroll_y) where a drag began

    def geometry(self) -> tuple[int, float, float]:
        """(rows, lines of text, rows of text shown)."""
        view = self.view
        return view.scrollable_content_region.height, view.virtual_size.height, view.scrollable_content_region.height

    def segment(self, y: int) -> Segment | None:
        """The bar's segment on row `y`, or None when the view is too small for a bar."""
        view = self.view
        rows, virtual, window = self.geometry()
        if rows <= 0 or view.scrollable_content_region.width < 2:
            return None
        key = (rows, virtual, window, view.scroll_y, self.state, view.styles._cache_key)
        if key != self._key:
            styles = view.styles
            if self.state == "grab":
                background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
            elif self.state == "hover":
                background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
            else:
                background, color = styles.scrollbar_background, styles.scrollbar_color
            if background.a < 1:
                background = view.background_colors[0] + background
            color = background + color
            segments = ScrollBarRender.render_bar(
                size=rows,
                virtual_size=ceil(virtual),
                window_size=ceil(window) if window < virtual else 0,
                position=view.scroll_y,
                thickness=1,
                vertical=True,
                back_color=background.rich_color,
                bar_color=color.rich_color,
            ).segments
            # Textual's bar carries actions for its own widget in its styles: not ours.
            self._segments = [Segment(s.text, s.style.clear_meta_and_links() if s.style else s.style) for s in segments]
            self._key = key
        return self._segments[y] if 0 <= y < len(self._segments) else None

    def _row_under(self, event: MouseEvent) -> int | None:
        """The bar's row under the mouse, or None when the mouse is not on the bar."""
        offset = event.get_content_offset(self.view)
        if offset is None or offset.x != self.view.scrollable_content_region.width - 1:
            return None
        return offset.y

    def _set_state(self, state: str | None) -> None:
        if state != self.state:
            self.state = state
            region = self.view.scrollable_content_region
            self.view.refresh(Region(region.width - 1, 0, 1, region.height))

    def mouse_down(self, event: MouseDown) -> None:
        view = self.view
        row = self._row_under(event)
        if row is None or not view.allow_vertical_scroll:
            return
        event.stop()
        rows, virtual, window = self.geometry()
        thumb = max(1.0, window * rows / virtual)
        top = (rows - thumb) * view.scroll_y / max(1, virtual - window)
        if row < int(top):
            view.scroll_page_up(animate=False)
        elif row >= ceil(top + thumb):
            view.scroll_page_down(animate=False)
        else:
            self._grab = (event.screen_y, view.scroll_y)
            view.capture_mouse()
            self._set_state("grab")

    def mouse_move(self, event: MouseMove) -> None:
        if self._grab is not None:
            start_y, start_scroll = self._grab
            rows, virtual, window = self.geometry()
            self.view.scroll_to(y=start_scroll + (event.screen_y - start_y) * virtual / max(1, rows), animate=False, immediate=True)
            return
        self._set_state("hover" if self._row_under(event) is not None else None)

    def mouse_up(self, event: MouseUp) -> None:
        if self._grab is not None:
            self._grab = None
            self.view.release_mouse()
            self._set_state("hover" if self._row_under(event) is not None else None)

    def leave(self) -> None:
        if self._grab is None:
            self._set_state(None)
