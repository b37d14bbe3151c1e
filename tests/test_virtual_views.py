"""The version summary (`S`) and the search results (`/`) are virtual: only the rows on screen
are drawn. What moved with that: scrolling to the last row, sorting after a scroll, the header
and the name column staying put while the rest scrolls, enter on a row far down, text drawn as
text. Keys pressed, and what the screen then shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from tui.core.search import search
from tui.core.summary import VersionSummary
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.version_summary import COLUMNS, VersionSummaryScreen
from tui.widgets.row_list import RowList
from tui.widgets.virtual_table import VirtualTable

Settle = Callable[[Pilot], Awaitable[None]]
ScreenText = Callable[..., str]


def made_up_rows(count: int) -> list[tuple[int, str, VersionSummary | None]]:
    """`count` versions with distinct figures (version k carries k of 100 sentences, adds
    count - k), the last one still aligning; names with markup in them, drawn as text."""
    rows: list[tuple[int, str, VersionSummary | None]] = []
    for k in range(1, count + 1):
        summary = VersionSummary(100, k, 1000, 10 * k, tuple(range(100 - k)), tuple(range(count - k)),
                                 {"quote": {"high": k % 7}}, 0, 0)
        rows.append((k, f"[b]Version {k:03}[/b]", summary if k < count else None))
    return rows


async def open_summary(app, pilot: Pilot, settle: Settle, count: int) -> tuple[VersionSummaryScreen, list]:
    await settle(pilot)
    chosen: list = []
    screen = VersionSummaryScreen("Against the base", made_up_rows(count), 0)
    app.push_screen(screen, chosen.append)
    await pilot.pause()
    return screen, chosen


async def test_the_summary_scrolls_to_its_last_row_under_a_fixed_header(make_app, settle: Settle, screen_text: ScreenText) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, chosen = await open_summary(app, pilot, settle, 60)
        table = screen.query_one("#summary-table", VirtualTable)
        text = screen_text(app)
        assert "[b]Version 059[/b]" in text and "[b]Version 001[/b]" not in text  # most carried first; as text
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        # The last row (the one still aligning) is on screen, and the header above it.
        last = next(line for line in text.splitlines() if "[b]Version 060[/b]" in line)
        assert table.cursor_key == 60 and "aligning…" in last
        assert "Version" in text and "Sentences ▼" in text and "[b]Version 059[/b]" not in text
        assert table.scroll_y == table.max_scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_key == 59 and table.scroll_y == 0


async def test_sorting_after_a_scroll_keeps_the_version_highlighted_in_view(make_app, settle: Settle, screen_text: ScreenText) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, chosen = await open_summary(app, pilot, settle, 60)
        table = screen.query_one("#summary-table", VirtualTable)
        await pilot.press("pagedown", "pagedown", "down")
        await pilot.pause()
        highlighted = table.cursor_key
        assert highlighted is not None and table.scroll_y > 0
        await pilot.press("r")  # least carried first: the version highlighted moves up the list
        await pilot.pause()
        assert table.cursor_key == highlighted
        assert f"[b]Version {highlighted:03}[/b]" in screen_text(app)
        await pilot.press("S")  # by the names, A to Z
        await pilot.pause()
        assert [key for key, _ in table.rows][:3] == [1, 2, 3] and table.labels[0] == "Version ▼"
        assert table.cursor_key == highlighted and f"[b]Version {highlighted:03}[/b]" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert chosen == [highlighted] and app.screen is not screen


async def test_the_figures_scroll_sideways_and_the_names_stay(make_app, settle: Settle, screen_text: ScreenText) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _ = await open_summary(app, pilot, settle, 10)
        table = screen.query_one("#summary-table", VirtualTable)
        last = COLUMNS[-1]
        assert f" {last}" not in screen_text(app)  # the last column is past the right edge at 80
        for _ in range(len(COLUMNS)):
            await pilot.press("right")
        await pilot.pause()
        text = screen_text(app)
        assert table.scroll_x == table.max_scroll_x > 0
        assert f" {last}" in text and "Sentences ▼" not in text  # the figures scrolled ...
        assert "Version" in text and "[b]Version 009[/b]" in text  # ... under the names
        await pilot.press("left")
        await pilot.pause()
        assert 0 < table.scroll_x < table.max_scroll_x


async def test_enter_on_a_match_far_down_goes_to_it(make_app, settle: Settle, screen_text: ScreenText) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("slash", *"the")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        matches = search(reader.story.articles, "the")
        results = screen.query_one("#search-results", RowList)
        assert len(matches) > 3 * results.size.height  # far more than a screenful
        for _ in range(len(matches)):  # page down past the end: the last match, no further
            await pilot.press("pagedown")
            if results.highlighted_key == len(matches) - 1:
                break
        await pilot.press("pagedown", "up")
        await pilot.pause()
        assert results.highlighted_key == len(matches) - 2
        text = screen_text(app)
        last = matches[-1]
        assert f"{last.sentence + 1:>4}  " in text and results.scroll_y == results.max_scroll_y > 0
        await pilot.press("enter")
        await pilot.pause()
        chosen = matches[-2]
        assert app.screen is reader and (reader.reading, reader.current) == (chosen.version, chosen.sentence)


async def test_a_click_on_a_label_sorts_and_a_second_click_on_a_row_chooses_it(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen, chosen = await open_summary(app, pilot, settle, 8)
        table = screen.query_one("#summary-table", VirtualTable)
        header = "".join(segment.text for segment in table.render_line(0))
        x = header.index(" Adds") + 2
        await pilot.click("#summary-table", offset=(x, 0))
        await pilot.pause()
        assert screen.sort_column == COLUMNS.index("Adds") and table.labels[4] == "Adds ▼"
        assert [key for key, _ in table.rows][:3] == [1, 2, 3]  # version k adds 8 - k
        await pilot.click("#summary-table", offset=(x, 0))  # the sorted column again: turned round
        await pilot.pause()
        assert table.labels[4] == "Adds ▲" and [key for key, _ in table.rows][:2] == [7, 6]
        await pilot.click("#summary-table", offset=(3, 3))  # the third row: highlighted ...
        await pilot.pause()
        assert table.cursor_key == 5 and chosen == []
        await pilot.click("#summary-table", offset=(3, 3))  # ... then chosen
        await pilot.pause()
        assert chosen == [5]


async def test_no_match_after_scrolling_far_down_says_so_at_the_top(make_app, settle: Settle, screen_text: ScreenText) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"the")
        await settle(pilot)
        results = app.screen.query_one("#search-results", RowList)
        for _ in range(10):
            await pilot.press("pagedown")
        assert results.scroll_y > 0
        await pilot.press(*"zzqx")
        await settle(pilot)
        assert results.listing == [] and results.scroll_y == 0
        assert "No match in any version." in screen_text(app)
