"""Finding words in every loaded version, the way a reader means them.

Versions of one story spell things differently: "Kraus" and "Krause", "Noem" and "Noém", curly
and straight apostrophes, upper and lower case. A search that took the letters literally would
miss the very variants a fact-checker is hunting, so each word is compared folded (case, accents
and quote styles aside), a query word also finds words it begins ("resign" finds "resigning"),
and a name (a capitalised query word of four letters or more) finds the spellings one letter
off that the aligner treats as the same name.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .align.thresholds import NAME_EDIT_MAX
from .model import Article
from .tokens import fold

_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")


@dataclass(frozen=True)
class Match:
    """Words of one version that match the query: offsets into its text, and the sentence."""

    version: int
    sentence: int
    start: int
    end: int


def fold_word(word: str) -> str:
    """Case, accents and quote styles aside: "Noém" and "noem", "O’Donnell" and "o'donnell"."""
    decomposed = unicodedata.normalize("NFKD", fold(word))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _word_matches(query: str, is_name: bool, word: str) -> bool:
    if word.startswith(query):
        return True
    return (
        is_name
        and word[:1] == query[:1]
        and abs(len(word) - len(query)) <= NAME_EDIT_MAX
        and Levenshtein.distance(word, query, score_cutoff=NAME_EDIT_MAX) <= NAME_EDIT_MAX
    )


@dataclass(frozen=True)
class _Words:
    """Every word of a text, folded, with its offsets, and the distinct folded words."""

    folded: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    vocabulary: frozenset[str]


_fold_once = lru_cache(maxsize=1 << 16)(fold_word)
"""`fold_word` for words seen before: versions of one story share most of their vocabulary."""


@lru_cache(maxsize=1024)
def _words(text: str) -> _Words:
    """The words of a text (kept: every search goes over every version)."""
    found = [(_fold_once(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    folded = tuple(w for w, _, _ in found)
    return _Words(folded, tuple(s for _, s, _ in found), tuple(e for _, _, e in found), frozenset(folded))


class _Query:
    """The query's words, each with the set of folded words it matches, worked out once per
    distinct word of the versions searched (not once per occurrence: a story's versions repeat
    their vocabulary, so a search of 200 versions tests a few thousand words, not 200,000)."""

    def __init__(self, raw: list[str]) -> None:
        self.words = [(fold_word(w), len(w) >= 4 and w[0].isupper()) for w in raw]
        self._hits: list[set[str]] = [set() for _ in raw]
        self._tested: list[set[str]] = [set() for _ in raw]

    def matching(self, n: int, vocabulary: frozenset[str]) -> set[str]:
        """The words of `vocabulary` (and of those tested before) that query word `n` matches."""
        fresh = vocabulary - self._tested[n]
        if fresh:
            q, is_name = self.words[n]
            self._hits[n].update(w for w in fresh if _word_matches(q, is_name, w))
            self._tested[n] |= fresh
        return self._hits[n]


def search(articles: list[Article], query: str) -> list[Match]:
    """Every run of words matching the query's words in order, in every version, in version
    and text order. An empty query finds nothing."""
    return [match for found in search_by_version(articles, query) for match in found]


def search_by_version(articles: list[Article], query: str) -> Iterator[list[Match]]:
    """`search`, one version at a time (each version's matches, possibly none, in turn): a
    search run in the background can stop between two versions once it is no longer wanted."""
    raw = _WORD_RE.findall(query)
    if not raw:
        return
    wanted = _Query(raw)
    span = len(raw)
    for k, article in enumerate(articles):
        words = _words(article.text)
        sets = [wanted.matching(n, words.vocabulary) for n in range(span)]
        folded, first = words.folded, sets[0]
        starts = [s.start for s in article.sentences]
        found: list[Match] = []
        for i in [i for i, w in enumerate(folded) if w in first]:
            if i + span > len(folded):
                break
            if all(folded[i + n] in sets[n] for n in range(1, span)):
                sentence = _sentence_of(starts, words.starts[i])
                if sentence is not None:
                    found.append(Match(k, sentence, words.starts[i], words.ends[i + span - 1]))
        yield found


def _sentence_of(starts: list[int], offset: int) -> int | None:
    k = bisect.bisect_right(starts, offset) - 1
    return k if k >= 0 else None
