"""The shared vocabulary of the change detectors: a change, its spans, and a linked pair of texts.

Every detector looks at one `LinkedText` (the sentences of a link on both sides, with the
word-level ops the aligner computed) and returns `Change`s whose spans are offsets into each
article's loaded text, as the sentence offsets are, so a reader can mark them in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..model import Article, DiffOp, LinkKind, SentenceLink

SEVERITIES = ("high", "medium", "low")
# A same-content link scored under this (a quarter of the aligner's scale) is read as a partial
# one: its sides share some words, and details missing on one side are not edits of the other.
WEAK_LINK = 0.25
TYPES = ("name", "number", "date", "quote", "attribution", "certainty", "negation", "role")

# Words with inner apostrophes, hyphens and dots ("O’Donnell", "data-sharing", "U.S."), and
# numbers with their currency sign, separators and percent sign ("$80", "102,800", "25%").
WORD_RE = re.compile(r"[$£€]?\d+(?:[.,]\d+)*%?(?:st|nd|rd|th)?|\w+(?:[’'\-]\w+)*(?:\.\w+)*")

# Grammar words: a change made of these only is small ("the major" -> "major").
FUNCTION_WORDS = frozenset(
    """a an the of to in on at for by with from and or but as that which who whom this these those
    it its is are was were be been being has have had do does did so than then there their they
    them he she his her we our you your i me my not no""".split()
)


@dataclass(frozen=True)
class Span:
    """A stretch of one article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Change:
    """Something that changed between two versions and that a reader must not miss.

    `link` is the index of the link it was found in, or None for a sentence with no counterpart
    (then the side without one is None)."""

    type: str
    severity: str
    link: int | None
    a: Span | None
    b: Span | None
    note: str

    def as_json(self) -> dict:
        """The change as the `changes` item of the `align --json` document."""

        def side(span: Span | None) -> dict | None:
            return None if span is None else {"start": span.start, "end": span.end, "text": span.text}

        return {"type": self.type, "severity": self.severity, "link": self.link, "a": side(self.a),
                "b": side(self.b), "note": self.note}


class Word(NamedTuple):
    """A word of an article and where it sits in the article's text (a named tuple: detectors
    read thousands of them per pair of versions)."""

    text: str
    start: int
    end: int
    lower: str


@lru_cache(maxsize=1 << 14)
def words_in(text: str, start: int, end: int) -> tuple[Word, ...]:
    """The words of `text[start:end]`, located in `text`. Cached, as the other readings of a
    stretch are: every detector reads the same stretches, and a base version meets every other
    (a string's hash is computed once, so the key is cheap)."""
    return tuple([Word(m[0], m.start(), m.end(), m[0].lower()) for m in WORD_RE.finditer(text, start, end)])


@lru_cache(maxsize=1 << 14)
def word_set(text: str, start: int, end: int) -> frozenset[str]:
    """The words of a stretch, as written."""
    return frozenset(WORD_RE.findall(text, start, end))


@lru_cache(maxsize=1 << 14)
def lower_words(text: str, start: int, end: int) -> frozenset[str]:
    """The words of a stretch in lower case: detectors first check their lexicon against this
    set, which costs far less than searching the text for each of the lexicon's words."""
    return frozenset([w.lower() for w in WORD_RE.findall(text, start, end)])


_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=16)
def _folded(text: str) -> str:
    return " " + " ".join(_NOT_WORD.sub(" ", text.lower()).split()) + " "


def found_in(phrase: str, article: Article) -> bool:
    """Whether `phrase` is in the article word for word, case and punctuation aside: a quotation
    or a source that moved to another sentence is not gone."""
    words = " ".join(_NOT_WORD.sub(" ", phrase.lower()).split())
    return bool(words) and f" {words} " in _folded(article.text)


def span_of(article: Article, start: int, end: int) -> Span:
    return Span(start, end, article.text[start:end])


@dataclass(frozen=True)
class LinkedText:
    """The two sides of one link: the linked sentences' stretch of each text, and the ops."""

    index: int | None
    a: Article
    b: Article
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    ops: tuple[DiffOp, ...]
    kind: LinkKind
    a_sentences: tuple[int, ...] = ()
    b_sentences: tuple[int, ...] = ()
    score: float = 1.0

    @classmethod
    def of_link(cls, a: Article, b: Article, link: SentenceLink, index: int) -> "LinkedText":
        sa = [a.sentences[i] for i in link.a]
        sb = [b.sentences[j] for j in link.b]
        return cls(index, a, b, min(s.start for s in sa), max(s.end for s in sa),
                   min(s.start for s in sb), max(s.end for s in sb), tuple(link.ops), link.kind,
                   tuple(link.a), tuple(link.b), link.score)

    @property
    def same_content(self) -> bool:
        """Whether both sides say the same thing: not a partial link, where one side adds or
        drops substantial content, so a detail missing there is an omission, not an edit; nor a
        link weaker than `WEAK_LINK`, whose two sides may be different statements."""
        return self.kind is not LinkKind.PARTIAL and self.score >= WEAK_LINK

    @property
    def a_text(self) -> str:
        return self.a.text[self.a_start : self.a_end]

    @property
    def b_text(self) -> str:
        return self.b.text[self.b_start : self.b_end]

    def a_words(self) -> tuple[Word, ...]:
        return words_in(self.a.text, self.a_start, self.a_end)

    def b_words(self) -> tuple[Word, ...]:
        return words_in(self.b.text, self.b_start, self.b_end)

    @property
    def a_word_set(self) -> frozenset[str]:
        return word_set(self.a.text, self.a_start, self.a_end)

    @property
    def b_word_set(self) -> frozenset[str]:
        return word_set(self.b.text, self.b_start, self.b_end)

    def changed_ops(self) -> list[DiffOp]:
        return [op for op in self.ops if op.op != "equal"]

    def change(self, type_: str, severity: str, a: tuple[int, int] | None, b: tuple[int, int] | None,
               note: str) -> Change:
        """A change of this link, its spans given as (start, end) offsets."""
        return Change(type_, severity, self.index, None if a is None else span_of(self.a, *a),
                      None if b is None else span_of(self.b, *b), note)


def is_function_text(text: str) -> bool:
    """Whether `text` holds only grammar words and punctuation."""
    return all(m.group().lower() in FUNCTION_WORDS for m in WORD_RE.finditer(text))
