"""The background alignments of the version read: the pair on screen first and announced at
once, the others announced in batches, and no step started while the interface is handling a
key."""

from __future__ import annotations

import tui.widgets.alignment_progress as progress_module
from tui.core.model import Article
from tui.screens.reader import ReaderScreen
from tui.widgets.alignment_progress import AlignmentProgress

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
    articles = many(seed_articles, 60)
    app = make_app(articles)
    steps: list[int] = []
    real_alignment = app.story.alignment

    def counted(reading: int, comparing: int):
        steps.append(comparing)
        return real_alignment(reading, comparing)

    monkeypatch.setattr(app.story, "alignment", counted)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one(AlignmentProgress)
        # A key closes the gate until the screen has been painted after it.
        bar.input_arrived()
        assert not bar._quiet.is_set()
        await pilot.pause()
        assert bar._quiet.is_set()
        # Held closed (as for a key taking long): at most the step in hand is finished.
        bar._quiet.clear()
        await asyncio.sleep(0.05)
        before = len(steps)
        await asyncio.sleep(0.5)
        assert len(steps) <= before + 1 and len(steps) < 59
        bar._quiet.set()
        await settle(pilot)
        assert len(set(steps)) == 59, "then every pair is aligned"
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.current == 1


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
