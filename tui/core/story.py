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
class Place:
    """Where the reader is: the version read, the version compared with it, the current sentence
    of the version read. One value, so every pane sees the three change together."""

    reading: int
    comparing: int
    current: int


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
        self.names = distinct_names(self.articles)
        """How the reader names each version: its title, made unique with the file name."""
        self._cache: dict[tuple[int, int], Alignment] = {}
        self._relations: dict[tuple[int, int], list[Relation]] = {}
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

    def relations(self, reading: int, comparing: int) -> list[Relation] | None:
        """Every sentence's relation to the other version, once the pair is aligned (worked out
        once: the reading pane, the diff pane and the searches all ask for it)."""
        found = self._relations.get((reading, comparing))
        if found is None:
            alignment = self.cached(reading, comparing) if reading != comparing else None
            if alignment is None:
                return None
            found = self._relations.setdefault((reading, comparing), relations(alignment))
        return found

    def pairs_for(self, reading: int) -> list[int]:
        """The versions `reading` can be compared with, in list order."""
        return [k for k in range(len(self.articles)) if k != reading]


def byline(article: Article) -> str:
    """The site and date a version was published under, as far as known ("" for a plain file,
    whose source is only its file name)."""
    parts = [article.source] if article.source and article.source != article.label else []
    if article.date:
        parts.append(article.date)
    return " · ".join(parts)


def distinct_names(articles: list[Article]) -> list[str]:
    """Each version's title (from the page's metadata or its headline), or its file name when it
    has none; a title two versions share gets the file name after it, so no two are alike."""
    titles = [" ".join((a.title or a.label).split()) for a in articles]
    return [f"{t} ({a.label})" if titles.count(t) > 1 else t for t, a in zip(titles, articles)]


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


def nearest_linked(rels: list[Relation], index: int) -> int | None:
    """The sentence nearest `index` that has a counterpart (the one before on a tie), or None."""
    for distance in range(1, len(rels)):
        for k in (index - distance, index + distance):
            if 0 <= k < len(rels) and rels[k] is not None:
                return k
    return None


def level_anchor(alignment: Alignment, rels: list[Relation], index: int) -> tuple[int, int] | None:
    """(sentence read, sentence of the other version) to keep level when sentence `index` is
    current: its own counterpart, or, when it has none, the nearest linked neighbour's, so the
    other version shows the place where the sentence would be."""
    k = index if 0 <= index < len(rels) and rels[index] is not None else nearest_linked(rels, index)
    if k is None:
        return None
    return k, counterpart(alignment, k).indexes[0]


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
