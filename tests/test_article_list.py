"""The article list with many versions: filtered by typing, ordered and grouped, and one entry
re-wrapped when one match count arrives (Pilot tests on the seeds)."""

from __future__ import annotations

from tui.core.versions import Order
from tui.widgets.article_list import ArticleList

SIZE = (120, 40)


def _list(app) -> ArticleList:
    return app.screen.query_one("#article-list", ArticleList)


def _rows(article_list: ArticleList) -> list[str]:
    return ["".join(s.text for s in article_list.render_line(y)).rstrip()
            for y in range(article_list.scrollable_content_region.height)]


async def test_typing_in_the_list_narrows_it_and_keys_are_not_read_as_commands(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        listing.focus()
        place = app.screen.place
        await pilot.press("i", "r", "s")  # "s" would switch sides; here it is typed
        await pilot.pause()
        assert app.screen.place == place
        assert listing.query == "irs"
        names = app.screen.story.names
        assert listing.shown == [k for k, name in enumerate(names) if "irs" in name.casefold()] == [0, 3, 4]
        assert listing.border_subtitle == "“irs” 3/5"
        drawn = "\n".join(_rows(listing))
        assert "Representatives from" not in drawn and "Acting IRS Chief" in drawn
        await pilot.press("backspace")
        assert listing.query == "ir"
        await pilot.press("escape")
        assert listing.query == "" and listing.shown == [0, 1, 2, 3, 4] and listing.border_subtitle == ""


async def test_enter_reads_the_one_version_left_by_the_filter(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _list(app).focus()
        await pilot.press(*"chief deal")
        assert _list(app).shown == [3]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.reading == 3


async def test_a_filter_matching_nothing_lists_nothing_and_enter_does_nothing(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _list(app).focus()
        await pilot.press(*"zzz")
        assert _list(app).shown == []
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.reading == 0
        assert all(not row.strip() for row in _rows(_list(app)))


async def test_ctrl_o_orders_by_share_of_the_version_read_in_groups(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        listing.focus()
        await pilot.press("ctrl+o")
        assert listing.order is Order.CARRIED and listing.border_subtitle == "by carried"
        share = {k: summary(app, k).sentence_share for k in range(1, 5)}
        # The version read carries all of itself: first.
        assert listing.shown == [0] + sorted(range(1, 5), key=lambda k: -share[k])
        drawn = _rows(listing)
        assert any(row.strip().startswith("carries") for row in drawn), "group headings are drawn"
        for _ in range(len(Order) - 1):
            await pilot.press("ctrl+o")
        assert listing.order is Order.LOADED and listing.shown == [0, 1, 2, 3, 4]


def summary(app, k: int):
    """What version `k` does with the version read, worked out afresh from its findings."""
    from tui.core.summary import summarize

    screen = app.screen
    return summarize(screen.findings.get(screen.story.cached(screen.reading, k)).findings)


def entry_rows(listing: ArticleList, k: int) -> list[str]:
    """The drawn rows of entry `k` (the list scrolled to it)."""
    listing.highlight(k)
    region = listing._entry_region(k)
    top = round(listing.scroll_y)
    return ["".join(s.text for s in listing.render_line(y - top)).rstrip() for y in range(region.y, region.bottom)]


async def test_each_entry_shows_its_share_omissions_additions_and_changes(make_app, settle) -> None:
    from tui.core.changes import TYPES
    from tui.widgets.marks import TYPE_GLYPHS

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        assert "729 words · reading" in " ".join(entry_rows(listing, 0))
        for k in range(1, 5):
            s = summary(app, k)
            drawn = " ".join(entry_rows(listing, k))
            assert f"carries {round(s.sentence_share * 100)}%" in drawn
            assert f"omits {len(s.omitted)} · adds {len(s.added)}" in drawn
            high = s.severity_count("high")
            assert (f"{high} high" in drawn) == (high > 0)
            glyphs = " ".join(f"{TYPE_GLYPHS[t]}{sum(s.by_type[t].values())}" for t in TYPES if t in s.by_type)
            assert glyphs and glyphs in drawn, drawn
        # Version 3 carries about a fifth of the version read and drops most of the rest.
        assert "carries 21%" in " ".join(entry_rows(listing, 3)) and "omits 19 · adds 14" in " ".join(entry_rows(listing, 3))


async def test_an_entry_says_aligning_until_its_numbers_arrive(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        numbers = dict(listing.summaries)
        del numbers[2]
        listing.show_state(listing.reading, listing.comparing, numbers)
        await pilot.pause()
        assert "aligning…" in " ".join(entry_rows(listing, 2)) and "omits" not in " ".join(entry_rows(listing, 2))
        # The numbers arrive with the next redraw.
        app.screen.redraw(scroll=False)
        await pilot.pause()
        assert "omits" in " ".join(entry_rows(listing, 2))


async def test_ctrl_o_orders_by_changes_and_by_omissions(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        listing.focus()
        by = {k: summary(app, k) for k in range(1, 5)}
        await pilot.press("ctrl+o", "ctrl+o")
        assert listing.order is Order.CHANGES and listing.border_subtitle == "by changes"
        severities = {k: tuple(s.severity_count(x) for x in ("high", "medium", "low")) for k, s in by.items()}
        ranked = sorted(range(1, 5), key=lambda k: tuple(-n for n in severities[k]))
        assert [k for k in listing.shown if k != 0] == ranked
        assert severities[ranked[0]][0] > 0
        assert any(row.strip() == "with high-severity changes" for row in _rows(listing))
        await pilot.press("ctrl+o")
        assert listing.order is Order.OMITTED and listing.border_subtitle == "by omissions"
        omitted = {k: len(s.omitted) for k, s in by.items()}
        assert [k for k in listing.shown if k != 0] == sorted(range(1, 5), key=lambda k: -omitted[k])
        assert min(omitted.values()) > 0 and listing.shown[-1] == 0  # the version read omits nothing of itself
        # Typing still narrows the ordered list.
        await pilot.press(*"irs")
        assert set(listing.shown) == {0, 3, 4}


async def test_a_new_summary_rewraps_only_its_entry(make_app, settle) -> None:
    from dataclasses import replace

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        listing.render_line(0)
        before = dict(listing._lines)
        numbers = dict(listing.summaries)
        numbers[3] = replace(numbers[3], added=numbers[3].added[:-1])
        listing.show_state(listing.reading, listing.comparing, numbers)
        await pilot.pause()
        after = listing._lines
        assert after[3] is not before[3]
        assert all(after[k] is before[k] for k in (0, 1, 2, 4)), "the other entries are not wrapped again"
        assert f"adds {len(numbers[3].added)}" in " ".join(_rows(listing))
        # The same numbers again: nothing is wrapped again.
        kept = dict(listing._lines)
        listing.show_state(listing.reading, listing.comparing, dict(numbers))
        assert all(listing._lines[k] is kept[k] for k in kept)


async def test_compare_next_moves_the_mark_in_place_and_a_new_height_lays_the_rows_out_again(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        listing.render_line(0)
        starts = listing._starts
        assert entry_rows(listing, 1)[0].startswith("◆ ")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert listing._starts is starts, "the marks were redrawn, the rows not laid out again"
        assert entry_rows(listing, 2)[0].startswith("◆ ") and entry_rows(listing, 1)[0].startswith("  ")
        # Numbers that change an entry's height: the rows after it move down or up.
        numbers = dict(listing.summaries)
        del numbers[2]
        listing.show_state(listing.reading, listing.comparing, numbers)
        await pilot.pause()
        assert listing._starts is not starts
        starts = [listing._entry_region(k).y for k in range(5)]
        assert starts == sorted(starts) and starts[3] == starts[2] + len(listing._drawn(2))
        assert "aligning…" in " ".join(entry_rows(listing, 2)) and "carries" in " ".join(entry_rows(listing, 3))


async def test_an_entry_changing_height_redraws_the_rows_below_it_on_screen(make_app, settle, screen_text) -> None:
    # Only the rows from the entry down are redrawn (the list is not repainted whole for each
    # version aligned): what moved must still be drawn where it now is.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        numbers = dict(listing.summaries)
        for missing in (2, None):  # entry 2 loses its numbers (fewer rows), then gets them back
            listing.show_state(listing.reading, listing.comparing, {k: v for k, v in numbers.items() if k != missing})
            await pilot.pause()
            drawn = screen_text(app)
            assert ("aligning…" in drawn) == (missing is not None)
            listing.refresh()  # everything drawn afresh
            await pilot.pause()
            assert screen_text(app) == drawn, "a row that moved was left as it was"


def drawn_whole(listing: ArticleList) -> list[str]:
    """Every row of the list wrapped afresh, entry by entry, as the list drew it before it drew
    only the entries shown: what the list draws must be exactly this."""
    from rich.text import Text

    from tui.widgets.wrapping import wrapped_segments

    width, rows = listing.scrollable_content_region.width, []
    for item in listing._listing():
        lines = wrapped_segments(Text(item) if isinstance(item, str) else listing.entry(item), width)
        rows += ["".join(s.text for s in line).rstrip() for line in (lines[:1] if isinstance(item, str) else lines)]
    return rows


def drawn(listing: ArticleList) -> list[str]:
    """Every row of the list as it draws it (the rows below the screen too). Laid out first: a
    new order can make the list tall enough for a scrollbar, which narrows it."""
    listing._ensure_rows()
    top = round(listing.scroll_y)
    return ["".join(s.text for s in listing.render_line(y - top)).rstrip() for y in range(listing.virtual_size.height)]


def same_as_drawn_whole(app, listing: ArticleList, screen_text) -> bool:
    """The list draws what wrapping every entry afresh gives, and the screen shows those rows."""
    whole = drawn_whole(listing)
    region, top = listing.scrollable_content_region, round(listing.scroll_y)
    screen = screen_text(app).splitlines()
    shown = [screen[y][region.x : region.right].rstrip() for y in range(region.y, region.bottom)]
    return drawn(listing) == whole and shown == (whole + [""] * region.height)[top : top + region.height]


async def test_the_entries_drawn_when_shown_are_the_list_drawn_whole(make_app, settle, screen_text) -> None:
    """Each entry's height is counted from its plain text and it is wrapped only when shown (and
    kept until it changes): after numbers go and arrive, `s`, `]`, an order and a filter, the
    rows drawn and on screen must be those of every entry wrapped afresh, at every width."""
    for size in ((80, 24), (120, 40), (160, 45)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            if size[0] < 100:
                await pilot.press("l")  # the list is hidden below 100 columns until asked for
                await settle(pilot)
            listing = _list(app)
            assert listing.scrollable_content_region.width > 10 and same_as_drawn_whole(app, listing, screen_text)
            numbers = dict(listing.summaries)
            listing.show_state(listing.reading, listing.comparing, {k: v for k, v in numbers.items() if k != 2})
            await pilot.pause()
            assert "aligning…" in "\n".join(drawn(listing)) and same_as_drawn_whole(app, listing, screen_text)
            listing.show_state(listing.reading, listing.comparing, numbers)
            await pilot.pause()
            assert same_as_drawn_whole(app, listing, screen_text)
            for keys in (("s",), ("right_square_bracket",), ("s",)):
                await pilot.press(*keys)
                await settle(pilot)
                assert same_as_drawn_whole(app, listing, screen_text), (size, keys)
            listing.focus()
            for keys in (("ctrl+o",), ("ctrl+o", "ctrl+o"), tuple("irs"), ("escape",)):
                await pilot.press(*keys)
                await pilot.pause()
                assert same_as_drawn_whole(app, listing, screen_text), (size, keys)


async def test_the_entry_at_the_top_stays_there_when_entries_above_it_change_height(make_app, settle, screen_text) -> None:
    # Versions aligned while the list is scrolled down: their entries grow from "aligning…" to
    # their numbers above what is shown, and what is shown must not slide down the screen.
    app = make_app()
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        listing = _list(app)
        top = listing._entry_region(2).y + 1  # the second line of entry 2 at the top
        assert listing.max_scroll_y >= top + 2, "the list scrolls"
        listing.scroll_to(y=top, animate=False, immediate=True)
        await pilot.pause()
        shown = drawn(listing)[top]
        numbers = dict(listing.summaries)
        for missing in (1, None):  # entry 1 loses its numbers (fewer rows), then gets them back
            listing.show_state(listing.reading, listing.comparing, {k: v for k, v in numbers.items() if k != missing})
            await pilot.pause()
            assert round(listing.scroll_y) == listing._entry_region(2).y + 1
            assert drawn(listing)[round(listing.scroll_y)] == shown
            on_screen = screen_text(app)
            listing.refresh()  # everything drawn afresh
            await pilot.pause()
            assert screen_text(app) == on_screen, "a row that moved was left as it was"
        assert round(listing.scroll_y) == top
