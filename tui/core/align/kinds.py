"""A link's kind (verbatim, edited, paraphrase, partial), its score as shown, and its word diff."""

from __future__ import annotations

from itertools import chain, compress

from rapidfuzz.distance import Levenshtein

from ..model import Article, LinkKind, SentenceLink
from ..tokens import TokenColumns, token_columns
from ..word_diff import diff_columns
from .same import Group
from .thresholds import EDITED_MIN


def make_link(a: Article, b: Article, g: Group) -> SentenceLink:
    """The link of group `g`, with its word-level diff."""
    ta = _columns(a, g.a)
    tb = _columns(b, g.b)
    kind, score = link_kind(ta, tb, g.score, g.same)
    return SentenceLink(tuple(g.a), tuple(g.b), score, kind, tuple(diff_columns(ta, tb, a.text, b.text)))


def link_kind(ta: TokenColumns, tb: TokenColumns, score: float, same: bool) -> tuple[LinkKind, float]:
    """A link's kind and its score as shown, from the tokens of its two sides."""
    # The words, punctuation aside (every kind but punctuation is true).
    na = list(compress(ta.norms, ta.kinds))
    nb = list(compress(tb.norms, tb.kinds))
    if not same:
        kind = LinkKind.PARTIAL
    elif na == nb:
        kind, score = LinkKind.VERBATIM, 1.0
    else:
        similarity = Levenshtein.normalized_similarity(na, nb)
        kind = LinkKind.EDITED if similarity >= EDITED_MIN else LinkKind.PARAPHRASE
        # Only identical words earn 1.0: a reader must be able to tell an edit from a copy.
        score = min(0.99, max(score, similarity))
    return kind, round(min(1.0, score), 3)


def _columns(article: Article, group: list[int]) -> TokenColumns:
    """The tokens of a link's sentences on one side, as one text's columns."""
    sentences = article.sentences
    parts = [token_columns(sentences[i].text, sentences[i].start) for i in group]
    if len(parts) == 1:
        return parts[0]
    return TokenColumns(*(tuple(chain.from_iterable(column)) for column in zip(*parts)))
