"""The screens a change-view key opens (w, /, S, t) are kept when they close and shown again,
so that they open in a repaint (bench_change_keys): `/` and `S` while what they show has not
changed, `w` and `t` for any pair and sentence of the story (refilled for what is asked). A
screen shown again must look as a new one would: its filter empty, its first row highlighted,
its first order, the sentence and the pair asked for. Keys pressed, and what the screen then shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui.screens.change_list import ChangeListScreen
from tui.screens.collation import CollationScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.version_summary import VersionSummaryScreen
from tui.widgets.change_rows import ChangeRowsView
from tui.widgets.row_list import RowList
from tui.widgets.virtual_table import VirtualTable
from tui.widgets.collation_grid import CollationGrid

Settle = Callable[[Pilot], Awaitable[None]]


async def open_screen(app, pilot: Pilot, settle: Settle, *keys: str):
    await pilot.press(*keys)
    await settle(pilot)
    return app.screen


async def test_the_change_list_opens_again_as_new(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = await open_screen(app, pilot, settle, "w")
        assert isinstance(first, ChangeListScreen)
        view = first.query_one("#changes-list", ChangeRowsView)
        top, listed = view.highlighted_key, list(view.listing)
        await pilot.press("down", "down", "escape")
        again = await open_screen(app, pilot, settle, "w")
        assert again is first  # kept: nothing changed
        assert view.highlighted_key == top and view.listing == listed  # but from the first change again
        # Filtered, then closed: opened again, its filter is empty and every change listed.
        await pilot.press(*"quote", "escape")
        await settle(pilot)
        third = await open_screen(app, pilot, settle, "w")
        assert third is first
        assert third.query_one("#changes-filter", Input).value == "" and third.query_text == ""
        assert view.listing == listed and view.highlighted_key == top


async def test_the_change_list_kept_lists_the_pair_now_on_screen(make_app, settle: Settle) -> None:
    """One list serves every pair: opened after the reader compared another version, or read
    another, it lists that pair's changes, exactly as a list built for it would."""
    from tui.screens.change_list import PAIR

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        first = await open_screen(app, pilot, settle, "w")
        await pilot.press("escape")
        for keys in (("right_square_bracket",), ("s",)):  # another version compared, then read
            await open_screen(app, pilot, settle, *keys)
            assert reader.changes is not None
            again = await open_screen(app, pilot, settle, "w")
            assert again is first and (again.reading, again.comparing) == (reader.reading, reader.comparing)
            fresh = ChangeListScreen(reader.story, reader.findings, reader.reading, reader.comparing, PAIR)
            fresh._take_rows()
            shown = [again.rows[k] for k in again.query_one("#changes-list", ChangeRowsView).listing if isinstance(k, int)]
            expected = sorted(fresh.rows, key=lambda row: row.order)
            assert [(r.version, r.sentence, r.change) for r in shown] == [(r.version, r.sentence, r.change) for r in expected]
            assert str(again.query_one("#changes-title").render()).startswith(f"This pair: {len(expected)} change")
            await pilot.press("escape")
            await settle(pilot)


async def test_the_change_list_kept_opens_in_the_scope_asked_for(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen
        first = await open_screen(app, pilot, settle, "w")
        pair = list(first.query_one("#changes-list", ChangeRowsView).listing)
        await pilot.press("tab", "escape")  # all versions, as the list is left
        again = await open_screen(app, pilot, settle, "w")
        assert again is first and first.scope == "all"
        assert str(first.query_one("#changes-title").render()).startswith("All 4 other versions")
        await pilot.press("escape")
        reader.change_actions.list_scope = "pair"  # asked for this pair (as the benchmark does)
        third = await open_screen(app, pilot, settle, "w")
        assert third is first and first.scope == "pair"
        assert str(first.query_one("#changes-title").render()).startswith("This pair")
        assert first.query_one("#changes-list", ChangeRowsView).listing == pair


async def test_the_collation_kept_shows_the_sentence_asked_for(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        first = await open_screen(app, pilot, settle, "t")
        assert isinstance(first, CollationScreen)
        assert str(first.query_one("#collation-title", Static).render()).startswith(f"Sentence {reader.current + 1} ")
        await pilot.press("down", "p", "escape")  # the cursor moved, the paragraph shown
        await open_screen(app, pilot, settle, "j")
        again = await open_screen(app, pilot, settle, "t")
        assert again is first
        title = str(first.query_one("#collation-title", Static).render())
        assert title.startswith(f"Sentence {reader.current + 1} ") and "paragraph" not in title
        grid = first.query_one(CollationGrid)
        assert grid.cursor == 0 and not first.showing_paragraph
        drawn = "".join(s.text for s in grid.render_line(0))
        words = reader.story.articles[reader.reading].sentences[reader.current].text.split()
        assert words[0] in drawn  # the new sentence's words, not the old one's
        # Another version read: the same table, with that version as the base.
        await pilot.press("escape")
        await open_screen(app, pilot, settle, "s")
        assert reader.reading != 0
        again = await open_screen(app, pilot, settle, "t")
        assert again is first and grid.base_name == reader.story.names[reader.reading]
        assert "".join(s.text for s in grid.render_line(0)).startswith(f"▶ {reader.story.names[reader.reading][:10]}")
        assert [row.version for row in grid.collation.rows] == reader.story.pairs_for(reader.reading)


async def test_the_summary_opens_again_in_its_first_order(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = await open_screen(app, pilot, settle, "S")
        assert isinstance(first, VersionSummaryScreen)
        table = first.query_one("#summary-table", VirtualTable)
        top = table.rows[0][0]
        await pilot.press("down", "right", "escape")
        again = await open_screen(app, pilot, settle, "S")
        assert again is first and table.cursor == 0 and table.scroll_x == 0
        await pilot.press("s", "escape")  # sorted by another column: not the first order
        await settle(pilot)
        third = await open_screen(app, pilot, settle, "S")
        assert third is not first and isinstance(third, VersionSummaryScreen)
        assert third.sort_column == 1 and not third.reverse
        fresh = third.query_one("#summary-table", VirtualTable)
        assert fresh.cursor == 0 and fresh.rows[0][0] == top


async def test_the_search_kept_opens_on_the_last_query(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = await open_screen(app, pilot, settle, "slash")
        assert isinstance(first, SearchScreen)
        await pilot.press(*"Krause")
        while first.pending:
            await pilot.pause(0.05)
        await pilot.press("down", "enter")  # the second match chosen: the query is remembered
        await settle(pilot)
        second = await open_screen(app, pilot, settle, "slash")
        assert second is not first  # built for another query than the one it opened with
        assert second.query_one("#search-query", Input).value == "Krause"
        await pilot.press("down", "escape")
        again = await open_screen(app, pilot, settle, "slash")
        assert again is second  # kept: its results are those of the query it opens with
        results = second.query_one("#search-results", RowList)
        assert results.highlighted_key == 0 and results.scroll_y == 0  # the first match highlighted again
        first = second
        krause = list(results.listing)
        # Another query typed, then closed: the next opening offers the last query chosen again,
        # searched again in the same screen (not the other query's results).
        await pilot.press("ctrl+u", *"Bessent")
        while first.pending:
            await pilot.pause(0.05)
        assert results.listing != krause
        await pilot.press("escape")
        third = await open_screen(app, pilot, settle, "slash")
        assert third is first and third.query_one("#search-query", Input).value == "Krause"
        assert not third.pending and results.listing == krause and results.highlighted_key == 0
        # Closed while typing (before the search ran): the same.
        await pilot.press("ctrl+u", *"Bess", "escape")
        fourth = await open_screen(app, pilot, settle, "slash")
        assert fourth is first and fourth.query_one("#search-query", Input).value == "Krause"
        assert not fourth.pending and results.listing == krause and results.highlighted_key == 0
