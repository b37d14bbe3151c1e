"""What the aligner compares sentences by: weighted content stems, names flagged.

Each sentence becomes the stems of its content words (see `tokens.content_terms_split`), in
reading order, with the stems of names and figures flagged (`tokens.proper_words`: words the
two versions only ever write capitalised). A stem weighs what it tells apart: one found in many
sentences of the two versions ("IRS", "data") counts for little, a rare one ("Bessent", "$80")
for a lot (inverse sentence frequency, scaled so that a stem found in one sentence weighs 1).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from math import fsum

from rapidfuzz.distance import Levenshtein

from ..model import Article
from ..tokens import acronyms_in, content_terms_split, proper_words, spelled_initials
from .thresholds import NAME_EDIT_MAX


@dataclass(slots=True)
class Features:
    """One sentence as the aligner sees it."""

    terms: frozenset[str]
    names: frozenset[str]
    stems: tuple[str, ...]  # in reading order, for the phrases two sentences share
    weight: float = 0.0


Weights = dict[str, float]


def both_sides(a: Article, b: Article) -> tuple[list[Features], list[Features], Weights]:
    """The features of both versions' sentences, names matched across them, and the stem weights.

    An acronym either version uses ("IRS") collapses the name it stands for in both
    ("Internal Revenue Service"), so the two spellings meet; names are judged over both
    versions together (`tokens.proper_words`).
    """
    acronyms = acronyms_in(a.text) | acronyms_in(b.text)
    names = proper_words(tuple(s.text for s in a.sentences), tuple(s.text for s in b.sentences))
    fa, fb = _side(a, acronyms, names), _side(b, acronyms, names)
    _merge_misspelled_names(fa, fb)
    idf = _inverse_frequency(fa, fb)
    for f in chain(fa, fb):
        f.weight = fsum(map(idf.__getitem__, f.terms))
    return fa, fb, idf


def _side(article: Article, acronyms: frozenset[str], names: frozenset[str]) -> list[Features]:
    sentences = article.sentences
    spelled = acronyms & spelled_initials(article.text)
    return [Features(*_sentence_terms(s.text, spelled, names)) for s in sentences]


@lru_cache(maxsize=1 << 10)
def _sentence_terms(text: str, acronyms: frozenset[str], names: frozenset[str]):
    """A sentence's terms, cached for sentences met again while a pair is aligned (repeated
    lines, furniture). The key holds the names of both versions of the pair, so a sentence
    recurs little across pairs (5% of lookups hit reading 200 versions in turn, issue 13): a
    thousand entries, about 2 MB; 8,192 held 16 MB for those few hits.

    Immutable values are returned, since `Features` objects are changed in place.
    """
    stems, names_in = content_terms_split(text, acronyms, names)
    return frozenset(stems), frozenset(names_in), tuple(stems)


def shared_weights(ga: list[int], gb: list[int], fa: list[Features], fb: list[Features], idf: Weights) -> tuple[float, float, float]:
    """The weight two runs of sentences share, and the weight of each (`fsum`: exact, so the
    order the stems come in does not matter)."""
    ta = frozenset().union(*(fa[i].terms for i in ga))
    tb = frozenset().union(*(fb[j].terms for j in gb))
    weight = idf.__getitem__
    return fsum(map(weight, ta & tb)), fsum(map(weight, ta)), fsum(map(weight, tb))


def _merge_misspelled_names(fa: list[Features], fb: list[Features]) -> None:
    """Spell B's names as A's where they differ by a letter ("Kraus"/"Krause", "Bescent").

    Translation round trips and careless rewrites misspell names; a name that then no longer
    meets its counterpart loses the strongest evidence a sentence pair has. Only names found on
    one side but not the other are compared, each with the other side's unmatched names of the
    same initial, and only a unique close match is taken, so a different person who happens to
    share a first letter is not merged.
    """
    terms_a = frozenset().union(*(f.terms for f in fa))
    terms_b = frozenset().union(*(f.terms for f in fb))
    names_a = frozenset().union(*(f.names for f in fa))
    names_b = frozenset().union(*(f.names for f in fb))
    by_initial: dict[str, list[str]] = {}
    for t in sorted(names_a - terms_b):
        if len(t) >= 4 and t.isalpha():
            by_initial.setdefault(t[0], []).append(t)
    rename: dict[str, str] = {}
    for t in sorted(names_b - terms_a):
        if len(t) < 4 or not t.isalpha():
            continue
        close = [u for u in by_initial.get(t[0], ()) if Levenshtein.distance(t, u, score_cutoff=NAME_EDIT_MAX) <= NAME_EDIT_MAX]
        if len(close) == 1:
            rename[t] = close[0]
    if not rename:
        return
    for f in fb:
        if f.terms.isdisjoint(rename):
            continue
        f.terms = frozenset(rename.get(t, t) for t in f.terms)
        f.names = frozenset(rename.get(t, t) for t in f.names)
        f.stems = tuple(rename.get(t, t) for t in f.stems)


def _inverse_frequency(fa: list[Features], fb: list[Features]) -> Weights:
    df = Counter(chain.from_iterable(f.terms for f in chain(fa, fb)))
    n = len(fa) + len(fb)
    # Scaled by the weight of a stem found once, so thresholds read in "distinctive words".
    top = math.log(n + 1)
    return {t: math.log((n + 1) / c) / top for t, c in df.items()}
