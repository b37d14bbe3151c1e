"""Searching every version: folding (case, accents, quote styles, a name's one-letter variants),
phrases, and `/` with `>` / `<` in the reader."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.core.model import Article
from tui.core.search import fold_word, search
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)

A = Article("a.txt", "Melanie Krause is resigning. Kristi Noem agreed.\nO’Donnell retired in February.")
B = Article("b.txt", "Melanie Kraus resigned on Tuesday. Kristi Noém signed it.\nKrauss was not named.")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Krause", {"Krause", "Kraus", "Krauss"}),  # a name: one letter either way
        ("krause", {"Krause"}),  # lower case: no name, words it begins only
        ("NOEM", {"Noem", "Noém"}),  # case and accents aside
        ("o'donnell", {"O’Donnell"}),  # quote styles aside
        ("resign", {"resigning", "resigned"}),  # a word finds the words it begins
        ("Kristi Noem", {"Kristi Noem", "Kristi Noém"}),  # a phrase, word by word
        ("Noem signed", {"Noém signed"}),
        ("Kline", set()),  # what must not happen: a different name with the same initial
        ("", set()),
        ("  ,, ", set()),
    ],
)
def test_search_folds_what_versions_spell_differently(query: str, found: set[str]) -> None:
    matches = search([A, B], query)
    assert {[A, B][m.version].text[m.start : m.end] for m in matches} == found


def test_matches_come_in_version_and_text_order_with_their_sentence() -> None:
    matches = search([A, B], "Krause")
    assert [(m.version, m.sentence) for m in matches] == [(0, 0), (1, 0), (1, 2)]
    assert fold_word("Noém") == "noem" and fold_word("O’Donnell") == "o'donnell"


def reader(app) -> ReaderScreen:
    screen = app.screen_stack[0] if not isinstance(app.screen, ReaderScreen) else app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def highlighted(view: ArticleView) -> set[str]:
    band = view.mark_style("match").bgcolor
    return {seg.text.strip() for y in range(view.scrollable_content_region.height) for seg in view.render_line(y) if seg.style and seg.style.bgcolor == band}


async def test_slash_searches_every_version_and_the_keys_step_through_the_matches(make_app, settle: Settle) -> None:
    from textual.widgets import OptionList

    from tui.screens.search import SearchScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Bessent")
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        texts = [results.get_option_at_index(k).prompt.plain for k in range(results.option_count)]
        # Grouped by version, each heading with its count; "Bescent" (a misspelling) is found too.
        headings = [t for t in texts if t.endswith(")") and not t[:4].strip().isdigit()]
        assert len(headings) >= 3 and headings[0].startswith(screen.story.names[0])
        assert any("Bescent" in t for t in texts)
        matches = app.screen.matches
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        first = matches[0]
        assert (screen.reading, screen.current) == (first.version, first.sentence)
        # The matches are highlighted in both panes.
        reading_view = screen.query_one("#reading-view", ArticleView)
        compare_view = screen.query_one("#compare-view", ArticleView)
        assert "Bessent" in highlighted(reading_view)
        assert compare_view.marks.matched == tuple((m.start, m.end) for m in matches if m.version == screen.comparing)
        # > and < step through every match, across versions, wrapping around.
        seen = []
        for _ in range(len(matches)):
            await pilot.press("greater_than_sign")
            await pilot.pause()
            seen.append((screen.reading, screen.current))
        assert seen[-1] == (first.version, first.sentence)
        assert {m.version for m in matches} == {v for v, _ in seen}
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert (screen.reading, screen.current) == (matches[-1].version, matches[-1].sentence)


async def test_a_search_with_no_match_says_so_and_escape_keeps_the_place(make_app, settle: Settle) -> None:
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert any("No search yet" in str(n.message) for n in app._notifications)
        await pilot.press("slash", *"zzqx")
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        assert results.get_option_at_index(0).prompt.plain == "No match in any version."
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.screen is screen and screen.current == 0 and screen.found is None


async def test_every_new_mark_reads_in_every_theme(make_app, settle: Settle) -> None:
    """The marks of this issue (typed changes, boilerplate, search matches, the strip's
    severities) at 4.5:1 on what they are drawn over, in every built-in theme."""
    from textual.color import Color

    from tui.widgets.contrast import contrast

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app).query_one("#reading-view", ArticleView)
        for theme in sorted(name for name in app.available_themes if name != "textual-ansi"):
            app.theme = theme
            await pilot.pause()
            base = view.rich_style
            for cls, band in [("match", None), ("typed", "current"), ("boilerplate", None), ("boilerplate", "current"),
                              ("change-high", None), ("change-medium", None), ("change-low", None), ("unmatched", None)]:
                style = view.mark_style(cls, band)
                background = style.bgcolor or (view.mark_style(band).bgcolor if band else base.bgcolor)
                ratio = contrast(Color.from_rich_color(style.color), Color.from_rich_color(background))
                assert ratio >= 4.5 - 0.01, (theme, cls, band, round(ratio, 2))
