"""`storydiff report`: a fact-check report of every version against the first.

For each version: its summary (how much of the base it carries, what it drops and adds, its
changes by type and severity), then each change with its sentence on both sides and the word
diff, then the omissions and additions. Markdown reads well in a terminal pager and in a chat;
JSON is for tools. Every string from the articles is escaped on its way into Markdown and kept
on one line, so a backquote, a bracket or a line break in a path or a sentence cannot break the
report's structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .core.changes import Change, Findings
from .core.model import Article, SentenceLink
from .core.summary import VersionSummary, summarize

# Characters that mark up text anywhere in a line (our own text opens every line, so line-start
# marks such as "#", ">" or "-" never reach one).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<|~])")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def md_escape(text: str) -> str:
    """Text from a file as Markdown that shows it as it is: on one line, markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def word_diff_markdown(link: SentenceLink) -> str:
    """The link's word diff on one line: ~~removed~~ and **added** around escaped words."""
    parts = []
    for op in link.ops:
        a, b = md_escape(op.a), md_escape(op.b)
        if op.op == "equal":
            parts.append(a)
        if op.op in ("replace", "delete") and a:
            parts.append(f"~~{a}~~")
        if op.op in ("replace", "insert") and b:
            parts.append(f"**{b}**")
    return " ".join(parts)


def _sentences(article: Article, indexes: Sequence[int]) -> str:
    return " ".join(article.sentences[i].text for i in indexes)


def _sentence_at(article: Article, offset: int) -> int:
    return next(s.index for s in article.sentences if s.start <= offset < s.end or offset == s.end)


def report_document(findings: Sequence[Findings]) -> dict[str, Any]:
    """The JSON report: the base, then for each version its summary, changes, omissions and
    additions, with the sentences' text."""
    if not findings:
        return {"base": None, "versions": []}
    base = findings[0].alignment.a
    versions = []
    for f in findings:
        al, summary = f.alignment, summarize(f)
        changes = []
        for c in f.changes:
            item = c.as_json()
            if c.link is not None:
                link = al.links[c.link]
                item["a_sentences"], item["b_sentences"] = list(link.a), list(link.b)
            else:
                item["a_sentences"] = [_sentence_at(al.a, c.a.start)] if c.a else []
                item["b_sentences"] = [_sentence_at(al.b, c.b.start)] if c.b else []
            changes.append(item)
        versions.append({
            "path": al.b.path, "title": al.b.title, "summary": summary.as_json(), "changes": changes,
            "omitted": [{"index": i, "text": al.a.sentences[i].text} for i in summary.omitted],
            "added": [{"index": j, "text": al.b.sentences[j].text} for j in summary.added],
        })
    return {"base": {"path": base.path, "title": base.title}, "versions": versions}


def report_markdown(findings: Sequence[Findings]) -> str:
    """The Markdown report (see the module docstring)."""
    if not findings:
        return "# Fact-check report\n\nNo versions to compare.\n"
    base = findings[0].alignment.a
    out = [f"# Fact-check report: {md_escape(base.label)}", "",
           f"Base version: {md_escape(base.title or base.label)} ({md_escape(base.path)})", "",
           "| Version | Sentences carried | Words carried | Omitted | Added | High | Medium | Low |",
           "|---|---|---|---|---|---|---|---|"]
    summaries = [summarize(f) for f in findings]
    for f, s in zip(findings, summaries):
        out.append(
            f"| {md_escape(f.alignment.b.label)} | {s.carried_sentences}/{s.base_sentences} ({s.sentence_share:.0%}) "
            f"| {s.word_share:.0%} | {len(s.omitted)} | {len(s.added)} | {s.severity_count('high')} "
            f"| {s.severity_count('medium')} | {s.severity_count('low')} |")
    for f, s in zip(findings, summaries):
        out += ["", *_version_markdown(f, s)]
    return "\n".join(out) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _version_markdown(f: Findings, s: VersionSummary) -> list[str]:
    al = f.alignment
    a, b = al.a, al.b
    by_type = ", ".join(f"{t} " + "/".join(f"{n} {sev}" for sev, n in c.items()) for t, c in s.by_type.items())
    out = [f"## {md_escape(b.label)}", "",
           f"{md_escape(b.title or b.label)} ({md_escape(b.path)})", "",
           f"- Carries {s.carried_sentences} of the base's {_plural(s.base_sentences, 'sentence')} "
           f"({s.sentence_share:.0%}) and {s.word_share:.0%} of its words word for word.",
           f"- Omits {_plural(len(s.omitted), 'base sentence')} and adds {len(s.added)} of its own.",
           f"- Changes: {by_type or 'none found'}.",
           f"- Boilerplate set aside: {_plural(s.boilerplate_base, 'line')} of the base, "
           f"{s.boilerplate_version} of this version.",
           "", "### Changes", ""]
    if not f.changes:
        out.append("None found.")
    for n, group in _grouped(f.changes):
        out += _group_markdown(n, group, al)
    for title, indexes, article in (("Omitted from this version", s.omitted, a), ("Added in this version", s.added, b)):
        out += ["", f"### {title} ({len(indexes)})", ""]
        out += [f"- ({i}) {md_escape(article.sentences[i].text)}" for i in indexes] or ["None."]
    return out


def _grouped(changes: Sequence[Change]) -> list[tuple[int, list[Change]]]:
    """The changes, most severe first, those of one link (or one unlinked sentence) together so
    that its sentences and diff are shown once; each group with the number of its first change."""
    ranked = sorted(changes, key=lambda c: (SEVERITY_ORDER[c.severity], c.link is None, c.link or 0))
    groups: dict[tuple, list[Change]] = {}
    for c in ranked:
        key = ("link", c.link) if c.link is not None else ("a", c.a.start) if c.a else ("b", c.b.start)
        groups.setdefault(key, []).append(c)
    numbered, n = [], 1
    for group in groups.values():
        numbered.append((n, group))
        n += len(group)
    return numbered


def _group_markdown(n: int, group: list[Change], al) -> list[str]:
    heads = [f"**{k}. {c.type}, {c.severity}**: {md_escape(c.note)}  " for k, c in enumerate(group, n)]
    heads[-1] = heads[-1].rstrip()
    c = group[0]
    if c.link is not None:
        link = al.links[c.link]
        return [*heads, "",
                f"> base ({', '.join(map(str, link.a))}): {md_escape(_sentences(al.a, link.a))}", ">",
                f"> this version ({', '.join(map(str, link.b))}): {md_escape(_sentences(al.b, link.b))}", ">",
                f"> diff: {word_diff_markdown(link)}", ""]
    side, article, span = ("base", al.a, c.a) if c.a else ("this version", al.b, c.b)
    i = _sentence_at(article, span.start)
    return [*heads, "", f"> {side} only ({i}): {md_escape(article.sentences[i].text)}", ""]


def notes_markdown(notes: Sequence[tuple[Article, Sequence[tuple[int, str]]]]) -> str:
    """The reader's own notes, placed at their sentences: for each version with any, each
    sentence noted (its number counted from 0, as in the report, and its text), then what the
    reader said there (a bookmark, an annotation and its passage)."""
    out = ["## Your notes", ""]
    if not any(placed for _, placed in notes):
        return "\n".join([*out, "None.", ""])
    for article, placed in notes:
        if not placed:
            continue
        out += [f"### {md_escape(article.label)}", ""]
        last = None
        for index, said in sorted(placed, key=lambda item: item[0]):
            if index != last:
                out.append(f"- ({index}) {md_escape(article.sentences[index].text)}")
                last = index
            out.append(f"  - {md_escape(said)}")
        out.append("")
    return "\n".join(out)
