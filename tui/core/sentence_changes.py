"""The change classification read sentence by sentence, as the reader needs it.

`find_changes` answers for a pair of versions; the reader asks per sentence of the version read
(which change to mark in the gutter, where the next name change is, is this line boilerplate).
`SentenceChanges` is that reading, worked out once per alignment by the alignment worker and
kept in a `FindingsCache` keyed by the alignment object, so no key press classifies anything.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from dataclasses import dataclass, field, replace

from .changes import SEVERITIES, TYPES, Change, Findings, find_changes
from .model import Alignment
from .story import Relation, SwappedAlignment, relations, swap
from .word_diff import change_spans

RANK = {severity: len(SEVERITIES) - k for k, severity in enumerate(SEVERITIES)}
"""Severity as a number, higher more severe: high 3, medium 2, low 1."""

REAL = "medium"
"""The least severity `n`/`p` stop at: low changes are cosmetic (case, an abbreviation)."""


def _order(change: Change) -> tuple[int, int]:
    """Most severe first; among equals, the order of `TYPES` (names before numbers ...)."""
    return (-RANK[change.severity], TYPES.index(change.type))


@dataclass(frozen=True, eq=False)
class SentenceChanges:
    """The findings of one alignment, indexed by the sentences of its A side (the version read).

    A change is placed at the sentence of A its span starts in; a change with no A span (a
    quotation the other version added) at the first sentence of A in its link, if it has one.
    """

    findings: Findings
    by_sentence: dict[int, tuple[Change, ...]]
    """Sentence of A -> its changes, most severe first."""
    relations: list[Relation]
    """Each sentence of A's relation to B in the alignment shown (boilerplate set aside)."""
    elsewhere: tuple[tuple[int, Change], ...] = ()
    """Changes only in B with no link (a quotation B added), each with the sentence of A the
    other version is level with there (the one linked to the nearest B sentence before it)."""
    _words: dict = field(default_factory=dict, repr=False)

    def changed_words(self, side: str) -> dict[int, list[tuple[int, int, str]]]:
        """Every changed word on side "a" or "b", by the sentence of that side it falls in (for
        the whole-article view): the word diff's spans, then the typed changes' spans (class
        "typed", drawn over them). Worked out on first use and kept."""
        found = self._words.get(side)
        if found is None:
            article = self.alignment.a if side == "a" else self.alignment.b
            spans = [span for link in self.alignment.links for span in change_spans(link.ops, side)]
            for change in self.findings.changes:
                span = change.a if side == "a" else change.b
                if span is not None and span.end > span.start:
                    spans.append((span.start, span.end, "typed"))
            found = self._words[side] = _by_sentence(article.sentences, spans)
        return found

    @property
    def alignment(self) -> Alignment:
        """The alignment as the reader shows it: boilerplate set aside."""
        return self.findings.alignment

    @property
    def boilerplate(self) -> frozenset[int]:
        """Sentences of A that are site furniture, not the story."""
        return self.findings.boilerplate_a

    def worst(self, index: int) -> Change | None:
        """The most severe change in sentence `index`, or None."""
        found = self.by_sentence.get(index)
        return found[0] if found else None

    def has(self, index: int, at_least: str = REAL, type: str | None = None) -> bool:
        """Whether sentence `index` has a change at or above `at_least` (of `type`, if given)."""
        return any(
            RANK[c.severity] >= RANK[at_least] and (type is None or c.type == type) for c in self.by_sentence.get(index, ())
        )

    def is_difference(self, index: int) -> bool:
        """What `n`/`p` stop at: a change that matters (medium or high), or a sentence of the
        story (not boilerplate) that the other version does not have."""
        if index in self.boilerplate:
            return False
        return self.has(index) or self.relations[index] is None


def sentence_changes(findings: Findings) -> SentenceChanges:
    """Index `findings` by the sentences of the alignment's A side."""
    alignment = findings.alignment
    sentences = alignment.a.sentences
    starts = [s.start for s in sentences]
    placed: dict[int, list[Change]] = {}
    elsewhere: list[tuple[int, Change]] = []
    for change in findings.changes:
        if change.a is not None and sentences:
            index = max(0, bisect.bisect_right(starts, change.a.start) - 1)
        elif change.link is not None and alignment.links[change.link].a:
            index = alignment.links[change.link].a[0]
        else:
            if change.b is not None:
                elsewhere.append((_level_with(alignment, change.b.start), change))
            continue
        placed.setdefault(index, []).append(change)
    by_sentence = {i: tuple(sorted(cs, key=_order)) for i, cs in placed.items()}
    return SentenceChanges(findings, by_sentence, relations(alignment), tuple(elsewhere))


def _by_sentence(sentences, spans: list[tuple[int, int, str]]) -> dict[int, list[tuple[int, int, str]]]:
    """`spans` filed under every sentence they touch, in their order."""
    starts = [s.start for s in sentences]
    filed: dict[int, list[tuple[int, int, str]]] = {}
    for span in spans:
        k = max(0, bisect.bisect_right(starts, span[0]) - 1)
        while k < len(sentences) and sentences[k].start < span[1]:
            filed.setdefault(k, []).append(span)
            k += 1
    return filed


def _level_with(alignment: Alignment, b_offset: int) -> int:
    """The sentence of A linked to the nearest sentence of B at or before `b_offset` (0 if none)."""
    b_starts = [s.start for s in alignment.b.sentences]
    for j in range(bisect.bisect_right(b_starts, b_offset) - 1, -1, -1):
        links = alignment.links_for_b(j)
        if links:
            return links[0].a[0]
    return 0


def ordered_changes(changes: SentenceChanges) -> list[tuple[int, Change]]:
    """Every change with its sentence of A, most severe first, then by type, then in text order:
    the order a fact-checker reads them in."""
    everything = [(i, c) for i, cs in changes.by_sentence.items() for c in cs] + list(changes.elsewhere)
    return sorted(everything, key=lambda pair: (*_order(pair[1]), pair[0]))


def next_sentence(count: int, current: int, step: int, want) -> int | None:
    """The next sentence index after `current` (forward for step=1, back for -1) for which
    `want(index)` holds, or None."""
    k = current + step
    while 0 <= k < count:
        if want(k):
            return k
        k += step
    return None


class FindingsCache:
    """The `SentenceChanges` of each alignment, keyed by the alignment object itself (so a
    story's own cache, however it is kept, needs no new field: the reading screen owns one and
    hands it to the widgets that need it), filled by the alignment worker
    and read by the interface; an alignment dropped from the story takes its findings with it."""

    def __init__(self) -> None:
        self._found: weakref.WeakKeyDictionary[Alignment, SentenceChanges] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """The alignments whose findings are held: never more than the story's cache holds
        (each pair at most twice, once from each side), since they go with their alignment."""
        with self._lock:
            return len(self._found)

    def get(self, alignment: Alignment | None) -> SentenceChanges | None:
        """The findings if they have been worked out, without working them out."""
        if alignment is None:
            return None
        with self._lock:
            return self._found.get(alignment)

    def find(self, alignment: Alignment) -> SentenceChanges:
        """The findings of `alignment`, classified now unless done before."""
        found = self.get(alignment)
        if found is None:
            findings = find_changes(alignment)
            if findings.alignment is alignment:
                # The findings must not hold their own key, or the cache would keep every
                # alignment alive after the story let it go. A view read from the B side is
                # replaced by a new view of the same alignment (no flipped copy of its links).
                fresh = (swap(alignment.swapped()) if isinstance(alignment, SwappedAlignment)
                         else Alignment(alignment.a, alignment.b, alignment.links))
                findings = replace(findings, alignment=fresh)
            found = sentence_changes(findings)
            with self._lock:
                found = self._found.setdefault(alignment, found)
        return found
