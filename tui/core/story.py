"""The versions of one story and the alignments between them, as the reader navigates them.

The reader asks the same few questions over and over (what is this sentence's counterpart in
that version, how does it relate, where is the next sentence that differs); answering them here
keeps the widgets thin and lets the answers be tested without a terminal.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .align import align_articles
from .model import Alignment, Article, LinkKind, SentenceLink

# How a sentence relates to the comparison version: a link kind, or None for no counterpart.
Relation = LinkKind | None


@dataclass(frozen=True)
class Counterpart:
    """Where a sentence of the version being read went in another version."""

    link: SentenceLink | None
    """The best link touching the sentence, or None when the other version has no counterpart."""
    others: tuple[SentenceLink, ...] = ()
    """Further (partial) links, weaker than `link`."""

    @property
    def indexes(self) -> tuple[int, ...]:
        """Sentences of the other version in the best link."""
        return self.link.b if self.link else ()

    @property
    def relation(self) -> Relation:
        return self.link.kind if self.link else None


class Story:
    """Every loaded version, with alignments computed once per pair and shared both ways.

    Alignment of a pair is symmetric, so `alignment(b, a)` is `alignment(a, b).swapped()`; the
    cache lock lets a worker thread fill it while the interface reads what is there.
    """

    def __init__(self, articles: list[Article]) -> None:
        if not articles:
            raise ValueError("a story needs at least one version")
        self.articles = list(articles)
        self._cache: dict[tuple[int, int], Alignment] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.articles)

    def cached(self, reading: int, comparing: int) -> Alignment | None:
        """The alignment if it has been computed, without computing it."""
        with self._lock:
            if (reading, comparing) in self._cache:
                return self._cache[(reading, comparing)]
            if (comparing, reading) in self._cache:
                swapped = self._cache[(comparing, reading)].swapped()
                self._cache[(reading, comparing)] = swapped
                return swapped
        return None

    def alignment(self, reading: int, comparing: int) -> Alignment:
        """Align two versions, or return the alignment computed before."""
        found = self.cached(reading, comparing)
        if found is not None:
            return found
        result = align_articles(self.articles[reading], self.articles[comparing])
        with self._lock:
            self._cache.setdefault((reading, comparing), result)
            return self._cache[(reading, comparing)]

    def pairs_for(self, reading: int) -> list[int]:
        """The versions `reading` can be compared with, in list order."""
        return [k for k in range(len(self.articles)) if k != reading]


def counterpart(alignment: Alignment, index: int) -> Counterpart:
    """The counterpart of sentence `index` of the alignment's A side in its B side."""
    links = alignment.links_for_a(index)
    if not links:
        return Counterpart(None)
    # A same-content link outranks a partial one even when the partial scores higher.
    links.sort(key=lambda link: (link.kind is LinkKind.PARTIAL, -link.score))
    return Counterpart(links[0], tuple(links[1:]))


def relations(alignment: Alignment) -> list[Relation]:
    """The relation of every sentence of A to B, for marks in the reading pane."""
    return [counterpart(alignment, s.index).relation for s in alignment.a.sentences]


def matched_count(alignment: Alignment) -> int:
    """Sentences of A that have any counterpart in B."""
    return len(alignment.a.sentences) - len(alignment.a_only)


def next_index(rels: list[Relation], current: int, step: int, want) -> int | None:
    """The next sentence (forward for step=1, back for -1) whose relation satisfies `want`."""
    k = current + step
    while 0 <= k < len(rels):
        if want(rels[k]):
            return k
        k += step
    return None


def differs(relation: Relation) -> bool:
    """Anything but a verbatim copy counts as a difference worth stopping at."""
    return relation is not LinkKind.VERBATIM


def unmatched(relation: Relation) -> bool:
    return relation is None
