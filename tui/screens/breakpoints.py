"""A screen's breakpoint classes (`-narrow`/`-wide`, `-short`/`-tall`), set before it is laid out.

Textual sets them after laying out and painting the screen at a new size (`Screen._on_resize`
lays out first, then updates the classes), so a resize that crosses a breakpoint was laid out and
painted twice: once in the old arrangement at the new size (the panes side by side in 100
columns, each wrapped to a width never shown) and again in the new one. A screen that calls
`set_breakpoints` from its own Resize handler (which runs before Textual's) is styled for the new
size when Textual lays it out, and Textual then finds the classes already right.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen


def breakpoint_classes(screen: Screen, size: Size) -> dict[str, bool]:
    """Each breakpoint class of `screen` (its own breakpoints, else the app's), on or off at `size`."""
    classes: dict[str, bool] = {}
    for dimension, own, app in (
        (size.width, screen.HORIZONTAL_BREAKPOINTS, screen.app.HORIZONTAL_BREAKPOINTS),
        (size.height, screen.VERTICAL_BREAKPOINTS, screen.app.VERTICAL_BREAKPOINTS),
    ):
        breakpoints = (own if own is not None else app) or []
        chosen = None
        # As Textual picks: the largest threshold the size reaches.
        for minimum, name in sorted(breakpoints, reverse=True):
            if dimension >= minimum:
                chosen = name
                break
        classes.update({name: name == chosen for _, name in breakpoints})
    return classes


def set_breakpoints(screen: Screen, size: Size, update: bool = True) -> None:
    """Set `screen`'s breakpoint classes for `size`; `update`: restyle it now (False while it is
    being composed: its first styling comes after)."""
    screen.update_classes(breakpoint_classes(screen, size), update=update)
