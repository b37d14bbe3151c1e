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


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every word of a text, folded, with its offsets (kept: a search goes over every version)."""
    return tuple((fold_word(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text))


def search(articles: list[Article], query: str) -> list[Match]:
    """Every run of words matching the query's words in order, in every version, in version
    and text order. An empty query finds nothing."""
    raw = _WORD_RE.findall(query)
    if not raw:
        return []
    wanted = [(fold_word(w), len(w) >= 4 and w[0].isupper()) for w in raw]
    found: list[Match] = []
    for k, article in enumerate(articles):
        words = _words(article.text)
        starts = [s.start for s in article.sentences]
        for i in range(len(words) - len(wanted) + 1):
            if all(_word_matches(q, is_name, words[i + n][0]) for n, (q, is_name) in enumerate(wanted)):
                start, end = words[i][1], words[i + len(wanted) - 1][2]
                sentence = _sentence_of(starts, start)
                if sentence is not None:
                    found.append(Match(k, sentence, start, end))
    return found


def _sentence_of(starts: list[int], offset: int) -> int | None:
    k = bisect.bisect_right(starts, offset) - 1
    return k if k >= 0 else None
