"""The store and the export commands under faults: odd files where notes.db should be, crashes
that leave notes in the WAL, processes racing to recover a damaged file, exports killed or
starved of disk mid-write, closed pipes and full disks. Goal: no traceback, no note lost, no
previous export destroyed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.core.model import Article
from tui.store import NoteStore, StoreReadOnly
from tui.store.paths import DATA_DIR_ENV, DB_NAME
from tui.store.transfer import export_command, export_notes, import_command, spreadsheet_safe

ROOT = Path(__file__).resolve().parent.parent
TEXT = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
SCRIPT = Path(sys.executable).with_name("storydiff")


def _story(folder: Path, name: str = "story.txt", text: str = TEXT) -> Article:
    return Article(path=str(folder / name), text=text)


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


# --- a notes path that cannot be read ------------------------------------------------------------

ODD_FILES = {
    "folder": lambda db: db.mkdir(),
    "symlink loop": lambda db: db.symlink_to(db.name),
    "fifo": lambda db: os.mkfifo(db),
    "newer schema": lambda db: _sqlite(db, "PRAGMA user_version = 99"),
    "annotations table at version 0": lambda db: _sqlite(db, "CREATE TABLE annotations(x)"),
    "version 2 without tables": lambda db: _sqlite(db, "PRAGMA user_version = 2"),
    "version -1": lambda db: _sqlite(db, "CREATE TABLE t(x)", "PRAGMA user_version = -1"),
    "version 2 missing columns": lambda db: _sqlite(
        db, "CREATE TABLE texts(hash)", "CREATE TABLE versions(id)", "CREATE TABLE annotations(id)",
        "CREATE TABLE bookmarks(id)", "PRAGMA user_version = 2",
    ),
}


@pytest.mark.parametrize("odd", list(ODD_FILES))
def test_notes_that_cannot_be_read_give_one_warning_an_empty_read_only_store_and_a_failing_export(
    odd: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = data_dir / DB_NAME
    ODD_FILES[odd](db)
    before = sorted(p.name for p in data_dir.iterdir())
    with NoteStore.open() as store:
        assert store.read_only and store.unreadable
        [warning] = store.warnings
        assert "cannot be read" in warning
        assert store.all_annotations() == [] and store.bookmarks() == []
        with pytest.raises(StoreReadOnly):
            store.add_annotation(_story(tmp_path), 0, 5, "x")
    assert export_command("json", None) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "cannot export" in captured.err
    exported = tmp_path / "notes.json"
    exported.write_text(_a_valid_export(tmp_path / "other"), encoding="utf-8")
    assert import_command(str(exported)) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert sorted(p.name for p in data_dir.iterdir() if not p.name.endswith(".lock")) == before  # left untouched


def _a_valid_export(folder: Path) -> str:
    with NoteStore.open(folder) as store:
        store.add_annotation(_story(folder), 0, 10, "hello")
        return export_notes(store, "json")


def test_a_row_whose_tags_are_not_json_reads_as_no_tags(data_dir: Path, tmp_path: Path) -> None:
    with NoteStore.open() as store:
        store.add_annotation(_story(tmp_path), 0, 10, "kept", ["a"])
    _sqlite(data_dir / DB_NAME, "UPDATE annotations SET tags = 'not json'")
    with NoteStore.open() as store:
        [note] = store.all_annotations()
        assert (note.note, note.tags) == ("kept", ())
        assert json.loads(export_notes(store, "json"))["annotations"][0]["note"] == "kept"


# --- read-only opening after a crash: the WAL ------------------------------------------------------

CRASHING_WRITER = """
import os, sys
sys.path.insert(0, sys.argv[1])
from tui.core.model import Article
from tui.store import NoteStore
store = NoteStore.open(__import__("pathlib").Path(sys.argv[2]))
store.add_annotation(Article(path=sys.argv[3], text=open(sys.argv[3], encoding="utf-8").read()), 0, 10, "only in the WAL")
os.kill(os.getpid(), 9)
"""


def test_a_read_only_store_shows_notes_committed_only_to_the_wal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    with NoteStore.open(data) as store:  # the file exists and holds its schema
        store.version_for(_story(tmp_path))
    done = subprocess.run([sys.executable, "-S", "-c", CRASHING_WRITER, str(ROOT), str(data), str(story)], capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (data / (DB_NAME + "-wal")).stat().st_size > 0
    # A folder where SQLite cannot create the WAL index: read-only for a user; for root, who writes
    # through permissions, immutable (chattr +i).
    (data / (DB_NAME + "-shm")).unlink()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(data)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only for root here")
    else:
        data.chmod(0o555)
    try:
        immutable = sqlite3.connect(f"file:{data / DB_NAME}?mode=ro&immutable=1", uri=True)
        assert immutable.execute("SELECT count(*) FROM annotations").fetchone() == (0,)  # the trap
        immutable.close()
        with NoteStore.open(data) as store:
            assert store.read_only
            assert [a.note for a in store.all_annotations()] == ["only in the WAL"]
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(data)], capture_output=True)
        else:
            data.chmod(0o755)
    assert (data / (DB_NAME + "-wal")).stat().st_size > 0  # nothing beside the file was written


# --- several processes opening one damaged store ---------------------------------------------------

OPENER = """
import sys
sys.path.insert(0, sys.argv[1])
from tui.core.model import Article
from tui.store import NoteStore
sys.stdin.readline()
store = NoteStore.open(__import__("pathlib").Path(sys.argv[2]))
note = store.add_annotation(Article(path=sys.argv[3], text="A short story of one sentence, told twice."), 0, 7, sys.argv[4])
print(note.id, flush=True)
store.close()
"""


def _race_to_recover(tmp_path: Path, round_: int, processes: int) -> None:
    data = tmp_path / f"round-{round_}"
    data.mkdir()
    (data / DB_NAME).write_bytes(os.urandom(4096) + b"not a database")
    env = {k: v for k, v in os.environ.items() if k != DATA_DIR_ENV}
    procs = [
        subprocess.Popen([sys.executable, "-S", "-c", OPENER, str(ROOT), str(data), str(tmp_path / "s.txt"), f"p{k}"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for k in range(processes)
    ]
    for proc in procs:  # all start opening at about the same moment
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    ids = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        ids.append(out.strip())
    assert len(list(data.glob(f"{DB_NAME}.corrupt-*"))) == 1  # the damaged file, set aside once
    with NoteStore.open(data) as store:
        assert store.warnings == []
        assert {a.id for a in store.all_annotations()} == set(ids)  # nobody's fresh store was set aside


def test_processes_racing_to_recover_a_damaged_store_set_it_aside_once(tmp_path: Path) -> None:
    for round_ in range(3):
        _race_to_recover(tmp_path, round_, 4)


@pytest.mark.slow
def test_processes_racing_to_recover_a_damaged_store_long_run(tmp_path: Path) -> None:
    for round_ in range(25):
        _race_to_recover(tmp_path, round_, 6)


# --- bookmarks from two windows -------------------------------------------------------------------


def test_marking_in_a_window_with_a_stale_view_keeps_the_other_windows_bookmark(data_dir: Path, tmp_path: Path) -> None:
    story = _story(tmp_path)
    first, second = NoteStore.open(), NoteStore.open()
    assert first.set_bookmark(story, 0, 40, True) is True
    # The second window still shows the sentence unmarked, and asks for a mark.
    assert second.set_bookmark(story, 0, 40, True) is True
    assert len(first.bookmarks(story)) == 1
    assert second.set_bookmark(story, 0, 40, False) is False
    assert first.bookmarks(story) == []
    assert first.set_bookmark(story, 0, 40, False) is False  # removing what is gone is no error
    first.close()
    second.close()


def test_registering_many_versions_is_one_transaction(data_dir: Path, tmp_path: Path) -> None:
    statements: list[str] = []
    with NoteStore.open() as store:
        store._connection().set_trace_callback(statements.append)
        articles = [_story(tmp_path, f"v{k}.txt", f"Version {k} of the story.") for k in range(300)]
        records = store.register_versions(articles)
        assert len({r.id for r in records}) == 300 and all(r.state == "new" for r in records)
        assert statements.count("BEGIN IMMEDIATE") == 1
        statements.clear()
        for article in articles:  # reading afterwards writes nothing
            store.annotations(article)
            store.bookmarks(article)
        assert "BEGIN IMMEDIATE" not in statements


def test_versions_registered_by_another_connection_are_recalled_without_writing(data_dir: Path, tmp_path: Path) -> None:
    articles = [_story(tmp_path, f"v{k}.txt", f"Version {k} of the story.") for k in range(50)]
    with NoteStore.open() as worker:  # as a worker thread would, on its own connection
        worker.register_versions(articles)
    statements: list[str] = []
    with NoteStore.open() as store:
        store._connection().set_trace_callback(statements.append)
        store.recall_versions(articles)
        for article in articles:
            store.annotations(article)
        assert "BEGIN IMMEDIATE" not in statements


# --- exports: killed, starved of disk, to a full device or a closed pipe -----------------------------


def _big_store(data: Path, tmp_path: Path) -> None:
    """About 6 MB of export: long enough that a kill can land while it is being written."""
    with NoteStore.open(data) as store:
        for k in range(12):
            story = _story(tmp_path, f"v{k}.txt", (TEXT + f"\n[{k}]\n") * 40)
            store.add_annotation(story, 0, 20, f"note {k} " * 200)


def _export_killed(tmp_path: Path, runs: int) -> tuple[int, int]:
    data = tmp_path / "data"
    _big_store(data, tmp_path)
    target = tmp_path / "backup.json"
    previous = json.dumps({"format": "storydiff-notes", "format_version": 1, "note": "the previous export"})
    target.write_text(previous, encoding="utf-8")
    env = {**os.environ, DATA_DIR_ENV: str(data)}
    started = time.monotonic()
    subprocess.run([str(SCRIPT), "export", "-o", str(tmp_path / "timing.json")], env=env, check=True)
    duration = time.monotonic() - started
    rng = random.Random(10)
    destroyed = replaced = 0
    for _ in range(runs):
        before = target.read_text(encoding="utf-8")
        proc = subprocess.Popen([str(SCRIPT), "export", "-o", str(target)], env=env, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(duration * 0.3, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        after = target.read_bytes()
        try:
            document = json.loads(after)
        except ValueError:
            destroyed += 1
            continue
        if after.decode("utf-8") != before:
            replaced += 1
            assert len(document["annotations"]) == 12
    leftovers = [p.name for p in tmp_path.glob(".backup.json.*")]
    assert destroyed == 0, f"{destroyed} of {runs} kills destroyed the previous export"
    return replaced, len(leftovers)


def test_an_export_killed_mid_write_leaves_the_previous_export_whole(tmp_path: Path) -> None:
    replaced, _ = _export_killed(tmp_path, 6)
    print(f"\nexport killed x6: previous export destroyed 0; {replaced} runs finished before the kill")


@pytest.mark.slow
def test_an_export_killed_mid_write_long_run(tmp_path: Path) -> None:
    replaced, leftovers = _export_killed(tmp_path, 30)
    print(f"\nexport killed x30: previous export destroyed 0; {replaced} finished first; {leftovers} partial temp files left")


DISK_FULL = """
import resource, signal, sys
sys.path.insert(0, sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
from tui.store.transfer import export_command
sys.exit(export_command("json", sys.argv[2]))
"""


def test_an_export_to_a_full_disk_keeps_the_previous_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _big_store(data, tmp_path)
    target = tmp_path / "backup.json"
    target.write_text('{"previous": true}', encoding="utf-8")
    env = {**os.environ, DATA_DIR_ENV: str(data)}
    done = subprocess.run([sys.executable, "-c", DISK_FULL, str(ROOT), str(target)], env=env, capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert target.read_text(encoding="utf-8") == '{"previous": true}'
    assert list(tmp_path.glob(".backup.json.*")) == []


def _cli(args: list[str], env: dict[str, str], stdout) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], env=env, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120)


SEED_A, SEED_B = (str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))[:2])


@pytest.mark.parametrize("args", [["align", SEED_A, SEED_B], ["align", "--json", SEED_A, SEED_B], ["export"]], ids=["align", "align-json", "export"])
def test_output_to_a_full_device_is_one_line_and_exit_1(args: list[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    _big_store(data, tmp_path)
    with open("/dev/full", "w") as full:
        done = _cli(args, {**os.environ, DATA_DIR_ENV: str(data)}, full)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "No space left" in done.stderr, done.stderr


@pytest.mark.parametrize("args", [["align", SEED_A, SEED_B], ["align", "--json", SEED_A, SEED_B], ["export"]], ids=["align", "align-json", "export"])
def test_a_closed_pipe_is_not_an_error(args: list[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    _big_store(data, tmp_path)
    env = {**os.environ, DATA_DIR_ENV: str(data)}
    proc = subprocess.Popen([str(SCRIPT), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == "", err


# --- exports that other programs read -------------------------------------------------------------


def test_markdown_export_keeps_paths_notes_and_tags_inside_their_markup(data_dir: Path, tmp_path: Path) -> None:
    with NoteStore.open() as store:
        story = Article(path=str(tmp_path / "we`ird\nname.txt"), text=TEXT)
        store.add_annotation(story, 0, 10, "<script>alert(1)</script> & <b>bold</b>", ["ta`g"])
        md = export_notes(store, "md")
    assert "<script>" not in md and "&lt;script&gt;" in md and "<b>" not in md
    assert "``" in md and "\n`" not in md.replace("\n``", "")  # the path's backquote lives inside a longer fence
    path_line = next(line for line in md.splitlines() if "we`ird" in line and line.startswith("`"))
    assert path_line.startswith("`` ") and path_line.endswith(" ``") and "name.txt" in path_line


@pytest.mark.parametrize("cell", [" =1+1", "\n=1+1", "  @SUM(A1)", "\uff1d1+1", " \uff0b1", "\nplain", "\t\uff20x"])
def test_csv_cells_hiding_a_formula_behind_space_or_fullwidth_forms_are_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain", "a = b", "1-2", "e-mail", " leading space only"])
def test_csv_cells_that_are_not_formulas_are_kept(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


def test_an_export_removes_temporary_files_long_abandoned_by_killed_exports_and_keeps_fresh_ones(tmp_path: Path) -> None:
    """A kill at the wrong moment leaves `.NAME.xxxx.partial` beside the export; the next export of
    that file tidies it once it is old, but never one a live export may still be writing."""
    from tui.store.replacing import STALE_PARTIAL_SECONDS, write_replacing

    target = tmp_path / "backup.json"
    target.write_text("old", encoding="utf-8")
    stale = tmp_path / ".backup.json.dead1.partial"
    fresh = tmp_path / ".backup.json.live2.partial"
    other = tmp_path / ".notes.json.dead3.partial"  # another file's: not ours to touch
    for leftover in (stale, fresh, other):
        leftover.write_text("half", encoding="utf-8")
    long_ago = time.time() - STALE_PARTIAL_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))

    write_replacing(target, b"new")

    assert target.read_bytes() == b"new"
    assert not stale.exists()
    assert fresh.exists() and other.exists()
