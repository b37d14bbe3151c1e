"""Textual's drawn lines without reference cycles, so what the collector settles is not kept.

A `Strip` (one drawn line) caches what it derives from itself: its pieces once divided, its
crops, its styled copies. Two of those caches can hold the strip itself: `divide` when the cuts
leave it whole (the compositor divides every line of every widget at the edges of what overlaps
it, so a line nothing overlaps is cut once, at its end) and `crop_extend` when there is nothing
to crop or add. Such a strip refers to itself, so reference counting cannot free it once Textual
drops it; only a pass of the cyclic collector can. `tui.collector` moves everything alive at
each settle out of the collector's passes, a screen's worth of drawn lines included, and those
were then never freed: reading 15 of 200 versions in turn left 11,459 strips (147k objects with
their caches, about 1 MB a version read) unreachable in the frozen generation, nearly all of
them whole lines cached as their own division (issue 13).

`install` wraps the two methods so that in those two cases they answer the strip itself without
caching it (caching it saved nothing: the answer is the strip). Every other case is Textual's own
code, and the results are the same. `tests/test_acyclic_strips.py` fails if a Textual upgrade
changes what the wrappers rely on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from textual.strip import Strip

_original_divide = Strip.divide
_original_crop_extend = Strip.crop_extend


def _divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = list(cuts)
    length = self.cell_length
    if [cut for cut in cuts if cut <= length] == [length]:
        return [self]
    return _original_divide(self, cuts)


def _crop_extend(self: Strip, start: int, end: int, style: Style | None) -> Strip:
    if start <= 0 and end == self.cell_length:
        return self
    return _original_crop_extend(self, start, end, style)


def install() -> bool:
    """Wrap `Strip.divide` and `Strip.crop_extend` (once; later calls do nothing). False, and
    nothing changed, if this Textual's strips do not behave as the wrappers assume: whole
    answers that are the strip itself, kept in the caches named below."""
    if Strip.divide is _divide:
        return True
    probe = Strip([], 0)
    if not all(hasattr(probe, cache) for cache in ("_divide_cache", "_crop_extend_cache")):
        return False
    Strip.divide = _divide  # type: ignore[method-assign]
    Strip.crop_extend = _crop_extend  # type: ignore[method-assign]
    return True
