"""Finding an annotated passage again after the article's text has changed.

An annotation remembers its passage the way the W3C Web Annotation model does: the quoted words
with up to 32 characters of context on either side (TextQuoteSelector) and their offsets
(TextPositionSelector). Offsets alone break as soon as anything before the passage changes, and
quotes alone are ambiguous when a phrase repeats, so re-anchoring uses both, in order of trust:

1. the quote at its old offsets, with its context still around it ("exact");
2. the quote elsewhere, where its context singles out one occurrence ("moved");
3. a fuzzy match of context + quote, when the quote itself was lightly reworded ("fuzzy",
   `tui.core.fuzzy_anchor`);
4. otherwise nothing ("orphan").

When the text the anchor was made on is at hand (the notes store keeps it), a word-level diff of
old against new is a second, independent witness: it vetoes a placement the diff contradicts and
settles a tie between look-alike passages that quote and context cannot.

The rule that governs every threshold here: an annotation attached to the wrong passage misleads
a fact-checker, while an orphan only asks them to look. So whenever two places are about equally
plausible, the answer is "orphan", never a guess.

Pure functions over strings; rapidfuzz and difflib are imported only when a search needs them,
so that opening the notes store stays cheap.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from .fuzzy_anchor import costs as _costs, fuzzy_match as _fuzzy_match, tokens as _tokens

CONTEXT_CHARS = 32
"""How much text either side of a quote is kept, as the Hypothesis client and W3C examples do."""

MIN_CONTEXT = 0.5
"""Share of the stored context that must still surround an exact occurrence of the quote.

0.5 means one side intact (an edit right next to a passage touches at most one side) or both
sides partly intact.
"""

CONTEXT_MARGIN = 0.25
"""How much better the best occurrence's context must be than the runner-up's to be trusted."""

Status = Literal["exact", "moved", "fuzzy", "orphan"]


@dataclass(frozen=True)
class TextAnchor:
    """A passage as the W3C TextQuoteSelector + TextPositionSelector pair describes it."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class AnchorResult:
    """Where an anchor landed in a new text; `start`/`end` are meaningless for orphans."""

    status: Status
    start: int
    end: int
    confidence: float

    @property
    def found(self) -> bool:
        return self.status != "orphan"


def anchor_for(text: str, start: int, end: int) -> TextAnchor:
    """The anchor for `text[start:end]`; an empty passage cannot be found again, so it is refused."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}..{end} is not a non-empty span of a {len(text)}-character text")
    return TextAnchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def reanchor(anchor: TextAnchor, new_text: str, old_text: str | None = None) -> AnchorResult:
    """Find `anchor`'s passage in `new_text`, or say honestly that it cannot be found.

    `old_text`, the text the anchor was made on, is optional; when given (the notes store keeps
    it), a word-level diff of old against new vetoes any answer that lands somewhere the diff
    says the passage did not go. Quote and context alone cannot tell which of two identical
    passages with identical surroundings was meant once the annotated one is reworded; the
    diff can.
    """
    result, contenders = _reanchor_by_selectors(anchor, new_text)
    if old_text is None:
        return result
    expected = _mapped_span(old_text, new_text, anchor.start, anchor.end)
    if expected is None:
        return result

    def agrees(start: int, end: int) -> bool:
        overlap = min(end, expected[1]) - max(start, expected[0])
        return overlap * 2 >= min(end - start, max(1, expected[1] - expected[0]))

    if result.found and agrees(result.start, result.end):
        return result
    # The selectors found several plausible places, or picked one the diff vetoes; two
    # independent pieces of evidence (the selectors and the diff) agreeing on one place is not a
    # guess. Every verbatim occurrence with one side of its context intact is such a place, even
    # one that a twin outscored: an edit right next to the annotated copy costs it one side,
    # while a twin elsewhere (a repeated caption or phrase) keeps both, so the selectors rank the
    # twin first and only the diff can tell them apart.
    places = {} if result.found else {(c.start, c.end): c for c in contenders}
    length = len(anchor.exact)
    for i in _occurrences(new_text, anchor.exact):
        score = context_score(anchor, new_text, i, i + length)
        if score >= MIN_CONTEXT:
            places.setdefault((i, i + length), _exact_result(anchor, i, score))
    agreeing = [c for c in places.values() if agrees(c.start, c.end)]
    if len(agreeing) == 1:
        return agreeing[0]
    return _orphan(result.confidence / 2) if result.found else result


@functools.lru_cache(maxsize=4)
def _word_opcodes(old_text: str, new_text: str) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]], list[tuple[str, int, int, int, int]]]:
    """Word-level diff of two texts; cached because a store re-anchors many notes on one pair."""
    import difflib

    old, new = _tokens(old_text), _tokens(new_text)
    matcher = difflib.SequenceMatcher(None, [t[0] for t in old], [t[0] for t in new], autojunk=False)
    return old, new, matcher.get_opcodes()


def _mapped_span(old_text: str, new_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the diff says old_text[start:end] went: the new words standing for the old words it touches."""
    old, new, opcodes = _word_opcodes(old_text, new_text)
    touched = [i for i, (_, s, e) in enumerate(old) if s < end and start < e]
    if not touched or not new:
        return None
    first, last = touched[0], touched[-1]
    lo = hi = None
    for _, i1, i2, j1, j2 in opcodes:
        if i1 <= first < i2:
            lo = j1 + (first - i1) if j2 - j1 == i2 - i1 else j1
        if i1 <= last < i2:
            hi = j1 + (last - i1) + 1 if j2 - j1 == i2 - i1 else j2
    if lo is None or hi is None or lo >= hi:
        return None
    return new[lo][1], new[hi - 1][2]


def _reanchor_by_selectors(anchor: TextAnchor, new_text: str) -> tuple[AnchorResult, list[AnchorResult]]:
    """The W3C-selector answer; when it is an orphan for want of a clear winner, the contenders."""
    if not anchor.exact or not new_text:
        return _orphan(0.0), []
    candidate, look_alikes = _exact_candidate(anchor, new_text)
    if look_alikes:
        length = len(anchor.exact)
        return _orphan(0.5), [_exact_result(anchor, i, context_score(anchor, new_text, i, i + length)) for i in look_alikes]
    if candidate is not None and candidate[1] == 1.0:
        return _exact_result(anchor, candidate[0], 1.0), []
    # The quote is missing, or present with damaged context: either the passage was reworded or
    # something was edited right next to it. The fuzzy search tells these apart, and it also
    # catches the trap where the annotated passage was reworded and an identical phrase elsewhere
    # happens to share part of its context.
    fuzzy = _fuzzy_match(anchor, new_text)
    fuzzy_result = None
    if fuzzy is not None:
        if new_text[fuzzy.start : fuzzy.end] == anchor.exact:
            fuzzy_result = _exact_result(anchor, fuzzy.start, fuzzy.confidence)
        else:
            fuzzy_result = AnchorResult("fuzzy", fuzzy.start, fuzzy.end, round(fuzzy.confidence, 3))
    plausible_fuzzy = [fuzzy_result] if fuzzy is not None and fuzzy_result is not None and fuzzy.plausible else []
    if candidate is not None:
        start, score = candidate
        end = start + len(anchor.exact)
        exact = _exact_result(anchor, start, score)
        if fuzzy is None or (fuzzy.start < end and start < fuzzy.end and not fuzzy.ambiguous):
            return exact, []
        if fuzzy.ambiguous or fuzzy.cost * 2 > sum(_costs(anchor, new_text, start, end)):
            overlapping = fuzzy.start < end and start < fuzzy.end
            return _orphan(fuzzy.confidence), [exact] + ([] if overlapping else plausible_fuzzy)
    if fuzzy is None or fuzzy_result is None:
        return _orphan(0.0), []
    if not fuzzy.acceptable:
        return _orphan(fuzzy.confidence), plausible_fuzzy
    return fuzzy_result, []


def _exact_result(anchor: TextAnchor, start: int, context: float) -> AnchorResult:
    status: Status = "exact" if start == anchor.start else "moved"
    return AnchorResult(status, start, start + len(anchor.exact), round((1 + context) / 2, 3))


def _orphan(confidence: float) -> AnchorResult:
    return AnchorResult("orphan", -1, -1, round(confidence, 3))


def _common_prefix_len(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix_len(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def context_score(anchor: TextAnchor, text: str, start: int, end: int) -> float:
    """How much of the stored context (0..1) still sits unchanged right around `text[start:end]`.

    Characters are counted outward from the passage and stop at the first difference, because
    context nearest the passage is the evidence that matters. A side is worth CONTEXT_CHARS
    characters even when less was stored because the passage sat near the start or end of the
    text: then it counts in full only if the passage still sits that near the edge, so that a
    four-character prefix is not worth as much as thirty-two matched characters elsewhere.
    """
    before = text[max(0, start - len(anchor.prefix)) : start]
    n = _common_suffix_len(anchor.prefix, before)
    at_edge = n == len(anchor.prefix) and start == n
    left = 1.0 if at_edge or n >= CONTEXT_CHARS else n / max(CONTEXT_CHARS, len(anchor.prefix))
    after = text[end : end + len(anchor.suffix)]
    n = _common_prefix_len(anchor.suffix, after)
    at_edge = n == len(anchor.suffix) and end + n == len(text)
    right = 1.0 if at_edge or n >= CONTEXT_CHARS else n / max(CONTEXT_CHARS, len(anchor.suffix))
    return (left + right) / 2


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    i = text.find(quote)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _exact_candidate(anchor: TextAnchor, text: str) -> tuple[tuple[int, float] | None, list[int]]:
    """Steps 1 and 2: the unchanged quote whose context is intact enough, or the look-alikes.

    Several occurrences with equally good context is a final answer, orphan: a fuzzy search
    over the same words and context could only pick among the same look-alikes.
    """
    length = len(anchor.exact)
    scored = sorted(
        ((context_score(anchor, text, i, i + length), i) for i in _occurrences(text, anchor.exact)),
        key=lambda pair: -pair[0],
    )
    if not scored:
        return None, False
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    at_old = next((score for score, i in scored if i == anchor.start), None)
    # The old offsets break a tie: the quote where it was, with its context, is the same passage
    # unless the text shifted by exactly the distance between two identical passages.
    if at_old is not None and at_old >= MIN_CONTEXT and at_old >= best_score:
        return (anchor.start, at_old), []
    if best_score >= MIN_CONTEXT and best_score - runner_up >= CONTEXT_MARGIN:
        return (best, best_score), []
    if best_score >= MIN_CONTEXT:
        return None, [i for score, i in scored if best_score - score < CONTEXT_MARGIN]
    return None, []
