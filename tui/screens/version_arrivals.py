"""What the reading screen does as versions arrive after its first frame.

Start-up reads only the version the reader opens on (`version_loading.first_version`); the rest
are read by the `LoadingProgress` widget's worker once the notes of that first version are read,
and arrive in batches. Each batch joins the story at the end (indexes handed out before keep
their versions), gets its notes and its entries in the article list. The first version to arrive
is compared at once and its alignment starts; the others are aligned with the version read once
all are read (a move meanwhile aligns only the pair it shows: `reader_aligning`), because
aligning them while pages are extracted halved the reading speed: 200 saved pages were all
listed after 11-12 s that way, against 24-31 s with each batch aligned as it came
(`benchmarks/bench_many.py`, "all read").
Files that could not be read are said in one line each, and the others load on. Kept apart from
the screen because it is one idea: growing the story while it is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import collector
from ..core.model import Article
from ..version_loading import PendingVersions
from ..widgets.alignment_progress import AlignmentProgress
from ..widgets.article_list import ArticleList
from ..widgets.diff_pane import DiffPane
from ..widgets.loading_progress import LoadingProgress, VersionsArrived

if TYPE_CHECKING:
    from .reader import ReaderScreen


class VersionArrivals:
    """Versions read after the first frame, taken in by one reading screen."""

    def __init__(self, screen: ReaderScreen, pending: PendingVersions | None) -> None:
        self.screen = screen
        self.pending = pending if pending else None
        self._started = False
        self._finished = False

    @property
    def still_reading(self) -> bool:
        """Whether versions are still to arrive (then a move aligns only the pair it shows)."""
        return self.pending is not None and not self._finished

    def progress_line(self) -> LoadingProgress | None:
        """The widget that reads the pending versions, for the screen to compose (None when
        everything was read at start-up)."""
        if self.pending is None:
            return None
        register = None if self.screen.store.read_only else self._register_elsewhere
        return LoadingProgress(self.pending, register, before=len(self.screen.story), id="loading")

    def start(self) -> None:
        """Start reading, once: the notes of the versions there are have been read, so each batch
        only adds its own."""
        if self.pending is None or self._started:
            return
        self._started = True
        # After the first paint: the reading thread must not compete with drawing it.
        self.screen.call_after_refresh(self.screen.query_one(LoadingProgress).start)

    def _register_elsewhere(self, articles: list[Article]) -> list | None:
        """Register a batch with the notes store on a connection of the loader thread's own (the
        screen's store belongs to the interface thread); None, to register it there, if that
        store cannot be opened."""
        from ..store import NoteStore

        try:
            with NoteStore.open(self.screen.store.path.parent) as store:
                return store.register_versions(articles)
        except Exception:  # noqa: BLE001 - the interface thread registers the batch instead
            return None

    def arrived(self, message: VersionsArrived) -> None:
        screen = self.screen
        story = screen.story
        self._finished = message.finished  # before any move below: it aligns every pair then
        if message.articles:
            story.add(message.articles)
            screen.notes.add_versions(message.records)
            screen.query_one(ArticleList).add_versions(story.articles, story.names)
            if screen.comparing == screen.reading:
                # The first version to compare with: the diff pane fills in, and aligning starts.
                screen.go(comparing=story.pairs_for(screen.reading)[0])
                screen.refresh_bindings()  # the comparison keys are live from now on
            else:
                # The pair on screen is aligned as soon as it is there; the others once every
                # version is read (aligning them meanwhile only slows the reading down: both
                # run on the interpreter's one lock).
                if message.finished:
                    self._align()
                # Only the list changes: the panes show versions already there (redrawing them
                # for every batch made keys wait behind full repaints).
                screen.drawing.update_list()
        elif message.finished:
            self._align()
        if message.errors:
            screen.notify("\n".join(str(e) for e in message.errors), title="Some files were skipped",
                          severity="warning", timeout=10, markup=False)
        if message.finished:
            diff = screen.query_one(DiffPane)
            diff.more_coming = False
            if len(story) == 1:
                screen.redraw(scroll=False)  # nothing came to compare with: the pane says so
            collector.start()  # what was read stays: out of the collector's full passes
        elif message.articles:
            # Settled batch by batch: a story of 500 versions read unsettled filled the oldest
            # generation until the collector's own full pass scanned it all (259 ms of CPU).
            collector.settle()

    def _align(self) -> None:
        self.screen.query_one(AlignmentProgress).align(self.screen.reading, self.screen.comparing)

