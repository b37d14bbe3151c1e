"""`align --json` writes its text as encoded chunks: the bytes must be those `sys.stdout.write`
of the whole text writes, whatever standard output is."""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import pytest

from tui import cli
from tui.align_report import alignment_json
from tui.core.alignment import align_articles
from tui.core.model import Article

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seed(k: int) -> Article:
    return Article(path=SEEDS[k].name, text=SEEDS[k].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def one() -> list:
    return [align_articles(_seed(0), _seed(1))]


@pytest.fixture(scope="module")
def several() -> list:
    return [align_articles(_seed(0), _seed(k)) for k in (1, 2, 4)]


class _Trickle(io.RawIOBase):
    """An unbuffered output that takes at most a few bytes a call, as a raw pipe may."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        taken = bytes(data[:4093])
        self.data += taken
        return len(taken)


def _printed(monkeypatch, alignments, *, encoding="utf-8", errors="strict", raw=None) -> bytes:
    raw = io.BytesIO() if raw is None else raw
    out = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="\n")
    monkeypatch.setattr("sys.stdout", out)
    out.write("before ")  # pending text goes out first
    cli._print_json(alignments)
    out.flush()
    return bytes(raw.data) if isinstance(raw, _Trickle) else raw.getvalue()


def _expected(alignments, encoding="utf-8", errors="strict") -> bytes:
    return ("before " + alignment_json(alignments) + "\n").encode(encoding, errors)


@pytest.mark.parametrize("errors", ["strict", "surrogateescape", "backslashreplace"])
def test_one_and_several_documents_are_the_bytes_of_the_whole_text(monkeypatch, one, several, errors) -> None:
    for als in (one, several):
        assert _printed(monkeypatch, als, errors=errors) == _expected(als, errors=errors)
    if errors != "strict":  # a file name undecodable bytes were escaped in, as argv's are
        odd = [align_articles(Article(path="bad\udcffname.txt", text=_seed(2).text), _seed(3))]
        assert _printed(monkeypatch, odd, errors=errors) == _expected(odd, errors=errors)


def test_an_unbuffered_output_that_takes_part_of_a_write_gets_it_all(monkeypatch, several) -> None:
    assert _printed(monkeypatch, several, raw=_Trickle()) == _expected(several)


def test_other_encodings_go_through_the_text_stream(monkeypatch, one) -> None:
    printed = _printed(monkeypatch, one, encoding="utf-16", errors="replace")
    assert printed == ("before " + alignment_json(one) + "\n").encode("utf-16", "replace")


def test_where_text_streams_translate_line_breaks_they_still_do(monkeypatch, one) -> None:
    import os

    monkeypatch.setattr(os, "linesep", "\r\n")
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
    monkeypatch.setattr("sys.stdout", out)
    cli._print_json(one)
    out.flush()
    assert raw.getvalue() == (alignment_json(one) + "\n").replace("\n", "\r\n").encode("utf-8")


def test_a_text_only_output_gets_the_text(monkeypatch, one) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    cli._print_json(one)
    assert out.getvalue() == alignment_json(one) + "\n"


def test_text_that_cannot_be_encoded_writes_nothing(monkeypatch) -> None:
    odd = Article(path="lone\ud800surrogate.txt", text="A sentence here.\n")
    als = [align_articles(odd, odd)]
    raw = io.BytesIO()
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(raw, encoding="utf-8", errors="strict"))
    with pytest.raises(UnicodeEncodeError):
        cli._print_json(als)
    assert raw.getvalue() == b""


# Rendered by two processes: the output must not change a byte, nor depend on the child.

forks = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")


@pytest.fixture
def always_fork(monkeypatch):
    monkeypatch.setattr(cli, "FORK_JSON_ITEMS", 0)


@pytest.fixture
def child_results(monkeypatch) -> list:
    """What each child gave (None: nothing usable, so the work was done here)."""
    from tui import forked

    given, real = [], forked.Forked._receive

    def receive(self):
        result = real(self)
        given.append(None if result is None else b"".join(bytes(chunk) for chunk in result))
        return result

    monkeypatch.setattr(forked.Forked, "_receive", receive)
    return given


def _assert_reaped() -> None:
    import os

    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@forks
@pytest.mark.parametrize("share", [0.0, 0.3, 0.6, 1.0])
def test_two_processes_print_the_same_bytes(monkeypatch, always_fork, child_results, share) -> None:
    monkeypatch.setattr(cli, "PARENT_JSON_SHARE", share)
    pairs = [(x, y) for x in range(len(SEEDS)) for y in range(x + 1, len(SEEDS))]
    cases = [[align_articles(_seed(x), _seed(y))] for x, y in pairs]
    cases.append([align_articles(_seed(0), _seed(k)) for k in (1, 2, 3, 4)])
    for als in cases:
        assert _printed(monkeypatch, als) == _expected(als)
    assert len(child_results) == len(cases) and all(given is not None for given in child_results)
    if share < 1.0:
        assert all(given for given in child_results)  # the child rendered a part of each
    _assert_reaped()


@forks
def test_two_processes_keep_the_error_handler(monkeypatch, always_fork, child_results) -> None:
    odd = [align_articles(Article(path="bad\udcffname.txt", text=_seed(2).text), _seed(3)) for _ in range(2)]
    assert _printed(monkeypatch, odd, errors="surrogateescape") == _expected(odd, errors="surrogateescape")
    assert child_results and child_results[0]


@forks
def test_text_the_child_cannot_encode_writes_nothing(monkeypatch, always_fork, child_results) -> None:
    odd = Article(path="lone\ud800surrogate.txt", text="A sentence here.\n")
    als = [align_articles(_seed(0), _seed(1)), align_articles(odd, odd)]
    monkeypatch.setattr(cli, "PARENT_JSON_SHARE", 0.0)  # the child has the odd document
    raw = io.BytesIO()
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(raw, encoding="utf-8", errors="strict"))
    with pytest.raises(UnicodeEncodeError):
        cli._print_json(als)
    assert raw.getvalue() == b""
    assert child_results == [None]
    _assert_reaped()


@forks
def test_a_failed_fork_prints_the_same_bytes(monkeypatch, always_fork, several) -> None:
    import os

    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    assert _printed(monkeypatch, several) == _expected(several)


def _in_child(action):
    import os

    parent = os.getpid()

    def wrapped(real):
        def run(*args, **kwargs):
            if os.getpid() != parent:
                action()
            return real(*args, **kwargs)

        return run

    return wrapped


@forks
def test_a_child_that_dies_rendering_leaves_its_part_here(monkeypatch, always_fork, child_results, several) -> None:
    import os

    import tui.align_report as report

    monkeypatch.setattr(report, "LINKS_PER_CHUNK", 4)
    dies = _in_child(lambda: os._exit(3))
    monkeypatch.setattr(report, "_links_json", dies(report._links_json))
    assert _printed(monkeypatch, several) == _expected(several)
    assert child_results == [None]
    _assert_reaped()


@forks
def test_a_child_that_raises_leaves_its_part_here(monkeypatch, always_fork, child_results, several) -> None:
    import tui.align_report as report

    def fail():
        raise MemoryError

    monkeypatch.setattr(report, "_links_json", _in_child(fail)(report._links_json))
    assert _printed(monkeypatch, several) == _expected(several)
    assert child_results == [None]
    _assert_reaped()


@forks
@pytest.mark.parametrize("announcement", [b"garbage!", b"junk", (1 << 20).to_bytes(8, "little")])
def test_a_child_that_sends_garbage_leaves_its_part_here(monkeypatch, always_fork, child_results, several, announcement) -> None:
    import os

    from tui import forked

    def garbled(status, announce, fd, compute) -> None:
        os.write(fd, b'{"not": "the document"}' * 1000)
        os.write(announce, announcement)
        os._exit(0)

    monkeypatch.setattr(forked, "_child", garbled)
    assert _printed(monkeypatch, several) == _expected(several)
    assert child_results == [None]
    _assert_reaped()


@forks
def test_a_closed_output_ends_the_child_too(monkeypatch, always_fork, several) -> None:
    class Closed(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(Closed(), encoding="utf-8", write_through=True))
    with pytest.raises(BrokenPipeError):
        cli._print_json(several)
    _assert_reaped()


# The command itself, in a process of its own, with the threshold forced down by a small program
# that then runs the command line as `storydiff` would (so it ends with `os._exit`).
FORCED = """
import sys

import tui.cli as cli
import tui.forked as forked

cli.FORK_JSON_ITEMS = 0
real = forked.Forked._receive


def receive(self):
    result = real(self)
    print("child:", "used" if result is not None else "lost", file=sys.stderr, flush=True)
    return result


forked.Forked._receive = receive
sys.argv = ["storydiff", *sys.argv[1:]]
cli.main()
"""


def _env(unbuffered: str) -> dict:
    import os

    root = str(Path(__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "PYTHONPATH": path, "PYTHONUNBUFFERED": unbuffered}


@forks
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_the_command_prints_the_same_bytes_in_two_processes(unbuffered) -> None:
    import subprocess
    import sys

    for paths in ([SEEDS[0], SEEDS[3]], SEEDS[:3]):
        args = ["align", "--json", *map(str, paths)]
        run = partial(subprocess.run, capture_output=True, env=_env(unbuffered), timeout=120, check=False)
        usual = run([sys.executable, "-m", "tui", *args])
        forced = run([sys.executable, "-c", FORCED, *args])
        assert usual.returncode == forced.returncode == 0
        assert usual.stderr == b""
        assert forced.stderr == b"child: used\n"
        assert forced.stdout == usual.stdout
        assert usual.stdout.startswith(b"{" if len(paths) == 2 else b"[")


@forks
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_the_command_ends_quietly_when_its_output_is_closed(unbuffered) -> None:
    import sys

    # More than a pipe holds, so that writing fails once the reader is gone.
    args = ["align", "--json", *map(str, SEEDS[:3])]
    usual_code, usual_errors = _closed_early([sys.executable, "-m", "tui", *args], unbuffered)
    forced_code, forced_errors = _closed_early([sys.executable, "-c", FORCED, *args], unbuffered)
    # As with one process: no message, and the same exit code (0; or, with the text still in
    # Python's buffer at exit, the interpreter's 120 for output it could not flush).
    assert (forced_code, forced_errors) == (usual_code, b"child: used\n")
    assert usual_errors == b""


def _closed_early(command: list[str], unbuffered: str) -> tuple[int, bytes]:
    """Run `command` with its output's reader gone from the start: its exit code and messages."""
    import subprocess

    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(unbuffered))
    proc.stdout.close()
    try:
        errors = proc.stderr.read()
        return proc.wait(timeout=120), errors
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
