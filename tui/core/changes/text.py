"""The shared vocabulary of the change detectors: a change, its spans, and a linked pair of texts.

Every detector looks at one `LinkedText` (the sentences of a link on both sides, with the
word-level ops the aligner computed) and returns `Change`s whose spans are offsets into each
article's loaded text, as the sentence offsets are, so a reader can mark them in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from ..model import Article, DiffOp, LinkKind, SentenceLink

SEVERITIES = ("high", "medium", "low")
# A same-content link scored under this (a quarter of the aligner's scale) is read as a partial
# one: its sides share some words, and details missing on one side are not edits of the other.
WEAK_LINK = 0.25
TYPES = ("name", "number", "date", "quote", "attribution", "certainty", "negation", "role")

# Words with inner apostrophes, hyphens and dots ("O’Donnell", "data-sharing", "U.S."), and
# numbers with their currency sign, separators and percent sign ("$80", "102,800", "25%").
# Every detector reads words through this pattern, so it is written to scan fast with the same
# matches: the lookahead turns away at once a place where no word can start (a space, a mark),
# which would otherwise try both alternatives; the repeats are possessive (`++`, `*+`) since
# nothing after them is required, so giving characters back could never make another match.
WORD_RE = re.compile(r"(?=[$£€\w])(?:[$£€]?\d++(?:[.,]\d++)*+%?(?:st|nd|rd|th)?|\w++(?:[’'\-]\w++)*+(?:\.\w++)*+)")


def opening_letters(*words: str) -> str:
    r"""A lookahead for the first letters of `words`, to put after a `\b` before an alternation
    of them: a regex searched case-blind tries every alternative at every word's start, and the
    lookahead (matched case-blind too) turns most words away at once. It only rejects places
    where no alternative could start, so what the pattern matches is unchanged."""
    return "(?=[" + "".join(sorted({w[0] for w in words})) + "])"


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


STRETCH_CACHE = 1 << 12
"""Entries of each per-stretch cache below (`words_in`, `word_set`, `lower_words`). An entry
holds a stretch's words, about 1-1.5 KB, so each cache holds at most about 6 MB: the stretches
of the version read, which recur in every pair it is aligned in, and of the last few dozen pairs,
which the detectors read again and again while one pair is classified. (At 16,384 entries the
three held 62 MB between them once 200 versions had been read, issue 13.)"""


@lru_cache(maxsize=STRETCH_CACHE)
def words_in(text: str, start: int, end: int) -> tuple[Word, ...]:
    """The words of `text[start:end]`, located in `text`. Cached, as the other readings of a
    stretch are: every detector reads the same stretches, and a base version meets every other
    (a string's hash is computed once, so the key is cheap).

    Each word is located with `str.find` from the end of the one before, which is where the
    pattern found it: a match of `WORD_RE` can start at any place where its text occurs (the
    pattern looks neither behind, nor ahead past its own first character), so no earlier place
    holds it. This costs less than
    a match object per word."""
    words = []
    append, find, new = words.append, text.find, tuple.__new__
    at = start
    for raw in WORD_RE.findall(text, start, end):
        at = find(raw, at, end)
        append(new(Word, (raw, at, at + len(raw), raw.lower())))
        at += len(raw)
    return tuple(words)


@lru_cache(maxsize=STRETCH_CACHE)
def word_set(text: str, start: int, end: int) -> frozenset[str]:
    """The words of a stretch, as written."""
    return frozenset(WORD_RE.findall(text, start, end))


@lru_cache(maxsize=STRETCH_CACHE)
def lower_words(text: str, start: int, end: int) -> frozenset[str]:
    """The words of a stretch in lower case: detectors first check their lexicon against this
    set, which costs far less than searching the text for each of the lexicon's words. Read
    from `word_set` (the distinct words lower-cased are all the words lower-cased), so that a
    stretch is scanned once for both."""
    return frozenset(map(str.lower, word_set(text, start, end)))


_FOLDED_WORD = re.compile(r"[^\W_]+")


def folded_words(text: str) -> list[str]:
    """The words of `text` in lower case, punctuation and underscores dropped: the runs of
    letters and digits, which is what `found_in` compares."""
    return _FOLDED_WORD.findall(text.lower())


# Up to this many characters (a long feature is 60,000), an article is scanned whole for a phrase;
# a longer one gets an index of where each word occurs, built once, since it has thousands of
# quotations and sources to look up and a scan of it costs as much as the index of a short one.
SCAN_UP_TO = 200_000


@lru_cache(maxsize=16)
def _lowered(text: str) -> str:
    """An article's text in lower case, which `found_in` checks a phrase's words against first."""
    return text.lower()


@lru_cache(maxsize=16)
def _folded_text(text: str) -> str:
    """An article's folded words, space-joined and space-padded: a phrase's folded words, joined
    the same way, are a run of the article's words exactly when they are a substring of this."""
    return " " + " ".join(folded_words(text)) + " "


class _WordIndex(NamedTuple):
    words: tuple[str, ...]
    at: dict[str, list[int]]  # word -> where it occurs in `words`


@lru_cache(maxsize=16)
def _word_index(text: str) -> _WordIndex:
    """A long article's folded words, and where each occurs: built once per article, so that
    looking a phrase up costs the occurrences of its rarest word, not a scan of the whole text."""
    words = tuple(folded_words(text))
    at: dict[str, list[int]] = {}
    get = at.get
    for k, word in enumerate(words):  # (a plain dict: a `defaultdict` costs more per word)
        seen = get(word)
        if seen is None:
            at[word] = [k]
        else:
            seen.append(k)
    return _WordIndex(words, at)


@lru_cache(maxsize=1 << 12)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    """`folded_words` of a quotation or a source, cached: one is looked up in every other version."""
    return tuple(folded_words(phrase))


def found_in(phrase: str, article: Article) -> bool:
    """Whether `phrase` is in the article word for word, case and punctuation aside: a quotation
    or a source that moved to another sentence is not gone. (The same as looking for the phrase's
    folded words, space-joined, in the article's: both are runs of whole words.)"""
    wanted = _phrase_words(phrase)
    if not wanted:
        return False
    if max(wanted, key=len) not in _lowered(article.text):
        # The phrase's longest word is nowhere in the article, not even inside another word:
        # most quotations and sources looked up are gone, and this answers without folding the
        # article (each folded word is a run of the lowered text's letters and digits).
        return False
    if len(article.text) <= SCAN_UP_TO:
        return _scanned(wanted, article.text)
    return _indexed(wanted, article.text)


def _scanned(wanted: tuple[str, ...], text: str) -> bool:
    return " " + " ".join(wanted) + " " in _folded_text(text)


def _indexed(wanted: tuple[str, ...], text: str) -> bool:
    index = _word_index(text)
    hits = list(map(index.at.get, wanted))
    if None in hits:
        return False  # a word the article does not have
    counts = list(map(len, hits))
    rarest = counts.index(min(counts))
    words, size = index.words, len(wanted)
    return any(words[at - rarest : at - rarest + size] == wanted for at in hits[rarest] if at >= rarest)


@lru_cache(maxsize=1 << 10)
def _differing_words(joined: str) -> frozenset[str]:
    """The words of joined stretches in lower case (cached: the detectors of one link ask for
    them in turn). The key is the joined text of one link's stretches, which recurs only while
    that pair is classified, so a thousand entries (about 1.3 MB) keep every hit that matters."""
    return frozenset(map(str.lower, WORD_RE.findall(joined)))


_A_TEXT, _B_TEXT = attrgetter("a"), attrgetter("b")


def span_of(article: Article, start: int, end: int) -> Span:
    return Span(start, end, article.text[start:end])


def _stretch(article: Article, indexes: tuple[int, ...]) -> tuple[int, int]:
    """Where the sentences `indexes` of a link start and end in the article's text (most links
    join one sentence to one)."""
    if len(indexes) == 1:
        sentence = article.sentences[indexes[0]]
        return sentence.start, sentence.end
    sentences = [article.sentences[i] for i in indexes]
    return min(s.start for s in sentences), max(s.end for s in sentences)


@dataclass(eq=False, slots=True)
class LinkedText:
    """The two sides of one link: the linked sentences' stretch of each text, and the ops.

    Read-only by convention, not frozen: one is made for every link of every pair classified,
    and a frozen dataclass pays a call per field to build (a tenth of a warm pass on the seeds).
    Only the readings cached below (`_differing`, `_differing_words`) are set after it is made.
    """

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
    # Read once when the link is made, since every detector asks (see `__post_init__`).
    same_content: bool = field(init=False, repr=False, compare=False)
    changed: tuple[DiffOp, ...] = field(init=False, repr=False, compare=False)
    mostly_alike: bool = field(init=False, repr=False, compare=False)
    _differing: tuple[str, str] | None = field(init=False, default=None, repr=False, compare=False)
    _differing_words: tuple[frozenset[str], frozenset[str]] | None = field(
        init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # `same_content`: whether both sides say the same thing: not a partial link, where one
        # side adds or drops substantial content, so a detail missing there is an omission, not
        # an edit; nor a link weaker than `WEAK_LINK`, whose two sides may be different
        # statements. `changed`: the ops that are not equal, which every detector walks.
        self.same_content = self.kind is not LinkKind.PARTIAL and self.score >= WEAK_LINK
        self.changed = tuple([op for op in self.ops if op.op != "equal"])
        # `mostly_alike`: whether the changed stretches are under half of the link's text. There
        # a detector's gate (`differing_words`) mostly turns the link away, and pays; in a link
        # mostly rewritten it would let the link through anyway, after reading nearly as much.
        changed = sum(map(len, map(_A_TEXT, self.changed))) + sum(map(len, map(_B_TEXT, self.changed)))
        self.mostly_alike = 2 * changed < self.a_end - self.a_start + self.b_end - self.b_start

    @classmethod
    def of_link(cls, a: Article, b: Article, link: SentenceLink, index: int) -> "LinkedText":
        a_start, a_end = _stretch(a, link.a)
        b_start, b_end = _stretch(b, link.b)
        return cls(index, a, b, a_start, a_end, b_start, b_end, tuple(link.ops), link.kind,
                   tuple(link.a), tuple(link.b), link.score)

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

    def changed_ops(self) -> tuple[DiffOp, ...]:
        return self.changed

    def differing_text(self) -> tuple[str, str]:
        """The stretches the two sides do not write alike (the changed ops, and the equal ones
        that differ in case or quote marks), joined by line breaks: A's and B's.

        Most of a link is often written alike on both sides, and a detector whose every rule
        needs one of its words (a negator, a title, a hedge) inside a changed stretch has
        nothing to find when these hold none: it answers at once, without reading either
        sentence. A line break joins them since no word and no pattern's word runs across one
        (at worst a word boundary is added, which only lets a link through)."""
        found = self._differing
        if found is None:
            ops = [op for op in self.ops if op.op != "equal" or op.a != op.b]
            found = ("\n".join([op.a for op in ops]), "\n".join([op.b for op in ops]))
            self._differing = found
        return found

    def differing_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """Words, in lower case, that hold every word of `differing_text`: A's, then B's. A side
        mostly rewritten gives all its words (`lower_words`, which other detectors read anyway):
        a larger set only lets a few more links through."""
        found = self._differing_words
        if found is None:
            a, b = self.differing_text()
            found = (_differing_words(a) if 2 * len(a) <= self.a_end - self.a_start else self.a_word_lower,
                     _differing_words(b) if 2 * len(b) <= self.b_end - self.b_start else self.b_word_lower)
            self._differing_words = found
        return found

    @property
    def a_word_lower(self) -> frozenset[str]:
        return lower_words(self.a.text, self.a_start, self.a_end)

    @property
    def b_word_lower(self) -> frozenset[str]:
        return lower_words(self.b.text, self.b_start, self.b_end)

    def change(self, type_: str, severity: str, a: tuple[int, int] | None, b: tuple[int, int] | None,
               note: str) -> Change:
        """A change of this link, its spans given as (start, end) offsets."""
        return Change(type_, severity, self.index, None if a is None else span_of(self.a, *a),
                      None if b is None else span_of(self.b, *b), note)


def is_function_text(text: str) -> bool:
    """Whether `text` holds only grammar words and punctuation."""
    return all(m.group().lower() in FUNCTION_WORDS for m in WORD_RE.finditer(text))
