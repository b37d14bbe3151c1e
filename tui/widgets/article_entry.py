"""What one entry of the article list says: a version's mark, name, site, date and file (its
head, which numbers arriving never change), then its size and its numbers against the version
read (its figures). Two parts because the list keeps each head wrapped while the figures of
every entry change when another version is read (issue 13)."""

from __future__ import annotations

from rich.text import Text

from ..core.changes import TYPES
from ..core.model import Article
from ..core.story import byline
from ..core.summary import VersionSummary
from .marks import TYPE_GLYPHS


def entry_head(article: Article, name: str, mark: str) -> Text:
    """Mark ("reading" ▶, "comparing" ◆ or none) and name; site, date and file name."""
    symbol = {"reading": "▶ ", "comparing": "◆ "}.get(mark, "  ")
    head = Text.assemble(Text(symbol, style="bold" if mark else ""), Text(name, style="bold" if mark == "reading" else ""))
    where = byline(article)
    head.append(f"\n  {where + ' · ' if where else ''}{article.label}", style="dim")
    return head


def entry_figures(article: Article, summary: VersionSummary | None, reading: bool) -> Text:
    """Size, then the share of the version read it carries and its numbers, or that it is the
    one read, or that its numbers are coming."""
    entry = Text()
    entry.append(f"  {article.word_count} words · ", style="dim")  # a span, which is what is wrapped
    if reading:
        entry.append("reading", style="dim italic")
    elif summary is None:
        entry.append("aligning…", style="dim italic")
    else:
        entry.append(f"carries {summary.sentence_share:.0%}", style="dim")
        entry.append("\n  ")
        entry.append_text(figures(summary))
    return entry


def figures(summary: VersionSummary) -> Text:
    """A version's numbers against the version read, in a few cells: the sentences it omits and
    adds and how many of its changes are high-severity, then (on a line of their own, when it has
    any) its changes by type with the gutter's glyphs: "omits 3 · adds 2 · 1 high", "@1 #2"."""
    text = Text(f"omits {len(summary.omitted)} · adds {len(summary.added)}", style="dim")
    high = summary.severity_count("high")
    if high:
        text.append(" · ")
        text.append(f"{high} high", style="bold")
    by_type = [(t, sum(summary.by_type[t].values())) for t in TYPES if t in summary.by_type]
    if by_type:
        text.append("\n  " + " ".join(f"{TYPE_GLYPHS[t]}{n}" for t, n in by_type))
    return text
