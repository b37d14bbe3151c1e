"""Keeping the garbage collector's passes short while the reader runs.

A full pass of the cyclic collector scans every object it tracks. With hundreds of versions
loaded and their alignments cached that is millions of objects, and one pass froze the interface
for 100-500 ms (issue 13). What was loaded, and each batch of alignments once computed, lives
until the story's cache drops it, and is then freed by reference counting (articles, links and
word diffs hold no reference cycles), so the collector need not scan it again and again:
`settle` moves everything alive into the permanent generation (`gc.freeze`). The collector
keeps running for what is made afterwards, so cyclic garbage of the interface is still found.

The price: a reference cycle that is alive at a `settle` and becomes garbage later is never
collected. The reader's long-lived widgets and the story live for the whole session, so this is
small; `settle` runs only after loading and after a batch of alignments, not on every key, and
`release` hands everything back when the reader closes.
"""

from __future__ import annotations

import gc

FIRST_THRESHOLD = 5_000
"""Allocations between two passes over the youngest objects (CPython's default is 700). A frame
of the reader allocates tens of thousands of short-lived objects; fewer, slightly larger young
passes cost less in all and each stays well under a millisecond."""


def start() -> None:
    """Called once the versions are loaded: set the thresholds and settle what is loaded."""
    _, second, third = gc.get_threshold()
    gc.set_threshold(FIRST_THRESHOLD, second, third)
    settle()


def settle() -> None:
    """Take everything alive now out of the collector's full passes (`gc.freeze`), after a full
    pass that frees the garbage made since the last settle, so none is frozen with it. The pass
    is short: what was settled before is not scanned again."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """When the reader closes: hand what was settled back to the collector (`gc.unfreeze`), so a
    process that goes on (the tests, another app) does not keep the reader's cycles for ever."""
    gc.unfreeze()
