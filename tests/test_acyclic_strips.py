"""Drawn lines never refer to themselves, so a line Textual drops is freed at once, even after
the collector has settled it (issue 13: 11,459 such lines kept after reading 15 of 200 versions).

These tests fail if a Textual upgrade changes what `tui.acyclic_strips` relies on."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui import acyclic_strips, collector


class TracedStrip(Strip):
    """A strip that can be watched with a weak reference (`Strip` has slots and none for it)."""

    __slots__ = ("__weakref__",)


def line(*texts: str) -> TracedStrip:
    return TracedStrip([Segment(text, Style(bold=k % 2 == 1)) for k, text in enumerate(texts)])


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Only reference counting frees anything while the test runs."""
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


def test_textual_still_caches_a_whole_line_as_its_own_division() -> None:
    """What the wrappers are for: unwrapped, Textual's strip keeps itself in its caches. If this
    fails, a Textual upgrade stopped doing so, and `acyclic_strips` can go."""
    strip = line("The minister ", "resigned", " on Tuesday.")
    width = strip.cell_length
    assert acyclic_strips._original_divide(strip, [width]) == [strip]
    assert strip in gc.get_referents(*gc.get_referents(strip._divide_cache._cache))
    assert acyclic_strips._original_crop_extend(strip, 0, width, None) is strip
    assert strip in gc.get_referents(strip._crop_extend_cache._cache)


def test_install_wraps_textuals_strip() -> None:
    assert acyclic_strips.install() is True
    assert acyclic_strips.install() is True, "a second call changes nothing"
    assert Strip.divide is acyclic_strips._divide
    assert Strip.crop_extend is acyclic_strips._crop_extend


@pytest.mark.parametrize(
    "use",
    [
        pytest.param(lambda s: s.divide([s.cell_length]), id="divided whole (a line nothing overlaps)"),
        pytest.param(lambda s: s.divide([s.cell_length, s.cell_length + 4]), id="cuts beyond the end"),
        pytest.param(lambda s: s.crop_extend(0, s.cell_length, None), id="nothing to crop or add"),
        pytest.param(lambda s: s.crop_extend(-2, s.cell_length, Style(italic=True)), id="a start before it"),
        pytest.param(lambda s: s.divide([3, s.cell_length]), id="divided in two"),
        pytest.param(lambda s: s.crop_extend(0, s.cell_length + 5, None), id="extended"),
        pytest.param(lambda s: s.crop(2, 6).divide([4]), id="a crop divided whole"),
    ],
)
def test_a_dropped_line_is_freed_without_the_collector(collector_off, use) -> None:
    acyclic_strips.install()
    strip = line("Ministers ", "said", " nothing more.")
    use(strip)
    watch = weakref.ref(strip)
    del strip
    assert watch() is None, "the line refers to itself: only a collector pass could free it"


def test_not_installed_the_dropped_line_stays(collector_off, monkeypatch) -> None:
    """The test above can fail: with Textual's own methods the line outlives its last name."""
    monkeypatch.setattr(Strip, "divide", acyclic_strips._original_divide)
    strip = line("Ministers ", "said", " nothing more.")
    strip.divide([strip.cell_length])
    watch = weakref.ref(strip)
    del strip
    assert watch() is not None
    gc.collect()
    assert watch() is None


pieces = st.lists(st.tuples(st.text(alphabet="ab 界é", min_size=1, max_size=6), st.booleans()), min_size=0, max_size=5)


@given(pieces=pieces, cuts=st.lists(st.integers(min_value=0, max_value=30), max_size=4))
def test_divide_answers_as_textual_does(pieces, cuts) -> None:
    acyclic_strips.install()
    strip = Strip([Segment(text, Style(bold=bold)) for text, bold in pieces])
    cuts = sorted(set(cuts)) + [strip.cell_length]
    ours = acyclic_strips._divide(strip, cuts)
    theirs = acyclic_strips._original_divide(Strip(list(strip), strip.cell_length), cuts)
    assert [(s.cell_length, list(s)) for s in ours] == [(s.cell_length, list(s)) for s in theirs]


@given(pieces=pieces, start=st.integers(min_value=-2, max_value=20), end=st.integers(min_value=0, max_value=30))
def test_crop_extend_answers_as_textual_does(pieces, start, end) -> None:
    strip = Strip([Segment(text, Style(bold=bold)) for text, bold in pieces])
    pad = Style(italic=True)
    ours = acyclic_strips._crop_extend(strip, start, end, pad)
    theirs = acyclic_strips._original_crop_extend(Strip(list(strip), strip.cell_length), start, end, pad)
    assert (ours.cell_length, list(ours)) == (theirs.cell_length, list(theirs))


def cyclic_strips() -> int:
    """Drawn lines that only a collector pass could free, among all objects now unreachable
    (the settled ones included: they are handed back to the collector first)."""
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        gc.collect()
        return sum(isinstance(o, Strip) for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


async def test_lines_the_reader_drops_after_a_settle_are_freed(make_app, settle) -> None:
    """The reader settles the collector (everything alive, the lines on screen included, is
    taken out of its passes) and then draws other lines: the ones it dropped are freed, not
    kept until the reader closes."""
    gc.collect()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        collector.settle()
        for key in ("j", "j", "right_square_bracket", "n", "j"):
            await pilot.press(key)
            await settle(pilot)
        assert cyclic_strips() == 0
