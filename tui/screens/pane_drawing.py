"""How the reading screen's state reaches its panes: the marks of the version read, the
comparison text levelled with it, and the article list's counts.

The reading screen owns the state and decides when to draw (`ReaderScreen.redraw`); this part
works out what each pane is given, through the screen's public state (`place`, `story`,
`changes`, `notes`, `found`, `every_change`). Kept apart from the screen because turning the
state into marks is one idea and changing the state is another; the panes still draw themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ..core.story import byline, counterpart
from ..core.summary import VersionSummary
from ..core.word_diff import change_spans
from ..widgets.article_list import ArticleList
from ..widgets.article_marks import Marks
from ..widgets.article_view import ArticleView
from ..widgets.diff_pane import DiffPane
from ..widgets.divergence import divergence_classes
from ..widgets.marks import gutter_glyphs, typed_spans

if TYPE_CHECKING:
    from .reader import ReaderScreen


class PaneDrawing:
    """What the panes of one reading screen are given to draw."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self._numbers: dict[int, VersionSummary] = {}  # each version's numbers against ...
        self._numbers_of: int | None = None  # ... this version read

    def redraw(self, scroll: bool = True) -> None:
        """Give every pane the reading state; each draws itself."""
        place = self.screen.place
        article = self.screen.story.articles[place.reading]
        changes = self.screen.changes
        cp = counterpart(changes.alignment, place.current) if changes and article.sentences else None
        span = self.screen.note_actions.selection_span()
        words = change_spans(cp.link.ops, "a") if cp and cp.link else []
        marks = Marks(
            sentence_glyphs=gutter_glyphs(changes) if changes else None,
            current=frozenset({place.current}) if article.sentences else frozenset(),
            # Typed changes after plain rewording: drawn over it.
            word_spans=words + typed_spans(changes, place.current, "a") if changes else words,
            dimmed=changes.boilerplate if changes else frozenset(),
            every_word=changes.changed_words("a") if changes and self.screen.every_change else None,
            divergence=divergence_classes(changes) if changes else None,
            matched=self._matched(place.reading),
            flagged=self.screen.notes.bookmarked(place.reading),
            underlined=self.screen.notes.annotated_spans(place.reading),
            selected=span,
        )
        view = self.screen.query_one("#reading-view", ArticleView)
        if view.article is article:
            view.update_marks(marks)
        else:
            view.show(article, marks)
        # Titles and bylines come from file names and pages: drawn as text, never parsed as markup.
        view.border_title = Content(f"Reading ▶ {self.screen.story.names[place.reading]}")
        view.border_subtitle = Content(byline(article))
        if scroll and article.sentences:
            view.bring_into_view(place.current)
        diff = self.screen.query_one("#right-pane", DiffPane)
        diff.every_change = self.screen.every_change
        diff.matched = self._matched(place.comparing)
        diff.place = place
        selecting = article.text[span[0] : span[1]] if span else None
        diff.notes = self.screen.notes.notes_text(place, selecting)
        if scroll:
            self._level_diff()
            # The header above the comparison text may change height with this update; level
            # again once the layout has settled.
            self.screen.call_after_refresh(self._level_diff)
        for pane in self.screen.query("#all-versions"):
            pane.place = place
        self.update_list()

    def _level_diff(self) -> None:
        """Scroll the comparison text so the counterpart (or, for a sentence without one, the
        nearest linked neighbour's) sits on the same screen row."""
        diff = self.screen.query_one("#right-pane", DiffPane)
        anchor = diff.anchor()
        if anchor is None:
            return
        reading_view = self.screen.query_one("#reading-view", ArticleView)
        row = reading_view.sentence_row(anchor[0])
        if row is None:
            return
        delta = reading_view.content_region.y - diff.view.content_region.y
        diff.view.put_at_row(anchor[1], row + delta)

    def update_list(self) -> None:
        """The article list's numbers for the version read (another version's alignment changes
        only its entry there)."""
        # A version's numbers, once known, hold for as long as the version read does (they are
        # worked out once per alignment, `Summaries`): only versions still without them are
        # looked up, so `]` at 500 versions makes no lookup at all, and the list re-wraps only
        # the entries whose numbers changed.
        story, reading, findings = self.screen.story, self.screen.reading, self.screen.findings
        if reading != self._numbers_of:
            self._numbers, self._numbers_of = {}, reading
        numbers = self._numbers
        for k in story.pairs_for(reading):
            if k not in numbers:
                changes = findings.get(story.cached(reading, k))
                if changes is not None:
                    numbers[k] = self.screen.summaries.of(changes)
        self.screen.query_one(ArticleList).show_state(reading, self.screen.comparing, numbers)

    def _matched(self, version: int) -> tuple[tuple[int, int], ...]:
        """Where the last search matched in `version`, highlighted in whichever pane shows it."""
        if self.screen.found is None:
            return ()
        return tuple((m.start, m.end) for m in self.screen.found.matches if m.version == version)

    def show_all_versions(self, shown: bool) -> None:
        """The right pane shows every version's current sentence (`shown`) or the comparison;
        the all-versions pane is mounted when first shown."""
        panes = self.screen.query("#all-versions")
        if not panes and shown:
            from ..widgets.all_versions import AllVersionsPane

            self.screen.query_one("#right-pane").mount(AllVersionsPane(self.screen.story, self.screen.findings, self.screen.place, id="all-versions"))
        self.screen.query_one("#right-pane", DiffPane).show_comparison(not shown)
        for pane in self.screen.query("#all-versions"):
            pane.display = shown
