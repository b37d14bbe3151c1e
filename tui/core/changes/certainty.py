"""Hedging added or removed: how sure a version is that something happened.

The lexicon (`HEDGES`) holds words that make a claim less certain in any news story: reporting
hedges ("reportedly", "allegedly"), expectation ("expected to", "anticipated to", "set to"),
likelihood ("likely", "probably", "may", "could") and appearance ("appears to", "seems to").
Rules, per link:
- a changed stretch with a hedge on one side and none on the other, where that side of the
  link holds more hedges in all: hedge added or removed, medium ("violates" -> "likely
  violates", "is resigning" -> "is anticipated to resign");
- a future or ongoing event on one side ("will step down", "is resigning") told as done on the
  other ("has resigned"), or the reverse, where neither side also has the other form: medium.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cuts import cut_cleanly
from .text import Change, LinkedText, lower_words, opening_letters

HEDGES = (
    "reportedly allegedly apparently purportedly supposedly likely unlikely possibly probably "
    "perhaps may might could rumored unconfirmed"
).split()
# Verbs that hedge only followed by "to" ("expected to resign"; "the plans" is no hedge).
HEDGES_TO = "expected anticipated poised set appears appear seems seem believed intends intend plans plan".split()
_HEDGE_RE = re.compile(r"\b" + opening_letters(*HEDGES, *HEDGES_TO) + r"(" + "|".join(HEDGES) + r"|(?:"
                       + "|".join(HEDGES_TO) + r") to)\b", re.IGNORECASE)
_FUTURE = ("will", "shall", "is going to", "are going to", "is set to", "is about to")
_FUTURE_RE = re.compile(r"\b" + opening_letters(*_FUTURE) + "(" + "|".join(_FUTURE) + r")\s+\w+"
                        r"(\s+(down|up|out|off|aside|over)\b)?|\b" + opening_letters("is", "are") + r"(is|are)\s+\w+ing\b",
                        re.IGNORECASE)
_DONE_RE = re.compile(r"\b" + opening_letters("has", "have")
                      + r"(has|have)\s+(\w+ed|been|done|gone|left|quit|won|lost|made|taken|given|\w+en)\b",
                      re.IGNORECASE)


_HEDGE_WORDS = frozenset(HEDGES) | frozenset(HEDGES_TO)
_TENSE_WORDS = frozenset("will shall going set about is are has have".split())


@lru_cache(maxsize=1 << 13)
def _hedges(text: str, start: int, end: int) -> tuple[re.Match, ...]:
    if lower_words(text, start, end).isdisjoint(_HEDGE_WORDS):
        return ()
    return tuple(_HEDGE_RE.finditer(text, start, end))


# Where a future or ongoing form (`_FUTURE_RE`) can open: the same words, case-blind, at a
# word boundary (so "is" in "data-is" too, as the pattern finds it).
_OPENS_FUTURE = re.compile(r"\b(?:will|shall|is|are)\b", re.IGNORECASE)


@lru_cache(maxsize=1 << 13)
def _opens_future(stretches: str) -> bool:
    """Whether a future or ongoing form can open in these stretches (cached, as every reading
    of a stretch is: a pair aligned again gives the same stretches)."""
    return _OPENS_FUTURE.search(stretches) is not None


def _may_hedge(pair: LinkedText) -> bool:
    """Whether the stretches the sides write differently (`LinkedText.differing_words`) hold a
    hedge, or a place where a future form opens. A hedge added or removed is a hedge inside a
    changed stretch; a future told as done (or the reverse) needs the future form to open in
    one (`_in_equal`). Without either, the link has nothing to find and is not read."""
    in_a, in_b = pair.differing_words()
    return (not in_a.isdisjoint(_HEDGE_WORDS) or not in_b.isdisjoint(_HEDGE_WORDS)
            or any(map(_opens_future, pair.differing_text())))


def certainty_changes(pair: LinkedText) -> list[Change]:
    return [] if pair.mostly_alike and not _may_hedge(pair) else _rehedged(pair)


def _rehedged(pair: LinkedText) -> list[Change]:
    a_text, b_text = pair.a.text, pair.b.text
    total_a = len(_hedges(a_text, pair.a_start, pair.a_end))
    total_b = len(_hedges(b_text, pair.b_start, pair.b_end))
    changes = []
    # A hedge is added only where B holds more hedges in all, removed only where A does: with
    # equal counts no stretch is read, and otherwise the side with more is read first (a
    # stretch without a hedge there cannot have gained one).
    added = total_b > total_a
    for op in pair.changed_ops() if total_a != total_b else ():
        a, b = (op.a_start, op.a_end), (op.b_start, op.b_end)
        if added:
            more = _hedges_within(b_text, pair.b_start, pair.b_end, *b)
            if not more or _hedges_within(a_text, pair.a_start, pair.a_end, *a):
                continue
        else:
            more = _hedges_within(a_text, pair.a_start, pair.a_end, *a)
            if not more or _hedges_within(b_text, pair.b_start, pair.b_end, *b):
                continue
        span = (more[0].start(), more[-1].end())
        listed = ", ".join(m.group() for m in more)
        if added:
            changes.append(pair.change("certainty", "medium", a if a[1] > a[0] else None, span, f"hedge added: {listed}"))
        else:
            changes.append(pair.change("certainty", "medium", span, b if b[1] > b[0] else None, f"hedge removed: {listed}"))
    # "Done" forms are the rarer: a side's future form is only looked for when the other side
    # has one, since a change needs both.
    da, db = _done(a_text, pair.a_start, pair.a_end), _done(b_text, pair.b_start, pair.b_end)
    if not (da or db):
        return changes
    fa, fb = _future(a_text, pair.a_start, pair.a_end), _future(b_text, pair.b_start, pair.b_end)
    if not ((fa and db) or (fb and da)):
        return changes
    if fa and db and not fb and not _in_equal(pair, fa.start(), "a") and _kept_subject(b_text, db.start(), pair.a_text):
        changes.append(pair.change("certainty", "medium", fa.span(), db.span(),
                                   f"told as done: {fa.group()} -> {db.group()}"))
    elif fb and da and not fa and not _in_equal(pair, fb.start(), "b") and _kept_subject(a_text, da.start(), pair.b_text):
        changes.append(pair.change("certainty", "medium", da.span(), fb.span(),
                                   f"told as not yet done: {da.group()} -> {fb.group()}"))
    return changes


@lru_cache(maxsize=1 << 13)
def _hedges_within(text: str, lo: int, hi: int, start: int, end: int) -> tuple[re.Match, ...]:
    """`_hedges` of a changed stretch `start:end` of a link's side `lo:hi`. A stretch cut cleanly
    from its side (`cuts.cut_cleanly`) that none of the side's hedges reaches into holds none:
    its words are the side's, so a hedge word in it is one of the side's, and a match in it
    would have been one in the side. Most stretches are such, and are not read. (Cached, as the
    readings are, so that a pair classified again pays a lookup only.)"""
    if not any(m.start() < end and m.end() > start for m in _hedges(text, lo, hi)) and cut_cleanly(text, lo, hi, start, end):
        return ()
    return _hedges(text, start, end)


_LAST_CAPITAL = re.compile(r"([A-Z][\w’'.\-]*)\s*$")


def _kept_subject(text: str, at: int, other: str) -> bool:
    """Whether the verb at `at` follows a capitalised word the other side names too: the same
    person or body is told as having done it, not some other subject of the sentence."""
    before = _LAST_CAPITAL.search(text[max(0, at - 40) : at])
    return before is not None and re.search(r"\b" + re.escape(before.group(1)) + r"\b", other) is not None


def _first(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    if lower_words(text, start, end).isdisjoint(_TENSE_WORDS):
        return None
    return pattern.search(text, start, end)


# The first future or ongoing form, and the first done form, of a side (cached, as the other
# readings are; one function each rather than the pattern in the key, since a pattern's hash is
# worked out anew at every lookup).
@lru_cache(maxsize=1 << 13)
def _future(text: str, start: int, end: int) -> re.Match | None:
    return _first(_FUTURE_RE, text, start, end)


@lru_cache(maxsize=1 << 13)
def _done(text: str, start: int, end: int) -> re.Match | None:
    return _first(_DONE_RE, text, start, end)


def _in_equal(pair: LinkedText, at: int, side: str) -> bool:
    """Whether offset `at` of one side sits in a stretch both sides share."""
    for op in pair.ops:
        s, e = (op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end)
        if s <= at < e:
            return op.op == "equal"
    return False
