"""The current sentence's counterpart in every other version, stacked.

As everywhere in the reader, boilerplate (a photo caption, a credit, "Read more") is not the
story: a boilerplate sentence is shown dim and compared with nothing, and a version's line of
site furniture is never shown as the counterpart of a sentence of the story.

With 200 versions the pane holds 200 counterparts. Drawn as one `Static`, every move laid the
screen out again and wrapped all of them (200-550 ms a key, issue 14); here the text is wrapped
with the reading panes' `wrap_offsets` (a few milliseconds for all of it) into line spans, and
only the lines on screen are ever turned into segments, each once per text and width."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.geometry import Size
from textual.reactive import var
from textual.strip import Strip

from ..core.collation import story_link
from ..core.sentence_changes import FindingsCache
from ..core.story import Place, Story
from ..core.word_diff import change_spans
from .contrast import readable
from .fixed_scroll import FixedScrollView
from .marks import GLYPHS
from .wrapping import wrap_offsets

# Only turns the text's styles into segments: nothing is printed through it.
_CONSOLE = Console(width=10_000, color_system=None, markup=False, emoji=False, highlight=False)


class AllVersionsPane(FixedScrollView, can_focus=True):
    """Every version's counterpart of the current sentence, drawn from `place` and the story.

    It scrolls (keys, wheel and scrollbar work): with many versions, or on a short terminal, the
    later versions are below the fold, not cut off. `text` is what it shows, whole.
    """

    COMPONENT_CLASSES = {"all-versions--removed", "all-versions--added", "all-versions--replaced", "all-versions--boilerplate"}

    place: var[Place | None] = var(None, always_update=True, init=False)
    """Where the reader is; set on every change of the screen's state (an alignment that lands
    changes what is drawn without changing the place)."""

    def __init__(self, story: Story, findings: FindingsCache, place: Place, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.findings = findings
        self._paragraphs: list[Text] = []  # the lines of `text`, before wrapping
        self._lines: list[tuple[int, int, int]] = []  # (paragraph, start, end) of each line at `_width`
        self._wrapped: dict[tuple[str, int], list[tuple[int, int]]] = {}  # versions share sentences
        self._width = 0
        self._drawn: dict[int, list[Segment]] = {}
        self._styles: dict[str, Style] = {}
        self.set_reactive(AllVersionsPane.place, place)

    def watch_place(self, place: Place | None) -> None:
        if place is not None and self.display and self.is_mounted:
            self._paragraphs = self.entries(place)
            self._width = 0  # wrap anew
            self.fit()
            self.refresh()

    def on_mount(self) -> None:
        self.watch_place(self.place)

    def on_show(self) -> None:
        self.watch_place(self.place)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        if self.is_mounted:
            self.watch_place(self.place)  # the marks' colours come from the theme

    @property
    def text(self) -> Text:
        """What the pane shows, whole (its lines joined)."""
        return Text("\n").join(self._paragraphs)

    # -- lines -----------------------------------------------------------------------------------

    def fit(self) -> None:
        """Wrap `text` to the width the pane has, each paragraph on its own (a line's trailing
        spaces are left out when drawn). Many versions share a sentence word for word: each
        distinct paragraph is wrapped once per width."""
        width = max(1, self.scrollable_content_region.width)
        if width != self._width:
            self._width, self._drawn = width, {}
            if len(self._wrapped) > 4 * len(self._paragraphs) + 1000:
                self._wrapped.clear()
            lines: list[tuple[int, int, int]] = []
            for k, paragraph in enumerate(self._paragraphs):
                key = (paragraph.plain, width)
                spans = self._wrapped.get(key)
                if spans is None:
                    spans = self._wrapped[key] = wrap_offsets(paragraph.plain, width)
                lines += [(k, start, end) for start, end in spans]
            self._lines = lines
        self.set_virtual_size(Size(width, len(self._lines)))

    def on_resize(self) -> None:
        self.fit()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self.fit()
        base = self._base_style or self.rich_style
        line = y + round(self.scroll_y)
        if not 0 <= line < len(self._lines):
            return Strip.blank(width, base)
        segments = self._drawn.get(line)
        if segments is None:
            k, start, end = self._lines[line]
            piece = self._paragraphs[k][start:end]
            piece.rstrip()
            segments = list(piece.render(_CONSOLE, end=""))
            if piece.style:  # `render` leaves out the text's own style (a header's bold)
                own = piece.style if isinstance(piece.style, Style) else _CONSOLE.get_style(piece.style)
                segments = list(Segment.apply_style(segments, own))
            self._drawn[line] = segments
        return Strip(Segment.apply_style(segments, base)).adjust_cell_length(width, base)

    def _mark_style(self, cls: str) -> Style:
        """A change mark's style, its colour made readable on the pane's background (worked out
        once per theme: 200 versions ask for it hundreds of times a move)."""
        found = self._styles.get(cls)
        if found is None:
            found = style = self.get_component_rich_style(f"all-versions--{cls}")
            if style.color is not None and style.bgcolor is not None:
                fixed = readable(Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor))
                found = style + Style(color=fixed.rich_color)
            self._styles[cls] = found
        return found

    def render_entries(self, place: Place) -> Text:
        """The header and text of every version's counterpart, the version read first, as one
        text (what the pane shows)."""
        return Text("\n").join(self.entries(place))

    def entries(self, place: Place) -> list[Text]:
        """The lines of `render_entries` before wrapping: each version's header, its text, then a
        blank line. Made as separate texts, never one joined text: joining 200 versions' texts
        and cutting it up again cost more than drawing them."""
        story = self.story
        reading = story.articles[place.reading]
        parts: list[Text] = []
        found = [(k, self.findings.get(story.cached(place.reading, k))) for k in story.pairs_for(place.reading)]
        if reading.sentences:
            header = Text(f"▶ {story.names[place.reading]} (reading)", style="bold")
            if any(changes is not None and place.current in changes.boilerplate for _, changes in found):
                # Site furniture: dim, as in the reading pane, and not compared with anything.
                header.append(" · boilerplate, not compared")
                return [header, *Text(reading.sentences[place.current].text, style=self._mark_style("boilerplate")).split("\n", allow_blank=True)]
            parts += [header, Text(reading.sentences[place.current].text)]
        for k, changes in found:
            other = story.articles[k]
            mark = "◆" if k == place.comparing else " "
            if changes is None or not reading.sentences:
                parts += [Text(f"{mark} {story.names[k]}: aligning…", style="italic"), Text("")]
                continue
            link = story_link(changes, place.current)
            if link is None:
                parts += [
                    Text(f"{mark} {story.names[k]} — ∅ dropped (no counterpart)", style="bold"),
                    Text("  (not in this version)", style="italic dim"),
                ]
                continue
            start, end = other.sentences[link.b[0]].start, other.sentences[link.b[-1]].end
            body = Text(other.text[start:end])
            for s, e, cls in change_spans(link.ops, "b"):
                body.stylize(self._mark_style(cls), s - start, e - start)
            glyph, _ = GLYPHS[link.kind]
            parts += [Text(f"{mark} {story.names[k]} — {glyph} {link.kind.value} {link.score:.2f}", style="bold"), body]
        # One blank line after each version's header and text; a text may hold a line break.
        lines: list[Text] = []
        for i, part in enumerate(parts):
            lines += part.split("\n", allow_blank=True) if "\n" in part.plain else [part]
            if i % 2:
                lines.append(Text(""))
        return lines
