"""The reader's side of untrusted input and store faults: a note whose save fails stays in the
editor with its text and the reason; `m` in a window that has not seen another window's bookmark
keeps it; opening many versions registers them in one transaction; titles and notifications are
drawn as text."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.content import Content
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from tui.app import StorydiffApp
from tui.core.model import Article
from tui.screens.annotate import AnnotationEditor
from tui.screens.reader import ReaderScreen
from tui.store import NoteStore
from tui.store.paths import DB_NAME

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


class Notified:
    """Every notification posted, kept after its toast would have timed out."""

    def __init__(self) -> None:
        self.notes: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notes.append(message.notification)


async def test_a_note_whose_save_fails_stays_in_the_editor_with_its_text_and_the_reason(
    make_app, settle: Settle, data_dir: Path, seed_articles: list[Article]
) -> None:
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        # Another program breaks the store under the reader, so the next save fails for real.
        other = sqlite3.connect(data_dir / DB_NAME)
        other.execute("ALTER TABLE annotations RENAME TO annotations_elsewhere")
        other.commit()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationEditor)
        await pilot.press(*"A careful note")
        await pilot.press("ctrl+s")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, AnnotationEditor), "the editor must stay open when the save failed"
        assert editor.query_one("#annotate-note", TextArea).text == "A careful note"
        error = editor.query_one("#annotate-error", Static)
        assert "annotations" in str(error.render()) and "Not saved" in str(error.render())
        assert any(n.severity == "error" and not n.markup for n in notified.notes)
        # Once the store works again, the same save goes through and the editor closes.
        other.execute("ALTER TABLE annotations_elsewhere RENAME TO annotations")
        other.commit()
        other.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
    with NoteStore.open() as store:
        assert [a.note for a in store.all_annotations()] == ["A careful note"]


async def test_m_in_a_window_that_has_not_seen_another_windows_bookmark_keeps_it(
    make_app, settle: Settle, seed_articles: list[Article]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = seed_articles[0].sentences[0]
        with NoteStore.open() as other_window:
            assert other_window.toggle_bookmark(seed_articles[0], first.start, first.end)
        await pilot.press("m")  # this window shows the sentence unmarked: the user means "mark it"
        await settle(pilot)
    with NoteStore.open() as store:
        assert len(store.bookmarks(seed_articles[0])) == 1


async def test_opening_many_versions_registers_them_once_off_the_interface_connection(
    settle: Settle, tmp_path: Path, data_dir: Path
) -> None:
    articles = [Article(path=str(tmp_path / f"v{k:03}.txt"), text=f"Version {k} of the story. It has two sentences.")
                for k in range(120)]
    store = NoteStore.open()
    statements: list[str] = []
    store._connection().set_trace_callback(statements.append)
    app = StorydiffApp(articles, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # A worker registered them on its own connection; the interface's wrote nothing.
        assert statements.count("BEGIN IMMEDIATE") == 0
        with NoteStore.open() as other:
            assert len(other._connection().execute("SELECT id FROM versions").fetchall()) == 120
        statements.clear()
        await pilot.press("m")
        await settle(pilot)
        assert statements.count("BEGIN IMMEDIATE") == 1  # the bookmark; nothing registered again
        assert app.screen.notes.bookmarked(0) == frozenset({0})


async def test_border_titles_are_content_not_markup(make_app, settle: Settle, tmp_path: Path) -> None:
    names = ['[link="x]ok', "[@click=app.quit]CLICK ME", "[bold red]boom"]
    articles = [Article(path=str(tmp_path / f"{name}.txt"), text="One sentence here. Another one there.") for name in names]
    app = StorydiffApp(articles)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        titles = [w._border_title.plain for w in app.screen.query("*") if isinstance(getattr(w, "_border_title", None), Content)]
        assert any('[link="x]ok.txt' in t for t in titles), titles
        assert any("[@click=app.quit]CLICK ME.txt" in t for t in titles), titles
        assert app.is_running


async def test_notes_that_cannot_be_read_give_the_reader_one_message_and_read_only_notes(
    make_app, settle: Settle, data_dir: Path
) -> None:
    (data_dir / DB_NAME).mkdir()  # a folder where the notes database should be
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen) and app.store.read_only
        about_notes = [n.message for n in notified.notes if n.title == "Notes"]
        assert len(about_notes) == 1 and "cannot be read" in about_notes[0], about_notes
        assert "shown read-only" not in about_notes[0]  # nothing contradicts it: no notes are shown
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
    assert (data_dir / DB_NAME).is_dir()  # left untouched
