"""`tui.forked.Forked`: a forked child's bytes are used only when they are whole and the child
ended well; in every other case they are computed here, and no child is left unreaped."""

from __future__ import annotations

import os

import pytest

from tui import forked
from tui.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")

PARENT = os.getpid()


def _whoami() -> list[bytes]:
    """Bytes that say which process computed them, in a few chunks, one of them long."""
    return [b"computed by ", str(os.getpid()).encode(), b"\n" * 300_000]


def _here() -> bytes:
    return b"".join(_whoami())


def _result(compute=_whoami) -> bytes:
    with Forked(compute) as child:
        return b"".join(bytes(chunk) for chunk in child.result())


def _assert_reaped() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_child_computes_the_result() -> None:
    with Forked(_whoami) as child:
        pid = child.pid
        result = b"".join(bytes(chunk) for chunk in child.result())
    assert pid > 0
    assert result == b"computed by " + str(pid).encode() + b"\n" * 300_000
    _assert_reaped()


def test_an_empty_result_from_the_child() -> None:
    assert _result(lambda: [b"", b""] if os.getpid() != PARENT else [b"here"]) == b""
    _assert_reaped()


def test_a_failed_fork_computes_here(monkeypatch) -> None:
    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _result() == _here()


def test_no_child_with_other_threads(monkeypatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    with Forked(_whoami) as child:
        assert child.pid == -1
        assert b"".join(child.result()) == _here()


def test_no_child_without_an_anonymous_file(monkeypatch) -> None:
    def no_file():
        raise OSError("no space")

    monkeypatch.setattr(forked, "_anonymous_file", no_file)
    assert _result() == _here()


def _dies() -> list[bytes]:
    if os.getpid() != PARENT:
        os._exit(3)
    return _whoami()


def _raises() -> list[bytes]:
    if os.getpid() != PARENT:
        raise RuntimeError("in the child")
    return _whoami()


def _dies_midway():
    yield b"half of it"
    if os.getpid() != PARENT:
        os._exit(0)  # "ended well", but without announcing its bytes
    yield b" and the rest"


@pytest.mark.parametrize("compute", [_dies, _raises, _dies_midway])
def test_a_child_that_fails_leaves_the_work_here(compute) -> None:
    assert _result(compute) == b"".join(compute())
    _assert_reaped()


def _garbled_child(announcement: bytes, content: bytes, code: int):
    def child(status: int, announce: int, fd: int, compute) -> None:
        os.write(fd, content)
        os.write(announce, announcement)
        os._exit(code)

    return child


@pytest.mark.parametrize(
    ("announcement", "content", "code"),
    [
        (b"garbage", b"whatever", 0),  # not a length at all
        (b"garbage!garbage!", b"whatever", 0),  # too long
        ((10).to_bytes(8, "little"), b"whatever", 0),  # more than the file holds
        ((3).to_bytes(8, "little"), b"whatever", 0),  # less than the file holds
        ((8).to_bytes(8, "little"), b"whatever", 1),  # the right length, but it failed
        (b"", b"", 0),  # nothing at all
    ],
)
def test_a_child_that_sends_garbage_leaves_the_work_here(monkeypatch, announcement, content, code) -> None:
    monkeypatch.setattr(forked, "_child", _garbled_child(announcement, content, code))
    assert _result() == _here()
    _assert_reaped()


def test_a_child_whose_result_is_not_asked_for_is_reaped() -> None:
    import time

    def slow() -> list[bytes]:
        time.sleep(30)
        return [b"late"]

    started = time.monotonic()
    with pytest.raises(KeyError), Forked(slow) as child:
        assert child.pid > 0
        raise KeyError("this process failed")
    assert time.monotonic() - started < 10  # it was ended, not waited for
    _assert_reaped()


def test_the_child_leaves_the_parents_output_alone(monkeypatch) -> None:
    # Output still in this process's buffers is its to write, once: the child ends without
    # flushing them, or running anything else the interpreter runs at exit.
    import sys

    read_end, write_end = os.pipe()
    with open(write_end, "w", buffering=1 << 16) as out:
        monkeypatch.setattr(sys, "stdout", out)
        out.write("pending")
        assert _result() != _here()
    with open(read_end) as pipe:
        assert pipe.read() == "pending"
