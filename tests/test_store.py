"""The notes store: identity of versions, re-anchoring on edit, bookmarks, migrations, bad files.

Every test works in its own tmp data directory; none touches the user's real notes.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tui.core.model import Article
from tui.store import NoteStore, StoreReadOnly, data_dir
from tui.store import schema
from tui.store.paths import DATA_DIR_ENV, DB_NAME, READ_ONLY_ENV

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
TEXT = SEEDS[0].read_text(encoding="utf-8")
QUOTE = "Melanie Krause"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points the default store at tmp so that no test can reach the real notes."""
    directory = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(directory))
    monkeypatch.delenv(READ_ONLY_ENV, raising=False)
    return directory


@pytest.fixture
def store(isolated_data_dir: Path) -> NoteStore:
    s = NoteStore.open()
    yield s
    s.close()


def article(tmp_path: Path, name: str = "story.txt", text: str = TEXT) -> Article:
    return Article(path=str(tmp_path / name), text=text)


def test_data_dir_honours_the_environment(isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_dir() == isolated_data_dir
    monkeypatch.delenv(DATA_DIR_ENV)
    assert data_dir().name.lower() == "storydiff"


def test_open_creates_a_wal_database_at_the_latest_schema(store: NoteStore, isolated_data_dir: Path) -> None:
    assert store.path == isolated_data_dir / DB_NAME and store.path.exists()
    assert not store.read_only and store.warnings == []
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema.user_version(conn) == schema.LATEST == len(schema.MIGRATIONS)
    conn.close()


def test_annotations_are_saved_edited_deleted_and_survive_reopening(store: NoteStore, tmp_path: Path) -> None:
    story = article(tmp_path)
    i = TEXT.index(QUOTE)
    note = store.add_annotation(story, i, i + len(QUOTE), "name misspelled?", [" name ", "name", "", "check"])
    assert (note.exact, note.start, note.end, note.tags, note.status) == (QUOTE, i, i + len(QUOTE), ("name", "check"), "exact")
    store.close()

    again = NoteStore.open()
    [found] = again.annotations(story)
    assert found == note
    edited = again.update_annotation(note.id, "name is right", ["verified"])
    assert (edited.note, edited.tags, edited.created) == ("name is right", ("verified",), note.created)
    assert edited.modified >= note.modified
    assert again.delete_annotation(note.id) is True
    assert again.delete_annotation(note.id) is False
    assert again.annotations(story) == []
    with pytest.raises(KeyError):
        again.update_annotation(note.id, "gone", [])
    again.close()


def test_empty_or_out_of_range_spans_are_refused(store: NoteStore, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        store.add_annotation(article(tmp_path), 10, 10, "empty")
    with pytest.raises(ValueError):
        store.add_annotation(article(tmp_path), 10, len(TEXT) + 1, "past the end")


def test_a_moved_file_keeps_its_notes(store: NoteStore, tmp_path: Path) -> None:
    old = article(tmp_path, "old/name.txt")
    note = store.add_annotation(old, 0, 20, "headline")
    moved = article(tmp_path, "new/place.txt")
    record = store.version_for(moved)
    assert (record.state, record.previous_path, record.path) == ("moved", old.path, moved.path)
    [found] = store.annotations(moved)
    assert found.id == note.id and found.path == moved.path
    assert store.version_for(moved).state == "known"


def test_an_edited_file_has_its_notes_reanchored_and_lost_ones_kept_for_review(store: NoteStore, tmp_path: Path) -> None:
    story = article(tmp_path)
    keep = "Treasury Secretary Scott Bessent"
    reword = QUOTE
    drop = "The agreement will allow ICE to submit names and addresses"
    notes = {}
    for quote, label in ((keep, "moves"), (reword, "typo"), (drop, "gone")):
        i = TEXT.index(quote)
        notes[label] = store.add_annotation(story, i, i + len(quote), label, [label])
    mark_at = TEXT.index(keep)
    assert store.toggle_bookmark(story, mark_at, mark_at + len(keep)) is True

    new_text = ("Correction appended.\n\n" + TEXT).replace(QUOTE, "Melania Krause").replace(drop, "Officials declined to describe the deal")
    edited = Article(path=story.path, text=new_text)
    record = store.version_for(edited)
    assert record.state == "edited"
    assert record.reanchored == {"moved": 2, "fuzzy": 1, "orphan": 1}  # 2 moved: the note and the bookmark
    assert [o.id for o in record.orphans] == [notes["gone"].id]

    placed = {a.note: a for a in store.annotations(edited)}
    assert set(placed) == {"moves", "typo"}
    assert new_text[placed["moves"].start : placed["moves"].end] == keep and placed["moves"].status == "moved"
    assert new_text[placed["typo"].start : placed["typo"].end] == "Melania Krause"
    assert placed["typo"].status == "fuzzy" and placed["typo"].original_exact == QUOTE
    [orphan] = store.orphans()
    assert (orphan.id, orphan.exact, orphan.note, orphan.text_hash) == (notes["gone"].id, drop, "gone", story.text_hash)
    assert [a.note for a in store.annotations(edited, include_orphans=True)].count("gone") == 1
    [mark] = store.bookmarks(edited)
    assert new_text[mark.start : mark.end] == keep

    # Undoing the rewrite brings the orphan back: orphans are retried whenever the text changes.
    restored = Article(path=story.path, text=new_text.replace("Officials declined to describe the deal", drop))
    assert store.version_for(restored).orphans == ()
    back = {a.note: a for a in store.annotations(restored)}
    assert restored.text[back["gone"].start : back["gone"].end] == drop


def test_an_orphan_can_be_reattached_by_hand(store: NoteStore, tmp_path: Path) -> None:
    story = article(tmp_path)
    i = TEXT.index(QUOTE)
    note = store.add_annotation(story, i, i + len(QUOTE), "who?")
    rewritten = Article(path=story.path, text=TEXT.replace(QUOTE, "the acting chief"))
    assert [o.id for o in store.version_for(rewritten).orphans] == [note.id]
    j = rewritten.text.index("the acting chief")
    fixed = store.reattach_annotation(note.id, rewritten, j, j + len("the acting chief"))
    assert (fixed.status, fixed.exact, fixed.original_exact) == ("exact", "the acting chief", QUOTE)
    assert store.orphans() == []


def test_bookmarks_toggle_per_sentence_and_version(store: NoteStore, tmp_path: Path) -> None:
    one, two = article(tmp_path, "one.txt"), article(tmp_path, "two.txt", SEEDS[1].read_text(encoding="utf-8"))
    assert store.toggle_bookmark(one, 0, 30) is True
    assert store.toggle_bookmark(one, 40, 60) is True
    assert store.toggle_bookmark(two, 0, 30) is True
    assert [(b.start, b.end) for b in store.bookmarks(one)] == [(0, 30), (40, 60)]
    assert store.toggle_bookmark(one, 0, 30) is False
    assert [(b.start, b.end) for b in store.bookmarks(one)] == [(40, 60)]
    assert len(store.bookmarks()) == 2
    assert store.delete_bookmark(store.bookmarks(two)[0].id) is True
    assert store.bookmarks(two) == []


def _v1_database(path: Path) -> None:
    """A notes file as the first released schema wrote it, with one version and one note each."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=1) == 1
    conn.execute("INSERT INTO texts(hash, text) VALUES (?, ?)", (Article("x", TEXT).text_hash, TEXT))
    conn.execute(
        "INSERT INTO versions(id, path, text_hash, title, first_seen, last_seen) VALUES (1, ?, ?, '', 't0', 't0')",
        (str(path.parent / "story.txt"), Article("x", TEXT).text_hash),
    )
    i = TEXT.index(QUOTE)
    conn.execute(
        'INSERT INTO annotations(id, version_id, exact, prefix, suffix, start, "end", note, tags, created, modified) '
        "VALUES ('a-1', 1, ?, ?, ?, ?, ?, 'old note', '[\"v1\"]', 't1', 't1')",
        (QUOTE, TEXT[i - 32 : i], TEXT[i + len(QUOTE) : i + len(QUOTE) + 32], i, i + len(QUOTE)),
    )
    conn.execute(
        'INSERT INTO bookmarks(id, version_id, exact, prefix, suffix, start, "end", created) VALUES (\'b-1\', 1, ?, \'\', ?, 0, 10, \'t1\')',
        (TEXT[:10], TEXT[10:42]),
    )
    conn.close()


def test_a_version_1_database_is_migrated_in_place(isolated_data_dir: Path) -> None:
    isolated_data_dir.mkdir(parents=True)
    _v1_database(isolated_data_dir / DB_NAME)
    store = NoteStore.open()
    assert store.warnings == []
    assert schema.user_version(store._connection()) == schema.LATEST
    story = Article(path=str(isolated_data_dir / "story.txt"), text=TEXT)
    [note] = store.annotations(story)
    assert (note.id, note.note, note.tags, note.status, note.original_exact, note.text_hash) == (
        "a-1", "old note", ("v1",), "exact", QUOTE, story.text_hash,
    )
    [mark] = store.bookmarks(story)
    assert (mark.id, mark.exact, mark.status) == ("b-1", TEXT[:10], "exact")
    # A migrated note behaves like any other: it re-anchors when the file is edited.
    edited = Article(path=story.path, text="New first line.\n" + TEXT)
    [moved] = store.annotations(edited)
    assert (moved.status, moved.start) == ("moved", note.start + 16)
    store.close()


def test_migration_is_idempotent_and_reports_the_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert schema.migrate(conn, target=1) == 1
    assert schema.migrate(conn) == schema.LATEST
    assert schema.migrate(conn) == schema.LATEST
    columns = {row[1] for row in conn.execute("PRAGMA table_info(annotations)")}
    assert {"anchored_hash", "status", "confidence", "original_exact"} <= columns
    conn.close()


def _healthy_store_with_notes(directory: Path, n: int = 200) -> None:
    store = NoteStore.open(directory)
    story = Article(path=str(directory / "s.txt"), text=TEXT)
    for k in range(n):
        store.add_annotation(story, k, k + 20, "note " * 50)
    store.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed-header"])
def test_a_damaged_database_is_set_aside_and_a_fresh_one_started(isolated_data_dir: Path, damage: str, tmp_path: Path) -> None:
    db = isolated_data_dir / DB_NAME
    if damage == "garbage":
        isolated_data_dir.mkdir(parents=True)
        db.write_bytes(os.urandom(3000) + b"this is not sqlite")
    else:
        _healthy_store_with_notes(isolated_data_dir)
        data = db.read_bytes()
        assert len(data) > 20_000
        db.write_bytes(data[: len(data) // 2 + 123] if damage == "truncated" else b"\0" * 100 + data[100:])
    original = db.read_bytes()

    store = NoteStore.open()
    assert not store.read_only
    [warning] = store.warnings
    backups = sorted(isolated_data_dir.glob(f"{DB_NAME}.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert "damaged" in warning and backups[0].name in warning
    story = article(tmp_path)
    note = store.add_annotation(story, 0, 10, "after the damage")
    assert store.annotations(story) == [note] and store.integrity_check() == ["ok"]
    store.close()
    assert NoteStore.open().warnings == []


def test_an_empty_file_is_a_valid_empty_database_not_damage(isolated_data_dir: Path, tmp_path: Path) -> None:
    isolated_data_dir.mkdir(parents=True)
    (isolated_data_dir / DB_NAME).write_bytes(b"")
    store = NoteStore.open()
    assert store.warnings == [] and not store.read_only
    assert list(isolated_data_dir.glob("*.corrupt-*")) == []
    store.add_annotation(article(tmp_path), 0, 5, "works")
    assert len(store.all_annotations()) == 1
    store.close()


def _assert_read_only(store: NoteStore, story: Article) -> None:
    assert store.read_only
    assert any("cannot be saved" in w for w in store.warnings)
    with pytest.raises(StoreReadOnly, match="cannot be saved"):
        store.add_annotation(story, 0, 5, "nope")
    with pytest.raises(StoreReadOnly):
        store.toggle_bookmark(story, 0, 5)
    some = store.all_annotations()
    if some:
        with pytest.raises(StoreReadOnly):
            store.update_annotation(some[0].id, "x", [])
        with pytest.raises(StoreReadOnly):
            store.delete_annotation(some[0].id)


@pytest.mark.parametrize("how", ["parameter", "environment"])
def test_a_read_only_store_shows_notes_and_refuses_writes(isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    story = article(tmp_path)
    writer = NoteStore.open()
    i = TEXT.index(QUOTE)
    note = writer.add_annotation(story, i, i + len(QUOTE), "kept")
    writer.toggle_bookmark(story, 0, 30)
    writer.close()
    before = (isolated_data_dir / DB_NAME).read_bytes()
    if how == "environment":
        monkeypatch.setenv(READ_ONLY_ENV, "1")
    store = NoteStore.open(read_only=how == "parameter")
    _assert_read_only(store, story)
    assert store.annotations(story) == [note]
    # An edited file is re-anchored for display only; nothing is written.
    edited = Article(path=story.path, text="Update.\n" + TEXT)
    [shown] = store.annotations(edited)
    assert (shown.status, shown.start) == ("moved", i + 8)
    assert [(b.start, b.status) for b in store.bookmarks(edited)] == [(8, "moved")]
    store.close()
    assert (isolated_data_dir / DB_NAME).read_bytes() == before


def test_read_only_without_any_database_opens_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(READ_ONLY_ENV, "yes")
    store = NoteStore.open(tmp_path / "nothing-here")
    _assert_read_only(store, article(tmp_path))
    assert store.all_annotations() == [] and store.annotations(article(tmp_path)) == []
    assert not (tmp_path / "nothing-here").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the environment/parameter tests cover root")
def test_a_directory_without_write_permission_opens_read_only(isolated_data_dir: Path, tmp_path: Path) -> None:
    story = article(tmp_path)
    NoteStore.open().add_annotation(story, 0, 5, "saved before")
    isolated_data_dir.chmod(0o555)
    try:
        store = NoteStore.open()
        _assert_read_only(store, story)
        assert [a.note for a in store.annotations(story)] == ["saved before"]
        store.close()
    finally:
        isolated_data_dir.chmod(0o755)


def test_a_database_from_a_newer_storydiff_is_read_but_not_written(isolated_data_dir: Path, tmp_path: Path) -> None:
    story = article(tmp_path)
    NoteStore.open().add_annotation(story, 0, 5, "from the future")
    conn = sqlite3.connect(isolated_data_dir / DB_NAME)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.commit()
    conn.close()
    store = NoteStore.open()
    assert store.read_only and "newer storydiff" in store.warnings[0]
    with pytest.raises(StoreReadOnly):
        store.add_annotation(story, 0, 5, "x")
