"""How the reading panes look in every theme: every character carries the theme's colours (no
bars in the terminal's own), every mark reads at 4.5:1 or better, the current-sentence band has
no holes, and a selection shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from rich.color import ColorType
from rich.segment import Segment
from textual.color import Color
from textual.pilot import Pilot

from tui.app import StorydiffApp
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.contrast import contrast, readable

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


def segments(view: ArticleView) -> list[list[Segment]]:
    """Each drawn row's segments, the scrollbar column left out."""
    rows = []
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        rows.append(list(strip.crop(0, view.scrollable_content_region.width - 1)))
    return rows


def truecolor_themes() -> list[str]:
    app = StorydiffApp.__new__(StorydiffApp)
    App = StorydiffApp.__mro__[1]
    App.__init__(app)
    return sorted(name for name in app.available_themes if name != "textual-ansi")


@pytest.mark.parametrize(
    "fg, bg",
    [
        ("#004578", "#121212"),  # the secondary colour on the dark surface: 1.89:1
        ("#ff0000", "#ffffff"),
        ("#777777", "#777777"),
        ("#00ff00", "#000000"),  # already readable: unchanged
    ],
)
def test_readable_reaches_the_bar_and_leaves_readable_colours_alone(fg: str, bg: str) -> None:
    foreground, background = Color.parse(fg), Color.parse(bg)
    fixed = readable(foreground, background)
    assert contrast(fixed, background) >= 4.5 - 1e-9
    if contrast(foreground, background) >= 4.5:
        assert fixed == foreground


@pytest.mark.parametrize("theme", truecolor_themes())
async def test_every_character_has_theme_colours_and_every_mark_reads(make_app, settle: Settle, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = theme
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        # A sentence with word changes, an annotation on it, a bookmark, and words selected.
        await pilot.press("n", "m")
        screen.store.add_annotation(screen.story.articles[0], 0, 40, "checked")
        screen.notes.reload()
        await pilot.press("x", "right", "right")
        await pilot.pause()
        for view in screen.query(ArticleView):
            marked = 0
            for row in segments(view):
                for segment in row:
                    style = segment.style
                    assert style is not None and style.color is not None and style.bgcolor is not None, (theme, segment)
                    if not segment.text.strip() or style.color.type is ColorType.DEFAULT:
                        continue
                    fg = Color.from_rich_color(style.color)
                    bg = Color.from_rich_color(style.bgcolor)
                    ratio = contrast(fg, bg)
                    assert ratio >= 4.5 - 0.01, (theme, view.id, segment.text, fg.hex, bg.hex, round(ratio, 2))
                    marked += 1
            assert marked


async def test_the_band_keeps_its_background_under_changed_words(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one("#reading-view", ArticleView)
        while not view.marks.word_spans:
            await pilot.press("j")
            await pilot.pause()
        band = view.get_component_rich_style("article-view--current").bgcolor
        sentence = screen.story.articles[0].sentences[screen.current]
        assert view.marks.word_spans, "the sentence should have changed words"
        words = {sentence.text[s - sentence.start : e - sentence.start] for s, e, _ in view.marks.word_spans if s >= sentence.start}
        on_band = [seg for row in segments(view) for seg in row if seg.style and seg.style.bgcolor == band]
        # Every changed word of the current sentence sits on the band.
        painted = "".join("".join(seg.text for seg in on_band).split())
        for word in words:
            assert "".join(word.split()) in painted, word


async def test_a_selection_shows_over_the_text_and_over_an_annotation(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        article = screen.story.articles[0]
        sentence = article.sentences[0]
        screen.store.add_annotation(article, sentence.start, sentence.end, "whole sentence")
        screen.notes.reload()
        await pilot.press("x", "right")
        await pilot.pause()
        view = screen.query_one("#reading-view", ArticleView)
        selected = view.get_component_rich_style("article-view--selected").bgcolor
        band = view.get_component_rich_style("article-view--current").bgcolor
        shown = "".join(seg.text for row in segments(view) for seg in row if seg.style and seg.style.bgcolor == selected)
        first_two = " ".join(sentence.text.split()[:2])
        assert selected != band
        assert shown.strip() == first_two
