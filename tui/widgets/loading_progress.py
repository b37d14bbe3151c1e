"""Reading the rest of the versions in the background, with one line saying how far it got.

The widget owns the worker, as `AlignmentProgress` owns the aligner's: the screen hands it the
versions still to read (`PendingVersions`) and hears them arrive in batches (`VersionsArrived`,
which bubbles up to it). Batches, not single versions: each arrival re-sorts the article list and
restarts the alignments of the version read, so a few a second is what the screen can take
without keys waiting, and the first version after the one shown comes at once (it is the one
compared). The line ("reading 37 of 200…") goes when the last batch has arrived.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from ..core.loading import LoadError
from ..core.model import Article
from ..version_loading import PendingVersions, read_pending

BATCH_SECONDS = 0.25
"""Versions read within this long of the last batch wait for the next one."""


@dataclass
class VersionsArrived(Message):
    """More versions were read: `articles` in the order named (after every version the screen
    already has), `errors` for the files that could not be read; `done` of `total` items read.
    `records`: the articles as the notes store registered them, in order (None when the loader
    was given nothing to register with)."""

    articles: list[Article]
    errors: list[LoadError]
    records: list | None
    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total


class LoadingProgress(Static):
    """Reads the pending versions in a worker thread; shows "reading N of M…" meanwhile."""

    DEFAULT_CSS = """
    LoadingProgress {
        dock: bottom;
        height: 1;
        margin-bottom: 1;  /* above the key footer, docked at the bottom too */
        padding: 0 1;
        background: $boost;
        color: $text-muted;
    }
    """

    def __init__(self, pending: PendingVersions, register: Callable[[list[Article]], list | None] | None = None,
                 *, before: int = 0, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.pending = pending
        self.before = before
        """Versions read before the screen was drawn, counted in the line."""
        self.register = register
        """Registers a batch with the notes store, in the worker (off the interface thread)."""
        self.skipped = 0
        self._show(0)

    def start(self) -> None:
        """Start reading (once the first screen is painted)."""
        self._read(self.pending)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _read(self, pending: PendingVersions) -> None:
        worker = get_current_worker()
        total = len(pending)
        articles: list[Article] = []
        errors: list[LoadError] = []
        done = 0
        posted = None  # when the last batch with a version went; until then each goes at once
        for article, error in read_pending(pending, lambda: worker.is_cancelled):
            done += 1
            if article is not None:
                articles.append(article)
            else:
                errors.append(error)
            due = posted is None or time.monotonic() - posted >= BATCH_SECONDS
            if due or done == total:
                records = self._register(articles)
                self.post_message(VersionsArrived(articles, errors, records, done, total))
                if articles:
                    posted = time.monotonic()
                articles, errors = [], []

    def _register(self, articles: list[Article]) -> list | None:
        if self.register is None or not articles:
            return None
        return self.register(articles)

    def on_versions_arrived(self, message: VersionsArrived) -> None:
        # Counted here on its way up to the screen.
        self.skipped += len(message.errors)
        self._show(message.done)
        if message.finished:
            self.display = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Reading stopped on an unexpected failure: said in words, and the screen goes on with
        the versions it has (a last, empty batch tells it reading is over)."""
        if event.worker.group == "load" and event.state is WorkerState.ERROR:
            self.notify(f"Reading the versions stopped: {event.worker.error}", title="Loading",
                        severity="error", timeout=12, markup=False)
            total = len(self.pending)
            self.post_message(VersionsArrived([], [], None, total, total))

    def _show(self, done: int) -> None:
        skipped = f" · {self.skipped} skipped" if self.skipped else ""
        total = self.before + len(self.pending)
        self.update(f"reading {min(self.before + done + 1, total)} of {total} versions…{skipped}")
