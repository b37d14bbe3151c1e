"""A one-line footer of key hints, generated from the bindings in force.

Textual's Footer mounts a widget per binding (and restyles them all on start-up); this draws the
same hints as one line: each binding marked `show` on the active screen, key then description,
and the command palette key at the right. A click on a hint presses its key.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget


PINNED = frozenset({"Help", "Quit"})
"""Descriptions of the hints shown at every width."""


class KeyFooter(Widget, can_focus=False):
    """Key hints for the screen's active bindings (`show=True` ones), as Textual's Footer shows them."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--separator",
    }

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            background: $block-hover-background;
        }
        & > .key-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # (start cell, end cell, key, enabled, tooltip) of each hint on the last line drawn.
        self._spots: list[tuple[int, int, str, bool, str]] = []
        self._hover: str | None = None  # the key of the hint under the mouse
        self._line: tuple[tuple, Strip] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        # Textual announces a change after every focus change and key, mostly with the same
        # bindings: redraw only when the hints differ.
        hints, palette = self.hints()
        if self._line is None or self._line[0][2:4] != (tuple(hints), palette):
            self._line = None
            self.refresh()

    def hints(self) -> tuple[list[tuple[str, str, str, bool, str]], tuple[str, str, str, bool, str] | None]:
        """(key, key display, description, enabled, tooltip) per shown action, and the palette key."""
        app = self.app
        active = self.screen.active_bindings
        seen: set[str] = set()
        hints = []
        for _, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            hints.append((binding.key, app.get_key_display(binding), binding.description, enabled, tooltip or ""))
        palette = None
        if app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                palette = (binding.key, app.get_key_display(binding), binding.description, enabled, binding.tooltip or binding.description)
        return hints, palette

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        hints, palette = self.hints()
        key = (width, self._hover, tuple(hints), palette, base)
        if self._line is not None and self._line[0] == key:
            return self._line[1]
        key_style = base + self.get_component_rich_style("key-footer--key")
        description_style = base + self.get_component_rich_style("key-footer--description")
        hover_style = self.get_component_rich_style("key-footer--hover")
        dim = Style(dim=True)

        def hint_segments(hint, compact: bool = False) -> list[Segment]:
            # As Textual's FooterKey draws it: " key " then "description "; the palette key
            # (compact) as "key description ".
            key, display, description, enabled, _ = hint
            extra = hover_style if key == self._hover else Style()
            extra += Style() if enabled else dim
            segments = [Segment(display if compact else f" {display} ", key_style + extra)]
            if description:
                segments.append(Segment(f" {description} " if compact else f"{description} ", description_style + extra))
            return segments

        spots: list[tuple[int, int, str, bool, str]] = []
        right: list[Segment] = []
        if palette is not None:
            right = [Segment("▏", base + self.get_component_rich_style("key-footer--separator"))]
            right += hint_segments(palette, compact=True)
        # Help and Quit are kept at any width, just left of the palette key: the way out and
        # the way to every other key.
        pinned = [hint for hint in hints if hint[2] in PINNED]
        pinned_segments = [segment for hint in pinned for segment in hint_segments(hint)]
        pinned_width = sum(s.cell_length for s in pinned_segments)
        right_width = sum(s.cell_length for s in right) + pinned_width
        left: list[Segment] = []
        x = 0
        room = width - right_width
        for hint in (hint for hint in hints if hint[2] not in PINNED):
            segments = hint_segments(hint)
            cells = sum(s.cell_length for s in segments)
            if x + cells > room:
                break
            spots.append((x, x + cells, hint[0], hint[3], hint[4]))
            left += segments
            x += cells
        strip = Strip(left).crop_extend(0, max(0, room), base)
        x = max(0, room)
        for hint in pinned:
            cells = sum(s.cell_length for s in hint_segments(hint))
            spots.append((x, x + cells, hint[0], hint[3], hint[4]))
            x += cells
        strip = Strip.join([strip, Strip(pinned_segments)])
        room += pinned_width
        if right and room >= 0:
            spots.append((room + 1, width, palette[0], palette[3], palette[4]))
            strip = Strip.join([strip, Strip(right)])
        strip = strip.crop_extend(0, width, base)
        self._spots = spots
        self._line = (key, strip)
        return strip

    def _spot_at(self, x: int) -> int | None:
        for index, (start, end, *_rest) in enumerate(self._spots):
            if start <= x < end:
                return index
        return None

    def on_click(self, event: events.Click) -> None:
        index = self._spot_at(event.x)
        if index is None:
            return
        _, _, key, enabled, _ = self._spots[index]
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._spot_at(event.x)
        key = self._spots[index][2] if index is not None else None
        if key != self._hover:
            self._hover = key
            self.tooltip = (self._spots[index][4] or None) if index is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
