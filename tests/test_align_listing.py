"""The readable `align` listing: two wrapped columns and a link column, written row by row.

The listing writes its own escape sequences instead of a Rich `Table` (which cost more than the
alignment on long inputs), so its wrapping and styling are tested here directly.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.align_report import LINK_WIDTH, render_alignment, styled_line, wrap_lines
from tui.core.align import align_articles
from tui.core.changes import find_changes
from tui.core.model import Article

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("The acting commissioner resigned on Thursday.", 20, ["The acting", "commissioner", "resigned on", "Thursday."]),
        ("Short line.", 40, ["Short line."]),
        ("", 10, [""]),
        ("Deportation", 5, ["Depor", "tatio", "n"]),  # a word wider than the column is cut
        ("Headline\nFirst sentence.", 40, ["Headline", "First sentence."]),  # a line break stays
        ("Wide 東京都 text", 8, ["Wide", "東京都", "text"]),  # three wide characters are six cells
    ],
)
def test_wrap_lines(text: str, width: int, lines: list[str]) -> None:
    assert [text[s:e] for s, e in wrap_lines(text, width)] == lines


@given(st.text(alphabet=st.sampled_from("ab cdé 東\n"), max_size=80), st.integers(1, 30))
def test_wrapping_keeps_every_word_in_order_and_within_the_width(text: str, width: int) -> None:
    lines = [text[s:e] for s, e in wrap_lines(text, width)]
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())
    assert all(len(line) + sum(ch == "東" for ch in line) <= max(width, 2) for line in lines)
    offsets = wrap_lines(text, width)
    assert all(a <= b <= c for (a, b), (c, _) in zip(offsets, offsets[1:]))


def test_styled_line_marks_only_its_spans_and_writes_no_escape_without_colour() -> None:
    text = "Krause resigned on Thursday"
    spans = [(0, 6, "bold red"), (4, 15, "underline")]
    assert styled_line(text, 0, len(text), spans, color=False) == text
    out = styled_line(text, 0, len(text), spans, color=True)
    assert ESCAPE.sub("", out) == text
    assert "\x1b[1;31mKrau\x1b[0m" in out and "\x1b[1;31;4mse\x1b[0m" in out and "\x1b[4m resigned\x1b[0m" in out
    assert " on Thursday" in out.split("\x1b[0m")[-1], "text past every span is not styled"
    # A line of a wrapped cell gets only the part of a span that falls in it.
    assert styled_line(text, 7, 15, spans, color=True) == "\x1b[4mresigned\x1b[0m"


def _listing(seed_articles: list[Article], color: bool, width: int = 100) -> tuple[str, object]:
    findings = find_changes(align_articles(seed_articles[0], seed_articles[1]))
    out = io.StringIO()
    render_alignment(findings.alignment, out, findings.changes, width=width, color=color)
    return out.getvalue(), findings


@pytest.mark.parametrize("width", [60, 100, 160])
def test_rows_are_columns_of_the_terminal_width(seed_articles: list[Article], width: int) -> None:
    out, findings = _listing(seed_articles, color=True, width=width)
    rows = [ESCAPE.sub("", line) for line in out.splitlines() if line.startswith(("│", "├", "┌", "└"))]
    assert {len(row) for row in rows} == {len(rows[0])} and len(rows[0]) <= width
    assert all(row.count("│") == 4 for row in rows if row.startswith("│"))
    assert sum(row.startswith("├") for row in rows) == len(findings.alignment.links)


def test_each_link_shows_both_sides_words_and_names_its_changes(seed_articles: list[Article]) -> None:
    out, findings = _listing(seed_articles, color=False)
    assert "\x1b" not in out
    alignment = findings.alignment
    blocks = out.split("├")[1:]  # a rule opens each link's row
    assert len(blocks) == len(alignment.links)
    for k, (block, link) in enumerate(zip(blocks, alignment.links)):
        cells = [line.split("│")[1:4] for line in block.splitlines() if line.startswith("│")]
        left, middle, right = (" ".join(" ".join(c[n] for c in cells).split()) for n in range(3))
        assert left == " ".join(" ".join(alignment.a.sentences[i].text for i in link.a).split())
        assert right == " ".join(" ".join(alignment.b.sentences[j].text for j in link.b).split())
        assert middle.startswith(f"{link.kind.value} {link.score:.2f}")
        for change in (c for c in findings.changes if c.link == k):
            assert f"{change.type} {change.severity}" in middle


def test_article_text_is_written_as_text(tmp_path) -> None:
    a = Article(path="a.txt", text="The [bold]mayor[/bold] said yes.\n")
    b = Article(path="b.txt", text="The [bold]mayor[/bold] said no.\n")
    out = io.StringIO()
    render_alignment(align_articles(a, b), out, width=80, color=True)
    assert "[bold]mayor[/bold]" in ESCAPE.sub("", out.getvalue())
    assert LINK_WIDTH == 12


def test_listings_count_sentences_and_links_from_one_as_the_reader_does() -> None:
    """The reader says "sentence 1" for an article's first sentence; so do both listings, and a
    lone sentence is "1 sentence", not "1 sentences"."""
    from tui.align_report import render_plain

    a = Article(path="a.txt", text="The mayor resigned on Monday after a long dispute.\nShe will leave in June.\n")
    b = Article(path="b.txt", text="The mayor resigned on Monday after a long dispute.\n")
    findings = find_changes(align_articles(a, b))
    plain = io.StringIO()
    render_plain(findings, plain)
    assert "-- link 1: a.txt[1] b.txt[1] verbatim" in plain.getvalue()
    assert "-- only in a.txt (1 sentence)\n    2  She will leave in June." in plain.getvalue()
    coloured = io.StringIO()
    render_alignment(findings.alignment, coloured, findings.changes, color=False)
    assert "Only in a.txt (1 sentence):\n    2  She will leave in June." in coloured.getvalue()
