"""The store under abuse: processes killed mid-write, and two processes writing at once.

The writers are real `python` processes started with -S (no site-packages) and only `tui.store`
imported, which also proves the store needs nothing heavy to save a note. A writer prints an
annotation's id only after `add_annotation` returned, i.e. after the commit: every printed id is
an acknowledged write and must be in the database afterwards.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.core.model import Article
from tui.store import NoteStore
from tui.store.paths import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")

WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from tui.core.model import Article
from tui.store import NoteStore
store = NoteStore.open(__import__("pathlib").Path(sys.argv[2]))
text = open(sys.argv[3], encoding="utf-8").read()
story = Article(path=sys.argv[3], text=text)
count = int(sys.argv[4])
tag = sys.argv[5]
store.version_for(story)
sys.stdout.write("ready\\n")
sys.stdout.flush()
if sys.argv[6] == "wait":
    sys.stdin.readline()
i = 0
while count < 0 or i < count:
    note = store.add_annotation(story, i % 500, i % 500 + 25, f"{tag} note {i} " + "x" * (i % 300), [tag])
    sys.stdout.write(note.id + "\\n")
    sys.stdout.flush()
    i += 1
store.close()
"""


def _writer(data: Path, story: Path, count: int, tag: str, wait: bool = False) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    return subprocess.Popen(
        [sys.executable, "-S", "-c", WRITER, str(ROOT), str(data), str(story), str(count), tag, "wait" if wait else "go"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


@pytest.mark.parametrize("rounds", [20, pytest.param(100, marks=pytest.mark.slow)])
def test_killing_a_writer_at_random_moments_loses_no_acknowledged_note(tmp_path: Path, monkeypatch, rounds: int) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "unused"))
    data = tmp_path / "data"
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    rng = random.Random(20261124)
    acknowledged: list[str] = []
    killed_while_writing = 0
    started = time.monotonic()
    for round_ in range(rounds):
        proc = _writer(data, story, -1, "kill")
        assert proc.stdout is not None
        # Every fifth kill is timed from the spawn, to also hit the store while it opens; the
        # rest from the moment the writer is ready, so that slow interpreter start-up on a busy
        # machine cannot turn the test into one that kills before anything is written.
        if round_ % 5 == 0:
            time.sleep(rng.uniform(0.0, 0.1))
            head = ""
        else:
            head = proc.stdout.readline()
            time.sleep(rng.uniform(0.02, 0.2))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, err
        lines = (head + out).split("\n")
        complete = [line for line in lines[:-1] if line != "ready"]  # the last piece lacks its newline: cut off mid-print
        killed_while_writing += bool(complete)
        acknowledged += complete
        store = NoteStore.open(data)
        assert store.warnings == []
        assert store.integrity_check() == ["ok"]
        present = {a.id for a in store.all_annotations()}
        store.close()
        missing = set(acknowledged) - present
        assert not missing, f"{len(missing)} acknowledged notes lost"
    elapsed = time.monotonic() - started
    print(f"\nkill -9 x{rounds}: {len(acknowledged)} acknowledged notes, all present; "
          f"{killed_while_writing} kills landed after writing began; {elapsed:.1f}s")
    assert killed_while_writing >= 0.7 * rounds, "the kills should mostly land while notes are being written"


def test_two_processes_writing_at_once_both_get_every_note_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    NoteStore.open(data).close()  # both writers then open an existing store, as two windows would
    writers = [_writer(data, story, 200, tag, wait=True) for tag in ("left", "right")]
    started = time.monotonic()
    for proc in writers:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=120) for proc in writers]
    elapsed = time.monotonic() - started
    outputs = [(out.replace("ready\n", "", 1), err) for out, err in outputs]
    for proc, (out, err) in zip(writers, outputs):
        assert proc.returncode == 0, err
        assert len(out.split()) == 200
    store = NoteStore.open(data)
    notes = store.all_annotations()
    assert len(notes) == 400
    assert sorted(len([n for n in notes if n.tags == (tag,)]) for tag in ("left", "right")) == [200, 200]
    assert {n.id for n in notes} == set(outputs[0][0].split()) | set(outputs[1][0].split())
    assert store.integrity_check() == ["ok"]
    store.close()
    print(f"\ntwo writers x200: 400 notes in {elapsed:.2f}s")


def test_two_open_stores_in_one_process_see_each_others_writes(tmp_path: Path) -> None:
    story = Article(path=str(tmp_path / "s.txt"), text=TEXT)
    left, right = NoteStore.open(tmp_path), NoteStore.open(tmp_path)
    note = left.add_annotation(story, 0, 10, "from the left window")
    assert [a.id for a in right.annotations(story)] == [note.id]
    right.update_annotation(note.id, "edited on the right", ["r"])
    assert left.get_annotation(note.id).note == "edited on the right"
    assert left.delete_annotation(note.id) and right.all_annotations() == []
    left.close()
    right.close()
