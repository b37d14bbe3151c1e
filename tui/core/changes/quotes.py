"""Quotations: someone's words altered, dropped, added, or turned into paraphrase.

Quotations are found over the whole article, so one that runs across sentences is one
quotation: curly marks pair “ with the next ”; a quotation left open at the end of a paragraph
(news style when it goes on in the next) ends there; straight double quotes pair within a
paragraph; in a paragraph with no double marks, ‘single marks’ pair as British style has them.
Rules, per link, after pairing each quotation of A with the quotation of B that
shares most of its words:
- words changed inside a paired quotation: high ("streamlining" -> "enhancing": those are
  someone's words); only grammar words added or dropped ("the major" -> "major"): medium, unless
  one is a negation ("not"); only case: low. Punctuation alone is not a change;
- a quotation of A with no partner: "turned into paraphrase" when most of its words are still on
  B's side, else "dropped" (medium); a quotation of B with no partner likewise (words presented
  as a quotation that A did not quote: high). Partial links too: the sentence is linked, so its
  lost quotation is listed nowhere else;
- a sentence with no counterpart drops (or adds) its quotations: medium (see `unlinked_quotes`).
A quotation the other version has word for word elsewhere is neither dropped nor added.
Quotations of fewer than `MIN_WORDS` words (scare quotes) are only checked for altered words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..model import Article
from .text import WORD_RE, Change, LinkedText, found_in, is_function_text, lower_words, span_of

_MARK = re.compile(r"[“”\"]")
# A quotation in single marks (British style): ‘ at a word's start, to the first ’ that no letter
# follows (an apostrophe sits inside a word: "don’t").
_SINGLE = re.compile(r"(?<!\w)‘(.+?)’(?!\w)")
_NEGATION = re.compile(r"\b(?:not|no|never)\b|n[’']t\b", re.IGNORECASE)
MIN_WORDS = 3
PAIR_MIN = 0.3  # share of words two quotations must have in common to be the same quotation
KEPT_MIN = 0.5  # share of a quotation's words found on the other side to call it paraphrased


@lru_cache(maxsize=16)
def quotation_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The inside of every quotation in `text`, as (start, end) offsets without the marks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        open_at: int | None = None
        straight: int | None = None
        for m in _MARK.finditer(paragraph):
            k, ch = m.start(), m.group()
            if ch == "“":
                if open_at is not None:
                    spans.append((pos + open_at, pos + k))
                open_at = k + 1
            elif ch == "”" and open_at is not None:
                spans.append((pos + open_at, pos + k))
                open_at = None
            elif ch == '"':
                if straight is None:
                    straight = k + 1
                else:
                    spans.append((pos + straight, pos + k))
                    straight = None
        for left in (open_at, straight):
            if left is not None and left < len(paragraph):
                spans.append((pos + left, pos + len(paragraph)))
        if "‘" in paragraph and not _MARK.search(paragraph):
            spans += [(pos + m.start(1), pos + m.end(1)) for m in _SINGLE.finditer(paragraph)]
        pos += len(paragraph) + 1
    return tuple(sorted(s for s in spans if s[1] > s[0]))


def _within(spans: tuple[tuple[int, int], ...], start: int, end: int) -> list[tuple[int, int]]:
    """The spans overlapping [start, end), clipped to it. Quotations do not nest, so their ends
    are in order too, and the first one that can overlap is found by bisection."""
    out = []
    for s, e in spans[max(0, bisect_right(spans, (start, start)) - 1) :]:
        if s >= end:
            break
        if start < e:
            out.append((max(s, start), min(e, end)))
    return out


def _bag(text: str, start: int, end: int) -> frozenset[str]:
    return lower_words(text, start, end)


def _overlap(x: set[str], y: set[str]) -> float:
    return len(x & y) / max(1, min(len(x), len(y)))


def quote_changes(pair: LinkedText) -> list[Change]:
    a_text, b_text = pair.a.text, pair.b.text
    qa = _within(quotation_spans(a_text), pair.a_start, pair.a_end)
    qb = _within(quotation_spans(b_text), pair.b_start, pair.b_end)
    if not qa and not qb:
        return []
    bags_a = [_bag(a_text, *q) for q in qa]
    bags_b = [_bag(b_text, *q) for q in qb]
    pairs = sorted(((_overlap(x, y), i, j) for i, x in enumerate(bags_a) for j, y in enumerate(bags_b)), reverse=True)
    partner_a: dict[int, int] = {}
    partner_b: dict[int, int] = {}
    for score, i, j in pairs:
        if score >= PAIR_MIN and i not in partner_a and j not in partner_b:
            partner_a[i], partner_b[j] = j, i
    changes = [c for i, j in partner_a.items() if (c := _altered(pair, qa[i], qb[j])) is not None]
    whole_b, whole_a = _bag(b_text, pair.b_start, pair.b_end), _bag(a_text, pair.a_start, pair.a_end)
    for i, q in enumerate(qa):
        if i not in partner_a and len(bags_a[i]) >= MIN_WORDS and not _quoted_in(a_text[q[0] : q[1]], pair.b):
            kept = len(bags_a[i] & whole_b) / len(bags_a[i]) >= KEPT_MIN
            changes.append(pair.change("quote", "medium", q, None,
                                       "quotation turned into paraphrase" if kept else "quotation dropped"))
    for j, q in enumerate(qb):
        if j not in partner_b and len(bags_b[j]) >= MIN_WORDS and not _quoted_in(b_text[q[0] : q[1]], pair.a):
            kept = len(bags_b[j] & whole_a) / len(bags_b[j]) >= KEPT_MIN
            changes.append(pair.change("quote", "high" if kept else "medium", None, q,
                                       "words presented as a quotation that the other version does not quote"
                                       if kept else "quotation added"))
    return changes


@lru_cache(maxsize=1 << 12)
def _quoted_in(quotation: str, article: Article) -> bool:
    """`found_in`, cached by the words and the article (hashed by identity): a quotation with no
    partner in its link is looked up in the other version each time the pair is classified,
    and a look-up scans the whole article (80 µs in one of 1,000 sentences)."""
    return found_in(quotation, article)


def _small(text: str) -> bool:
    """Whether a quotation's changed words are grammar words only; a negation is never small."""
    return is_function_text(text) and _NEGATION.search(text) is None


def _altered(pair: LinkedText, qa: tuple[int, int], qb: tuple[int, int]) -> Change | None:
    """The change inside a paired quotation, from its first changed word to its last."""
    a_parts, b_parts, shown = [], [], []
    (qa0, qa1), (qb0, qb1) = qa, qb
    for op in pair.changed_ops():
        # A stretch outside both quotations is passed over before any clipping: on a side it
        # overlaps the quotation, or starts inside it (an insertion point).
        if not (qa0 < op.a_end and op.a_start < qa1) and not (qb0 < op.b_end and op.b_start < qb1):
            continue
        sa, ea = max(op.a_start, qa[0]), min(op.a_end, qa[1])
        sb, eb = max(op.b_start, qb[0]), min(op.b_end, qb[1])
        in_a, in_b = sa < ea or qa[0] < op.a_start < qa[1], sb < eb or qb[0] < op.b_start < qb[1]
        if not (in_a or in_b):
            continue
        ta = pair.a.text[sa:ea] if sa < ea else ""
        tb = pair.b.text[sb:eb] if sb < eb else ""
        if not WORD_RE.search(ta) and not WORD_RE.search(tb):
            continue  # punctuation only
        a_parts.append((sa, max(sa, ea)))
        b_parts.append((sb, max(sb, eb)))
        shown.append((ta, tb))
    if not shown:
        return None
    if all(x.lower() == y.lower() for x, y in shown):
        severity, note = "low", "quotation re-cased"
    elif all(_small(x) and _small(y) for x, y in shown):
        severity, note = "medium", "small words altered in a quotation"
    else:
        severity, note = "high", "quoted words altered"
    detail = "; ".join(f"{x or '∅'} -> {y or '∅'}" for x, y in shown[:3]) + ("; …" if len(shown) > 3 else "")
    a = (min(s for s, _ in a_parts), max(e for _, e in a_parts))
    b = (min(s for s, _ in b_parts), max(e for _, e in b_parts))
    return pair.change("quote", severity, a, b, f"{note}: {detail}")


@lru_cache(maxsize=1 << 12)
def _long_quotations(article: Article, index: int) -> tuple[tuple[int, int], ...]:
    """The quotations of a sentence of at least `MIN_WORDS` words: read once per sentence,
    though a sentence with no counterpart is checked against every other version."""
    sentence = article.sentences[index]
    return tuple([q for q in _within(quotation_spans(article.text), sentence.start, sentence.end)
                  if len(_bag(article.text, *q)) >= MIN_WORDS])


@lru_cache(maxsize=1 << 12)
def unlinked_quotes(article: Article, index: int, side: str, other: Article) -> tuple[Change, ...]:
    """The quotations of a sentence that has no counterpart: dropped (side "a") or added ("b"),
    unless the `other` version has the same words elsewhere. Cached by the articles (hashed by
    identity) and sentence."""
    out = []
    for q in _long_quotations(article, index):
        if not found_in(article.text[q[0] : q[1]], other):
            span = span_of(article, *q)
            out.append(Change("quote", "medium", None, span if side == "a" else None, span if side == "b" else None,
                              "quotation dropped" if side == "a" else "quotation added"))
    return tuple(out)
