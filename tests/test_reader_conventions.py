"""What users expect of a reader: versions named by their title and site, the date shown and
exported, the legend in the help, Help and Quit in the footer at 80 columns, `l` at any width."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.core.loading import load_article
from tui.core.model import Article
from tui.core.story import byline, distinct_names
from tui.screens.help import HelpScreen
from tui.store import NoteStore
from tui.store.transfer import export_notes
from tui.widgets.article_list import ArticleList
from tui.widgets.key_footer import KeyFooter
from tui.widgets.marks import MEANINGS

Settle = Callable[[Pilot], Awaitable[None]]

PAGE = """<!doctype html><html><head><title>Council passes budget | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Council passes budget">
<meta property="article:published_time" content="2025-04-08T10:00:00Z">
</head><body><article><h1>Council passes budget</h1>
<p>The council approved the budget on Monday after a long debate about school funding in the city.</p>
<p>It includes money for three new schools and a new library, the mayor said in a statement to reporters.</p>
<p>The vote was seven to two, with two members arguing that the plan would raise property taxes.</p>
</article></body></html>
"""

TEXT = """Budget approved after long debate

The council approved the budget on Monday after a long debate about school funding in the city.
It includes money for two new schools, the mayor said.
"""


@pytest.fixture
def two_versions(tmp_path: Path) -> list[Article]:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "0001.txt").write_text(TEXT, encoding="utf-8")
    return [load_article(tmp_path / "page.html"), load_article(tmp_path / "0001.txt")]


@pytest.mark.parametrize(
    "articles, names",
    [
        ([Article("a/001.txt", "x", title="IRS chief resigns"), Article("b/002.txt", "y", title="")], ["IRS chief resigns", "002.txt"]),
        (
            [Article("a/001.txt", "x", title="Same headline"), Article("b/002.txt", "y", title="Same headline")],
            ["Same headline (001.txt)", "Same headline (002.txt)"],
        ),
    ],
)
def test_versions_are_named_by_title_and_never_alike(articles: list[Article], names: list[str]) -> None:
    assert distinct_names(articles) == names


def test_byline_is_site_and_date_and_nothing_for_a_plain_file(two_versions: list[Article]) -> None:
    page, plain = two_versions
    assert byline(page) == "Example News · 2025-04-08"
    assert byline(plain) == ""


async def test_the_panes_and_the_list_name_versions_by_title_site_and_date(make_app, settle: Settle, two_versions) -> None:
    app = make_app(two_versions)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        reading = screen.query_one("#reading-view")
        right = screen.query_one("#right-pane")
        assert reading.border_title == "Reading ▶ Council passes budget"
        assert reading.border_subtitle == "Example News · 2025-04-08"
        assert right.border_title == "Compare ◆ Budget approved after long debate"
        entry = screen.query_one(ArticleList).entry(0).plain
        assert "Council passes budget" in entry and "Example News · 2025-04-08" in entry
        # The full path is one key away.
        await pilot.press("i")
        await pilot.pause()
        message = list(app._notifications)[-1].message
        assert two_versions[0].path in message and two_versions[1].path in message


async def test_the_compare_header_is_one_line_at_120_columns(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ["j"] * 12 + ["o", "o"]:
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.query_one("#link-info").region.height == 1, str(app.screen.query_one("#link-info").content)


def test_the_site_and_date_are_exported(two_versions: list[Article]) -> None:
    with NoteStore.open() as store:
        page = two_versions[0]
        store.add_annotation(page, 0, 10, "checked")
        document = json.loads(export_notes(store, "json"))
    (version,) = document["versions"]
    assert (version["site"], version["published"]) == ("Example News", "2025-04-08")


async def test_the_help_holds_the_whole_legend(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        legend = app.screen.legend.plain
        for mark, _, meaning in MEANINGS:
            assert f"{mark}  {meaning}" in legend
        assert "removed" in legend and "added" in legend and "replaced" in legend
        assert "score" in legend
        assert "carries" in legend and "omits" in legend and "high-severity" in legend  # the list's figures


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (160, 45)])
async def test_the_footer_keeps_help_and_quit(make_app, settle: Settle, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        line = "".join(segment.text for segment in footer.render_line(0))
        assert "? Help" in line and "q Quit" in line, line
        # A click on the Help hint opens the help.
        start = line.index("? Help")
        await pilot.click(KeyFooter, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_l_hides_and_shows_the_list_at_any_width(make_app, settle: Settle, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(ArticleList)
        shown = listing.display and listing.region.width > 0
        await pilot.press("l")
        await pilot.pause()
        assert (listing.display and listing.region.width > 0) != shown
        await pilot.press("l")
        await pilot.pause()
        assert (listing.display and listing.region.width > 0) == shown
