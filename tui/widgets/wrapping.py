"""Greedy word wrapping that reports character offsets, so a sentence can be found on screen.

Rich can wrap text, but it does not say where each line starts in the source string; the reading
pane needs exactly that to scroll a sentence into view and to map a click back to a sentence.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"(\s*)(\S+)")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Line spans `(start, end)` of `text` wrapped to `width` cells, breaking at spaces.

    The spans cover the text end to end. A word wider than the line is folded across lines;
    the spaces where a line breaks stay at the end of the line before (the caller crops them).
    """
    width = max(1, width)
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
