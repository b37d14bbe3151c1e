"""The reader in a real terminal (a pseudo-terminal), where piping text in must not take the
keyboard away."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

TIMEOUT = 20


def _console_script() -> str:
    beside = Path(sys.executable).parent / "storydiff"
    assert beside.exists(), "the storydiff console script is not installed beside the interpreter"
    return str(beside)


def _read_until(fd: int, want: bytes, seen: bytearray) -> bool:
    """Read the terminal until `want` shows (True) or the child is gone / time runs out (False)."""
    deadline = time.monotonic() + TIMEOUT
    while want not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return want in seen
            if not chunk:
                return want in seen
            seen.extend(chunk)
    return want in seen


@pytest.mark.skipif(not hasattr(pty, "fork"), reason="needs a pseudo-terminal")
def test_text_piped_in_is_read_and_keys_come_from_the_terminal(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("The council approved the budget on Monday. The mayor said the vote was historic.\n", encoding="utf-8")
    piped = "The council approved the budget on Tuesday. The mayor called the vote historic.\n"
    script = _console_script()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a shell pipeline, as a user types it, in the terminal
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execvpe("sh", ["sh", "-c", f"printf '%s' \"$PIPED\" | '{script}' '{a}' -"], {**env, "PIPED": piped})
    seen = bytearray()
    try:
        # The reader shows the piped version's first words in the comparison pane...
        assert _read_until(fd, b"Tuesday", seen), seen[-2000:].decode("utf-8", "replace")
        # ... and answers a key from the keyboard: q quits.
        os.write(fd, b"q")
        status = None
        deadline = time.monotonic() + TIMEOUT
        while status is None and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    seen.extend(os.read(fd, 65536))  # keep the terminal drained while it quits
                except OSError:
                    pass
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
        assert status is not None, "q did not quit the reader: " + seen[-500:].decode("utf-8", "replace")
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
