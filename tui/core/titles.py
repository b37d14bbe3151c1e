"""The title of an article that does not name one: which line of plain text is its headline.

Kept apart from `loading` because guessing a headline is a judgement about text (furniture
lines, lead sentences, Markdown headings), not about files, encodings or errors; `loading`
calls `guess_title` for plain text and Markdown and when an HTML page has no title of its own.
"""

from __future__ import annotations

import re

from .boilerplate import is_navigation

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
# Lines that web clippers leave above a story: page furniture, never its headline.
_FURNITURE = re.compile(
    r"^(?:skip to\b|advertisement\b|menu\b|sign in\b|log in\b|subscribe\b|share\b)", re.I
)
# A byline ("By Jane Doe and John Roe", "By The Daily Post staff · 2026-09-17"): who wrote it, not
# what it is about. Its words up to a separator are capitalised names or a few connecting words.
_BYLINE = re.compile(r"^By\s+(?:(?:[A-Z][\w.'’-]*|and|of|the|staff|writers?)\s*)+(?:$|[·,|—–-])")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_HEADLINE_MAX = 200
_DOTTED_HEADLINE_MAX = 60
_FALLBACK_TITLE_MAX = 80
_HEADLINE_SCAN_LINES = 3
_TITLE_SCAN_CHARS = 16384


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace as one space, ends trimmed: a title is shown on one line."""
    return " ".join(text.split())


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-—–") + "…"


def looks_like_headline(line: str) -> bool:
    """Whether a line reads as a headline rather than as the first sentence of the story.

    A headline is at most 200 characters and two or more words, does not start with a lowercase
    letter, and does not end like a clause (`,` `;` `:`). It may end with `?` or `!`, but ends
    with a full stop only when very short (60 characters or fewer): longer lines that end with
    a period are lead sentences, which is how many wire copies begin.
    """
    line = collapse_whitespace(line)
    if not line or len(line) > _HEADLINE_MAX or len(line.split()) < 2:
        return False
    if line[0].islower() or line[-1] in ",;:":
        return False
    if line.endswith(".") and not line.endswith("...") and len(line) > _DOTTED_HEADLINE_MAX:
        return False
    return True


def _first_sentence(text: str) -> str:
    flat = collapse_whitespace(text)
    match = _SENTENCE_END.search(flat)
    return flat[: match.end()] if match else flat


def guess_title(text: str, fallback: str, markdown: bool = False) -> str:
    """The title of a plain-text or Markdown article.

    In order: for Markdown, the first ATX heading (`# Title`); then the first non-blank line
    that is not page furniture ("Skip to content", "Advertisement", a navigation bar, a byline),
    looking at most three non-blank lines in, when `looks_like_headline` says it is one; then the
    first sentence from that line on, cut to 80 characters; and `fallback` (the file stem)
    when there is no text at all.
    """
    if markdown:
        heading = _ATX_HEADING.search(text)
        if heading and heading.group(1).strip():
            return collapse_whitespace(heading.group(1))
    # A title is in the first lines, and cut to 80 characters: the head of a long text is enough.
    head = text[:_TITLE_SCAN_CHARS]
    lines = [line for line in head.split("\n") if line.strip()]
    start = 0
    for start, line in enumerate(lines[:_HEADLINE_SCAN_LINES]):
        if not (_FURNITURE.match(line.strip()) or _BYLINE.match(line.strip()) or is_navigation(line)):
            break
    else:
        start = min(len(lines), _HEADLINE_SCAN_LINES)
    if start < len(lines) and looks_like_headline(lines[start]):
        return collapse_whitespace(lines[start])
    first = _first_sentence("\n".join(lines[start:]) or head)
    return _truncate(first, _FALLBACK_TITLE_MAX) if first else fallback
