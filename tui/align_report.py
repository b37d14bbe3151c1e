"""What `storydiff align` prints: the JSON document of the eval schema, or a readable listing.

Kept apart from the command-line parsing so that tests and other front ends can build the same
document without going through argv.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .core.model import Alignment, Article, SentenceLink
from .core.word_diff import change_spans

if TYPE_CHECKING:  # Rich is imported by the listing only: `align --json` never needs it.
    from rich.console import Console
    from rich.text import Text

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


def alignment_document(alignment: Alignment) -> dict[str, Any]:
    """The `align --json` document described in the shared eval README, exactly that schema."""
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
    }


def alignment_json(alignments: Sequence[Alignment]) -> str:
    """What `storydiff align --json` prints (without the final newline): the document of one
    alignment, or the list of the documents of several.

    No indent: with one, `json` falls back to its pure-Python encoder, which on a long document
    costs more than aligning it; the schema is the contract, not the layout.
    """
    documents = [alignment_document(al) for al in alignments]
    return json.dumps(documents[0] if len(documents) == 1 else documents, ensure_ascii=False)


def marked_text(article: Article, indexes: tuple[int, ...], link: SentenceLink | None, side: str) -> Text:
    """The linked sentences of one side with the words that differ styled, as plain `Text`.

    Article text is appended as text, never parsed as markup: a version may contain "[bold]".
    """
    from rich.text import Text

    sentences = [article.sentences[i] for i in indexes]
    start, end = sentences[0].start, sentences[-1].end
    text = Text(article.text[start:end])
    if link is None:
        return text
    for s, e, change in change_spans(link.ops, side):
        text.stylize(CHANGE_STYLES[(change, side)], max(0, s - start), max(0, e - start))
    return text


def render_alignment(alignment: Alignment, console: Console) -> None:
    """Side-by-side listing of links, then the sentences each side has alone."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    a, b = alignment.a, alignment.b
    console.print(Text(f"{a.label}  ↔  {b.label}", style="bold"))
    table = Table(show_lines=True, expand=True)
    table.add_column(Text(a.label), ratio=1)
    table.add_column(Text("link"), justify="center", width=10)
    table.add_column(Text(b.label), ratio=1)
    for link in alignment.links:
        label = Text(f"{link.kind.value}\n{link.score:.2f}", style="dim")
        table.add_row(marked_text(a, link.a, link, "a"), label, marked_text(b, link.b, link, "b"))
    console.print(table)
    for side, article, only in (("a", a, alignment.a_only), ("b", b, alignment.b_only)):
        if not only:
            continue
        lines = [Text(f"Only in {article.label} ({len(only)} sentences):", style="bold")]
        lines += [Text(f"  {i:>3}  ") + Text(article.sentences[i].text) for i in only]
        console.print(Group(*lines))
