"""What changed that matters between two versions: names, figures, dates, quotations, sources,
hedges, negations and titles.

The pipeline: each link of an alignment becomes a `LinkedText`, and each detector (one module
per kind of change, its rules in its docstring) returns the `Change`s it sees there; sentences
with no counterpart drop (or add) their quotations and sources. Boilerplate sentences (see
`..boilerplate`) are skipped: they are not the story.

Most links of a republication are mostly written alike. A detector whose every rule reads a
changed stretch (names, hedges, negations, titles) first asks a gate that looks only at the
stretches the two sides write differently (`LinkedText.differing_words`); when they hold none
of its words, it answers at once and neither sentence is read. Each gate is exact: a property
test checks that the detector read in full finds nothing where its gate turns a link away.
Likewise a changed stretch cut cleanly from its side (`cuts`) is not read for hedges, negators
or titles the side itself does not hold there.

    findings = find_changes(alignment)  # boilerplate set aside, then classify_alignment
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from ..boilerplate import find_boilerplate, set_aside_boilerplate
from ..model import Alignment
from .attribution import attribution_changes, unlinked_attributions
from .certainty import certainty_changes
from .names import name_changes
from .negation import negation_changes
from .numbers import number_changes
from .quotes import quote_changes, unlinked_quotes
from .role import role_changes
from .text import SEVERITIES, TYPES, Change, LinkedText, Span

__all__ = ["Change", "Findings", "Span", "SEVERITIES", "TYPES", "classify_alignment", "classify_link", "find_changes"]

DETECTORS: tuple[Callable[[LinkedText], list[Change]], ...] = (
    name_changes, number_changes, quote_changes, attribution_changes, certainty_changes, negation_changes,
    role_changes,
)


def classify_link(pair: LinkedText) -> list[Change]:
    """Every change the detectors find in one link, in text order, one per type and span."""
    found: dict[tuple, Change] = {}
    for detect in DETECTORS:
        for change in detect(pair):
            key = (change.type, change.a and (change.a.start, change.a.end), change.b and (change.b.start, change.b.end))
            found.setdefault(key, change)
    return sorted(found.values(), key=_position)


def classify_alignment(
    alignment: Alignment, boilerplate_a: Collection[int] = (), boilerplate_b: Collection[int] = ()
) -> list[Change]:
    """The changes of every link, then those of the sentences of A with no counterpart (their
    quotations and sources dropped) and of B (quotations added)."""
    a, b = alignment.a, alignment.b
    changes: list[Change] = []
    boilerplate_a, boilerplate_b = frozenset(boilerplate_a), frozenset(boilerplate_b)
    for index, link in enumerate(alignment.links):
        if not (boilerplate_a.isdisjoint(link.a) and boilerplate_b.isdisjoint(link.b)):
            continue
        if all(op.op == "equal" and op.a == op.b for op in link.ops):
            continue  # the same words: nothing changed
        changes += classify_link(LinkedText.of_link(a, b, link, index))
    for i in alignment.a_only:
        if i not in boilerplate_a:
            changes += [*unlinked_quotes(a, i, "a", b), *unlinked_attributions(a, i, b)]
    for j in alignment.b_only:
        if j not in boilerplate_b:
            changes += unlinked_quotes(b, j, "b", a)
    return changes


def _position(change: Change) -> tuple[int, int]:
    return (change.a.start if change.a else -1, change.b.start if change.b else -1)


@dataclass(frozen=True)
class Findings:
    """What `find_changes` makes of one alignment: the alignment with boilerplate set aside, the
    boilerplate sentence indexes of each side, and the changes."""

    alignment: Alignment
    boilerplate_a: frozenset[int]
    boilerplate_b: frozenset[int]
    changes: tuple[Change, ...]

    def as_json(self) -> dict:
        """The `changes` and `boilerplate` fields of the `align --json` document."""
        return {"changes": [c.as_json() for c in self.changes],
                "boilerplate": {"a": sorted(self.boilerplate_a), "b": sorted(self.boilerplate_b)}}


def find_changes(alignment: Alignment) -> Findings:
    """Boilerplate found and set aside on both sides, then every change classified."""
    bp_a, bp_b = find_boilerplate(alignment.a), find_boilerplate(alignment.b)
    kept = set_aside_boilerplate(alignment, bp_a, bp_b)
    return Findings(kept, bp_a, bp_b, tuple(classify_alignment(kept, bp_a, bp_b)))
