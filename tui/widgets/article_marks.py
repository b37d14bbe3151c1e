"""What an article view draws over the plain text: the marks, their styles and how a paragraph is painted.

Kept apart from `article_view` because deciding what each mark looks like (which sentence glyph,
which band, which word colour wins over which) is one idea, and laying text out, scrolling it
and drawing the scrollbar is another. The plain paragraphs the marks are painted on are made
here too (`paragraphs_of`: the blank cells each sentence gets for its glyph and flag are the
marks' business); the view keeps them and the style cache, hands a paragraph and its `Marks`
here and gets back the styled text it then wraps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.color import Color

from ..core.model import Sentence
from .contrast import readable

if TYPE_CHECKING:
    from textual.widget import Widget


@dataclass
class Marks:
    """Everything drawn over the plain text of an article.

    Offsets are into the article's text. `sentence_glyphs` gives each sentence a leading glyph
    and component class (its relation to the comparison version).
    """

    sentence_glyphs: list[tuple[str, str]] | None = None
    current: frozenset[int] = frozenset()
    secondary: frozenset[int] = frozenset()
    word_spans: list[tuple[int, int, str]] = field(default_factory=list)
    underlined: list[tuple[int, int]] = field(default_factory=list)
    flagged: frozenset[int] = frozenset()
    """Sentences with a bookmark: a flag after the glyph."""
    selected: tuple[int, int] | None = None
    """Words being selected to annotate (offsets into the text): drawn over every other mark."""
    dimmed: frozenset[int] = frozenset()
    """Sentences drawn dim: boilerplate, not the story."""
    matched: tuple[tuple[int, int], ...] = ()
    """Words a search found (offsets into the text): drawn on a background of their own."""
    divergence: dict[int, str] | None = None
    """Sentences to mark in the divergence strip beside the scrollbar, with their mark class."""
    every_word: dict[int, list[tuple[int, int, str]]] | None = None
    """The whole-article view: changed words of every sentence (by sentence), marked off the
    band too; None marks them in the current sentences only (`word_spans`)."""


@dataclass
class Paragraph:
    """One paragraph as the view lays it out and `marked_text` paints it: its sentences, its
    plain text (each sentence after three blank cells: two for its relation glyph, one for a
    bookmark flag) and where each sentence's own text starts in it."""

    sentences: list[int]
    plain: str
    starts: list[int]


def paragraphs_of(sentences: Sequence[Sentence]) -> tuple[list[Paragraph], dict[int, tuple[int, int]]]:
    """The article's paragraphs, and each sentence's (paragraph, place among its sentences)."""
    by_paragraph: dict[int, list[int]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence.index)
    paragraphs: list[Paragraph] = []
    where: dict[int, tuple[int, int]] = {}
    for indexes in by_paragraph.values():
        plain, starts, pos = [], [], 0
        for slot, i in enumerate(indexes):
            if slot:
                plain.append(" ")
                pos += 1
            plain.append("   ")
            pos += 3
            starts.append(pos)
            plain.append(sentences[i].text)
            pos += len(sentences[i].text)
            where[i] = (len(paragraphs), slot)
        paragraphs.append(Paragraph(indexes, "".join(plain), starts))
    return paragraphs, where


MarkStyle = Callable[..., Style]
"""`mark_style(cls, band=None)`: the style of one mark class, on the pane or on a band."""


def marked_text(para: Paragraph, sentences: Sequence[Sentence], marks: Marks, mark: MarkStyle, base: Style) -> Text:
    """Paragraph `para` as one styled Text: glyphs, bookmark flags, bands and word marks."""
    # Glyphs go into the blank prefix cells, so offsets into `plain` stay valid.
    chars = list(para.plain)
    glyph_styles: list[tuple[int, Style]] = []
    for slot, i in enumerate(para.sentences):
        start = para.starts[slot]
        if marks.sentence_glyphs is not None and i < len(marks.sentence_glyphs):
            glyph, cls = marks.sentence_glyphs[i]
            chars[start - 3] = glyph[:1]
            glyph_styles.append((start - 3, mark(cls)))
        if i in marks.flagged:
            chars[start - 2] = "⚑"
            glyph_styles.append((start - 2, mark("bookmark")))
    text = Text("".join(chars), style=base, no_wrap=True, end="")
    for pos, style in glyph_styles:
        text.stylize(style, pos, pos + 1)
    # Later styles win attribute by attribute: the band sets the background, and the marks
    # on it set only colour and text style, so the band has no holes under them.
    for slot, i in enumerate(para.sentences):
        start = para.starts[slot]
        sentence = sentences[i]
        end = start + len(sentence.text)
        delta = start - sentence.start

        def paint(style: Style, s: int, e: int) -> None:
            if s < sentence.end and e > sentence.start:
                text.stylize(style, max(s, sentence.start) + delta, min(e, sentence.end) + delta)

        band = "current" if i in marks.current else "secondary" if i in marks.secondary else None
        if band is not None:
            text.stylize(mark(band), start, end)
        if i in marks.dimmed:
            text.stylize(mark("boilerplate", band), start, end)
        for s, e in marks.underlined:
            paint(mark("annotated", band), s, e)
        if band is not None:
            for s, e, cls in marks.word_spans:
                paint(mark(cls, band), s, e)
        elif marks.every_word is not None:
            for s, e, cls in marks.every_word.get(i, ()):
                paint(mark(cls), s, e)
        for s, e in marks.matched:
            paint(mark("match"), s, e)
        if marks.selected is not None:
            paint(mark("selected"), *marks.selected)
    return text


def readable_mark_style(view: Widget, cls: str, band: str | None, base: Style) -> Style:
    """The style of mark `cls` on `view`, its colour made readable (4.5:1) on what it is drawn
    over (the pane, or `band`): the view's component classes give the colours, whatever the theme."""
    if cls in ("current", "secondary", "selected", "match"):
        # Marks with a background of their own: the whole style, background included.
        style = view.get_component_rich_style(f"article-view--{cls}")
        background = style.bgcolor
    else:
        style = view.get_component_rich_style(f"article-view--{cls}", partial=True)
        background = view.get_component_rich_style(f"article-view--{band}").bgcolor if band else base.bgcolor
    color = style.color or base.color
    if color is not None and background is not None:
        translucent = view.get_component_styles(f"article-view--{cls}").color
        if 0 < translucent.a < 1:
            # A dimmed colour ("$foreground 55%"): seen through, on what it is drawn over.
            color = (Color.from_rich_color(background) + translucent).rich_color
        fixed = readable(Color.from_rich_color(color), Color.from_rich_color(background))
        style = style + Style(color=fixed.rich_color)
    return style
