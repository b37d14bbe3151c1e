"""Which sentence pairs are worth weighing at all, from an inverted index of B's stems.

The cost grows with the sentences that share words, not with the product of the two lengths. On
very long documents each sentence walks only the postings of its rarest stems, capped near where
its counterpart would sit if the versions kept their order, and keeps its best few candidates.
"""

from __future__ import annotations

from bisect import bisect_left
from math import fsum
from operator import itemgetter
from typing import NamedTuple

from .features import Features, Weights
from .thresholds import EXHAUSTIVE_PAIRS, KEEP_DICE, MERGE_COVER, POSTINGS_CAP, RAREST_STEMS, TOP_K


class Pair(NamedTuple):
    """Sentence `i` of A and `j` of B, and how much of their weight they share.

    A named tuple: a long document makes hundreds of thousands, and a tuple is built in C."""

    i: int
    j: int
    shared: float  # weight of the stems both hold
    dice: float  # shared weight over the mean of the two weights
    cover: float  # shared weight over the lighter sentence's weight


def candidate_pairs(fa: list[Features], fb: list[Features], idf: Weights) -> list[Pair]:
    """The pairs worth weighing, in the order of A's sentences."""
    postings: dict[str, list[int]] = {}
    for j, f in enumerate(fb):
        for t in f.terms:
            postings.setdefault(t, []).append(j)
    exhaustive = len(fa) * len(fb) <= EXHAUSTIVE_PAIRS
    scale = len(fb) / max(1, len(fa))
    weight_b = [g.weight for g in fb]
    by_idf = idf.__getitem__
    pairs = []
    for i, f in enumerate(fa):
        # Sorted, so float sums and tie order do not depend on the interpreter's hash seed.
        stems = sorted(f.terms)
        if not exhaustive:
            # Rarest stems first (ties in stem order); a very common stem only looks near where
            # the sentence would sit if the versions kept their order.
            stems = sorted(stems, key=by_idf, reverse=True)[:RAREST_STEMS]
        acc: dict[int, float] = {}
        get = acc.get
        for t in stems:
            plist = postings.get(t, ())
            if not exhaustive and len(plist) > POSTINGS_CAP:
                k = bisect_left(plist, int(i * scale))
                lo = max(0, min(k - POSTINGS_CAP // 2, len(plist) - POSTINGS_CAP))
                plist = plist[lo : lo + POSTINGS_CAP]
            w = idf[t]
            for j in plist:
                acc[j] = get(j, 0.0) + w
        scored = acc.items()
        if not exhaustive:
            top = sorted(scored, key=itemgetter(1), reverse=True)[:TOP_K]
            scored = [(j, fsum(map(by_idf, f.terms & fb[j].terms))) for j, _ in top]
        wa = f.weight
        for j, shared in scored:
            wb = weight_b[j]
            dice = 2 * shared / (wa + wb)
            cover = shared / min(wa, wb)
            if dice < KEEP_DICE and cover < MERGE_COVER:
                continue
            pairs.append(Pair(i, j, shared, dice, cover))
    return pairs
