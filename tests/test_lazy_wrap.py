"""Wrapping on demand (`LazyWrap`): whatever order paragraphs are wrapped in, the lines it shows
are the lines a whole wrap gives, and a wrapped stretch sits exactly as it would in the whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rich.text import Text

from tui.widgets.wrapping import LazyWrap, _wrap_words, estimate_lines, line_count, wrap_offsets, wrapped_segments


def whole_layout(texts: list[str], width: int) -> list[tuple[int, int, int]]:
    """Every line of the whole text wrapped at once, as the view drew it before wrapping on
    demand: (paragraph, line within it, start offset), with (-1, 0, 0) for the blank line
    between two paragraphs."""
    lines: list[tuple[int, int, int]] = []
    for p, text in enumerate(texts):
        if p:
            lines.append((-1, 0, 0))
        lines.extend((p, k, start) for k, (start, _) in enumerate(wrap_offsets(text, width)))
    return lines or [(-1, 0, 0)]


def whole_first_lines(texts: list[str], width: int) -> list[int]:
    firsts, line = [], 0
    for text in texts:
        firsts.append(line)
        line += len(wrap_offsets(text, width)) + 1
    return firsts


WORD = st.one_of(
    st.text(alphabet="abcdefghij,.", min_size=1, max_size=12),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=20, max_size=70),  # wider than a line
    st.text(alphabet="東京都庁日本語", min_size=1, max_size=6),  # two cells a character
)
PARAGRAPH = st.lists(WORD, min_size=0, max_size=60).map(lambda words: "   " + " ".join(words))
TEXTS = st.lists(PARAGRAPH, min_size=1, max_size=25)
STEP = st.tuples(st.sampled_from(["around", "locate", "line_of"]), st.integers(0, 400), st.integers(0, 60), st.integers(0, 60))


@settings(max_examples=150, deadline=None)
@given(texts=TEXTS, width=st.integers(1, 90), steps=st.lists(STEP, max_size=12))
def test_lines_wrapped_on_demand_are_the_lines_of_a_whole_wrap(texts: list[str], width: int, steps: list) -> None:
    lazy = LazyWrap(texts, width, whole=0)
    whole = whole_layout(texts, width)
    firsts = whole_first_lines(texts, width)
    for action, n, above, below in steps:
        p = n % len(texts)
        if action == "around":
            lazy.wrap_around(p, above, below)
            # The stretch just wrapped sits as it does in the whole wrap, relative to `p`.
            q = p
            while q + 1 < len(texts) and lazy.wrapped(q + 1):
                q += 1
                assert lazy.first_line(q) - lazy.first_line(p) == firsts[q] - firsts[p]
            q = p
            while q > 0 and lazy.wrapped(q - 1):
                q -= 1
                assert lazy.first_line(p) - lazy.first_line(q) == firsts[p] - firsts[q]
        elif action == "locate":
            line = n % (lazy.total + 2)
            got = lazy.locate(line)
            if got[0] >= 0:
                assert lazy.wrapped(got[0])
                assert 0 <= got[1] < len(lazy.spans(got[0]))
        else:
            offset = above * len(texts[p]) // 60
            line = lazy.line_of(p, offset)
            start = lazy.spans(p)[line - lazy.first_line(p)][0]
            assert start <= max(offset, 0) or line == lazy.first_line(p)
        for q in range(len(texts)):
            if lazy.wrapped(q):
                assert lazy.spans(q) == wrap_offsets(texts[q], width)
    # Once everything is wrapped, every line is the whole wrap's line.
    lazy.wrap_around(0, 0, 10**9)
    assert lazy.total == len(whole)
    assert [lazy.first_line(q) for q in range(len(texts))] == firsts
    for line, (p, k, start) in enumerate(whole):
        assert lazy.locate(line) == (p, k)
        if p >= 0:
            assert lazy.spans(p)[k][0] == start
            assert lazy.line_of(p, start) == line


def test_nothing_is_wrapped_before_it_is_asked_for() -> None:
    texts = ["   " + "word " * 200] * 100
    lazy = LazyWrap(texts, 40, whole=0)
    assert not any(lazy.wrapped(p) for p in range(len(texts)))
    lazy.locate(0)
    assert [p for p in range(len(texts)) if lazy.wrapped(p)] == [0]
    lazy.wrap_around(50, 20, 20)
    wrapped = [p for p in range(len(texts)) if lazy.wrapped(p)]
    # 50 and one neighbour each side (each paragraph and its blank line make 26 lines).
    assert wrapped == [0, 49, 50, 51]


def test_a_short_text_is_wrapped_whole_at_once() -> None:
    lazy = LazyWrap(["   A short paragraph.", "   Another one, short too."], 10)
    assert lazy.wrapped(0) and lazy.wrapped(1)


def test_the_rough_line_of_a_paragraph_not_wrapped_wraps_nothing() -> None:
    texts = ["   " + "word " * 200] * 10
    lazy = LazyWrap(texts, 40, whole=0)
    rough, start = lazy.rough_lines([(5, len(texts[5]) // 2), (5, 0)])
    assert not lazy.wrapped(5)
    assert lazy.first_line(5) <= rough < lazy.first_line(5) + lazy.height(5)
    assert start == lazy.first_line(5)


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("", 40, 1),
        ("A short line.", 40, 1),
        ("Exactly forty characters, all on a line", 40, 1),
        # A news paragraph of 447 characters at 60 columns wraps to 8 lines.
        (
            "The company said on Tuesday that it would close three of its plants by the end of the year, "
            "cutting about 1,200 jobs, as demand for its older models fell faster than expected. Its chief "
            "executive told analysts that the decision had been difficult but necessary. Shares rose 4% in "
            "early trading. Unions said they had not been consulted and would challenge the closures in "
            "court, and the regional government asked for talks before any plant is shut.",
            60,
            8,
        ),
    ],
)
def test_the_estimate_is_near_the_wrap(text: str, width: int, lines: int) -> None:
    assert len(wrap_offsets(text, width)) == lines
    assert abs(estimate_lines(text, width) - lines) <= max(1, lines // 10)


def test_the_estimate_is_never_below_one_line_nor_above_one_a_cell() -> None:
    assert estimate_lines("", 1) == 1
    assert estimate_lines("x" * 500, 1) == 500
    assert estimate_lines("a b " * 100, 3) <= 400


def test_first_lines_give_where_each_paragraph_ends() -> None:
    texts = ["   " + "word " * n for n in (3, 40, 0, 17)]
    lazy = LazyWrap(texts, 20, whole=0)
    lazy.spans(1)
    starts = lazy.first_lines()
    for p in range(len(texts)):
        assert starts[p] == lazy.first_line(p)
        assert starts[p + 1] - 2 == lazy.first_line(p) + lazy.height(p) - 1
    assert starts[-1] - 1 == lazy.total


@given(PARAGRAPH, st.integers(1, 90))
@settings(max_examples=300, deadline=None)
def test_a_text_that_fits_is_one_line_as_the_words_loop_finds(text: str, width: int) -> None:
    assert wrap_offsets(text, width) == _wrap_words(text, width)
    assert wrap_offsets(text[:width], width) == _wrap_words(text[:width], width)  # often fits


STYLES = st.sampled_from(["", "dim", "bold", "dim italic"])


@given(st.lists(st.tuples(st.one_of(PARAGRAPH, st.just("\n  "), st.just("\n")), STYLES), max_size=6), st.integers(0, 90))
@settings(max_examples=300, deadline=None)
def test_the_lines_counted_from_plain_text_are_the_lines_drawn(runs: list[tuple[str, str]], width: int) -> None:
    """The article list lays entries out by `line_count` and draws them with `wrapped_segments`:
    the two must agree on every text, styled in runs and broken by newlines, at every width."""
    text = Text.assemble(*runs)
    assert line_count(text.plain, width) == len(wrapped_segments(text, width))
