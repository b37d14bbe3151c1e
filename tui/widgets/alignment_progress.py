"""Aligning the version read with the others, in the background, with a progress bar when slow.

The widget owns the worker: the screen asks it to align (`align`), hears alignments land
(`AlignmentReady`, which bubbles up to it) and need not know how. A failure is reported in
words by the one handler here, and a run for a version no longer read stops after the
alignment in hand.

Keys stay quicker while hundreds of versions are aligned (issue 13). The worker is a thread, and
it holds the interpreter lock while it computes, so a key shares the interpreter with it. Two
things keep that short: the pair on screen is aligned first and announced at once, while the
others are announced together at most every `ANNOUNCE_EVERY` (one redraw of the article list and
the progress bar, instead of one for each of hundreds of pairs); and the worker waits before its
next step while the interface handles a key (from `input_arrived` until the key is handled,
`input_handled`, and the screen painted after it; at most `HOLD_MAX`), so a key shares the lock
with at most the one step in hand (aligning a pair, or classifying it one way). Reopening at the
first paint after the key's arrival was not enough: the screen was often idle, and painted
nothing, before the key reached its binding, and the key's redraw and paint then shared the lock
with the alignments (`benchmarks/bench_many.py`, keys while aligning). A shorter switch
interval (`sys.setswitchinterval`, 0.5 ms while aligning) was measured too and did not pay: 200
versions, keys while aligning, median 259 -> 223 ms and p95 477 -> 468 ms on a loaded machine,
within the noise.
"""

from __future__ import annotations

import bisect
import threading
import time
from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from .. import collector
from ..core.sentence_changes import FindingsCache
from ..core.story import Story
from ..core.summary import Summaries

PROGRESS_DELAY = 0.3
"""Alignments that finish sooner never show a bar (on the seeds they take a few milliseconds,
and a bar would only flash); longer ones get one. Every run waits this long, also once the bar
has been shown before (see `_show`)."""


ANNOUNCE_EVERY = 0.25
"""Seconds between two announcements of the pairs aligned in the background (not the pair on
screen, announced at once). Each one redraws the article list's counts and the progress bar."""

HOLD_MAX = 0.5
"""Seconds the worker waits at most for the interface to finish with a key: keys held down do
not stop the background alignments altogether."""


@dataclass
class AlignmentReady(Message):
    """The version read was aligned with others: `versions` since the last message (the pair on
    screen comes alone, at once; the others in batches); `done` of `total` alignments are ready."""

    reading: int
    versions: tuple[int, ...]
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

    def __init__(self, story: Story, findings: FindingsCache, summaries: Summaries | None = None, *, id: str | None = None) -> None:
        """`summaries`, when given, get the article list's numbers worked out here rather than
        by the key or the redraw that shows them: each version's against the version read, as
        the pair is classified; and the version compared read against the one read, which is
        what `s` shows next (on the key it cost about 5 ms at 200 versions, the word caches long
        since turned over). Only that pair's: every pair's, both ways, made each run 20% longer."""
        super().__init__(id=id)
        self.story = story
        self.findings = findings
        self.summaries = summaries
        self.reading: int | None = None  # the version whose alignments are wanted
        self._progress = (0, 0)
        self._timer = None
        self._quiet = threading.Event()  # clear while the interface handles a key
        self._quiet.set()
        self._keys = 0  # keys arrived so far: a paint after one key does not open the gate on the next
        self._queue: RunQueue | None = None  # what the last run started has left to align
        self._worker: Worker | None = None  # the last run started
        self._complete: tuple[int, int] | None = None
        """(version read, versions in the story) when every pair of it was last found aligned."""

    def input_arrived(self) -> None:
        """A key arrived: the background alignments wait until it is handled and the screen
        painted after it (`input_handled`). Also when none is running: the key may start a run
        (`s` to a version not read yet), which would otherwise share the interpreter with the
        key's own redraw and paint (`s` at 200 versions: median 45 -> 33 ms)."""
        self._keys += 1
        self._quiet.clear()

    def input_handled(self) -> None:
        """The key that closed the gate is handled: it opens once the screen has been painted
        (what the key changed is drawn by then: its widgets reported it before the screen went
        idle), unless another key has come since (its own paint opens it)."""
        if not self._quiet.is_set():
            self.screen.call_after_refresh(self._reopen, self._keys)

    def _reopen(self, keys: int) -> None:
        if keys == self._keys:
            self._quiet.set()

    def align(self, reading: int, first: int, only_first: bool = False) -> None:
        """Align version `reading` with every other not yet aligned (`only_first`: with `first`
        alone), in the order the user needs them: `first` (the one on screen), then the versions
        `]` reaches from it, in turn. A run for another version still going is cancelled."""
        self.reading = reading
        queue = self._queue
        if (not only_first and queue is not None and queue.reading == reading and queue.whole
                and self._worker is not None and self._worker.is_running and not self._worker.is_cancelled
                and (first in queue or self._classified(reading, first))):
            # `]` while the version read is aligned: the run goes on, from `first` now (looking
            # every pair up again and starting a new thread cost the key 3-4 ms at 200 versions).
            queue.want(first)
            return
        if only_first:
            others = [first] if first != reading else []
        elif self._complete == (reading, len(self.story)) and self._classified(reading, first):
            # Everything was aligned for this version read (`]` at 500 versions need not look
            # all 499 pairs up again); a pair the cache dropped since is aligned when asked for.
            total = len(self.story) - 1
            self._show(total, total)
            if not self._switch_ready(reading, first):
                self._numbers_later(reading, first, total)
            return
        else:
            others = self.story.pairs_for(reading)
        missing = [k for k in others if not self._classified(reading, k)]
        self._show(len(others) - len(missing), len(others))
        if missing:
            self._complete = None
            self._start(RunQueue(reading, missing, first, whole=not only_first), len(others))
        else:
            if not only_first:
                self._complete = (reading, len(self.story))
            if not self._switch_ready(reading, first):
                self._numbers_later(reading, first, len(others))

    def _numbers_later(self, reading: int, first: int, total: int) -> None:
        """Every pair is aligned, but not `first`'s numbers read against `reading` (what `s`
        shows next): worked out by a run started once the key is painted (starting a thread
        on the key cost `]` at 500 versions a few milliseconds), unless the reader moved on."""

        def start() -> None:
            running = self._worker is not None and self._worker.is_running  # (a run does it too)
            if self.reading == reading and not running and not self._switch_ready(reading, first):
                self._start(RunQueue(reading, [], first, whole=False), total)

        self.screen.call_after_refresh(start)

    def _start(self, queue: RunQueue, total: int) -> None:
        """A new run (the one going, if any, stops after its step in hand)."""
        self._queue = queue
        self._worker = self._run(queue, total)

    def _switch_ready(self, reading: int, first: int) -> bool:
        """Whether what `s` shows next is worked out: version `first` read against `reading`'s
        numbers (or cannot be yet: the pair is not classified, and its run will do both)."""
        if self.summaries is None or first == reading:
            return True
        back = self.findings.get(self.story.cached(first, reading))
        return back is None or self.summaries.get(back) is not None

    @work(thread=True, exclusive=True, group="align", exit_on_error=False)
    def _run(self, queue: RunQueue, total: int) -> None:
        worker = get_current_worker()
        reading = queue.reading
        done = total - len(queue)
        unannounced: list[int] = []
        last = time.monotonic()
        held = False  # an announcement due while the interface handled a key

        def announce() -> None:
            nonlocal unannounced, last, held
            self.post_message(AlignmentReady(reading, tuple(unannounced), done, total))
            unannounced, last, held = [], time.monotonic(), False

        try:
            while True:
                if not self._my_turn(worker, reading):
                    return
                if held:
                    announce()  # the key is drawn: what landed meanwhile is drawn now
                first = queue.first  # the pair on screen: it changes with `]` as the run goes on
                if first not in queue and not self._switch_ready(reading, first):
                    back = self.story.cached(first, reading)
                    if back is not None:  # (unless the story's cache dropped it meanwhile)
                        self._classify(back)  # classified: a lookup, then its numbers
                        # Settled here, as each alignment stored is (`collector`): else the
                        # collector's young passes scanned what it made during the next key
                        # (`]` at 500 versions: passes of 5 ms, not 1.5).
                        collector.settle()
                    continue
                k = queue.take()
                if k is None:
                    break
                try:
                    # Aligned, then classified here, once per alignment and both ways (the
                    # diff pane reads the other side's), so no key press waits for it: three
                    # steps, each once the interface is done with any key.
                    alignment = self.story.alignment(reading, k)
                    if not self._my_turn(worker, reading):
                        return
                    self._classify(alignment)
                    if not self._my_turn(worker, reading):
                        return
                    back = self.story.cached(k, reading) or self.story.alignment(k, reading)
                    if k == first:
                        self._classify(back)
                    else:
                        self.findings.find(back)
                except Exception as exc:
                    a, b = self.story.articles[reading].label, self.story.articles[k].label
                    raise AlignmentFailed(f"Could not align {a} with {b}: {exc}") from exc
                done += 1
                unannounced.append(k)
                if k == first or time.monotonic() - last >= ANNOUNCE_EVERY:
                    # Not while the interface handles a key (the step in hand ended during
                    # it): the redraw it sets off would be part of the key's.
                    held = not self._quiet.is_set()
                    if not held:
                        announce()
        finally:
            # What was aligned is announced, also when the run stops early or fails.
            if unannounced:
                announce()

    def _classify(self, alignment) -> None:
        """In the worker: what changed in `alignment`, and its numbers for the article list."""
        found = self.findings.find(alignment)
        if self.summaries is not None:
            self.summaries.of(found)

    def _my_turn(self, worker: Worker, reading: int) -> bool:
        """Wait while the interface handles a key (at most `HOLD_MAX`); then whether the run is
        still wanted."""
        if not self._quiet.wait(HOLD_MAX):
            # The paint that reopens the gate did not come (the screen was covered or closed
            # meanwhile): reopen it here, so that costs one wait, not one per step.
            self._quiet.set()
        return not worker.is_cancelled and self.reading == reading

    def _classified(self, reading: int, k: int) -> bool:
        found = self.findings
        return found.get(self.story.cached(reading, k)) is not None and found.get(self.story.cached(k, reading)) is not None

    def on_alignment_ready(self, message: AlignmentReady) -> None:
        # Counted here on its way up to the screen.
        if message.reading == self.reading:
            self._show(message.done, message.total)
            if message.done >= message.total:
                # Every alignment of the version read is stored: settled once the screen has
                # drawn them (with what drawing them worked out), so no full pass of the
                # collector scans them again. Two versions of a 1 MB article leave 440,000
                # objects, a 250 ms full pass that fell on a resize or a key now and then (the
                # story's own settle, as each is stored, comes before drawing them).
                self.screen.call_after_refresh(collector.settle)
                if message.total == len(self.story) - 1:
                    self._complete = (message.reading, len(self.story))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed alignment is reported: in words, and the bar goes."""
        if event.worker.group == "align" and event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Alignment", severity="error", timeout=12, markup=False)
            self._show(self._progress[1], self._progress[1])

    def _show(self, done: int, total: int) -> None:
        """Progress `done` of `total`: a bar on screen follows it; a bar hidden waits
        PROGRESS_DELAY before it appears, every run, not only the first. Appearing takes a line
        from the comparison text, so the whole screen is laid out and painted again: on the key
        that started the run (`s` to a version not read yet) that was 20-35 ms of its time, for
        a run that may be over before the bar would be read."""
        self._progress = (done, total)
        bars = self.query("#align-progress")
        if bars and bars.first().display:
            bar = bars.first()
            bar.update(total=max(1, total), progress=done)
            if done >= total:
                bar.display = False
                self.remove_class("-busy")
        elif done < total and self._timer is None:
            self._timer = self.set_timer(PROGRESS_DELAY, self._reveal_bar)

    def _reveal_bar(self) -> None:
        """Still aligning after PROGRESS_DELAY: the bar appears (mounted when first needed)."""
        self._timer = None
        done, total = self._progress
        if done >= total:
            return
        bars = self.query("#align-progress")
        if bars:
            bar = bars.first()
            bar.display = True
        else:
            from textual.widgets import ProgressBar

            bar = ProgressBar(id="align-progress", show_eta=False)
            self.mount(bar)
        self.add_class("-busy")
        bar.update(total=max(1, total), progress=done)


class RunQueue:
    """What one run has left to align with version `reading`, taken in the order `]` steps
    through the versions from `first` (the one on screen): `first`, the ones after it, then from
    the start. `want` moves `first` while the run goes on (`]` again), with no new run: the
    interface sets it, the worker takes from it, so both go through a lock. `whole`: a run of
    every pair of the version read (not only the one on screen, or only its numbers)."""

    def __init__(self, reading: int, todo: list[int], first: int, whole: bool = True) -> None:
        self.reading = reading
        self.whole = whole
        self._left = sorted(todo)
        self._from = first
        self.first = first
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._left)

    def __contains__(self, version: object) -> bool:
        with self._lock:
            k = bisect.bisect_left(self._left, version)
            return k < len(self._left) and self._left[k] == version

    def want(self, first: int) -> None:
        """The reader moved to `first`: it (if left) and the versions after it come next."""
        with self._lock:
            self._from = self.first = first

    def take(self) -> int | None:
        """The next version to align (None when none is left)."""
        with self._lock:
            if not self._left:
                return None
            k = bisect.bisect_left(self._left, self._from)
            version = self._left.pop(k if k < len(self._left) else 0)
            self._from = version + 1
            return version
