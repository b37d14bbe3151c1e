"""The annotation editor as typed into: a fast burst keeps its Tab, and the dialog fits 80x24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import events
from textual.pilot import Pilot
from textual.widgets import Button, Input, TextArea

from tui.screens.annotate import AnnotationEditor

Settle = Callable[[Pilot], Awaitable[None]]


def burst(app, text: str) -> None:
    """Queue every key of `text` at once, as a terminal delivers a paste or a text expander's
    output: the app takes them one after the other with no pause between."""
    for ch in text:
        key = {"\t": "tab", " ": "space"}.get(ch, ch)
        app.post_message(events.Key(key, None if ch == "\t" else ch))


async def test_a_fast_burst_moves_to_the_tags_at_the_tab(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationEditor)
        burst(app, "checked the date\tdate source")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#annotate-note", TextArea).text == "checked the date"
        assert app.screen.query_one("#annotate-tags", Input).value == "date source"


async def test_the_dialog_keeps_its_buttons_at_80x24_with_a_long_quote(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        longest = max(screen.story.articles[0].sentences, key=lambda s: len(s.text))
        await pilot.press(*(["j"] * longest.index))
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AnnotationEditor) and len(editor.quote) > 200
        box = editor.query_one("#annotate-box").region
        for button in editor.query(Button):
            region = button.region
            assert region.height >= 3 and box.y <= region.y and region.bottom <= box.bottom - 1, (button.id, region, box)
            assert region.bottom <= 24
        assert editor.query_one("#annotate-note").region.height >= 3
