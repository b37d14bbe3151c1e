"""Markdown read as its text: markup gone, words kept, offsets into the text that is shown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.markdown_text import markdown_text
from tui.core.model import Article


@pytest.mark.parametrize(
    "source, text",
    [
        ("The council **approved** the budget.", "The council approved the budget."),
        ("# Budget passes\n\nThe vote was 7-2.", "Budget passes\n\nThe vote was 7-2."),
        ("The mayor called it [historic](https://example.org/vote).", "The mayor called it historic."),
        ("- First point.\n- Second point.", "First point.\n\nSecond point."),
        ("1. One.\n2. Two.", "One.\n\nTwo."),
        ("> “We won,” she said.", "“We won,” she said."),
        ("A line\nwrapped in the source.", "A line wrapped in the source."),
        ("Run `make test` first.", "Run make test first."),
        ("![Mayor at the podium](photo.jpg)", "Mayor at the podium"),
        ("| Year | Budget |\n|---|---|\n| 2024 | $3M |", "Year · Budget\n\n2024 · $3M"),
        ("It was ~~not~~ approved.", "It was not approved."),
        # What must NOT change: text that only looks like markup.
        ("Prices rose 2 * 3 * 4 times.", "Prices rose 2 * 3 * 4 times."),
        ("She writes C# and F# code.", "She writes C# and F# code."),
        ("The file_name_here field was empty.", "The file_name_here field was empty."),
        ("Call 555-0100 (ext. 2) today.", "Call 555-0100 (ext. 2) today."),
        ("Temperatures of 5°C < 10°C were seen.", "Temperatures of 5°C < 10°C were seen."),
    ],
)
def test_markdown_reads_as_its_text(source: str, text: str) -> None:
    assert markdown_text(source).text == text + "\n"


@pytest.mark.parametrize(
    "source, title",
    [
        ("# IRS chief resigns\n\nText.", "IRS chief resigns"),
        ("Intro line.\n\n## Later heading\n\nMore.", "Later heading"),
        ("Setext Title\n============\n\nBody.", "Setext Title"),
        ("No heading at all.", None),
    ],
)
def test_the_first_heading_is_the_title(source: str, title: str | None) -> None:
    assert markdown_text(source).title == title


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *_#[]()`>-|\n.!1")), max_size=120))
def test_any_markdown_gives_sentences_that_are_slices_of_the_text(source: str) -> None:
    text = markdown_text(source).text
    if text.strip():
        article = Article(path="x.md", text=text)
        for sentence in article.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
