"""A line-API view whose own size never depends on its content, so content changes never lay
out the screen.

Textual's ScrollView treats a new scroll (virtual) size as a layout change of the whole screen,
and updates its scrollbars on every layout of the screen, sizes changed or not. The views here
fill the space CSS gives them (1fr, or a fixed height), so a new scroll size only moves their
scrollbars: `set_virtual_size` records it and updates them without a layout, and the content is
fitted to a new width while the screen is laid out (`fit`), so the first paint already has the
final scroll size and layouts that leave the view's size alone leave the view alone.
"""

from __future__ import annotations

from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView


ROW_KEYS = [
    Binding("down", "cursor(1)", "Next row", show=False, id="row_next"),
    Binding("up", "cursor(-1)", "Previous row", show=False, id="row_previous"),
    Binding("pagedown", "page(1)", "Rows down", show=False, id="row_page_down"),
    Binding("pageup", "page(-1)", "Rows up", show=False, id="row_page_up"),
    Binding("home", "edge(-1)", "First row", show=False, id="row_first"),
    Binding("end", "edge(1)", "Last row", show=False, id="row_last"),
]
"""The keys that move a highlighted row, shared by the views of rows built on this one (each
implements `cursor`, `page` and `edge`), so every list moves alike."""


class FixedScrollView(ScrollView):
    """Subclasses implement `fit()`: lay the content out for the current width, calling
    `set_virtual_size`."""

    _laying_out = False
    _base_style: Style | None = None  # the widget's style, while a render pass lasts
    _pass_region: Region | None = None  # the scrollable content region, while a render pass lasts

    def render_lines(self, crop):
        # `rich_style` walks every ancestor's styles, and `scrollable_content_region` works the
        # gutter and scrollbars out again on each call (a drawn line asks for it several times:
        # its width, its scrollbar's rows, the wrapping's width): both once per pass, not per
        # line. Nothing lays the view out while it is drawn.
        self._base_style = self.rich_style
        self._pass_region = self.scrollable_content_region
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None
            self._pass_region = None

    @property
    def scrollable_content_region(self) -> Region:
        region = self._pass_region
        return region if region is not None else super().scrollable_content_region

    def fit(self) -> object:
        raise NotImplementedError

    def set_virtual_size(self, size: Size) -> None:
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            if not self._laying_out:
                self.refresh()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        if size == self._size and size:
            # Same size: nothing to fit, scrollbars as they were, no Resize event.
            return False
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._laying_out = True
        try:
            self.fit()
        finally:
            self._laying_out = False
        return resized
