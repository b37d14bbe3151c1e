"""Partial links: sentences that share a clause or a fact without saying the same thing.

Every paragraph of a story repeats its topic words, so a shared-word score alone links half the
story to the other half; a false link is worse than a missing one, so a partial pair must pass
every gate:
- enough overlap: weighted Dice, cover of the shorter sentence and shared weight;
- context: not both sentences already have a same-content link elsewhere (then their overlap
  is the story's topic, not a fact they share);
- near the best: within `PARTIAL_NEAR_BEST` of each sentence's best counterpart (its links,
  and the pairs that pass the other gates), so a sentence with a close counterpart takes no weak
  partials; a pair that shares only topic words is no counterpart, however many it shares;
- evidence of a fact: a shared clause (see `shared_clause`), or a shared name or figure next to
  a shared two-word phrase that is not itself just names, or, with no such phrase, a name rare
  enough to count double;
- mutual rank: among the best `PARTIAL_RANK` pairs of both sentences that passed the gates
  above. Ranked among all overlaps, a headline or summary sentence, which shares topic words
  with half the story, would lose its real partials to pairs that share only topic words.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain
from math import fsum

from .candidates import Pair
from .features import Features, Weights
from .same import Group
from .thresholds import (
    CLAUSE_PLAIN_STEMS,
    CLAUSE_WEIGHT_MIN,
    MAX_PARTIAL_PER_SENTENCE,
    PARTIAL_COVER_MIN,
    PARTIAL_DICE_MIN,
    PARTIAL_NAME_MIN,
    PARTIAL_NEAR_BEST,
    PARTIAL_RANK,
    PARTIAL_WEIGHT_MIN,
)


def partial_links(pairs: list[Pair], groups: list[Group], fa: list[Features], fb: list[Features], idf: Weights) -> list[Group]:
    """Links between sentences that share a distinctive fact, beyond the links in `groups`."""
    linked = {(i, j) for g in groups for i in g.a for j in g.b}
    same_a = {i for g in groups if g.same for i in g.a}
    same_b = {j for g in groups if g.same for j in g.b}
    overlapping = [
        p
        for p in pairs
        if (p.i, p.j) not in linked
        and not (p.i in same_a and p.j in same_b)
        and p.dice >= PARTIAL_DICE_MIN
        and p.cover >= PARTIAL_COVER_MIN
        and p.shared >= PARTIAL_WEIGHT_MIN
        and shares_a_fact(fa[p.i], fb[p.j], idf)
    ]
    # Each sentence's best counterpart: its links and the pairs that could be partial links.
    best_a: defaultdict[int, float] = defaultdict(float)
    best_b: defaultdict[int, float] = defaultdict(float)
    dice_of = {(p.i, p.j): p.dice for p in pairs}
    for i, j, d in chain(((i, j, dice_of.get((i, j), 0.0)) for i, j in linked), ((p.i, p.j, p.dice) for p in overlapping)):
        best_a[i] = max(best_a[i], d)
        best_b[j] = max(best_b[j], d)
    plausible = [p for p in overlapping if p.dice >= PARTIAL_NEAR_BEST * max(best_a[p.i], best_b[p.j])]
    by_a: defaultdict[int, list[float]] = defaultdict(list)
    by_b: defaultdict[int, list[float]] = defaultdict(list)
    for p in plausible:
        by_a[p.i].append(p.dice)
        by_b[p.j].append(p.dice)
    for scores in (*by_a.values(), *by_b.values()):
        scores.sort(reverse=True)
    eligible = [p for p in plausible if _ranks(p.dice, by_a[p.i]) and _ranks(p.dice, by_b[p.j])]
    per_a: Counter[int] = Counter()
    per_b: Counter[int] = Counter()
    chosen = []
    for p in sorted(eligible, key=lambda p: (-partial_score(p), p.i, p.j)):
        if per_a[p.i] < MAX_PARTIAL_PER_SENTENCE and per_b[p.j] < MAX_PARTIAL_PER_SENTENCE:
            per_a[p.i] += 1
            per_b[p.j] += 1
            chosen.append(Group([p.i], [p.j], partial_score(p), same=False))
    return chosen


def _ranks(score: float, scores: list[float]) -> bool:
    return len(scores) <= PARTIAL_RANK or score >= scores[PARTIAL_RANK - 1]


def partial_score(p: Pair) -> float:
    return round(min(1.0, math.sqrt(p.dice * p.cover)), 3)


def shares_a_fact(fa: Features, fb: Features, idf: Weights) -> bool:
    """Whether two sentences say a clause or name a subject in common, beyond sharing words.

    A shared fact shows as a clause both say (see `shared_clause`), or as a subject both name
    (a name or a figure) with a phrase of two words around it; a name alone must weigh twice
    as much. A phrase made only of names ("President Donald Trump") says nothing of them.
    """
    if shared_clause(fa, fb, idf) >= CLAUSE_WEIGHT_MIN:
        return True
    names = fa.names | fb.names
    shared_bigrams = _bigrams(fa.stems) & _bigrams(fb.stems)
    named = _entity_weight(fa.names & fb.names, shared_bigrams, idf)
    phrase = any(not names.issuperset(g) for g in shared_bigrams)
    return named >= PARTIAL_NAME_MIN * (1 if phrase else 2)


def shared_clause(fa: Features, fb: Features, idf: Weights) -> float:
    """Weight of the heaviest run of content stems two sentences say in the same order.

    A run is three or more stems in a row in both; a rewrite that slips one word into a clause
    ("violates privacy laws" / "violates established privacy laws") still says it, so one
    inserted word that is not a name is skipped on either side. An inserted name is not
    skipped: "share taxpayer data" and "share IRS taxpayer data" may be about different data.
    A run needs `CLAUSE_PLAIN_STEMS` stems that are not names: "President Trump said" is a
    name and a verb, not a clause.
    """
    shared = _clause_grams(fa.stems, fa.names) & _clause_grams(fb.stems, fb.names)
    if not shared:
        return 0.0
    names = fa.names | fb.names

    def plain(run) -> bool:
        return len(set(run) - names) >= CLAUSE_PLAIN_STEMS

    best = max((fsum(idf[t] for t in g) for g in shared if plain(g)), default=0.0)
    # Runs longer than three stems: consecutive shared trigrams of A's stems, weighed as one run.
    sa = fa.stems
    k, n = 0, len(sa)
    while k + 3 <= n:
        if sa[k : k + 3] not in shared:
            k += 1
            continue
        end = k + 3
        while end < n and sa[end - 2 : end + 1] in shared:
            end += 1
        if end - k > 3:
            run = set(sa[k:end])
            if plain(run):
                best = max(best, fsum(idf[t] for t in run))
        k = end - 2
    return best


SENTENCE_GRAMS_CACHE = 1 << 11
"""Entries of `_clause_grams` and `_bigrams`: a sentence's grams are asked for once per candidate
pair of sentences while one pair of versions is aligned, so the hits come from the sentences of
the pair at hand and of the version read. An entry of `_clause_grams` holds about 6 KB (3 KB for
`_bigrams`), so about 12 MB at most; at 16,384 entries they grew with every version read
(issue 13)."""


@lru_cache(maxsize=SENTENCE_GRAMS_CACHE)
def _clause_grams(stems: tuple[str, ...], names: frozenset[str]) -> frozenset[tuple[str, ...]]:
    """A sentence's stem trigrams, and those with one inserted word (not a name) left out."""
    out = set(zip(stems, stems[1:], stems[2:]))
    for k in range(len(stems) - 3):
        a, b, c, d = stems[k : k + 4]
        if b not in names:
            out.add((a, c, d))
        if c not in names:
            out.add((a, b, d))
    return frozenset(out)


@lru_cache(maxsize=SENTENCE_GRAMS_CACHE)
def _bigrams(stems: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(zip(stems, stems[1:]))


def _entity_weight(shared: frozenset[str], bigrams: frozenset[tuple[str, ...]], idf: Weights) -> float:
    """Weight of the names two sentences share, a multi-word name counted once.

    "President Donald Trump" is one piece of evidence, not three: names that sit next to each
    other in both sentences are one entity, weighed by its rarest word.
    """
    entity = {t: t for t in shared}

    def root(t: str) -> str:
        while entity[t] != t:
            t = entity[t]
        return t

    for x, y in sorted(bigrams):
        if x in entity and y in entity:
            entity[root(y)] = root(x)
    best: dict[str, float] = {}
    for t in shared:
        r = root(t)
        best[r] = max(best.get(r, 0.0), idf[t])
    return fsum(best.values())
