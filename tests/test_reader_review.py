"""Notes that are not where they were made: orphans of an edit, notes of a file both moved and
edited. They are listed for review, marked as such everywhere, re-attached or deleted; never
lost silently."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.test_reader_notes import Notified, go_to, option_texts, reading_view
from tui.core.loading import load_article
from tui.screens.notes_list import NotesListScreen
from tui.screens.reader import ReaderScreen
from tui.store import NoteStore

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)
NONSENSE = "Zebras quietly reorganised the municipal aquarium seating chart overnight, officials in Lisbon confirmed."


async def test_orphans_are_marked_in_every_list_and_can_be_attached_or_deleted(make_app, settle: Settle, seed_paths, tmp_path: Path) -> None:
    story_file = tmp_path / "story.txt"
    shutil.copyfile(seed_paths[0], story_file)
    original = load_article(story_file)
    lost = original.sentences[4]
    with NoteStore.open() as store:
        store.toggle_bookmark(original, lost.start, lost.end)
        store.add_annotation(original, lost.start, lost.end, "Check the date", ["date"])
    story_file.write_text(original.text.replace(lost.text, NONSENSE), encoding="utf-8")
    edited = load_article(story_file)

    app = make_app([edited, load_article(seed_paths[1])])
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        assert any("2 note(s) are not where they were made" in t for t in notified.texts())

        # The bookmark list marks the orphan, and enter says why it cannot go there.
        await pilot.press("apostrophe")
        await pilot.pause()
        rows = option_texts(app)
        assert len(rows) == 1 and rows[0].startswith("? ") and "passage not found" in rows[0], rows
        notified.clear()
        await pilot.press("enter")
        await pilot.pause()
        assert any("passage not found after an edit" in t for t in notified.texts()), notified.texts()
        assert not any("not open" in t for t in notified.texts())

        # The review list holds both; enter attaches the note to the sentence being read.
        await go_to(pilot, 2)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, NotesListScreen)
        rows = option_texts(app)
        assert len(rows) == 2, rows
        assert any("Check the date" in r for r in rows) and any("bookmark" in r for r in rows)
        await pilot.press(*"date")
        await pilot.pause()
        assert len(option_texts(app)) == 1
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        target = edited.sentences[2]
        assert (target.start, target.end) in reading_view(app).marks.underlined

        # The bookmark is deleted from the review list with ctrl+d; then every note is in place.
        await pilot.press("R")
        await pilot.pause()
        assert len(option_texts(app)) == 1
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert option_texts(app) == ["Every note is in place."]

    with NoteStore.open() as store:
        assert store.orphans() == [] and store.orphaned_bookmarks() == [] and store.bookmarks() == []
        (note,) = store.all_annotations()
        assert (note.exact, note.note) == (target.text, "Check the date")


async def test_a_file_moved_and_edited_keeps_its_notes_for_review(make_app, settle: Settle, seed_paths, tmp_path: Path) -> None:
    first = tmp_path / "drafts" / "story.txt"
    first.parent.mkdir()
    shutil.copyfile(seed_paths[0], first)
    original = load_article(first)
    kept = original.sentences[9]
    with NoteStore.open() as store:
        store.add_annotation(original, kept.start, kept.end, "Who confirmed this?", [])
    moved = tmp_path / "final" / "story-v2.txt"
    moved.parent.mkdir()
    moved.write_text(original.text.replace(original.sentences[4].text, NONSENSE), encoding="utf-8")
    first.unlink()
    article = load_article(moved)

    app = make_app([article, load_article(seed_paths[1])])
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        assert any("1 note(s) are not where they were made" in t and "press R" in t for t in notified.texts()), notified.texts()
        await pilot.press("R")
        await pilot.pause()
        (row,) = option_texts(app)
        now_at = next(s for s in article.sentences if s.text == kept.text)
        assert "Who confirmed this?" in row and "moved" in row
        assert f"found in {app.story.names[0]}, sentence {now_at.index + 1}" in row
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.current == now_at.index
        assert (now_at.start, now_at.end) in reading_view(app).marks.underlined
        await pilot.press("R")
        await pilot.pause()
        assert option_texts(app) == ["Every note is in place."]
