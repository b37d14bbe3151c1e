"""What the reader looks like, as SVG snapshots (pytest-textual-snapshot) of the seeds.

Update the baselines after an intended change to the look with

    pytest tests/test_snapshots.py --snapshot-update

and check the new SVGs in tests/__snapshots__/ before committing them. Every key is pressed in
`run_before` and followed by a wait for the alignment workers, because a worker that finishes
between the key and the screenshot would make the picture depend on timing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from conftest import wait_for_search
from tui.config import Config
from tui.core.loading import load_article
from tui.screens.reader import ReaderScreen
from tui.store import NoteStore

RunBefore = Callable[[Pilot], Awaitable[None]]


async def _settled(pilot: Pilot) -> None:
    """Wait until every alignment of the version read is done and drawn."""
    app = pilot.app
    await pilot.pause()
    await wait_for_search(pilot)
    for _ in range(1000):
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = next((s for s in reversed(app.screen_stack) if isinstance(s, ReaderScreen)), None)
        if main is not None:
            story = main.story
            if all(story.cached(main.reading, k) is not None for k in story.pairs_for(main.reading)):
                if not any(bar.display for bar in main.query("#align-progress")):
                    break
    else:
        raise AssertionError("alignment workers never finished")
    await pilot.pause()


def keys_then_settle(*keys: str) -> RunBefore:
    """A run_before that waits for the first alignments, presses `keys`, and waits again."""

    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        if keys:
            await pilot.press(*keys)
            await _settled(pilot)

    return run_before


def test_main_screen_wide(snap_compare, make_app) -> None:
    # A few sentences down, so the current sentence, its counterpart and word marks all show.
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("j", "j", "j"))


def test_main_screen_wide_after_switching_sides(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("j", "j", "j", "s"))


def test_main_screen_narrow(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("j", "j", "j"))


def test_main_screen_narrow_with_the_article_list(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("l"))


def test_article_list_filtered_and_ordered(snap_compare, make_app) -> None:
    """The list focused, ordered by the share of the version read (bands as headings), filtered by
    typing "irs"; its subtitle says so."""
    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        pilot.app.screen.query_one("#article-list").focus()
        await pilot.press("ctrl+o", *"irs")
        await _settled(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_article_list_by_changes_narrow(snap_compare, make_app) -> None:
    """80x24, the list shown with `l` and ordered by changes (high-severity first, in bands):
    each entry's share, omissions, additions and changes by type fit the narrow list."""
    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("l")
        pilot.app.screen.query_one("#article-list").focus()
        await pilot.press("ctrl+o", "ctrl+o")
        await _settled(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_article_list_by_omissions_wide(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await _settled(pilot)
        pilot.app.screen.query_one("#article-list").focus()
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o")
        await _settled(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_all_versions(snap_compare, make_app) -> None:
    # "o" lands on a sentence the second version dropped, so the view shows a "dropped" entry.
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("o", "v"))


def test_help_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("question_mark"))


def test_main_screen_light_theme(snap_compare, make_app) -> None:
    # Every line in the theme's colours (no bars in the terminal's own), marks readable.
    app = make_app(config=Config(theme="textual-light"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys_then_settle("n", "m", "x", "right"))


def test_annotation_editor(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=keys_then_settle("j", "a", *"Who said so?", "tab", *"sourcing"))


def test_annotation_editor_short_terminal(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("j", "j", "j", "a"))


def test_annotations_list(snap_compare, make_app, seed_articles) -> None:
    with NoteStore.open() as store:
        for k, index, note, tags in ((0, 2, "Date differs between versions", ["date"]), (1, 4, "Quote trimmed", ["quote"])):
            sentence = seed_articles[k].sentences[index]
            store.add_annotation(seed_articles[k], sentence.start, sentence.end, note, tags)
        store.toggle_bookmark(seed_articles[0], seed_articles[0].sentences[5].start, seed_articles[0].sentences[5].end)
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=keys_then_settle("A"))


def test_bookmarks_list_light_theme(snap_compare, make_app, seed_articles) -> None:
    with NoteStore.open() as store:
        for index in (1, 5):
            sentence = seed_articles[0].sentences[index]
            store.toggle_bookmark(seed_articles[0], sentence.start, sentence.end)
    app = make_app(config=Config(theme="textual-light"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=keys_then_settle("apostrophe"))


def test_review_list(snap_compare, make_app, seed_articles, tmp_path) -> None:
    # A note whose passage was edited away: it waits for review.
    story = tmp_path / "story.txt"
    original = seed_articles[0]
    story.write_text(original.text, encoding="utf-8")
    article = load_article(story)
    lost = article.sentences[4]
    with NoteStore.open() as store:
        store.add_annotation(article, lost.start, lost.end, "Was she acting head since February?", ["date"])
    story.write_text(article.text.replace(lost.text, "An unrelated sentence about the weather in Lisbon today."), encoding="utf-8")
    app = make_app([load_article(story), seed_articles[1]])
    assert snap_compare(app, terminal_size=(100, 30), run_before=keys_then_settle("R"))


def test_change_list_wide(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("w"))


def test_change_list_light_theme(snap_compare, make_app) -> None:
    # The screens a key opens cover the reader with the theme's background, opaque: light too.
    app = make_app(config=Config(theme="textual-light"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys_then_settle("w"))


def test_change_list_narrow_filtered(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("w", *"quote", "down"))


def test_change_list_all_versions_wide(snap_compare, make_app) -> None:
    """Tab: the changes of every other version, each row naming its version."""
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("w", "tab"))


def test_change_list_all_versions_narrow(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("w", "tab", "down"))


def test_every_change_wide(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("e"))


def test_every_change_narrow(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("e", "j", "j", "j", "j"))


def test_search_results_wide(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("slash", *"Krause"))


def test_search_results_narrow(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("slash", *"Bessent"))


def test_search_match_highlighted(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("slash", *"Krause", "enter", "greater_than_sign"))


def test_version_summary_wide(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("S"))


def test_version_summary_narrow(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("S", "s"))


def test_collation_wide(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys_then_settle("c", "t"))


def test_collation_narrow(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys_then_settle("c", "t"))
