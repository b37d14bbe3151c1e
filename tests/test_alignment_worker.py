"""The background alignments of the version read: the pair on screen first and announced at
once, the others announced in batches, and no step started while the interface is handling a
key."""

from __future__ import annotations

import tui.widgets.alignment_progress as progress_module
from tui.core.model import Article
from tui.screens.reader import ReaderScreen
from tui.widgets.alignment_progress import AlignmentProgress, cycle_from

SIZE = (120, 40)


def many(seed_articles: list[Article], count: int) -> list[Article]:
    """`count` versions: the seeds in turn, the copies each with one word of their own."""
    out = list(seed_articles)
    while len(out) < count:
        base = seed_articles[len(out) % len(seed_articles)]
        out.append(Article(f"{base.path}.v{len(out)}", base.text.replace(" the ", f" the v{len(out)} ", 1), base.title))
    return out


async def test_the_pair_on_screen_comes_first_and_alone_the_others_in_batches(make_app, seed_articles, settle, monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "ANNOUNCE_EVERY", 60.0)  # one batch for all the others
    announced: list[tuple[int, ...]] = []
    real_on_ready = ReaderScreen.on_alignment_ready

    def recorded(self, message) -> None:
        announced.append(message.versions)
        real_on_ready(self, message)

    monkeypatch.setattr(ReaderScreen, "on_alignment_ready", recorded)
    articles = many(seed_articles, 12)
    app = make_app(articles)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert announced[0] == (screen.comparing,)
        assert len(announced) == 2, "the other ten in one batch"
        assert sorted(v for batch in announced for v in batch) == screen.story.pairs_for(screen.reading)
        # Every count reached the article list.
        assert all(screen.story.matched(k, screen.reading) is not None for k in screen.story.pairs_for(screen.reading))


async def test_no_step_starts_while_the_interface_handles_a_key(make_app, seed_articles, settle, monkeypatch) -> None:
    import asyncio

    monkeypatch.setattr(progress_module, "HOLD_MAX", 60.0)
    articles = many(seed_articles, 30)
    app = make_app(articles)
    steps: list[int] = []
    real_alignment = app.story.alignment

    def counted(reading: int, comparing: int):
        steps.append(comparing)
        return real_alignment(reading, comparing)

    monkeypatch.setattr(app.story, "alignment", counted)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(AlignmentProgress)
        # Held closed (as while a key is handled): the run for another version starts no step.
        bar._quiet.clear()
        steps.clear()
        app.screen.read_version(3)
        await asyncio.sleep(0.3)
        assert steps == []
        # A key arriving while it runs closes the gate until the screen has been painted.
        bar._quiet.set()
        bar.input_arrived()
        assert not bar._quiet.is_set()
        assert len(steps) <= 1, "at most the step in hand"
        await pilot.pause()
        assert bar._quiet.is_set()
        await settle(pilot)
        assert sorted(set(steps)) == [k for k in range(30) if k not in (0, 3)], "then every pair is aligned"


async def test_a_gate_left_closed_costs_one_wait_not_one_per_step(make_app, seed_articles, settle, monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "HOLD_MAX", 0.2)
    app = make_app(many(seed_articles, 12))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(AlignmentProgress)
        bar._quiet.clear()  # as if the paint after a key never came
        app.screen.read_version(3)  # eleven new pairs: 33 steps
        await settle(pilot)
        assert bar._quiet.is_set()
        story = app.screen.story
        assert all(story.cached(3, k) is not None for k in story.pairs_for(3))


async def test_the_others_come_in_the_order_compare_next_reaches_them(make_app, seed_articles, settle, monkeypatch) -> None:
    app = make_app(many(seed_articles, 12))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.go(comparing=7)
        await settle(pilot)
        steps: list[int] = []
        real_alignment = app.story.alignment
        monkeypatch.setattr(app.story, "alignment", lambda reading, comparing: steps.append(comparing) or real_alignment(reading, comparing))
        screen.read_version(3)  # compared with 7 still; its pair with 0 is aligned already
        await settle(pilot)
        assert steps == [7, 8, 9, 10, 11, 1, 2, 4, 5, 6]


def test_cycle_from() -> None:
    assert cycle_from([0, 1, 2, 4, 5], 2) == [2, 4, 5, 0, 1]
    assert cycle_from([0, 1, 2, 4, 5], 3) == [4, 5, 0, 1, 2], "from where a missing one would be"
    assert cycle_from([0, 1], 0) == [0, 1]
    assert cycle_from([], 3) == []


async def test_a_key_holds_the_alignments_back_even_when_the_focused_list_keeps_it(make_app, seed_articles, settle, monkeypatch) -> None:
    import asyncio

    monkeypatch.setattr(progress_module, "HOLD_MAX", 60.0)
    app = make_app(many(seed_articles, 30))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(AlignmentProgress)
        listing = app.screen.query_one("#article-list")
        listing.focus()
        await pilot.pause()
        closed: list[bool] = []
        real_input_arrived = AlignmentProgress.input_arrived

        def recorded(self) -> None:
            real_input_arrived(self)
            closed.append(not self._quiet.is_set())

        monkeypatch.setattr(AlignmentProgress, "input_arrived", recorded)
        bar._quiet.clear()  # held while the run starts, so it is still going when the key comes
        app.screen.read_version(3)
        await asyncio.sleep(0.05)
        bar._quiet.set()
        await pilot.press("i")  # typed into the list's filter: the screen never sees this key
        assert listing.query == "i", "the list kept the key"
        assert closed and closed[0], "the gate closed as the app took the key"
        await settle(pilot)
