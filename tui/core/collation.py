"""A collation: every version's wording of a passage, aligned word by word against a base.

What Juxta and CollateX show for manuscripts, built from what the aligner already knows: each
link between the base's sentence and a version's carries a word diff (`DiffOp`s), and the diff's
equal stretches pair words one to one while its changed stretches say which run of base words a
run of the version's words stands for. So the table has one column per base word; a version's
reading of a changed stretch is one cell spanning the base words it replaces; words a version
adds get columns of their own between two base words, shared by every version that adds words
at that place. Nothing is aligned more finely than the diff did: inside a reworded stretch no
word is paired with another, since for paraphrased prose such a pairing would be a guess.

Every word of a version's linked sentences appears in its row exactly once, in order: words the
link's diff pairs with base words outside the passage (a version that merged the base's sentence
with the next) sit at the passage's edge, marked as "outside".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .model import Article, DiffOp, LinkKind, SentenceLink
from .sentence_changes import FindingsCache, SentenceChanges
from .story import Story, counterpart
from .tokens import Token, tokenize

SAME, DIFFERENT, ADDED, MISSING, OUTSIDE = "same", "different", "added", "missing", "outside"
"""A cell's reading against the base: the same word; other words for a run of base words; words
the base does not have; no words for a run of base words; words linked to base words outside
the passage."""

LINKED, NONE, ALIGNING, BOILERPLATE = "linked", "none", "aligning", "boilerplate"
"""A row's state: it has a reading; the version has no counterpart; its alignment is not done;
the base passage is site furniture (a caption, a credit), which is not compared."""

# Kinds from most to least alike: a row standing for several links shows the least alike.
_KIND_ORDER = (LinkKind.VERBATIM, LinkKind.EDITED, LinkKind.PARAPHRASE, LinkKind.PARTIAL)


class Column(NamedTuple):
    """One column: a base word, or the place (before base word `gap`) where versions add words."""

    gap: int
    """The base word's index; for an added-words column, the index of the base word after it."""
    word: str
    """The base word ("" for an added-words column)."""

    @property
    def added(self) -> bool:
        return self.word == ""


class Cell(NamedTuple):
    """A version's reading over columns `first`..`last` (inclusive)."""

    first: int
    last: int
    text: str
    reading: str
    b_start: int = 0
    b_end: int = 0
    """Where the words sit in the version's text (to mark typed changes over them)."""


@dataclass(frozen=True)
class Row:
    """One version's line of the table."""

    version: int
    state: str
    kind: LinkKind | None = None
    score: float | None = None
    cells: tuple[Cell, ...] = ()

    @property
    def differs(self) -> bool:
        """Whether any reading differs from the base (or there is none to compare)."""
        return self.state != LINKED or any(cell.reading != SAME for cell in self.cells)


@dataclass(frozen=True)
class Collation:
    """The base's words as columns (with added-words columns between them) and a row per version."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def base_cells(self) -> tuple[Cell, ...]:
        """The base's own row: each word in its column."""
        return tuple(Cell(c, c, col.word, SAME) for c, col in enumerate(self.columns) if not col.added)


class Witness(NamedTuple):
    """What the collation is told of one version: its link(s) to the passage, or its state."""

    version: int
    links: tuple[SentenceLink, ...] = ()
    state: str = LINKED


def _words(text: str) -> str:
    """A stretch of text as one line of words (a reading may span a line break)."""
    return " ".join(text.split())


class _RowBuilder:
    """One version's cells, keyed by base word index (`at`) or by gap (`added`)."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], words: dict[str, list[tuple[str, int, int]]],
                 word_at: dict[int, int]) -> None:
        count = len(starts)
        self.words = words
        self.starts = starts
        self.word_at = word_at  # where each base word starts -> its index
        self.count = count
        self.span = (starts[0], ends[-1]) if count else (0, 0)
        self.at: dict[int, tuple[int, str, str, int, int]] = {}  # first base word -> (last, text, reading, b span)
        self.added: dict[int, list[tuple[str, str, int, int]]] = {}

    def index(self, offset: int) -> int:
        """The first base word starting at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def place(self, first: int, last: int, text: str, reading: str, b: tuple[int, int]) -> None:
        held = self.at.pop(first, None)
        if held is not None:  # two links read the same base words: one cell for both
            last, text, reading = max(last, held[0]), _words(f"{held[1]} {text}"), DIFFERENT
            b = (min(b[0], held[3]), max(b[1], held[4]))
        self.at[first] = (last, text, reading, *b)

    def add(self, gap: int, text: str, reading: str, b: tuple[int, int]) -> None:
        if text:
            self.added.setdefault(gap, []).append((text, reading, *b))

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """The words of `text` and where they sit in it: versions share most of their wording,
        so each stretch is split once per collation, not once per version."""
        found = self.words.get(text)
        if found is None:
            found = self.words[text] = [(t.text, t.start, t.end) for t in tokenize(text)]
        return found

    def read(self, op: DiffOp) -> None:
        """Place one stretch of the diff."""
        if op.op == "equal":
            at, word_at = self.at, self.word_at
            for (_, a_start, _), (word, b_start, b_end) in zip(self.tokens(op.a), self.tokens(op.b)):
                a_start += op.a_start
                b = (op.b_start + b_start, op.b_start + b_end)
                i = word_at.get(a_start)
                if i is None:
                    self.add(self.index(a_start), word, OUTSIDE, b)
                elif i in at:
                    self.place(i, i, word, SAME, b)
                else:  # the common case, without a call: a word read the same, in a column of its own
                    at[i] = (i, word, SAME, *b)
            return
        i1, i2 = self.index(op.a_start), self.index(op.a_end)
        text = _words(op.b)
        if i1 < i2:
            self.place(i1, i2 - 1, text, DIFFERENT if text else MISSING, (op.b_start, op.b_end))
        else:
            inside = op.a_start == op.a_end and self.span[0] <= op.a_start <= self.span[1]
            self.add(i1, text, ADDED if inside else OUTSIDE, (op.b_start, op.b_end))

    def fill(self) -> None:
        """Base words no stretch read are missing from this version (a sentence of a paragraph
        it has no counterpart for)."""
        i = 0  # the first base word not known to be read
        for first in sorted(self.at):
            if first > i:
                self.at[i] = (first - 1, "", MISSING, 0, 0)
            i = max(i, self.at[first][0] + 1)
        if i < self.count:
            self.at[i] = (self.count - 1, "", MISSING, 0, 0)


def collate(base: Sequence[Token], witnesses: Sequence[Witness]) -> Collation:
    """The collation of the passage whose words are `base` with each witness's linked reading.

    Columns: before each base word (and after the last), one column of added words where any
    version adds words there, then the base word. A version's added words at one place share
    that column; so do different versions' (each row has its own cell in it).
    """
    starts, ends = [t.start for t in base], [t.end for t in base]
    word_at = {start: i for i, start in enumerate(starts)}
    count = len(base)
    builders: list[_RowBuilder | None] = []
    words: dict[str, list[tuple[str, int, int]]] = {}
    for witness in witnesses:
        if witness.state != LINKED:
            builders.append(None)
            continue
        builder = _RowBuilder(starts, ends, words, word_at)
        for link in witness.links:
            for op in link.ops:
                builder.read(op)
        builder.fill()
        builders.append(builder)
    gaps = sorted({gap for b in builders if b is not None for gap in b.added})
    columns: list[Column] = []
    word_column: list[int] = []
    gap_column: dict[int, int] = {}
    for i in range(count + 1):
        if gaps and gaps[0] == i:
            gaps.pop(0)
            gap_column[i] = len(columns)
            columns.append(Column(i, ""))
        if i < count:
            word_column.append(len(columns))
            columns.append(Column(i, base[i].text))
    rows = []
    for witness, builder in zip(witnesses, builders):
        if builder is None:
            rows.append(Row(witness.version, witness.state))
            continue
        cells = [
            Cell(word_column[first], word_column[last], text, reading, b0, b1)
            for first, (last, text, reading, b0, b1) in builder.at.items()
        ]
        for gap, pieces in builder.added.items():
            reading = OUTSIDE if all(p[1] == OUTSIDE for p in pieces) else ADDED
            text = _words(" ".join(p[0] for p in pieces))
            cells.append(Cell(gap_column[gap], gap_column[gap], text, reading, pieces[0][2], pieces[-1][3]))
        row_cells = _merge_overlaps(sorted(cells))
        kinds = [link.kind for link in witness.links]
        kind = max(kinds, key=_KIND_ORDER.index) if kinds else None
        score = sum(link.score for link in witness.links) / len(kinds) if kinds else None
        rows.append(Row(witness.version, LINKED, kind, score, row_cells))
    return Collation(tuple(columns), tuple(rows))


def _merge_overlaps(cells: list[Cell]) -> tuple[Cell, ...]:
    """One cell where two overlap: two links of a paragraph that read the same base words (the
    aligner links a sentence once, so this is a guard, not a case the seeds show)."""
    merged: list[Cell] = []
    for cell in cells:
        if merged and cell.first <= merged[-1].last:
            held = merged[-1]
            merged[-1] = Cell(held.first, max(held.last, cell.last), _words(f"{held.text} {cell.text}"), DIFFERENT,
                              min(held.b_start, cell.b_start), max(held.b_end, cell.b_end))
        else:
            merged.append(cell)
    return tuple(merged)


def story_link(changes: SentenceChanges, index: int) -> SentenceLink | None:
    """Sentence `index`'s counterpart in the other version of `changes`, as the reader shows it:
    boilerplate set aside, and no line of site furniture on the other side taken for one."""
    if index in changes.boilerplate:
        return None
    link = counterpart(changes.alignment, index).link
    if link is None or any(j in changes.findings.boilerplate_b for j in link.b):
        return None
    return link


def passage_tokens(article: Article, indexes: Sequence[int]) -> list[Token]:
    """The words of the base's sentences `indexes`, located in the article's text."""
    return [t for i in indexes for t in tokenize(article.sentences[i].text, article.sentences[i].start)]


def paragraph_of(article: Article, index: int) -> list[int]:
    """The sentences of the paragraph sentence `index` sits in."""
    paragraph = article.sentences[index].paragraph
    return [s.index for s in article.sentences if s.paragraph == paragraph]


def story_collation(
    story: Story, findings: FindingsCache, reading: int, indexes: Sequence[int],
    order: Callable[[int], object] | None = None,
) -> Collation:
    """The collation of the version read's sentences `indexes` with every other version."""
    witnesses = []
    base = story.articles[reading]
    for k in sorted(story.pairs_for(reading), key=order) if order else story.pairs_for(reading):
        changes = findings.get(story.cached(reading, k))
        if changes is None:
            witnesses.append(Witness(k, state=ALIGNING))
            continue
        if all(i in changes.boilerplate for i in indexes):
            witnesses.append(Witness(k, state=BOILERPLATE))
            continue
        links: list[SentenceLink] = []
        for i in indexes:
            link = story_link(changes, i)
            if link is not None and not any(link is held for held in links):
                links.append(link)
        witnesses.append(Witness(k, tuple(links)) if links else Witness(k, state=NONE))
    return collate(passage_tokens(base, indexes), witnesses)


def column_widths(collation: Collation, measure: Callable[[str], int] = len, gap: int = 1) -> list[int]:
    """How wide each column must be for every row's cells to fit (columns `gap` cells apart): a
    cell spanning several columns widens the last of them if it needs more room."""
    widths = [measure(col.word) for col in collation.columns]
    measured: dict[str, int] = {}  # versions share most of their words: each measured once
    spanning = []
    for row in collation.rows:
        for cell in row.cells:
            need = measured.get(cell.text)
            if need is None:
                need = measured[cell.text] = max(1, measure(cell.text))
            if cell.first == cell.last:
                if need > widths[cell.first]:
                    widths[cell.first] = need
            else:
                spanning.append((cell, need))
    for cell, need in spanning:
        have = sum(widths[cell.first : cell.last + 1]) + gap * (cell.last - cell.first)
        if have < need:
            widths[cell.last] += need - have
    return widths
