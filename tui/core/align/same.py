"""Same-content links: one to one, best first, then grown by split-off or merged-in neighbours.

Links may cross, since versions reorder paragraphs; `order.py` then uses the links that keep
the story's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Sentence
from ..tokens import fold
from .candidates import Pair
from .features import Features, Weights, shared_weights
from .thresholds import MERGE_COVER, MERGE_GAIN, NEIGHBOUR_COVER, SAME_MIN, SAME_WEIGHT_MIN


@dataclass(slots=True)
class Group:
    """Sentences of A joined to sentences of B (both in order), with the link's score.

    `same` is False for a link that shares a fact or a clause only (a partial link)."""

    a: list[int]
    b: list[int]
    score: float
    same: bool = True


def same_links(pairs: list[Pair], fa: list[Features], fb: list[Features], idf: Weights) -> list[Group]:
    """One-to-one links, best first (ties in sentence order), then grown by neighbours."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    groups: list[Group] = []
    # Less than a distinctive word in common is no evidence, unless it is all either says.
    strong = [p for p in pairs if p.dice >= SAME_MIN and (p.shared >= SAME_WEIGHT_MIN or fa[p.i].terms == fb[p.j].terms)]
    for p in sorted(strong, key=lambda p: (-p.dice, p.i, p.j)):
        if p.i in used_a or p.j in used_b:
            continue
        used_a.add(p.i)
        used_b.add(p.j)
        groups.append(Group([p.i], [p.j], p.dice))
    by_pair = {(p.i, p.j): p for p in pairs}
    for g in groups:
        grow(g, fa, fb, idf, used_a, used_b, by_pair)
    return groups


def grow(
    g: Group,
    fa: list[Features],
    fb: list[Features],
    idf: Weights,
    used_a: set[int],
    used_b: set[int],
    by_pair: dict[tuple[int, int], Pair],
) -> None:
    """Join to `g` the unused neighbours on either side that are pieces of the same statement.

    A sentence split in two, or two merged into one, leaves a neighbour that shares much of its
    content with the link's other side. It joins when the joined text reads closer (the Dice
    rises by `MERGE_GAIN`) or when the link's other side says most of it (`NEIGHBOUR_COVER`) and
    the Dice rises at all.
    """
    for side in (0, 1):
        feats, used = (fa, used_a) if side == 0 else (fb, used_b)
        grown = True
        while grown:
            grown = False
            own, other = (g.a, g.b) if side == 0 else (g.b, g.a)
            for cand in (own[0] - 1, own[-1] + 1):
                if cand < 0 or cand >= len(feats) or cand in used or not feats[cand].terms:
                    continue
                near = [by_pair.get((cand, o) if side == 0 else (o, cand)) for o in other]
                if not any(q is not None and q.cover >= MERGE_COVER for q in near):
                    continue
                joined = (g.a + [cand], g.b) if side == 0 else (g.a, g.b + [cand])
                shared, wa, wb = shared_weights(*joined, fa, fb, idf)
                d = 2 * shared / (wa + wb)
                # The weight the neighbour shares with the link's other side, over its own.
                alone = ([cand], g.b) if side == 0 else (g.a, [cand])
                covered = shared_weights(*alone, fa, fb, idf)[0] / feats[cand].weight
                if d >= g.score + MERGE_GAIN or (covered >= NEIGHBOUR_COVER and d > g.score):
                    own.append(cand)
                    own.sort()
                    g.score = d
                    used.add(cand)
                    grown = True
                    break


def same_without_content(sa: tuple[Sentence, ...], sb: tuple[Sentence, ...], fa: list[Features], fb: list[Features]) -> list[Group]:
    """Sentences with no content word ("___", "The end.") link only to the same text, in order.

    Weights cannot compare them, yet a reader still expects a copied line to show as copied.
    """
    waiting: dict[str, list[int]] = {}
    for j in range(len(sb) - 1, -1, -1):
        if not fb[j].terms:
            waiting.setdefault(" ".join(fold(sb[j].text).split()), []).append(j)
    groups = []
    for i, f in enumerate(fa):
        if not f.terms:
            queue = waiting.get(" ".join(fold(sa[i].text).split()))
            if queue:
                groups.append(Group([i], [queue.pop()], 1.0))
    return groups
