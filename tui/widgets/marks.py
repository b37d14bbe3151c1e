"""How relations and word changes look: one glyph and one style class per kind.

Kept in one place so the reading pane, the diff pane, the all-versions view and the legend agree.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from ..core.model import LinkKind
from ..core.story import Relation

GLYPHS: dict[Relation, tuple[str, str]] = {
    LinkKind.VERBATIM: ("=", "verbatim"),
    LinkKind.EDITED: ("~", "edited"),
    LinkKind.PARAPHRASE: ("≈", "paraphrase"),
    LinkKind.PARTIAL: ("◑", "partial"),
    None: ("∅", "unmatched"),
}

# What each mark means, for the help screen's legend: (mark, its style class, meaning).
MEANINGS: list[tuple[str, str, str]] = [
    ("=", "verbatim", "verbatim: the same words (case, spacing and quote style aside)"),
    ("~", "edited", "edited: most words kept, a few replaced, added or dropped"),
    ("≈", "paraphrase", "paraphrase: the same content reworded, spun or garbled by translation"),
    ("◑", "partial", "partial: a clause or a fact shared; one side adds or drops a lot"),
    ("∅", "unmatched", "no counterpart: dropped in the other version, or added in this one"),
    ("⚑", "bookmark", "bookmarked sentence"),
    ("removed", "removed", "words only in the version read (struck through)"),
    ("added", "added", "words only in the version compared (underlined)"),
    ("replaced", "replaced", "words that differ between the two (underlined)"),
    ("annotated", "annotated", "a passage with a note (a shows or edits it)"),
    ("selected", "selected", "words being selected with x, to annotate"),
]

SCORE_MEANING = (
    "The score beside a link's kind is how alike the two sentences are, from 0 (nothing in "
    "common) to 1 (the same words). Sentence numbers count from 1 in each version. For a "
    "sentence with no counterpart, the other version is shown level with the nearest sentence "
    "that has one (\"level with N\")."
)


def glyphs_for(relations: list[Relation]) -> list[tuple[str, str]]:
    return [GLYPHS[r] for r in relations]


def legend(style_of: Callable[[str], Style]) -> Text:
    """Every mark, drawn with `style_of(its class)` (the panes' own styles, so the colours are
    the theme's), with what it means, then what the score means: the help screen's legend."""
    lines = [Text(mark, style=style_of(cls)) + Text(f"  {meaning}") for mark, cls, meaning in MEANINGS]
    lines.append(Text(SCORE_MEANING, style="dim"))
    return Text("\n").join(lines)
