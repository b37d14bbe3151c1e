"""A claim turned into its opposite: a negation added or dropped, or a verb replaced by its
antonym.

Rules, per link:
- a changed stretch (a replacement, or a deletion or insertion of at most `SHORT_OMISSION`
  words besides the negator) with a negator ("not", "n't", "never", "no", "without") on one side and
  none on the other, where the two sides of the link hold different numbers of negators: high,
  in same-content links only (a partial link says other things, with their own negations);
- a changed stretch whose A side holds one word of an antonym pair and whose B side holds the
  other ("approved" -> "rejected", "rose" -> "fell"): high. The pairs (`ANTONYMS`) are verbs and
  adjectives whose opposition holds in any story, matched by their stem.
"""

from __future__ import annotations

import re

from .text import Change, LinkedText, words_in

# A negator deleted with more words than this is a clause left out, not a claim reversed.
SHORT_OMISSION = 2
_NEGATOR_RE = re.compile(r"\b(not|never|no|without|neither|nor|none|nobody|nothing)\b|n[’']t\b", re.IGNORECASE)
ANTONYMS = (
    ("increas", "decreas"), ("rais", "lower"), ("rise", "fall"), ("rose", "fell"), ("approv", "reject"),
    ("accept", "reject"), ("accept", "refus"), ("allow", "ban"), ("allow", "forbid"), ("allow", "prohibit"),
    ("permit", "prohibit"), ("win", "los"), ("won", "lost"), ("support", "oppos"), ("confirm", "deni"),
    ("confirm", "deny"), ("admit", "deny"), ("guilty", "innocent"), ("legal", "illegal"), ("includ", "exclud"),
    ("agree", "disagree"), ("acquit", "convict"), ("expand", "shrink"), ("gain", "loss"), ("open", "clos"),
    ("start", "stop"), ("resum", "suspend"), ("pass", "fail"), ("hire", "fire"),
)


def _negators(text: str, start: int, end: int) -> list[re.Match]:
    return list(_NEGATOR_RE.finditer(text, start, end))


_ENDINGS = frozenset({"", "s", "e", "es", "ed", "d", "ing", "ion", "ions", "al", "ied", "ies", "y"})


def _pole(word: str, stem: str, other: str) -> bool:
    """Whether `word` is `stem` with an inflection, and not the other pole ("disagree")."""
    return word.startswith(stem) and word[len(stem):] in _ENDINGS and not word.startswith(other)


def negation_changes(pair: LinkedText) -> list[Change]:
    a_text, b_text = pair.a.text, pair.b.text
    differ = len(_negators(a_text, pair.a_start, pair.a_end)) != len(_negators(b_text, pair.b_start, pair.b_end))
    changes = []
    for op in pair.changed_ops():
        na, nb = _negators(a_text, op.a_start, op.a_end), _negators(b_text, op.b_start, op.b_end)
        rest = len(words_in(a_text, op.a_start, op.a_end)) + len(words_in(b_text, op.b_start, op.b_end)) - len(na) - len(nb)
        short = op.op == "replace" or rest <= SHORT_OMISSION
        if differ and pair.same_content and short and bool(na) != bool(nb):
            a = (op.a_start, op.a_end) if op.a_end > op.a_start else None
            b = (op.b_start, op.b_end) if op.b_end > op.b_start else None
            changes.append(pair.change("negation", "high", a, b, "negation dropped" if na else "negation added"))
            continue
        wa, wb = words_in(a_text, op.a_start, op.a_end), words_in(b_text, op.b_start, op.b_end)
        for x in wa:
            for y in wb:
                lx, ly = x.lower, y.lower
                if any((_pole(lx, p, q) and _pole(ly, q, p)) or (_pole(lx, q, p) and _pole(ly, p, q)) for p, q in ANTONYMS):
                    changes.append(pair.change("negation", "high", (x.start, x.end), (y.start, y.end),
                                               f"opposite word: {x.text} -> {y.text}"))
    return changes
