"""The comparison version, kept level with the reading pane, and what the link between them is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.visual import visualize
from textual.widgets import Static

from ..core.sentence_changes import FindingsCache, SentenceChanges
from ..core.story import Counterpart, Place, Story, byline, counterpart, level_anchor
from ..core.summary import Summaries
from ..core.word_diff import change_spans
from .alignment_progress import AlignmentProgress
from .article_marks import Marks
from .article_view import ArticleView
from .divergence import divergence_classes
from .marks import GLYPHS, gutter_glyphs, typed_spans


class DiffPane(Vertical):
    """The right pane: a header that names the link (kind, score, or no counterpart) over the
    comparison text, and the alignments' progress above them while they take long. It draws
    itself from `place` and the story; the screen mounts the all-versions view in it too, and
    `show_comparison(False)` hides the header and text while the all-versions view shows."""

    place: var[Place | None] = var(None, always_update=True, init=False)
    """Where the reader is; set on every change of the screen's state (an alignment that lands
    changes what is drawn without changing the place)."""

    notes: var[Text | None] = var(None, init=False)
    """Notes on the current sentence and its counterparts, shown under the header."""

    every_change: bool = False
    """The whole-article view: mark the changed words of every sentence (set by the screen)."""

    matched: tuple[tuple[int, int], ...] = ()
    """Words of the compared version a search found (set by the screen)."""

    def __init__(self, story: Story, findings: FindingsCache, *, id: str | None = None, layouts=None,
                 summaries: Summaries | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.findings = findings
        self._summaries = summaries  # handed to the alignments' worker (see AlignmentProgress)
        self._layouts = layouts
        self._info: tuple | None = None
        self._info_text: Text | None = None  # what the header shows
        self._header_width: int | None = None  # the header's width when its rows were kept ...
        self._header_rows = 0  # ... and the rows it keeps (see `_set_info`)
        self.more_coming = False
        """Whether more versions are being read (set by the screen): alone, the pane says so."""

    def compose(self) -> ComposeResult:
        yield AlignmentProgress(self.story, self.findings, self._summaries, id="aligning")
        yield Static(id="link-info", markup=False)
        notes = Static(id="link-notes", markup=False)
        notes.display = False
        yield notes
        yield ArticleView(id="compare-view", layouts=self._layouts)

    def show_comparison(self, shown: bool) -> None:
        for widget in (self.query_one("#link-info"), self.query_one("#compare-view")):
            widget.display = shown
        self.query_one("#link-notes").display = shown and self.notes is not None

    @property
    def view(self) -> ArticleView:
        return self.query_one("#compare-view", ArticleView)

    def anchor(self) -> tuple[int, int] | None:
        """(sentence read, sentence compared) that should sit on one screen row, if aligned."""
        place = self.place
        if place is None or place.reading == place.comparing:
            return None
        changes = self.changes(place.reading, place.comparing)
        if changes is None:
            return None
        return level_anchor(changes.alignment, changes.relations, place.current)

    def changes(self, reading: int, comparing: int) -> SentenceChanges | None:
        """The alignment shown between two versions, with its changes, once classified."""
        return self.findings.get(self.story.cached(reading, comparing))

    # -- drawing ---------------------------------------------------------------------------------

    def watch_place(self, place: Place | None) -> None:
        if place is None:
            return
        story = self.story
        view = self.view
        if place.comparing == place.reading:
            if self.more_coming:
                view.placeholder = "The first to arrive is compared here."
                self._set_info(Text("Reading the other versions…", style="italic"))
            else:
                view.placeholder = "Only one version is loaded: there is nothing to compare with."
                self._set_info(Text("No other version loaded.", style="italic"))
            view.show(None)
            self.border_title = "Compare"
            return
        other = story.articles[place.comparing]
        # Names and bylines come from file names and pages: drawn as text, never parsed as markup.
        self.border_title = Content(f"Compare ◆ {story.names[place.comparing]}")
        self.border_subtitle = Content(byline(other))
        changes = self.changes(place.reading, place.comparing)
        back = self.changes(place.comparing, place.reading)
        if changes is None or back is None or not story.articles[place.reading].sentences:
            self._show_text(other, Marks())
            if changes is None or back is None:
                # The border above names the version. Kept to one line, as a link's header
                # usually is: naming the version here too wrapped the header to two lines with
                # a long file name, and each `]` to a version still aligning then laid the whole
                # screen out twice (to two lines, and back once the alignment landed).
                self._set_info(Text("Aligning…", style="italic"))
            else:
                self._set_info(Text("The version read has no sentences.", style="italic"))
            return
        cp = counterpart(changes.alignment, place.current)
        primary = frozenset(cp.indexes)
        secondary = frozenset(j for link in cp.others for j in link.b) - primary
        marks = Marks(
            sentence_glyphs=gutter_glyphs(back),
            current=primary,
            secondary=secondary,
            word_spans=(change_spans(cp.link.ops, "b") if cp.link else []) + typed_spans(changes, place.current, "b"),
            dimmed=back.boilerplate,
            every_word=changes.changed_words("b") if self.every_change else None,
            divergence=divergence_classes(back),
            matched=self.matched,
        )
        self._show_text(other, marks)
        self._set_info(self._link_info(cp))

    def _show_text(self, article, marks: Marks) -> None:
        view = self.view
        if view.article is article:
            view.update_marks(marks)
        else:
            view.show(article, marks)

    def _link_info(self, cp: Counterpart) -> Text:
        """One short line (the version is named in the border above): the link's kind, score
        and where it goes, or that there is no counterpart and what the text is level with."""
        if cp.link is None:
            anchor = self.anchor()
            where = f" · level with {anchor[0] + 1}" if anchor is not None else ""
            return Text.assemble(("∅ No counterpart", "bold"), where)
        link = cp.link
        glyph, _ = GLYPHS[link.kind]
        info = Text.assemble(
            (f"{glyph} {link.kind.value}", "bold"),
            f" {link.score:.2f} · its sentence {', '.join(str(j + 1) for j in link.b)}",
        )
        if len(link.a) > 1:
            info.append(f" · joins {', '.join(str(i + 1) for i in link.a)}")
        if cp.others:
            info.append(f" · {len(cp.others)} more partial", style="dim")
        return info

    def _set_info(self, info: Text) -> None:
        """Show `info` in the header. The header keeps the height of the tallest text it showed
        at this width: a layout of the screen (which also repaints every pane) only when it must
        grow, not each time a link's line wraps or not, and the comparison text under it does
        not jump by a line as `]`, `j` or `n` go from one link to the next."""
        widget = self.query_one("#link-info", Static)
        width = widget.content_region.width
        if (_key(info), width) == self._info:
            return
        self._info = (_key(info), width)
        self._info_text = info
        rows = _height(widget, info)
        if rows is None:  # not laid out yet
            widget.update(info, layout=True)
            return
        if width != self._header_width:  # a new width: the header starts over from this text
            self._header_width, self._header_rows = width, 0
        grow = rows > self._header_rows
        if grow:
            self._header_rows = rows
            widget.styles.min_height = rows
        widget.update(info, layout=grow)

    def watch_notes(self, notes: Text | None) -> None:
        widget = self.query_one("#link-notes", Static)
        widget.update(notes or "")
        widget.display = bool(notes) and self.view.display


def _key(text: Text | None) -> tuple | None:
    """What a header shows: its characters, base style and styled spans."""
    return None if text is None else (text.plain, str(text.style), tuple(text.spans))


def _height(widget: Static, text: Text) -> int | None:
    """The rows `widget` needs to show `text` (measured the way Textual lays it out; one at
    least), or None before the widget has a width."""
    width = widget.content_region.width
    if width <= 0:
        return None
    return max(1, visualize(widget, text, markup=False).get_height(widget.styles, width))
