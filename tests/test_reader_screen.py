"""The one reading screen: its state in reactive vars, widgets drawn from it, the alignment
worker's failures reported, a store always open, and palette commands built from the bindings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import ProgressBar
from textual.worker import WorkerFailed

from tui.commands import bound_commands
from tui.core import story as story_module
from tui.screens.reader import ReaderScreen
from tui.store import NoteStore
from tui.widgets.all_versions import AllVersionsPane
from tui.widgets.diff_pane import DiffPane

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen), type(app.screen).__name__
    return app.screen


def notifications(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_the_panes_are_given_the_screens_place_and_draw_from_it(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        diff = screen.query_one(DiffPane)
        for keys in (("j", "j"), ("]",), ("s",), ("v",), ("k",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert diff.place == screen.place
            assert (screen.reading, screen.comparing, screen.current) == (
                screen.place.reading,
                screen.place.comparing,
                screen.place.current,
            )
        pane = screen.query_one(AllVersionsPane)
        assert pane.place == screen.place
        reading = screen.story.articles[screen.reading]
        assert reading.sentences[screen.current].text in pane.render_entries(screen.place).plain


async def test_a_failed_alignment_is_reported_and_the_reader_keeps_working(
    make_app, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = story_module.align_articles

    def failing(a, b, *args, **kwargs):
        if b.path.endswith("003_84071f02d425d81c.txt"):
            raise MemoryError("out of memory")
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(story_module, "align_articles", failing)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        with pytest.raises(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screen = reader(app)
        texts = notifications(app)
        assert any("Could not align 000_d1b59e788ba803b6.txt with 003_84071f02d425d81c.txt: out of memory" in t for t in texts), texts
        assert not any(bar.display for bar in screen.query("#align-progress").results(ProgressBar))
        # The versions aligned before the failure work as usual.
        await pilot.press("j")
        await pilot.pause()
        assert screen.current == 1
        assert app.is_running


async def test_the_reader_opens_with_a_read_only_store_when_none_can_be_opened(
    make_app, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(NoteStore, "open", classmethod(lambda cls, *a, **k: broken()))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.store.read_only
        assert any("Notes are unavailable this session: disk on fire" in t for t in notifications(app))
        await pilot.press("m")
        await pilot.pause()
        assert screen.notes.bookmarked(0) == frozenset()
        assert any("read-only" in t for t in notifications(app)[-1:])
        await pilot.press("apostrophe")
        await pilot.pause()
        assert "No bookmarks yet" in str(app.screen.query_one("#notes-list").get_option_at_index(0).prompt)


async def test_palette_commands_follow_the_bindings_and_a_remap(make_app, config_dir: Path, settle: Settle) -> None:
    (config_dir / "config.toml").write_text('[keymap]\nnext_difference = "d"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        commands = {c.description: c.keys for c in bound_commands(screen)}
        assert commands["Next change"] == "d"
        assert commands["Next sentence"] == "j / ↓"
        assert commands["Help"] == "? / f1"
        assert len(commands) == len(set(commands))
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"next change")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current > 0
        assert app.screen is screen


async def test_palette_lists_keys_once_and_every_command_has_a_description(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        system = list(app.get_system_commands(app.screen))
        titles = [c.title for c in system] + [c.description for c in bound_commands(app.screen)]
        assert titles.count("Keys") == 0 and titles.count("Help") == 1 and titles.count("Quit") == 1
        assert all(c.help for c in system)


# -- bugs found trying the reader as a new user (issue 11) ---------------------------------------


async def test_the_diff_pane_follows_a_sentence_without_counterpart(make_app, settle: Settle) -> None:
    from tui.core.story import nearest_linked
    from tui.widgets.article_view import ArticleView

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        reading = screen.query_one("#reading-view", ArticleView)
        compare = screen.query_one("#compare-view", ArticleView)
        rels = screen.story.relations(0, 1)
        unlinked = [i for i, r in enumerate(rels) if r is None]
        assert len(unlinked) >= 2
        places = []
        level = 0
        for keys in [("G",), ("g",)] + [("o",)] * len(unlinked):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            if rels[screen.current] is not None:
                continue
            neighbour = nearest_linked(rels, screen.current)
            other = screen.story.cached(0, 1).links_for_a(neighbour)[0].b[0]
            row = reading.sentence_row(neighbour) + reading.content_region.y
            compare_row = compare.sentence_row(other) + compare.content_region.y
            # Level, as near as the ends of the comparison text allow.
            assert compare_row == row or round(compare.scroll_y) in (0, compare.max_scroll_y), (compare_row, row)
            level += compare_row == row
            info = str(screen.query_one("#link-info").content)
            assert "No counterpart" in info and f"level with {neighbour + 1}" in info
            places.append((screen.current, other))
        assert len(set(places)) >= 2, "the diff pane should move between sentences without counterpart"
        assert level >= 1


async def test_all_versions_scroll_at_80x24(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        pane = app.screen.query_one(AllVersionsPane)
        assert pane.max_scroll_y > 0, "the last versions should be below the fold, reachable by scrolling"
        pane.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_y == 0
        # The mouse wheel, as the terminal reports it over the pane.
        region = pane.region
        pane.post_message(events.MouseScrollDown(pane, 2, 2, 0, 1, 0, False, False, False, region.x + 2, region.y + 2))
        await pilot.pause()
        await pilot.pause()
        assert pane.scroll_y > 0


async def test_the_list_highlight_follows_the_version_read(make_app, settle: Settle) -> None:
    from tui.widgets.article_list import ArticleList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("]", "]", "s")
        await settle(pilot)
        screen = reader(app)
        assert screen.reading == 3
        assert screen.query_one(ArticleList).highlighted == 3


async def test_keys_pressed_before_the_alignment_lands_still_move(make_app, settle: Settle, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from tui.core.story import Story

    # The alignment is held until the keys are in, so they surely come first.
    gate = threading.Event()
    real = Story.alignment

    def held(self, reading, comparing):
        gate.wait(timeout=30)
        return real(self, reading, comparing)

    monkeypatch.setattr(Story, "alignment", held)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press("G", "k", "g", "j")
        assert screen.current == 1 and screen.alignment is None
        await pilot.press("n")
        await pilot.pause()
        assert screen.current == 1
        gate.set()
        await settle(pilot)
        first = next(i for i in range(2, len(screen.changes.relations)) if screen.changes.is_difference(i))
        assert screen.current == first
        # The diff pane caught up with the place the keys reached.
        assert screen.query_one(DiffPane).place == screen.place
        from tui.core.story import counterpart

        assert screen.query_one("#compare-view").marks.current == frozenset(counterpart(screen.alignment, first).indexes)


async def test_an_alignment_no_longer_wanted_is_not_carried_on(make_app, settle: Settle, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from tui.core.story import Story
    from tui.widgets.article_list import ArticleList

    gate = threading.Event()
    real = Story.alignment
    asked: list[tuple[int, int]] = []

    def held(self, reading, comparing):
        asked.append((reading, comparing))
        gate.wait(timeout=30)
        return real(self, reading, comparing)

    monkeypatch.setattr(Story, "alignment", held)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while not asked:  # the worker for version 0 is in its first alignment
            await pilot.pause(0.01)
        # The user reads version 2 instead: version 0's alignments are no longer wanted.
        app.screen.query_one(ArticleList).focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert reader(app).reading == 2
        gate.set()
        await settle(pilot)
        from_0 = [pair for pair in asked if pair[0] == 0]
        assert from_0 == [(0, 1)], asked
        assert all(reader(app).story.cached(2, k) is not None for k in (0, 1, 3, 4))
