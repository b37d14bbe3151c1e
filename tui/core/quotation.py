"""A passage quoted with its source, the way a fact-checker pastes it into notes or a chat."""

from __future__ import annotations

from .model import Article
from .story import byline


def quotation(article: Article, name: str, start: int, end: int) -> str:
    """`article.text[start:end]` on one line, in quotation marks, then the version's title (its
    reader name), site and date, and its file so the words can be found again:

        “Two people familiar with the situation …” — IRS acting commissioner …, apnews.com · 2025-04-08 (000.txt)
    """
    passage = " ".join(article.text[start:end].split())
    source = ", ".join(part for part in (name, byline(article)) if part)
    return f"“{passage}” — {source} ({article.label})"
