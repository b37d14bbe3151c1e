"""A screen keeps the layouts of the last few articles it showed: a swap of sides finds them,
and a reader stepping through 200 versions does not keep 200 of them (issue 13)."""

from __future__ import annotations

import gc
import weakref

from tui.core.model import Article
from tui.widgets import layouts as layouts_module
from tui.widgets.layouts import ARTICLES_KEPT, Layouts


def version(k: int) -> Article:
    return Article(path=f"v{k}.txt", text=f"The council met on day {k}.\n\nIt voted to close the bridge for {k} weeks.\n")


def test_an_article_shown_again_soon_keeps_its_layout() -> None:
    articles = [version(k) for k in range(ARTICLES_KEPT)]
    layouts = Layouts()
    first = [layouts.of(a) for a in articles]
    assert [layouts.of(a) for a in articles] == first
    assert all(layouts.of(a) is layout for a, layout in zip(articles, first))
    assert first[0].paragraphs and first[0].sentence_para


def test_only_the_last_few_articles_keep_their_layouts() -> None:
    articles = [version(k) for k in range(ARTICLES_KEPT + 3)]
    layouts = Layouts()
    old = layouts.of(articles[0])
    swapped = layouts.of(articles[1])
    for a in articles[2:]:
        layouts.of(a)
    assert len(layouts) == ARTICLES_KEPT
    assert layouts.of(articles[0]) is not old, "laid out again: it was dropped"
    assert layouts.of(articles[-1]) is layouts.of(articles[-1])
    del swapped


def test_using_a_layout_keeps_it_among_the_recent() -> None:
    articles = [version(k) for k in range(ARTICLES_KEPT + 2)]
    layouts = Layouts()
    kept = layouts.of(articles[0])
    for a in articles[1:]:
        layouts.of(articles[0])  # shown all along, as the version read is
        layouts.of(a)
    assert layouts.of(articles[0]) is kept


def test_a_layout_does_not_keep_its_article_alive() -> None:
    layouts = Layouts()
    article = version(1)
    layouts.of(article)
    watch = weakref.ref(article)
    del article
    gc.collect()
    assert watch() is None
    # A new article may take the dropped one's id: it gets a layout of its own text.
    other = Article(path="other.txt", text="Nothing alike here.\n")
    assert layouts.of(other).paragraphs[0].plain.strip() == "Nothing alike here."


async def test_stepping_through_versions_keeps_a_few_layouts(make_app, settle, monkeypatch) -> None:
    monkeypatch.setattr(layouts_module, "ARTICLES_KEPT", 2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("right_square_bracket", "s")
            await settle(pilot)
        assert len(app.screen._layouts) == 2  # five versions shown
