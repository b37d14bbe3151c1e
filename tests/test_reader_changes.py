"""The change classification in the reader: typed gutter marks, typed words, dimmed boilerplate
and the keys that jump by type and severity, on the seeds (000 read, 001 compared)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.marks import BOILERPLATE_GLYPH, TYPE_GLYPHS

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


def reader(app) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def row_text(view: ArticleView, index: int) -> str:
    """The drawn row where sentence `index` starts."""
    row = view.sentence_row(index)
    assert row is not None and 0 <= row < view.scrollable_content_region.height
    return "".join(s.text for s in view.render_line(row))


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_changes_come_with_the_alignment_and_boilerplate_is_set_aside(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        changes = screen.changes
        assert changes is not None and screen.alignment is changes.alignment
        assert changes.boilerplate == frozenset({1, 2, 25})
        # Worked out once, by the worker: moving asks the cache, which hands back the same object.
        await pilot.press("j", "j", "n")
        assert screen.changes is changes
        # The diff pane reads the other side's findings, worked out by the worker too.
        assert screen.findings.get(screen.story.cached(1, 0)) is not None


async def test_the_gutter_shows_the_most_severe_change_by_type_and_dims_boilerplate(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.query_one("#reading-view", ArticleView)
        changes = screen.changes
        # Sentence 6: "Two people ..." became "A person ...": a figure, high severity.
        assert changes.worst(6).type == "number" and changes.worst(6).severity == "high"
        assert view.marks.sentence_glyphs[6] == (TYPE_GLYPHS["number"], "change-high")
        assert view.marks.sentence_glyphs[1] == BOILERPLATE_GLYPH
        assert view.marks.dimmed == changes.boilerplate
        assert row_text(view, 1).startswith("·") and row_text(view, 3).lstrip().startswith(TYPE_GLYPHS["number"])
        # Boilerplate is drawn in its own muted colour, not the text's.
        muted = view.mark_style("boilerplate").color
        assert muted != view.rich_style.color
        first_words = view.article.sentences[1].text.split()[0]
        row = view.render_line(view.sentence_row(1))
        assert any(first_words in s.text and s.style.color == muted for s in row)
        # What must not happen: a reworded sentence with no change carries a typed mark.
        plain = next(i for i, r in enumerate(changes.relations) if r is not None and not changes.has(i, "low") and i not in changes.boilerplate)
        assert view.marks.sentence_glyphs[plain][1] not in {"change-high", "change-medium", "change-low"}


async def test_the_changed_words_of_a_typed_change_stand_out_in_both_panes(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("c")  # the first high-severity change
        await pilot.pause()
        assert screen.current == 6
        for view_id, word in (("#reading-view", "Two"), ("#compare-view", "A")):
            view = screen.query_one(view_id, ArticleView)
            typed = [(s, e) for s, e, cls in view.marks.word_spans if cls == "typed"]
            assert [view.article.text[s:e] for s, e in typed] == [word], view_id
            strong = view.mark_style("typed", "current")
            drawn = [seg.text for y in range(view.scrollable_content_region.height) for seg in view.render_line(y) if seg.style and seg.style.reverse]
            assert word in [t.strip() for t in drawn], (view_id, drawn)
            assert strong.reverse and strong.bold


async def test_typed_jumps_go_by_severity_and_by_type(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        changes = screen.changes
        high = [i for i in range(len(changes.relations)) if changes.has(i, "high")]
        visited = []
        for _ in range(len(high)):
            await pilot.press("c")
            await pilot.pause()
            visited.append(screen.current)
        assert visited == high and high[0] == 6
        await pilot.press("C")
        await pilot.pause()
        assert screen.current == high[-2]
        for key, kind in (("quotation_mark", "quote"), ("number_sign", "number"), ("N", "name")):
            await pilot.press("g", key)
            await pilot.pause()
            expected = next(i for i in range(1, len(changes.relations)) if changes.has(i, "low", kind))
            assert screen.current == expected, key
            assert any(c.type == kind for c in changes.by_sentence[screen.current])
        # Seed 001 changes no date of 000: the key says so and stays put.
        await pilot.press("g", "D")
        await pilot.pause()
        assert screen.current == 0
        assert any("No date change" in text for text in notifications(app))


@pytest.mark.parametrize("key", ["c", "N"])
async def test_a_typed_jump_before_the_alignment_waits_for_it(make_app, settle: Settle, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        await pilot.press(key)
        await settle(pilot)
        assert screen.changes is not None and screen.current > 0
        assert screen.changes.has(screen.current, "high" if key == "c" else "low", None if key == "c" else "name")


# -- the change list -------------------------------------------------------------------------------


def option_texts(app) -> list[str]:
    """The change list as listed: each heading, and each change's lines as drawn at the list's
    width (joined by newlines); the empty list's message when nothing is listed."""
    from tui.widgets.change_rows import ChangeRowsView

    view = app.screen.query_one("#changes-list", ChangeRowsView)
    if not view.listing:
        return [view.empty]
    width = view.scrollable_content_region.width
    return [item if isinstance(item, str) else "\n".join(t.plain for t in view.draw_row(item, width)) for item in view.listing]


async def test_w_lists_every_change_grouped_most_severe_first_with_both_wordings(make_app, settle: Settle) -> None:
    from tui.screens.change_list import ChangeListScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        changes = screen.changes
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChangeListScreen)
        texts = option_texts(app)
        headings = [t for t in texts if "·" in t and "\n" not in t]
        rows = [t for t in texts if "\n" in t]
        assert len(rows) == sum(len(cs) for cs in changes.by_sentence.values()) + len(changes.elsewhere)
        # High before medium before low; each heading once.
        severities = [h.split(" · ")[0] for h in headings]
        assert severities == sorted(severities, key=["HIGH", "MEDIUM", "LOW"].index)
        assert len(headings) == len(set(headings)) and headings[0].startswith("HIGH")
        # Sentence 7 (6 counted from 0): both wordings, "Two" read and "A" compared.
        row = next(t for t in rows if t.lstrip().startswith("7 ") and "count changed" in t)
        assert "▶ Two people familiar" in row and "◆ A source acquainted" in row
        # A quotation the compared version dropped: its other side says so.
        assert any("quotation dropped" in t and "(not in the version compared)" in t for t in rows)


async def test_typing_filters_the_list_and_enter_goes_to_the_change_level(make_app, settle: Settle) -> None:
    from tui.core.story import counterpart
    from tui.screens.change_list import change_rows, matches

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        quotes = [row for row in change_rows(screen.changes) if matches(row, "quote")]
        assert len(quotes) >= 2
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"quote")
        await pilot.pause()
        texts = option_texts(app)
        headings = [t for t in texts if "\n" not in t]
        assert headings and all(" · quote (" in h for h in headings), headings
        assert len(texts) - len(headings) == len(quotes)
        # Down skips the headings; enter goes to the second quotation change's sentence.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert screen.current == quotes[1].sentence
        await pilot.pause()
        # The diff pane follows, level: the counterpart is marked and sits on the same row.
        cp = counterpart(screen.alignment, screen.current)
        diff = screen.query_one("#compare-view", ArticleView)
        view = screen.query_one("#reading-view", ArticleView)
        assert cp.link is not None and diff.marks.current == frozenset(cp.indexes)
        assert view.content_region.y + view.sentence_row(screen.current) == diff.content_region.y + diff.sentence_row(cp.indexes[0])
        # A filter that matches nothing says so; escape closes without moving.
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"zzzz")
        await pilot.pause()
        assert option_texts(app) == ["Nothing matches the filter."]
        before = screen.current
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and screen.current == before


@pytest.mark.parametrize(
    ("text", "changed", "shown"),
    [
        ("The mayor hired 40 teachers.", "40", "The mayor hired 40 teachers."),
        ("A" * 100 + " the 40 teachers " + "B" * 100, "40", "…" + ("A" * 100 + " the 40 teachers " + "B" * 100)[45:167] + "…"),
    ],
)
def test_a_wording_is_cut_around_its_changed_words_and_marks_them(text: str, changed: str, shown: str) -> None:
    from tui.core.changes import Span
    from tui.core.model import Article
    from tui.screens.change_list import wording as _wording

    article = Article("a.txt", text)
    start = text.index(changed)
    wording = _wording(article, Span(start, start + len(changed), changed), (0,), "none")
    assert wording.plain == shown
    marked = [wording.plain[s.start : s.end] for s in wording.spans if "reverse" in str(s.style)]
    assert marked == [changed]
    assert _wording(article, None, (), "(not in the version compared)").plain == "(not in the version compared)"


# -- the whole-article view ------------------------------------------------------------------------


def reversed_words(view: ArticleView) -> set[str]:
    return {seg.text.strip() for y in range(view.scrollable_content_region.height) for seg in view.render_line(y) if seg.style and seg.style.reverse}


async def test_e_marks_every_changed_word_in_both_panes_and_again_only_the_current(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        reading = screen.query_one("#reading-view", ArticleView)
        compare = screen.query_one("#compare-view", ArticleView)
        # Sentence 6 ("Two people ...") is on screen but not current: its typed change unmarked.
        assert screen.current == 0 and reading.sentence_row(6) is not None
        assert "Two" not in reversed_words(reading)
        await pilot.press("e")
        await pilot.pause()
        assert screen.every_change
        assert "Two" in reversed_words(reading)
        # The compared version marks its side of every change too, off the band as well.
        assert reading.marks.every_word is screen.changes.changed_words("a")
        assert compare.marks.every_word is screen.changes.changed_words("b")
        off_band = next(
            (j, s, e) for j, spans in sorted(compare.marks.every_word.items()) for s, e, cls in spans
            if cls == "typed" and j not in compare.marks.current and compare.sentence_row(j) is not None
            and 0 <= compare.sentence_row(j) < compare.scrollable_content_region.height - 3
        )
        first_word = compare.article.text[off_band[1] : off_band[2]].split()[0]
        assert any(w.startswith(first_word) for w in reversed_words(compare)), first_word
        # Moving keeps the marks (and does not work them out again).
        words = reading.marks.every_word
        await pilot.press("j")
        await pilot.pause()
        assert reading.marks.every_word is words and "Two" in reversed_words(reading)
        await pilot.press("e")
        await pilot.pause()
        assert not screen.every_change and reading.marks.every_word is None
        assert "Two" not in reversed_words(reading)


# -- the divergence strip --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "classes", "rows", "virtual", "expected"),
    [
        # An article that fits: one row per line.
        ({0: 0, 3: 5}, {0: "change-low", 3: "unmatched"}, 10, 8, {0: ("change-low", 0), 5: ("unmatched", 3)}),
        # Squeezed: 100 lines in 10 rows; the most severe mark of a row wins, and its sentence.
        ({1: 12, 2: 15, 9: 99}, {1: "change-low", 2: "change-high", 9: "change-medium"}, 10, 100,
         {1: ("change-high", 2), 9: ("change-medium", 9)}),
        ({}, {}, 10, 100, {}),
        ({0: 0}, {0: "change-high"}, 0, 100, {}),
    ],
)
def test_strip_rows(lines, classes, rows, virtual, expected) -> None:
    from tui.widgets.divergence import strip_rows

    assert strip_rows(lines, classes, rows, virtual) == expected


async def test_the_strip_marks_where_the_changes_are_and_a_click_goes_there(make_app, settle: Settle) -> None:
    from tui.widgets.divergence import GLYPH, divergence_classes

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        view = screen.query_one("#reading-view", ArticleView)
        classes = divergence_classes(screen.changes)
        # Boilerplate and plain rewording get no mark; changes and dropped sentences do.
        assert not set(classes) & screen.changes.boilerplate
        assert classes[6] == "change-high" and all(screen.changes.is_difference(i) or screen.changes.has(i, "low") for i in classes)
        width = view.scrollable_content_region.width
        column = [view.render_line(y).crop(width - 2, width - 1).text for y in range(view.scrollable_content_region.height)]
        marked = [y for y, cell in enumerate(column) if cell == GLYPH]
        assert marked and len(marked) < len(column)
        # A click on a marked row of the strip goes to the sentence it marks.
        row = marked[-1]
        target = view._strip_row(row)[1]
        offset = (view.content_region.x - view.region.x + width - 2, view.content_region.y - view.region.y + row)
        await pilot.click("#reading-view", offset=offset)
        await pilot.pause()
        assert screen.current == target and target in classes
        # The compared version has its own strip, from its side.
        compare = screen.query_one("#compare-view", ArticleView)
        assert compare.marks.divergence == divergence_classes(screen.findings.get(screen.story.cached(1, 0)))


# -- the report from the reader --------------------------------------------------------------------


async def test_the_palette_exports_the_report_with_the_notes_at_their_sentences(make_app, settle: Settle, data_dir) -> None:
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("c", "m")  # sentence 6, bookmarked
        article = screen.story.articles[0]
        sentence = article.sentences[6]
        screen.store.add_annotation(article, sentence.start, sentence.start + 10, "check [the] count", ["numbers"])
        screen.notes.reload()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"export the fact")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)  # the report is written by a worker
        reports = list((data_dir / "reports").glob("*.md"))
        assert len(reports) == 1, reports
        text = reports[0].read_text(encoding="utf-8")
        assert text.startswith("# Fact-check report") and text.count("\n## ") >= 4 + 1  # four versions, then the notes
        notes = text.split("## Your notes", 1)[1]
        assert f"- (6) {sentence.text[:30]}" in notes
        assert "  - bookmarked" in notes
        # The note's own brackets cannot make a link: they are escaped.
        assert "  - note: check \\[the\\] count (on “Two people”) #numbers" in notes
        assert any(str(reports[0]) in str(n.message) for n in app._notifications)


async def test_a_report_that_cannot_be_written_says_so(make_app, settle: Settle, data_dir) -> None:
    (data_dir / "reports").write_text("a file where the folder would go", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert any("Could not write the report" in str(n.message) for n in app._notifications)


async def test_a_report_that_cannot_be_built_says_so_from_its_worker(make_app, settle: Settle, data_dir, monkeypatch) -> None:
    import tui.report

    def broken(findings):
        raise ValueError("no findings today")

    monkeypatch.setattr(tui.report, "report_markdown", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert any("Could not build the report: no findings today" in str(n.message) for n in app._notifications)
        assert not list(data_dir.glob("reports/*.md")), "nothing half-written"


def test_notes_markdown_without_notes_says_none(seed_articles) -> None:
    from tui.report import notes_markdown

    assert notes_markdown([(seed_articles[0], [])]) == "## Your notes\n\nNone.\n"


# -- copying a quotation ---------------------------------------------------------------------------


async def test_y_copies_the_sentence_or_the_selection_with_its_source(make_app, settle: Settle, tmp_path) -> None:
    from tui.core.loading import load_article

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Mayor [hires] teachers</title><meta property='og:site_name' content='Daily News'>"
        "<meta property='article:published_time' content='2025-04-08'></head><body><article><p>The mayor hired 40 teachers on Monday. "
        "The council agreed.</p></article></body></html>",
        encoding="utf-8",
    )
    article = load_article(str(page))
    app = make_app([article, article])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("y")
        await pilot.pause()
        name = screen.story.names[0]
        copied = app.clipboard
        assert copied.startswith("“The mayor hired 40 teachers on Monday.” — ")
        assert copied.endswith(f"— {name}, Daily News · 2025-04-08 (page.html)"), copied
        # With words selected, only they are quoted.
        await pilot.press("x", "right", "right")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.startswith("“The mayor hired” — ")
        assert any("Copied:" in str(n.message) for n in app._notifications)


# -- the per-version summary -----------------------------------------------------------------------


async def test_S_tabulates_each_version_sorts_by_any_column_and_enter_compares(make_app, settle: Settle) -> None:
    from tui.core.summary import summarize
    from tui.screens.version_summary import COLUMNS, VersionSummaryScreen, summary_cells
    from tui.widgets.virtual_table import VirtualTable

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        expected = {k: summary_cells(summarize(screen.findings.get(screen.story.cached(0, k)).findings)) for k in (1, 2, 3, 4)}
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, VersionSummaryScreen)
        table = app.screen.query_one("#summary-table", VirtualTable)

        def order() -> list[int]:
            return [key for key, _ in table.rows]

        assert len(table.rows) == 4
        # Most of the base's sentences carried first; a row's cells are its summary's.
        assert [expected[k][0] for k in order()] == sorted((v[0] for v in expected.values()), reverse=True)
        first = order()[0]
        assert table.rows[0][1][1:] == (f"{expected[first][0]}%", f"{expected[first][1]}%", *map(str, expected[first][2:]))
        for column in range(2, 5):
            await pilot.press("s")
            await pilot.pause()
            assert [expected[k][column - 1] for k in order()] == sorted((v[column - 1] for v in expected.values()), reverse=True), COLUMNS[column]
        assert "by Adds, most first" in str(app.screen.query_one("#summary-hint").render())

        def headers() -> list[str]:
            return list(table.labels)

        # The sorted column's header says so; r turns the order round, and the header with it.
        assert headers()[4] == "Adds ▼" and sum("▼" in h or "▲" in h for h in headers()) == 1
        await pilot.press("r")
        await pilot.pause()
        assert headers()[4] == "Adds ▲" and "by Adds, least first" in str(app.screen.query_one("#summary-hint").render())
        assert [expected[k][3] for k in order()] == sorted(v[3] for v in expected.values())
        # S goes back a column (most first again); from the first figure, back to the names, A to Z.
        await pilot.press("S", "S", "S")
        await pilot.pause()
        assert headers()[1] == "Sentences ▼"
        await pilot.press("S")
        await pilot.pause()
        names = screen.story.names
        assert headers()[0] == "Version ▼" and [names[k].casefold() for k in order()] == sorted(names[k].casefold() for k in order())
        # The version highlighted stays highlighted whatever the order.
        highlighted = order()[table.cursor]
        await pilot.press("s", "s", "r")
        await pilot.pause()
        assert order()[table.cursor] == highlighted
        # Enter compares the version read with the highlighted one.
        target = order()[1]
        await pilot.press("up", "up", "up", "down", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.comparing == target
