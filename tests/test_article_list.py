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
        story = app.screen.story
        share = {k: story.matched(0, k) / len(story.articles[0].sentences) for k in range(1, 5)}
        # The version read carries all of itself: first.
        assert listing.shown == [0] + sorted(range(1, 5), key=lambda k: -share[k])
        drawn = _rows(listing)
        assert any(row.strip().startswith("carries") for row in drawn), "group headings are drawn"
        for _ in range(3):
            await pilot.press("ctrl+o")
        assert listing.order is Order.LOADED and listing.shown == [0, 1, 2, 3, 4]


async def test_a_new_match_count_rewraps_only_its_entry(make_app, settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = _list(app)
        listing.render_line(0)
        before = dict(listing._lines)
        matched = dict(listing.matched)
        got, total = matched[3]
        listing.show_state(listing.reading, listing.comparing, {**matched, 3: (got - 1, total)}, listing.carried)
        await pilot.pause()
        after = listing._lines
        assert after[3] is not before[3]
        assert all(after[k] is before[k] for k in (0, 1, 2, 4)), "the other entries are not wrapped again"
        assert f"{got - 1}/{total} sentences" in " ".join(_rows(listing))
