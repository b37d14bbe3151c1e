"""The nouns every part of storydiff shares: articles, sentences, links and word-level changes.

They live in one small module so that the loader, the sentence splitter, the aligner, the store
and the widgets agree on one vocabulary without importing each other. `Sentence` is defined
beside the splitter that makes it (`sentences.py` imports nothing of storydiff's) and re-exported
here, so that the two modules do not import each other.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from .sentences import Sentence, split_sentences
from .text_safety import clean_outside

__all__ = ["Alignment", "Article", "DiffOp", "LinkKind", "Sentence", "SentenceLink"]


def file_label(path: str) -> str:
    """The file name of `path` without its folder, cleaned to draw: for lists, titles, notes.

    A file name is untrusted text: it can carry escape sequences and line breaks. Only this
    system's separators end a folder: on POSIX a backslash is part of a name (and stands for an
    undecodable byte or a control character, see `loading.path_text`).
    """
    name = path
    for separator in {"/", os.sep, os.altsep or "/"}:
        name = name.rsplit(separator, 1)[-1]
    return clean_outside(name or path)


@dataclass(frozen=True, eq=False)
class Article:
    """One version of the story, as loaded and made safe.

    `text` is the only text anything else refers to: sentence offsets, diff spans and annotation
    anchors are all offsets into it.
    """

    path: str
    text: str
    title: str = ""
    source: str = ""
    date: str | None = None

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(split_sentences(self.text))

    @cached_property
    def text_hash(self) -> str:
        """Identifies the text whatever path it was loaded from, so notes follow a moved file."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def label(self) -> str:
        """A short name for lists and headers: the file name without its folder."""
        return file_label(self.path)


class LinkKind(str, Enum):
    """What relation a link between sentences of two versions stands for.

    - verbatim: the same words (case, spacing and quote style aside).
    - edited: a light edit: most content words kept, a few replaced, added or dropped.
    - paraphrase: the same content reworded, spun or garbled by translation.
    - partial: the sentences share a clause or a fact; one adds or drops substantial content.
    """

    VERBATIM = "verbatim"
    EDITED = "edited"
    PARAPHRASE = "paraphrase"
    PARTIAL = "partial"


class DiffOp(NamedTuple):
    """One stretch of a word-level diff.

    `a_start`/`a_end` and `b_start`/`b_end` are offsets into the two articles' texts, so a widget
    can mark the stretch in place; an empty span (start == end) marks where an insertion or
    deletion falls.

    A named tuple, not a dataclass: a long alignment makes hundreds of thousands of these, and a
    tuple takes a third of the memory.
    """

    op: str  # "equal" | "replace" | "delete" | "insert"
    a: str
    b: str
    a_start: int = 0
    a_end: int = 0
    b_start: int = 0
    b_end: int = 0


class SentenceLink(NamedTuple):
    """Sentences of version A joined to the sentences of version B that say the same thing.

    A named tuple, like `DiffOp`, since a long alignment makes tens of thousands."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    kind: LinkKind
    ops: tuple[DiffOp, ...] = ()


@dataclass(frozen=True, eq=False)
class Alignment:
    """Every link between two versions, with lookups from either side."""

    a: Article
    b: Article
    links: tuple[SentenceLink, ...]
    _by_a: dict[int, list[SentenceLink]] = field(init=False, repr=False)
    _by_b: dict[int, list[SentenceLink]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_a: dict[int, list[SentenceLink]] = {}
        by_b: dict[int, list[SentenceLink]] = {}
        for link in self.links:
            for i in link.a:
                by_a.setdefault(i, []).append(link)
            for j in link.b:
                by_b.setdefault(j, []).append(link)
        object.__setattr__(self, "_by_a", by_a)
        object.__setattr__(self, "_by_b", by_b)

    def links_for_a(self, index: int) -> list[SentenceLink]:
        """Links touching sentence `index` of A, best score first."""
        return sorted(self._by_a.get(index, ()), key=lambda link: -link.score)

    def links_for_b(self, index: int) -> list[SentenceLink]:
        """Links touching sentence `index` of B, best score first."""
        return sorted(self._by_b.get(index, ()), key=lambda link: -link.score)

    @property
    def a_only(self) -> list[int]:
        return [s.index for s in self.a.sentences if s.index not in self._by_a]

    @property
    def b_only(self) -> list[int]:
        return [s.index for s in self.b.sentences if s.index not in self._by_b]

    def swapped(self) -> "Alignment":
        """The same alignment read from B's side, so switching sides needs no re-alignment."""
        flip = {"delete": "insert", "insert": "delete"}
        links = tuple(
            SentenceLink(
                a=link.b,
                b=link.a,
                score=link.score,
                kind=link.kind,
                ops=tuple(
                    DiffOp(flip.get(op.op, op.op), op.b, op.a, op.b_start, op.b_end, op.a_start, op.a_end)
                    for op in link.ops
                ),
            )
            for link in self.links
        )
        return Alignment(self.b, self.a, links)
