"""The paragraph layouts and wrappings of the articles one screen shows, shared by its views.

Switching sides swaps the two articles between the panes: neither should be laid out or wrapped
again. So a screen keeps, for the last few articles it showed, their paragraphs, their measured
lengths (for the height estimate of text not yet wrapped) and one wrapping per width for the
last few widths. Only the last few: a reader stepping through 200 versions with `]` showed each
of them once, and kept every layout (about 60 KB a version) until the screen closed (issue 13).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
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


ARTICLES_KEPT = 8
"""Layouts kept per screen: the two articles shown and the last few before them, so a swap of
sides, or `]` then `[`, finds its layout again."""


class Layouts:
    """The layouts of a screen's last `ARTICLES_KEPT` articles, made on first use."""

    def __init__(self) -> None:
        # id(article) -> (the article, weakly: one dropped from the story takes its layout with
        # it, and its id may be reused; its layout), the most recently asked for last.
        self._recent: OrderedDict[int, tuple[weakref.ref[Article], Layout]] = OrderedDict()

    def __len__(self) -> int:
        """How many layouts are kept."""
        return len(self._recent)

    def of(self, article: Article) -> Layout:
        entry = self._recent.pop(id(article), None)
        if entry is None or entry[0]() is not article:
            paragraphs, sentence_para = paragraphs_of(article.sentences)
            entry = (weakref.ref(article), Layout(paragraphs, sentence_para))
        self._recent[id(article)] = entry
        while len(self._recent) > ARTICLES_KEPT:
            self._recent.popitem(last=False)
        return entry[1]
