"""Markdown loaded as what a reader reads: its text, without the markup.

A story saved as Markdown carries `**bold**`, `# ` headings, `[text](url)` links and list
markers; compared as they are, they would show up in the panes and count as differences
between versions. markdown-it-py (a CommonMark parser, already installed with Rich) parses the
file, and the text is rebuilt from its blocks: one line per paragraph, heading, list item or
table row, a blank line between blocks. That text is the article's text: sentence offsets, word
diffs and note anchors all refer to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True)
class MarkdownText:
    """The readable text of a Markdown document, and its first heading (the title), if any."""

    text: str
    title: str | None


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline(children: list[Token] | None) -> str:
    """The words of an inline run: link and emphasis text kept, their markup dropped; an image
    by its alt text; inline HTML tags dropped; a hard line break stays a line break."""
    out: list[str] = []
    for token in children or ():
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type == "softbreak":
            out.append(" ")
        elif token.type == "hardbreak":
            out.append("\n")
        elif token.type == "image":
            out.append(token.content)
    return "".join(out).strip()


def markdown_text(source: str) -> MarkdownText:
    """`source` parsed as Markdown, as text (see the module docstring)."""
    blocks: list[str] = []
    title: str | None = None
    in_heading = False
    row: list[str] | None = None
    for token in _parser().parse(source):
        kind = token.type
        if kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row is not None and any(row):
                blocks.append(" · ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline":
            text = _inline(token.children)
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
                if in_heading and title is None:
                    title = " ".join(text.split())
        elif kind in ("fence", "code_block", "html_block"):
            text = token.content.strip("\n")
            if text.strip():
                blocks.append(text)
    return MarkdownText("\n\n".join(blocks) + ("\n" if blocks else ""), title)
