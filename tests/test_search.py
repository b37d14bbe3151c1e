"""Searching every version: folding (case, accents, quote styles, a name's one-letter variants),
phrases, and `/` with `>` / `<` in the reader."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

from tui.core.model import Article
from tui.core.search import fold_word, search
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)

A = Article("a.txt", "Melanie Krause is resigning. Kristi Noem agreed.\nO’Donnell retired in February.")
B = Article("b.txt", "Melanie Kraus resigned on Tuesday. Kristi Noém signed it.\nKrauss was not named.")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Krause", {"Krause", "Kraus", "Krauss"}),  # a name: one letter either way
        ("krause", {"Krause"}),  # lower case: no name, words it begins only
        ("NOEM", {"Noem", "Noém"}),  # case and accents aside
        ("o'donnell", {"O’Donnell"}),  # quote styles aside
        ("resign", {"resigning", "resigned"}),  # a word finds the words it begins
        ("Kristi Noem", {"Kristi Noem", "Kristi Noém"}),  # a phrase, word by word
        ("Noem signed", {"Noém signed"}),
        ("Kline", set()),  # what must not happen: a different name with the same initial
        ("", set()),
        ("  ,, ", set()),
    ],
)
def test_search_folds_what_versions_spell_differently(query: str, found: set[str]) -> None:
    matches = search([A, B], query)
    assert {[A, B][m.version].text[m.start : m.end] for m in matches} == found


def test_matches_come_in_version_and_text_order_with_their_sentence() -> None:
    matches = search([A, B], "Krause")
    assert [(m.version, m.sentence) for m in matches] == [(0, 0), (1, 0), (1, 2)]
    assert fold_word("Noém") == "noem" and fold_word("O’Donnell") == "o'donnell"


def reader(app) -> ReaderScreen:
    screen = app.screen_stack[0] if not isinstance(app.screen, ReaderScreen) else app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def highlighted(view: ArticleView) -> set[str]:
    band = view.mark_style("match").bgcolor
    return {seg.text.strip() for y in range(view.scrollable_content_region.height) for seg in view.render_line(y) if seg.style and seg.style.bgcolor == band}


async def test_slash_searches_every_version_and_the_keys_step_through_the_matches(make_app, settle: Settle) -> None:
    from tui.screens.search import SearchScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Bessent")
        await settle(pilot)
        texts = search_options(app)
        # Grouped by version, each heading with its count; "Bescent" (a misspelling) is found too.
        headings = [t for t in texts if " · " in t and not t[:4].strip().isdigit()]
        assert len(headings) >= 3 and headings[0].endswith(f"matches · {screen.story.names[0]}")
        assert any("Bescent" in t for t in texts)
        matches = app.screen.matches
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        first = matches[0]
        assert (screen.reading, screen.current) == (first.version, first.sentence)
        # The matches are highlighted in both panes.
        reading_view = screen.query_one("#reading-view", ArticleView)
        compare_view = screen.query_one("#compare-view", ArticleView)
        assert "Bessent" in highlighted(reading_view)
        assert compare_view.marks.matched == tuple((m.start, m.end) for m in matches if m.version == screen.comparing)
        # > and < step through every match, across versions, wrapping around.
        seen = []
        for _ in range(len(matches)):
            await pilot.press("greater_than_sign")
            await pilot.pause()
            seen.append((screen.reading, screen.current))
        assert seen[-1] == (first.version, first.sentence)
        assert {m.version for m in matches} == {v for v, _ in seen}
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert (screen.reading, screen.current) == (matches[-1].version, matches[-1].sentence)


async def test_a_search_with_no_match_says_so_and_escape_keeps_the_place(make_app, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert any("No search yet" in str(n.message) for n in app._notifications)
        await pilot.press("slash", *"zzqx")
        await settle(pilot)
        assert search_options(app) == ["No match in any version."]
        assert "No match in any version." in drawn(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.screen is screen and screen.current == 0 and screen.found is None


async def test_every_new_mark_reads_in_every_theme(make_app, settle: Settle) -> None:
    """The marks of this issue (typed changes, boilerplate, search matches, the strip's
    severities) at 4.5:1 on what they are drawn over, in every built-in theme."""
    from textual.color import Color

    from tui.widgets.contrast import contrast

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = reader(app).query_one("#reading-view", ArticleView)
        for theme in sorted(name for name in app.available_themes if name != "textual-ansi"):
            app.theme = theme
            await pilot.pause()
            base = view.rich_style
            for cls, band in [("match", None), ("typed", "current"), ("boilerplate", None), ("boilerplate", "current"),
                              ("change-high", None), ("change-medium", None), ("change-low", None), ("unmatched", None)]:
                style = view.mark_style(cls, band)
                background = style.bgcolor or (view.mark_style(band).bgcolor if band else base.bgcolor)
                ratio = contrast(Color.from_rich_color(style.color), Color.from_rich_color(background))
                assert ratio >= 4.5 - 0.01, (theme, cls, band, round(ratio, 2))


def search_options(app) -> list[str]:
    """What the results list: each heading, and each match's line in full (at CONTEXT); or
    what the list says when it lists nothing."""
    from tui.screens.search import match_line
    from tui.widgets.row_list import RowList

    results = app.screen.query_one("#search-results", RowList)
    if not results.listing:
        return [results.empty]
    story, matches = reader(app).story, app.screen.matches
    return [item if isinstance(item, str) else match_line(story, matches[item]).plain for item in results.listing]


def expected_options(story, query: str) -> list[str]:
    from tui.screens.search import match_line, result_listing

    matches = search(story.articles, query)
    listing, empty = result_listing(story, query, matches)
    if not listing:
        return [empty]
    return [item if isinstance(item, str) else match_line(story, matches[item]).plain for item in listing]


def drawn(app) -> str:
    """The results' lines as the screen draws them."""
    from tui.widgets.row_list import RowList

    results = app.screen.query_one("#search-results", RowList)
    return "\n".join("".join(s.text for s in results.render_line(y)) for y in range(results.scrollable_content_region.height))


async def test_typing_quickly_runs_one_search_and_shows_its_results(make_app, settle: Settle, monkeypatch) -> None:
    import tui.screens.search as search_screen

    ran: list[str] = []
    real = search_screen.search_by_version

    def counted(articles, query):
        ran.append(query)
        return real(articles, query)

    monkeypatch.setattr(search_screen, "search_by_version", counted)
    # A long pause, so that a slow machine still types the whole word within it.
    monkeypatch.setattr(search_screen, "DEBOUNCE", 1.0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Bessent")
        assert app.screen.pending  # typed, not searched yet
        await settle(pilot)
        assert ran == ["Bessent"]
        assert search_options(app) == expected_options(reader(app).story, "Bessent")
        assert app.screen.matches == search(reader(app).story.articles, "Bessent")
        # Typing back to the query shown searches nothing again.
        await pilot.press("x", "backspace")
        await settle(pilot)
        assert ran == ["Bessent"] and search_options(app) == expected_options(reader(app).story, "Bessent")
        # Deleting back to nothing shows the hint, and searches nothing.
        await pilot.press(*["backspace"] * 7)
        await settle(pilot)
        assert ran == ["Bessent"] and search_options(app) == ["Type words to search."]


async def test_a_stale_search_never_overwrites_a_newer_one(make_app, settle: Settle, monkeypatch) -> None:
    import threading

    import tui.screens.search as search_screen

    started, release = threading.Event(), threading.Event()
    real = search_screen.search_by_version

    def slow_for_krause(articles, query):
        if query == "Krause":  # the first search is held up until the second has been shown
            started.set()
            release.wait(30)
        yield from real(articles, query)

    monkeypatch.setattr(search_screen, "search_by_version", slow_for_krause)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Krause")
        for _ in range(200):
            if started.is_set():
                break
            await pilot.pause(0.05)
        assert started.is_set()
        await pilot.press(*["backspace"] * 6, *"Bessent")
        for _ in range(200):  # not `settle`: it would wait for the held worker
            if not app.screen.pending:
                break
            await pilot.pause(0.05)
        assert search_options(app) == expected_options(reader(app).story, "Bessent")
        release.set()
        await settle(pilot)
        assert search_options(app) == expected_options(reader(app).story, "Bessent")
        assert app.screen.matches == search(reader(app).story.articles, "Bessent")


async def test_enter_before_the_results_are_in_goes_to_the_first_match_of_the_query_typed(make_app, settle: Settle, monkeypatch) -> None:
    import tui.screens.search as search_screen

    monkeypatch.setattr(search_screen, "DEBOUNCE", 5.0)  # enter comes long before typing "pauses"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reader(app)
        await pilot.press("slash", *"Bessent", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        first = search(screen.story.articles, "Bessent")[0]
        assert (screen.reading, screen.current) == (first.version, first.sentence)
        assert screen.found is not None and screen.found.query == "Bessent"


def reference_search(articles: list[Article], query: str) -> list:
    """The search as first written, word by word: each occurrence of each word tested (the
    fast one tests each distinct word once); kept as the reference it must agree with."""
    import bisect
    import re

    from tui.core.search import Match, _word_matches

    word_re = re.compile(r"\w+(?:[’'\-]\w+)*")
    raw = word_re.findall(query)
    if not raw:
        return []
    wanted = [(fold_word(w), len(w) >= 4 and w[0].isupper()) for w in raw]
    found = []
    for k, article in enumerate(articles):
        words = [(fold_word(m.group()), m.start(), m.end()) for m in word_re.finditer(article.text)]
        starts = [s.start for s in article.sentences]
        for i in range(len(words) - len(wanted) + 1):
            if all(_word_matches(q, is_name, words[i + n][0]) for n, (q, is_name) in enumerate(wanted)):
                sentence = bisect.bisect_right(starts, words[i][1]) - 1
                if sentence >= 0:
                    found.append(Match(k, sentence, words[i][1], words[i + len(wanted) - 1][2]))
    return found


_WORDS = ["Krause", "Kraus", "krause", "Krauss", "KRAUSE", "Noem", "Noém", "resign", "resigned", "the", "The",
          "O’Donnell", "o'donnell", "said", "Bessent", "Bescent", "a", "x-ray", "Kristi"]


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(_WORDS + [".", ",", "\n"]), max_size=30).map(" ".join), min_size=1, max_size=4),
    query=st.lists(st.sampled_from(_WORDS + ["Kr", "res", "O’"]), min_size=0, max_size=3).map(" ".join),
)
def test_the_search_finds_what_testing_every_occurrence_finds(texts: list[str], query: str) -> None:
    articles = [Article(f"{k}.txt", text) for k, text in enumerate(texts)]
    assert search(articles, query) == reference_search(articles, query)


@settings(max_examples=300, deadline=None)
@given(st.integers(10, 200), st.sampled_from(["Krause", "Kristi", "resign", "Tuesday", "named", "February"]))
def test_a_match_line_fills_the_width_it_has_and_no_more(width: int, query: str) -> None:
    """A result is one line: never wider than the list, always showing the match, and using the
    room a side does not need for the other (a match at a sentence's start shows the rest of it).
    A short sentence shows whole, without an ellipsis."""
    from tui.core.story import Story
    from tui.screens.search import NUMBER_CELLS, fitted_match_line

    story = Story([A, B])
    for match in search(story.articles, query):
        line = fitted_match_line(story, match, width).plain
        sentence = story.articles[match.version].sentences[match.sentence].text.replace("\n", " ")
        matched = story.articles[match.version].text[match.start : match.end]
        assert matched in line
        room = width - NUMBER_CELLS - 2
        if len(line) > width:  # only when the match alone leaves no room
            assert room < len(matched)
        shown = len(line.strip("…").split("  ", 1)[1].strip("…"))
        assert shown == len(sentence) or shown >= min(len(sentence), room), (width, line)
        if NUMBER_CELLS + len(sentence) <= width:
            assert "…" not in line
