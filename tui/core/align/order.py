"""Order-aware alignment: versions of a story mostly keep their order, so the order is evidence.

Every strong sentence aligner uses it (Gale-Church, hunalign, vecalign, bertalign). The confident
same-content links that agree in order are anchors: the longest chain of links increasing on
both sides. Between two consecutive anchors, the sentences neither side linked can only pair
with each other if the versions kept their order there, so a small monotone dynamic program
lines them up (1:1, 1:2 and 2:1 steps) with a similarity floor far below the one for a link found
anywhere (`GAP_FLOOR`). Links that cross the chain (a moved paragraph) are kept as they are, and
the sentences after one, up to the next link in each version, are lined up the same way.

A story with no anchor gives the order nothing to say: unrelated texts get no link from here.
"""

from __future__ import annotations

from bisect import bisect_left

from .candidates import Pair
from .features import Features, Weights, shared_weights
from .same import Group
from .thresholds import ANCHOR_MIN, ANCHOR_WEIGHT_MIN, GAP_CELLS_MAX, GAP_FLOOR, GAP_SAME_COVER, GAP_WEIGHT_MIN, MERGE_GAIN


def anchors(groups: list[Group]) -> list[Group]:
    """The longest chain of confident same-content links increasing in both versions."""
    return _increasing([g for g in groups if g.same and g.score >= ANCHOR_MIN])


def _increasing(groups: list[Group]) -> list[Group]:
    """The longest chain of `groups` (disjoint) increasing in both versions."""
    confident = sorted(groups, key=lambda g: g.a[0])
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
    """Links between the sentences left unlinked between consecutive anchors, in order; and
    after a link off the chain (a moved paragraph keeps its own order), up to the next link in
    each version.

    `pairs` are the candidate pairs: a pair that is none shares too little to pass `GAP_FLOOR`,
    and so does a join of two sentences neither of which is a candidate with the third.
    """
    # A link the order hangs on must be of substance: "Sources:" meeting "... your people." is not.
    solid = [g for g in groups if g.same and g.score >= ANCHOR_MIN and shared_weights(g.a, g.b, fa, fb, idf)[0] >= ANCHOR_WEIGHT_MIN]
    chain = anchors(solid)
    if not chain:
        return []
    near: dict[int, dict[int, Pair]] = {}
    for p in pairs:
        near.setdefault(p.i, {})[p.j] = p
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    # Each gap as the sentences it comes after and before, in A and in B.
    starts = [(g.a[0], g.b[0]) for g in chain[1:]] + [(len(fa), len(fb))]
    gaps = [(-1, -1, chain[0].a[0], chain[0].b[0])] + [(g.a[-1], g.b[-1], *at) for g, at in zip(chain, starts)]
    on_chain = set(map(id, chain))
    next_a = sorted(g.a[0] for g in solid) + [len(fa)]
    next_b = sorted(g.b[0] for g in solid) + [len(fb)]
    gaps += [
        (g.a[-1], g.b[-1], next_a[bisect_left(next_a, g.a[-1] + 1)], next_b[bisect_left(next_b, g.b[-1] + 1)])
        for g in solid
        if id(g) not in on_chain
    ]
    found: list[Group] = []
    for lo_a, lo_b, hi_a, hi_b in gaps:
        xs = [i for i in range(lo_a + 1, hi_a) if i not in used_a and fa[i].terms]
        ys = [j for j in range(lo_b + 1, hi_b) if j not in used_b and fb[j].terms]
        if xs and ys and len(xs) * len(ys) <= GAP_CELLS_MAX:
            made = _fill(xs, ys, near, fa, fb, idf)
            used_a.update(i for g in made for i in g.a)
            used_b.update(j for g in made for j in g.b)
            found += made
    return found


def _fill(xs: list[int], ys: list[int], near: dict[int, dict[int, Pair]], fa: list[Features], fb: list[Features], idf: Weights) -> list[Group]:
    """The links of one gap: first the pairs that are each other's best counterpart in the gap
    (in order), then the dynamic program between them.

    A program that adds up similarities would trade one strong pair for two weak ones ("the
    lede" for "the headline" and "the second paragraph"); a pair that both sentences prefer to
    any other is the strongest evidence the gap holds, so it is taken first.
    """
    in_b = set(ys)
    gap = [p for i in xs for j, p in near.get(i, _NONE).items() if j in in_b]
    # Each sentence's best pair (the last of its pairs sorted by score), ties to the earlier.
    best_of_a = {p.i: p for p in sorted(gap, key=lambda p: (p.dice, -p.j))}
    best_of_b = {p.j: p for p in sorted(gap, key=lambda p: (p.dice, -p.i))}
    mutual = [_link_of(p.shared, fa[p.i].weight, fb[p.j].weight, [p.i], [p.j]) for p in best_of_a.values() if best_of_b[p.j] is p]
    chain = _increasing([g for g in mutual if g is not None])
    free_a = set(xs).difference(g.a[0] for g in chain)
    free_b = in_b.difference(g.b[0] for g in chain)
    # A split or merged statement: its other piece joins the pair, as a 1:2 or 2:1 step would.
    chain = [_joined(g, free_a, free_b, fa, fb, idf) for g in chain]
    found: list[Group] = []
    lo_a = lo_b = -1
    for g in [*chain, None]:
        hi_a, hi_b = (g.a[0], g.b[0]) if g is not None else (len(fa), len(fb))
        sub_x = [i for i in xs if lo_a < i < hi_a and i in free_a]
        sub_y = [j for j in ys if lo_b < j < hi_b and j in free_b]
        if sub_x and sub_y:
            found += _align_gap(sub_x, sub_y, near, fa, fb, idf)
        if g is not None:
            found.append(g)
            lo_a, lo_b = g.a[-1], g.b[-1]
    return found


_NONE: dict[int, Pair] = {}


def _joined(g: Group, free_a: set[int], free_b: set[int], fa: list[Features], fb: list[Features], idf: Weights) -> Group:
    """`g`, or `g` with a free neighbour joined when that reads closer by `MERGE_GAIN`."""
    options = [(sorted([*g.a, i]), g.b) for i in (g.a[0] - 1, g.a[0] + 1) if i in free_a]
    options += [(g.a, sorted([*g.b, j])) for j in (g.b[0] - 1, g.b[0] + 1) if j in free_b]
    best = g
    for ga, gb in options:
        link = _gap_link(ga, gb, fa, fb, idf)
        if link is not None and link.score - MERGE_GAIN > best.score:
            best = link
    free_a.difference_update(best.a)
    free_b.difference_update(best.b)
    return best


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
    return _link_of(*shared_weights(ga, gb, fa, fb, idf), ga, gb)


def _link_of(shared: float, wa: float, wb: float, ga: list[int], gb: list[int]) -> Group | None:
    """The link of two runs of sentences found in a gap, or None when they share too little.

    Its kind comes from what it shares: when one side weighs less than `GAP_SAME_COVER` of the
    other, the other adds much that it does not say, and the link is partial.
    """
    if shared < GAP_WEIGHT_MIN or 2 * shared / (wa + wb) < GAP_FLOOR:
        return None
    return Group(list(ga), list(gb), round(2 * shared / (wa + wb), 3), same=min(wa, wb) >= GAP_SAME_COVER * max(wa, wb))
