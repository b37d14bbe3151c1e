"""The collation table on screen (`t`), and the all-versions view (`v`) leaving boilerplate out:
keys pressed, and what the screen then shows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

from tui.core.model import Article
from tui.screens.collation import CollationScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.collation_grid import CollationGrid, _label

Settle = Callable[[Pilot], Awaitable[None]]


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def grid(app) -> CollationGrid:
    assert isinstance(app.screen, CollationScreen)
    return app.screen.query_one(CollationGrid)


def lines(view: CollationGrid) -> list[str]:
    """The grid's rows as drawn."""
    return ["".join(s.text for s in view.render_line(y)) for y in range(view.scrollable_content_region.height)]


def line_of(view: CollationGrid, name: str) -> str:
    return next(line for line in lines(view) if line.startswith(name[:8]))


async def test_t_collates_the_sentence_word_by_word(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        names = screen.story.names
        await pilot.press("c", "t")  # sentence 7: "Two people familiar with the situation confirmed Krause ..."
        await pilot.pause()
        view = grid(app)
        drawn = lines(view)
        assert drawn[0].startswith(f"▶ {names[0][:10]}") and "Two" in drawn[0] and "confirmed" in drawn[0]
        assert set(drawn[1]) == {"─"}
        base, other = drawn[0], line_of(view, names[2])
        # Word by word: 002's "familiar with the situation" and "confirmed" sit under the base's.
        for word in ("familiar", "situation", "confirmed"):
            assert other.index(word) == base.index(word)
        # 002 opens with "The two ,": "The" is added in a column of its own before "Two".
        assert other.index("The") < base.index("Two") == other.index("two")
        assert "paraphrase" in other and "0.78" in other
        assert "(not in this version)" in line_of(view, names[3]) and "none" in line_of(view, names[3])
        # 001's "A source acquainted" for "Two people familiar" is a typed (name) change: marked strongest.
        strip = view.render_line(drawn.index(line_of(view, names[1])))
        assert any(seg.text.startswith("A source acquainted") and seg.style.reverse for seg in strip)
        # Same readings carry no mark: 002's "familiar" is drawn plain.
        strip = view.render_line(drawn.index(other))
        assert any(seg.text == "familiar" and not seg.style.underline for seg in strip)
        # A click puts the cursor on a row (002's, the second, on screen row 3).
        await pilot.click(CollationGrid, offset=(3, 3))
        assert view.cursor == 1
        await pilot.click(CollationGrid, offset=(3, 2))
        assert view.cursor == 0
        # down moves to 002's row; enter compares with it.
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.comparing == 2


async def test_left_and_right_scroll_the_readings_under_fixed_labels(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "t")
        await pilot.pause()
        view = grid(app)
        before = lines(view)
        assert "publicly" not in before[0]  # the end of the sentence is off to the right
        await pilot.press("end")
        await pilot.pause()
        after = lines(view)
        assert "publicly" in after[0] and view.scroll_x == view.max_scroll_x > 0
        # The labels stay where they were.
        width = view.label_width
        assert [line[:width] for line in after[:6]] == [line[:width] for line in before[:6]]
        await pilot.press("home", "right")
        await pilot.pause()
        assert 0 < view.scroll_x < view.max_scroll_x
        await pilot.press("left")
        await pilot.pause()
        assert view.scroll_x == 0


async def test_p_switches_between_the_sentence_and_its_paragraph(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press(*["j"] * (4 - screen.current), "t")  # sentence 5 shares a paragraph with 6
        await pilot.pause()
        assert screen.current == 4
        title = app.screen.query_one("#collation-title", Static)
        assert str(title.content).startswith("Sentence 5 of")
        # 001 links sentence 5 as a partial that opens with words of its own: they come first, in
        # a column of their own where the base row is blank; the base's words follow.
        view = grid(app)
        assert line_of(view, screen.story.names[1])[view.label_width :].startswith("A source acquainted")
        assert not lines(view)[0][view.label_width :].strip()
        for _ in range(6):
            if "Melanie" in lines(grid(app))[0]:
                break
            await pilot.press("right")
            await pilot.pause()
        assert "Melanie" in lines(grid(app))[0]
        await pilot.press("p")
        await pilot.pause()
        assert str(title.content).startswith("Sentences 5–6 (the paragraph)")
        await pilot.press("end")
        await pilot.pause()
        # The paragraph's second sentence is in the base row now: its last words are at the end.
        second = screen.story.articles[0].sentences[5].text.rstrip(".").split()[-1]
        assert second in lines(grid(app))[0]
        await pilot.press("p")
        await pilot.pause()
        assert str(title.content).startswith("Sentence 5 of")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_the_collation_takes_fifty_versions_at_80x24(make_app, seed_articles, settle: Settle) -> None:
    versions = [Article(f"v{i:02}.txt", a.text, a.title) for i, a in enumerate(seed_articles[i % 5] for i in range(50))]
    app = make_app(versions)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "t")
        await pilot.pause()
        view = grid(app)
        assert len(view.collation.rows) == 49 and view.scrollable_content_region.height < 49
        await pilot.press(*["down"] * 48)
        await pilot.pause()
        drawn = lines(view)
        assert view.cursor == 48 and view.scroll_y > 0
        # The base stays on top; the last version is on screen.
        assert drawn[0].startswith("▶ ") and any(line.startswith(app.screen.names[49][:8]) for line in drawn)
        await pilot.press("enter")
        await settle(pilot)
        assert reader(app).comparing == 49


# -- the all-versions view and boilerplate ---------------------------------------------------------


def all_versions_text(app) -> Text:
    from tui.widgets.all_versions import AllVersionsPane

    return app.screen.query_one("#all-versions", AllVersionsPane).text


async def test_v_dims_a_boilerplate_sentence_and_compares_it_with_nothing(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press(*["j"] * (2 - screen.current), "v")  # sentence 3 of 000: the photo caption
        await pilot.pause()
        assert screen.current == 2 and 2 in screen.changes.boilerplate
        text = all_versions_text(app)
        caption = screen.story.articles[0].sentences[2].text
        assert text.plain.split("\n") == [f"▶ {screen.story.names[0]} (reading) · boilerplate, not compared", caption]
        start = text.plain.index(caption)
        assert any(span.start <= start and span.end >= len(text.plain) and "italic" in str(span.style) for span in text.spans)
        await pilot.press("j")  # the story again: every version's counterpart is shown
        await pilot.pause()
        assert all(name in all_versions_text(app).plain for name in screen.story.names)


async def test_v_never_shows_a_line_of_boilerplate_as_a_counterpart(make_app, seed_articles, settle: Settle) -> None:
    # 003 read: its sentence 4 ("The Internal Revenue Service (IRS) building on February 23, ...") is
    # linked to 000's photo caption, which is boilerplate in 000.
    order = [3, 0, 1, 2, 4]
    app = make_app([seed_articles[k] for k in order])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press(*["j"] * (3 - screen.current), "v")
        await pilot.pause()
        assert screen.current == 3 and 3 not in screen.changes.boilerplate
        caption = seed_articles[0].sentences[2].text
        plain = all_versions_text(app).plain
        assert caption not in plain
        header = next(line for line in plain.split("\n") if screen.story.names[1] in line)
        assert "dropped" in header


async def test_every_reading_and_label_reads_in_every_theme(make_app, settle: Settle) -> None:
    """Each drawn character of the table (marks, labels, the cursor's row) at 4.5:1 on its
    background, in every built-in theme."""
    from rich.color import ColorType
    from textual.color import Color

    from tui.widgets.contrast import contrast

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "t", "down")  # the cursor on 002's row: added, differing and same words
        await pilot.pause()
        view = grid(app)
        for theme in sorted(name for name in app.available_themes if name != "textual-ansi"):
            app.theme = theme
            await pilot.pause()
            checked = set()
            for y in range(view.scrollable_content_region.height):
                for segment in view.render_line(y):
                    if not segment.text.strip(" ─│") or segment.style.color.type is ColorType.DEFAULT:
                        continue
                    fg, bg = Color.from_rich_color(segment.style.color), Color.from_rich_color(segment.style.bgcolor)
                    ratio = contrast(fg, bg)
                    assert ratio >= 4.5 - 0.01, (theme, y, segment.text, round(ratio, 2))
                    checked.add(y)
            assert checked == {0, 2, 3, 4, 5}, theme


async def test_an_open_table_takes_in_an_alignment_that_lands(make_app, settle: Settle) -> None:
    """The reader's findings as the worker leaves them part-way (002 not aligned yet): 002's row
    says it is aligning; when its alignment lands, the row gets its reading, and the cursor cell
    and the view stay where the reader left them."""
    from tui.core.sentence_changes import FindingsCache
    from tui.screens.collation import LANDING_DELAY
    from tui.widgets.alignment_progress import AlignmentReady

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        story = screen.story
        await pilot.press("c")  # sentence 7: "Two people familiar with the situation confirmed Krause ..."
        await settle(pilot)
        screen.findings = FindingsCache()
        for k in (1, 3, 4):
            screen.findings.find(story.cached(0, k))
        await pilot.press("t")
        await pilot.pause()
        view = grid(app)
        names = story.names
        assert "aligning…" in line_of(view, names[2]) and "0.78" not in line_of(view, names[2])
        await pilot.press("down", "down", "right")  # the cursor on 003's row, the readings scrolled
        await pilot.pause()
        cursor_version, x = view.collation.rows[view.cursor].version, view.scroll_x
        assert cursor_version == 3 and x > 0
        screen.findings.find(story.cached(0, 2))
        screen.post_message(AlignmentReady(0, (2,), 4, 4))
        await asyncio.sleep(LANDING_DELAY + 0.1)
        await pilot.pause()
        assert app.screen is not screen and grid(app) is view
        row = next(r for r in view.collation.rows if r.version == 2)
        assert row.state == "linked" and "0.78" in line_of(view, names[2]) and "familiar" in line_of(view, names[2])
        assert view.collation.rows[view.cursor].version == cursor_version and view.scroll_x == x
        # A landing for another version read changes nothing.
        before = view.collation
        screen.post_message(AlignmentReady(1, (2,), 4, 4))
        await asyncio.sleep(LANDING_DELAY + 0.1)
        await pilot.pause()
        assert view.collation is before


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Reuters", 10, "Reuters   "),  # fits: padded, never cut
        ("Reuters", 7, "Reuters"),
        ("The Associated Press", 10, "The Assoc…"),  # cut with an ellipsis, exactly the width
        ("東京新聞の記事", 6, "東京… "),  # a wide character is never split in half
        ("", 3, "   "),
    ],
)
def test_a_label_is_cut_to_its_width_with_an_ellipsis(text: str, width: int, expected: str) -> None:
    assert _label(text, width) == expected


@given(st.text(min_size=0, max_size=60), st.integers(min_value=1, max_value=40))
def test_a_label_always_fills_its_width_exactly(text: str, width: int) -> None:
    text = "".join(ch for ch in text if cell_len(ch) in (1, 2))  # what a name holds once cleaned
    drawn = _label(text, width)
    assert cell_len(drawn) == width
    if cell_len(text) <= width:
        assert drawn.startswith(text)
    else:
        assert drawn.rstrip(" ").endswith("…")
