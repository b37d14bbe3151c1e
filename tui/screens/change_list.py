"""Every change between the version read and the version compared, or between the version read
and every other loaded version, grouped by severity and type, each with the version and both
wordings; tab switches between the two, typing filters, enter goes to the change.

Across all versions, what a fact-checker wants is who has which wording: within a group the
changes are in the order of the version read's sentences, so every version's change to one
sentence sits together. The findings are those the alignment worker classified and keeps; a
version whose alignment has not landed yet is said to be pending and its changes are added when
it lands (the reading screen hands each landing on), so nothing is aligned or classified here.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..core.changes import TYPES, Change, Span
from ..core.model import Article
from ..core.sentence_changes import RANK, FindingsCache, SentenceChanges, ordered_changes
from ..core.story import Story
from ..widgets.change_rows import ChangeRowsView

PAIR, ALL = "pair", "all"
"""The two scopes: the pair on screen, or the version read against every other version."""

CONTEXT = 60
"""Characters of the sentence kept either side of the changed words in a wording cut without a
width in mind (the list itself cuts each wording to the width it has, around the changed words)."""

LANDING_DELAY = 0.2
"""Seconds the list waits after a version's alignment lands before it re-sorts, so that versions
landing in a burst (200 of them) re-sort the list a few times, not once each."""

NAME_CELLS = 24
"""Cells of a version's name on a row of the all-versions list."""


@dataclass(frozen=True, eq=False)
class ChangeRow:
    """One change as the list shows it: the version it is in, where it is, what it is, and the
    sentences of both sides it concerns (its wordings are cut from them when drawn)."""

    sentence: int
    """The sentence of the version read to go to."""
    change: Change
    read_article: Article
    read_sentences: tuple[int, ...]
    compared_article: Article
    compared_sentences: tuple[int, ...]
    version: int | None = None
    """The version compared, when the row is listed with other versions' rows."""

    @cached_property
    def group(self) -> tuple[str, str]:
        return self.change.severity, self.change.type

    @cached_property
    def search(self) -> str:
        """What a filter matches: type, severity, the note and both sentences' words."""
        c = self.change
        return " ".join((c.type, c.severity, c.note, _plain(self.read_article, self.read_sentences),
                         _plain(self.compared_article, self.compared_sentences))).lower()

    @property
    def order(self) -> tuple[int, int, int]:
        """Most severe first, then by type, then in the version read's order."""
        return (-RANK[self.change.severity], TYPES.index(self.change.type), self.sentence)


def _plain(article: Article, sentences: tuple[int, ...]) -> str:
    if not sentences:
        return ""
    return article.text[article.sentences[sentences[0]].start : article.sentences[sentences[-1]].end]


def wording(article: Article, span: Span | None, sentences: tuple[int, ...], missing: str, context: int = CONTEXT,
            after: int | None = None) -> Text:
    """The sentences a change is in, cut to `context` characters before its changed words (in
    bold reverse) and `after` (by default as many) after them; `missing` when there are none."""
    if not sentences:
        return Text(missing, style="italic")
    start, end = article.sentences[sentences[0]].start, article.sentences[sentences[-1]].end
    after = context if after is None else after
    if span is not None and start <= span.start < end:
        first, last = max(start, span.start - context), min(end, span.end + after)
    else:
        span, first, last = None, start, min(end, start + context + after)
    text = Text("…" if first > start else "")
    text.append(article.text[first:last].replace("\n", " "))
    if span is not None:
        offset = len(text) - (last - first) - first
        text.stylize("bold reverse", span.start + offset, min(span.end, last) + offset)
    if last < end:
        text.append("…")
    return text


def change_rows(changes: SentenceChanges, version: int | None = None) -> list[ChangeRow]:
    """Every change of the pair, most severe first, by type, then in text order; `version` is
    the version compared, for a list of several versions' changes."""
    alignment = changes.alignment
    rows = []
    for index, change in ordered_changes(changes):
        link = alignment.links[change.link] if change.link is not None else None
        a_sentences = link.a if link else ((index,) if change.a else ())
        b_sentences = link.b if link else tuple(s.index for s in alignment.b.sentences if change.b and s.start <= change.b.start < s.end)
        rows.append(ChangeRow(index, change, alignment.a, a_sentences, alignment.b, b_sentences, version))
    return rows


def matches(row: ChangeRow, query: str, name: str = "") -> bool:
    """Every word of the query is in the row's type, severity, note, sentences or version name
    (the list itself asks the same of each row, with the names lowered once)."""
    haystack = row.search
    name = name.lower()
    return all(word in haystack or word in name for word in query.lower().split())


def _cut(name: str, cells: int = 40) -> str:
    return name if len(name) <= cells else name[: cells - 1] + "…"


def row_lines(row: ChangeRow, width: int, name: str | None = None) -> list[Text]:
    """A row's three lines at `width`: sentence number (and version `name`, when several are
    listed) and what changed; the wording read (▶) and the wording compared (◆), each cut around
    its changed words so they show whatever the width."""
    head = Text.assemble((f"{row.sentence + 1:>4}  ", "bold"))
    if name is not None:
        head.append(f"◆ {_cut(name, min(NAME_CELLS, width // 5))}", style="bold")
        head.append(" · ")
    head.append(row.change.note)
    room = max(1, width - 8 - 2)  # less the indent and mark, and an ellipsis either side

    def context(article: Article, span: Span | None, sentences: tuple[int, ...]) -> tuple[int, int]:
        """Characters before and after the changed words that leave them all in view and fill
        the line: what one side does not need goes to the other."""
        if not sentences or span is None:
            return room // 2, room - room // 2
        start, end = article.sentences[sentences[0]].start, article.sentences[sentences[-1]].end
        if end - start <= room + 2:
            return span.start - start, end - span.end  # the whole wording fits: no ellipsis
        left_room = max(0, room - (span.end - span.start))
        before, after = max(0, span.start - start), max(0, end - span.end)
        left = min(before, max(left_room // 2, left_room - after))
        return left, min(after, left_room - left)

    change = row.change
    read = wording(row.read_article, change.a, row.read_sentences, "(not in the version read)",
                   *context(row.read_article, change.a, row.read_sentences))
    compared = wording(row.compared_article, change.b, row.compared_sentences, "(not in the version compared)",
                       *context(row.compared_article, change.b, row.compared_sentences))
    return [head, Text("      ▶ ") + read, Text("      ◆ ") + compared]


class ChangeListScreen(ModalScreen[tuple[int, int] | None]):
    """Type to filter (a type such as "quote", a severity, a version's name, or any words); tab
    switches between this pair and all versions; up/down and enter go to the change's sentence
    with its version compared; escape closes. Returns (version compared, sentence read)."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_changes"),
        Binding("tab", "toggle_scope", "This pair / all versions", id="change_list_scope"),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
    ]

    def __init__(self, story: Story, findings: FindingsCache, reading: int, comparing: int, scope: str = PAIR,
                 kept: weakref.WeakKeyDictionary | None = None) -> None:
        """`kept`: each findings' rows from an earlier opening (filled here), so that the list of
        200 versions opens again without building its thousands of rows again."""
        super().__init__()
        self.kept: weakref.WeakKeyDictionary = kept if kept is not None else weakref.WeakKeyDictionary()
        self.story, self.findings = story, findings
        self.reading, self.comparing = reading, comparing
        self.reading, self.comparing, self.scope = reading, comparing, scope
        self.rows: list[ChangeRow] = []
        """Every row listed so far, of any version: appended to, never reordered (a row's
        position is its key)."""
        self._sorted: list[int] = []  # row keys, most severe first ... (see ChangeRow.order)
        self._versions: set[int] = set()  # versions whose rows are in `rows`
        self._landed: set[int] = set()  # versions that landed since the last re-sort
        self._timer = None
        self.query_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="changes-box"):
            yield Label("", id="changes-title", markup=False)
            yield Label("", id="changes-pending", markup=False)
            yield Input(placeholder="filter: a type (name, number, quote…), high/medium/low, a version, or words", id="changes-filter")
            yield ChangeRowsView(self._draw_row, id="changes-list")
            yield Label("tab: this pair / all versions · enter: go to it · esc: close", id="changes-hint", markup=False)

    def on_mount(self) -> None:
        self._take_rows()
        self._refilter()
        self.query_one("#changes-filter", Input).focus()

    def reopen(self) -> bool:
        """The list, kept since it closed, can always open again: `show_pair` puts back what a
        new one would start with, for the pair and scope asked for."""
        return True

    def show_pair(self, reading: int, comparing: int, scope: str) -> None:
        """List `scope` of the pair `reading`/`comparing` from its first change, its filter
        empty, as a new list would (a kept list opened again). The rows taken are kept while the
        version read is the same: a row is one version's change against it, whichever is compared."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._landed.clear()
        if reading != self.reading:
            self.rows, self._sorted, self._versions = [], [], set()
        self.reading, self.comparing, self.scope = reading, comparing, scope
        if self.query_text:
            self.query_text = ""
            box = self.query_one("#changes-filter", Input)
            with box.prevent(Input.Changed):
                box.value = ""
        self._take_rows()
        self._refilter(redraw=True)  # rows are drawn with (or without) their version's name
        view = self.query_one("#changes-list", ChangeRowsView)
        view.show(view.listing, view.empty)

    # -- what is listed ---------------------------------------------------------------------------

    def _scope_versions(self) -> list[int]:
        return [self.comparing] if self.scope == PAIR else self.story.pairs_for(self.reading)

    def _take_rows(self) -> None:
        """Add the rows of every version in scope whose findings are in and not added yet."""
        added = False
        for k in self._scope_versions():
            if k in self._versions:
                continue
            changes = self.findings.get(self.story.cached(self.reading, k))
            if changes is None:
                continue
            self._versions.add(k)
            start = len(self.rows)
            found = self.kept.get(changes)
            if found is None:
                found = self.kept[changes] = change_rows(changes, k)
            self.rows.extend(found)
            self._sorted.extend(range(start, len(self.rows)))
            added = True
        if added:
            position = {k: i for i, k in enumerate(self.story.pairs_for(self.reading))}
            self._sorted.sort(key=lambda key: (*self.rows[key].order, position.get(self.rows[key].version, 0)))

    @property
    def pending(self) -> list[int]:
        """Versions in scope whose alignment has not landed yet."""
        return [k for k in self._scope_versions() if k not in self._versions]

    def version_landed(self, version: int) -> None:
        """The alignment of the version read with `version` landed: its changes join the list
        shortly (landings in a burst are taken together)."""
        if version in self._versions:
            return
        self._landed.add(version)
        if self._timer is None:
            self._timer = self.set_timer(LANDING_DELAY, self._take_landed)

    def _take_landed(self) -> None:
        self._timer = None
        self._landed.clear()
        self._take_rows()
        self._refilter()

    def _refilter(self, redraw: bool = False) -> None:
        """List the rows in scope that match the filter, under a heading per severity and type;
        the highlighted change stays highlighted while it is listed."""
        rows, several = self.rows, self.scope == ALL
        in_scope = [key for key in self._sorted if several or rows[key].version == self.comparing]
        words = self.query_text.lower().split()
        if words:
            names = {k: name.lower() for k, name in enumerate(self.story.names)} if several else {}
            shown = [key for key in in_scope
                     if all(w in rows[key].search or w in names.get(rows[key].version, "") for w in words)]
        else:
            shown = in_scope
        groups: dict[tuple[str, str], list[int]] = {}
        for key in shown:
            groups.setdefault(rows[key].group, []).append(key)
        listing: list[str | int] = []
        for (severity, type), members in groups.items():  # in the order of `_sorted`
            count = f"{len(members)}"
            if several:
                versions = len({rows[m].version for m in members})
                count += f" in {versions} {'version' if versions == 1 else 'versions'}"
            listing.append(f"{severity.upper()} · {type} ({count})")
            listing.extend(members)
        view = self.query_one("#changes-list", ChangeRowsView)
        if in_scope:
            empty = "Nothing matches the filter."
        elif self.pending:
            empty = "No changes yet: the versions are still being aligned."
        else:
            empty = "No changes that matter between these versions."
        view.show(listing, empty, view.highlighted_key, redraw)
        self._show_titles(len(in_scope))

    def _show_titles(self, count: int) -> None:
        """The scope and its count first (a long title is cut at the box's edge), then the names."""
        names = self.story.names
        if self.scope == PAIR:
            title = f"This pair: {count} {'change' if count == 1 else 'changes'} · ▶ {_cut(names[self.reading])} ◆ {_cut(names[self.comparing])}"
        else:
            others = len(self.story.pairs_for(self.reading))
            title = f"All {others} other versions: {count} {'change' if count == 1 else 'changes'} · against ▶ {_cut(names[self.reading])}"
        self.query_one("#changes-title", Label).update(title)
        pending = self.pending
        label = self.query_one("#changes-pending", Label)
        label.display = bool(pending)
        if pending:
            label.update(f"Still aligning {len(pending)} of {len(self._scope_versions())} versions: their changes are added as they land.")

    def _draw_row(self, key: int, width: int) -> list[Text]:
        row = self.rows[key]
        return row_lines(row, width, self.story.names[row.version] if self.scope == ALL else None)

    # -- keys -------------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self._refilter()

    def action_toggle_scope(self) -> None:
        """This pair ↔ every other version (the highlighted change stays highlighted)."""
        self.scope = ALL if self.scope == PAIR else PAIR
        self._take_rows()
        self._refilter(redraw=True)  # rows are drawn with (or without) their version's name

    def action_cursor(self, step: int) -> None:
        self.query_one("#changes-list", ChangeRowsView).action_cursor(step)

    def action_page(self, step: int) -> None:
        self.query_one("#changes-list", ChangeRowsView).action_page(step)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._choose(self.query_one("#changes-list", ChangeRowsView).highlighted_key)

    def on_change_rows_view_chosen(self, event: ChangeRowsView.Chosen) -> None:
        self._choose(event.key)

    def _choose(self, key: int | None) -> None:
        if key is None:
            return
        row = self.rows[key]
        self.dismiss((row.version if row.version is not None else self.comparing, row.sentence))

    def action_close(self) -> None:
        self.dismiss(None)
