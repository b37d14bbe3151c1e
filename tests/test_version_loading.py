"""The reader's first screen comes before the versions are read, and fills in (issue 13).

The app is opened as `storydiff PATHS` opens it (`first_version`: the version opened on is read,
the rest wait), on the real seeds and real files. The rest are read by the real loader
(`core.loading.load_planned`), held at a gate (`HeldLoader`) so a test can look at the screen
while they are still unread, press keys, and then let them through.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from pathlib import Path

import pytest
from textual.app import App
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, get_current_worker

from tui import collector
from tui.app import StorydiffApp
from tui.config import Config
from tui.core.loading import LoadError, load_planned, plan_paths
from tui.core.story import Story
from tui.screens.reader import ReaderScreen
from tui.store import NoteStore
from tui.version_loading import PendingVersions, first_version, read_pending
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.loading_progress import LoadingProgress

SIZE = (120, 40)
GATE_TIMEOUT = 60  # seconds; only so that a broken test cannot hang the run, never asserted


class HeldLoader:
    """The real loader, with a gate: the first `free` versions pass, the rest wait until
    `release()` (or until the app closes). `reached` is set when a version waits at the gate."""

    def __init__(self, free: int = 0) -> None:
        self.free = free
        self.gate = threading.Event()
        self.reached = threading.Event()
        self._calls = 0
        self._lock = threading.Lock()

    def __call__(self, item):
        with self._lock:
            self._calls += 1
            held = self._calls > self.free
        if held:
            self.reached.set()
            worker = get_current_worker()
            # Held until released, or until the app closes (it cancels its workers then).
            for _ in range(GATE_TIMEOUT * 20):
                if self.gate.wait(0.05) or worker.is_cancelled:
                    break
        return load_planned(item)

    def release(self) -> None:
        self.gate.set()

    async def wait_reached(self) -> None:
        assert await asyncio.to_thread(self.reached.wait, GATE_TIMEOUT), "the loader never reached its gate"


class Notified:
    """Every notification posted (kept after its toast would have gone)."""

    def __init__(self) -> None:
        self.notes = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notes.append(message.notification)


def open_app(paths: list[Path], loader: HeldLoader | None = None) -> StorydiffApp:
    """The reader as `storydiff PATHS` opens it, its pending versions read by `loader`."""
    articles, errors, pending = first_version([str(p) for p in paths])
    if loader is not None:
        pending.load = loader
    return StorydiffApp(articles, [str(e) for e in errors], config=Config(), pending=pending)


def reader(app: App) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def all_read(pilot: Pilot) -> None:
    """Until the loader is done and every alignment it started has landed."""
    app = pilot.app
    line = app.screen.query_one(LoadingProgress)
    for _ in range(10_000):  # the line goes when the last batch is taken in
        if not line.display:
            break
        await asyncio.sleep(0.005)
    assert not line.display, "the versions were never all read"
    for _ in range(1000):  # an alignment run restarted for newer versions ends cancelled
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()
    await pilot.pause()


def line_text(app: App) -> str:
    return str(app.screen.query_one(LoadingProgress).render())


# -- the screen ---------------------------------------------------------------------------------


async def test_first_frame_shows_before_the_rest_is_read_then_fills_in(seed_paths, screen_text) -> None:
    loader = HeldLoader()
    app = open_app(seed_paths, loader)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await loader.wait_reached()
            await pilot.pause()
            # Drawn while the other four are unread: the version opened on, and the line.
            assert len(app.story) == 1
            assert app.screen.query_one(ArticleList).shown == [0]
            view = app.screen.query_one("#reading-view", ArticleView)
            assert view.article is app.story.articles[0]
            shown = screen_text(app)
            assert "reading 2 of 5 versions…" in shown
            assert app.story.articles[0].sentences[0].text[:25] in shown

            loader.release()
            await all_read(pilot)
            assert len(app.story) == 5
            assert app.screen.query_one(ArticleList).shown == [0, 1, 2, 3, 4]
            assert not app.screen.query_one(LoadingProgress).display
            shown = screen_text(app)
            assert "reading" not in shown.split("\n")[-3]
            assert "versions…" not in shown
            # The version opened on is still the one read; the diff pane compares the next.
            place = reader(app).place
            assert (place.reading, place.comparing) == (0, 1)
            assert view.article is app.story.articles[0]
            for k in range(1, 5):
                assert app.story.matched(k, 0) is not None, f"version {k} was never aligned"
            assert "aligning…" not in shown
            # What was read is settled out of the collector's full passes.
            assert gc.get_threshold()[0] == collector.FIRST_THRESHOLD and gc.get_freeze_count() > 0
    finally:
        loader.release()


async def test_versions_are_read_in_the_order_named(seed_paths) -> None:
    paths = list(reversed(seed_paths))
    app = open_app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await all_read(pilot)
        assert [a.path for a in app.story.articles] == [str(p) for p in paths]


async def test_keys_work_while_versions_are_read(seed_paths) -> None:
    loader = HeldLoader(free=1)  # the second version arrives; the other three wait
    app = open_app(seed_paths, loader)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await loader.wait_reached()
            for _ in range(50):  # until the free version's batch is handled
                if len(app.story) == 2:
                    break
                await pilot.pause()
            assert len(app.story) == 2
            screen = reader(app)
            await pilot.press("j", "j")
            assert screen.current == 2
            await pilot.press("s")  # read the version that arrived, the first one compared
            assert (screen.reading, screen.comparing) == (1, 0)
            await pilot.press("right_square_bracket")  # nothing else to compare with yet
            assert (screen.reading, screen.comparing) == (1, 0)
            loader.release()
            await all_read(pilot)
            # What the keys did is kept while the rest arrived.
            assert (screen.reading, screen.comparing) == (1, 0)
            assert app.screen.query_one("#reading-view", ArticleView).article is app.story.articles[1]
            await pilot.press("right_square_bracket")
            assert screen.comparing == 2
    finally:
        loader.release()


async def align_idle(pilot: Pilot) -> None:
    """Until no alignment run is going (the loader may still be held)."""
    for _ in range(2000):
        if not any(w.group == "align" and w.is_running for w in pilot.app.workers):
            break
        await asyncio.sleep(0.005)
    await pilot.pause()


async def test_a_move_while_versions_are_read_aligns_only_the_pair_it_shows(seed_paths, monkeypatch) -> None:
    import tui.widgets.loading_progress as loading_module

    monkeypatch.setattr(loading_module, "BATCH_SECONDS", 0.0)  # each version arrives on its own
    loader = HeldLoader(free=3)  # versions 1-3 arrive; the last one waits
    app = open_app(seed_paths, loader)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await loader.wait_reached()
            for _ in range(200):
                if len(app.story) == 4:
                    break
                await pilot.pause()
            assert len(app.story) == 4
            await align_idle(pilot)
            story = app.story
            assert story.cached(0, 1) is not None  # the first version to arrive, compared at once
            await pilot.press("right_square_bracket")
            await align_idle(pilot)
            assert reader(app).comparing == 2
            assert story.cached(0, 2) is not None, "the pair on screen is aligned"
            assert story.cached(0, 3) is None, "no other pair while versions are still read"
            await pilot.press("s")  # reading version 2 now: its pair with 0 is there already
            await align_idle(pilot)
            assert (reader(app).reading, reader(app).comparing) == (2, 0)
            assert all(story.cached(2, k) is None for k in (1, 3))
            loader.release()
            await all_read(pilot)
            # Once every version is read, every pair of the version read is aligned.
            assert all(story.cached(2, k) is not None for k in story.pairs_for(2))
    finally:
        loader.release()


async def test_each_batch_read_is_settled_out_of_full_passes(seed_paths) -> None:
    loader = HeldLoader(free=1)  # the second version arrives; the others wait
    app = open_app(seed_paths, loader)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await loader.wait_reached()
            for _ in range(200):
                if len(app.story) == 2:
                    break
                await pilot.pause()
            assert len(app.story) == 2
            arrived = app.story.articles[1]
            assert gc.is_tracked(arrived)
            assert not any(o is arrived for o in gc.get_objects()), "frozen: no pass scans it"
    finally:
        loader.release()


async def test_a_file_that_fails_gives_one_line_and_the_rest_load(seed_paths, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    paths = [seed_paths[0], tmp_path / "gone.txt", seed_paths[1], binary, seed_paths[2]]
    notified = Notified()
    app = open_app(paths)
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await pilot.pause()
        await all_read(pilot)
        assert [a.path for a in app.story.articles] == [str(p) for p in (seed_paths[0], seed_paths[1], seed_paths[2])]
        skipped = [n.message for n in notified.notes if n.title == "Some files were skipped"]
        lines = "\n".join(skipped).split("\n")
        assert len(lines) == 2, lines
        assert lines[0] == f"{tmp_path / 'gone.txt'}: no such file or directory"
        assert lines[1].startswith(f"{binary}: ")
        assert not app.screen.query_one(LoadingProgress).display


async def test_the_line_counts_what_was_skipped(seed_paths, tmp_path: Path) -> None:
    loader = HeldLoader(free=2)  # the missing file and the second version; the third waits
    paths = [seed_paths[0], tmp_path / "gone.txt", seed_paths[1], seed_paths[2]]
    app = open_app(paths, loader)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await loader.wait_reached()
            for _ in range(50):
                if len(app.story) == 2:
                    break
                await pilot.pause()
            assert line_text(app) == "reading 4 of 4 versions… · 1 skipped"
            loader.release()
            await all_read(pilot)
            assert len(app.story) == 3
    finally:
        loader.release()


async def test_notes_of_a_version_attach_when_it_arrives(seed_paths, seed_articles) -> None:
    later = seed_articles[3]
    marked = later.sentences[2]
    annotated = seed_articles[4].sentences[1]
    with NoteStore.open() as store:
        store.set_bookmark(later, marked.start, marked.end, True)
        store.add_annotation(seed_articles[4], annotated.start, annotated.end, "check this")
    loader = HeldLoader()
    app = open_app(seed_paths, loader)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await loader.wait_reached()
            screen = reader(app)
            assert screen.notes.bookmarked(3) == frozenset()
            loader.release()
            await all_read(pilot)
            assert screen.notes.bookmarked(3) == frozenset({2})
            assert screen.notes.annotated_spans(4) == [(annotated.start, annotated.end)]
            screen.read_version(3, current=0)
            await pilot.pause()
            assert app.screen.query_one("#reading-view", ArticleView).marks.flagged == frozenset({2})
    finally:
        loader.release()


async def test_everything_given_at_start_up_shows_no_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query(LoadingProgress)
        assert len(app.story) == 5


# -- the pure parts -----------------------------------------------------------------------------


def test_plan_paths_reads_no_file_and_keeps_the_order(seed_paths, tmp_path: Path) -> None:
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text("A locked file. It is planned, and fails only when read.\n")
    unreadable.chmod(0)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.txt").write_text("Second.\n")
    (folder / "a.md").write_text("First.\n")
    (folder / "skip.pdf").write_text("not an article")
    planned = plan_paths([str(seed_paths[0]), str(unreadable), str(folder), str(seed_paths[0]), "", str(tmp_path / "gone.txt")])
    shown = [item if isinstance(item, str) else f"error: {item.reason}" for item in planned]
    assert shown == [
        str(seed_paths[0]),
        str(unreadable),
        str(folder / "a.md"),
        str(folder / "b.txt"),
        "error: the same file as one named before; it is read once",
        "error: empty path",
        str(tmp_path / "gone.txt"),  # missing: found out when read, as any other failure
    ]


def test_first_version_is_the_first_that_loads(seed_paths, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    articles, errors, pending = first_version([str(tmp_path / "gone.txt"), str(empty), str(seed_paths[2]), str(seed_paths[3])])
    assert [a.path for a in articles] == [str(seed_paths[2])]
    assert [e.reason for e in errors] == ["no such file or directory", "file is empty"]
    assert pending.items == [str(seed_paths[3])]


def test_first_version_when_nothing_loads(tmp_path: Path) -> None:
    articles, errors, pending = first_version([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert articles == [] and len(errors) == 2 and len(pending) == 0


def test_read_pending_gives_each_item_in_order_and_stops_when_cancelled(seed_paths) -> None:
    pending = PendingVersions([str(seed_paths[1]), LoadError("x.txt", "no such file or directory"), str(seed_paths[2])])
    results = list(read_pending(pending, lambda: False))
    assert [(a.path if a else None, str(e) if e else None) for a, e in results] == [
        (str(seed_paths[1]), None),
        (None, "x.txt: no such file or directory"),
        (str(seed_paths[2]), None),
    ]
    calls = []
    stopped = list(read_pending(pending, lambda: calls.append(1) or len(calls) > 1))
    assert len(stopped) == 1


def test_story_add_keeps_every_index_and_makes_names_distinct(seed_articles) -> None:
    from dataclasses import replace

    story = Story(seed_articles[:2])
    before = story.alignment(0, 1)
    twin = replace(seed_articles[2], title=seed_articles[0].title)
    story.add([twin, seed_articles[3]])
    assert story.articles[:2] == seed_articles[:2] and story.articles[2] is twin
    assert story.cached(0, 1) is before  # what was aligned stays aligned
    assert story.names[0] != story.names[2]
    assert story.names[0].startswith(seed_articles[0].title) and seed_articles[0].label in story.names[0]
    assert story.pairs_for(0) == [1, 2, 3]


@pytest.mark.parametrize("count", [1, 3])
def test_story_add_nothing_twice(seed_articles, count: int) -> None:
    story = Story(seed_articles[:count])
    story.add([])
    assert len(story) == count


async def test_reading_that_stops_on_a_bug_says_so_and_the_reader_goes_on(seed_paths) -> None:
    from functools import partial

    notified = Notified()
    app = open_app(seed_paths)
    app.pending.load = partial(load_planned, max_bytes="no size")  # a TypeError inside the loader
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await pilot.pause()
        await all_read(pilot)
        stopped = [n.message for n in notified.notes if n.title == "Loading"]
        assert len(stopped) == 1 and stopped[0].startswith("Reading the versions stopped: ")
        assert not app.screen.query_one(LoadingProgress).display
        assert len(app.story) == 1
        await pilot.press("j")
        assert reader(app).current == 1
        assert "nothing to compare" in app.screen.query_one("#compare-view", ArticleView).placeholder


def test_snapshot_first_frame_while_reading(snap_compare, seed_paths) -> None:
    """What the reader shows while the other versions are read: the version opened on, the
    diff pane saying the others are being read, and the line above the footer."""
    loader = HeldLoader()
    app = open_app(seed_paths, loader)

    async def run_before(pilot: Pilot) -> None:
        await loader.wait_reached()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
    finally:
        loader.release()
