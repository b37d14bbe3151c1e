"""Order-aware alignment: versions of a story mostly keep their order, so the order is evidence.

Every strong sentence aligner uses it (Gale-Church, hunalign, vecalign, bertalign). The confident
same-content links that agree in order are anchors: the longest chain of links increasing on
both sides. Between two consecutive anchors, the sentences neither side linked can only pair
with each other if the versions kept their order there, so a small monotone dynamic program
lines them up (1:1, 1:2 and 2:1 steps) with a similarity floor far below the one for a link found
anywhere (`GAP_FLOOR`). Links that cross the chain (a moved paragraph) are kept as they are.

A story with no anchor gives the order nothing to say: unrelated texts get no link from here.
"""

from __future__ import annotations

from bisect import bisect_left
from math import fsum

from .candidates import Pair
from .features import Features, Weights
from .same import Group
from .thresholds import ANCHOR_MIN, ANCHOR_WEIGHT_MIN, GAP_CELLS_MAX, GAP_FLOOR, GAP_SAME_COVER, GAP_WEIGHT_MIN, MERGE_GAIN


def anchors(groups: list[Group]) -> list[Group]:
    """The longest chain of confident same-content links increasing in both versions."""
    confident = sorted((g for g in groups if g.same and g.score >= ANCHOR_MIN), key=lambda g: g.a[0])
    # Patience sorting on B's first sentence: `tails[k]` ends the best chain of length k + 1.
    tails: list[int] = []
    tail_at: list[int] = []
    before: list[int] = []
    for k, g in enumerate(confident):
        pos = bisect_left(tails, g.b[0])
        if pos == len(tails):
            tails.append(g.b[0])
            tail_at.append(k)
        else:
            tails[pos] = g.b[0]
            tail_at[pos] = k
        before.append(tail_at[pos - 1] if pos else -1)
    chain: list[Group] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(confident[k])
        k = before[k]
    return chain[::-1]


def fill_gaps(
    groups: list[Group], pairs: list[Pair], fa: list[Features], fb: list[Features], idf: Weights
) -> list[Group]:
    """Links between the sentences left unlinked between consecutive anchors, in order.

    `pairs` are the candidate pairs: a pair that is none shares too little to pass `GAP_FLOOR`,
    and so does a join of two sentences neither of which is a candidate with the third.
    """
    # A link the order hangs on must be of substance: "Sources:" meeting "... your people." is not.
    chain = anchors([g for g in groups if _shared(g, fa, fb, idf) >= ANCHOR_WEIGHT_MIN])
    if not chain:
        return []
    near: dict[int, dict[int, Pair]] = {}
    for p in pairs:
        near.setdefault(p.i, {})[p.j] = p
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    starts = [(g.a[0], g.b[0]) for g in chain] + [(len(fa), len(fb))]
    ends = [(-1, -1)] + [(g.a[-1], g.b[-1]) for g in chain]
    found: list[Group] = []
    for (lo_a, lo_b), (hi_a, hi_b) in zip(ends, starts):
        xs = [i for i in range(lo_a + 1, hi_a) if i not in used_a and fa[i].terms]
        ys = [j for j in range(lo_b + 1, hi_b) if j not in used_b and fb[j].terms]
        if xs and ys and len(xs) * len(ys) <= GAP_CELLS_MAX:
            found += _align_gap(xs, ys, near, fa, fb, idf)
    return found


_NONE: dict[int, Pair] = {}


def _shared(g: Group, fa: list[Features], fb: list[Features], idf: Weights) -> float:
    ta = frozenset().union(*(fa[i].terms for i in g.a))
    tb = frozenset().union(*(fb[j].terms for j in g.b))
    return fsum(idf[t] for t in ta & tb)


def _align_gap(
    xs: list[int], ys: list[int], near: dict[int, dict[int, Pair]], fa: list[Features], fb: list[Features], idf: Weights
) -> list[Group]:
    """The monotone 1:1, 1:2, 2:1 alignment of `xs` with `ys` that shares the most (a DP).

    A step that joins two sentences must read closer by `MERGE_GAIN`, as in `same.grow`.
    """
    n, m = len(xs), len(ys)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list] = [[(0, 1, None)] * (m + 1)] + [[(1, 0, None)] * (m + 1) for _ in range(n)]
    for x in range(1, n + 1):
        row, up = best[x], best[x - 1]
        here = near.get(xs[x - 1], _NONE)
        before = near.get(xs[x - 2], _NONE) if x > 1 else _NONE
        for y in range(1, m + 1):
            j = ys[y - 1]
            # Skipping a sentence of A first, on a tie, so the result does not depend on luck.
            score, how = (up[y], (1, 0, None)) if up[y] >= row[y - 1] else (row[y - 1], (0, 1, None))
            if j not in here and j not in before and (y < 2 or ys[y - 2] not in here):
                row[y] = score
                step[x][y] = how
                continue  # no candidate pair among the sentences a step here would join
            for dx, dy in ((1, 1), (2, 1), (1, 2)):
                if x < dx or y < dy:
                    continue
                ga, gb = xs[x - dx : x], ys[y - dy : y]
                if ga[-1] - ga[0] != dx - 1 or gb[-1] - gb[0] != dy - 1:
                    continue  # two sentences join only when they are neighbours in the text
                if not any(q in near.get(p, _NONE) for p in ga for q in gb):
                    continue
                if dx + dy == 2:
                    p = here.get(j)
                    link = None if p is None else _link_of(p.shared, fa[p.i].weight, fb[p.j].weight, ga, gb)
                else:
                    link = _gap_link(ga, gb, fa, fb, idf)
                if link is not None:
                    gain = best[x - dx][y - dy] + link.score - (MERGE_GAIN if dx + dy > 2 else 0.0)
                    if gain > score:
                        score, how = gain, (dx, dy, link)
            row[y] = score
            step[x][y] = how
    out: list[Group] = []
    x, y = n, m
    while x or y:
        dx, dy, link = step[x][y]
        if link is not None:
            out.append(link)
        x, y = x - dx, y - dy
    return out[::-1]


def _gap_link(ga: list[int], gb: list[int], fa: list[Features], fb: list[Features], idf: Weights) -> Group | None:
    """The link of two runs of sentences found in a gap, or None when they share too little.

    Its kind comes from what it shares: when one side weighs less than `GAP_SAME_COVER` of the
    other, the other adds much that it does not say, and the link is partial.
    """
    ta = frozenset().union(*(fa[i].terms for i in ga))
    tb = frozenset().union(*(fb[j].terms for j in gb))
    weight = idf.__getitem__
    return _link_of(fsum(map(weight, ta & tb)), fsum(map(weight, ta)), fsum(map(weight, tb)), ga, gb)


def _link_of(shared: float, wa: float, wb: float, ga: list[int], gb: list[int]) -> Group | None:
    """`_gap_link` from the weight the two sides share and the weight of each."""
    if shared < GAP_WEIGHT_MIN:
        return None
    d = 2 * shared / (wa + wb)
    if d < GAP_FLOOR:
        return None
    same = min(wa, wb) >= GAP_SAME_COVER * max(wa, wb)
    return Group(list(ga), list(gb), round(d, 3), same=same)
