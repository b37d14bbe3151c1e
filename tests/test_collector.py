"""The reader keeps collector passes short: what is loaded and aligned is settled out of full
passes, the collector keeps running for the rest, and everything is handed back on exit."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui import collector
from tui.core.model import Article
from tui.core.story import Story


@pytest.fixture(autouse=True)
def restore_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_start_raises_the_young_threshold_and_settles_what_is_alive() -> None:
    gc.unfreeze()
    before = gc.get_threshold()
    loaded = [Article(path=f"v{k}.txt", text=f"Version {k} of the story.\n") for k in range(3)]
    collector.start()
    assert gc.get_threshold()[0] == collector.FIRST_THRESHOLD
    assert gc.get_freeze_count() > 0
    assert gc.isenabled(), "the collector keeps running for what comes after"
    collector.release()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before, "the thresholds are as they were"
    assert loaded  # alive throughout


class Passes:
    """The generation of every collector pass while in use."""

    def __init__(self) -> None:
        self.generations: list[int] = []

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "stop":
            self.generations.append(info["generation"])

    def __enter__(self) -> "Passes":
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)


def test_no_full_pass_at_start_or_at_a_settle() -> None:
    gc.unfreeze()
    with Passes() as passes:
        collector.start()
        collector.alignment_stored()
    collector.release()
    assert passes.generations and max(passes.generations) == 1, passes.generations


def test_each_stored_alignment_is_followed_by_a_young_pass_in_its_thread() -> None:
    gc.unfreeze()
    young = [[k] for k in range(10)]  # made since the last pass: in the youngest generation
    assert gc.get_count()[0] > 0
    with Passes() as passes:
        collector.alignment_stored()
    assert 1 in passes.generations and 2 not in passes.generations
    assert gc.get_count()[0] < 10, "the young generations were just collected"
    assert young


def test_the_story_calls_back_once_per_new_alignment(seed_articles: list[Article]) -> None:
    calls: list[int] = []
    story = Story(seed_articles, on_stored=lambda: calls.append(len(calls)))
    story.alignment(0, 1)
    story.alignment(1, 0)  # the swap of a held pair: nothing new stored
    story.alignment(0, 1)
    assert len(calls) == 1
    story.alignment(0, 2)
    assert len(calls) == 2


def test_every_stored_alignment_settles() -> None:
    gc.unfreeze()
    keep = [[k] for k in range(100)]  # alive, tracked
    collector.alignment_stored()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    more = [[k] for k in range(100)]
    collector.alignment_stored()
    assert gc.get_freeze_count() > frozen
    assert keep and more
    gc.unfreeze()


async def test_the_reader_settles_after_aligning_and_releases_on_exit(make_app, settle, monkeypatch) -> None:
    gc.unfreeze()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert all(app.story.cached(0, k) is not None for k in range(1, len(app.story)))
        assert app.story.cached(2, 3) is None
        app.story.alignment(2, 3)  # a new alignment is settled as soon as it is stored
        assert gc.get_freeze_count() > frozen
    assert gc.get_freeze_count() == 0, "closing the reader hands everything back to the collector"


async def test_the_reader_settles_once_every_alignment_of_the_version_read_is_stored(make_app, settle, seed_articles) -> None:
    """Two versions make two alignments: the end of the run settles them with what drawing them
    worked out, so a full pass (250 ms for a 1 MB pair) no longer scans them during a resize or a key."""
    gc.unfreeze()
    app = make_app(seed_articles[:2])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        alignment = app.story.cached(0, 1)
        assert alignment is not None and gc.is_tracked(alignment)
        assert not any(o is alignment for o in gc.get_objects()), "settled: out of the collector's passes"
