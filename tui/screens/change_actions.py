"""What the change-view keys do: typed jumps between changes, the change list, search, the
collation table, the version summary, the fact-check report, copying a quotation, what the
versions are (`i`), and switching sides at a sentence's counterpart.

The reading screen binds the keys and owns the state; this part works through the screen's
public state (`place`, `story`, `findings`, `changes`, `found`, `pending_move`, `go`,
`read_version`, `redraw`), as `note_actions` does for the note keys. Kept apart from the screen
because these are the views onto what changed, while the screen is about keeping its panes in
step; the screen's bindings, help, footer and command palette are unchanged.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.sentence_changes import SentenceChanges, next_sentence
from ..core.story import byline, counterpart, next_index

if TYPE_CHECKING:
    from textual.screen import Screen

    from .reader import ReaderScreen

# The change list, collation, summary and search screens are imported when first opened: a
# reader that is only read starts without them.


def _import_screens() -> None:
    """In a worker thread: import what the change list and the collation table need."""
    import importlib

    for name in ("change_list", "collation"):
        importlib.import_module(f"{__package__}.{name}")


class ChangeActions:
    """The change-view keys' work, on behalf of one reading screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self._match = 0  # the match `>` and `<` step from
        self.list_scope = "pair"  # the change list opens as it was last left: this pair or all versions
        self._change_list = None  # the change list while it is open, told of each alignment landing
        self._change_rows = weakref.WeakKeyDictionary()  # each findings' change-list rows, once built
        self._summary_table = None  # the version summary while it is open, told of each landing
        self._kept: dict[str, tuple[object, Screen]] = {}  # each screen a key opens, with what it was built for
        self._collation = None  # the collation table while it is open, told of each landing
        self._collated = (0, 0)  # the version read and the sentence the open table collates
        self._collator = None  # the collation screen's `Collator`: the last sentence collated, kept
        self._prepared = False  # whether the screens' modules were imported ahead

    def _open(self, name: str, key: object, build: Callable[[], Screen], closed: Callable[[Any], None],
              again: Callable[[Any], None] | None = None) -> Screen:
        """Show the screen kept under `name` again if it was built for `key` and can be shown as
        it is (its `reopen` says so, putting back what a new one would start with; `again`, if
        given, then fills it with what is asked for now); else build one, and keep it in the old
        one's place. Building a screen costs Textual its composing, styling and first layout
        (bench_change_keys: most of the 100-300 ms a key took); showing a kept one, a repaint."""
        app = self.screen.app
        kept = self._kept.get(name)
        if kept is not None and kept[0] == key and kept[1].reopen():  # type: ignore[attr-defined]
            screen = kept[1]
            if again is not None:
                again(screen)
        else:
            if kept is not None:
                app.uninstall_screen(kept[1])
                kept[1].remove()
            screen = build()
            app.install_screen(screen, f"{name}-{id(self)}")  # installed: not removed when it closes
            self._kept[name] = (key, screen)
        app.push_screen(screen, closed)
        return screen

    def seek(self, step: int, want: Callable[[SentenceChanges, int], bool], what: str) -> None:
        """Go to the next sentence (back for step=-1) for which `want(changes, index)` holds."""
        changes = self.screen.changes
        if changes is None:
            self.when_aligned(lambda: self.seek(step, want, what))
            return
        count = len(changes.relations)
        found = next_sentence(count, self.screen.current, step, lambda k: want(changes, k))
        if found is None:
            # Wrap around once, the way search does in a pager.
            found = next_sentence(count, -1 if step > 0 else count, step, lambda k: want(changes, k))
            if found is None or found == self.screen.current:
                self.screen.notify(f"No {what} in this version.", timeout=2, markup=False)
                return
            self.screen.notify("Wrapped around.", timeout=1.5, markup=False)
        self.screen.go(current=found)

    def when_aligned(self, move: Callable[[], None]) -> None:
        """A move that needs the alignment on screen, asked for before it landed: made as soon
        as it lands (unless another move comes first), rather than refused."""
        self.screen.pending_move = move
        self.screen.notify("Aligning… the move is made as soon as the alignment is ready.", timeout=2, markup=False)

    def next_difference(self, step: int) -> None:
        """A change that matters (medium or high) or a sentence of the story the other version
        lacks: plain rewording and boilerplate are passed by."""
        self.seek(step, SentenceChanges.is_difference, "change or sentence without a counterpart")

    def next_change(self, step: int, at_least: str, type: str | None = None) -> None:
        """The next change at or above a severity, of one type if given."""
        what = f"{type} change" if type else f"{at_least}-severity change"
        self.seek(step, lambda changes, k: k not in changes.boilerplate and changes.has(k, at_least, type), what)

    def next_unmatched(self) -> None:
        self.seek(
            1, lambda changes, k: changes.relations[k] is None and k not in changes.boilerplate, "sentence without a counterpart"
        )

    def switch_sides(self) -> None:
        """Read the compared version at the counterpart of the current sentence (or of the
        nearest sentence that has one), the version read becoming the one compared."""
        changes = self.screen.changes
        if changes is None:
            self.when_aligned(self.switch_sides)
            return
        alignment, rels = changes.alignment, changes.relations
        target: int | None = self.screen.current
        if rels[self.screen.current] is None:
            # No counterpart: switch at the nearest sentence before (or after) that has one.
            before = next_index(rels, self.screen.current, -1, lambda r: r is not None)
            target = before if before is not None else next_index(rels, self.screen.current, 1, lambda r: r is not None)
            if target is not None:
                self.screen.notify("This sentence has no counterpart; switched at the nearest one that does.", timeout=3, markup=False)
        new_current = counterpart(alignment, target).indexes[0] if target is not None else 0
        self.screen.go(reading=self.screen.comparing, comparing=self.screen.reading, current=new_current)

    def change_list(self) -> None:
        """Every change between the two versions (or between the version read and every other),
        grouped; the one chosen becomes current, its version compared. The list of this pair
        waits for the pair's alignment; the list of all versions opens at once and fills in."""
        from .change_list import PAIR, ChangeListScreen

        if self.list_scope == PAIR and self.screen.changes is None:
            self.when_aligned(self.change_list)
            return
        screen = self.screen
        self._change_list = self._open("changes", (screen.story, screen.findings), lambda: ChangeListScreen(
            screen.story, screen.findings, screen.reading, screen.comparing, self.list_scope, self._change_rows), self._went_to_change,
            lambda kept: kept.show_pair(screen.reading, screen.comparing, self.list_scope))

    def alignment_landed(self, reading: int, comparing: int) -> None:
        """An alignment of the version read landed: the open change list adds its changes, the
        open version summary its numbers, the open collation table collates its passage again.
        The first landing (the pair on screen, painted) is the moment to prepare the screens."""
        self.prepare()
        if self._change_list is not None and self._change_list.reading == reading:
            self._change_list.version_landed(comparing)
        if self._summary_table is not None and self._summary_table.reading == reading:
            found = self.screen.findings.get(self.screen.story.cached(reading, comparing))
            if found is not None:
                self._summary_table.version_landed(comparing, self.screen.summaries.of(found))
        if self._collation is not None and self._collated[0] == reading:
            story, findings, (read, current), collator = self.screen.story, self.screen.findings, self._collated, self._collator
            self._collation.version_landed(lambda: collator.passages(story, findings, read, current), story.names)

    def prepare(self) -> None:
        """Import the modules of the screens the change-view keys open, once, in a thread: the
        import was a third of the first `t` (bench_change_keys), and the reader is idle now."""
        if self._prepared:
            return
        self._prepared = True
        self.screen.run_worker(_import_screens, thread=True, group="prepare", exit_on_error=False)

    def _went_to_change(self, chosen: tuple[int, int] | None) -> None:
        if self._change_list is not None:
            self.list_scope = self._change_list.scope
            self._change_list = None
        if chosen is not None:
            version, sentence = chosen
            self.screen.go(comparing=version, current=sentence)

    def collation(self) -> None:
        """The current sentence (and its paragraph) in every version, word by word against the
        one read. One table serves every sentence and every version read: it is built once."""
        from .collation import CollationScreen, Collator

        if not self.screen.story.articles[self.screen.reading].sentences:
            return
        story, findings, reading, current = self.screen.story, self.screen.findings, self.screen.reading, self.screen.current
        self._collator = self._collator or Collator()
        sentence, paragraph = self._collator.passages(story, findings, reading, current)  # anew if versions landed
        names, base = story.names, story.names[reading]
        self._collation = self._open("collation", (story, findings), lambda: CollationScreen(sentence, paragraph, names, base),
                                     self._collation_closed, lambda screen: screen.show_sentence(sentence, paragraph, names, base))
        self._collated = (reading, current)

    def _collation_closed(self, version: int | None) -> None:
        self._collation = None
        self._compare_with(version)

    def version_summary(self) -> None:
        """Each other version against the one read, in a sortable table; enter compares."""
        from .version_summary import VersionSummaryScreen

        rows = []
        for k in self.screen.story.pairs_for(self.screen.reading):
            found = self.screen.findings.get(self.screen.story.cached(self.screen.reading, k))
            rows.append((k, self.screen.story.names[k], self.screen.summaries.of(found) if found is not None else None))
        title = f"Against {self.screen.story.names[self.screen.reading]}: what each version carries and changes"
        reading = self.screen.reading
        self._summary_table = self._open("summary", (reading, title, tuple(rows)), lambda: VersionSummaryScreen(title, rows, reading),
                                         self._summary_closed)

    def _summary_closed(self, version: int | None) -> None:
        self._summary_table = None
        self._compare_with(version)

    def _compare_with(self, version: int | None) -> None:
        if version is not None:
            self.screen.go(comparing=version)

    def search(self) -> None:
        """Search every version's words; the match chosen becomes the place read."""
        from .search import SearchScreen

        story, query = self.screen.story, self.screen.found.query if self.screen.found else ""
        self._open("search", (story, len(story.articles), query), lambda: SearchScreen(story, query), self._searched)

    def _searched(self, result) -> None:
        if result is None:
            return
        self.screen.found = result
        self._go_to_match(result.chosen)

    def _go_to_match(self, index: int) -> None:
        self._match = index
        match = self.screen.found.matches[index]
        if (match.version, match.sentence) == (self.screen.reading, self.screen.current):
            self.screen.redraw()  # the highlight changed, not the place
        self.screen.read_version(match.version, match.sentence)

    def next_match(self, step: int) -> None:
        """The next (or previous) match of the last search, across versions, wrapping around."""
        if self.screen.found is None or not self.screen.found.matches:
            self.screen.notify("No search yet: press / to search every version.", timeout=2, markup=False)
            return
        count = len(self.screen.found.matches)
        index = (self._match + step) % count
        if (step > 0 and index < self._match) or (step < 0 and index > self._match):
            self.screen.notify("Wrapped around.", timeout=1.5, markup=False)
        self._go_to_match(index)
        self.screen.notify(f"Match {index + 1} of {count} · {self.screen.story.names[self.screen.reading]}", timeout=1.5, markup=False)

    def version_info(self) -> None:
        """Name, site, date and full path of the versions read and compared."""
        lines = []
        for mark, k in (("▶", self.screen.reading), ("◆", self.screen.comparing)):
            article = self.screen.story.articles[k]
            where = byline(article)
            lines.append(f"{mark} {self.screen.story.names[k]}\n  {where + chr(10) + '  ' if where else ''}{article.path}")
            if self.screen.comparing == self.screen.reading:
                break
        self.screen.notify("\n".join(lines), title="Versions", timeout=12, markup=False)

    def copy_quotation(self) -> None:
        """The current sentence, or the words selected, with the version's title, site and date,
        to the clipboard (Textual's: the terminal's, where it allows)."""
        from ..core.quotation import quotation

        article = self.screen.story.articles[self.screen.reading]
        if not article.sentences:
            return
        sentence = article.sentences[self.screen.current]
        start, end = self.screen.note_actions.selection_span() or (sentence.start, sentence.end)
        text = quotation(article, self.screen.story.names[self.screen.reading], start, end)
        self.screen.app.copy_to_clipboard(text)
        self.screen.notify(f"Copied: {text[:120]}{'…' if len(text) > 120 else ''}", timeout=3, markup=False)

    def export_report(self) -> None:
        """The fact-check report of every other version against the one read, with the reader's
        bookmarks and annotations at their sentences, written as Markdown to the data folder.
        Written by a worker: with hundreds of versions the report takes longer than a key may."""
        from ..store.paths import data_dir

        others = self.screen.story.pairs_for(self.screen.reading)
        found = [self.screen.findings.get(self.screen.story.cached(self.screen.reading, k)) for k in others]
        if any(f is None for f in found):
            self.screen.notify("Still aligning: the report is ready once every version is aligned.", timeout=4, markup=False)
            return
        base = self.screen.story.articles[self.screen.reading]
        notes = [(self.screen.story.articles[k], self.screen.notes.placed(k)) for k in [self.screen.reading, *others]]
        target = data_dir() / "reports" / f"{base.label.rsplit('.', 1)[0] or 'story'}-report.md"
        findings = [f.findings for f in found if f is not None]
        self.screen.run_worker(lambda: self._write_report(findings, notes, target), thread=True, group="report", exit_on_error=False)

    def _write_report(self, findings: list, notes: list, target) -> None:
        """In the worker: the report's text, then the file; the outcome is told on screen."""
        from ..report import notes_markdown, report_markdown

        notify = self.screen.app.call_from_thread
        try:
            text = report_markdown(findings) + "\n" + notes_markdown(notes)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            notify(self.screen.notify, f"Could not write the report to {target}: {exc.strerror or exc}", severity="error", timeout=10, markup=False)
            return
        except Exception as exc:  # noqa: BLE001 - said in words, not lost in the worker
            notify(self.screen.notify, f"Could not build the report: {exc}", severity="error", timeout=10, markup=False)
            return
        notify(self.screen.notify, f"Fact-check report written to {target}", title="Report", timeout=10, markup=False)
