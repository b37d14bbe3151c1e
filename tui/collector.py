"""Keeping the garbage collector's passes short while the reader runs.

A full pass of the cyclic collector scans every object it tracks. With hundreds of versions
loaded and their alignments cached that is millions of objects, and one pass froze the interface
for 100-500 ms (issue 13). What was loaded, and each alignment once stored, lives until the
story's cache drops it, and is then freed by reference counting (articles, links and word diffs
hold no reference cycles), so the collector need not scan it again and again: `settle` moves
everything alive into the permanent generation (`gc.freeze`), after a pass that frees the
garbage made since the last settle. The collector keeps running for what is made afterwards, so
cyclic garbage of the interface is still found.

Which pass: never a full one while the reader runs, only the two young generations
(`gc.collect(1)`): at `start`, after the first frame and again once every version is read (a
full pass there scanned the whole loaded story, every module and, in a process that had run
another reader, what that one left: up to 368 ms during the benchmark's start-ups, issue 13), and
after every alignment stored, in the aligning thread (`alignment_stored`: the interface's own
passes, which fall while a key is drawn, then find the young generations nearly empty). What a young pass does not see,
cyclic garbage that reached the oldest generation before a settle, is frozen with the rest.

The price: a reference cycle alive at a `settle` that becomes garbage later is never collected
while the reader runs. With 200 versions read in turn these were nearly all Textual's drawn lines,
`Strip`s whose own caches referred back to them (147k objects after 15 versions read, about 0.7
MB a version, issue 13); `tui.acyclic_strips` keeps them out of cycles, and what is left is
Textual's own, a few hundred objects a version read (the virtual nodes that carry a widget's
component styles, a finished worker). `settle` runs after the first frame, as each batch of
versions read arrives, once all are read, and after every alignment stored (`Story`'s
`on_stored`); `release` hands everything back when the reader closes. Measured with 200 republications read in turn,
`benchmarks/bench_many.py` (which times every pass through `gc.callbacks`).
"""

from __future__ import annotations

import gc

FIRST_THRESHOLD = 5_000
"""Allocations between two passes over the youngest objects (CPython's default is 700). A frame
of the reader allocates tens of thousands of short-lived objects; fewer, slightly larger young
passes cost less in all and each stays well under a millisecond."""


_thresholds_before: tuple[int, int, int] | None = None


def start() -> None:
    """Called after the first frame, and again once every version is read: set the thresholds
    and settle what is loaded."""
    global _thresholds_before
    if _thresholds_before is None:
        _thresholds_before = gc.get_threshold()
    _, second, third = _thresholds_before
    gc.set_threshold(FIRST_THRESHOLD, second, third)
    settle()


def alignment_stored() -> None:
    """Called by the story after each new alignment is stored, in the thread that aligned it:
    a settle (a pass over the two young generations, then a freeze).

    Here, between two steps of the aligning thread, so that the collector's own passes do not
    fall while a key is handled. Passes are started by allocations, whichever thread makes them,
    and drawing the screen after a key allocates a lot. When the alignments stored since the last
    settle were left in the collector's generations, the pass that fell then scanned them: young
    passes of up to 50 ms of CPU, and, when settling every 16th alignment, a full pass every ten
    or so (8 of up to 17 ms while 200 versions aligned, issue 13). Settled one by one, what a pass
    finds is what one key made. Settling this often once kept about 1.4 MB a version read (drawn
    lines in cycles, frozen); with `tui.acyclic_strips` reading 199 of 200 versions in turn stays
    at 346-364 MB (341-343 settling every 16th)."""
    settle()


def settle() -> None:
    """Take everything alive now out of the collector's passes (`gc.freeze`), after a pass over
    the two young generations that frees the garbage made since the last settle, so little is
    frozen with it. Never a full pass: that scans everything loaded and not yet settled."""
    gc.collect(1)
    gc.freeze()


def release() -> None:
    """When the reader closes: hand what was settled back to the collector (`gc.unfreeze`), so a
    process that goes on (the tests, another app) does not keep the reader's cycles for ever."""
    global _thresholds_before
    gc.unfreeze()
    if _thresholds_before is not None:
        gc.set_threshold(*_thresholds_before)
        _thresholds_before = None
