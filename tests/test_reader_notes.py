"""Bookmarks and annotations in the reader, driven by keys on the real seeds and checked in the store.

Every test runs the real app on a real SQLite store in the per-test data folder (see conftest's
autouse `isolated_dirs`); what a key did is checked both on screen (marks, the notes header,
notifications, the lists) and in the store itself, including after the app has been closed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from tui.core.loading import load_article
from tui.core.model import Article
from tui.core.story import counterpart
from tui.screens.annotate import AnnotationEditor
from tui.screens.notes_list import NotesListScreen
from tui.screens.reader import ReaderScreen
from tui.store import NoteStore
from tui.store import paths as store_paths
from tui.widgets.article_view import ArticleView

Settle = Callable[[Pilot], Awaitable[None]]

SIZE = (120, 40)

# Words the way a reader counts them: letters/digits, keeping inner apostrophes and hyphens.
WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")


# -- helpers -------------------------------------------------------------------------------------


def reader(app: App) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen), f"expected the reader screen, got {type(screen).__name__}"
    return screen


def reading_view(app: App) -> ArticleView:
    return app.screen.query_one("#reading-view", ArticleView)


def static_text(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def link_notes(app: App) -> str:
    widget = app.screen.query_one("#link-notes", Static)
    return static_text(widget) if widget.display else ""


def visible_lines(view: ArticleView) -> list[str]:
    return ["".join(segment.text for segment in view.render_line(y)) for y in range(view.scrollable_content_region.height)]


def current_row_text(app: App) -> str:
    view = reading_view(app)
    row = view.sentence_row(reader(app).current)
    assert row is not None and 0 <= row < view.scrollable_content_region.height, "the current sentence should be on screen"
    return visible_lines(view)[row]


class Notified:
    """Every notification the app posts, kept even after its toast would have timed out.

    Passed to `run_test(message_hook=...)`, so a slow machine cannot make a short-lived
    notification ("Bookmarked.", timeout 1.5 s) vanish before the test looks at it.
    """

    def __init__(self) -> None:
        self.notes: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notes.append(message.notification)

    def texts(self, severity: str | None = None) -> list[str]:
        return [f"{n.title}: {n.message}" for n in self.notes if severity is None or n.severity == severity]

    def clear(self) -> None:
        self.notes.clear()


def option_texts(app: App) -> list[str]:
    options = app.screen.query_one("#notes-list", OptionList)
    out = []
    for i in range(options.option_count):
        prompt = options.get_option_at_index(i).prompt
        out.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
    return out


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)


async def go_to(pilot: Pilot, index: int) -> None:
    """Move to sentence `index` of the version read with the keys a user would press."""
    screen = reader(pilot.app)
    if index == 0:
        await pilot.press("g")
    elif index != screen.current:
        step = "j" if index > screen.current else "k"
        await pilot.press(*([step] * abs(index - screen.current)))
    assert screen.current == index


async def write_note(pilot: Pilot, note: str, tags: str = "") -> None:
    """In the open annotation editor: type the note, tab to the tags, type them, ctrl+s."""
    assert isinstance(pilot.app.screen, AnnotationEditor), f"expected the editor, got {type(pilot.app.screen).__name__}"
    await type_text(pilot, note)
    if tags:
        await pilot.press("tab")
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#annotate-tags", Input)
        await type_text(pilot, tags)
    await pilot.press("ctrl+s")
    await pilot.pause()


def read_store() -> NoteStore:
    """The store on disk as a second process would see it (the per-test STORYDIFF_DATA_DIR)."""
    return NoteStore.open()


# -- 1. bookmarks persist across a restart ------------------------------------------------------


async def test_bookmark_persists_across_restart_and_toggles_off(make_app, settle: Settle, data_dir: Path) -> None:
    target = 4
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        await go_to(pilot, target)
        assert reading_view(app).marks.flagged == frozenset()
        assert "⚑" not in current_row_text(app)
        await pilot.press("m")
        await settle(pilot)
        assert reading_view(app).marks.flagged == frozenset({target})
        assert "⚑" in current_row_text(app)
        assert any("Bookmarked" in t for t in notified.texts())
        sentence = app.story.articles[0].sentences[target]
    assert (data_dir / store_paths.DB_NAME).exists()

    # A new app on the same data folder: the flag is on the same sentence.
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        assert reader(app).current == 0
        assert reading_view(app).marks.flagged == frozenset({target})
        stored = app.store.bookmarks(app.story.articles[0])
        assert [(b.start, b.end, b.exact) for b in stored] == [(sentence.start, sentence.end, sentence.text)]
        await go_to(pilot, target)
        assert "⚑" in current_row_text(app)
        await pilot.press("m")
        await settle(pilot)
        assert reading_view(app).marks.flagged == frozenset()
        assert "⚑" not in current_row_text(app)
        assert any("Bookmark removed" in t for t in notified.texts())

    with read_store() as store:
        assert store.bookmarks() == []


# -- 2. b/B cycling and the bookmarks list --------------------------------------------------------


async def test_next_and_previous_bookmark_cycle_with_wraparound(make_app, settle: Settle) -> None:
    marked = [2, 6, 11]
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("b")
        assert screen.current == 0
        assert any("No bookmarks" in t for t in notified.texts())
        for index in marked:
            await go_to(pilot, index)
            await pilot.press("m")
        await settle(pilot)
        assert reading_view(app).marks.flagged == frozenset(marked)

        await go_to(pilot, 0)
        seen = []
        for _ in range(4):
            await pilot.press("b")
            seen.append(screen.current)
        assert seen == [2, 6, 11, 2]
        assert any("Wrapped around" in t for t in notified.texts())
        notified.clear()

        seen = []
        for _ in range(4):
            await pilot.press("B")
            seen.append(screen.current)
        assert seen == [11, 6, 2, 11]
        assert any("Wrapped around" in t for t in notified.texts())
        # Between two bookmarks, b goes forward and B back from where the reader is.
        await go_to(pilot, 8)
        await pilot.press("b")
        assert screen.current == 11
        await go_to(pilot, 8)
        await pilot.press("B")
        assert screen.current == 6


async def test_bookmarks_list_spans_versions_and_enter_jumps(make_app, settle: Settle) -> None:
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        screen = reader(app)
        articles = app.story.articles
        await go_to(pilot, 5)
        await pilot.press("m")
        # Read version 001 at the counterpart, then bookmark a sentence a little further on.
        await pilot.press("s")
        await settle(pilot)
        assert screen.reading == 1
        other = screen.current + 3
        assert other < len(articles[1].sentences)
        await pilot.press(*(["j"] * 3))
        assert screen.current == other
        await pilot.press("m")
        await settle(pilot)
        assert reading_view(app).marks.flagged == frozenset({other})
        # Back to version 000, at its first sentence.
        await pilot.press("s")
        await settle(pilot)
        await go_to(pilot, 0)
        assert screen.reading == 0

        await pilot.press("apostrophe")
        await pilot.pause()
        assert isinstance(app.screen, NotesListScreen)
        rows = option_texts(app)
        assert len(rows) == 2, rows
        assert app.story.names[0] in rows[0] and articles[0].sentences[5].text[:40] in rows[0]
        assert app.story.names[1] in rows[1] and articles[1].sentences[other].text[:40] in rows[1]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert (screen.reading, screen.current) == (1, other)
        assert reading_view(app).article is articles[1]
        assert reading_view(app).marks.current == frozenset({other})


# -- 3. annotate a sentence: add, edit, delete ----------------------------------------------------


async def test_annotate_sentence_then_edit_then_delete(make_app, settle: Settle) -> None:
    target = 6
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        await go_to(pilot, target)
        sentence = app.story.articles[0].sentences[target]
        assert "note here" not in link_notes(app)

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationEditor)
        assert not app.screen.query("#delete"), "a new note has nothing to delete"
        await write_note(pilot, "Who are they?", "name-misspelled quote")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)

        stored = app.store.all_annotations()
        assert len(stored) == 1
        note = stored[0]
        assert note.exact == sentence.text
        assert (note.start, note.end) == (sentence.start, sentence.end)
        assert note.note == "Who are they?"
        assert note.tags == ("name-misspelled", "quote")
        assert reading_view(app).marks.underlined == [(sentence.start, sentence.end)]
        shown = link_notes(app)
        assert "✎ note here: Who are they?" in shown
        assert "#name-misspelled #quote" in shown

        # a again on the same sentence edits the same annotation.
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AnnotationEditor) and editor.existing
        assert editor.query_one("#annotate-note", TextArea).text == "Who are they?"
        assert editor.query_one("#annotate-tags", Input).value == "name-misspelled quote"
        await pilot.press("f7")  # select all of the note, then type over it
        await write_note(pilot, "Confirmed")
        await settle(pilot)
        stored = app.store.all_annotations()
        assert len(stored) == 1
        assert stored[0].id == note.id
        assert stored[0].note == "Confirmed"
        assert stored[0].tags == ("name-misspelled", "quote")
        assert "✎ note here: Confirmed" in link_notes(app)
        assert "Who are" not in link_notes(app)

        # a again, Delete: the annotation is gone, from the store and the screen.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationEditor) and app.screen.existing
        await pilot.click("#delete")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.store.all_annotations() == []
        assert reading_view(app).marks.underlined == []
        assert "note here" not in link_notes(app)

    with read_store() as store:
        assert store.all_annotations() == []


# -- 4. word-span selection ------------------------------------------------------------------------


async def test_word_span_annotation_and_cancelled_selection(make_app, settle: Settle) -> None:
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        screen = reader(app)
        article = app.story.articles[0]

        # Sentence 3 starts "WASHINGTON (AP) — The ...": three words with punctuation between.
        await go_to(pilot, 3)
        sentence = article.sentences[3]
        words = list(WORD_RE.finditer(sentence.text))
        expected = sentence.text[words[0].start() : words[2].end()]
        assert expected != sentence.text
        await pilot.press("x", "right", "right")
        span = (sentence.start + words[0].start(), sentence.start + words[2].end())
        assert reading_view(app).marks.selected == span
        assert f"selecting: “{expected}”" in link_notes(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationEditor)
        assert expected in static_text(app.screen.query_one("#annotate-quote", Static))
        await write_note(pilot, "Dateline")
        await settle(pilot)
        stored = app.store.all_annotations()
        assert [a.exact for a in stored] == [expected]
        assert (stored[0].start, stored[0].end) == span
        assert screen.selection is None
        assert reading_view(app).marks.underlined == [span]

        # shift+right moves the start: words 2..4 of sentence 8 ("Commissioner Douglas O’Donnell").
        await go_to(pilot, 8)
        sentence = article.sentences[8]
        words = list(WORD_RE.finditer(sentence.text))
        await pilot.press("x", "right", "right", "right", "shift+right")
        await pilot.press("a")
        await pilot.pause()
        await write_note(pilot, "Title")
        await settle(pilot)
        expected_moved = sentence.text[words[1].start() : words[3].end()]
        assert sorted(a.exact for a in app.store.all_annotations()) == sorted([expected, expected_moved])

        # escape during a selection cancels it; nothing is saved.
        await go_to(pilot, 5)
        await pilot.press("x", "right")
        assert screen.selection == (0, 1)
        assert "selecting:" in link_notes(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selection is None
        assert isinstance(app.screen, ReaderScreen)
        assert "selecting:" not in link_notes(app)
        sentence = article.sentences[5]
        assert all(not (sentence.start <= s < sentence.end) for s, _ in reading_view(app).marks.underlined)
        assert len(app.store.all_annotations()) == 2

    with read_store() as store:
        assert sorted(a.exact for a in store.all_annotations()) == sorted([expected, expected_moved])


# A word selection belongs to the sentence it was made in: any jump away must end it.


@pytest.mark.parametrize(
    "key, expected_current",
    [
        pytest.param(
            "b",
            9,
        ),
        pytest.param(
            "g",
            0,
        ),
    ],
)
async def test_selection_does_not_follow_a_jump_to_another_sentence(make_app, settle: Settle, key: str, expected_current: int) -> None:
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        screen = reader(app)
        # Sentence 9 of 000 is "Krause replaced him.": three words. Bookmark it, select five
        # words of sentence 8, then leave sentence 8 by a jump instead of j/k.
        assert len(WORD_RE.findall(app.story.articles[0].sentences[9].text)) == 3
        await go_to(pilot, 9)
        await pilot.press("m")
        await go_to(pilot, 8)
        await pilot.press("x", "right", "right", "right", "right")
        assert screen.selection == (0, 4)
        await pilot.press(key)
        await pilot.pause()
        assert screen.current == expected_current
        assert screen.selection is None
        assert "selecting:" not in link_notes(app)
        assert reading_view(app).marks.underlined == []


# -- 5. the annotations list: #tag filter and jump ----------------------------------------------------


async def test_annotations_list_filters_by_tag_and_jumps(make_app, settle: Settle) -> None:
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        screen = reader(app)
        articles = app.story.articles
        await go_to(pilot, 5)
        await pilot.press("a")
        await write_note(pilot, "Backdrop", "context")
        await pilot.press("s")
        await settle(pilot)
        assert screen.reading == 1
        await pilot.press(*(["j"] * 2))
        quoted = screen.current
        await pilot.press("a")
        await write_note(pilot, "Misquoted", "quote name")
        await settle(pilot)
        assert len(app.store.all_annotations()) == 2
        await pilot.press("s")
        await settle(pilot)
        await go_to(pilot, 0)
        assert screen.reading == 0

        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NotesListScreen)
        assert len(option_texts(app)) == 2
        await type_text(pilot, "#quote")
        await pilot.pause()
        assert app.screen.query_one("#notes-filter", Input).value == "#quote"
        rows = option_texts(app)
        assert len(rows) == 1, rows
        assert app.story.names[1] in rows[0] and "Misquoted" in rows[0]
        assert "Backdrop" not in rows[0]
        # Another tag shows only the other one; an unknown tag shows nothing to choose.
        await pilot.press("ctrl+u")
        await type_text(pilot, "#context")
        await pilot.pause()
        rows = option_texts(app)
        assert len(rows) == 1 and "Backdrop" in rows[0]
        await pilot.press("ctrl+u")
        await type_text(pilot, "#nil")
        await pilot.pause()
        assert app.screen.shown == []
        await pilot.press("ctrl+u")
        assert len(option_texts(app)) == 2
        await type_text(pilot, "#quote")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert (screen.reading, screen.current) == (1, quoted)
        assert reading_view(app).article is articles[1]
        assert "✎ note here: Misquoted" in link_notes(app)


# -- 6. notes on the counterpart in another version -------------------------------------------------


async def test_note_on_counterpart_shows_in_other_version(make_app, settle: Settle) -> None:
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        screen = reader(app)
        forward = app.story.alignment(0, 1)
        back = app.story.alignment(1, 0)
        # A sentence of 000 whose counterpart in 001 points back at it.
        source = next(
            i
            for i in range(1, len(app.story.articles[0].sentences))
            if counterpart(forward, i).link is not None and i in counterpart(back, counterpart(forward, i).indexes[0]).indexes
        )
        target = counterpart(forward, source).indexes[0]
        await go_to(pilot, source)
        await pilot.press("a")
        await write_note(pilot, "Reworded?", "wording")
        await settle(pilot)
        assert "✎ note here: Reworded?" in link_notes(app)
        assert "annotated in" not in link_notes(app)

        await pilot.press("s")
        await settle(pilot)
        assert (screen.reading, screen.current) == (1, target)
        shown = link_notes(app)
        assert f"annotated in {app.story.names[0]}" in shown
        assert "Reworded?" in shown
        assert "note here" not in shown  # the note is not on 001's own text
        assert reading_view(app).marks.underlined == []
        # A sentence of 001 with no note on it or its counterpart shows no note.
        away = next(
            j
            for j in range(len(app.story.articles[1].sentences))
            if source not in counterpart(back, j).indexes
        )
        await go_to(pilot, away)
        assert "Reworded?" not in link_notes(app)


# -- 7. orphans after an edit are listed for review ----------------------------------------------------


async def test_orphaned_note_is_notified_and_listed_for_review(make_app, settle: Settle, seed_paths, tmp_path: Path) -> None:
    story_file = tmp_path / "story.txt"
    shutil.copyfile(seed_paths[0], story_file)
    original = load_article(story_file)
    sentence = original.sentences[4]
    with NoteStore.open() as store:
        store.add_annotation(original, sentence.start, sentence.end, "Was she acting head since February?", ["date"])
        kept = original.sentences[9]
        store.add_annotation(original, kept.start, kept.end, "Short sentence, kept", [])

    replacement = "Zebras quietly reorganised the municipal aquarium seating chart overnight, officials in Lisbon confirmed."
    story_file.write_text(original.text.replace(sentence.text, replacement), encoding="utf-8")
    edited = load_article(story_file)
    assert edited.path == original.path and edited.text != original.text
    other = load_article(seed_paths[1])

    app = make_app([edited, other])
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        texts = notified.texts()
        assert any("1 note(s) are not where they were made" in t and "press R" in t for t in texts), texts
        # The placed note is drawn; the orphan is not drawn anywhere in the edited text.
        kept_now = next(s for s in edited.sentences if s.text == kept.text)
        assert reading_view(app).marks.underlined == [(kept_now.start, kept_now.end)]

        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, NotesListScreen)
        rows = option_texts(app)
        assert len(rows) == 1, rows
        assert "story.txt" in rows[0]
        assert sentence.text[:50] in rows[0]
        assert "Was she acting head since February?" in rows[0]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)

    with read_store() as store:
        orphans = store.orphans()
        assert [(o.exact, o.note) for o in orphans] == [(sentence.text, "Was she acting head since February?")]
        assert len(store.all_annotations()) == 2


# -- 8. read-only store ------------------------------------------------------------------------------


async def test_read_only_store_refuses_writes_and_says_so(
    make_app, settle: Settle, seed_articles: list[Article], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = seed_articles[0].sentences[3]
    with NoteStore.open() as store:
        store.add_annotation(seed_articles[0], existing.start, existing.end, "Existing note", ["old"])
        before = store.all_annotations()
    db = data_dir / store_paths.DB_NAME
    db_bytes = db.read_bytes()

    monkeypatch.setenv(store_paths.READ_ONLY_ENV, "1")
    assert store_paths.read_only_requested()
    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        assert app.store.read_only
        assert any("Notes cannot be saved" in t for t in notified.texts())
        # Existing notes are still shown.
        assert reading_view(app).marks.underlined == [(existing.start, existing.end)]
        notified.clear()

        await go_to(pilot, 1)
        await pilot.press("m")
        await pilot.pause()
        assert any("Notes cannot be saved" in t for t in notified.texts()), notified.texts()
        assert reading_view(app).marks.flagged == frozenset()
        notified.clear()

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen), "no editor should open when nothing can be saved"
        assert any("Notes cannot be saved" in t for t in notified.texts())
        notified.clear()

        # Editing the existing note: the editor opens (to read it), saving is refused, and the
        # editor stays open with the text as typed and the reason, until the user cancels.
        await go_to(pilot, 3)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AnnotationEditor)
        await write_note(pilot, "!")
        await settle(pilot)
        assert isinstance(app.screen, AnnotationEditor)
        assert app.screen.query_one("#annotate-note", TextArea).text == "!Existing note"  # as typed
        assert any("Notes cannot be saved" in t for t in notified.texts())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert "✎ note here: Existing note" in link_notes(app)
        assert "!" not in link_notes(app)

    assert db.read_bytes() == db_bytes
    monkeypatch.delenv(store_paths.READ_ONLY_ENV)
    with NoteStore.open() as store:
        assert store.all_annotations() == before
        assert store.bookmarks() == []


# -- 9. a damaged database -----------------------------------------------------------------------------


async def test_damaged_database_is_moved_aside_and_app_starts(make_app, settle: Settle, data_dir: Path) -> None:
    db = data_dir / store_paths.DB_NAME
    garbage = b"this is not a database\x00" + bytes(range(256)) * 16
    db.write_bytes(garbage)

    app = make_app()
    notified = Notified()
    async with app.run_test(size=SIZE, message_hook=notified) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        warnings = notified.texts("warning")
        assert any("damaged" in w and str(db) in w for w in warnings), warnings
        backups = sorted(data_dir.glob(store_paths.DB_NAME + ".corrupt-*"))
        assert len(backups) == 1
        assert backups[0].read_bytes() == garbage
        assert backups[0].name in " ".join(warnings)
        # The fresh store works.
        await go_to(pilot, 2)
        await pilot.press("m")
        await settle(pilot)
        assert reading_view(app).marks.flagged == frozenset({2})

    with read_store() as store:
        assert store.integrity_check() == ["ok"]
        assert len(store.bookmarks()) == 1
