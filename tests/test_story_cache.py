"""The story's alignment cache: bounded, each pair held once, the other direction a view.

Many versions of one story mean hundreds of pairs; the reader must get the same answers from the
cache as from aligning afresh, while holding each pair once and never more than the bound.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.align import align_articles
from tui.core.model import Article, LinkKind
from tui.core.story import (
    AlignmentCache,
    Story,
    SwappedAlignment,
    counterpart,
    flip_link,
    matched_count,
    relations,
    swap,
)


def _story(seed_articles: list[Article], max_sentences: int = 1_000_000) -> Story:
    return Story(seed_articles, max_sentences=max_sentences)


def _as_tuples(alignment) -> list[tuple]:
    return sorted((link.a, link.b, link.score, link.kind, link.ops) for link in alignment.links)


@pytest.mark.parametrize(("i", "j"), [(0, 1), (1, 0), (0, 4), (4, 0), (2, 3)])
def test_cached_answers_equal_a_fresh_alignment(seed_articles: list[Article], i: int, j: int) -> None:
    story = _story(seed_articles)
    story.alignment(min(i, j), max(i, j))  # computed in one direction, asked in either
    got = story.alignment(i, j)
    # Uncached, the reader aligned the pair once and copied its swap (`Alignment.swapped`).
    lo, hi = min(i, j), max(i, j)
    fresh = align_articles(seed_articles[lo], seed_articles[hi])
    fresh = fresh if i < j else fresh.swapped()
    assert got.a is seed_articles[i] and got.b is seed_articles[j]
    assert got.a_only == fresh.a_only and got.b_only == fresh.b_only
    # The view lists links in reading order, the copy in the order of the other side.
    assert _as_tuples(got) == _as_tuples(fresh)
    assert list(story.relations(i, j)) == relations(fresh)
    for s in seed_articles[i].sentences:
        assert counterpart(got, s.index) == counterpart(fresh, s.index)
    assert story.matched(i, j) == matched_count(fresh)


def test_a_pair_and_its_swap_are_held_once(seed_articles: list[Article]) -> None:
    story = _story(seed_articles)
    forward = story.alignment(0, 1)
    back = story.alignment(1, 0)
    assert len(story.cache) == 1
    assert isinstance(back, SwappedAlignment)
    assert back.swapped() is forward, "the swap is a view of the stored alignment, not a copy"
    assert story.cached(1, 0).swapped() is forward


def test_swap_of_swap_is_the_alignment_itself(seed_articles: list[Article]) -> None:
    alignment = align_articles(seed_articles[0], seed_articles[4])
    assert swap(swap(alignment)) is alignment
    view = swap(alignment)
    assert view.a is alignment.b and view.b is alignment.a
    assert view.a_only == alignment.b_only and view.b_only == alignment.a_only
    assert _as_tuples(swap(view)) == _as_tuples(alignment)
    # The view reads the same links as the copying swap of the model.
    assert _as_tuples(view) == _as_tuples(alignment.swapped())
    for j in range(len(alignment.b.sentences)):
        assert view.links_for_a(j) == alignment.swapped().links_for_a(j)


def test_a_flipped_link_reads_deletions_as_insertions(seed_articles: list[Article]) -> None:
    alignment = align_articles(seed_articles[0], seed_articles[1])
    link = next(link for link in alignment.links if any(op.op == "delete" for op in link.ops))
    flipped = flip_link(link)
    assert (flipped.a, flipped.b) == (link.b, link.a)
    assert [op.op for op in flipped.ops] == [{"delete": "insert", "insert": "delete"}.get(op.op, op.op) for op in link.ops]
    assert all((f.a, f.b) == (o.b, o.a) for f, o in zip(flipped.ops, link.ops))
    assert flip_link(flipped) == link


def test_the_least_recently_used_pair_is_dropped_first(seed_articles: list[Article]) -> None:
    a01 = align_articles(seed_articles[0], seed_articles[1])
    a02 = align_articles(seed_articles[0], seed_articles[2])
    a03 = align_articles(seed_articles[0], seed_articles[3])
    sizes = [len(x.a.sentences) + len(x.b.sentences) for x in (a01, a02, a03)]
    cache = AlignmentCache(max_sentences=sizes[0] + max(sizes[1], sizes[2]))
    cache.put(0, 1, a01)
    cache.put(0, 2, a02)
    assert cache.get(1, 0) is not None  # used last, as (1, 0): (0, 2) is now the oldest
    cache.put(0, 3, a03)
    assert (0, 1) in cache and (0, 3) in cache
    assert (0, 2) not in cache, "the pair used longest ago went"
    assert cache.held_sentences <= cache.max_sentences or len(cache) == 1


def test_a_pair_over_the_bound_alone_is_still_kept(seed_articles: list[Article]) -> None:
    cache = AlignmentCache(max_sentences=1)
    cache.put(0, 1, align_articles(seed_articles[0], seed_articles[1]))
    assert len(cache) == 1 and cache.get(0, 1) is not None
    cache.put(2, 3, align_articles(seed_articles[2], seed_articles[3]))
    assert len(cache) == 1 and (2, 3) in cache and (0, 1) not in cache


def test_putting_the_swap_of_a_held_pair_keeps_the_first(seed_articles: list[Article]) -> None:
    cache = AlignmentCache()
    first = align_articles(seed_articles[0], seed_articles[1])
    cache.put(0, 1, first)
    entry = cache.put(1, 0, align_articles(seed_articles[1], seed_articles[0]))
    assert entry.alignment is first and len(cache) == 1 and (1, 0) not in cache


def test_a_bound_below_one_sentence_is_refused() -> None:
    with pytest.raises(ValueError):
        AlignmentCache(max_sentences=0)


def test_relations_are_kept_with_the_pair_not_recomputed(seed_articles: list[Article]) -> None:
    story = _story(seed_articles)
    story.alignment(0, 1)
    assert story.relations(0, 1) is story.relations(0, 1)
    assert story.relations(1, 0) is story.relations(1, 0)
    assert story.relations(0, 2) is None and story.matched(0, 2) is None


_PAIRS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)).filter(lambda p: p[0] != p[1]), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pairs=_PAIRS, bound=st.integers(1, 300))
def test_any_sequence_of_asks_respects_the_bound_and_answers_as_fresh(seed_articles: list[Article], pairs, bound) -> None:
    story = _story(seed_articles, max_sentences=bound)
    for i, j in pairs:
        got = story.alignment(i, j)
        assert (got.a, got.b) == (seed_articles[i], seed_articles[j])
        assert story.cache.held_sentences <= bound or len(story.cache) == 1
        keys = [key for key in ((a, b) for a in range(5) for b in range(5)) if key in story.cache]
        assert not any((b, a) in story.cache for a, b in keys), "a pair and its swap both held"
        rels = story.relations(i, j)
        assert rels is not None and list(rels) == relations(got)
        assert all((r is None) == (not got.links_for_a(k)) for k, r in enumerate(rels))
        assert all(r in (None, *LinkKind) for r in rels)


def test_either_side_of_a_held_pair_is_one_object_so_per_alignment_findings_are_found_again(seed_articles: list[Article]) -> None:
    """The reader keeps each alignment's change findings by the alignment object: asking for the
    B side twice must hand out the same view while the pair is held, or the findings worked out
    for it are lost and the panes draw no counterpart."""
    from tui.core.sentence_changes import FindingsCache

    story = _story(seed_articles)
    story.alignment(0, 1)
    from_b = story.cached(1, 0)
    assert isinstance(from_b, SwappedAlignment) and story.cached(1, 0) is from_b
    assert story.cached(0, 1) is story.cached(0, 1)
    findings = FindingsCache()
    found = findings.find(from_b)
    assert findings.get(story.cached(1, 0)) is found


def test_findings_and_summaries_go_with_the_alignments_they_belong_to(seed_articles: list[Article]) -> None:
    """Issue 13: what the reader keeps per alignment (its change findings, both sides, and the
    version's summary) is held no longer than the story's bounded cache holds the alignment, so
    reading version after version stays within the cache's bound instead of growing with it."""
    from tui.core.sentence_changes import FindingsCache
    from tui.core.summary import Summaries

    sizes = [len(a.sentences) for a in seed_articles]
    bound = sizes[0] + max(sizes[1:])  # room for one pair of the version read at a time
    story = _story(seed_articles, max_sentences=bound)
    findings, summaries = FindingsCache(), Summaries()
    kept = []
    for reading in range(3):
        for k in story.pairs_for(reading):
            changes = findings.find(story.alignment(reading, k))
            findings.find(story.cached(k, reading))
            kept.append(summaries.of(changes))  # the article list's numbers stay, small
            assert len(story.cache) == 1, "the bound holds one pair"
            assert len(findings) <= 2 * len(story.cache), "findings outlived their alignment"
            assert len(summaries) <= len(story.cache)
    assert len(kept) == 12 and all(s.base_sentences > 0 for s in kept)
    assert findings.get(story.cached(0, 1)) is None, "an evicted pair's findings are gone"


def test_evicting_a_pair_frees_everything_kept_by_it_at_once(seed_articles: list[Article]) -> None:
    """Issue 13: once the cache drops a pair, its alignment, its B-side view, the findings of
    both sides (with the alignment each shows) and both summaries are freed by reference counting
    alone, with no collector pass: anything caught in a reference cycle would be frozen by the
    reader's collector settles (`tui.collector`) and never freed, so memory would grow with every
    version read."""
    import weakref

    from tui.core.sentence_changes import FindingsCache
    from tui.core.summary import Summaries

    sizes = [len(a.sentences) for a in seed_articles]
    story = _story(seed_articles, max_sentences=sizes[0] + max(sizes[1:]))  # one pair at a time
    findings, summaries = FindingsCache(), Summaries()
    alignment, from_b = story.alignment(0, 1), story.cached(1, 0)
    side_a, side_b = findings.find(alignment), findings.find(from_b)
    side_b.changed_words("a"), side_a.changed_words("b")
    held = [alignment, from_b, side_a, side_b, side_a.findings, side_b.findings, side_a.alignment,
            side_b.alignment, summaries.of(side_a), summaries.of(side_b)]
    refs = [weakref.ref(obj) for obj in held]
    del alignment, from_b, side_a, side_b, held
    assert all(ref() is not None for ref in refs), "all held while the pair is cached"
    story.alignment(0, 2)  # the bound holds one pair: (0, 1) is dropped
    assert (0, 1) not in story.cache
    assert [k for k, ref in enumerate(refs) if ref() is not None] == []
    assert len(findings) == 0 and len(summaries) == 0


def test_findings_read_from_the_b_side_keep_a_view_not_a_flipped_copy(seed_articles: list[Article]) -> None:
    """The B side's findings equal those of a flipped copy in the same order (what was kept
    before), but the alignment they show reads the stored links (no flipped copy of every link
    and word diff is kept, issue 13)."""
    from tui.core.model import Alignment
    from tui.core.sentence_changes import FindingsCache

    story = _story(seed_articles)
    for i, j in [(0, 1), (0, 4), (2, 3)]:
        story.alignment(i, j)
        view = story.cached(j, i)
        found = FindingsCache().find(view)
        copied = FindingsCache().find(Alignment(view.a, view.b, tuple(view.links)))
        assert isinstance(found.alignment, SwappedAlignment) and found.alignment is not view
        assert found.findings.changes == copied.findings.changes
        assert list(found.alignment.links) == list(copied.alignment.links)
        assert found.by_sentence == copied.by_sentence and found.elsewhere == copied.elsewhere
        assert found.changed_words("a") == copied.changed_words("a")
        assert found.changed_words("b") == copied.changed_words("b")


def test_flipped_links_read_in_the_b_sides_order_without_being_kept(seed_articles: list[Article]) -> None:
    alignment = align_articles(seed_articles[0], seed_articles[4])
    view = swap(alignment)
    expected = list(alignment.swapped().links)
    expected.sort(key=lambda link: (link.a[0], link.b[0]))
    assert list(view.links) == expected and len(view.links) == len(expected)
    assert [view.links[k] for k in range(len(expected))] == expected
    assert view.links[-1] == expected[-1] and list(view.links[1:3]) == expected[1:3]
    assert view.links[0] is not view.links[0], "flipped when read, not kept"


def test_a_summary_read_from_the_b_side_equals_that_of_a_flipped_copy(seed_articles: list[Article]) -> None:
    """`summarize` reads a view's stored links from the side that is its base instead of
    flipping each one: the numbers are those of a flipped copy, for every ordered pair of seeds
    (whose boilerplate, partial links and joins differ), and both ways."""
    from tui.core.model import Alignment
    from tui.core.sentence_changes import FindingsCache
    from tui.core.summary import summarize

    story = _story(seed_articles)
    for i in range(len(seed_articles)):
        for j in range(i + 1, len(seed_articles)):
            story.alignment(i, j)
            for view in (story.cached(j, i), story.cached(i, j)):
                found = FindingsCache().find(view)
                copied = FindingsCache().find(Alignment(view.a, view.b, tuple(view.links)))
                assert isinstance(copied.alignment, Alignment)
                mine, theirs = summarize(found.findings), summarize(copied.findings)
                assert mine == theirs
                assert mine.carried_words > 0 and mine.carried_sentences > 0
