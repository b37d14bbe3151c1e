"""The paragraph layouts and wrappings of the articles one screen shows, shared by its views.

Switching sides swaps the two articles between the panes: neither should be laid out or wrapped
again. So a screen keeps, per article (weakly: an article dropped from the story takes its
layout with it), its paragraphs, their measured lengths (for the height estimate of text not yet
wrapped) and one wrapping per width for the last few widths.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from ..core.model import Article
from .article_marks import Paragraph, paragraphs_of
from .wrapping import LazyWrap, measure

WIDTHS_KEPT = 4
"""Wrappings kept per article (one per width): a terminal resized back and forth finds its
wrapping again, and one dragged through many widths does not keep them all."""


@dataclass
class Layout:
    """One article's paragraphs, which paragraph and slot each sentence is in, and its wrappings."""

    paragraphs: list[Paragraph]
    sentence_para: dict[int, tuple[int, int]]  # sentence -> (paragraph, slot)
    measured: list | None = None
    wrapped: dict[int, LazyWrap] = field(default_factory=dict)  # width -> wrapping, the most recent last

    def wrapping(self, width: int) -> LazyWrap:
        """The paragraphs wrapped (on demand) to `width`: the one kept for that width, or a new one."""
        lines = self.wrapped.pop(width, None)
        if lines is None:
            texts = [para.plain for para in self.paragraphs]
            if self.measured is None:
                self.measured = [measure(text) for text in texts]
            lines = LazyWrap(texts, width, measured=self.measured)
        self.wrapped[width] = lines
        while len(self.wrapped) > WIDTHS_KEPT:
            del self.wrapped[next(iter(self.wrapped))]
        return lines


class Layouts:
    """The layouts of a screen's articles, made on first use."""

    def __init__(self) -> None:
        self._by_article: weakref.WeakKeyDictionary[Article, Layout] = weakref.WeakKeyDictionary()

    def of(self, article: Article) -> Layout:
        layout = self._by_article.get(article)
        if layout is None:
            paragraphs, sentence_para = paragraphs_of(article.sentences)
            layout = self._by_article[article] = Layout(paragraphs, sentence_para)
        return layout
