"""What `storydiff align` prints: the JSON document of the eval schema, or a readable listing.

Kept apart from the command-line parsing so that tests and other front ends can build the same
document without going through argv.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .core.changes import Change, Findings
from .core.model import Alignment, Article, SentenceLink
from .core.word_diff import change_spans

if TYPE_CHECKING:  # Rich is imported by the listing only: `align --json` never needs it.
    from rich.console import Console
    from rich.text import Text

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


def render_alignment(alignment: Alignment, console: Console, changes: Sequence[Change] = ()) -> None:
    """Side-by-side listing of links, then the sentences each side has alone. The spans of
    `changes` are underlined, and the link column names each change's type and severity."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    a, b = alignment.a, alignment.b
    by_link: dict[int | None, list[Change]] = {}
    for change in changes:
        by_link.setdefault(change.link, []).append(change)
    console.print(Text(f"{a.label}  ↔  {b.label}", style="bold"))
    table = Table(show_lines=True, expand=True)
    table.add_column(Text(a.label), ratio=1)
    table.add_column(Text("link"), justify="center", width=12)
    table.add_column(Text(b.label), ratio=1)
    for k, link in enumerate(alignment.links):
        label = Text(f"{link.kind.value}\n{link.score:.2f}", style="dim")
        left, right = marked_text(a, link.a, link, "a"), marked_text(b, link.b, link, "b")
        for change in by_link.get(k, ()):
            label.append(f"\n{change.type} {change.severity}", style=SEVERITY_STYLES[change.severity])
            for span, text, sentences in ((change.a, left, [a.sentences[i] for i in link.a]),
                                          (change.b, right, [b.sentences[j] for j in link.b])):
                if span is not None:
                    start = sentences[0].start
                    text.stylize("underline", max(0, span.start - start), max(0, span.end - start))
        table.add_row(left, label, right)
    console.print(table)
    for side, article, only in (("a", a, alignment.a_only), ("b", b, alignment.b_only)):
        if not only:
            continue
        lines = [Text(f"Only in {article.label} ({len(only)} sentences):", style="bold")]
        lines += [Text(f"  {i:>3}  ") + Text(article.sentences[i].text) for i in only]
        lines += [Text(f"        {c.type} {c.severity}: ", style=SEVERITY_STYLES[c.severity]) + Text(c.note)
                  for c in by_link.get(None, ()) if (c.a if side == "a" else c.b) is not None]
        console.print(Group(*lines))


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
        ia, ib = ",".join(map(str, link.a)), ",".join(map(str, link.b))
        lines += [f"-- link {k}: {a.label}[{ia}] {b.label}[{ib}] {link.kind.value} {link.score:.2f}", plain_diff(link)]
        lines += [f"   ! {c.type} {c.severity}: {c.note}" for c in by_link.get(k, ())]
    for side, article, only, aside in (("a", a, alignment.a_only, findings.boilerplate_a),
                                       ("b", b, alignment.b_only, findings.boilerplate_b)):
        content = [i for i in only if i not in aside]
        if content:
            lines.append(f"-- only in {article.label} ({len(content)} sentences)")
            lines += [f"  {i:>3}  {article.sentences[i].text}" for i in content]
            lines += [f"   ! {c.type} {c.severity}: {c.note}" for c in by_link.get(None, ())
                      if (c.a if side == "a" else c.b) is not None]
        if aside:
            lines.append(f"-- boilerplate set aside in {article.label}: " + ", ".join(map(str, sorted(aside))))
    out.write("\n".join(" ".join(line.split("\n")) for line in lines) + "\n")
