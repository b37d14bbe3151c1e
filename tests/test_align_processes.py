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
    monkeypatch.setattr(alignment, "FORK_SENTENCES", 0)


@pytest.mark.parametrize("with_ops", [True, False])
def test_helper_gives_the_same_alignment(always_fork, with_ops) -> None:
    for x, y in _pairs():
        one = align_articles(_seed(x), _seed(y), with_ops=with_ops)
        two = align_articles(_seed(x), _seed(y), with_ops=with_ops, processes=2)
        assert two.links == one.links
        assert alignment_json([two]) == alignment_json([one])


@pytest.mark.parametrize("share", [0.0, 0.5, 1.0])
def test_any_share_of_links_gives_the_same_alignment(always_fork, monkeypatch, share) -> None:
    monkeypatch.setattr(alignment, "HELPER_LINK_SHARE", share)
    a, b = _seed(0), _seed(3)
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
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bool):
            os._exit(4)  # in the helper, right after it is sent the links
        return value

    monkeypatch.setattr(alignment, "_receive", receive)
    a, b = _seed(0), _seed(4)
    assert align_articles(a, b, processes=2).links == align_articles(a, b).links


def test_no_helper_with_other_threads(always_fork, monkeypatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert alignment._Helper.start(_seed(0), _seed(1), frozenset()) is None


def test_helpers_are_reaped(always_fork) -> None:
    align_articles(_seed(0), _seed(1), processes=2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_every_escape_sequence_starts_with_a_control_character() -> None:
    # `make_safe` skips its sequence scan when the control class finds nothing.
    for start in "\x1b\x9b\x9d\x90\x98\x9e\x9f":
        assert _CONTROL.match(start)


def test_diff_ops_built_from_a_dict_are_diff_ops() -> None:
    from tui.core.model import DiffOp

    args = ("replace", "had served", "has been", 3, 13, 5, 13)
    fast, usual = alignment._new_diff_op(*args), DiffOp(*args)
    assert type(fast) is DiffOp
    assert fast == usual and hash(fast) == hash(usual) and repr(fast) == repr(usual)
    with pytest.raises(AttributeError):
        fast.op = "equal"  # still frozen
