"""The reading pane's drawn lines: each paragraph's marked text cut at its wrapped line starts,
kept until what it shows changes.

Drawing a paragraph (painting its marks, then rendering each line to segments) is most of what
a frame of the reading pane costs, and a frame usually shows the paragraphs of the last one. So
the view keeps each paragraph's drawn lines and forgets only what a change of marks restyles: a
new current sentence restyles the paragraphs it leaves and enters, a new search or alignment
every paragraph; a new width or theme forgets them all. Kept apart from `article_view`, which
scrolls and wraps, because deciding what to draw again is one idea and where lines go another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ..core.model import Sentence
from .article_marks import Marks, Paragraph, marked_text

Lines = list[list[Segment]]
"""A paragraph's lines, each as segments padded to the text's width."""


def restyles_all(old: Marks, new: Marks) -> bool:
    """Whether going from marks `old` to `new` restyles every paragraph (not only those whose
    current or secondary sentences changed)."""
    return (
        old.every_word is not new.every_word
        or old.divergence is not new.divergence
        or old.matched != new.matched
        or (old.sentence_glyphs, old.underlined, old.flagged, old.selected, old.dimmed)
        != (new.sentence_glyphs, new.underlined, new.flagged, new.selected, new.dimmed)
    )


def draw_paragraph(para: Paragraph, sentences: Sequence[Sentence], marks: Marks, spans: Sequence[tuple[int, int]], width: int,
                   mark_style: Callable[..., Style], base: Style, console: Console) -> Lines:
    """Paragraph `para` with `marks`, cut into the lines `spans` gives, each padded to `width`
    cells plus one (the blank column the divergence strip is drawn in)."""
    text = marked_text(para, sentences, marks, mark_style, base)
    text_width = width + 1
    lines = []
    # One division of the paragraph at every line start (slicing a Text line by line divides
    # it once per line). The lines cover the text end to end.
    for piece in text.divide([s for s, _ in spans[1:]]):
        piece.rstrip_end(width)
        # Rich renders a Text without spans with no style at all, not its base style: the
        # line would take the terminal's colours instead of the theme's.
        segments = list(piece.render(console, end="")) if piece.spans else [Segment(piece.plain, base)]
        pad = text_width - piece.cell_len
        if pad > 0:
            segments.append(Segment(" " * pad, base))
        lines.append(segments)
    return lines


def with_last_cell(line: list[Segment], cell: Segment, width: int) -> list[Segment]:
    """`line`, `width` cells wide, with its last cell replaced by `cell` (one cell wide): how
    the divergence strip is drawn in the blank column at the end of a drawn line. A line that
    ends in a space (drawn lines do: `draw_paragraph` pads each with at least one) gives that
    space up; anything else is cropped a cell short first."""
    last = line[-1] if line else None
    if last is not None and not last.control and last.text.endswith(" "):
        rest = [Segment(last.text[:-1], last.style)] if len(last.text) > 1 else []
        return [*line[:-1], *rest, cell]
    return [*Strip(line, width).crop(0, width - 1), cell]


class DrawnLines:
    """Each paragraph's drawn lines, kept until what it shows changes."""

    def __init__(self) -> None:
        self._lines: dict[int, Lines] = {}

    def get(self, p: int, draw: Callable[[int], Lines]) -> Lines:
        """Paragraph `p`'s lines, drawn by `draw(p)` if not kept."""
        lines = self._lines.get(p)
        if lines is None:
            lines = self._lines[p] = draw(p)
        return lines

    def clear(self) -> None:
        """Forget every paragraph (a new article, width or theme)."""
        self._lines.clear()

    def marks_changed(self, old: Marks, new: Marks, sentence_para: dict[int, tuple[int, int]]) -> None:
        """Forget what going from marks `old` to `new` restyles; `sentence_para` maps a sentence
        to its (paragraph, slot)."""
        if restyles_all(old, new):
            self._lines.clear()
            return
        touched = old.current | new.current | old.secondary | new.secondary
        for p in {sentence_para[i][0] for i in touched if i in sentence_para}:
            self._lines.pop(p, None)
