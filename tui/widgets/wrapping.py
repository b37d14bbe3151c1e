"""Greedy word wrapping that reports character offsets, so a sentence can be found on screen,
and wrapping on demand, so a long article is wrapped only where it is read.

Rich can wrap text, but it does not say where each line starts in the source string; the reading
pane needs exactly that to scroll a sentence into view and to map a click back to a sentence.
Wrapping a 1 MB article whole took most of a second before its first frame and again at every
new terminal width; `LazyWrap` wraps the paragraphs shown (and a margin) and estimates the rest.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from math import ceil

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

_WORD = re.compile(r"(\s*)(\S+)")
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff"
    "\U00020000-\U0003fffd]"
)
"""The main blocks of characters two cells wide (East Asian scripts, fullwidth forms, emoji):
enough to estimate a text's width without measuring it character by character."""
SAMPLE = 240
"""Characters of a paragraph looked at for wide ones: measuring every character of a 1 MB
article took longer than wrapping what is shown."""


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Line spans `(start, end)` of `text` wrapped to `width` cells, breaking at spaces.

    The spans cover the text end to end. A word wider than the line is folded across lines;
    the spaces where a line breaks stay at the end of the line before (the caller crops them).
    """
    width = max(1, width)
    if len(text) <= width and cell_len(text) <= width:
        return [(0, len(text))]  # it fits: most of the article list's lines, many a redraw
    return _wrap_words(text, width)


def _wrap_words(text: str, width: int) -> list[tuple[int, int]]:
    """`wrap_offsets`, word by word (`width` at least 1)."""
    lines: list[tuple[int, int]] = []
    line_start = 0
    col = 0
    for m in _WORD.finditer(text):
        word_start, word_end = m.start(2), m.end(2)
        gap = cell_len(m.group(1))
        if col > 0 and col + gap + cell_len(m.group(2)) > width:
            lines.append((line_start, word_start))
            line_start, col = word_start, 0
        else:
            col += gap
        k = word_start
        while col + cell_len(text[k:word_end]) > width:
            cut, cells = k, col
            while cut < word_end and cells + cell_len(text[cut]) <= width:
                cells += cell_len(text[cut])
                cut += 1
            if cut == k and col == 0:
                cut = k + 1  # a character wider than the whole line
            lines.append((line_start, cut))
            line_start, col, k = cut, 0, cut
        col += cell_len(text[k:word_end])
    lines.append((line_start, len(text)))
    return lines


WRAP_WHOLE = 20_000
"""Texts of at most this many characters are wrapped whole at once, in a few milliseconds, so
their scrollbar is exact from the first frame; longer ones are wrapped on demand."""


def measure(text: str) -> tuple[int, float]:
    """(cells, mean word length) of `text`: what an estimate of its height needs at any width,
    so a new width costs the estimates only arithmetic."""
    cells = len(text)
    if not text.isascii():
        # Wide characters counted in the first few lines' worth and taken as the whole's share.
        sample = text[:SAMPLE]
        cells += len(_WIDE.findall(sample)) * len(text) // len(sample)
    return cells, cells / (text.count(" ") + 1)


def lines_for(measured: tuple[int, float], width: int) -> int:
    """How many lines a text `measure`d so takes wrapped to `width` cells: a greedy wrap leaves
    the end of a line blank when the next word does not fit, on average about half a word (the
    text's own mean word length) per line."""
    cells, mean_word = measured
    width = max(1, width)
    if cells <= width:
        return 1
    return ceil(cells / max(1.0, width - min(mean_word, width) / 2))


def estimate_lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped to `width` cells, guessed from its length alone:
    for paragraphs not wrapped yet, so the scrollbar and the divergence strip have a total
    height from the start."""
    return lines_for(measure(text), width)


class LazyWrap:
    """Paragraphs wrapped to one width on demand: a long article is wrapped where it is read.

    Lines are numbered as the reading pane shows them: each paragraph's lines, with one blank
    line between paragraphs. A paragraph is wrapped the first time it is asked for; until then
    its height is `estimate_lines`. So `first_line`, `block_at` and `total` answer with the
    heights known now and change as paragraphs are wrapped: whoever shows the lines keeps what
    the reader sees in place (the view re-finds its top paragraph after wrapping more).
    Relative positions within a wrapped stretch (`wrap_around`) are exact.
    """

    def __init__(self, texts: Sequence[str], width: int, whole: int | None = None, measured: Sequence[tuple[int, float]] | None = None) -> None:
        """`whole`: wrap everything now if the texts hold at most this many characters
        (`WRAP_WHOLE` when None, read at each call: the benchmarks raise it to compare).
        `measured`: each text's `measure`, if known (it does not depend on the width)."""
        whole = WRAP_WHOLE if whole is None else whole
        self.texts = texts
        self.width = max(1, width)
        self._spans: list[list[tuple[int, int]] | None] = [None] * len(texts)
        if measured is None:
            measured = [measure(text) for text in texts]
        self._heights = [lines_for(m, self.width) for m in measured]
        self._starts: list[int] | None = None  # first line of each paragraph, then total + 1
        if sum(map(len, texts)) <= whole:
            for p in range(len(texts)):
                self.spans(p)

    def __len__(self) -> int:
        return len(self.texts)

    def wrapped(self, p: int) -> bool:
        return self._spans[p] is not None

    def spans(self, p: int) -> list[tuple[int, int]]:
        """Paragraph `p`'s line spans (see `wrap_offsets`), wrapping it now if not done yet."""
        spans = self._spans[p]
        if spans is None:
            spans = self._spans[p] = wrap_offsets(self.texts[p], self.width)
            if len(spans) != self._heights[p]:
                self._heights[p] = len(spans)
                self._starts = None
        return spans

    def height(self, p: int) -> int:
        """Paragraph `p`'s lines: exact once wrapped, estimated before."""
        return self._heights[p]

    def _line_starts(self) -> list[int]:
        # Worked out again only after a wrap changed a height: one pass over the heights.
        if self._starts is None:
            self._starts = list(accumulate((h + 1 for h in self._heights), initial=0))
        return self._starts

    def first_line(self, p: int) -> int:
        return self._line_starts()[p]

    def first_lines(self) -> Sequence[int]:
        """Each paragraph's first line, then the total plus one (the line after the blank
        line that would follow the last paragraph): paragraph `p` ends on `[p + 1] - 2`.
        Valid until more is wrapped; not to be changed."""
        return self._line_starts()

    @property
    def total(self) -> int:
        """Lines in all (one for no paragraph at all: the view's placeholder)."""
        return self._line_starts()[-1] - 1 if self.texts else 1

    def block_at(self, line: int) -> int:
        """The paragraph whose lines, or the blank line after them, hold `line` (the first or
        last paragraph for a line before or after them all); -1 when there is none."""
        if not self.texts:
            return -1
        return min(len(self.texts) - 1, max(0, bisect_right(self._line_starts(), line) - 1))

    def locate(self, line: int) -> tuple[int, int]:
        """(paragraph, line within it) drawn on `line`, or (-1, 0) for a blank line. The
        paragraph there is wrapped first (and the one there then, should the heights move)."""
        while 0 <= line < self.total:
            p = self.block_at(line)
            if not self.wrapped(p):
                self.spans(p)
                continue
            k = line - self.first_line(p)
            return (p, k) if k < self._heights[p] else (-1, 0)
        return (-1, 0)

    def wrap_around(self, p: int, above: int, below: int) -> int:
        """Wrap paragraph `p`, enough paragraphs before it to fill `above` lines and enough
        after it to fill `below`; how many paragraphs were wrapped now."""
        done = 0
        q, filled = p, 0
        while q >= 0 and (q == p or filled < above):
            if not self.wrapped(q):
                self.spans(q)
                done += 1
            if q != p:
                filled += self._heights[q] + 1
            q -= 1
        q, filled = p + 1, 0
        while q < len(self.texts) and filled < below:
            if not self.wrapped(q):
                self.spans(q)
                done += 1
            filled += self._heights[q] + 1
            q += 1
        return done

    def line_of(self, p: int, offset: int) -> int:
        """The line showing character `offset` of paragraph `p` (wrapping `p`)."""
        spans = self.spans(p)
        return self.first_line(p) + max(0, bisect_right(spans, offset, key=lambda span: span[0]) - 1)

    def rough_lines(self, places: Sequence[tuple[int, int]]) -> list[int]:
        """`line_of` for many (paragraph, offset) places, wrapping nothing: in proportion to the
        estimated height in a paragraph not wrapped yet (for the divergence strip, which places
        every change of the article and is worked out again whenever the total height moves)."""
        starts, heights, spans, texts = self._line_starts(), self._heights, self._spans, self.texts
        lines = []
        for p, offset in places:
            if spans[p] is not None:
                lines.append(self.line_of(p, offset))
            else:
                lines.append(starts[p] + min(heights[p] - 1, offset * heights[p] // max(1, len(texts[p]))))
        return lines


def line_count(plain: str, width: int) -> int:
    """How many lines `wrapped_segments` makes of a text whose plain text is `plain`, without
    making them: the article list lays out every entry by its height and draws only those shown."""
    return sum(len(wrap_offsets(line, width)) for line in plain.split("\n"))


def wrapped_segments(text: Text, width: int) -> list[list[Segment]]:
    """`text`'s lines word-wrapped to `width` cells, as segments padded to the width.

    What Rich's own rendering of a short styled text gives (the article list's entries: a few
    styled runs), without its general machinery: the list is drawn on the first screen and again
    as counts arrive.
    """
    plain = text.plain
    spans = [(span.start, span.end, Style.parse(span.style) if isinstance(span.style, str) else span.style) for span in text.spans]
    lines: list[list[Segment]] = []
    start = 0
    for line in plain.split("\n"):
        for s, e in wrap_offsets(line, width):
            a, b = start + s, start + e
            # The spaces where a line breaks stay with it, unless they would overflow it.
            while b > a and plain[b - 1] == " " and cell_len(plain[a:b]) > width:
                b -= 1
            cuts = sorted({a, b, *(x for sa, sb, _ in spans for x in (sa, sb) if a < x < b)})
            segments = []
            for c0, c1 in zip(cuts, cuts[1:]):
                style = None
                for sa, sb, span_style in spans:
                    if sa <= c0 and c1 <= sb and span_style:
                        style = span_style if style is None else style + span_style
                segments.append(Segment(plain[c0:c1], style))
            pad = width - cell_len(plain[a:b])
            if pad > 0:
                segments.append(Segment(" " * pad))
            lines.append(segments)
        start += len(line) + 1
    return lines
