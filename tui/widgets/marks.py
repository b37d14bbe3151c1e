"""How relations and word changes look: one glyph and one style class per kind.

Kept in one place so the reading pane, the diff pane, the all-versions view and the legend agree.
"""

from __future__ import annotations

from ..core.model import LinkKind
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
