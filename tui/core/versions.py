"""The list of versions when there are hundreds: sorted, grouped and filtered by typing.

One wire story republished by hundreds of outlets makes a list no one scrolls through in file
order. A reader wants the versions that carry most of the one being read first (or last: the
rewritten ones), the outlets together, or the newest, and to type part of a name to find one.
The rows are plain values, so the list widget only draws them and the rules are tested here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Order(str, Enum):
    """How the list is ordered; each order also says how rows are grouped."""

    LOADED = "loaded"
    """As the files were given, no groups."""
    CARRIED = "carried"
    """Most of the version read carried first, in bands; versions not aligned yet last."""
    CHANGES = "changes"
    """Most high-severity changes first (then medium, then low), in bands by the most severe;
    versions not aligned yet last."""
    OMITTED = "omissions"
    """Most of the version read left out first, in bands; versions not aligned yet last."""
    SOURCE = "source"
    """By site (the file name for a plain file), alphabetically, one group a site."""
    DATE = "date"
    """Newest first, one group a day; versions without a date last."""

    def next(self) -> Order:
        members = list(Order)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True)
class VersionRow:
    """What the list shows of one version, relative to the version being read."""

    index: int
    name: str
    source: str = ""
    date: str | None = None
    carried: float | None = None
    """Share of the version read's sentences this version has a counterpart for; None until the
    pair is aligned (and for the version read itself)."""
    label: str = ""
    """The file name, found by the filter too."""
    changes: tuple[int, int, int] | None = None
    """Its changes from the version read by severity (high, medium, low); None until aligned."""
    omitted: float | None = None
    """Share of the version read's sentences (boilerplate aside) it leaves out; None until aligned."""

    @property
    def search_text(self) -> str:
        return f"{self.name} {self.source} {self.date or ''} {self.label}".casefold()


# Bands of `carried`, highest first: (lowest share in the band, the band's heading).
CARRIED_BANDS = ((0.9, "carries 90% or more"), (0.5, "carries 50-90%"), (0.0, "carries under half"))
# Bands of `changes`, by the most severe change a version has.
CHANGE_BANDS = ("with high-severity changes", "with medium-severity changes", "no change that matters")
# Bands of `omitted`, highest first: (lowest share in the band, the band's heading); "omits
# nothing" below them.
OMITTED_BANDS = ((0.5, "omits half or more"), (0.1, "omits 10-50%"), (1e-9, "omits under 10%"))
OMITS_NOTHING = "omits nothing"
NOT_ALIGNED = "not aligned yet"
NO_DATE = "no date"


def group_of(row: VersionRow, order: Order) -> str:
    """The heading of the group `row` falls in under `order` ("" when the order has none)."""
    if order is Order.CARRIED:
        if row.carried is None:
            return NOT_ALIGNED
        return next(title for floor, title in CARRIED_BANDS if row.carried >= floor)
    if order is Order.CHANGES:
        if row.changes is None:
            return NOT_ALIGNED
        high, medium, _ = row.changes
        return CHANGE_BANDS[0] if high else CHANGE_BANDS[1] if medium else CHANGE_BANDS[2]
    if order is Order.OMITTED:
        if row.omitted is None:
            return NOT_ALIGNED
        return next((title for floor, title in OMITTED_BANDS if row.omitted >= floor), OMITS_NOTHING)
    if order is Order.SOURCE:
        return row.source or row.name
    if order is Order.DATE:
        return (row.date or "")[:10] or NO_DATE
    return ""


def sort_rows(rows: list[VersionRow], order: Order) -> list[VersionRow]:
    """The rows in `order`; ties keep the loaded order, so the list never jumps for nothing."""
    if order is Order.CARRIED:
        return sorted(rows, key=lambda r: (r.carried is None, -(r.carried or 0.0), r.index))
    if order is Order.CHANGES:
        return sorted(rows, key=lambda r: (r.changes is None, tuple(-n for n in r.changes or ()), r.index))
    if order is Order.OMITTED:
        return sorted(rows, key=lambda r: (r.omitted is None, -(r.omitted or 0.0), r.index))
    if order is Order.SOURCE:
        return sorted(rows, key=lambda r: ((r.source or r.name).casefold(), r.source or r.name, r.index))
    if order is Order.DATE:
        dated = sorted((r for r in rows if r.date), key=lambda r: (r.date, -r.index), reverse=True)
        return dated + [r for r in rows if not r.date]
    return sorted(rows, key=lambda r: r.index)


def matches(row: VersionRow, query: str) -> bool:
    """Whether every word typed is found in the row's name, site, date or file name, ignoring case."""
    text = row.search_text
    return all(word in text for word in query.casefold().split())


def filter_rows(rows: list[VersionRow], query: str) -> list[VersionRow]:
    """The rows matching `query` (all of them for an empty one), order kept."""
    if not query.strip():
        return list(rows)
    return [row for row in rows if matches(row, query)]


def grouped(rows: list[VersionRow], order: Order) -> list[tuple[str, list[VersionRow]]]:
    """Sorted rows cut into (heading, rows) runs; one run with no heading for `Order.LOADED`."""
    runs: list[tuple[str, list[VersionRow]]] = []
    for row in rows:
        title = group_of(row, order)
        if runs and runs[-1][0] == title:
            runs[-1][1].append(row)
        else:
            runs.append((title, [row]))
    return runs
