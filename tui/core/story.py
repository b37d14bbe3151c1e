"""The versions of one story and the alignments between them, as the reader navigates them.

The reader asks the same few questions over and over (what is this sentence's counterpart in
that version, how does it relate, where is the next sentence that differs); answering them here
keeps the widgets thin and lets the answers be tested without a terminal.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from .align import align_articles
from .model import Alignment, Article, DiffOp, LinkKind, SentenceLink

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


class SwappedAlignment:
    """An alignment read from its B side: the same links, looked up the other way round.

    A view, not a copy: the stored alignment is shared and only the links a question touches are
    flipped, when it asks. `links` is a `FlippedLinks` sequence that keeps no flipped link (a
    kept flipped copy was about a sixth of what a cached pair holds, issue 13). The story's cache
    holds each pair once, so asking for (b, a) after (a, b) costs nothing and holds no second copy.
    """

    def __init__(self, base: Alignment) -> None:
        self._base = base

    @property
    def a(self) -> Article:
        return self._base.b

    @property
    def b(self) -> Article:
        return self._base.a

    @cached_property
    def links(self) -> FlippedLinks:
        """Kept: it holds the order alone, not the flipped links."""
        return FlippedLinks(self._base.links)

    def links_for_a(self, index: int) -> list[SentenceLink]:
        return [flip_link(link) for link in self._base.links_for_b(index)]

    def links_for_b(self, index: int) -> list[SentenceLink]:
        return [flip_link(link) for link in self._base.links_for_a(index)]

    @property
    def a_only(self) -> list[int]:
        return self._base.b_only

    @property
    def b_only(self) -> list[int]:
        return self._base.a_only

    def swapped(self) -> Alignment:
        return self._base


class FlippedLinks(Sequence[SentenceLink]):
    """The links of an alignment seen from its B side, in the B side's reading order (by first
    sentence, as `Alignment.links` is by A's): each link is flipped when it is read and not kept.
    Only the order is worked out, one small tuple of indexes, when first needed."""

    def __init__(self, base: tuple[SentenceLink, ...]) -> None:
        self._base = base
        self._order: tuple[int, ...] | None = None

    def _positions(self) -> tuple[int, ...]:
        if self._order is None:
            base = self._base
            self._order = tuple(sorted(range(len(base)), key=lambda k: (base[k].b[0], base[k].a[0])))
        return self._order

    def __len__(self) -> int:
        return len(self._base)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(flip_link(self._base[k]) for k in self._positions()[index])
        return flip_link(self._base[self._positions()[index]])

    def __iter__(self) -> Iterator[SentenceLink]:
        base = self._base
        return (flip_link(base[k]) for k in self._positions())


AnyAlignment = Alignment | SwappedAlignment
"""What the story hands out: an alignment as computed, or one read from its other side."""

_FLIP_OP = {"delete": "insert", "insert": "delete"}


def flip_link(link: SentenceLink) -> SentenceLink:
    """The link seen from its B side: sides exchanged, deletions read as insertions."""
    ops = tuple(
        DiffOp(_FLIP_OP.get(op.op, op.op), op.b, op.a, op.b_start, op.b_end, op.a_start, op.a_end)
        for op in link.ops
    )
    return SentenceLink(link.b, link.a, link.score, link.kind, ops)


def swap(alignment: AnyAlignment) -> AnyAlignment:
    """The alignment read from its other side, without copying it."""
    if isinstance(alignment, SwappedAlignment):
        return alignment.swapped()
    return SwappedAlignment(alignment)


@dataclass(frozen=True)
class AlignedPair:
    """One computed alignment with what the reader asks of it on every key, worked out once:
    each side's sentence relations and how many of its sentences have a counterpart."""

    alignment: Alignment
    from_b: SwappedAlignment
    """The alignment read from its B side: one view for as long as the pair is held, so whatever
    is kept per alignment object (the reader's change findings) is found again for either side."""
    relations_a: tuple[Relation, ...]
    relations_b: tuple[Relation, ...]
    matched_a: int
    """Sentences of A with a counterpart in B."""
    matched_b: int
    """Sentences of B with a counterpart in A."""

    @classmethod
    def of(cls, alignment: Alignment) -> AlignedPair:
        from_b = SwappedAlignment(alignment)
        rels_a = tuple(relations(alignment))
        rels_b = tuple(relations(from_b))
        return cls(alignment, from_b, rels_a, rels_b,
                   sum(r is not None for r in rels_a), sum(r is not None for r in rels_b))

    @property
    def size(self) -> int:
        """What the cache's bound counts: the sentences of both versions."""
        return len(self.relations_a) + len(self.relations_b)


DEFAULT_MAX_SENTENCES = 50_000
"""The cache's default bound, in sentences of both versions of every pair it holds. A pair
held by the reader costs about 2.7 KB of memory a sentence: 1.8 KB for the alignment (links,
word diffs, lookups, relations), 0.85 KB for the change findings of both sides
(`sentence_changes.FindingsCache`, which drops them with the pair; the B side's read the stored
links through a view, with no flipped copy: that copy was 0.55 KB more), and the summary
(`summary.Summaries`, likewise); 0.4 KB more once the whole-article view has marked its words
(measured with tracemalloc on republications of a seed, issue 13). So the bound is about 135
MB, and holds every pair of the version read with 500 others of 45 sentences each."""


class AlignmentCache:
    """Alignments by unordered pair, least recently used dropped first.

    Each pair is held once, in the direction it was computed; the other direction is a
    `SwappedAlignment` view. The bound is `max_sentences`, summed over the pairs held (see
    `AlignedPair.size`); the pair just stored is kept even when it alone is over the bound, so
    that one very long pair still works. Not thread-safe on its own: `Story` locks around it.
    """

    def __init__(self, max_sentences: int = DEFAULT_MAX_SENTENCES) -> None:
        if max_sentences < 1:
            raise ValueError("the cache bound must be at least one sentence")
        self.max_sentences = max_sentences
        self._pairs: OrderedDict[tuple[int, int], AlignedPair] = OrderedDict()
        self._held = 0

    def __len__(self) -> int:
        return len(self._pairs)

    @property
    def held_sentences(self) -> int:
        """The sentences of the pairs held now, the figure the bound applies to."""
        return self._held

    def __contains__(self, key: tuple[int, int]) -> bool:
        return key in self._pairs

    def get(self, reading: int, comparing: int) -> tuple[AlignedPair, bool] | None:
        """The pair and whether it was computed the other way round (reading as its B side),
        marked as just used; None when it is not held."""
        for key, flipped in (((reading, comparing), False), ((comparing, reading), True)):
            entry = self._pairs.get(key)
            if entry is not None:
                self._pairs.move_to_end(key)
                return entry, flipped
        return None

    def put(self, reading: int, comparing: int, alignment: Alignment) -> AlignedPair:
        """Keep `alignment` of (reading, comparing), unless the pair is held already (either way
        round), then drop the least recently used pairs until the bound holds."""
        found = self.get(reading, comparing)
        if found is not None:
            return found[0]
        entry = AlignedPair.of(alignment)
        self._pairs[(reading, comparing)] = entry
        self._held += entry.size
        while self._held > self.max_sentences and len(self._pairs) > 1:
            _, dropped = self._pairs.popitem(last=False)
            self._held -= dropped.size
        return entry


class Story:
    """Every loaded version, with alignments computed once per pair and shared both ways.

    Alignment of a pair is symmetric, so `alignment(b, a)` reads `alignment(a, b)` from its other
    side (`SwappedAlignment`). The cache is bounded (`AlignmentCache`); the lock lets a worker
    thread fill it while the interface reads what is there.
    """

    def __init__(self, articles: list[Article], max_sentences: int = DEFAULT_MAX_SENTENCES,
                 on_stored: Callable[[], None] | None = None) -> None:
        if not articles:
            raise ValueError("a story needs at least one version")
        self.articles = list(articles)
        self.names = distinct_names(self.articles)
        """How the reader names each version: its title, made unique with the file name."""
        self._cache = AlignmentCache(max_sentences)
        self._lock = threading.Lock()
        self._on_stored = on_stored
        """Called after each new alignment is stored (by the thread that computed it): the
        reader settles the garbage collector there, see `tui.collector`."""

    def __len__(self) -> int:
        return len(self.articles)

    def add(self, articles: list[Article]) -> None:
        """Versions read after the story opened (the reader reads most of them after its first
        screen): appended in order, so every index handed out before keeps its version. A title
        a new version shares makes the older ones' names distinct too."""
        self.articles.extend(articles)
        self.names = distinct_names(self.articles)

    @property
    def cache(self) -> AlignmentCache:
        return self._cache

    def _entry(self, reading: int, comparing: int) -> tuple[AlignedPair, bool] | None:
        with self._lock:
            return self._cache.get(reading, comparing)

    def cached(self, reading: int, comparing: int) -> AnyAlignment | None:
        """The alignment if it has been computed, without computing it."""
        found = self._entry(reading, comparing)
        if found is None:
            return None
        entry, flipped = found
        return entry.from_b if flipped else entry.alignment

    def alignment(self, reading: int, comparing: int) -> AnyAlignment:
        """Align two versions, or return the alignment computed before."""
        found = self.cached(reading, comparing)
        if found is not None:
            return found
        result = align_articles(self.articles[reading], self.articles[comparing])
        with self._lock:
            self._cache.put(reading, comparing, result)
        if self._on_stored is not None:
            self._on_stored()
        return self.cached(reading, comparing) or result

    def relations(self, reading: int, comparing: int) -> tuple[Relation, ...] | None:
        """Every sentence's relation to the other version, once the pair is aligned (worked out
        once per pair and kept with it: the panes and the searches all ask for it)."""
        found = self._entry(reading, comparing)
        if found is None:
            return None
        entry, flipped = found
        return entry.relations_b if flipped else entry.relations_a

    def matched(self, reading: int, comparing: int) -> int | None:
        """How many sentences of `reading` have a counterpart in `comparing`, once aligned."""
        found = self._entry(reading, comparing)
        if found is None:
            return None
        entry, flipped = found
        return entry.matched_b if flipped else entry.matched_a

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
    counts = Counter(titles)
    return [f"{t} ({a.label})" if counts[t] > 1 else t for t, a in zip(titles, articles)]


def counterpart(alignment: AnyAlignment, index: int) -> Counterpart:
    """The counterpart of sentence `index` of the alignment's A side in its B side."""
    links = alignment.links_for_a(index)
    if not links:
        return Counterpart(None)
    # A same-content link outranks a partial one even when the partial scores higher.
    links.sort(key=lambda link: (link.kind is LinkKind.PARTIAL, -link.score))
    return Counterpart(links[0], tuple(links[1:]))


def relations(alignment: AnyAlignment) -> list[Relation]:
    """The relation of every sentence of A to B, for marks in the reading pane."""
    return [counterpart(alignment, s.index).relation for s in alignment.a.sentences]


def matched_count(alignment: AnyAlignment) -> int:
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
