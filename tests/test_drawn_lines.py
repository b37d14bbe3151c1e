"""The reading pane keeps each paragraph's drawn lines and forgets only what a change of marks
restyles (`DrawnLines`): table tests on real seed sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.model import Article
from tui.widgets.article_marks import Marks, paragraphs_of
from tui.widgets.drawn_lines import DrawnLines, draw_paragraph, restyles_all, with_last_cell
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


def cells(line: list[Segment]) -> list[tuple[str, Style | None]]:
    """A line as what each character is drawn with."""
    return [(ch, seg.style) for seg in line for ch in seg.text]


def cropped_then_marked(line: list[Segment], cell: Segment, width: int) -> list[Segment]:
    """The divergence strip's cell drawn the way it was before `with_last_cell`."""
    return [*Strip(line, width).crop(0, width - 1), cell]


GLYPH = Segment("▌", Style(color="red"))


def test_the_strip_cell_takes_the_place_of_the_last_blank_of_every_drawn_line(seed: Article) -> None:
    paragraphs, _ = paragraphs_of(seed.sentences)
    width = 40
    styles = {"current": Style(bold=True), "secondary": Style(italic=True)}
    marks = Marks(current=frozenset({1}), word_spans=[(seed.sentences[1].start, seed.sentences[1].start + 12, "added")])
    for para in paragraphs:
        spans = wrap_offsets(para.plain, width)
        lines = draw_paragraph(para, seed.sentences, marks, spans, width, lambda cls, band=None: styles.get(band or "", Style(underline=True)),
                               Style(color="white"), Console(width=120))
        for line in lines:
            marked = with_last_cell(line, GLYPH, width + 1)
            assert cells(marked) == cells(cropped_then_marked(line, GLYPH, width + 1))
            assert Strip(marked).cell_length == width + 1 and marked[-1] is GLYPH


@given(
    pieces=st.lists(st.tuples(st.text(alphabet="ab 日é.", min_size=1, max_size=6), st.sampled_from([None, Style(bold=True), Style(color="red")])),
                    min_size=1, max_size=6),
    extra=st.integers(min_value=-3, max_value=3),
)
def test_the_strip_cell_replaces_the_last_cell_of_any_line(pieces: list[tuple[str, Style | None]], extra: int) -> None:
    """Property: whatever a line ends with (a blank, a word, a wide character), the result is
    what cropping it a cell short and adding the cell gives."""
    line = [Segment(text, style) for text, style in pieces]
    width = max(2, Strip(line).cell_length + extra)
    line = list(Strip(line).crop_extend(0, width, None))  # exactly `width` cells, as drawn lines are
    assert cells(with_last_cell(line, GLYPH, width)) == cells(cropped_then_marked(line, GLYPH, width))
