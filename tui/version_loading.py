"""Reading the versions after the first screen is drawn (issue 13).

Two hundred saved pages take seconds to extract, and a reader that read them all before drawing
anything showed a blank terminal for that long. So start-up reads only until one version loads
(the one the reader opens on), and the rest are read here, in order, while the screen is up:
`first_version` at start-up, then `read_pending` in the loader's worker thread.

The pages are read one at a time in one thread. A process pool (`concurrent.futures`, two
workers each calling `core.loading.load_planned`) was measured against it and did not pay on a
two-core machine: starting the workers and importing trafilatura in each delays the first page
by about a second (median 1.03 s, against 38 ms), and 200 pages took longer in all (median
5.7 s, 1.32x, against 4.3 s in one thread; `benchmarks/bench_extract_pool.py`). The reader's
screen is up meanwhile either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from .core.loading import STDIN_PATH, LoadError, load_planned, plan_paths
from .core.model import Article

Loaded = tuple[Article | None, LoadError | None]
"""One planned item read: its article, or why it could not be read."""


@dataclass
class PendingVersions:
    """The versions planned at start-up and not read yet, in the order they were named: a file
    to read, the error of one that cannot be, or standard input already read."""

    items: list[str | LoadError | Article] = field(default_factory=list)
    load: Callable[[str | LoadError], Article] = load_planned
    """Reads one item or raises its LoadError (tests hold a real loader with an Event)."""

    def __len__(self) -> int:
        return len(self.items)


def first_version(paths: Sequence[str]) -> tuple[list[Article], list[LoadError], PendingVersions]:
    """Read the named inputs only until one version loads: the version the reader opens on is
    the first that loads, as before, and the rest wait for `read_pending`. Returns that version
    (none when nothing loads: every item was tried), the errors met on the way, and the rest.

    Standard input is read now wherever it was named: the reader then takes its keys from the
    terminal on that same descriptor."""
    planned = plan_paths(paths)
    errors: list[LoadError] = []
    for k, item in enumerate(planned):
        try:
            article = load_planned(item)
        except LoadError as error:
            errors.append(error)
            continue
        return [article], errors, PendingVersions([_read_stdin_now(rest) for rest in planned[k + 1 :]])
    return [], errors, PendingVersions()


def _read_stdin_now(item: str | LoadError) -> str | LoadError | Article:
    if item != STDIN_PATH:
        return item
    try:
        return load_planned(item)
    except LoadError as error:
        return error


def read_pending(pending: PendingVersions, cancelled: Callable[[], bool]) -> Iterator[Loaded]:
    """Each pending item read, in order, until `cancelled()` says stop."""
    for item in pending.items:
        if cancelled():
            return
        if isinstance(item, Article):
            yield item, None
            continue
        try:
            yield pending.load(item), None
        except LoadError as error:
            yield None, error
