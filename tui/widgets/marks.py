"""How relations and word changes look: one glyph and one style class per kind.

Kept in one place so the reading pane, the diff pane, the all-versions view and the legend agree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rich.style import Style
from rich.text import Text

from ..core.model import LinkKind
from ..core.sentence_changes import SentenceChanges
from ..core.story import Relation

GLYPHS: dict[Relation, tuple[str, str]] = {
    LinkKind.VERBATIM: ("=", "verbatim"),
    LinkKind.EDITED: ("~", "edited"),
    LinkKind.PARAPHRASE: ("≈", "paraphrase"),
    LinkKind.PARTIAL: ("◑", "partial"),
    None: ("∅", "unmatched"),
}

TYPE_GLYPHS: dict[str, str] = {
    "name": "@",
    "number": "#",
    "date": "§",
    "quote": "“",
    "attribution": "»",
    "certainty": "?",
    "negation": "¬",
    "role": "†",
}
"""The gutter glyph of a sentence's most severe change, by its type (one cell each)."""

TYPE_MEANINGS: dict[str, str] = {
    "name": "a name changed or spelled differently",
    "number": "a figure changed",
    "date": "a date or day changed",
    "quote": "quoted words changed, dropped or added",
    "attribution": "who said or reported it changed or went",
    "certainty": "hedged or made certain (\"is\" vs \"is expected to\")",
    "negation": "a claim turned into its opposite",
    "role": "a title or job changed",
}

BOILERPLATE_GLYPH = ("·", "boilerplate")
"""Site furniture (navigation, "Read more", credits): dimmed, no relation mark."""

# What each mark means, for the help screen's legend: (mark, its style class, meaning).
MEANINGS: list[tuple[str, str, str]] = [
    ("=", "verbatim", "verbatim: the same words (case, spacing and quote style aside)"),
    ("~", "edited", "edited: most words kept, a few replaced, added or dropped"),
    ("≈", "paraphrase", "paraphrase: the same content reworded, spun or garbled by translation"),
    ("◑", "partial", "partial: a clause or a fact shared; one side adds or drops a lot"),
    ("∅", "unmatched", "no counterpart: dropped in the other version, or added in this one"),
    *[(glyph, "change-high", f"{kind}: {TYPE_MEANINGS[kind]}") for kind, glyph in TYPE_GLYPHS.items()],
    ("@", "change-high", "a typed mark's colour is its severity: high (who, what, how many, the quoted words)"),
    ("@", "change-medium", "medium: noticeable"),
    ("@", "change-low", "low: cosmetic or equivalent (case, an abbreviation, a number written out)"),
    ("Kraus", "typed", "the changed words of a typed change, in the current sentence"),
    ("· Read more", "boilerplate", "boilerplate: site furniture, not the story (n and p skip it)"),
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

LIST_MEANING = (
    "In the article list, each version against the one read (▶): \"carries 85%\" is the share of "
    "the read version's sentences (site furniture left out) it has a counterpart for; \"omits 4 · "
    "adds 3\" counts the sentences it drops and those it has of its own; \"10 high\" its high-severity "
    "changes; then its changes by type, with the glyphs above (\"@7 #4\": seven name changes, four "
    "number changes)."
)


def glyphs_for(relations: list[Relation]) -> list[tuple[str, str]]:
    return [GLYPHS[r] for r in relations]


@lru_cache(maxsize=8)
def gutter_glyphs(changes: SentenceChanges) -> list[tuple[str, str]]:
    """Each sentence's gutter mark: its most severe change by type (coloured by severity), else
    its relation to the other version; boilerplate gets a dim dot and no relation.

    Kept for the last few alignments, as the divergence strip's classes are: every redraw asks,
    and working them out took 10-25 ms a key on a 1 MB article. The list is shared: not to be
    changed by whoever is given it."""
    glyphs = []
    for index, relation in enumerate(changes.relations):
        worst = changes.worst(index)
        if index in changes.boilerplate:
            glyphs.append(BOILERPLATE_GLYPH)
        elif worst is not None:
            glyphs.append((TYPE_GLYPHS[worst.type], f"change-{worst.severity}"))
        else:
            glyphs.append(GLYPHS[relation])
    return glyphs


def typed_spans(changes: SentenceChanges, index: int, side: str) -> list[tuple[int, int, str]]:
    """The changed words of sentence `index`'s typed changes, on side "a" (the version read) or
    "b" (the version compared), as word spans of class "typed" (drawn over plain rewording)."""
    spans = []
    for change in changes.by_sentence.get(index, ()):
        span = change.a if side == "a" else change.b
        if span is not None and span.end > span.start:
            spans.append((span.start, span.end, "typed"))
    return spans


def legend(style_of: Callable[[str], Style]) -> Text:
    """Every mark, drawn with `style_of(its class)` (the panes' own styles, so the colours are
    the theme's), with what it means, then what the score means: the help screen's legend."""
    lines = [Text(mark, style=style_of(cls)) + Text(f"  {meaning}") for mark, cls, meaning in MEANINGS]
    lines.append(Text(SCORE_MEANING, style="dim"))
    lines.append(Text(LIST_MEANING, style="dim"))
    return Text("\n").join(lines)
