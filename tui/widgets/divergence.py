"""The divergence strip: where a version's changes are, the whole article squeezed into the
column beside the scrollbar (as Meld's map does), so a reader sees at a glance whether the
versions part in the lede, the quotes or the last paragraphs, and clicks to go there."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..core.sentence_changes import SentenceChanges

if TYPE_CHECKING:
    from .wrapping import LazyWrap

GLYPH = "▐"
"""One cell, flush against the scrollbar."""

ORDER = ("change-high", "change-medium", "unmatched", "change-low")
"""What a row shows when several sentences share it: the first of these it has."""
RANK = {cls: rank for rank, cls in enumerate(ORDER)}


@lru_cache(maxsize=8)
def divergence_classes(changes: SentenceChanges) -> dict[int, str]:
    """Each sentence of the version read worth a mark in the strip, with its mark class: its
    most severe change, or "unmatched" for a sentence of the story the other version lacks.
    Boilerplate gets none. Kept for the last few alignments: every redraw asks."""
    found = {}
    for index, relation in enumerate(changes.relations):
        if index in changes.boilerplate:
            continue
        worst = changes.worst(index)
        if worst is not None:
            found[index] = f"change-{worst.severity}"
        elif relation is None:
            found[index] = "unmatched"
    return found


def strip_rows(lines: dict[int, int], classes: dict[int, str], rows: int, virtual: int) -> dict[int, tuple[str, int]]:
    """Row of the strip -> (mark class, the sentence a click goes to), for a view `rows` high
    showing `virtual` lines; `lines` gives the line each marked sentence starts on."""
    if rows <= 0 or virtual <= 0:
        return {}
    found: dict[int, tuple[str, int]] = {}
    for index in sorted(lines):  # in the text's order, as `classes` is: the first wins a tie
        cls, line = classes[index], lines[index]
        row = min(rows - 1, line * rows // max(virtual, rows))
        held = found.get(row)
        if held is None or RANK[cls] < RANK[held[0]]:
            found[row] = (cls, index)
    return found


class DivergenceStrip:
    """One view's strip: its rows worked out again only when the marks, the view's height or
    the total height of the text change (that last one often, as a long article is wrapped on
    demand: so it is kept short)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._rows: dict[int, tuple[str, int]] = {}
        self._groups: tuple[dict[int, str] | None, list] = (None, [])  # marked sentences by paragraph

    def mark(self, y: int, classes: dict[int, str], wrapping: LazyWrap, rows: int,
             place_of: Callable[[int], tuple[int, int] | None]) -> tuple[str, int] | None:
        """Row `y`'s (mark class, sentence), for `classes` drawn over the text as `wrapping` has
        it, in a view `rows` high; `place_of(sentence)` gives (paragraph, offset) in `wrapping`."""
        key = (rows, wrapping.total, id(wrapping), id(classes))
        if key != self._key:
            self._rows = strip_rows(self._lines(classes, wrapping, rows, place_of), classes, rows, wrapping.total)
            self._key = key
        return self._rows.get(y)

    def _lines(self, classes: dict[int, str], wrapping: LazyWrap, rows: int, place_of: Callable) -> dict[int, int]:
        """The line of each marked sentence that must be placed. Sentences in paragraphs not
        wrapped yet are placed in proportion. A paragraph that falls within one row needs only
        its most severe mark (the first, on a tie), on its first line: on a long article that
        is nearly every paragraph, a few hundred places instead of thousands."""
        if self._groups[0] is not classes:
            by_paragraph: dict[int, list[tuple[int, int]]] = {}
            for i in classes:
                place = place_of(i)
                if place is not None:
                    by_paragraph.setdefault(place[0], []).append((i, place[1]))
            groups = [(p, min(members, key=lambda m: RANK[classes[m[0]]])[0], members) for p, members in by_paragraph.items()]
            self._groups = (classes, groups)
        scale = max(wrapping.total, rows)
        starts = wrapping.first_lines()
        lines: dict[int, int] = {}
        spill: list[tuple[int, int, int]] = []  # (paragraph, sentence, offset) over two rows or more
        for p, best, members in self._groups[1]:
            first = starts[p]
            if first * rows // scale == (starts[p + 1] - 2) * rows // scale:
                lines[best] = first
            else:
                spill.extend((p, i, offset) for i, offset in members)
        lines.update(zip([i for _, i, _ in spill], wrapping.rough_lines([(p, offset) for p, _, offset in spill])))
        return lines
