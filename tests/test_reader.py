"""The reader driven by its keys and the mouse, on the real seeds, checked by what the panes show."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static

from tui import cli
from tui.app import StorydiffApp
from tui.core.loading import load_article, load_paths
from tui.core.model import Alignment, Article, LinkKind
from tui.core.story import counterpart, relations
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.alignment_progress import PROGRESS_DELAY
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView

Settle = Callable[[Pilot], Awaitable[None]]
ScreenText = Callable[[App], str]

SIZE = (120, 40)


# -- helpers -------------------------------------------------------------------------------------


def main_screen(app: App) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen), f"expected the main screen, got {type(screen).__name__}"
    return screen


def reading_view(app: App) -> ArticleView:
    return app.screen.query_one("#reading-view", ArticleView)


def compare_view(app: App) -> ArticleView:
    return app.screen.query_one("#compare-view", ArticleView)


def link_info(app: App) -> str:
    content = app.screen.query_one("#link-info", Static).content
    return content.plain if isinstance(content, Text) else str(content)


def visible_lines(view: ArticleView) -> list[str]:
    """The rows the view draws, as text (the line API renders each row on demand)."""
    return ["".join(segment.text for segment in view.render_line(y)) for y in range(view.scrollable_content_region.height)]


def current_alignment(screen: ReaderScreen) -> Alignment:
    alignment = screen.alignment
    assert alignment is not None, "the alignment on screen should be ready"
    return alignment


def assert_panes_agree(app: App) -> None:
    """The reading pane marks the current sentence; the diff pane marks exactly its counterpart,
    and the counterpart is on screen."""
    screen = main_screen(app)
    alignment = current_alignment(screen)
    assert alignment.a is screen.story.articles[screen.reading]
    assert reading_view(app).article is screen.story.articles[screen.reading]
    assert compare_view(app).article is screen.story.articles[screen.comparing]
    assert reading_view(app).marks.current == frozenset({screen.current})
    cp = counterpart(alignment, screen.current)
    assert compare_view(app).marks.current == frozenset(cp.indexes)
    row = reading_view(app).sentence_row(screen.current)
    assert row is not None and 0 <= row < reading_view(app).scrollable_content_region.height
    if cp.link is None:
        assert "No counterpart" in link_info(app)
    else:
        assert cp.link.kind.value in link_info(app)
        compare_row = compare_view(app).sentence_row(cp.indexes[0])
        assert compare_row is not None and 0 <= compare_row < compare_view(app).scrollable_content_region.height


def edited_copy(article: Article) -> Article:
    """`article` with sentence 6 and 16 lightly edited and sentence 11 dropped: everything else
    stays verbatim, so the differences are known in advance."""
    text = article.text
    s6, s11, s16 = article.sentences[6], article.sentences[11], article.sentences[16]
    assert "Two people" in s6.text and "told reporters" in s16.text
    edited = (
        text[: s6.start]
        + s6.text.replace("Two people", "Three officials")
        + text[s6.end : s11.start]
        + text[s11.end : s16.start]
        + s16.text.replace("told reporters", "said")
        + text[s16.end :]
    )
    return Article(path="edited.txt", text=edited, title=article.title)


def large_pair(seed_articles: list[Article], n: int = 1000) -> list[Article]:
    """Two synthetic n-sentence versions built from seed sentences, one sentence a line: B drops,
    edits and inserts sentences of A."""
    sentences = [s.text for a in seed_articles for s in a.sentences]
    rng = random.Random(7)
    a = [sentences[i % len(sentences)] for i in range(n)]
    rng.shuffle(a)
    b: list[str] = []
    for i, sentence in enumerate(a):
        if i % 9 == 4:
            continue
        words = sentence.split()
        if i % 5 == 2 and len(words) > 3:
            words[len(words) // 2] = "reportedly"
            sentence = " ".join(words)
        b.append(sentence)
        if i % 11 == 3:
            b.append(sentences[(i * 7) % len(sentences)])
    b = (b + sentences * (n // len(sentences) + 1))[:n]
    big_a = Article(path="big_a.txt", text="\n".join(a) + "\n", title="Big A")
    big_b = Article(path="big_b.txt", text="\n".join(b) + "\n", title="Big B")
    assert len(big_a.sentences) == n and len(big_b.sentences) == n
    return [big_a, big_b]


def progress_shown(screen: ReaderScreen) -> bool:
    """Whether the alignment progress bar is on screen (it is mounted the first time an
    alignment outlasts PROGRESS_DELAY, and hidden when the alignments are done)."""
    return any(bar.display for bar in screen.query("#align-progress").results(ProgressBar))


def notification_texts(app: App) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


# -- moving through the story --------------------------------------------------------------------


async def test_opens_on_the_first_version_compared_with_the_second(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert (screen.reading, screen.comparing, screen.current) == (0, 1, 0)
        assert not progress_shown(screen)
        assert screen.query_one("#reading-view").border_title == f"Reading ▶ {screen.story.names[0]}"
        assert screen.query_one("#right-pane").border_title == f"Compare ◆ {screen.story.names[1]}"
        # The first rows of the reading pane are the start of the article's text.
        first_words = screen.story.articles[0].sentences[0].text.split()[:3]
        assert " ".join(first_words) in visible_lines(reading_view(app))[0]
        assert_panes_agree(app)


async def test_j_k_move_the_current_sentence_and_the_diff_pane_follows(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        expected = 0
        for key, step in [("j", 1)] * 10 + [("k", -1)] * 3:
            await pilot.press(key)
            await pilot.pause()
            expected += step
            assert screen.current == expected, key
            assert_panes_agree(app)
        # Moving through a long article keeps the current sentence on screen.
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        assert screen.current == expected + 12
        assert_panes_agree(app)
        # k stops at the first sentence, j at the last.
        await pilot.press("g")
        await pilot.press("k")
        await pilot.pause()
        assert screen.current == 0
        last = len(screen.story.articles[0].sentences) - 1
        await pilot.press("G")
        await pilot.press("j")
        await pilot.pause()
        assert screen.current == last
        assert_panes_agree(app)


@pytest.mark.parametrize("keys", [("down", "up"), ("end", "home")])
async def test_arrow_keys_move_the_current_sentence(make_app, settle: Settle, keys: tuple[str, str]) -> None:
    forward, back = keys
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press(forward)
        await pilot.pause()
        moved = screen.current
        assert moved > 0
        assert_panes_agree(app)
        await pilot.press(back)
        await pilot.pause()
        assert screen.current < moved
        assert_panes_agree(app)


async def test_n_and_p_stop_at_changes_that_matter_and_pass_plain_rewording(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        changes = screen.changes
        assert changes is not None
        count = len(changes.relations)
        wanted = [i for i in range(count) if changes.is_difference(i)]
        visited = [0]
        for _ in range(len(wanted)):
            await pilot.press("n")
            await pilot.pause()
            visited.append(screen.current)
        # Every stop is a change (medium or high) or a sentence without counterpart, in order,
        # and none is missed; then n wraps around to the first.
        assert visited[1:] == [i for i in wanted if i > 0] + [wanted[0]] * (wanted[0] == 0)
        # What must not happen: a stop at a reworded sentence with no change, or at boilerplate.
        reworded = [i for i, r in enumerate(changes.relations) if r not in (None, LinkKind.VERBATIM) and not changes.has(i, "low")]
        assert reworded and not set(reworded) & set(visited[1:])
        assert changes.boilerplate and not changes.boilerplate & set(visited[1:])
        await pilot.press("g", "n", "n", "p")
        await pilot.pause()
        assert screen.current == [i for i in wanted if i > 0][0]
        assert_panes_agree(app)


async def test_n_p_o_skip_verbatim_and_reworded_sentences_of_an_edited_copy(make_app, seed_articles: list[Article], settle: Settle) -> None:
    original = seed_articles[0]
    app = make_app([original, edited_copy(original)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        landed = []
        for _ in range(2):
            await pilot.press("n")
            await pilot.pause()
            landed.append(screen.current)
            assert_panes_agree(app)
        # 6: "Two people" became "Three officials" (a figure); 11 was dropped. 16 ("told
        # reporters" -> "said") is rewording with no fact changed: n passes it.
        assert landed == [6, 11]
        # Past the last difference, n wraps to the first, as search does in a pager.
        await pilot.press("n")
        await pilot.pause()
        assert screen.current == 6
        assert "edited" in link_info(app)
        assert any("Wrapped around" in text for text in notification_texts(app))
        await pilot.press("p")
        await pilot.pause()
        assert screen.current == 11
        await pilot.press("p")
        await pilot.pause()
        assert screen.current == 6
        # o goes to the one sentence the copy dropped, from anywhere.
        await pilot.press("g", "o")
        await pilot.pause()
        assert screen.current == 11
        assert "No counterpart" in link_info(app)
        assert compare_view(app).marks.current == frozenset()
        assert_panes_agree(app)


async def test_o_lands_on_a_sentence_without_counterpart(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        rels = relations(current_alignment(screen))
        assert None in rels, "seed 000 has sentences that 001 dropped"
        await pilot.press("o")
        await pilot.pause()
        first = screen.current
        boilerplate = screen.changes.boilerplate
        assert first > 0 and rels[first] is None and first not in boilerplate
        # Passed by: sentences with a counterpart, and boilerplate (site furniture) without one.
        assert all(r is not None or i in boilerplate for i, r in enumerate(rels[1:first], 1))
        assert any(rels[i] is None for i in boilerplate if i < first), "seed 000 opens with furniture"
        assert "No counterpart" in link_info(app)
        assert compare_view(app).marks.current == frozenset()
        assert_panes_agree(app)
        await pilot.press("o")
        await pilot.pause()
        assert screen.current > first and rels[screen.current] is None
        assert "No counterpart" in link_info(app)


async def test_s_switches_sides_at_the_counterpart(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        story = screen.story
        rels = relations(current_alignment(screen))
        target = next(i for i, r in enumerate(rels) if i > 2 and r is not None)
        for _ in range(target):
            await pilot.press("j")
        await pilot.pause()
        expected = counterpart(current_alignment(screen), target).indexes[0]
        await pilot.press("s")
        await settle(pilot)
        assert (screen.reading, screen.comparing) == (1, 0)
        assert screen.current == expected
        assert reading_view(app).article is story.articles[1]
        assert compare_view(app).article is story.articles[0]
        assert screen.query_one("#reading-view").border_title == f"Reading ▶ {story.names[1]}"
        # The sentence we switched from is now the counterpart on the right.
        assert target in compare_view(app).marks.current
        assert_panes_agree(app)
        await pilot.press("s")
        await settle(pilot)
        assert (screen.reading, screen.comparing) == (0, 1)
        assert_panes_agree(app)


async def test_s_on_a_sentence_without_counterpart_switches_at_the_nearest_one(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        alignment = current_alignment(screen)
        rels = relations(alignment)
        await pilot.press("o")
        await pilot.pause()
        dropped = screen.current
        nearest = max(i for i in range(dropped) if rels[i] is not None)
        await pilot.press("s")
        await settle(pilot)
        assert (screen.reading, screen.comparing) == (1, 0)
        assert screen.current == counterpart(alignment, nearest).indexes[0]
        assert any("no counterpart" in text for text in notification_texts(app))


async def test_brackets_cycle_the_comparison_skipping_the_version_read(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        story = screen.story
        seen = []
        for _ in range(4):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(screen.comparing)
            assert screen.query_one("#right-pane").border_title == f"Compare ◆ {story.names[screen.comparing]}"
            assert_panes_agree(app)
        assert seen == [2, 3, 4, 1]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.comparing == 4
        # Reading version 2, the cycle skips 2.
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert screen.comparing == 2
        await pilot.press("j", "j", "j", "j")
        await pilot.press("s")
        await settle(pilot)
        assert screen.reading == 2 and screen.comparing == 0
        seen = []
        for _ in range(4):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(screen.comparing)
            assert_panes_agree(app)
        assert seen == [1, 3, 4, 0]


def all_versions_entries(app: App) -> list[str]:
    from tui.widgets.all_versions import AllVersionsPane

    return app.screen.query_one("#all-versions", AllVersionsPane).text.plain.split("\n")


async def test_v_shows_the_sentence_in_every_version(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        story = screen.story
        await pilot.press("o")  # a sentence 001 dropped
        await pilot.pause()
        current = screen.current
        await pilot.press("v")
        await pilot.pause()
        pane = screen.query_one("#all-versions")
        assert pane.display and not compare_view(app).display and not screen.query_one("#link-info").display
        entries = all_versions_entries(app)
        headers = [e for e in entries if e.lstrip(" ▶◆").startswith(tuple(story.names))]
        # The version read, then one entry per other version.
        assert len(headers) == len(story)
        assert headers[0].startswith(f"▶ {story.names[0]}")
        assert story.articles[0].sentences[current].text in entries
        for k in range(1, len(story)):
            header = next(h for h in headers if story.names[k] in h)
            cp = counterpart(story.cached(0, k), current)
            if cp.link is None:
                assert "dropped" in header
            else:
                assert cp.link.kind.value in header and "dropped" not in header
                linked = story.articles[k].sentences[cp.indexes[0]].text
                assert any(linked in e for e in entries)
        assert "dropped" in next(h for h in headers if story.names[1] in h)
        # The entries follow the current sentence.
        await pilot.press("k")
        await pilot.pause()
        assert story.articles[0].sentences[current - 1].text in all_versions_entries(app)
        await pilot.press("v")
        await pilot.pause()
        assert not pane.display and compare_view(app).display and screen.query_one("#link-info").display


async def test_v_with_many_versions_draws_only_the_lines_on_screen_and_scrolls_to_the_last(make_app, settle: Settle, seed_articles) -> None:
    """Forty versions: the pane wraps every counterpart into lines but turns only the lines on
    screen into segments, and its last version is reached by scrolling (not cut off)."""
    from tui.widgets.all_versions import AllVersionsPane

    base = seed_articles[0]
    articles = [base] + [Article(f"v{k}.txt", base.text.replace("Krause", "Kraus" if k % 2 else "Krause", 1)) for k in range(1, 40)]
    app = make_app(articles)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("j", "j", "j", "v")
        await settle(pilot)
        pane = screen.query_one("#all-versions", AllVersionsPane)
        height = pane.scrollable_content_region.height
        assert pane.virtual_size.height == len(pane._lines) > 3 * height  # far more than one screen
        assert 0 < len(pane._drawn) <= height
        assert pane.text.plain.count("\n") + 1 == len(pane._paragraphs)
        pane.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        shown = "\n".join("".join(seg.text for seg in pane.render_line(y)) for y in range(height))
        assert "v39.txt" in shown or screen.story.names[39] in shown
        assert len(pane._drawn) <= 2 * height


async def test_enter_on_the_article_list_reads_that_version(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        article_list = screen.query_one("#article-list", ArticleList)
        article_list.focus()
        await pilot.pause()
        assert article_list.highlighted == 0
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert article_list.highlighted == 3
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reading == 3
        assert screen.comparing == 1
        assert reading_view(app).article is screen.story.articles[3]
        assert screen.query_one("#reading-view").border_title == f"Reading ▶ {screen.story.names[3]}"
        # The list marks the version read and the one compared.
        prompts = [article_list.entry(k).plain for k in range(len(screen.story))]
        assert prompts[3].startswith("▶ ") and prompts[1].startswith("◆ ")
        assert_panes_agree(app)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_the_bindings_and_escape_closes_it(make_app, settle: Settle, screen_text: ScreenText, key: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((description, keys) for keys, description in app.screen.rows)
        assert rows["Switch sides"] == "s"
        assert "j" in rows["Next sentence"]
        assert rows["Compare next"] == "]"
        assert app.screen.ids["Switch sides"] == "switch_sides"
        assert "q" in rows["Quit"].split(" / ")
        # The table is on screen (it scrolls when the list is longer than the box).
        text = screen_text(app)
        assert "storydiff — keys" in text
        for description in ("Next sentence", "Switch sides", "Next change", "Next high-severity change", "Next name change", "Next number change", "Next quotation change", "Next without counterpart", "All versions"):
            assert description in rows
        for description in ("Next sentence", "Next change", "Next high-severity change", "Next name change"):
            assert description in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_q_quits(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0


async def test_clicking_a_sentence_makes_it_current(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        view = reading_view(app)
        target = 4
        row = view.sentence_row(target)
        assert row is not None and row > 0
        lines = visible_lines(view)
        words = screen.story.articles[0].sentences[target].text.split()[0]
        column = lines[row].index(words)
        assert await pilot.click("#reading-view", offset=(column + 2, row + 1))  # +1: the border
        await pilot.pause()
        assert screen.current == target
        assert_panes_agree(app)


async def test_clicking_an_entry_in_the_article_list_reads_that_version(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        article_list = screen.query_one("#article-list", ArticleList)
        # Entry 2's first row: entries are drawn one after another, top to bottom.
        row = next(y for y in range(article_list.scrollable_content_region.height) if screen.story.articles[2].title[:12] in "".join(s.text for s in article_list.render_line(y)))
        assert await pilot.click("#article-list", offset=(3, row + 1))  # +1: the border
        await settle(pilot)
        assert screen.reading == 2
        assert article_list.highlighted == 2
        assert article_list.entry(2).plain.startswith("▶ ")
        assert_panes_agree(app)


async def test_the_reading_view_scrollbar_pages_and_drags_without_moving_the_sentence(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        view = reading_view(app)
        bar_x, bottom = view.size.width, view.size.height  # last column and row inside the border (size excludes it)
        assert view.scroll_y == 0 and view.max_scroll_y > 0
        # The bar is drawn in the last column: a thumb at the top, track below.
        column = [list(view.render_line(y))[-1] for y in range(view.scrollable_content_region.height)]
        assert column[0].style.reverse or column[0].text.strip(), "the thumb starts at the top"
        # A click on the track below the thumb pages down; the current sentence stays.
        assert await pilot.click("#reading-view", offset=(bar_x, bottom))
        await pilot.pause()
        paged = view.scroll_y
        assert paged > 0 and screen.current == 0
        # Dragging the thumb back up scrolls back.
        rows, virtual, _ = view._bar_geometry()
        thumb_top = round((rows - rows * rows / virtual) * paged / (virtual - rows)) + 1  # +1: border
        await pilot.mouse_down("#reading-view", offset=(bar_x, thumb_top))
        await pilot.hover("#reading-view", offset=(bar_x, 1))
        await pilot.mouse_up("#reading-view", offset=(bar_x, 1))
        await pilot.pause()
        assert view.scroll_y < paged
        assert screen.current == 0


async def test_footer_shows_the_main_keys_from_the_bindings_and_a_click_presses_one(make_app, settle: Settle, screen_text: ScreenText) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        footer = screen_text(app).splitlines()[SIZE[1] - 1]
        for hint in ("n Next change", "s Switch sides", "] Compare next", "v All versions", "q Quit", "? Help", "^p palette"):
            assert hint in footer, footer
        # Keys the bindings do not mark to show stay out of it (they are all in help).
        assert "Previous change" not in footer and "Next sentence" not in footer
        column = footer.index("Switch sides")
        assert await pilot.click("KeyFooter", offset=(column, 0))
        await settle(pilot)
        assert (screen.reading, screen.comparing) == (1, 0)


# -- untrusted text ------------------------------------------------------------------------------

HOSTILE_LINES = [
    "Markup test: [bold]not bold[/bold] stays as typed.",
    "Do not [@click=app.quit]click me[/] please.",
    "A link [link=https://x]x[/link] is just text.",
    "Colours \x1b[31mred\x1b[0m and a title \x1b]0;pwned\x07 are stripped.",
]


async def test_hostile_text_renders_literally_and_escapes_never_reach_the_screen(
    make_app, seed_articles: list[Article], tmp_path: Path, settle: Settle, screen_text: ScreenText
) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("\n\n".join(HOSTILE_LINES) + "\n", encoding="utf-8")
    evil = load_article(path)
    assert "\x1b" not in evil.text and "pwned" not in evil.text
    assert "[bold]not bold[/bold]" in evil.text
    direct = Article(path="evil.txt", text="[bold]not bold[/bold] and [@click=app.quit]click me[/] and [link=https://x]x[/link].")
    app = make_app([evil, seed_articles[0], direct])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reading_view(app)
        lines = visible_lines(view)
        shown = "\n".join(lines)
        assert "[bold]not bold[/bold]" in shown
        assert "[@click=app.quit]click me[/]" in shown
        assert "[link=https://x]x[/link]" in shown
        assert "Colours red and a title" in shown
        # No segment carries a link or an action from the text.
        for y in range(len(lines)):
            for segment in view.render_line(y):
                style = segment.style
                assert style is None or (not style.link and not (style.meta or {}).get("@click")), segment
        whole = screen_text(app)
        assert "\x1b" not in whole and "pwned" not in whole
        assert "[bold]not bold[/bold]" in whole

        row = next(y for y, line in enumerate(lines) if "[@click=app.quit]" in line)
        column = lines[row].index("click me")
        assert await pilot.click("#reading-view", offset=(column + 3, row + 1))  # +1: the border
        await pilot.pause()
        assert app.is_running and not app._exit
        assert main_screen(app).current == 1  # the clicked sentence

        # The same text built directly (not through the loader) reads literally too.
        await pilot.press("right_square_bracket", "s")
        await settle(pilot)
        assert reading_view(app).article is app.screen.story.articles[2]
        shown = "\n".join(visible_lines(reading_view(app)))
        assert "[bold]not bold[/bold]" in shown and "[@click=app.quit]click me[/]" in shown
        assert app.is_running


# -- narrow terminals, resizing ------------------------------------------------------------------


async def test_narrow_terminal_stacks_the_panes_and_l_toggles_the_list(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.has_class("-narrow")
        reading_pane, right_pane = screen.query_one("#reading-view"), screen.query_one("#right-pane")
        assert right_pane.region.y >= reading_pane.region.bottom, "the panes stack"
        assert reading_pane.region.width == right_pane.region.width == 80
        article_list = screen.query_one("#article-list")
        assert not article_list.display
        await pilot.press("l")
        await pilot.pause()
        assert article_list.display and article_list.region.height > 0
        await pilot.press("l")
        await pilot.pause()
        assert not article_list.display

        for _ in range(7):
            await pilot.press("j")
        await pilot.pause()
        assert screen.current == 7
        assert_panes_agree(app)
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        await pilot.pause()
        assert app.size == (160, 45)
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        assert article_list.display
        assert right_pane.region.x >= reading_pane.region.right, "side by side again"
        assert screen.current == 7
        assert reading_view(app).marks.current == frozenset({7})
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert screen.current == 7
        await pilot.press("j")
        await pilot.pause()
        assert screen.current == 8
        assert_panes_agree(app)


async def test_a_page_opens_on_its_headline_not_its_navigation_bar(make_app, seed_articles: list[Article]) -> None:
    # Seed 003 is a saved page: "Skip to content Skip to footer" comes before the headline.
    page = seed_articles[3]
    assert page.sentences[0].text.startswith("Skip to content")
    app = make_app([page, seed_articles[0]])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current == 1
        assert reading_view(app).marks.current == frozenset({1})
        await pilot.press("g")  # the first line is still there to read
        await pilot.pause()
        assert screen.current == 0


# -- large stories -------------------------------------------------------------------------------


async def test_a_large_pair_opens_and_keys_respond_while_aligning(make_app, seed_articles: list[Article], settle: Settle) -> None:
    app = make_app(large_pair(seed_articles))
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        start = screen.current  # the first sentence that is not boilerplate
        await pilot.press("j")
        await pilot.pause()
        assert screen.current == start + 1
        assert reading_view(app).marks.current == frozenset({start + 1})
        waiting = screen.alignment is None
        await pilot.press("n")
        await pilot.pause()
        if waiting:
            # n waits for the alignment and is made as soon as it lands.
            assert any("as soon as the alignment is ready" in text for text in notification_texts(app))
            await settle(pilot)
        assert screen.current > start + 1
        assert screen.changes.is_difference(screen.current)
        # An alignment that outlasts PROGRESS_DELAY shows the progress bar.
        await pilot.pause(PROGRESS_DELAY + 0.2)
        assert progress_shown(screen) or screen.alignment is not None
        await settle(pilot)
        assert not progress_shown(screen)
        assert screen.alignment is not None
        changes = screen.changes
        before = screen.current
        await pilot.press("n")
        await pilot.pause()
        after = screen.current
        assert after > before and changes.is_difference(after)
        assert not any(changes.is_difference(i) for i in range(before + 1, after))
        assert_panes_agree(app)
        await pilot.press("G")
        await pilot.pause()
        assert screen.current == 999
        assert_panes_agree(app)


# -- files that could not be loaded --------------------------------------------------------------


async def test_a_missing_file_opens_the_rest_with_a_warning(seed_paths: list[Path], tmp_path: Path, settle: Settle, screen_text: ScreenText) -> None:
    missing = tmp_path / "gone.txt"
    articles, errors = load_paths([str(seed_paths[0]), str(missing), str(seed_paths[1])])
    assert len(articles) == 2 and len(errors) == 1
    app = StorydiffApp(articles, load_errors=[str(e) for e in errors])
    # run_test hides toasts unless asked; this test is about the one the user sees.
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert warnings and all(n.title == "Some files were skipped" for n in warnings)
        assert "gone.txt" in warnings[0].message and "no such file" in warnings[0].message
        assert "gone.txt" in screen_text(app)
        assert isinstance(app.screen, ReaderScreen)
        assert len(main_screen(app).story) == 2
        assert reading_view(app).article is articles[0]


async def test_the_load_warning_is_shown_once(seed_paths: list[Path], tmp_path: Path, settle: Settle) -> None:
    articles, errors = load_paths([str(seed_paths[0]), str(tmp_path / "gone.txt")])
    app = StorydiffApp(articles, load_errors=[str(e) for e in errors])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [n.title for n in app._notifications] == ["Some files were skipped"]


def test_only_bad_files_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "gone.txt"
    assert cli.main([str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("storydiff: ") and "gone.txt" in err
    assert "Traceback" not in err

    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert cli.main([str(missing), str(binary)]) == 2
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == 2, "one line per bad file"
    assert all(line.startswith("storydiff: ") for line in lines)
    assert "Traceback" not in err
