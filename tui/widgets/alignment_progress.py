"""Aligning the version read with the others, in the background, with a progress bar when slow.

The widget owns the worker: the screen asks it to align (`align`), hears each alignment land
(`AlignmentReady`, which bubbles up to it) and need not know how. A failure is reported in
words by the one handler here, and a run for a version no longer read stops after the
alignment in hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from ..core.sentence_changes import FindingsCache
from ..core.story import Story

PROGRESS_DELAY = 0.3
"""Alignments that finish sooner never show a bar (on the seeds they take a few milliseconds,
and a bar would only flash); longer ones get one."""


@dataclass
class AlignmentReady(Message):
    """The version read was aligned with another; `done` of `total` alignments are ready."""

    reading: int
    comparing: int
    done: int
    total: int


class AlignmentFailed(Exception):
    """Aligning two versions raised: names the pair, so the error handler can say which."""


class AlignmentProgress(Widget):
    """Runs the alignments of the version read; shows a progress bar while they take long."""

    DEFAULT_CSS = """
    AlignmentProgress {
        height: auto;
        display: none;
        &.-busy {
            display: block;
        }
    }
    """

    def __init__(self, story: Story, findings: FindingsCache, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.findings = findings
        self.reading: int | None = None  # the version whose alignments are wanted
        self._progress = (0, 0)
        self._timer = None

    def align(self, reading: int, first: int) -> None:
        """Align version `reading` with every other not yet aligned, `first` first (the one on
        screen). A run for another version still going is cancelled."""
        self.reading = reading
        others = sorted(self.story.pairs_for(reading), key=lambda k: k != first)
        missing = [k for k in others if not self._classified(reading, k)]
        self._show(len(others) - len(missing), len(others))
        if missing:
            self._run(reading, missing, len(others))

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def _run(self, reading: int, todo: list[int], total: int) -> None:
        worker = get_current_worker()
        done = total - len(todo)
        for k in todo:
            if worker.is_cancelled or self.reading != reading:
                return
            try:
                # Classified here, once per alignment and both ways (the diff pane reads the
                # other side's), so no key press waits for it.
                self.findings.find(self.story.alignment(reading, k))
                self.findings.find(self.story.cached(k, reading))
            except Exception as exc:
                a, b = self.story.articles[reading].label, self.story.articles[k].label
                raise AlignmentFailed(f"Could not align {a} with {b}: {exc}") from exc
            done += 1
            self.post_message(AlignmentReady(reading, k, done, total))

    def _classified(self, reading: int, k: int) -> bool:
        found = self.findings
        return found.get(self.story.cached(reading, k)) is not None and found.get(self.story.cached(k, reading)) is not None

    def on_alignment_ready(self, message: AlignmentReady) -> None:
        # Counted here on its way up to the screen.
        if message.reading == self.reading:
            self._show(message.done, message.total)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed alignment is reported: in words, and the bar goes."""
        if event.worker.group == "align" and event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Alignment", severity="error", timeout=12, markup=False)
            self._show(self._progress[1], self._progress[1])

    def _show(self, done: int, total: int) -> None:
        self._progress = (done, total)
        bars = self.query("#align-progress")
        if bars:
            bar = bars.first()
            bar.update(total=max(1, total), progress=done)
            bar.display = done < total
            self.set_class(done < total, "-busy")
        elif done < total and self._timer is None:
            self._timer = self.set_timer(PROGRESS_DELAY, self._mount_bar)

    def _mount_bar(self) -> None:
        """Still aligning after PROGRESS_DELAY: the bar appears (mounted only when first needed)."""
        self._timer = None
        done, total = self._progress
        if done >= total or self.query("#align-progress"):
            return
        from textual.widgets import ProgressBar

        bar = ProgressBar(id="align-progress", show_eta=False)
        self.add_class("-busy")
        self.mount(bar)
        bar.update(total=max(1, total), progress=done)
