"""Split an article's text into sentences located by offsets, the units everything else aligns.

News copy scraped from the web mixes prose with headlines, captions, bullets, datelines and
boilerplate lines that carry no final punctuation, so a line break always ends a sentence. Within
a line we split at final punctuation followed by whitespace and something that can start a
sentence, unless the period belongs to an abbreviation. Abbreviations fall into classes because
newsroom copy uses them differently:

- titles ("Sen.", "Dr.", "St.") are always followed by a name, so they never end a sentence;
- "e.g.", "i.e.", "vs." introduce more of the same sentence, so they never end one either;
- reference words ("No.", "Vol.", "p.") and month names ("Sept.") do not end a sentence before
  a number ("No. 3", "Sept. 11");
- everything else that can close a sentence as well as abbreviate ("U.S.", "D.C.", "a.m.",
  "Inc.", "Jr.", "Ore.", "etc.", single initials) ends one only when the next word is a typical
  sentence opener ("The", "It", "But" ...). "at 9 a.m. Tuesday" and "U.S. Sen." stay whole while
  "in the U.S. The" splits: a proper noun after such an abbreviation is far more often part of
  the same sentence than the start of a new one.

The splitter is one left-to-right pass of compiled regular expressions over the text, because it
runs on every version of a story each time one is loaded, including 50,000-sentence benchmarks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, located by Python string offsets into the article's text.

    `paragraph` counts lines of the loaded text that hold sentences, so a reader can lay the
    article out in the paragraphs it was written in.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


# Every character str.splitlines() breaks on: a sentence never spans any of them.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# One line's content, from its first to its last non-whitespace character.
_LINE = re.compile(rf"\S(?:[^{_BREAKS}]*\S)?")

_OPENERS = "“\"‘'«([{"
_DASHES = "-‐‑‒–—―"

# A candidate boundary: final punctuation, the quotes/brackets it closes, then whitespace.
# The lookbehind and possessive quantifiers keep the scan linear on long runs of punctuation.
_CANDIDATE = re.compile(r"(?<![.!?…])([.!?…]++)([”\"’'»)\]}]*+)\s+")

# The first word after a boundary, past any opening quotes or brackets.
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*([^\W\d_]+)")

# A trailing parenthetical without final punctuation (a photo credit, "(AP Photo/..., File)")
# belongs to the sentence before it rather than standing alone.
_TRAILING_ASIDE = re.compile(r"\(([^()]*)\)\s*")

# Dotted acronyms and lower-case abbreviations: "U.S", "D.C", "a.m", "Ph.D" (the final period
# is not part of the token).
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")

# Jr. and Sr. follow a name and may well end the sentence, so they are ambiguous, not titles.
_TITLES = frozenset(
    """Mr Mrs Ms Messrs Mmes Dr Drs Prof Sen Sens Rep Reps Gov Govs Lt Gen Gens Col Maj Capt
    Cmdr Cmdt Adm Brig Sgt Cpl Pvt Spc Ens Det Insp Supt Atty Rev Msgr Fr Hon Pres Amb
    St Ste Mt Ft""".split()
)
_NEVER_FINAL = frozenset("e.g i.e vs v cf viz".split())
_BEFORE_NUMBER = frozenset("No Nos no nos Vol Vols Fig Figs Art Ch Sec Pt p pp".split())
_MONTHS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_AMBIGUOUS = frozenset(
    # Company and family suffixes, "etc.", "et al.", rough measures.
    """Inc Corp Ltd Co Cos Bros LLC Jr Sr etc al approx est ft oz lb lbs
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo
    Mont Neb Nev Okla Ore Pa Tenn Vt Va Wash Wis Wyo""".split()
)

# Words that open news sentences and are not names, so "U.S. The" splits but "U.S. Senate" not.
_STARTERS = frozenset(
    """The A An It Its He She They We I You His Her Their Our My Your This That These Those
    There Here But And Or So Yet Still Then Now Also In On At As If When While After Before
    Since Although Though However Meanwhile Instead Because For From To With By Of Under
    Over During Despite Until Unless What Why How Who Where Which Some Many Most All Both
    Each Every Other Another One Two Three Such Officials Authorities Police""".split()
)


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    """Whether the text at `pos` can open a sentence: a dash, or (past opening quotes and
    brackets) a letter or digit that is not lower case."""
    ch = text[pos]
    if ch in _DASHES:
        return True
    while ch in _OPENERS:
        pos += 1
        if pos >= end:
            return False
        ch = text[pos]
    return ch.isalnum() and not ch.islower()


def _next_word(text: str, pos: int, end: int) -> str:
    match = _NEXT_WORD.match(text, pos, end)
    return match.group(1) if match else ""


def _abbreviation_ends_sentence(token: str, text: str, pos: int, end: int) -> bool | None:
    """Whether a period after `token` ends the sentence, or None if `token` is no abbreviation.

    `pos` is where the next sentence would start; it is known to look like a sentence start.
    """
    if token in _TITLES or token in _NEVER_FINAL:
        return False
    next_is_digit = text[pos].isdigit()
    if token in _BEFORE_NUMBER:
        return None if not next_is_digit else False
    if token in _MONTHS:
        return False if next_is_digit else _next_word(text, pos, end) in _STARTERS
    is_initial = len(token) == 1 and token.isupper()
    if is_initial or token in _AMBIGUOUS or _DOTTED.fullmatch(token):
        return _next_word(text, pos, end) in _STARTERS
    return None


def _token_before(text: str, line_start: int, period: int) -> str:
    """The word the period is attached to, without opening brackets or a hyphenated prefix,
    so "(D-Ore." gives "Ore"."""
    start = period
    while start > line_start and not text[start - 1].isspace():
        start -= 1
    token = text[start:period].lstrip(_OPENERS)
    for dash in "-–—/":
        if dash in token:
            token = token.rsplit(dash, 1)[1]
    return token


def _is_boundary(text: str, match: re.Match[str], line_start: int, line_end: int) -> bool:
    punct, closers = match.group(1), match.group(2)
    nxt = match.end()
    if not _starts_sentence(text, nxt, line_end):
        return False
    if text[nxt] == "(":
        aside = _TRAILING_ASIDE.fullmatch(text, nxt, line_end)
        if aside and not aside.group(1).rstrip().rstrip("”\"’')]").endswith((".", "!", "?", "…")):
            return False
    if punct != ".":
        # "!", "?", ellipses: the next word's shape was all the evidence there is.
        return True
    if any(q in closers for q in "”\"’'»"):
        # A closed quotation after the period: the quoted sentence is over.
        return True
    token = _token_before(text, line_start, match.start())
    verdict = _abbreviation_ends_sentence(token, text, nxt, line_end)
    if verdict is None:
        return True
    # A bracket closing right after an abbreviation ("(D-Ore.)") closes an aside, not a sentence.
    return verdict and not closers


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into stripped sentences whose offsets round-trip into `text`.

    `paragraph` counts the lines that hold sentences, so sentences of one line share it.
    """
    sentences: list[Sentence] = []
    append = sentences.append
    candidates = _CANDIDATE.finditer
    for paragraph, line in enumerate(_LINE.finditer(text)):
        line_start, line_end = line.span()
        start = line_start
        for match in candidates(text, line_start, line_end):
            if _is_boundary(text, match, line_start, line_end):
                stop = match.end(2)
                append(Sentence(len(sentences), start, stop, text[start:stop], paragraph))
                start = match.end()
        append(Sentence(len(sentences), start, line_end, text[start:line_end], paragraph))
    return sentences
