"""The background alignments of the version read: the pair on screen first and announced at
once, the others announced in batches, and no step started while the interface is handling a
key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tui.widgets.alignment_progress as progress_module
from tui.core.model import Article
from tui.screens.reader import ReaderScreen
from tui.widgets.alignment_progress import AlignmentProgress, RunQueue

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
        # A key arriving while it runs closes the gate until it is handled and the screen painted.
        bar._quiet.set()
        bar.input_arrived()
        assert not bar._quiet.is_set()
        assert len(steps) <= 1, "at most the step in hand"
        await pilot.pause()
        assert not bar._quiet.is_set(), "a paint before the key is handled does not open it"
        bar.input_handled()
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


def taken(queue: RunQueue) -> list[int]:
    order = []
    while (k := queue.take()) is not None:
        order.append(k)
    return order


def test_a_run_takes_the_versions_in_the_order_compare_next_reaches_them() -> None:
    assert taken(RunQueue(9, [0, 1, 2, 4, 5], 2)) == [2, 4, 5, 0, 1]
    assert taken(RunQueue(9, [5, 4, 2, 1, 0], 3)) == [4, 5, 0, 1, 2], "from where a missing one would be"
    assert taken(RunQueue(9, [0, 1], 0)) == [0, 1]
    assert taken(RunQueue(9, [], 3)) == []
    queue = RunQueue(9, [0, 1, 2, 4, 5, 7], 1)
    assert [queue.take(), queue.take()] == [1, 2]
    queue.want(5)  # `]` to 5 while the run goes on
    assert queue.first == 5 and 5 in queue and 2 not in queue and len(queue) == 4
    assert taken(queue) == [5, 7, 0, 4], "from 5 on, then from the start"


@given(st.sets(st.integers(0, 30)), st.integers(0, 31), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 31)), max_size=4))
def test_a_run_takes_every_version_once_from_where_the_reader_is(todo: set[int], first: int, moves: list[tuple[int, int]]) -> None:
    """Property: whatever `]` does meanwhile (`steps` taken, then a move `to`), each version is
    taken once, and the versions left come in `]`'s order from the version last moved to."""
    queue = RunQueue(99, sorted(todo), first)
    order: list[int] = []
    start = first
    for steps, to in [*moves, (len(todo) + 1, None)]:
        left = sorted(todo - set(order))
        expected = [k for k in left if k >= start] + [k for k in left if k < start]
        got = []
        while len(got) < steps and (k := queue.take()) is not None:
            got.append(k)
        assert got == expected[: len(got)] and len(got) == min(steps, len(expected))
        order += got
        if to is not None:
            queue.want(to)
            start = to
    assert sorted(order) == sorted(todo) and len(order) == len(todo)


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


def slow_steps(app, monkeypatch, seconds: float = 0.05) -> None:
    """Each alignment takes at least `seconds` (asleep: the interface runs meanwhile), so a run
    is still going when the test's keys come."""
    import time

    real_alignment = app.story.alignment

    def slow(reading: int, comparing: int):
        time.sleep(seconds)
        return real_alignment(reading, comparing)

    monkeypatch.setattr(app.story, "alignment", slow)


async def test_the_paint_after_a_key_comes_before_the_alignments_go_on(make_app, seed_articles, settle, monkeypatch) -> None:
    # Before, the gate reopened as soon as the screen was idle, and it was idle before the key
    # had reached the binding that acts on it: the key's redraw and paint ran beside the run.
    monkeypatch.setattr(progress_module, "HOLD_MAX", 60.0)
    app = make_app(many(seed_articles, 30))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        bar = screen.query_one(AlignmentProgress)
        view = screen.query_one("#reading-view")
        paints: list[tuple[object, bool]] = []  # (where the reader was, whether the run could go on)
        real_render_lines = type(view).render_lines

        def recorded(self, crop):
            if self is view:
                paints.append((screen.place, bar._quiet.is_set()))
            return real_render_lines(self, crop)

        monkeypatch.setattr(type(view), "render_lines", recorded)
        slow_steps(app, monkeypatch)
        screen.read_version(3)  # 28 pairs to align, 50 ms each at least
        await pilot.pause()
        for key in ("j", "j", "right_square_bracket", "k"):
            paints.clear()
            before = screen.place
            await pilot.press(key)
            await pilot.pause()
            assert screen.place != before
            # The key's paint is the first to show where it moved (an alignment that landed
            # just before the key may repaint the old place with the run going on: not the key's).
            gate_at_paint = [quiet for place, quiet in paints if place != before]
            assert gate_at_paint and gate_at_paint[0] is False, f"{key}: painted while the alignments ran"
            assert bar._quiet.is_set(), f"{key}: the run goes on once the key is painted"
        assert not screen.story.cached(3, 29), "the run was still going"
        await settle(pilot)
        assert all(screen.story.cached(3, k) is not None for k in screen.story.pairs_for(3))


async def test_a_paint_after_one_key_does_not_let_the_alignments_run_during_the_next(make_app, seed_articles, settle, monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "HOLD_MAX", 60.0)
    app = make_app(many(seed_articles, 30))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(AlignmentProgress)
        slow_steps(app, monkeypatch)
        app.screen.read_version(3)
        await pilot.pause()
        bar.input_arrived()
        bar.input_handled()  # the first key is handled: the gate opens after the next paint ...
        bar.input_arrived()  # ... but a second key came meanwhile
        await pilot.pause()
        assert not bar._quiet.is_set()
        bar.input_handled()
        await pilot.pause()
        assert bar._quiet.is_set()
        await settle(pilot)


async def test_compare_next_while_aligning_shows_the_version_then_its_diff(make_app, seed_articles, settle, screen_text) -> None:
    import asyncio

    app = make_app(many(seed_articles, 12))
    # The pair with version 3 is aligned once the test lets it.
    held, reached = holding_alignments(app, lambda reading, comparing: 3 in (reading, comparing))
    async with app.run_test(size=SIZE) as pilot:
        while not reached.is_set():
            await asyncio.sleep(0.01)
        screen = app.screen
        assert screen.comparing == 1
        await pilot.press("right_square_bracket", "right_square_bracket")  # to 2 (aligned), then 3
        name = screen.story.names[3]
        assert screen.comparing == 3
        assert screen.query_one("#compare-view").article is screen.story.articles[3], "the version is shown at once"
        assert screen.changes is None
        text = screen_text(app)
        assert "Aligning…" in text, "and the screen says its diff is coming"
        assert f"Compare ◆ {name[:20]}" in text, "the border names the version meanwhile"
        header = screen.query_one("#link-info")
        assert header.size.height == 1, "a one-line header, as a link's: no new layout of the screen"
        held.set()
        await settle(pilot)
        assert screen.changes is not None
        text = screen_text(app)
        assert "Aligning…" not in text
        assert f"Compare ◆ {name[:20]}" in text
        assert header.size.height == 1


async def test_compare_next_to_a_version_still_aligning_lays_nothing_out(make_app, seed_articles, settle, monkeypatch) -> None:
    """A version with a long file name: `]` to it while it is aligned changes the header's text
    only, not its height, so the screen is not laid out again (each layout redraws every pane)."""
    import asyncio
    from dataclasses import replace as _replace

    from textual.screen import Screen

    versions = many(seed_articles, 6)
    versions[3] = _replace(versions[3], path=versions[3].path + "-as-republished-by-a-regional-outlet-with-a-long-name.txt")
    app = make_app(versions)
    held, reached = holding_alignments(app, lambda reading, comparing: 3 in (reading, comparing))
    async with app.run_test(size=SIZE) as pilot:
        while not reached.is_set():
            await asyncio.sleep(0.01)
        screen = app.screen
        await pilot.press("right_square_bracket")  # to 2 (aligned)
        await pilot.pause()
        layouts = []
        real_layout = Screen._refresh_layout
        monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *a, **k: (layouts.append(1), real_layout(self, *a, **k))[1])
        await pilot.press("right_square_bracket")  # to 3, still aligning
        await pilot.pause()
        assert screen.comparing == 3 and screen.changes is None
        assert layouts == []
        held.set()
        await settle(pilot)
        assert screen.changes is not None


async def test_what_lands_while_a_key_is_handled_is_announced_once_the_key_is_drawn(make_app, seed_articles, settle, monkeypatch) -> None:
    import asyncio
    import threading

    monkeypatch.setattr(progress_module, "HOLD_MAX", 60.0)
    app = make_app(many(seed_articles, 12))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        bar = screen.query_one(AlignmentProgress)
        announced: list[tuple[int, ...]] = []
        real_on_ready = ReaderScreen.on_alignment_ready

        def recorded(self, message) -> None:
            announced.append(message.versions)
            real_on_ready(self, message)

        monkeypatch.setattr(ReaderScreen, "on_alignment_ready", recorded)
        in_last_step, release = threading.Event(), threading.Event()
        real_find = screen.findings.find
        calls: list[object] = []

        def holding(alignment):
            calls.append(alignment)
            if len(calls) == 2:  # the pair on screen's last step: classified from its other side
                in_last_step.set()
                release.wait(10)
            return real_find(alignment)

        monkeypatch.setattr(screen.findings, "find", holding)
        screen.read_version(3)  # compared with 1 still: (3, 1) is aligned first
        while not in_last_step.is_set():
            await asyncio.sleep(0.01)
        bar.input_arrived()  # a key comes during that step
        release.set()
        await asyncio.sleep(0.2)
        await pilot.pause()
        assert announced == [], "nothing is announced while the key is handled"
        bar.input_handled()
        await pilot.pause()
        await pilot.pause()
        assert announced and announced[0] == (1,), "the pair on screen, once the key is drawn"
        await settle(pilot)
        assert screen.changes is not None


async def test_the_link_header_keeps_its_tallest_height_so_moving_lays_nothing_out(make_app, seed_articles, settle, monkeypatch) -> None:
    """The header over the comparison text grows when a link's line wraps, and keeps that height
    while the reader moves on to links whose line fits in one: the text under it stays put and
    the screen is not laid out again on each move. A new width starts it over."""
    from textual.screen import Screen

    from tui.widgets.diff_pane import _height

    app = make_app(seed_articles)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        header = screen.query_one("#link-info")
        diff = screen.query_one("#right-pane")

        def rows_needed() -> int:
            return _height(header, diff._info_text)

        await pilot.press("g")
        for _ in range(len(screen.story.articles[0].sentences)):
            await pilot.press("j")
            await pilot.pause()
            if rows_needed() > 1:
                break
        else:
            pytest.fail("no link of the seeds wraps in the header at this width")
        assert header.size.height == rows_needed() > 1
        tall = header.size.height
        layouts = []
        real_layout = Screen._refresh_layout
        monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *a, **k: (layouts.append(1), real_layout(self, *a, **k))[1])
        for _ in range(len(screen.story.articles[0].sentences)):
            await pilot.press("j")
            await pilot.pause()
            if rows_needed() < tall:
                break
        else:
            pytest.fail("no shorter link after the tall one")
        assert layouts == [], "a shorter header lays nothing out"
        assert header.size.height == tall, "and keeps its height"
        monkeypatch.setattr(Screen, "_refresh_layout", real_layout)
        # A wider terminal: the header starts over at the height its text needs there.
        await pilot.resize_terminal(220, 40)
        await settle(pilot)
        await pilot.press("j", "k")
        await pilot.pause()
        assert header.size.height == rows_needed() == 1


def holding_alignments(app, wanted):
    """Hold every alignment of a pair (reading, comparing) that `wanted` picks until the first
    returned event is set; the second is set once one is held."""
    import threading

    held, reached = threading.Event(), threading.Event()
    real_alignment = app.story.alignment

    def holding(reading: int, comparing: int):
        if wanted(reading, comparing):
            reached.set()
            held.wait(10)
        return real_alignment(reading, comparing)

    app.story.alignment = holding
    return held, reached


def holding_reading(app, version: int):
    """Hold every alignment made for version `version` read (see `holding_alignments`)."""
    return holding_alignments(app, lambda reading, comparing: reading == version)


async def test_switching_sides_to_a_version_not_read_lays_nothing_out_on_the_key(make_app, seed_articles, settle, monkeypatch) -> None:
    """`s` to a version not read yet starts its alignments: the progress bar, already mounted by
    an earlier long run, waits PROGRESS_DELAY before it comes back, so the key does not lay the
    screen out (the bar takes a line from the comparison text: every pane was redrawn)."""
    import asyncio

    from textual.screen import Screen

    from tests.test_reader import progress_shown

    monkeypatch.setattr(progress_module, "PROGRESS_DELAY", 0.05)
    app = make_app(many(seed_articles, 8))
    held, reached = holding_reading(app, 0)
    async with app.run_test(size=(220, 40)) as pilot:  # wide: no link's header wraps, which lays out too
        screen = app.screen
        while not progress_shown(screen):  # the first run, held, outlasts the delay: the bar shows
            await asyncio.sleep(0.01)
        held.set()
        await settle(pilot)
        assert not progress_shown(screen) and screen.query("#align-progress"), "mounted, hidden"
        monkeypatch.setattr(progress_module, "PROGRESS_DELAY", 60.0)  # no bar during the key, however slow the machine
        held, reached = holding_reading(app, 1)
        layouts = []
        real_layout = Screen._refresh_layout
        monkeypatch.setattr(Screen, "_refresh_layout", lambda self, *a, **k: (layouts.append(1), real_layout(self, *a, **k))[1])
        await pilot.press("s")
        await pilot.pause()
        assert (screen.reading, screen.comparing) == (1, 0)
        assert reached.is_set() or not all(screen.story.cached(1, k) for k in screen.story.pairs_for(1)), "a run started"
        assert not progress_shown(screen)
        assert layouts == [], "the key laid nothing out"
        held.set()
        await settle(pilot)
        assert all(screen.story.cached(1, k) is not None for k in screen.story.pairs_for(1))


async def test_a_run_that_outlasts_the_delay_shows_the_bar_again(make_app, seed_articles, settle, monkeypatch) -> None:
    import asyncio

    from tests.test_reader import progress_shown

    monkeypatch.setattr(progress_module, "PROGRESS_DELAY", 0.05)
    app = make_app(many(seed_articles, 8))
    held, reached = holding_reading(app, 0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while not progress_shown(screen):
            await asyncio.sleep(0.01)
        held.set()
        await settle(pilot)
        assert not progress_shown(screen)
        held, reached = holding_reading(app, 1)
        await pilot.press("s")
        for _ in range(500):  # the run is held: the bar comes back once the delay is over
            if progress_shown(screen):
                break
            await asyncio.sleep(0.01)
        assert progress_shown(screen)
        held.set()
        await settle(pilot)
        assert not progress_shown(screen), "and goes when the run is done"


async def test_a_key_that_starts_a_run_is_painted_before_the_run_takes_a_step(make_app, seed_articles, settle, monkeypatch) -> None:
    """No run is going when `s` arrives, and the key starts one (the version it reads was never
    aligned with the others): the run waits for the key's paint, as a run going on would."""
    monkeypatch.setattr(progress_module, "HOLD_MAX", 60.0)
    app = make_app(many(seed_articles, 30))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one("#reading-view")
        steps: list[int] = []
        real_alignment = app.story.alignment
        monkeypatch.setattr(app.story, "alignment", lambda reading, comparing: steps.append(comparing) or real_alignment(reading, comparing))
        at_paint: list[int] = []  # steps taken when the key's paint came
        real_render_lines = type(view).render_lines

        def recorded(self, crop):
            if self is view and screen.reading == 1 and not at_paint:
                at_paint.append(len(steps))
            return real_render_lines(self, crop)

        monkeypatch.setattr(type(view), "render_lines", recorded)
        assert not any(w.is_running for w in app.workers)
        await pilot.press("s")
        await pilot.pause()
        assert screen.reading == 1
        assert at_paint == [0], "no step of the run before the key was painted"
        await settle(pilot)
        assert len(set(steps)) == 28, "then the run aligned every new pair"


async def test_switching_sides_finds_the_numbers_of_the_version_it_came_from_ready(make_app, seed_articles, settle, monkeypatch) -> None:
    """The worker works out each version's numbers against the version read as it classifies
    the pair, and the version compared read against the one read (what `s` shows next): `s` to
    a version not read yet, also after `]`, shows at once what the version it came from does
    against it, and the interface works none of them out (at 200 versions one cost about 5 ms
    of the key)."""
    import threading

    import tui.core.summary as summary_module

    app = make_app(many(seed_articles, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert len(screen.summaries) == 7 + 1, "every version against the one read, and the one compared read against it"
        await pilot.press("right_square_bracket")  # to 2, aligned: its numbers against 0 are worked out after the key
        await settle(pilot)
        assert len(screen.summaries) == 7 + 2
        on_interface: list[object] = []
        real = summary_module.summarize

        def recorded(findings):
            if threading.current_thread() is threading.main_thread():
                on_interface.append(findings)
            return real(findings)

        monkeypatch.setattr(summary_module, "summarize", recorded)
        listing = screen.query_one("#article-list")
        await pilot.press("s")
        assert (screen.reading, screen.comparing) == (2, 0)
        assert 0 in dict(listing.summaries), "the version it came from has its numbers at once"
        assert on_interface == []
        await settle(pilot)
        assert on_interface == [], "nor as the new version's pairs land"
        assert sorted(dict(listing.summaries)) == screen.story.pairs_for(2)


async def test_compare_next_while_aligning_moves_the_run_on_without_starting_a_new_one(make_app, seed_articles, settle, monkeypatch) -> None:
    """`]` while the version read is aligned: the run going on takes the version moved to (and
    the ones after it) next, without a new run (a new thread, and every pair looked up again)."""
    import asyncio

    app = make_app(many(seed_articles, 20))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        slow_steps(app, monkeypatch)
        steps: list[int] = []
        slow = app.story.alignment
        monkeypatch.setattr(app.story, "alignment", lambda reading, comparing: steps.append(comparing) or slow(reading, comparing))
        screen.read_version(3)  # compared with 1 still: (3, 1) first, then from 2 on
        await pilot.pause()
        while not steps:
            await asyncio.sleep(0.01)
        runs = [w for w in app.workers if w.group == "align" and w.is_running]
        assert len(runs) == 1
        taken = len(steps)
        screen.go(comparing=12)  # what `]` does: to a version the run has not reached yet
        assert not runs[0].is_cancelled and [w for w in app.workers if w.group == "align"] == runs, "no new run"
        await settle(pilot)
        todo = [k for k in range(20) if k not in (0, 3)]  # (3, 0): aligned both ways while 0 was read
        left = sorted(set(todo) - set(steps[:taken]))
        expected = [k for k in left if k >= 12] + [k for k in left if k < 12]
        after = steps[taken:]
        in_hand = after[0]  # the step the run was in when the reader moved (it may be 12 itself)
        assert after == expected or after == [in_hand] + [k for k in expected if k != in_hand], after
        assert sorted(steps) == todo, "each once"
        assert runs[0].is_finished and not runs[0].is_cancelled, "the first run went on to the end"
