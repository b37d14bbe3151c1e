"""The divergence strip: where a version's changes are, the whole article squeezed into the
column beside the scrollbar (as Meld's map does), so a reader sees at a glance whether the
versions part in the lede, the quotes or the last paragraphs, and clicks to go there."""

from __future__ import annotations

from functools import lru_cache

from ..core.sentence_changes import SentenceChanges

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
