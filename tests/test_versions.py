"""Sorting, grouping and filtering the list of versions (`tui.core.versions`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.versions import NO_DATE, NOT_ALIGNED, Order, VersionRow, filter_rows, group_of, grouped, matches, sort_rows

ROWS = [
    VersionRow(0, "IRS chief resigns over data deal", "AP News", "2025-04-08", None),
    VersionRow(1, "IRS acting commissioner quits", "The Riverton Herald", "2025-04-09", 0.95, changes=(0, 2, 1), omitted=0.05),
    VersionRow(2, "Tax chief out amid ICE data-sharing row", "Bayview Times", None, 0.40, changes=(1, 0, 0), omitted=0.6),
    VersionRow(3, "IRS head steps down", "AP News", "2025-04-09", 0.70, changes=(1, 3, 0), omitted=0.0),
    VersionRow(4, "004_story.txt", "", None, None),
]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Order.LOADED, [0, 1, 2, 3, 4]),
        (Order.CARRIED, [1, 3, 2, 0, 4]),  # not aligned yet (None) last, in loaded order
        (Order.CHANGES, [3, 2, 1, 0, 4]),  # most high first, then most medium; 3's three medium beat 2's none
        (Order.OMITTED, [2, 1, 3, 0, 4]),  # most of the version read left out first
        (Order.SOURCE, [4, 0, 3, 2, 1]),  # a plain file goes by its name: "004_story.txt" < "ap news"
        (Order.DATE, [1, 3, 0, 2, 4]),  # newest first, same day in loaded order, undated last
    ],
)
def test_sort(order: Order, expected: list[int]) -> None:
    assert [r.index for r in sort_rows(ROWS, order)] == expected


@pytest.mark.parametrize(
    ("row", "order", "group"),
    [
        (ROWS[1], Order.CARRIED, "carries 90% or more"),
        (ROWS[3], Order.CARRIED, "carries 50-90%"),
        (ROWS[2], Order.CARRIED, "carries under half"),
        (ROWS[0], Order.CARRIED, NOT_ALIGNED),
        (ROWS[3], Order.CHANGES, "with high-severity changes"),
        (ROWS[1], Order.CHANGES, "with medium-severity changes"),
        (VersionRow(5, "x", changes=(0, 0, 4)), Order.CHANGES, "no change that matters"),
        (ROWS[4], Order.CHANGES, NOT_ALIGNED),
        (ROWS[2], Order.OMITTED, "omits half or more"),
        (VersionRow(5, "x", omitted=0.1), Order.OMITTED, "omits 10-50%"),
        (ROWS[1], Order.OMITTED, "omits under 10%"),
        (ROWS[3], Order.OMITTED, "omits nothing"),
        (ROWS[0], Order.OMITTED, NOT_ALIGNED),
        (ROWS[0], Order.SOURCE, "AP News"),
        (ROWS[4], Order.SOURCE, "004_story.txt"),
        (ROWS[1], Order.DATE, "2025-04-09"),
        (ROWS[2], Order.DATE, NO_DATE),
        (ROWS[2], Order.LOADED, ""),
    ],
)
def test_group_of(row: VersionRow, order: Order, group: str) -> None:
    assert group_of(row, order) == group


def test_groups_follow_the_sorted_rows() -> None:
    runs = grouped(sort_rows(ROWS, Order.SOURCE), Order.SOURCE)
    assert [(title, [r.index for r in rows]) for title, rows in runs] == [
        ("004_story.txt", [4]), ("AP News", [0, 3]), ("Bayview Times", [2]), ("The Riverton Herald", [1])]
    assert grouped(ROWS, Order.LOADED) == [("", ROWS)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [0, 1, 2, 3, 4]),
        ("irs", [0, 1, 3]),
        ("IRS ap", [0, 3]),  # every word, anywhere in name, site or date
        ("herald", [1]),
        ("2025-04-09", [1, 3]),
        ("story.txt", [4]),
        ("resigns quits", []),  # words must all match one row, not the list
        ("   ", [0, 1, 2, 3, 4]),
    ],
)
def test_filter(query: str, expected: list[int]) -> None:
    assert [r.index for r in filter_rows(ROWS, query)] == expected


def test_sites_differing_only_in_case_stay_in_one_run_each() -> None:
    rows = [VersionRow(0, "a", "AP"), VersionRow(1, "b", "ap"), VersionRow(2, "c", "AP")]
    assert [title for title, _ in grouped(sort_rows(rows, Order.SOURCE), Order.SOURCE)] == ["AP", "ap"]


def test_the_order_cycles_through_every_order() -> None:
    seen, order = [], Order.LOADED
    for _ in Order:
        seen.append(order)
        order = order.next()
    assert order is Order.LOADED and set(seen) == set(Order)


_ROW = st.builds(VersionRow, index=st.integers(0, 999), name=st.text(max_size=12), source=st.text(max_size=8),
                 date=st.one_of(st.none(), st.dates().map(str)), carried=st.one_of(st.none(), st.floats(0, 1)),
                 changes=st.one_of(st.none(), st.tuples(*[st.integers(0, 5)] * 3)), omitted=st.one_of(st.none(), st.floats(0, 1)))


@given(st.lists(_ROW, max_size=30, unique_by=lambda r: r.index), st.sampled_from(list(Order)), st.text(max_size=6))
def test_sorting_and_filtering_keep_and_drop_only_what_they_should(rows, order, query) -> None:
    ordered = sort_rows(rows, order)
    assert sorted(r.index for r in ordered) == sorted(r.index for r in rows)
    kept = filter_rows(ordered, query)
    assert kept == [r for r in ordered if matches(r, query)]
    # Each group is one run: a heading never comes back further down the list.
    titles = [title for title, _ in grouped(ordered, order)]
    assert len(titles) == len(set(titles))
