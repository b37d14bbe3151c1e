"""The change list across all loaded versions: tab switches scope, rows of several versions with
their names, enter compares with the row's version at its sentence, the filter finds version
names, and versions whose alignment lands later fill in (Pilot tests on the seeds)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.core.sentence_changes import FindingsCache
from tui.screens.change_list import ALL, LANDING_DELAY, PAIR, ChangeListScreen, change_rows
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.change_rows import ROW_LINES, ChangeRowsView

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


def listed(app) -> list[str]:
    """Headings, and each change's lines as drawn (joined by newlines)."""
    view = app.screen.query_one("#changes-list", ChangeRowsView)
    width = view.scrollable_content_region.width
    return [item if isinstance(item, str) else "\n".join(t.plain for t in view.draw_row(item, width)) for item in view.listing]


def listed_versions(app) -> list[int]:
    screen = app.screen
    assert isinstance(screen, ChangeListScreen)
    view = screen.query_one("#changes-list", ChangeRowsView)
    return [screen.rows[item].version for item in view.listing if isinstance(item, int)]


def label(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_tab_lists_the_changes_of_every_version_with_their_names(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        per_version = {k: len(change_rows(reader.findings.get(reader.story.cached(0, k)))) for k in (1, 2, 3, 4)}
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChangeListScreen) and app.screen.scope == PAIR
        assert label(app, "#changes-title").startswith(f"This pair: {per_version[1]} changes · ▶ IRS")
        assert set(listed_versions(app)) == {1} and len(listed_versions(app)) == per_version[1]
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.scope == ALL
        versions = listed_versions(app)
        # Every change of every version, each version's own count.
        assert {k: versions.count(k) for k in set(versions)} == per_version
        assert label(app, "#changes-title").startswith(f"All 4 other versions: {sum(per_version.values())} changes · against ▶ IRS")
        assert not app.screen.query_one("#changes-pending").display
        texts = listed(app)
        # The headings count changes and versions; each row names its version.
        headings = [t for t in texts if "\n" not in t]
        assert headings[0].startswith("HIGH") and all(" version" in h for h in headings)
        rows = [t for t in texts if "\n" in t]
        names = reader.story.names
        for version, text in zip(versions, rows):
            head = text.split("\n")[0]
            assert "◆ " + names[version][:10] in head
        # Within a group, one sentence's changes in every version sit together.
        screen = app.screen
        view = screen.query_one("#changes-list", ChangeRowsView)
        keys = [item for item in view.listing if isinstance(item, int)]
        orders = [screen.rows[k].order for k in keys]
        assert orders == sorted(orders)
        # Tab again: back to this pair, its rows drawn without version names.
        await pilot.press("tab")
        await pilot.pause()
        assert set(listed_versions(app)) == {1}
        assert all("◆ " not in t.split("\n")[0] for t in listed(app) if "\n" in t)


async def test_enter_compares_with_the_rows_version_at_its_sentence_level(make_app, settle: Settle) -> None:
    from tui.core.story import counterpart

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        await pilot.press("w", "tab")
        await pilot.pause()
        screen = app.screen
        view = screen.query_one("#changes-list", ChangeRowsView)
        # Down to the first row of a version other than the one compared.
        for _ in range(200):
            if screen.rows[view.highlighted_key].version != reader.comparing:
                break
            await pilot.press("down")
        row = screen.rows[view.highlighted_key]
        assert row.version != 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is reader
        assert (reader.comparing, reader.current) == (row.version, row.sentence)
        # The diff pane shows that version, level with the sentence read.
        diff = reader.query_one("#compare-view", ArticleView)
        assert diff.article is reader.story.articles[row.version]
        cp = counterpart(reader.alignment, reader.current)
        if cp.link is not None:
            reading = reader.query_one("#reading-view", ArticleView)
            assert reading.content_region.y + reading.sentence_row(reader.current) == diff.content_region.y + diff.sentence_row(cp.indexes[0])
        # The list opens again in the scope it was left in.
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChangeListScreen) and app.screen.scope == ALL


async def test_the_filter_finds_a_version_by_name_and_a_type_across_versions(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = app.screen.story.names
        await pilot.press("w", "tab")
        await pilot.pause()
        everything = listed_versions(app)
        # A word of version 4's name that no other version has ("historic"): only its rows.
        only = [k for k, name in enumerate(names) if "historic" in name.lower()]
        assert only == [4]
        await pilot.press(*"historic")
        await pilot.pause()
        assert set(listed_versions(app)) == {4} and len(listed_versions(app)) == everything.count(4)
        # A version's name and a type together.
        await pilot.press(*" quote")
        await pilot.pause()
        assert 0 < len(listed_versions(app)) < everything.count(4) and set(listed_versions(app)) == {4}
        assert all(" · quote (" in t for t in listed(app) if "\n" not in t)
        # Nothing matching says so.
        for _ in range(len("historic quote")):
            await pilot.press("backspace")
        await pilot.press(*"zzzz")
        await pilot.pause()
        view = app.screen.query_one("#changes-list", ChangeRowsView)
        assert view.listing == [] and view.empty == "Nothing matches the filter."


async def test_versions_not_aligned_yet_are_pending_and_fill_in_when_they_land(make_app, settle: Settle) -> None:
    """The findings of versions 1 and 2 only, as the worker leaves them part-way; 3 then 4 land."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        story = app.screen.story
        found = FindingsCache()
        for k in (1, 2):
            found.find(story.cached(0, k))
        screen = ChangeListScreen(story, found, 0, 1, ALL)
        await app.push_screen(screen)
        await pilot.pause()
        assert set(listed_versions(app)) == {1, 2}
        assert screen.pending == [3, 4]
        assert "Still aligning 2 of 4 versions" in label(app, "#changes-pending")
        view = screen.query_one("#changes-list", ChangeRowsView)
        await pilot.press("down", "down")
        highlighted = view.highlighted_key
        found.find(story.cached(0, 3))
        screen.version_landed(3)
        await asyncio.sleep(LANDING_DELAY + 0.1)
        await pilot.pause()
        assert set(listed_versions(app)) == {1, 2, 3}
        assert "Still aligning 1 of 4 versions" in label(app, "#changes-pending")
        # The change highlighted stays highlighted while rows join around it.
        assert view.highlighted_key == highlighted
        found.find(story.cached(0, 4))
        screen.version_landed(4)
        await asyncio.sleep(LANDING_DELAY + 0.1)
        await pilot.pause()
        assert set(listed_versions(app)) == {1, 2, 3, 4}
        assert not screen.query_one("#changes-pending").display


async def test_the_reader_hands_each_landing_to_the_open_list(make_app, settle: Settle) -> None:
    """The reader's findings as the worker leaves them part-way (versions 1 and 2 classified):
    the list of all versions opens at once, and a landing the reader hears reaches it."""
    from tui.widgets.alignment_progress import AlignmentReady

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        story = reader.story
        reader.findings = FindingsCache()
        for k in (1, 2):
            reader.findings.find(story.cached(0, k))
        reader.change_actions.list_scope = ALL
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeListScreen) and screen.pending == [3, 4]
        reader.findings.find(story.cached(0, 3))
        reader.post_message(AlignmentReady(0, (3,), 3, 4))
        await asyncio.sleep(LANDING_DELAY + 0.1)
        await pilot.pause()
        assert screen.pending == [4] and set(listed_versions(app)) == {1, 2, 3}


async def test_rows_are_fixed_height_so_the_list_lays_out_without_drawing(make_app, settle: Settle) -> None:
    """Every change is ROW_LINES lines and every heading one: the list's height is their sum,
    and only rows on screen are drawn."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w", "tab")
        await pilot.pause()
        view = app.screen.query_one("#changes-list", ChangeRowsView)
        headings = sum(isinstance(item, str) for item in view.listing)
        changes = len(view.listing) - headings
        assert view.virtual_size.height == headings + ROW_LINES * changes
        assert 0 < len(view._drawn) <= view.scrollable_content_region.height // ROW_LINES + 1 < changes


@pytest.mark.parametrize("width", [40, 76, 120])
def test_each_wording_keeps_its_changed_words_in_view_at_any_width(seed_articles, width: int) -> None:
    """Every change of every seed pair: cut to the width, each side's line still shows its
    changed words (when they fit at all), and never more than the width."""
    from tui.core.sentence_changes import FindingsCache
    from tui.core.story import Story
    from tui.screens.change_list import row_lines

    story, found = Story(seed_articles), FindingsCache()
    checked = 0
    for k in (1, 2, 3, 4):
        for row in change_rows(found.find(story.alignment(0, k)), k):
            lines = row_lines(row, width, story.names[k])
            assert len(lines) == ROW_LINES
            for line, span in zip(lines[1:], (row.change.a, row.change.b)):
                cut = line.copy()
                cut.truncate(width, overflow="ellipsis")
                assert cut.cell_len <= width
                if span is not None and span.text and len(span.text) <= width - 12:
                    assert span.text.replace("\n", " ") in cut.plain, (width, span.text, cut.plain)
                    checked += 1
                if "…" in line.plain[8:]:  # cut: then the line is filled, not half empty
                    assert len(line.plain) >= width - 2, (width, line.plain)
    assert checked > 100


@pytest.mark.parametrize(
    ("omitted", "added", "by_type", "shown", "absent"),
    [
        ((1, 2, 3), (4,), {"name": {"high": 2}, "quote": {"medium": 1, "low": 1}}, ["omits 3 · adds 1 · 2 high", "@2 “2"], []),
        ((), (), {"number": {"medium": 1}}, ["omits 0 · adds 0", "#1"], ["high"]),
        ((5,), (), {}, ["omits 1 · adds 0"], ["high", "\n"]),  # no changes: no line of glyphs
    ],
)
def test_an_entrys_figures(omitted, added, by_type, shown, absent) -> None:
    from tui.core.summary import VersionSummary
    from tui.widgets.article_entry import figures

    summary = VersionSummary(10, 8, 100, 70, omitted, added, by_type, 0, 0)
    text = figures(summary).plain
    assert all(s in text for s in shown), text
    assert not any(a in text for a in absent), text


async def test_the_version_summary_fills_in_versions_as_they_land(make_app, settle: Settle) -> None:
    """S opened while versions 3 and 4 are still aligning (the reader's findings part-way):
    their rows say so, then get their numbers when the reader hears they landed."""
    from tui.screens.version_summary import VersionSummaryScreen
    from tui.widgets.alignment_progress import AlignmentReady
    from tui.widgets.virtual_table import VirtualTable

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        story = reader.story
        reader.findings = FindingsCache()
        for k in (1, 2):
            reader.findings.find(story.cached(0, k))
        await pilot.press("S")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, VersionSummaryScreen)
        table = screen.query_one("#summary-table", VirtualTable)

        def cells(k: int) -> tuple:
            return table.row_cells(k)

        assert cells(3)[1] == "aligning…" and cells(4)[1] == "aligning…"
        reader.findings.find(story.cached(0, 3))
        reader.post_message(AlignmentReady(0, (3,), 3, 4))
        await asyncio.sleep(LANDING_DELAY + 0.1)
        await pilot.pause()
        share = round(reader.summaries.of(reader.findings.get(story.cached(0, 3))).sentence_share * 100)
        assert cells(3)[1] == f"{share}%" and cells(4)[1] == "aligning…"
