"""The reading pane keeps each paragraph's drawn lines and forgets only what a change of marks
restyles (`DrawnLines`): table tests on real seed sentences."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.style import Style

from tui.core.model import Article
from tui.widgets.article_marks import Marks, paragraphs_of
from tui.widgets.drawn_lines import DrawnLines, draw_paragraph, restyles_all
from tui.widgets.wrapping import wrap_offsets


@pytest.fixture
def seed(seed_articles: list[Article]) -> Article:
    return seed_articles[0]


def kept_after(seed: Article, old: Marks, new: Marks) -> set[int]:
    """The paragraphs still kept after going from `old` to `new`, every one drawn before."""
    paragraphs, sentence_para = paragraphs_of(seed.sentences)
    drawn = DrawnLines()
    for p in range(len(paragraphs)):
        drawn.get(p, lambda p: [[]])
    drawn.marks_changed(old, new, sentence_para)
    calls: list[int] = []
    for p in range(len(paragraphs)):
        drawn.get(p, lambda p: calls.append(p) or [[]])
    return set(range(len(paragraphs))) - set(calls)


def para_of(seed: Article, sentence: int) -> int:
    return paragraphs_of(seed.sentences)[1][sentence][0]


def test_moving_the_current_sentence_draws_again_only_the_paragraphs_it_leaves_and_enters(seed: Article) -> None:
    first, later = 1, len(seed.sentences) - 2
    assert para_of(seed, first) != para_of(seed, later)
    kept = kept_after(seed, Marks(current=frozenset({first})), Marks(current=frozenset({later})))
    every = set(range(len(paragraphs_of(seed.sentences)[0])))
    assert kept == every - {para_of(seed, first), para_of(seed, later)}
    assert len(kept) >= 2, "the other paragraphs are NOT drawn again"


@pytest.mark.parametrize(
    "new",
    [
        Marks(current=frozenset({1}), matched=((0, 5),)),  # a search found words
        Marks(current=frozenset({1}), flagged=frozenset({4})),  # a bookmark
        Marks(current=frozenset({1}), dimmed=frozenset({0})),  # boilerplate set aside
        Marks(current=frozenset({1}), selected=(10, 20)),  # words being selected
        Marks(current=frozenset({1}), divergence={3: "unmatched"}),  # a new alignment's strip
    ],
)
def test_a_change_that_restyles_the_whole_text_forgets_every_paragraph(seed: Article, new: Marks) -> None:
    old = Marks(current=frozenset({1}))
    assert restyles_all(old, new)
    assert kept_after(seed, old, new) == set()


def test_equal_marks_restyle_only_the_current_paragraph(seed: Article) -> None:
    old, new = Marks(current=frozenset({1}), flagged=frozenset({2})), Marks(current=frozenset({1}), flagged=frozenset({2}))
    assert not restyles_all(old, new)
    assert para_of(seed, 1) not in kept_after(seed, old, new)  # its changed words may differ
    assert len(kept_after(seed, old, new)) == len(paragraphs_of(seed.sentences)[0]) - 1


def test_a_drawn_paragraph_covers_its_text_line_by_line_padded_to_the_width(seed: Article) -> None:
    paragraphs, _ = paragraphs_of(seed.sentences)
    para = max(paragraphs, key=lambda p: len(p.plain))
    width = 40
    spans = wrap_offsets(para.plain, width)
    lines = draw_paragraph(para, seed.sentences, Marks(), spans, width, lambda cls, band=None: Style(), Style(), Console(width=120))
    assert len(lines) == len(spans) > 1
    texts = ["".join(s.text for s in line) for line in lines]
    assert all(len(t) == width + 1 for t in texts)
    assert " ".join("".join(texts).split()) == " ".join(para.plain.split())
