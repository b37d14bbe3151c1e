"""Figures and dates compared as values, not as strings.

A quantity is read from digits ("102,800", "$80", "25%", "18th") or from words ("two",
"twenty-five", "a dozen"), with a following scale word ("$80 billion" is 80e9 dollars; "8 per cent" is 8%), so
"two" = "2" and "$80 billion" kept in a reordered sentence is no change. Dates are weekdays,
months, "April 7" or "7 April" and years (four digits from 1800 to 2100, no separator or currency).

Rules, per link:
- values found on both sides are kept, wherever they sit; a kept number written differently
  ("two" -> "2") is low;
- a value on one side and another of the same kind in the same changed stretch on the other (or
  followed by the same word: "34-page" -> "43-page", or the only ones left on each side of a
  same-content link) is a changed figure or date: high
  ("six weeks" -> "eight weeks", "Monday" -> "Tuesday"); a count replaced by "a"/"an" ("Two
  people" -> "A source") is a changed count, high;
- a value on one side only is dropped or added: medium, in same-content links only (a partial
  link drops content by definition; the summary lists omissions), and unless the sentence just
  before or after the link on the other side has it (a sentence split or joined);
- an approximation word before a kept number ("about", "roughly", "nearly", "more than")
  reworded is low, added or dropped medium.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from ..model import Article
from .text import WORD_RE, Change, LinkedText, lower_words, words_in

NUMBER_WORDS = {
    w: n for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
MONTHS = "january february march april may june july august september october november december".split()
# Words that make a figure approximate; two-word ones are matched first.
APPROXIMATORS = ("more than", "less than", "fewer than", "at least", "up to", "as many as", "about",
                 "roughly", "nearly", "around", "approximately", "almost", "some", "over", "under",
                 "estimated")
COUNT_ARTICLES = frozenset({"a", "an", "one", "single"})
_QUANTITY_WORDS = frozenset(NUMBER_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTHS)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Quantity:
    """A figure or date of a text: `kind` is "number" or "date"; `unit` tells what it counts
    ("$", "%", "ordinal", "year", "weekday", "month", "day", or "" for a plain count)."""

    kind: str
    unit: str
    value: float
    start: int
    end: int
    text: str
    written: bool  # spelled out in words

    @property
    def key(self) -> tuple[str, str, float]:
        return (self.kind, self.unit, self.value)


def _digits(raw: str) -> tuple[float, str] | None:
    unit = ""
    if raw[0] in "$£€":
        unit, raw = raw[0], raw[1:]
    if raw.endswith(("st", "nd", "rd", "th")) and raw[:-2].isdecimal():  # not "²nd": float() refuses "²"
        return float(raw[:-2]), "ordinal"
    if raw.endswith("%"):
        unit, raw = "%", raw[:-1]
    try:
        return float(raw.replace(",", "")), unit
    except ValueError:
        return None


def _compound(low: str) -> bool:
    """Whether a hyphenated word is a number written in words ("twenty-five")."""
    return all(p in NUMBER_WORDS for p in low.split("-"))


@lru_cache(maxsize=1 << 12)
def quantities(text: str, start: int, end: int) -> tuple[Quantity, ...]:
    """Every figure and date in `text[start:end]`, in order."""
    if not _DIGIT.search(text, start, end):
        # Without a digit, only number words, weekdays, months and compounds of number words
        # ("twenty-five") make a quantity.
        lows = lower_words(text, start, end)
        if lows.isdisjoint(_QUANTITY_WORDS) and not (
                text.find("-", start, end) >= 0 and any("-" in w and _compound(w) for w in lows)):
            return ()
    words = WORD_RE.findall(text, start, end)  # the words as strings: most are not looked at twice
    lows = list(map(str.lower, words))
    found: list[tuple[int, int, str, str, float, bool]] = []  # first word, last word, quantity
    # Only a word that opens with a digit or a currency sign, or is a number word, a weekday or a
    # month, can open a quantity: the others are passed over at once.
    opens = [k for k, low in enumerate(lows) if low in _QUANTITY_WORDS or low[0] in "$£€" or words[k][0].isdigit()
             or ("-" in low and _compound(low))]
    free = 0  # the first word not taken by a quantity already found
    for i in opens:
        if i < free:
            continue
        w, low = words[i], lows[i]
        nxt = lows[i + 1] if i + 1 < len(words) else ""
        last = i
        q: tuple[str, str, float, bool] | None = None
        if w[0] in "$£€" or w[0].isdigit():
            parsed = _digits(w)
            if parsed is not None:
                value, unit = parsed
                plain = w.isdigit()
                if plain and len(w) == 4 and 1800 <= value <= 2100:
                    q = ("date", "year", value, False)
                elif plain and 1 <= value <= 31 and nxt in MONTHS and words[i + 1][:1].isupper():
                    q, last = ("date", "day", (MONTHS.index(nxt) + 1) * 100 + value, False), i + 1
                else:
                    q = ("number", unit, value, False)
        elif low in NUMBER_WORDS or ("-" in low and _compound(low)):
            if not (low == "one" and nxt in ("of", "another")):
                q = ("number", "", float(sum(NUMBER_WORDS[p] for p in low.split("-"))), True)
        elif w[:1].isupper() and low in WEEKDAYS:
            q = ("date", "weekday", float(WEEKDAYS.index(low)), False)
        elif w[:1].isupper() and low in MONTHS:
            day = _digits(words[i + 1]) if i + 1 < len(words) and words[i + 1][:1].isdigit() else None
            if day is not None and 1 <= day[0] <= 31:
                q, last = ("date", "day", (MONTHS.index(low) + 1) * 100 + day[0], False), i + 1
            elif low != "may":
                q = ("date", "month", float(MONTHS.index(low) + 1), False)
        if q is None:
            continue
        kind, unit, value, written = q
        if kind == "number" and last + 1 < len(words) and lows[last + 1] in SCALES:
            value *= SCALES[lows[last + 1]]
            last += 1
        if kind == "number" and last + 1 < len(words) and lows[last + 1] in ("percent", "dollars"):
            unit = "%" if lows[last + 1] == "percent" else "$"
            last += 1
        elif kind == "number" and lows[last + 1 : last + 3] == ["per", "cent"]:
            unit, last = "%", last + 2
        found.append((i, last, kind, unit, value, written))
        free = last + 1
    if not found:
        return ()
    # Offsets only for the words that make a quantity, and none past the last of them.
    spans = [m.span() for m in islice(WORD_RE.finditer(text, start, end), found[-1][1] + 1)]
    return tuple(Quantity(kind, unit, value, spans[i][0], spans[last][1], text[spans[i][0] : spans[last][1]], written)
                 for i, last, kind, unit, value, written in found)


_APPROX_RE = re.compile(r"\b(" + "|".join(APPROXIMATORS) + r")\s+$", re.IGNORECASE)


def _approximator(text: str, floor: int, start: int) -> tuple[int, str] | None:
    """The approximation word just before offset `start` (not before `floor`), if any."""
    lo = max(floor, start - 24)
    m = _APPROX_RE.search(text, lo, start)
    return (m.start(1), m.group(1).lower()) if m else None


_NOUN_AFTER = re.compile(r"[\s\-]*([A-Za-z]+)")


def _noun_after(text: str, at: int, end: int) -> str:
    """The word right after a figure ("34-page" -> "page"), in lower case; "" if none."""
    m = _NOUN_AFTER.match(text, at, end)
    return m.group(1).lower() if m else ""


def _neighbours(article: Article, indexes: tuple[int, ...]) -> set[tuple[str, str, float]]:
    """The values of the sentences just before and after a link's: a figure that moved there
    when a sentence was split or joined is not dropped."""
    found = set()
    for i in (indexes[0] - 1, indexes[-1] + 1) if indexes else ():
        if 0 <= i < len(article.sentences):
            s = article.sentences[i]
            found |= {q.key for q in quantities(article.text, s.start, s.end)}
    return found


def number_changes(pair: LinkedText) -> list[Change]:
    """Figures and dates changed, dropped, added or reworded between the two sides of a link."""
    qa = quantities(pair.a.text, pair.a_start, pair.a_end)
    qb = quantities(pair.b.text, pair.b_start, pair.b_end)
    if not qa and not qb:
        return []  # most links: no figure and no date on either side
    left_b = list(qb)
    kept: list[tuple[Quantity, Quantity]] = []
    only_a: list[Quantity] = []
    for q in qa:
        twin = next((r for r in left_b if r.key == q.key), None)
        if twin is None:
            only_a.append(q)
        else:
            left_b.remove(twin)
            kept.append((q, twin))
    only_b = left_b
    changes: list[Change] = []
    for op in pair.changed_ops() if only_a or only_b else ():  # (values left over to look for)
        in_a = [q for q in only_a if q.start < op.a_end and op.a_start < q.end]
        in_b = [q for q in only_b if q.start < op.b_end and op.b_start < q.end]
        for x, y in zip(in_a, in_b):
            if x.kind == y.kind or "year" in (x.unit, y.unit):
                only_a.remove(x)
                only_b.remove(y)
                changes.append(pair.change(y.kind, "high", (x.start, x.end), (y.start, y.end),
                                           f"{x.kind} changed: {x.text} -> {y.text}"))
        if in_a and not in_b and in_a[0] in only_a and in_a[0].kind == "number" and in_a[0].value > 1:
            first = words_in(pair.b.text, op.b_start, op.b_end)[:1]
            if first and first[0].lower in COUNT_ARTICLES:
                x = in_a[0]
                only_a.remove(x)
                changes.append(pair.change("number", "high", (x.start, x.end), (first[0].start, first[0].end),
                                           f"count changed: {x.text} -> {first[0].text}"))
    for x in list(only_a):  # "a 34-page ruling" -> "a 43-page decision": the same noun counted
        noun = _noun_after(pair.a.text, x.end, pair.a_end)
        y = next((y for y in only_b if y.kind == x.kind and noun and _noun_after(pair.b.text, y.end, pair.b_end) == noun), None)
        if y is not None:
            only_a.remove(x)
            only_b.remove(y)
            changes.append(pair.change(y.kind, "high", (x.start, x.end), (y.start, y.end),
                                       f"{x.kind} changed: {x.text} -> {y.text}"))
    if pair.same_content and len(only_a) == len(only_b) == 1 and only_a[0].kind == only_b[0].kind:
        x, y = only_a.pop(), only_b.pop()
        changes.append(pair.change(y.kind, "high", (x.start, x.end), (y.start, y.end),
                                   f"{x.kind} changed: {x.text} -> {y.text}"))
    if pair.same_content and only_a:  # the neighbours are read only when a value is left over
        near_b = _neighbours(pair.b, pair.b_sentences)
        for x in only_a:
            if x.key not in near_b:
                changes.append(pair.change(x.kind, "medium", (x.start, x.end), None, f"{x.kind} dropped: {x.text}"))
    if pair.same_content and only_b:
        near_a = _neighbours(pair.a, pair.a_sentences)
        for y in only_b:
            if y.key not in near_a:
                changes.append(pair.change(y.kind, "medium", None, (y.start, y.end), f"{y.kind} added: {y.text}"))
    for x, y in kept:
        if x.text.lower() != y.text.lower() and (x.written or y.written):
            changes.append(pair.change(x.kind, "low", (x.start, x.end), (y.start, y.end),
                                       f"same figure written differently: {x.text} -> {y.text}"))
        if x.kind != "number":
            continue
        ax = _approximator(pair.a.text, pair.a_start, x.start)
        ay = _approximator(pair.b.text, pair.b_start, y.start)
        if (ax and ax[1]) != (ay and ay[1]):
            sa = (ax[0] if ax else x.start, x.end)
            sb = (ay[0] if ay else y.start, y.end)
            both = ax is not None and ay is not None
            changes.append(pair.change("number", "low" if both else "medium", sa, sb,
                                       "approximation reworded" if both else
                                       ("approximation dropped" if ax else "approximation added")))
    return changes
