"""The reading screen: the article list, the reading pane and the diff pane, kept in step, with
the user's bookmarks and annotations.

The screen owns the reading state (`place`: version read, version compared, current sentence;
and the view toggles) as reactive vars, and is the only place that changes it. Each change
reaches the widgets as attributes, and they draw themselves; widgets report clicks and choices
as messages. Notes are the user's work product: every save goes straight to the store, a store
that cannot be written says so at once, and a note that could not be placed waits for review.

The screen keeps the state and the moves; its keys are one table in `reader_keys` (so help,
footer and palette list every key), the work of the change-view keys is in `change_actions`, of
the note keys in `note_actions`, and what each pane is given to draw in `pane_drawing`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..core.boilerplate import story_start
from ..core.model import Alignment
from ..core.sentence_changes import FindingsCache, SentenceChanges
from ..core.story import Place, Story, counterpart
from ..core.summary import Summaries
from ..version_loading import PendingVersions
from ..widgets.alignment_progress import AlignmentProgress, AlignmentReady
from ..widgets.article_list import ArticleList
from ..widgets.article_view import ArticleView
from ..widgets.diff_pane import DiffPane
from ..widgets.key_footer import KeyFooter
from ..widgets.layouts import Layouts
from ..widgets.loading_progress import VersionsArrived
from ..widgets.marks import legend
from .breakpoints import set_breakpoints
from .change_actions import ChangeActions
from .note_actions import NoteActions
from .pane_drawing import PaneDrawing
from .reader_aligning import ReaderAligning
from .reader_keys import READER_BINDINGS
from .reader_notes import ReaderNotes
from .version_arrivals import VersionArrivals

@dataclass
class VersionsRegistered(Message):
    """The worker registered every loaded version; `records` are in the versions' order."""

    records: list


class ReaderScreen(Screen):
    """Read one version while the diff pane follows with another; bookmark and annotate."""

    # Focus the reading view as the screen is composed, before it is first styled and painted.
    AUTO_FOCUS = "#reading-view"

    BINDINGS = READER_BINDINGS

    place: var[Place] = var(Place(0, 0, 0), init=False)
    """Where the reader is: the version read, the version compared, the current sentence."""

    show_all: var[bool] = var(False, init=False)
    """Whether the right pane shows the current sentence in every version instead of the diff."""

    list_toggled: var[bool] = var(False, init=False)
    """Whether `l` turned the article list from the width's default (shown wide, hidden narrow)."""

    every_change: var[bool] = var(False, init=False)
    """Whether both panes mark the changed words of every sentence, not only the current one."""

    selection: var[tuple[int, int] | None] = var(None, init=False)
    """Words (first, last) of the current sentence selected to annotate, or None."""

    def __init__(self, story: Story, store, load_errors: list[str] | None = None,
                 pending: PendingVersions | None = None) -> None:
        super().__init__()
        self.arrivals = VersionArrivals(self, pending)
        self.story = story
        self.store = store
        self.notes = ReaderNotes(story, store)
        self.note_actions = NoteActions(self)
        self.change_actions = ChangeActions(self)
        self.drawing = PaneDrawing(self)
        self.aligning = ReaderAligning(self)
        self.load_errors = load_errors or []
        self.set_reactive(ReaderScreen.place, Place(0, 1 if len(story) > 1 else 0, story_start(story.articles[0]) if len(story) else 0))
        self.pending_move: Callable[[], None] | None = None  # a move waiting for the alignment
        self.found = None  # the last search's SearchResult, its matches highlighted
        self.findings = FindingsCache()
        """What changed in each alignment: classified by the alignment worker, read here."""
        self.summaries = Summaries()
        """What each version does with the version read, per alignment: the article list's numbers."""
        # Paragraph layouts shared by both panes: switching sides lays out nothing again.
        self._layouts = Layouts()

    @property
    def reading(self) -> int:
        return self.place.reading

    @property
    def comparing(self) -> int:
        return self.place.comparing

    @property
    def current(self) -> int:
        return self.place.current

    @property
    def changes(self) -> SentenceChanges | None:
        """The alignment on screen with what changed in it, once aligned and classified."""
        if self.comparing == self.reading:
            return None
        return self.findings.get(self.story.cached(self.reading, self.comparing))

    @property
    def alignment(self) -> Alignment | None:
        """The alignment on screen (boilerplate set aside), once aligned and classified."""
        changes = self.changes
        return changes.alignment if changes is not None else None

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The breakpoint classes Textual sets on the first resize, set now: the first styling of
        # the screen is then the last.
        set_breakpoints(self, self.app.size, update=False)
        # Only what the first screen shows (the progress bar and the all-versions view are
        # mounted when first needed), and no containers around the three panes.
        yield ArticleList(self.story.articles, self.story.names, id="article-list")
        yield ArticleView(id="reading-view", layouts=self._layouts)
        diff = DiffPane(self.story, self.findings, id="right-pane", layouts=self._layouts, summaries=self.summaries)
        diff.more_coming = self.arrivals.pending is not None
        yield diff
        yield KeyFooter()
        loading = self.arrivals.progress_line()
        if loading is not None:
            yield loading

    def on_mount(self) -> None:
        for warning in getattr(self.store, "warnings", []):
            self.notify(warning, title="Notes", severity="warning", timeout=12, markup=False)
        if self.load_errors:
            self.notify("\n".join(self.load_errors), title="Some files were skipped", severity="warning", timeout=10, markup=False)
        if self.store.read_only:
            self._notes_loaded()  # nothing to register: the notes are read at once
        else:
            self._register_versions()
        self.redraw()
        # Start aligning once the first screen is painted (`call_later` runs after the messages
        # already queued, the first paint among them).
        self.call_later(self._align_reading)

    @work(thread=True, exit_on_error=False, group="notes")
    def _register_versions(self) -> None:
        """Register every loaded version (one transaction; re-anchoring the notes of edited files)
        on a connection of its own, off the interface thread: a folder of thousands of versions
        must not freeze the reader. The notes are shown when it is done."""
        from ..store import NoteStore

        with NoteStore.open(self.store.path.parent) as store:
            records = store.register_versions(self.story.articles)
        self.post_message(VersionsRegistered(records))

    def on_versions_registered(self, message: VersionsRegistered) -> None:
        self.store.recall_versions(self.story.articles)
        self.notes.adopt_records(message.records)
        self._notes_loaded()
        self.redraw(scroll=False)

    @on(Worker.StateChanged)
    def _registering_failed(self, event: Worker.StateChanged) -> None:
        # The worker's own store could not register: do it here, so no note goes unshown.
        if event.worker.group == "notes" and event.state is WorkerState.ERROR:
            self._notes_loaded()
            self.redraw(scroll=False)

    def _notes_loaded(self) -> None:
        """The notes of the versions read at start-up are in: the rest of the versions are read
        now, each batch bringing its own notes (`VersionArrivals`)."""
        self.note_actions.notes_loaded()
        self.arrivals.start()

    def on_versions_arrived(self, message: VersionsArrived) -> None:
        self.arrivals.arrived(message)

    def on_resize(self, event) -> None:
        # Runs before Textual's handler lays the screen out at the new size: styled for it first,
        # so a resize across a breakpoint is laid out and painted once (see `breakpoints`).
        set_breakpoints(self, event.size)
        # Re-wrapping moves every sentence: keep the current one in view and the panes level.
        if event.size != getattr(self, "_last_size", None):
            first = not hasattr(self, "_last_size")
            self._last_size = event.size
            if not first:
                self.call_after_refresh(self.redraw)

    # -- state changes -------------------------------------------------------------------------

    def watch_place(self, old: Place, new: Place) -> None:
        self.pending_move = None  # the reader moved on: a move waiting for the alignment is dropped
        if (old.reading, old.current) != (new.reading, new.current):
            # A selection belongs to the sentence it was made in.
            self.set_reactive(ReaderScreen.selection, None)
        self.redraw()
        if (old.reading, old.comparing) != (new.reading, new.comparing):
            self._align_reading()

    def watch_every_change(self) -> None:
        self.redraw(scroll=False)

    def watch_selection(self) -> None:
        self.redraw(scroll=False)

    def watch_show_all(self, shown: bool) -> None:
        self.drawing.show_all_versions(shown)

    def watch_list_toggled(self, toggled: bool) -> None:
        self.set_class(toggled, "list-toggled")

    def go(self, **changes: int) -> None:
        """Move the reader (any of reading, comparing, current), the current sentence kept in
        the version read."""
        place = replace(self.place, **changes)
        n = len(self.story.articles[place.reading].sentences)
        self.place = replace(place, current=max(0, min(place.current, n - 1)))

    # -- aligning --------------------------------------------------------------------------------

    def _align_reading(self) -> None:
        self.aligning.align_place()

    def input_arrived(self) -> None:
        """A key arrived (the app says so as it takes it): the background alignments wait while
        it is handled (see AlignmentProgress)."""
        self.query_one(AlignmentProgress).input_arrived()

    def input_handled(self) -> None:
        """The key is handled (each widget it could reach has had it): the alignments go on
        once the screen has been painted."""
        self.query_one(AlignmentProgress).input_handled()

    def on_alignment_ready(self, message: AlignmentReady) -> None:
        self.aligning.landed(message)

    def legend(self) -> Text:
        """Every mark the panes draw, in this theme's colours, and what the score means."""
        return legend(self.query_one("#reading-view", ArticleView).mark_style)

    # -- drawing: the work is done by PaneDrawing --------------------------------------------------

    def redraw(self, scroll: bool = True) -> None:
        """Give every pane the reading state; each draws itself."""
        self.drawing.redraw(scroll)

    # -- actions: moving -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"switch_sides", "cycle_comparison", "next_difference", "next_change", "change_list", "export_report", "next_unmatched", "toggle_all_versions"}:
            return len(self.story) > 1
        if action in {"extend_selection", "move_selection", "cancel_selection"}:
            return self.note_actions.selection_span() is not None
        return True

    def action_move(self, step: int) -> None:
        self.go(current=self.current + step)

    def action_jump(self, where: str) -> None:
        self.go(current=0 if where == "first" else len(self.story.articles[self.reading].sentences) - 1)

    def action_cycle_comparison(self, step: int) -> None:
        others = self.story.pairs_for(self.reading)
        if others:
            k = others.index(self.comparing) if self.comparing in others else -1
            self.go(comparing=others[(k + step) % len(others)])

    def action_toggle_every_change(self) -> None:
        self.every_change = not self.every_change
        self.notify("Every changed word is marked." if self.every_change else "Changed words are marked in the current sentence only.", timeout=2, markup=False)

    def action_toggle_all_versions(self) -> None:
        self.show_all = not self.show_all

    def action_toggle_list(self) -> None:
        self.list_toggled = not self.list_toggled

    def action_version_info(self) -> None:
        self.change_actions.version_info()

    def read_version(self, index: int, current: int | None = None) -> None:
        """Read version `index` at sentence `current`, or, when None, at the counterpart of the
        current sentence if the two versions are aligned (else where its story starts)."""
        if index == self.reading:
            if current is not None:
                self.go(current=current)
            return
        if current is None:
            current = story_start(self.story.articles[index])
            found = self.findings.get(self.story.cached(self.reading, index))
            if found is not None:
                cp = counterpart(found.alignment, self.current)
                if cp.link:
                    current = cp.indexes[0]
        comparing = self.reading if index == self.comparing else self.comparing
        self.go(reading=index, comparing=comparing, current=current)

    # -- messages from widgets -----------------------------------------------------------------

    @on(ArticleView.SentenceClicked, "#reading-view")
    def _clicked_reading(self, event: ArticleView.SentenceClicked) -> None:
        self.go(current=event.index)

    @on(ArticleView.SentenceClicked, "#compare-view")
    def _clicked_compare(self, event: ArticleView.SentenceClicked) -> None:
        # A click on the comparison text reads the sentence it links to, if any.
        alignment = self.alignment
        if alignment is None:
            return
        links = alignment.links_for_b(event.index)
        if links:
            self.go(current=links[0].a[0])
        else:
            self.notify("That sentence has no counterpart in the version you are reading.", timeout=2, markup=False)

    @on(ArticleList.Chosen, "#article-list")
    def _chose_version(self, event: ArticleList.Chosen) -> None:
        self.read_version(event.index)

    # -- changes: the keys are bound here, the work is done by ChangeActions ----------------------

    def action_next_difference(self, step: int) -> None:
        self.change_actions.next_difference(step)

    def action_next_change(self, step: int, at_least: str, type: str | None = None) -> None:
        self.change_actions.next_change(step, at_least, type)

    def action_next_unmatched(self) -> None:
        self.change_actions.next_unmatched()

    def action_switch_sides(self) -> None:
        self.change_actions.switch_sides()

    def action_change_list(self) -> None:
        self.change_actions.change_list()

    def action_collation(self) -> None:
        self.change_actions.collation()

    def action_version_summary(self) -> None:
        self.change_actions.version_summary()

    def action_search(self) -> None:
        self.change_actions.search()

    def action_next_match(self, step: int) -> None:
        self.change_actions.next_match(step)

    def action_copy_quotation(self) -> None:
        self.change_actions.copy_quotation()

    def action_export_report(self) -> None:
        self.change_actions.export_report()

    # -- notes: the keys are bound here, the work is done by NoteActions ------------------------

    def action_toggle_bookmark(self) -> None:
        self.note_actions.toggle_bookmark()

    def action_next_bookmark(self, step: int) -> None:
        self.note_actions.next_bookmark(step)

    def action_bookmarks(self) -> None:
        self.note_actions.open_bookmarks()

    def action_annotations(self) -> None:
        self.note_actions.open_annotations()

    def action_needs_review(self) -> None:
        self.note_actions.open_review()

    def action_annotate(self) -> None:
        self.note_actions.annotate()

    def action_select_words(self) -> None:
        self.note_actions.select_words()

    def action_extend_selection(self, step: int) -> None:
        self.note_actions.extend_selection(step)

    def action_move_selection(self, step: int) -> None:
        self.note_actions.move_selection(step)

    def action_cancel_selection(self) -> None:
        self.selection = None
