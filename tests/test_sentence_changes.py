"""The change classification read per sentence: where each change sits, what n/p stop at, the
gutter marks, and the cache the alignment worker fills."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.align import align_articles
from tui.core.changes import Change, Findings, Span
from tui.core.model import Article, LinkKind
from tui.core.sentence_changes import FindingsCache, next_sentence, ordered_changes, sentence_changes
from tui.widgets.marks import BOILERPLATE_GLYPH, GLYPHS, TYPE_GLYPHS, gutter_glyphs, typed_spans

BASE = (
    "The mayor, Anna Kraus, said the city would hire 40 new teachers. "
    "The plan was approved on Monday by the council. "
    "Officials described the budget as balanced and fair. "
    "Residents had asked for more teachers for years.\n"
    "Read more: the city's other news"
)
EDITED = (
    "The mayor, Anna Krause, said the city would hire 14 new teachers. "
    "The plan was approved on Monday by the council. "
    "Officials called the budget balanced and fair. "
    "Residents had asked for more teachers for years.\n"
    "Read more: the city's other news"
)


@pytest.fixture(scope="module")
def changes():
    a, b = Article("a.txt", BASE), Article("b.txt", EDITED)
    return FindingsCache().find(align_articles(a, b))


def test_each_change_sits_at_the_sentence_its_span_starts_in(changes) -> None:
    kinds = {(c.type, c.severity) for c in changes.by_sentence.get(0, ())}
    assert kinds == {("name", "high"), ("number", "high")}, changes.by_sentence
    # Nothing changed in the verbatim sentence, nor in the reworded one.
    assert 1 not in changes.by_sentence and 3 not in changes.by_sentence
    assert not changes.has(2)


def test_n_stops_at_real_changes_and_not_at_rewording_or_boilerplate(changes) -> None:
    assert changes.is_difference(0)
    assert changes.relations[2] not in (None, LinkKind.VERBATIM), "sentence 2 is reworded"
    assert not changes.is_difference(2)  # reworded, no fact changed
    assert not changes.is_difference(1)  # verbatim
    assert 4 in changes.boilerplate and not changes.is_difference(4)


def test_the_most_severe_change_comes_first() -> None:
    a = Article("a.txt", "One sentence here. Another sentence there.")
    alignment = align_articles(a, a)

    def change(type_: str, severity: str, start: int) -> Change:
        return Change(type_, severity, None, Span(start, start + 3, a.text[start : start + 3]), None, "")

    findings = Findings(alignment, frozenset(), frozenset(),
                        (change("quote", "medium", 0), change("number", "high", 4), change("name", "medium", 8), change("role", "low", 20)))
    found = sentence_changes(findings)
    assert [c.type for c in found.by_sentence[0]] == ["number", "name", "quote"]
    assert [c.type for c in found.by_sentence[1]] == ["role"]
    assert found.worst(0).type == "number" and found.worst(5) is None
    # A low change is cosmetic: n passes it, a key for its type does not.
    assert not found.has(1) and found.has(1, "low") and found.has(1, "low", "role") and not found.has(1, "low", "name")


def test_a_change_only_in_the_other_version_sits_at_its_link_or_beside_it() -> None:
    a = Article("a.txt", "The minister spoke on Friday. Nothing else.")
    alignment = align_articles(a, a)
    added = Change("quote", "medium", 0, None, Span(0, 3, "The"), "quotation added")
    second = a.sentences[1]
    unplaced = Change("quote", "high", None, None, Span(second.start, second.end, second.text), "quotation added")
    found = sentence_changes(Findings(alignment, frozenset(), frozenset(), (added, unplaced)))
    # In a link: at its sentence, marked in the gutter. With no link: not in the gutter (the
    # version read has no words of it), listed beside the sentence the other one is level with.
    assert found.by_sentence == {alignment.links[0].a[0]: (added,)}
    assert found.elsewhere == ((1, unplaced),)
    assert ordered_changes(found) == [(1, unplaced), (0, added)]


def test_gutter_marks_the_type_the_severity_and_boilerplate(changes) -> None:
    glyphs = gutter_glyphs(changes)
    worst = changes.worst(0)
    assert glyphs[0] == (TYPE_GLYPHS[worst.type], f"change-{worst.severity}")
    assert glyphs[1] == GLYPHS[LinkKind.VERBATIM]
    assert glyphs[2] == GLYPHS[changes.relations[2]]  # plain rewording keeps its relation mark
    assert glyphs[4] == BOILERPLATE_GLYPH
    assert len(set(TYPE_GLYPHS.values())) == len(TYPE_GLYPHS)


def test_typed_spans_are_the_changed_words_on_each_side(changes) -> None:
    a_words = {BASE[s:e] for s, e, cls in typed_spans(changes, 0, "a")}
    b_words = {EDITED[s:e] for s, e, cls in typed_spans(changes, 0, "b")}
    assert {"Kraus", "40"} <= a_words and {"Krause", "14"} <= b_words
    assert all(cls == "typed" for *_, cls in typed_spans(changes, 0, "a"))
    assert typed_spans(changes, 2, "a") == []


def test_the_cache_classifies_once_and_lets_go_with_the_alignment() -> None:
    cache = FindingsCache()
    alignment = align_articles(Article("a.txt", BASE), Article("b.txt", EDITED))
    assert cache.get(alignment) is None and cache.get(None) is None
    first = cache.find(alignment)
    assert cache.find(alignment) is first and cache.get(alignment) is first
    del alignment, first
    gc.collect()
    assert len(cache._found) == 0


@pytest.mark.parametrize(
    ("flags", "current", "step", "expected"),
    [
        ([0, 1, 0, 1], 0, 1, 1),
        ([0, 1, 0, 1], 1, 1, 3),
        ([0, 1, 0, 1], 3, 1, None),  # no wrap here: the screen wraps and says so
        ([0, 1, 0, 1], 3, -1, 1),
        ([1, 0, 0, 0], 0, -1, None),
        ([1, 0, 0, 0], -1, 1, 0),  # from before the start
    ],
)
def test_next_sentence(flags: list[int], current: int, step: int, expected: int | None) -> None:
    assert next_sentence(len(flags), current, step, lambda k: bool(flags[k])) == expected


@given(st.lists(st.booleans(), min_size=1, max_size=40), st.data())
def test_next_sentence_is_the_nearest_wanted_in_its_direction(flags: list[bool], data) -> None:
    current = data.draw(st.integers(0, len(flags) - 1))
    step = data.draw(st.sampled_from([1, -1]))
    found = next_sentence(len(flags), current, step, lambda k: flags[k])
    between = range(current + step, found if found is not None else (len(flags) if step > 0 else -1), step)
    assert not any(flags[k] for k in between)
    if found is not None:
        assert flags[found] and (found - current) * step > 0
