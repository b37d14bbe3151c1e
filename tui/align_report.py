"""What `storydiff align` prints: the JSON document of the eval schema, or a readable listing.

Kept apart from the command-line parsing so that tests and other front ends can build the same
document without going through argv.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import accumulate, pairwise
from json.encoder import encode_basestring as _quote  # the C encoder when available, as json uses
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TextIO

from .core.changes import Change, Findings
from .core.model import Alignment, Article, LinkKind, Sentence, SentenceLink
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
    alignment, or the list of the documents of several.

    The text is exactly `json.dumps(documents, ensure_ascii=False, indent=1)` of
    `alignment_document`, built directly from the alignments: with an indent, `json` falls back
    to its pure-Python encoder, which on a long document costs more than aligning it.
    """
    return "".join(alignment_json_parts(alignments, [], extras)[0]())


def alignment_json_parts(
    alignments: Sequence[Alignment], cuts: Sequence[float], extras: Sequence[dict[str, Any]] | None = None
) -> list[Callable[[], Iterator[str]]]:
    """`alignment_json` in consecutive parts, cut where the given fractions of the work to
    render it are done (`[0.5]`: two halves, `[]`: the whole); each part, when called, renders
    its text as it is iterated, in chunks of some tens of kilobytes.

    So that separate processes can each render a part of a long document, and so that a caller
    can encode it chunk by chunk: one text of the whole document, and the copies a join of joins
    makes, would fill many megabytes of fresh memory, each page of which costs a page fault.
    The parts joined are exactly `alignment_json`, since each is cut between two pieces of the
    document (its head, one link, its tail), never inside a JSON string.
    """
    if not alignments:
        return [partial(iter, ["[]"])] + [partial(iter, [])] * len(cuts)
    count = _piece_count(alignments)
    bounds = list(accumulate([0, *(_cut_at(alignments, fraction) for fraction in cuts), count], max))
    return [partial(_pieces_json, alignments, lo, min(hi, count), extras) for lo, hi in pairwise(bounds)]


# The pieces of one document's JSON are its head (everything up to its first link), each of its
# links, and its tail (the rest); a list of documents numbers them on from one to the next.


def _piece_count(alignments: Sequence[Alignment]) -> int:
    return sum(len(al.links) + 2 for al in alignments)


def _pieces_json(alignments: Sequence[Alignment], start: int, stop: int, extras=None) -> Iterator[str]:
    """The text of pieces `start` to `stop` (excluded) of `alignment_json`, in chunks."""
    if len(alignments) == 1:
        yield from _document_json(alignments[0], 1, start, stop, extras[0] if extras else None)
        return
    offset, last = 0, len(alignments) - 1
    for k, alignment in enumerate(alignments):
        n = len(alignment.links) + 2
        lo, hi = max(start - offset, 0), min(stop - offset, n)
        if lo < hi:
            if lo == 0:
                yield ",\n " if k else "[\n "
            yield from _document_json(alignment, 2, lo, hi, extras[k] if extras else None)
            if hi == n and k == last:
                yield "\n]"
        offset += n


# How many sentences, or links, one chunk of text holds: some tens of kilobytes, whose memory
# is used again for the next chunk once the caller has encoded this one.
SENTENCES_PER_CHUNK = 256
LINKS_PER_CHUNK = 64


# Relative costs of rendering a sentence of an article, a link without its ops, and an op, as
# measured on long documents: they place the cuts of `alignment_json_parts`.
_SENTENCE_COST = 2.2
_LINK_COST = 1.5
_OP_COST = 1.0


def _cut_at(alignments: Sequence[Alignment], fraction: float) -> int:
    """The piece before which `fraction` of the work of rendering `alignments` is done."""
    docs = []
    for al in alignments:
        head = _SENTENCE_COST * (len(al.a.sentences) + len(al.b.sentences))
        ops = list(accumulate(map(len, map(attrgetter("ops"), al.links)), initial=0))
        docs.append((head, ops))
    total = sum(head + _LINK_COST * (len(ops) - 1) + _OP_COST * ops[-1] for head, ops in docs)
    left = fraction * total
    offset = 0
    for head, ops in docs:
        n = len(ops) - 1  # links
        if left <= head:  # within the head, which is not cut: before it or after, the nearer
            return offset + (left > head / 2)
        left -= head
        links = _LINK_COST * n + _OP_COST * ops[-1]
        if left < links:  # before the first link whose end is past `left`
            return offset + 1 + bisect_left(range(n), left, key=partial(_links_work, ops))
        left -= links
        offset += n + 2
    return offset


def _links_work(ops: list[int], i: int) -> float:
    """The work of a document's links up to link `i` included, given the running count of ops."""
    return _LINK_COST * (i + 1) + _OP_COST * ops[i + 1]


def _scalar(value: Any) -> str:
    if type(value) is str:
        return _quote(value)
    if type(value) is float and value - value == 0.0:  # finite
        return float.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def _int_list(values: Sequence[int], level: int) -> str:
    """A list of ints whose items sit at indentation `level` (the list itself one level up)."""
    if not values:
        return "[]"
    nl = "\n" + " " * level
    return "[" + nl + ("," + nl).join(map(_int_repr, values)) + nl[:-1] + "]"


def _int_repr(value: int) -> str:
    return int.__repr__(value) if type(value) is int else _scalar(value)


def _article_json(article: Article, level: int) -> Iterator[str]:
    """`article_document` as JSON, its keys at indentation `level`, in chunks."""
    k1 = "\n" + " " * level  # keys of the article
    head = f'{{{k1}"path": {_scalar(article.path)},{k1}"title": {_scalar(article.title)},{k1}"sentences": '
    sentences = article.sentences
    if not sentences:
        yield head + "[]" + k1[:-1] + "}"
        return
    yield head + "["
    for i in range(0, len(sentences), SENTENCES_PER_CHUNK):
        yield _sentences_json(sentences[i : i + SENTENCES_PER_CHUNK], level, i > 0)
    yield k1 + "]" + k1[:-1] + "}"


def _sentences_json(sentences: Sequence[Sentence], level: int, after_first: bool) -> str:
    """Sentences of an article's list, each after its separator (the first one has none)."""
    k2 = "\n" + " " * (level + 1)  # braces of a sentence
    k3 = k2 + " "  # keys of a sentence
    q, r = _quote, _int_repr
    items = []
    for s in sentences:
        i, start, end = s.index, s.start, s.end
        if not (type(i) is type(start) is type(end) is int):  # then as json writes them, not f-strings
            i, start, end = r(i), r(start), r(end)
        items.append(f'{{{k3}"index": {i},{k3}"start": {start},{k3}"end": {end},{k3}"text": {q(s.text)}{k2}}}')
    sep = "," + k2
    return (sep if after_first else k2) + sep.join(items)


def _document_json(alignment: Alignment, level: int, start: int, stop: int, extra=None) -> Iterator[str]:
    """Pieces `start` to `stop` (excluded) of `alignment_document` as JSON, its keys at
    indentation `level`, in chunks; `extra` fields close its tail."""
    links = alignment.links
    if start >= stop:
        return
    k1 = "\n" + " " * level  # keys of the document
    if start == 0:  # the head: both articles, and the opening of the links
        yield "{" + k1 + '"a": '
        yield from _article_json(alignment.a, level + 1)
        yield "," + k1 + '"b": '
        yield from _article_json(alignment.b, level + 1)
        yield "," + k1 + '"links": ' + ("[" if links else "[]")
    first, last = max(start, 1) - 1, min(stop, len(links) + 1) - 1  # links, by index
    for i in range(first, last, LINKS_PER_CHUNK):
        yield _links_json(links[i : min(i + LINKS_PER_CHUNK, last)], level, i > 0)
    if stop == len(links) + 2:  # the tail: the close of the links, and the unlinked sentences
        close = k1 + "]" if links else ""
        yield (
            f'{close},{k1}"a_only": {_int_list(alignment.a_only, level + 1)},'
            f'{k1}"b_only": {_int_list(alignment.b_only, level + 1)}{_extra_json(extra, k1)}{k1[:-1]}}}'
        )


def _extra_json(extra: dict[str, Any] | None, k1: str) -> str:
    """Extra fields of a document, as `json.dumps` with indent 1 writes them at this level (JSON
    strings hold no raw line breaks, so indenting every line break indents the value)."""
    if not extra:
        return ""
    return "".join(f",{k1}{_quote(key)}: " + json.dumps(value, ensure_ascii=False, indent=1).replace("\n", k1)
                   for key, value in extra.items())


def _links_json(links: Sequence[SentenceLink], level: int, after_first: bool) -> str:
    """Links of a document's list, each after its separator (the first link has none)."""
    k2 = "\n" + " " * (level + 1)  # braces of a link
    k3 = k2 + " "  # keys of a link
    k4 = k3 + " "  # items of its lists, braces of an op
    list_open, list_close, op_sep = "[" + k4, k3 + "]", "," + k4
    # Each op is its kind's prefix, its two quoted texts and two fixed strings: the fewer pieces,
    # the cheaper, and most ops are "equal" ones whose texts are the same, quoted once.
    k5 = k4 + " "  # keys of an op
    prefixes = _OpPrefixes(k5)
    op_mid, op_end = f',{k5}"b": ', k4 + "}"
    kinds: dict[LinkKind, str] = {}  # an enum's `value` is a Python-level property
    q = _quote
    items = []
    for link in links:
        ops = link.ops
        if ops:
            ops = (
                list_open
                + op_sep.join(
                    [
                        f"{prefixes[op.op]}{(qa := q(op.a))}{op_mid}{qa if op.b == op.a else q(op.b)}{op_end}"
                        for op in ops
                    ]
                )
                + list_close
            )
        else:
            ops = "[]"
        a, b, score = link.a, link.b, link.score
        # Most links join one sentence to one: their lists need no `_int_list`.
        a = f"{list_open}{a[0]}{list_close}" if len(a) == 1 and type(a[0]) is int else _int_list(a, level + 3)
        b = f"{list_open}{b[0]}{list_close}" if len(b) == 1 and type(b[0]) is int else _int_list(b, level + 3)
        score = float.__repr__(score) if type(score) is float and score - score == 0.0 else _scalar(score)
        kind = kinds.get(link.kind)
        if kind is None:
            kind = kinds[link.kind] = _scalar(link.kind.value)
        items.append(f'{{{k3}"a": {a},{k3}"b": {b},{k3}"score": {score},{k3}"kind": {kind},{k3}"ops": {ops}{k2}}}')
    sep = "," + k2
    return (sep if after_first else k2) + sep.join(items)


class _OpPrefixes(dict):
    """The text of an op up to its quoted `a`, by the op's kind, made on first use."""

    def __init__(self, keys: str) -> None:
        super().__init__()
        self.keys = keys  # the line break and indentation of an op's keys

    def __missing__(self, op: str) -> str:
        k5 = self.keys
        prefix = self[op] = f'{{{k5}"op": {_quote(op)},{k5}"a": '
        return prefix


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
