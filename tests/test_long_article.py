"""A long article in the reader: wrapped on demand, and shown exactly as if wrapped whole.

The reader wraps a long article's paragraphs where they are shown (`LazyWrap`) and estimates the
rest. Whatever the reader does, the panes must show what they showed when everything was wrapped
before the first frame: the same lines, the same marks, the current sentence where it belongs.
Each journey here is run twice, wrapping on demand and wrapping whole, and the screens compared.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from rich.segment import Segment
from textual.pilot import Pilot

from tui.core.model import Article
from tui.core.story import counterpart
from tui.screens.reader import ReaderScreen
from tui.widgets import wrapping
from tui.widgets.article_view import ArticleView
from tui.widgets.divergence import GLYPH as STRIP_GLYPH
from tui.widgets.divergence import strip_rows

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


@pytest.fixture(scope="module")
def long_pair() -> list[Article]:
    """Two versions of one long article (about 90 KB each, over 600 sentences): the first seed's
    paragraphs twenty times over, each numbered; the second drops one paragraph in nine,
    rewords a phrase in every third and drops the last sentence of every fourth."""
    from tui.core.loading import default_seeds_dir

    seed = sorted(default_seeds_dir().glob("*.txt"))[0].read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.split("\n\n") if p.strip()]
    a, b = [], []
    for r in range(20):
        for k, para in enumerate(paragraphs):
            text = f"Part {r + 1}.{k + 1}: {para}"
            a.append(text)
            if (r * len(paragraphs) + k) % 9 != 4:
                if k % 3 == 0:
                    text = text.replace(" said ", " told reporters ")
                if k % 4 == 1 and ". " in text:
                    text = text.rsplit(". ", 1)[0] + "."  # its last sentence dropped
                b.append(text)
    return [Article(path="long_a.txt", text="\n\n".join(a)), Article(path="long_b.txt", text="\n\n".join(b))]


def shown(view: ArticleView) -> list[list[Segment]]:
    """Each row the view draws, text and styles, without its last two columns (the divergence
    strip and the scrollbar: both are drawn from the estimated total height)."""
    width = view.scrollable_content_region.width - 2
    return [list(view.render_line(y).crop(0, width)) for y in range(view.scrollable_content_region.height)]


def row_text(view: ArticleView, y: int) -> str:
    return "".join(segment.text for segment in shown(view)[y])


def views(app) -> tuple[ReaderScreen, ArticleView, ArticleView]:
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    return screen, screen.query_one("#reading-view", ArticleView), screen.query_one("#compare-view", ArticleView)


def wrapped_count(view: ArticleView) -> int:
    lines = view.wrapping
    assert lines is not None
    return sum(lines.wrapped(p) for p in range(len(lines)))


def starts_on_row(view: ArticleView, article: Article, index: int) -> int:
    """The row where sentence `index` is drawn, checked against the text drawn there."""
    row = view.sentence_row(index)
    assert row is not None and 0 <= row < view.scrollable_content_region.height
    drawn = " ".join(row_text(view, y).strip() for y in range(row, min(row + 3, view.scrollable_content_region.height)))
    assert " ".join(article.sentences[index].text.split())[:30] in " ".join(drawn.split())
    return row


async def journey(app, settle: Settle) -> list[tuple[str, list, list]]:
    """What both panes show after each step of a reader's way through a long article."""
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, compare = views(app)

        async def look(step: str) -> None:
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            seen.append((step, shown(reading), shown(compare)))

        await look("opened")
        await pilot.press("G")
        await look("G")
        screen.go(current=len(screen.story.articles[0].sentences) * 2 // 5)
        await look("far jump")
        for k in range(3):
            await pilot.press("pageup")
            await look(f"page up {k}")
        await pilot.press("j", "j", "x", "right")
        await look("selection")
        await pilot.press("escape", "n", "n")
        await look("next change")
        for k in range(4):
            await pilot.press("pagedown")
            await look(f"page down {k}")
    return seen


async def test_a_long_article_shows_what_wrapping_it_whole_showed(long_pair, make_app, settle: Settle, monkeypatch: pytest.MonkeyPatch) -> None:
    on_demand = await journey(make_app(long_pair), settle)
    monkeypatch.setattr(wrapping, "WRAP_WHOLE", 10**12)
    whole = await journey(make_app(long_pair), settle)
    assert [step for step, _, _ in on_demand] == [step for step, _, _ in whole]
    for (step, reading, compare), (_, reading_whole, compare_whole) in zip(on_demand, whole):
        assert reading == reading_whole, f"reading pane after {step}"
        assert compare == compare_whole, f"comparison pane after {step}"


async def test_a_long_article_opens_with_only_what_is_shown_wrapped(long_pair, make_app, settle: Settle) -> None:
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, _ = views(app)
        lines = reading.wrapping
        assert lines is not None and len(lines) > 200
        assert wrapped_count(reading) < len(lines) // 10
        starts_on_row(reading, long_pair[0], 0)
        # The total height is estimated near what a whole wrap gives.
        whole = wrapping.LazyWrap(lines.texts, lines.width, whole=10**12)
        assert abs(reading.virtual_size.height - whole.total) <= whole.total // 20


async def test_G_lands_on_the_last_sentence_with_the_band_on_it(long_pair, make_app, settle: Settle) -> None:
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, _ = views(app)
        await pilot.press("G")
        await pilot.pause()
        last = len(long_pair[0].sentences) - 1
        assert screen.current == last
        row = starts_on_row(reading, long_pair[0], last)
        # The end of the article is shown, at the bottom of the scroll range.
        assert reading.scroll_y == reading.max_scroll_y
        band = reading.get_component_rich_style("article-view--current").bgcolor
        words = long_pair[0].sentences[last].text.split()
        on_band = "".join(s.text for y in range(row, reading.scrollable_content_region.height) for s in shown(reading)[y] if s.style and s.style.bgcolor == band)
        assert " ".join(on_band.split()).endswith(" ".join(words[-3:]))
        assert " ".join(words[:3]) in " ".join(on_band.split())
        assert wrapped_count(reading) < len(reading.wrapping) // 10


async def test_a_far_jump_puts_the_sentence_a_third_down_and_the_panes_level(long_pair, make_app, settle: Settle) -> None:
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, compare = views(app)
        target = len(long_pair[0].sentences) * 3 // 5
        screen.go(current=target)
        await pilot.pause()
        await pilot.pause()
        row = starts_on_row(reading, long_pair[0], target)
        height = reading.scrollable_content_region.height
        assert row == max(3, height // 3)
        cp = counterpart(screen.alignment, screen.current)
        assert cp is not None and cp.link is not None
        assert reading.content_region.y + row == compare.content_region.y + starts_on_row(compare, long_pair[1], cp.indexes[0])


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_a_resize_keeps_the_current_sentence_in_view(long_pair, make_app, settle: Settle, size: tuple[int, int]) -> None:
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, compare = views(app)
        target = len(long_pair[0].sentences) // 2
        screen.go(current=target)
        await pilot.pause()
        before = wrapped_count(reading)
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.pause()
        assert screen.current == target
        row = starts_on_row(reading, long_pair[0], target)
        cp = counterpart(screen.alignment, screen.current)
        compare_row = starts_on_row(compare, long_pair[1], cp.indexes[0])
        if reading.content_region.y == compare.content_region.y:  # side by side (at 80 columns, stacked)
            assert row == compare_row
        # Only what is shown was wrapped at the new width.
        assert wrapped_count(reading) <= 2 * before + 10
        assert wrapped_count(reading) < len(reading.wrapping) // 10


@pytest.mark.parametrize("size", [(100, 40), (80, 24)])
async def test_a_resize_across_a_breakpoint_is_laid_out_once_in_the_new_arrangement(long_pair, make_app, settle: Settle, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Under 110 columns the panes stack. The screen takes its breakpoint classes before it is
    laid out at the new size, so no pane is wrapped (or drawn) side by side in the new width
    first: every width wrapped after the resize is a width a pane then shows."""
    from tui.widgets.layouts import Layout

    widths: list[int] = []
    wrapping_of = Layout.wrapping

    def recorded(layout: Layout, width: int):
        widths.append(width)
        return wrapping_of(layout, width)

    monkeypatch.setattr(Layout, "wrapping", recorded)
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, compare = views(app)
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        widths.clear()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.pause()
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        assert screen.has_class("-tall" if size[1] >= 30 else "-short")
        shown = {view.wrapping.width for view in (reading, compare)}
        assert widths and set(widths) <= shown, (widths, shown)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert screen.has_class("-wide") and screen.has_class("-tall")


async def test_scrolling_up_into_estimated_paragraphs_moves_nothing_shown(long_pair, make_app, settle: Settle) -> None:
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, _ = views(app)
        screen.go(current=len(long_pair[0].sentences) - 40)
        await pilot.pause()
        # Up a few lines at a time, far past what the jump wrapped: the line that was at the
        # top is always three rows down.
        for _ in range(60):
            top = row_text(reading, 0)
            reading.scroll_relative(y=-3, animate=False, immediate=True)
            await pilot.pause()
            assert row_text(reading, 3) == top


async def test_the_divergence_strip_marks_the_rows_of_the_changes(long_pair, make_app, settle: Settle) -> None:
    app = make_app(long_pair)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, reading, _ = views(app)
        screen.go(current=len(long_pair[0].sentences) // 3)
        await pilot.pause()
        classes = reading.marks.divergence
        assert classes and len(classes) > 50
        # Wrapped whole now, each marked sentence has its exact line: the strip puts the most
        # severe mark of the sentences on each row there (grouping them by paragraph or not).
        lines = reading.wrapping
        lines.wrap_around(0, 0, 10**9)
        reading.refresh()
        await pilot.pause()
        rows = reading.scrollable_content_region.height
        expected = strip_rows({i: reading.sentence_line(i) for i in classes}, classes, rows, lines.total)
        column = reading.scrollable_content_region.width - 2
        for y in range(rows):
            cell = reading.render_line(y).crop(column, column + 1)
            text = "".join(segment.text for segment in cell)
            if y in expected:
                assert text == STRIP_GLYPH, y
                assert list(cell)[0].style.color == reading.mark_style(expected[y][0]).color, y
            else:
                assert text != STRIP_GLYPH, y
        # And a click on a row goes to the sentence the naive placement picks there.
        assert {y: reading._strip_row(y) for y in range(rows) if reading._strip_row(y)} == expected
