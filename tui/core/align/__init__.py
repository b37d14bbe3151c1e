"""Which sentences of one version say what sentences of another version say.

The pipeline, one stage a module:
1. `features`: each sentence as weighted content stems, names flagged, misspelled names matched.
2. `candidates`: the sentence pairs worth weighing, from an inverted index of stems.
3. `same`: same-content links, one to one and best first, grown by split or merged neighbours.
4. `order`: the links that keep the story's order are anchors; between two anchors, the
   sentences left over are lined up in order with a low similarity floor.
5. `partial`: links between sentences that share a clause or a fact, behind strict gates.
6. `kinds`: each link's kind (verbatim, edited, paraphrase, partial), score and word diff.
Every threshold is in `thresholds`, with its reason. A false link is worse than a missing one.
"""

from __future__ import annotations

from ..model import Alignment, Article
from .candidates import candidate_pairs
from .features import both_sides
from .kinds import make_link
from .order import fill_gaps
from .partial import partial_links
from .same import same_links, same_without_content

__all__ = ["align_articles"]


def align_articles(a: Article, b: Article) -> Alignment:
    """Link the sentences of `a` to those of `b`, sorted by their first sentence in A then B."""
    fa, fb, idf = both_sides(a, b)
    pairs = candidate_pairs(fa, fb, idf)
    groups = same_links(pairs, fa, fb, idf)
    groups += same_without_content(a.sentences, b.sentences, fa, fb)
    groups += fill_gaps(groups, pairs, fa, fb, idf)
    groups += partial_links(pairs, groups, fa, fb, idf)
    links = [make_link(a, b, g) for g in groups]
    links.sort(key=lambda link: (link.a[0], link.b[0]))
    return Alignment(a, b, tuple(links))
