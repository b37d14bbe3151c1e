"""Where a changed stretch can be read from the side of the link it was cut from.

A detector reads each side of a link, then the changed stretches of the sides. A stretch cut
cleanly from its side (no word of the side runs across either end) holds only words of the side,
where they are in the side: `WORD_RE` looks neither behind a word nor, past its first character,
ahead, so reading the stretch finds exactly the side's words inside it. Where the side holds no
word of a lexicon, then, neither does the stretch, and it need not be read: most changed
stretches are such, and a pair classified for the first time reads far fewer of them.
"""

from __future__ import annotations

# What a word (`WORD_RE`) is made of besides word characters: a currency sign opens one; a dot,
# comma, apostrophe or hyphen sits inside one only before a word character; a percent sign ends
# a figure, and only an ordinal's letters can follow it.
_JOINERS = "’'-.,"
_INSIDE_BEFORE = "$£€’'-.,%"


def _word_char(ch: str) -> bool:
    """`\\w` as `re` reads it in a str pattern."""
    return ch.isalnum() or ch == "_"


def cut_cleanly(text: str, lo: int, hi: int, start: int, end: int) -> bool:
    """Whether `text[start:end]` is cut cleanly (`clean_cut` at both ends) from `text[lo:hi]`,
    which holds it: its words are then among the words of `text[lo:hi]`, located there."""
    return lo <= start <= end <= hi and clean_cut(text, start, lo, hi) and clean_cut(text, end, lo, hi)


def clean_cut(text: str, at: int, lo: int, hi: int) -> bool:
    """Whether no word of `text[lo:hi]` runs across offset `at`. Then, too, a pattern ending in
    `\\b` finds no match ending at `at` in a stretch cut there that it would not find in the
    side (one side of `at` is no word character). Conservative: a cut between two characters
    that could belong to one word is not clean, whether or not the word is there."""
    if at <= lo or at >= hi:
        return True
    after = text[at]
    if after in _JOINERS:
        in_word = at + 1 < hi and _word_char(text[at + 1])
    else:
        in_word = _word_char(after) or after == "%"
    if not in_word:
        return True
    before = text[at - 1]
    return not (_word_char(before) or before in _INSIDE_BEFORE)

