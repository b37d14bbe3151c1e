"""A claim turned into its opposite: a negation added or dropped, or a verb replaced by its
antonym.

Rules, per link:
- a changed stretch with a negator ("not", "n't", "never", "no", "without") on one side and
  none on the other, where the two sides of the link hold different numbers of negators: high,
  in same-content links only (a partial link says other things, with their own negations). The
  stretch is a replacement of at most `REPLACE_WORDS` words a side, or the negator added or
  dropped alone (with an auxiliary at most: "did not" -> "did"); a longer stretch is a clause
  reworded or left out, not a claim reversed. "Not ... until" tells a time ("would not crest until
  Tuesday" = "will crest on Tuesday"), not a negation;
- a changed stretch whose A side holds one word of an antonym pair and whose B side holds the
  other ("approved" -> "rejected", "rose" -> "fell"): high. The pairs (`ANTONYMS`) are verbs and
  adjectives whose opposition holds in any story, matched by their stem.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cuts import cut_cleanly
from .text import Change, LinkedText, lower_words, opening_letters, words_in

REPLACE_WORDS = 8
AUXILIARIES = frozenset("do does did is are was were has have had will would can could should must be been".split())
_UNTIL = re.compile(r"\W+(?:\w+\W+){0,4}?until\b", re.IGNORECASE)
NEGATORS = ("not", "never", "no", "without", "neither", "nor", "none", "nobody", "nothing")
_NEGATOR_RE = re.compile(r"\b" + opening_letters(*NEGATORS) + "(" + "|".join(NEGATORS) + r")\b|n[’']t\b", re.IGNORECASE)
ANTONYMS = (
    ("increas", "decreas"), ("rais", "lower"), ("rise", "fall"), ("rose", "fell"), ("approv", "reject"),
    ("accept", "reject"), ("accept", "refus"), ("allow", "ban"), ("allow", "forbid"), ("allow", "prohibit"),
    ("permit", "prohibit"), ("win", "los"), ("won", "lost"), ("support", "oppos"), ("confirm", "deni"),
    ("confirm", "deny"), ("admit", "deny"), ("guilty", "innocent"), ("legal", "illegal"), ("includ", "exclud"),
    ("agree", "disagree"), ("acquit", "convict"), ("expand", "shrink"), ("gain", "loss"), ("open", "clos"),
    ("start", "stop"), ("resum", "suspend"), ("pass", "fail"), ("hire", "fire"),
)


_NEGATOR_WORDS = frozenset(NEGATORS)
_CONTRACTED = re.compile(r"n[’']t", re.IGNORECASE)  # where a word ending in "n't" can be


@lru_cache(maxsize=1 << 13)
def _negators(text: str, start: int, end: int) -> tuple[re.Match, ...]:
    words = lower_words(text, start, end)
    if words.isdisjoint(_NEGATOR_WORDS) and not (
            (text.find("'", start, end) >= 0 or text.find("’", start, end) >= 0)
            and any(w.endswith(("n't", "n’t")) for w in words)):
        return ()  # (a word ending in "n't" needs an apostrophe in the stretch: looked for first)
    return tuple(_NEGATOR_RE.finditer(text, start, end))


_ENDINGS = frozenset({"", "s", "e", "es", "ed", "d", "ing", "ion", "ions", "al", "ied", "ies", "y"})


def _pole(word: str, stem: str, other: str) -> bool:
    """Whether `word` is `stem` with an inflection, and not the other pole ("disagree")."""
    return word.startswith(stem) and word[len(stem):] in _ENDINGS and not word.startswith(other)


def _pole_table() -> dict[str, frozenset[tuple[int, int]]]:
    table: dict[str, set[tuple[int, int]]] = {}
    for k, pair in enumerate(ANTONYMS):
        for side in (0, 1):
            for ending in _ENDINGS:
                word = pair[side] + ending
                if _pole(word, pair[side], pair[1 - side]):
                    table.setdefault(word, set()).add((k, side))
    return {word: frozenset(p) for word, p in table.items()}


# Every inflected form of every antonym, with the pairs and sides it stands for; the forms also
# as a set, since `frozenset.isdisjoint` walks a dict argument whole but a set only up to the
# smaller side.
_POLES = _pole_table()
_POLE_WORDS = frozenset(_POLES)


def poles(word: str) -> frozenset[tuple[int, int]]:
    """The antonym pairs `word` (lower case) belongs to, as (pair index, side 0 or 1)."""
    return _POLES.get(word, frozenset())


def _antonyms(text: str, start: int, end: int) -> bool:
    """Whether a stretch holds a word of an antonym pair at all."""
    return not lower_words(text, start, end).isdisjoint(_POLE_WORDS)


def _real_negators(text: str, start: int, end: int) -> list[re.Match]:
    """The negators of a stretch that negate, not those of "not ... until"."""
    return [m for m in _negators(text, start, end) if not _UNTIL.match(text, m.end())]


@lru_cache(maxsize=1 << 13)
def _negators_within(text: str, lo: int, hi: int, start: int, end: int) -> tuple[re.Match, ...]:
    """`_real_negators` of a changed stretch `start:end` of a link's side `lo:hi`: none, without
    reading the stretch, when it is cut cleanly from its side and none of the side's negators
    reaches into it (as for hedges: see `certainty._hedges_within`)."""
    if not any(m.start() < end and m.end() > start for m in _negators(text, lo, hi)) and cut_cleanly(text, lo, hi, start, end):
        return ()
    return tuple(_real_negators(text, start, end))


def _short(a_text: str, b_text: str, op) -> bool:
    wa, wb = words_in(a_text, op.a_start, op.a_end), words_in(b_text, op.b_start, op.b_end)
    if op.op == "replace":
        return max(len(wa), len(wb)) <= REPLACE_WORDS
    return all(w.lower in AUXILIARIES or _NEGATOR_RE.search(w.text) for w in (*wa, *wb))


def _may_reverse(pair: LinkedText) -> bool:
    """Whether a changed stretch holds a negator, or antonyms can face each other across one:
    both rules are read stretch by stretch, so without these words in the stretches the two
    sides write differently (`LinkedText.differing_words`) the link has nothing to find."""
    in_a, in_b = pair.differing_words()
    return (not in_a.isdisjoint(_NEGATOR_WORDS) or not in_b.isdisjoint(_NEGATOR_WORDS)
            or (not in_a.isdisjoint(_POLE_WORDS) and not in_b.isdisjoint(_POLE_WORDS))
            or any(map(_contracted, pair.differing_text())))


@lru_cache(maxsize=1 << 13)
def _contracted(stretches: str) -> bool:
    """Whether a word ending in "n't" can be in these stretches (cached, as in `certainty`)."""
    return _CONTRACTED.search(stretches) is not None


def negation_changes(pair: LinkedText) -> list[Change]:
    return [] if pair.mostly_alike and not _may_reverse(pair) else _reversed(pair)


def _reversed(pair: LinkedText) -> list[Change]:
    a_text, b_text = pair.a.text, pair.b.text
    # Negators are counted in same-content links only: the negation rule holds for those alone.
    differ = pair.same_content and (
        len(_negators(a_text, pair.a_start, pair.a_end)) != len(_negators(b_text, pair.b_start, pair.b_end)))
    opposites = _antonyms(a_text, pair.a_start, pair.a_end) and _antonyms(b_text, pair.b_start, pair.b_end)
    changes = []
    if not differ and not opposites:
        return changes
    for op in pair.changed_ops():
        if differ:
            na = _negators_within(a_text, pair.a_start, pair.a_end, op.a_start, op.a_end)
            nb = _negators_within(b_text, pair.b_start, pair.b_end, op.b_start, op.b_end)
            if bool(na) != bool(nb) and _short(a_text, b_text, op):
                a = (op.a_start, op.a_end) if op.a_end > op.a_start else None
                b = (op.b_start, op.b_end) if op.b_end > op.b_start else None
                changes.append(pair.change("negation", "high", a, b, "negation dropped" if na else "negation added"))
                continue
        if op.op != "replace" or not opposites:
            continue
        if not (_antonyms(a_text, op.a_start, op.a_end) and _antonyms(b_text, op.b_start, op.b_end)):
            continue  # a pair of opposites needs a pole on each side of this stretch
        wa, wb = words_in(a_text, op.a_start, op.a_end), words_in(b_text, op.b_start, op.b_end)
        pa = [(x, p) for x in wa if (p := poles(x.lower))]
        pb = [(y, p) for y in wb if (p := poles(y.lower))]
        for x, px in pa:
            if not px:
                continue
            for y, py in pb:
                if any((k, 1 - side) in py for k, side in px):
                    changes.append(pair.change("negation", "high", (x.start, x.end), (y.start, y.end),
                                               f"opposite word: {x.text} -> {y.text}"))
    return changes
