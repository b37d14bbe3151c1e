"""The change classification in the reader: typed gutter marks, typed words, dimmed boilerplate
and the keys that jump by type and severity, on the seeds (000 read, 001 compared)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.marks import BOILERPLATE_GLYPH, TYPE_GLYPHS

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def row_text(view: ArticleView, index: int) -> str:
    """The drawn row where sentence `index` starts."""
    row = view.sentence_row(index)
    assert row is not None and 0 <= row < view.scrollable_content_region.height
    return "".join(s.text for s in view.render_line(row))


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_changes_come_with_the_alignment_and_boilerplate_is_set_aside(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        changes = screen.changes
        assert changes is not None and screen.alignment is changes.alignment
        assert changes.boilerplate == frozenset({1, 2, 25})
        # Worked out once, by the worker: moving asks the cache, which hands back the same object.
        await pilot.press("j", "j", "n")
        assert screen.changes is changes
        # The diff pane reads the other side's findings, worked out by the worker too.
        assert screen.findings.get(screen.story.cached(1, 0)) is not None


async def test_the_gutter_shows_the_most_severe_change_by_type_and_dims_boilerplate(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.query_one("#reading-view", ArticleView)
        changes = screen.changes
        # Sentence 6: "Two people ..." became "A person ...": a figure, high severity.
        assert changes.worst(6).type == "number" and changes.worst(6).severity == "high"
        assert view.marks.sentence_glyphs[6] == (TYPE_GLYPHS["number"], "change-high")
        assert view.marks.sentence_glyphs[1] == BOILERPLATE_GLYPH
        assert view.marks.dimmed == changes.boilerplate
        assert row_text(view, 1).startswith("·") and row_text(view, 3).lstrip().startswith(TYPE_GLYPHS["number"])
        # Boilerplate is drawn in its own muted colour, not the text's.
        muted = view.mark_style("boilerplate").color
        assert muted != view.rich_style.color
        first_words = view.article.sentences[1].text.split()[0]
        row = view.render_line(view.sentence_row(1))
        assert any(first_words in s.text and s.style.color == muted for s in row)
        # What must not happen: a reworded sentence with no change carries a typed mark.
        plain = next(i for i, r in enumerate(changes.relations) if r is not None and not changes.has(i, "low") and i not in changes.boilerplate)
        assert view.marks.sentence_glyphs[plain][1] not in {"change-high", "change-medium", "change-low"}


async def test_the_changed_words_of_a_typed_change_stand_out_in_both_panes(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("c")  # the first high-severity change
        await pilot.pause()
        assert screen.current == 6
        for view_id, word in (("#reading-view", "Two"), ("#compare-view", "A")):
            view = screen.query_one(view_id, ArticleView)
            typed = [(s, e) for s, e, cls in view.marks.word_spans if cls == "typed"]
            assert [view.article.text[s:e] for s, e in typed] == [word], view_id
            strong = view.mark_style("typed", "current")
            drawn = [seg.text for y in range(view.scrollable_content_region.height) for seg in view.render_line(y) if seg.style and seg.style.reverse]
            assert word in [t.strip() for t in drawn], (view_id, drawn)
            assert strong.reverse and strong.bold


async def test_typed_jumps_go_by_severity_and_by_type(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        changes = screen.changes
        high = [i for i in range(len(changes.relations)) if changes.has(i, "high")]
        visited = []
        for _ in range(len(high)):
            await pilot.press("c")
            await pilot.pause()
            visited.append(screen.current)
        assert visited == high and high[0] == 6
        await pilot.press("C")
        await pilot.pause()
        assert screen.current == high[-2]
        for key, kind in (("quotation_mark", "quote"), ("number_sign", "number"), ("N", "name")):
            await pilot.press("g", key)
            await pilot.pause()
            expected = next(i for i in range(1, len(changes.relations)) if changes.has(i, "low", kind))
            assert screen.current == expected, key
            assert any(c.type == kind for c in changes.by_sentence[screen.current])
        # Seed 001 changes no date of 000: the key says so and stays put.
        await pilot.press("g", "D")
        await pilot.pause()
        assert screen.current == 0
        assert any("No date change" in text for text in notifications(app))


@pytest.mark.parametrize("key", ["c", "N"])
async def test_a_typed_jump_before_the_alignment_waits_for_it(make_app, settle: Settle, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press(key)
        await settle(pilot)
        assert screen.changes is not None and screen.current > 0
        assert screen.changes.has(screen.current, "high" if key == "c" else "low", None if key == "c" else "name")
