"""`align_articles(..., processes=2)`: a forked helper must not change a single byte of a result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tui.core.alignment as alignment
from tui.align_report import alignment_json
from tui.core.alignment import align_articles
from tui.core.model import Article
from tui.core.text_safety import _CONTROL

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _seed(k: int) -> Article:
    return Article(path=SEEDS[k].name, text=SEEDS[k].read_text(encoding="utf-8"))


def _pairs():
    return [(x, y) for x in range(len(SEEDS)) for y in range(len(SEEDS)) if x != y]


@pytest.fixture
def always_fork(monkeypatch):
    monkeypatch.setattr(alignment, "FORK_CHARS", 0)


@pytest.mark.parametrize("with_ops", [True, False])
def test_helper_gives_the_same_alignment(always_fork, with_ops) -> None:
    for x, y in _pairs():
        one = align_articles(_seed(x), _seed(y), with_ops=with_ops)
        two = align_articles(_seed(x), _seed(y), with_ops=with_ops, processes=2)
        assert two.links == one.links
        assert alignment_json([two]) == alignment_json([one])


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_any_share_of_candidates_gives_the_same_alignment(always_fork, monkeypatch, share) -> None:
    monkeypatch.setattr(alignment, "HELPER_ROW_SHARE", share)
    a, b = _seed(0), _seed(3)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


@pytest.mark.parametrize("chunks", [1, 3, 1000])
def test_any_number_of_link_chunks_gives_the_same_alignment(always_fork, monkeypatch, chunks) -> None:
    monkeypatch.setattr(alignment, "LINK_CHUNKS", chunks)
    a, b = _seed(1), _seed(4)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


def test_a_failed_fork_falls_back_to_one_process(always_fork, monkeypatch) -> None:
    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    a, b = _seed(1), _seed(2)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


def test_a_helper_that_dies_leaves_the_work_here(always_fork, monkeypatch) -> None:
    def die(*args):
        os._exit(3)

    monkeypatch.setattr(alignment, "_helper_main", die)
    a, b = _seed(2), _seed(4)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


def test_a_helper_that_dies_after_the_features_leaves_the_links_here(always_fork, monkeypatch) -> None:
    real = alignment._receive

    def receive(fd):
        value = real(fd)
        if isinstance(value, tuple) and value[0] == "links":
            os._exit(4)  # in the helper, right after it is sent the links
        return value

    monkeypatch.setattr(alignment, "_receive", receive)
    a, b = _seed(0), _seed(4)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


def _helper_sends(monkeypatch, fail_on) -> None:
    """Make the helper end itself (exit code 5) instead of sending a message `fail_on` picks."""
    real = alignment._send
    parent = os.getpid()

    def send(fd, obj):
        if os.getpid() != parent and fail_on(obj):
            os._exit(5)
        real(fd, obj)

    monkeypatch.setattr(alignment, "_send", send)


def test_a_helper_that_dies_before_its_candidates_leaves_them_here(always_fork, monkeypatch) -> None:
    _helper_sends(monkeypatch, lambda obj: isinstance(obj, list) and obj and len(obj[0]) == 5)
    a, b = _seed(0), _seed(1)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


def test_a_helper_that_dies_before_its_facts_leaves_them_here(always_fork, monkeypatch) -> None:
    _helper_sends(monkeypatch, lambda obj: isinstance(obj, list) and obj and isinstance(obj[0], bool))
    a, b = _seed(0), _seed(4)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_any_share_of_facts_gives_the_same_alignment(always_fork, monkeypatch, share) -> None:
    monkeypatch.setattr(alignment, "HELPER_FACT_SHARE", share)
    a, b = _seed(0), _seed(4)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


@pytest.mark.parametrize("chunk", [0, 2])
def test_a_helper_that_dies_among_the_links_leaves_the_rest_here(always_fork, monkeypatch, chunk) -> None:
    # It has claimed a chunk it never sends; chunks it sent before are used.
    import time

    a, b = _seed(3), _seed(4)
    expected = align_articles(a, b).links
    monkeypatch.setattr(alignment, "LINK_CHUNKS", 16)
    _helper_sends(monkeypatch, lambda obj: isinstance(obj, tuple) and obj[0] == chunk)
    real, parent = alignment._make_link, os.getpid()

    def slow_here(*args, **kwargs):  # so that the helper claims chunks before this process does
        if os.getpid() == parent:
            time.sleep(0.005)
        return real(*args, **kwargs)

    monkeypatch.setattr(alignment, "_make_link", slow_here)
    assert align_articles(a, b, processes=2).links == expected


def test_no_helper_with_other_threads(always_fork, monkeypatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert alignment._Helper.start(_seed(0), _seed(1)) is None


def test_helpers_are_reaped(always_fork) -> None:
    align_articles(_seed(0), _seed(1), processes=2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_every_escape_sequence_starts_with_a_control_character() -> None:
    # `make_safe` skips its sequence scan when the control class finds nothing.
    for start in "\x1b\x9b\x9d\x90\x98\x9e\x9f":
        assert _CONTROL.match(start)


def test_ops_built_from_rows_are_diff_ops() -> None:
    from tui.core.model import DiffOp, op_from_row

    row = ("replace", "had served", "has been", 3, 13, 5, 13)
    fast, usual = op_from_row(row), DiffOp(*row)
    assert type(fast) is DiffOp
    assert fast == usual and hash(fast) == hash(usual) and repr(fast) == repr(usual)
    assert fast.b == "has been" and fast.b_end == 13
