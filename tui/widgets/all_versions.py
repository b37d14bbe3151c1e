"""The current sentence's counterpart in every other version, stacked.

As everywhere in the reader, boilerplate (a photo caption, a credit, "Read more") is not the
story: a boilerplate sentence is shown dim and compared with nothing, and a version's line of
site furniture is never shown as the counterpart of a sentence of the story."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from ..core.collation import story_link
from ..core.sentence_changes import FindingsCache
from ..core.story import Place, Story
from ..core.word_diff import change_spans
from .contrast import readable
from .marks import GLYPHS


class AllVersionsPane(VerticalScroll, can_focus=True):
    """Every version's counterpart of the current sentence, drawn from `place` and the story.

    A scrolling container (keys, wheel and scrollbar work): with many versions, or on a short
    terminal, the later versions are below the fold, not cut off.
    """

    COMPONENT_CLASSES = {"all-versions--removed", "all-versions--added", "all-versions--replaced", "all-versions--boilerplate"}

    place: var[Place | None] = var(None, always_update=True, init=False)
    """Where the reader is; set on every change of the screen's state (an alignment that lands
    changes what is drawn without changing the place)."""

    def __init__(self, story: Story, findings: FindingsCache, place: Place, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.findings = findings
        self.set_reactive(AllVersionsPane.place, place)

    def compose(self) -> ComposeResult:
        yield Static(id="all-versions-text", markup=False)

    def watch_place(self, place: Place | None) -> None:
        if place is not None and self.display and self.is_mounted:
            self.query_one("#all-versions-text", Static).update(self.render_entries(place))

    def on_mount(self) -> None:
        self.watch_place(self.place)

    def on_show(self) -> None:
        self.watch_place(self.place)

    def _mark_style(self, cls: str) -> Style:
        """A change mark's style, its colour made readable on the pane's background."""
        style = self.get_component_rich_style(f"all-versions--{cls}")
        if style.color is None or style.bgcolor is None:
            return style
        fixed = readable(Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor))
        return style + Style(color=fixed.rich_color)

    def render_entries(self, place: Place) -> Text:
        """The header and text of every version's counterpart, the version read first."""
        story = self.story
        reading = story.articles[place.reading]
        parts: list[Text] = []
        found = [(k, self.findings.get(story.cached(place.reading, k))) for k in story.pairs_for(place.reading)]
        if reading.sentences:
            header = Text(f"▶ {story.names[place.reading]} (reading)", style="bold")
            if any(changes is not None and place.current in changes.boilerplate for _, changes in found):
                # Site furniture: dim, as in the reading pane, and not compared with anything.
                header.append(" · boilerplate, not compared")
                return Text("\n").join([header, Text(reading.sentences[place.current].text, style=self._mark_style("boilerplate"))])
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
        # One blank line after each version's header and text.
        return Text("\n").join(part if i % 2 == 0 else part + Text("\n") for i, part in enumerate(parts))
