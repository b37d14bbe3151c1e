"""Step 3 of re-anchoring (see `tui.core.anchoring`): finding a passage whose words were lightly edited.

Context and quote together are matched approximately against the new text; the best window must
clearly beat the best window elsewhere (a second one nearly as good means the passage repeats,
and choosing would be a guess); then the quote's first and last words are carried across a
word-level diff of that window, so text inserted beside the passage stays outside it while a
reworded edge word stays inside. The thresholds below decide when such a match is trusted: an
annotation on the wrong passage misleads, an orphan only asks the user to look.

rapidfuzz and difflib are imported only when a search needs them, so opening the store stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .anchoring import TextAnchor

FUZZY_MIN_QUOTE = 0.75
"""Minimum similarity between the stored quote and the candidate passage for a fuzzy match."""

FUZZY_MIN_CONTEXT = 0.6
"""Minimum similarity between the stored context and the text around a fuzzy candidate."""

FUZZY_MIN_CONFIDENCE = 0.8
"""Minimum combined confidence for a fuzzy match; below it the annotation is an orphan."""

FUZZY_MARGIN = 0.1
"""How much better (0..1) the best fuzzy window must be than the best window elsewhere."""


def _side_cost(stored: str, text: str, at: int, before: bool) -> int:
    """Edits needed to turn the stored context into the text that runs up to (or from) `at`.

    The far end of the context is left free, so text inserted next to the passage costs its
    length once instead of twice (once as inserted, once as context pushed out of a fixed
    window); otherwise the context would pull inserted words into the passage.
    """
    from rapidfuzz.distance import Indel

    if not stored:
        return 0
    slack = max(4, len(stored) // 2)
    lengths = range(max(0, len(stored) - slack), len(stored) + slack + 1)
    if before:
        return min(Indel.distance(stored, text[max(0, at - n) : at]) for n in lengths)
    return min(Indel.distance(stored, text[at : at + n]) for n in lengths)


def costs(anchor: TextAnchor, text: str, start: int, end: int) -> tuple[int, int]:
    """Edits between the stored quote and `text[start:end]`, and between the stored and actual context."""
    from rapidfuzz.distance import Indel

    context = _side_cost(anchor.prefix, text, start, True) + _side_cost(anchor.suffix, text, end, False)
    return Indel.distance(anchor.exact, text[start:end]), context


def _fit(anchor: TextAnchor, text: str, start: int, end: int) -> tuple[float, float]:
    """Similarity (0..1) of the quote to `text[start:end]`, and of the stored context to its surroundings."""
    quote_cost, context_cost = costs(anchor, text, start, end)
    quote = 1 - quote_cost / (len(anchor.exact) + (end - start))
    context_len = len(anchor.prefix) + len(anchor.suffix)
    context = 1 - context_cost / (2 * context_len) if context_len else 1.0
    return quote, max(0.0, context)


@dataclass(frozen=True)
class FuzzyMatch:
    """A candidate window: where it is, how well quote and context fit, and whether a rival comes close."""

    start: int
    end: int
    quote: float
    context: float
    cost: int
    ambiguous: bool

    @property
    def confidence(self) -> float:
        return (self.quote + self.context) / 2

    @property
    def acceptable(self) -> bool:
        return not self.ambiguous and self.plausible

    @property
    def plausible(self) -> bool:
        """Good enough to be the passage, were there no rival."""
        return (
            self.quote >= FUZZY_MIN_QUOTE
            and self.context >= FUZZY_MIN_CONTEXT
            and self.confidence >= FUZZY_MIN_CONFIDENCE
        )


_TOKEN = re.compile(r"\S+")


def tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Whitespace-separated words with their offsets in the text (shifted by `offset`)."""
    return [(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def _map_by_words(anchor: TextAnchor, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Carries the quote's first and last word across a word-level diff of context+quote vs text[lo:hi].

    Word granularity settles what characters cannot: text inserted next to the passage stays
    outside it (an insert before the first quote word), while a replaced first or last word
    stays inside (a replace at the quote's edge). When a replacement at an edge brought more
    words than it removed, the extra words are counted outside, by the same convention.
    """
    prefix = tokens(anchor.prefix)
    quote = tokens(anchor.exact)
    suffix = tokens(anchor.suffix)
    if not quote:
        return None
    old = [t[0] for t in prefix] + [t[0] for t in quote] + [t[0] for t in suffix]
    new = tokens(text[lo:hi], lo)
    import difflib

    first, last = len(prefix), len(prefix) + len(quote) - 1
    start_token = end_token = None
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, [t[0] for t in new], autojunk=False).get_opcodes():
        if i1 <= first < i2:
            start_token = max(j1, j2 - (i2 - first)) if op != "equal" else j1 + (first - i1)
        if i1 <= last < i2:
            end_token = min(j2, j1 + (last - i1 + 1)) if op != "equal" else j1 + (last - i1) + 1
    if start_token is None or end_token is None or start_token >= end_token:
        return None
    start, end = new[start_token][1], new[end_token - 1][2]
    # A quote that began or ended inside a word keeps that cut, if the word is still recognisable.
    head = prefix[-1][0] if prefix and prefix[-1][2] == len(anchor.prefix) and quote[0][1] == 0 else ""
    if head and new[start_token][0].startswith(head) and start + len(head) < end:
        start += len(head)
    tail = suffix[0][0] if suffix and suffix[0][1] == 0 and quote[-1][2] == len(anchor.exact) else ""
    if tail and new[end_token - 1][0].endswith(tail) and end - len(tail) > start:
        end -= len(tail)
    # Characters glued onto an edge word without a space ("¤Washington.", "Washington.¤") make
    # the diff see a replaced word, but the quote's own word is still there whole: that is text
    # inserted next to the passage, and by the convention above it stays outside. Only when the
    # word sits at one end of the token, though: in "SkipSkip" either copy could be the quote's.
    first_word, last_word = quote[0][0], quote[-1][0]
    edge = text[start : min(new[start_token][2], end)]
    if edge.endswith(first_word) and not edge.startswith(first_word):
        start += len(edge) - len(first_word)
    edge = text[max(new[end_token - 1][1], start) : end]
    if edge.startswith(last_word) and not edge.endswith(last_word):
        end -= len(edge) - len(last_word)
    return start, end


def fuzzy_match(anchor: TextAnchor, text: str) -> FuzzyMatch | None:
    """Step 3: context + quote matched approximately; the best window must clearly beat the rest."""
    from rapidfuzz import fuzz

    needle = anchor.prefix + anchor.exact + anchor.suffix
    best = fuzz.partial_ratio_alignment(needle, text)
    if best is None or best.score <= 0:
        return None
    # Blank out the best window and look again: a second window nearly as good means the
    # passage (or its context) repeats, and choosing between them would be a guess. Windows that
    # merely overlap the best one lose the blanked characters, so they do not count as rivals.
    masked = text[: best.dest_start] + "\x00" * (best.dest_end - best.dest_start) + text[best.dest_end :]
    second = fuzz.partial_ratio_alignment(needle, masked)
    ambiguous = second is not None and best.score - second.score < FUZZY_MARGIN * 100

    slack = 16 + len(needle) // 10
    if len(needle) >= len(text):
        lo, hi = 0, len(text)  # rapidfuzz aligns the other way round when the text is shorter
    else:
        # Only a little beyond the best window: a wider region could hold a look-alike passage,
        # and a word diff would happily align the quote to that instead.
        lo = max(0, best.dest_start - best.src_start - slack)
        hi = min(len(text), best.dest_start - best.src_start + len(needle) + slack)
    span = _map_by_words(anchor, text, lo, hi)
    if span is None:
        return None
    start, end = span
    quote_lo = best.dest_start - best.src_start + len(anchor.prefix) if len(needle) < len(text) else start
    if not (start < quote_lo + len(anchor.exact) + slack and quote_lo - slack < end):
        return None
    quote_cost, context_cost = costs(anchor, text, start, end)
    quote, context = _fit(anchor, text, start, end)
    return FuzzyMatch(start, end, quote, context, quote_cost + context_cost, ambiguous)
