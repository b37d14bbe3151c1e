"""What `storydiff align` prints: the JSON document of the eval schema, or a readable listing.

Kept apart from the command-line parsing so that tests and other front ends can build the same
document without going through argv.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from rich.cells import cell_len

from .core.changes import Change, Findings
from .core.model import Alignment, Article, SentenceLink
from .core.word_diff import change_spans
from .widgets.wrapping import wrap_offsets


# Styles for the type and severity of a change in the link column.
SEVERITY_STYLES = {"high": "bold magenta", "medium": "yellow", "low": "dim"}

# Styles for word-level marks in the command line listing: red for the first version's side,
# green for the other's.
CHANGE_STYLES = {
    ("removed", "a"): "bold red strike",
    ("replaced", "a"): "bold red",
    ("added", "b"): "bold green",
    ("replaced", "b"): "bold green",
}


def article_document(article: Article) -> dict[str, Any]:
    return {
        "path": article.path,
        "title": article.title,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in article.sentences
        ],
    }


def alignment_document(alignment: Alignment, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `align --json` document described in the shared eval README, exactly that schema;
    `extra` adds fields at its end (the `changes` and `boilerplate` of `Findings.as_json`)."""
    return {
        "a": article_document(alignment.a),
        "b": article_document(alignment.b),
        "links": [
            {
                "a": list(link.a),
                "b": list(link.b),
                "score": link.score,
                "kind": link.kind.value,
                "ops": [{"op": op.op, "a": op.a, "b": op.b} for op in link.ops],
            }
            for link in alignment.links
        ],
        "a_only": alignment.a_only,
        "b_only": alignment.b_only,
        **(extra or {}),
    }


def alignment_json(alignments: Sequence[Alignment], extras: Sequence[dict[str, Any]] | None = None) -> str:
    """What `storydiff align --json` prints (without the final newline): the document of one
    alignment, or the list of the documents of several; `extras`, one per alignment, add the
    fields the change classifier finds.

    No indent: with one, `json` falls back to its pure-Python encoder, which on a long document
    costs more than aligning it; the schema is the contract, not the layout.
    """
    documents = [alignment_document(al, extras[k] if extras else None) for k, al in enumerate(alignments)]
    return json.dumps(documents[0] if len(documents) == 1 else documents, ensure_ascii=False)


# Select Graphic Rendition codes for the style words above: the listing writes its colours
# itself, one escape per styled stretch, since a Rich `Table` costs more than the alignment.
_SGR = {"bold": "1", "dim": "2", "underline": "4", "strike": "9",
        "red": "31", "green": "32", "yellow": "33", "magenta": "35"}

LINK_WIDTH = 12
"""Width of the middle column that names each link's kind, score and changes."""

StyledSpan = tuple[int, int, str]
"""(start, end, style words) over one cell's text."""


def _sgr(style: str) -> str:
    return ";".join(_SGR[word] for word in style.split())


def _cells(text: str) -> int:
    """Terminal cells `text` takes (wide characters take two)."""
    return len(text) if text.isascii() else cell_len(text)


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """`text` word-wrapped to `width` terminal cells, as (start, end) offsets into it, so that
    styles given as offsets carry over to the lines; a line break is kept, the spaces where a
    line breaks are left out, and an empty text is one empty line (`widgets.wrapping` does the
    wrapping, as for the reading panes)."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        for start, end in wrap_offsets(paragraph, width):
            end = start + len(paragraph[start:end].rstrip())
            start = end - len(paragraph[start:end].lstrip())
            lines.append((offset + start, offset + end))
        offset += len(paragraph) + 1
    return lines


def styled_line(text: str, start: int, end: int, spans: Sequence[StyledSpan], color: bool) -> str:
    """`text[start:end]` with the spans' styles as escape sequences (none without `color`);
    where spans overlap, both styles apply."""
    piece = text[start:end]
    if not color or not spans:
        return piece
    cuts = {start, end}
    inside = []
    for s, e, style in spans:
        if s < end and e > start:
            inside.append((max(s, start), min(e, end), _sgr(style)))
            cuts.update((max(s, start), min(e, end)))
    if not inside:
        return piece
    out = []
    edges = sorted(cuts)
    for s, e in zip(edges, edges[1:]):
        codes = ";".join(dict.fromkeys(c for a, b, code in inside if a <= s and e <= b for c in code.split(";")))
        out.append(f"\x1b[{codes}m{text[s:e]}\x1b[0m" if codes else text[s:e])
    return "".join(out)


class Cell:
    """One column of one row: its text wrapped to the column, each line styled on demand."""

    def __init__(self, text: str, spans: Sequence[StyledSpan], width: int) -> None:
        self.text, self.spans, self.width = text, spans, width
        self.lines = wrap_lines(text, width)

    def line(self, k: int, color: bool, centre: bool = False) -> str:
        """Line `k` padded to the column's width (blank past the cell's last line)."""
        if k >= len(self.lines):
            return " " * self.width
        start, end = self.lines[k]
        gap = self.width - _cells(self.text[start:end])
        left = gap // 2 if centre else 0
        return " " * left + styled_line(self.text, start, end, self.spans, color) + " " * (gap - left)


def link_cell(link: SentenceLink, changes: Sequence[Change]) -> Cell:
    """The middle column: the link's kind and score, then each change's type and severity, one
    a line."""
    parts = [(link.kind.value, "dim"), (f"{link.score:.2f}", "dim")]
    parts += [(f"{c.type} {c.severity}", SEVERITY_STYLES[c.severity]) for c in changes]
    spans: list[StyledSpan] = []
    start = 0
    for words, style in parts:
        spans.append((start, start + len(words), style))
        start += len(words) + 1
    return Cell("\n".join(words for words, _ in parts), spans, LINK_WIDTH)


def side_cell(article: Article, indexes: tuple[int, ...], link: SentenceLink, side: str,
              changes: Sequence[Change], width: int) -> Cell:
    """The linked sentences of one side, the words that differ marked and the changes' spans
    underlined. Article text is written as text: a version may contain "[bold]"."""
    sentences = [article.sentences[i] for i in indexes]
    start, end = sentences[0].start, sentences[-1].end
    spans: list[StyledSpan] = [(max(0, s - start), max(0, e - start), CHANGE_STYLES[(change, side)])
                               for s, e, change in change_spans(link.ops, side)]
    for change in changes:
        span = change.a if side == "a" else change.b
        if span is not None:
            spans.append((max(0, span.start - start), max(0, span.end - start), "underline"))
    return Cell(article.text[start:end], spans, width)


def render_alignment(alignment: Alignment, out: TextIO, changes: Sequence[Change] = (), *,
                     width: int = 100, color: bool = True) -> None:
    """Side-by-side listing of links in two columns with the link column between them, written
    row by row as it is made, then the sentences each side has alone. The words that differ are
    coloured, the spans of `changes` underlined, and the link column names each change's type
    and severity. `width` is the terminal's; without `color`, no escape sequences are written."""
    a, b = alignment.a, alignment.b
    by_link: dict[int | None, list[Change]] = {}
    for change in changes:
        by_link.setdefault(change.link, []).append(change)
    side = max(10, (width - LINK_WIDTH - 10) // 2)
    widths = (side, LINK_WIDTH, side)

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (w + 2) for w in widths) + right + "\n"

    def row(cells: tuple[Cell, Cell, Cell]) -> str:
        height = max(len(cell.lines) for cell in cells)
        return "".join(
            "│ " + " │ ".join(cell.line(k, color, centre=(n == 1)) for n, cell in enumerate(cells)) + " │\n"
            for k in range(height)
        )

    bold = (lambda text: f"\x1b[1m{text}\x1b[0m") if color else (lambda text: text)
    out.write(bold(f"{a.label}  ↔  {b.label}") + "\n")
    out.write(rule("┌", "┬", "┐"))
    header = (Cell(a.label, (), side), Cell("link", (), LINK_WIDTH), Cell(b.label, (), side))
    out.write(row(header))
    for k, link in enumerate(alignment.links):
        found = by_link.get(k, ())
        out.write(rule("├", "┼", "┤"))
        out.write(row((side_cell(a, link.a, link, "a", found, side), link_cell(link, found),
                       side_cell(b, link.b, link, "b", found, side))))
    out.write(rule("└", "┴", "┘"))
    for side_name, article, only in (("a", a, alignment.a_only), ("b", b, alignment.b_only)):
        if not only:
            continue
        lines = [bold(f"Only in {article.label} ({sentence_count(len(only))}):")]
        lines += [f"  {i + 1:>3}  {article.sentences[i].text}" for i in only]
        for c in by_link.get(None, ()):
            if (c.a if side_name == "a" else c.b) is not None:
                label = f"        {c.type} {c.severity}: "
                lines.append((f"\x1b[{_sgr(SEVERITY_STYLES[c.severity])}m{label}\x1b[0m" if color else label) + c.note)
        out.write("\n".join(lines) + "\n")


def sentence_count(n: int) -> str:
    """"1 sentence", "3 sentences"."""
    return f"{n} sentence" if n == 1 else f"{n} sentences"


def plain_diff(link: SentenceLink) -> str:
    """A link's word diff on one line, marked as git's --word-diff=plain does: [-old-]{+new+}."""
    parts = []
    for op in link.ops:
        if op.op == "equal":
            parts.append(op.a)
        else:
            parts.append((f"[-{op.a}-]" if op.a else "") + (f"{{+{op.b}+}}" if op.b else ""))
    return " ".join(" ".join(parts).split())


def render_plain(findings: Findings, out: TextIO) -> None:
    """The listing without colour, for a pipe or a file: each link's word diff with plain
    markers, the changes found in it by type, then the sentences each side has alone."""
    alignment = findings.alignment
    a, b = alignment.a, alignment.b
    by_link: dict[int | None, list[Change]] = {}
    for change in findings.changes:
        by_link.setdefault(change.link, []).append(change)
    lines = [f"== {a.label} <-> {b.label}"]
    for k, link in enumerate(alignment.links):
        ia, ib = ",".join(str(i + 1) for i in link.a), ",".join(str(j + 1) for j in link.b)
        lines += [f"-- link {k + 1}: {a.label}[{ia}] {b.label}[{ib}] {link.kind.value} {link.score:.2f}", plain_diff(link)]
        lines += [f"   ! {c.type} {c.severity}: {c.note}" for c in by_link.get(k, ())]
    for side, article, only, aside in (("a", a, alignment.a_only, findings.boilerplate_a),
                                       ("b", b, alignment.b_only, findings.boilerplate_b)):
        content = [i for i in only if i not in aside]
        if content:
            lines.append(f"-- only in {article.label} ({sentence_count(len(content))})")
            lines += [f"  {i + 1:>3}  {article.sentences[i].text}" for i in content]
            lines += [f"   ! {c.type} {c.severity}: {c.note}" for c in by_link.get(None, ())
                      if (c.a if side == "a" else c.b) is not None]
        if aside:
            lines.append(f"-- boilerplate set aside in {article.label}: " + ", ".join(str(i + 1) for i in sorted(aside)))
    out.write("\n".join(" ".join(line.split("\n")) for line in lines) + "\n")
