"""What one entry of the article list says: a version's mark, name, site, date and file (its
head, which numbers arriving never change), then its size and its numbers against the version
read (its figures). Each part is a list of styled runs, (text, style), not a Text: reading
another version changes the figures of every entry, and the list needs only their plain text to
know each entry's height (issue 13); the Text is built for the few entries on screen. Also what
ordering and filtering know of an entry (`entry_row`)."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from ..core.changes import SEVERITIES, TYPES
from ..core.model import Article
from ..core.story import byline
from ..core.summary import VersionSummary
from ..core.versions import VersionRow
from .marks import TYPE_GLYPHS

Runs = list[tuple[str, str]]
"""Stretches of text and each one's style ("" for none), in order."""


def entry_head(article: Article, name: str, mark: str) -> Runs:
    """Mark ("reading" ▶, "comparing" ◆ or none) and name; site, date and file name."""
    symbol = {"reading": "▶ ", "comparing": "◆ "}.get(mark, "  ")
    where = byline(article)
    return [(symbol, "bold" if mark else ""), (name, "bold" if mark == "reading" else ""),
            (f"\n  {where + ' · ' if where else ''}{article.label}", "dim")]


def entry_figures(article: Article, summary: VersionSummary | None, reading: bool) -> Runs:
    """Size, then the share of the version read it carries and its numbers, or that it is the
    one read, or that its numbers are coming."""
    runs = [(f"  {article.word_count} words · ", "dim")]
    if reading:
        runs.append(("reading", "dim italic"))
    elif summary is None:
        runs.append(("aligning…", "dim italic"))
    else:
        runs += [(f"carries {summary.sentence_share:.0%}", "dim"), ("\n  ", ""), *figure_runs(summary)]
    return runs


def figure_runs(summary: VersionSummary) -> Runs:
    """A version's numbers against the version read, in a few cells: the sentences it omits and
    adds and how many of its changes are high-severity, then (on a line of their own, when it has
    any) its changes by type with the gutter's glyphs: "omits 3 · adds 2 · 1 high", "@1 #2"."""
    high = summary.severity_count("high")
    runs = [(f"omits {len(summary.omitted)} · adds {len(summary.added)}{' · ' if high else ''}", "dim")]
    if high:
        runs.append((f"{high} high", "dim bold"))
    by_type = [(t, sum(summary.by_type[t].values())) for t in TYPES if t in summary.by_type]
    if by_type:
        runs.append(("\n  " + " ".join(f"{TYPE_GLYPHS[t]}{n}" for t, n in by_type), "dim"))
    return runs


def figures(summary: VersionSummary) -> Text:
    """`figure_runs` as one Text."""
    return Text.assemble(*figure_runs(summary))


def plain(runs: Runs) -> str:
    """The text of `runs`, without their styles."""
    return "".join(text for text, _ in runs)


def entry_text(head: Runs, figures: Runs) -> Text:
    """An entry as drawn: its head, then its figures on the lines after."""
    return Text.assemble(*head, "\n", *figures)


def entry_row(k: int, article: Article, name: str, summary: VersionSummary | None, reading: bool) -> VersionRow:
    """What ordering and filtering know of entry `k`: its numbers against the version read."""
    row = VersionRow(k, name, article.source if article.source != article.label else "", article.date, label=article.label)
    if reading:
        return replace(row, carried=1.0, changes=(0, 0, 0), omitted=0.0)
    if summary is None:
        return row
    omitted = len(summary.omitted) / summary.base_sentences if summary.base_sentences else 0.0
    return replace(row, carried=summary.sentence_share, omitted=omitted,
                   changes=tuple(summary.severity_count(s) for s in SEVERITIES))
