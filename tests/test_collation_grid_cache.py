"""What the collation table keeps between presses of `t`, and when it lets it go: the last
sentence's collation (`Collator`), and the grid's drawn lines (per row, cursor, scroll, width),
which must be drawn anew on a new collation, a new width and a new theme."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.style import Style
from textual.pilot import Pilot
from textual.strip import Strip

from tui.core.collation import ALIGNING, LINKED
from tui.core.sentence_changes import FindingsCache
from tui.screens.collation import CollationScreen, Collator
from tui.screens.reader import ReaderScreen
from tui.widgets.collation_grid import CollationGrid

Settle = Callable[[Pilot], Awaitable[None]]


def grid(app) -> CollationGrid:
    assert isinstance(app.screen, CollationScreen)
    return app.screen.query_one(CollationGrid)


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    """A drawn line, character by character with its style (the seeds' words are one cell each)."""
    return [(ch, segment.style) for segment in strip for ch in segment.text]


def text(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


async def test_the_same_sentence_is_collated_once_until_a_finding_lands(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        story = screen.story
        findings = FindingsCache()  # as the worker leaves it part-way: 002 not aligned yet
        for k in (1, 3, 4):
            findings.find(story.cached(0, k))
        collator = Collator()
        first = collator.passages(story, findings, 0, 6)
        assert collator.passages(story, findings, 0, 6) is first  # nothing landed: kept
        row = next(r for r in first[0].collation.rows if r.version == 2)
        assert row.state == ALIGNING
        findings.find(story.cached(0, 2))  # 002's findings land
        landed = collator.passages(story, findings, 0, 6)
        assert landed is not first
        assert next(r for r in landed[0].collation.rows if r.version == 2).state == LINKED
        # Another sentence, another version read, another findings cache: each collated anew.
        other = collator.passages(story, findings, 0, 7)
        assert other is not landed and other[0].title.startswith("Sentence 8 ")
        assert collator.passages(story, findings, 1, 7) is not other
        fresh = FindingsCache()
        assert collator.passages(story, fresh, 1, 7)[0].collation.rows[0].state == ALIGNING
        # The paragraph is collated once, when first asked for.
        paragraph = landed[1]
        assert paragraph() is paragraph()


async def test_t_again_on_the_same_sentence_keeps_the_lines_and_a_new_one_draws_anew(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen
        await pilot.press("c", "t")
        await pilot.pause()
        view = grid(app)
        collation, drawn = view.collation, view.render_line(3)
        await pilot.press("down", "right", "escape")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert grid(app) is view and view.collation is collation
        assert view.cursor == 0 and view.scroll_x == 0  # as a new table opens: top left
        assert view.render_line(3) is drawn  # kept, not drawn again
        await pilot.press("escape", "j", "t")
        await pilot.pause()
        assert view.collation is not collation
        words = reader.story.articles[reader.reading].sentences[reader.current].text.split()
        assert words[0] in text(view.render_line(0)) and text(view.render_line(3)) != text(drawn)


async def test_a_line_drawn_from_the_cells_in_sight_is_the_whole_row_cropped(make_app, settle: Settle) -> None:
    """Every row, on and off the cursor, at every horizontal scroll: only the cells in sight are
    drawn, and they are drawn exactly as the whole row cut to the view would be."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.screen
        await pilot.press(*["j"] * (4 - reader.current), "t", "p")  # sentences 5-6, the paragraph: wide
        await pilot.pause()
        view = grid(app)
        view_width = view.scrollable_content_region.width - view.label_width
        assert view.body_width > 2 * view_width
        for row in range(-1, len(view.collation.rows)):
            for cursor in (False, True):
                style = view._row_style(cursor)
                whole = view._body(row, cursor, 0, view.body_width, style)
                for left in range(view.body_width):
                    part = view._body(row, cursor, left, view_width, style)
                    assert part.cell_length == view_width
                    assert cells(part) == cells(whole.crop_extend(left, left + view_width, style)), (row, cursor, left)
        # And on screen: scrolled to the end, the base row ends with the paragraph's last word.
        await pilot.press("end")
        await pilot.pause()
        last = reader.story.articles[0].sentences[5].text.rstrip(".").split()[-1]
        assert last in text(view.render_line(0))


async def test_a_new_width_draws_every_line_at_it(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "t")
        await pilot.pause()
        view = grid(app)
        wide = [view.render_line(y) for y in range(6)]
        assert all(line.cell_length == view.scrollable_content_region.width > 100 for line in wide)
        assert text(wide[0])[34:36] == " │"  # 36 cells of labels
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = [view.render_line(y) for y in range(6)]
        width = view.scrollable_content_region.width
        assert width < 80 and all(line.cell_length == width for line in narrow)
        assert text(narrow[0])[18:20] == " │"  # 20 cells of labels on 80 columns
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert [text(view.render_line(y)) for y in range(6)] == [text(line) for line in wide]


async def test_a_new_theme_draws_the_lines_in_its_colours(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "t", "down")
        await pilot.pause()
        view = grid(app)
        before = [view.render_line(y) for y in range(5)]
        old = view.rich_style.bgcolor
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        after = [view.render_line(y) for y in range(5)]
        new = view.rich_style.bgcolor
        assert new != old
        # The base row on the grid's new background; the cursor's row (y=3) on the cursor's new band.
        assert {segment.style.bgcolor for segment in after[0]} == {new}
        band = view.get_component_rich_style("collation-grid--cursor").bgcolor
        assert {segment.style.bgcolor for segment in after[3]} == {band}
        assert all(cells(a) != cells(b) for a, b in zip(after, before))
        assert [text(a) for a in after] == [text(b) for b in before]  # the same words


async def test_the_lines_kept_are_bounded(make_app, settle: Settle, monkeypatch) -> None:
    """Scrolling about keeps at most `KEPT_LINES` lines, and what is drawn after they were
    dropped is what was drawn before."""
    from tui.widgets import collation_grid

    monkeypatch.setattr(collation_grid, "KEPT_LINES", 10)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "t")
        await pilot.pause()
        view = grid(app)
        first = [text(view.render_line(y)) for y in range(6)]
        for _ in range(3):
            await pilot.press("right")
            await pilot.pause()
            assert len(view._lines) <= 10
        await pilot.press("home")
        await pilot.pause()
        assert [text(view.render_line(y)) for y in range(6)] == first and len(view._lines) <= 10
