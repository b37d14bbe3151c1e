"""How relations and word changes look: one glyph and one style class per kind.

Kept in one place so the reading pane, the diff pane, the all-versions view and the legend agree.
"""

from __future__ import annotations

from ..core.model import DiffOp, LinkKind
from ..core.story import Relation

GLYPHS: dict[Relation, tuple[str, str]] = {
    LinkKind.VERBATIM: ("=", "verbatim"),
    LinkKind.EDITED: ("~", "edited"),
    LinkKind.PARAPHRASE: ("≈", "paraphrase"),
    LinkKind.PARTIAL: ("◑", "partial"),
    None: ("∅", "unmatched"),
}

LEGEND = "= verbatim  ~ edited  ≈ paraphrase  ◑ partial  ∅ no counterpart"


def glyphs_for(relations: list[Relation]) -> list[tuple[str, str]]:
    return [GLYPHS[r] for r in relations]


def word_spans(ops: tuple[DiffOp, ...], side: str) -> list[tuple[int, int, str]]:
    """Spans to mark on one side of a link: what was removed, added or replaced."""
    spans = []
    for op in ops:
        if op.op == "equal":
            continue
        start, end = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if start == end:
            continue
        if op.op == "replace":
            spans.append((start, end, "replaced"))
        elif side == "a":
            spans.append((start, end, "removed"))
        else:
            spans.append((start, end, "added"))
    return spans
