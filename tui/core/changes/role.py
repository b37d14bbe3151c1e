"""Titles and jobs changed next to a name both versions keep ("chief counsel" -> "advisor").

Rule: in a changed stretch of a link, the title words on one side differ from those on the other
(both sides have some), and a name found on both sides stands within a few words of the
stretch. Title words come from a small lexicon of job and office nouns used in any news story.
Titles naming one job ("attorney"/"lawyer", `SAME_JOB`) are the same title, and so is an
acronym of a title's words ("CEO"/"Chief Executive").
A title dropped or added without a replacement is not flagged (that is an omission); a title
only abbreviated or re-cased ("Homeland Security Secretary" -> "DHS Secretary") is not a role
change either, since the title word itself is kept.
"""

from __future__ import annotations

from functools import lru_cache

from .cuts import cut_cleanly
from .text import Change, LinkedText, Word, lower_words, words_in

TITLE_WORDS = frozenset(
    """secretary director commissioner counsel counselor adviser advisor chief president
    vice minister senator representative governor mayor spokesman spokeswoman spokesperson chair
    chairman chairwoman deputy acting head ceo judge justice attorney lawyer officer official
    executive manager editor reporter correspondent professor ambassador general colonel captain
    sheriff commander leader founder analyst economist inspector administrator treasurer speaker
    prosecutor superintendent principal coach aide assistant agent detective lieutenant sergeant
    chancellor premier king queen prince pope bishop""".split()
)

# Titles that name the same job: one replaced by another is no change of role.
SAME_JOB = ({"attorney", "lawyer"}, {"adviser", "advisor"}, {"spokesman", "spokeswoman", "spokesperson"},
            {"chair", "chairman", "chairwoman"}, {"head", "chief"}, {"counsel", "counselor"})


_JOB_OF = {word: min(group) for group in SAME_JOB for word in group}


def _same_job(x: frozenset[str], y: frozenset[str]) -> bool:
    return {_JOB_OF.get(w, w) for w in x} == {_JOB_OF.get(w, w) for w in y}


def _acronym_of(titles: list, other: list) -> bool:
    """Whether one title is the acronym of the other's words ("CEO" / "Chief Executive")."""
    for short, long in ((titles, other), (other, titles)):
        if len(short) == 1 and short[0].text.isupper() and len(long) >= 2:
            if "".join(w.text[0] for w in long).upper() in short[0].text:
                return True
    return False


NEARBY = 40  # characters between a changed title and the kept name it belongs to


def _titles(text: str, start: int, end: int) -> list[Word]:
    if lower_words(text, start, end).isdisjoint(TITLE_WORDS):
        return []
    return [w for w in words_in(text, start, end) if w.lower in TITLE_WORDS]


@lru_cache(maxsize=1 << 13)
def _titles_within(text: str, lo: int, hi: int, start: int, end: int) -> tuple[Word, ...]:
    """`_titles` of a changed stretch `start:end` of a link's side `lo:hi`. A stretch cut cleanly
    from its side (`cuts.cut_cleanly`) has only the side's words, so a title word in it is one of
    the side's, and in lower case it is part of the stretch's text lowered: where none of them
    is, the stretch holds no title and is not read. (Cached, as the readings are.)"""
    if cut_cleanly(text, lo, hi, start, end):
        lowered = text[start:end].lower()
        if not any(title in lowered for title in _title_set(text, lo, hi)):
            return ()
    return tuple(_titles(text, start, end))


def _kept_name_near(pair: LinkedText, start: int, end: int) -> bool:
    """Whether a capitalised non-title word within NEARBY characters of A's stretch is in B too."""
    lo, hi = max(pair.a_start, start - NEARBY), min(pair.a_end, end + NEARBY)
    other = pair.b_word_set
    return any(
        w.text[:1].isupper() and w.lower not in TITLE_WORDS and len(w.text) > 2 and w.text in other
        and not (start <= w.start < end)
        for w in words_in(pair.a.text, lo, hi)
    )


def _title_set(text: str, start: int, end: int) -> frozenset[str]:
    return lower_words(text, start, end) & TITLE_WORDS


def _may_retitle(pair: LinkedText) -> bool:
    """Whether title words sit on both sides of the stretches written differently
    (`LinkedText.differing_words`): the rule reads changed stretches only, and needs titles on
    both sides of one, so without them the link has nothing to find and is not read."""
    in_a, in_b = pair.differing_words()
    return not in_a.isdisjoint(TITLE_WORDS) and not in_b.isdisjoint(TITLE_WORDS)


def role_changes(pair: LinkedText) -> list[Change]:
    return [] if pair.mostly_alike and not _may_retitle(pair) else _retitled(pair)


def _retitled(pair: LinkedText) -> list[Change]:
    changes: list[Change] = []
    ta, tb = _title_set(pair.a.text, pair.a_start, pair.a_end), _title_set(pair.b.text, pair.b_start, pair.b_end)
    if not ta or not tb or ta == tb:
        return changes
    a_text, b_text = pair.a.text, pair.b.text
    for op in pair.changed_ops():
        ta = _titles_within(a_text, pair.a_start, pair.a_end, op.a_start, op.a_end)
        tb = _titles_within(b_text, pair.b_start, pair.b_end, op.b_start, op.b_end) if ta else None
        if not ta or not tb or _same_job(frozenset(w.lower for w in ta), frozenset(w.lower for w in tb)):
            continue
        if _acronym_of(ta, tb):
            continue
        if not _kept_name_near(pair, op.a_start, op.a_end):
            continue
        changes.append(pair.change("role", "medium", (ta[0].start, ta[-1].end), (tb[0].start, tb[-1].end),
                                   f"title changed: {' '.join(w.text for w in ta)} -> {' '.join(w.text for w in tb)}"))
    return changes
