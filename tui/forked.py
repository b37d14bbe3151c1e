"""Bytes computed in a forked child process while this process computes something else.

For the command line's long outputs, so that a second core shares the work. The child leaves
its bytes in an anonymous file and ends, rather than sending them through a pipe, where it
would wait, alive, until this process is free to read them: while the child lives, each page
this process writes to is copied first (the two share every page since the fork), which slows
this process down more than reading a pipe would. The child's bytes are used only when it
ended well and its file holds exactly what it announced; in any other case this process
computes them itself, so a result never depends on the child.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from types import TracebackType
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from mmap import mmap

# How the child announces its bytes once they are all in the file: their length, in this many
# little-endian bytes.
_HEADER = 8


class Forked:
    """`compute()`, an iterable of bytes, run in a forked child from the moment this is made;
    `result()` gives the child's bytes, or computes them here if the child cannot give them.

    There is no child (and `result()` computes here) where forking is unsafe or impossible: a
    process with other threads (a fork copies their locks in whatever state they were), or a
    system without `fork`. Use it as a context manager: the bytes `result()` gives may be a
    view of the child's file, valid until the context ends; and a child whose result is never
    asked for, because this process raised, is then ended and reaped rather than left a zombie.
    """

    def __init__(self, compute: Callable[[], Iterable[bytes]]) -> None:
        self.compute = compute
        self.pid = -1  # no child, or it was reaped
        self.status = -1  # the read end of the pipe on which the child announces its bytes
        self.file: IO[bytes] | None = None  # where the child leaves its bytes
        self.view: mmap | None = None  # a map of the file, once the child's bytes are taken
        self._start()

    def __enter__(self) -> Forked:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.pid > 0:  # its result was not asked for: no need to wait for it
            self._kill()
        self._reap()
        self._close()

    def result(self) -> Sequence[bytes | mmap]:
        """The child's bytes, once it has written them all and ended well, else computed here;
        in chunks, maybe not those `compute` gave (the child's are a map of its file)."""
        view = self._receive()
        return list(self.compute()) if view is None else view

    def _start(self) -> None:
        import threading

        if not hasattr(os, "fork") or threading.active_count() != 1:
            return
        try:
            self.file = file = _anonymous_file()
            status, announce = os.pipe()
        except OSError:
            self._close()
            return
        try:
            pid = os.fork()
        except OSError:
            _close_all([status, announce])
            self._close()
            return
        if pid == 0:  # the child: never returns into the caller's code
            _child(status, announce, file.fileno(), self.compute)
        os.close(announce)
        self.pid, self.status = pid, status

    def _receive(self) -> list[mmap] | None:
        """The child's bytes, or None when there is no child or it failed in any way."""
        if self.pid <= 0 or self.file is None:
            return None
        try:
            announced = _read_to_end(self.status)  # the child closes it by ending
        except OSError:
            announced = b""
        if not self._reap() or len(announced) != _HEADER:
            return None
        size = int.from_bytes(announced, "little")
        try:
            if os.fstat(self.file.fileno()).st_size != size:
                return None
            if size == 0:
                return []
            from mmap import ACCESS_READ, mmap

            self.view = mmap(self.file.fileno(), size, access=ACCESS_READ)
        except (OSError, ValueError):
            return None
        return [self.view]

    def _kill(self) -> None:
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass

    def _reap(self) -> bool:
        """Close the pipe and wait for the child to end; whether it ended with exit code 0."""
        _close_all([self.status] if self.status >= 0 else [])
        self.status = -1
        if self.pid <= 0:
            return False
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # reaped already: nothing says how it ended
            status = -1
        self.pid = -1  # only once reaped: an interrupted wait is tried again on exit
        return status == 0

    def _close(self) -> None:
        for resource in (self.view, self.file):
            if resource is not None:
                try:
                    resource.close()
                except (OSError, BufferError):  # a view of the map still held: closed once freed
                    pass
        self.view = self.file = None


def _anonymous_file() -> IO[bytes]:
    """A file in memory where the system has them (Linux), else a temporary file; either is
    gone once closed."""
    try:
        return open(os.memfd_create("storydiff", os.MFD_CLOEXEC), "r+b", buffering=0)
    except (AttributeError, OSError):
        import tempfile

        return tempfile.TemporaryFile(buffering=0)


def _child(status: int, announce: int, fd: int, compute: Callable[[], Iterable[bytes]]) -> None:
    """The child's whole life: compute, write, announce, end, without running any of the
    parent's exit handlers or flushing its buffers (they would write its pending output twice)."""
    code = 1
    try:
        import gc

        # The child ends once its bytes are written: a collection would only copy the pages of
        # every object it scans.
        gc.disable()
        os.close(status)
        size = 0
        for chunk in compute():
            size += _write_all(fd, chunk)
        _write_all(announce, size.to_bytes(_HEADER, "little"))
        code = 0
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> int:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    return len(data)


def _read_to_end(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
