"""Which sentences of one version say what sentences of another version say.

How it works, and why:
1. Each sentence becomes a set of content-word stems (see `tokens.stem`). Stems weigh what they
   tell apart: a stem found in many sentences of the two versions ("IRS", "Krause") counts for
   little, a rare one ("Bessent", "$80") for a lot (inverse sentence frequency).
2. Candidates come from an inverted index of B's stems, so the cost grows with the sentences that
   share words, not with the product of the two lengths. On very long documents each sentence only
   walks the postings of its rarest stems, capped, and keeps its best few candidates.
3. Same-content links (verbatim, edited, paraphrase) are chosen one to one, best first, so links
   may cross when versions reorder paragraphs. A neighbour that was split off or merged in (two
   sentences restated as one) joins a link when it makes the pair read as one statement.
4. Partial links join sentences that share a distinctive fact (several rare stems, or a phrase of
   two) without saying the same thing. A sentence may have several. A false link is worse than a
   missing one, so partial links need both enough shared weight and a shared share of the shorter
   sentence.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from heapq import nlargest

from .model import Alignment, Article, LinkKind, SentenceLink
from .tokens import acronyms_in, content_stems, tokenize
from .word_diff import diff_tokens

# Documented thresholds (see docs in README "How alignment decides").
SAME_MIN = 0.42  # weighted Dice of content stems for a same-content link
PARTIAL_COVER_MIN = 0.34  # share of the shorter sentence's weight found in the other
PARTIAL_WEIGHT_MIN = 3.0  # shared inverse-frequency weight (about 3 distinctive words)
EDITED_MIN = 0.75  # token similarity above which a link is a light edit, not a paraphrase
MERGE_GAIN = 0.05  # how much a neighbour must improve a link's Dice to join it
MAX_PARTIAL_PER_SENTENCE = 3
# Past this many sentence pairs, candidates come from each sentence's rarest stems only.
EXHAUSTIVE_PAIRS = 250_000
POSTINGS_CAP = 48
TOP_K = 6


@dataclass(slots=True)
class _Features:
    terms: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    weight: float = 0.0


def _features(text: str, acronyms: frozenset[str]) -> _Features:
    stems = content_stems(text, acronyms)
    return _Features(frozenset(stems), frozenset(zip(stems, stems[1:])))


@dataclass(slots=True)
class _Pair:
    i: int
    j: int
    shared: float
    dice: float
    cover: float
    bigrams: int


def align_articles(a: Article, b: Article, *, with_ops: bool = True) -> Alignment:
    """Link the sentences of `a` to those of `b`; see the module docstring for how."""
    sa, sb = a.sentences, b.sentences
    acronyms = frozenset(acronyms_in(a.text) | acronyms_in(b.text))
    fa = [_features(s.text, acronyms) for s in sa]
    fb = [_features(s.text, acronyms) for s in sb]
    idf = _inverse_frequency(fa, fb)
    for f in fa:
        f.weight = sum(idf[t] for t in f.terms)
    for f in fb:
        f.weight = sum(idf[t] for t in f.terms)

    pairs = _candidate_pairs(fa, fb, idf)
    groups = _same_links(pairs, fa, fb, idf)
    partial = _partial_links(pairs, groups)

    links = []
    for ga, gb, score in groups:
        links.append(_make_link(a, b, ga, gb, score, same=True, with_ops=with_ops))
    for p in partial:
        links.append(_make_link(a, b, (p.i,), (p.j,), _partial_score(p), same=False, with_ops=with_ops))
    links.sort(key=lambda link: (link.a[0], link.b[0]))
    return Alignment(a, b, tuple(links))


def _inverse_frequency(fa: list[_Features], fb: list[_Features]) -> dict[str, float]:
    df: dict[str, int] = {}
    for f in fa + fb:
        for t in f.terms:
            df[t] = df.get(t, 0) + 1
    n = len(fa) + len(fb)
    return {t: math.log((n + 1) / c) for t, c in df.items()}


def _candidate_pairs(fa: list[_Features], fb: list[_Features], idf: dict[str, float]) -> list[_Pair]:
    postings: dict[str, list[int]] = {}
    for j, f in enumerate(fb):
        for t in f.terms:
            postings.setdefault(t, []).append(j)
    exhaustive = len(fa) * len(fb) <= EXHAUSTIVE_PAIRS
    scale = len(fb) / max(1, len(fa))
    pairs = []
    for i, f in enumerate(fa):
        if not f.terms:
            continue
        acc: dict[int, float] = {}
        if exhaustive:
            for t in f.terms:
                w = idf[t]
                for j in postings.get(t, ()):
                    acc[j] = acc.get(j, 0.0) + w
            chosen = acc
        else:
            # Rarest stems first; a very common stem only looks near where the sentence would
            # sit if the versions kept their order, which is where its counterpart usually is.
            expected = int(i * scale)
            for t in sorted(f.terms, key=lambda t: -idf[t])[:4]:
                plist = postings.get(t)
                if not plist:
                    continue
                if len(plist) > POSTINGS_CAP:
                    k = bisect_left(plist, expected)
                    lo = max(0, min(k - POSTINGS_CAP // 2, len(plist) - POSTINGS_CAP))
                    plist = plist[lo : lo + POSTINGS_CAP]
                w = idf[t]
                for j in plist:
                    acc[j] = acc.get(j, 0.0) + w
            chosen = dict(nlargest(TOP_K, acc.items(), key=lambda kv: kv[1]))
        for j in chosen:
            g = fb[j]
            shared_terms = f.terms & g.terms
            shared = sum(idf[t] for t in shared_terms) if not exhaustive else acc[j]
            total = f.weight + g.weight
            if total <= 0:
                continue
            pairs.append(
                _Pair(i, j, shared, 2 * shared / total, shared / max(1e-9, min(f.weight, g.weight)), len(f.bigrams & g.bigrams))
            )
    return pairs


def _dice(terms_a: frozenset[str], terms_b: frozenset[str], idf: dict[str, float]) -> float:
    wa = sum(idf[t] for t in terms_a)
    wb = sum(idf[t] for t in terms_b)
    if wa + wb <= 0:
        return 0.0
    return 2 * sum(idf[t] for t in terms_a & terms_b) / (wa + wb)


def _same_links(pairs: list[_Pair], fa: list[_Features], fb: list[_Features], idf: dict[str, float]):
    """One-to-one links, best first, then grown by split-off or merged-in neighbours."""
    used_a: dict[int, int] = {}
    used_b: dict[int, int] = {}
    groups: list[list] = []
    for p in sorted((p for p in pairs if p.dice >= SAME_MIN), key=lambda p: -p.dice):
        if p.i in used_a or p.j in used_b:
            continue
        used_a[p.i] = used_b[p.j] = len(groups)
        groups.append([[p.i], [p.j], p.dice])

    # A neighbour left over on either side joins a link when the joined text reads closer.
    by_pair = {(p.i, p.j): p for p in pairs}
    for g in groups:
        for side in (0, 1):
            feats, used = (fa, used_a) if side == 0 else (fb, used_b)
            grown = True
            while grown:
                grown = False
                for cand in (g[side][0] - 1, g[side][-1] + 1):
                    if cand < 0 or cand >= len(feats) or cand in used:
                        continue
                    other = g[1 - side]
                    # The neighbour must itself share a good part of its content with the link.
                    near = [by_pair.get((cand, o) if side == 0 else (o, cand)) for o in other]
                    if not any(q is not None and q.cover >= 0.5 for q in near):
                        continue
                    ta = frozenset().union(*(fa[x].terms for x in (g[0] + [cand] if side == 0 else g[0])))
                    tb = frozenset().union(*(fb[x].terms for x in (g[1] + [cand] if side == 1 else g[1])))
                    d = _dice(ta, tb, idf)
                    if d >= g[2] + MERGE_GAIN:
                        g[side] = sorted(g[side] + [cand])
                        g[2] = d
                        used[cand] = -1
                        grown = True
    return [(tuple(ga), tuple(gb), score) for ga, gb, score in groups]


def _partial_links(pairs: list[_Pair], groups) -> list[_Pair]:
    """Links between sentences that share a distinctive fact, beyond the one-to-one links."""
    linked = {(i, j) for ga, gb, _ in groups for i in ga for j in gb}
    eligible = [
        p
        for p in pairs
        if (p.i, p.j) not in linked
        and p.cover >= PARTIAL_COVER_MIN
        and p.shared >= PARTIAL_WEIGHT_MIN
        and (p.bigrams >= 1 or p.shared >= 2 * PARTIAL_WEIGHT_MIN)
    ]
    eligible.sort(key=lambda p: -_partial_score(p))
    per_a: dict[int, int] = {}
    per_b: dict[int, int] = {}
    chosen = []
    for p in eligible:
        if per_a.get(p.i, 0) >= MAX_PARTIAL_PER_SENTENCE or per_b.get(p.j, 0) >= MAX_PARTIAL_PER_SENTENCE:
            continue
        per_a[p.i] = per_a.get(p.i, 0) + 1
        per_b[p.j] = per_b.get(p.j, 0) + 1
        chosen.append(p)
    return chosen


def _partial_score(p: _Pair) -> float:
    return round(min(1.0, math.sqrt(p.dice * p.cover)), 3)


def _make_link(a: Article, b: Article, ga, gb, score: float, *, same: bool, with_ops: bool) -> SentenceLink:
    ta = [t for i in ga for t in tokenize(a.sentences[i].text, a.sentences[i].start)]
    tb = [t for j in gb for t in tokenize(b.sentences[j].text, b.sentences[j].start)]
    na = [t.norm for t in ta if t.is_word]
    nb = [t.norm for t in tb if t.is_word]
    if same and na == nb:
        kind, score = LinkKind.VERBATIM, 1.0
    elif not same:
        kind = LinkKind.PARTIAL
    else:
        from rapidfuzz.distance import Levenshtein

        similarity = Levenshtein.normalized_similarity(na, nb)
        kind = LinkKind.EDITED if similarity >= EDITED_MIN else LinkKind.PARAPHRASE
        score = max(score, similarity)
    ops = tuple(diff_tokens(ta, tb, a.text, b.text)) if with_ops else ()
    return SentenceLink(tuple(ga), tuple(gb), round(min(1.0, score), 3), kind, ops)
