"""The collation table (`t`): the current sentence, or its paragraph, in every version, aligned
word by word against the version read (the base): each version's reading sits under the base
words it stands for, with the readings that differ marked, and its link kind and score beside it.

The table itself is `tui.core.collation` (which reading goes in which column) drawn by
`CollationGrid`; this screen holds the sentence's and the paragraph's collations and switches
between them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static

from ..core.collation import Collation, paragraph_of, story_collation
from ..core.sentence_changes import FindingsCache
from ..core.story import Story
from ..widgets.collation_grid import CollationGrid

HINT = ("↑↓ versions · ←→ words · p sentence/paragraph · enter compare\n"
        "underline: differs · ∅ missing · reverse: typed · dim: elsewhere")
"""The keys and the marks, in two lines that fit 80 columns."""

LANDING_DELAY = 0.2
"""Seconds an open table waits after a version's alignment lands before it collates again, so
that versions landing in a burst (200 of them) are collated a few times, not once each."""


@dataclass(frozen=True)
class Passage:
    """One collation the screen can show, with its title and each version's typed-change spans."""

    title: str
    collation: Collation
    typed: dict[int, list[tuple[int, int]]]


def passage(story: Story, findings: FindingsCache, reading: int, indexes: list[int], title: str) -> Passage:
    """The collation of the version read's sentences `indexes`, with the spans (in each version's
    text) of the typed changes found in them, to be marked strongest."""
    typed: dict[int, list[tuple[int, int]]] = {}
    for k in story.pairs_for(reading):
        changes = findings.get(story.cached(reading, k))
        if changes is not None:
            typed[k] = [(c.b.start, c.b.end) for i in indexes for c in changes.by_sentence.get(i, ())
                        if c.b is not None and c.b.end > c.b.start]
    return Passage(title, story_collation(story, findings, reading, indexes), typed)


def passages(story: Story, findings: FindingsCache, reading: int, current: int) -> tuple[Passage, Callable[[], Passage]]:
    """The collation of sentence `current` of version `reading`, and how to collate its
    paragraph when first asked for (with many versions it takes a few times as long)."""
    base = story.articles[reading]
    name = story.names[reading]
    paragraph = paragraph_of(base, current)
    sentence = passage(story, findings, reading, [current], f"Sentence {current + 1} of {name} in every version")
    if len(paragraph) == 1:
        return sentence, lambda: sentence
    title = f"Sentences {paragraph[0] + 1}–{paragraph[-1] + 1} (the paragraph) of {name} in every version"
    return sentence, cache(lambda: passage(story, findings, reading, paragraph, title))


class Collator:
    """`passages`, with the last sentence's kept while what it was collated from is the same:
    the same story, version read and sentence, and each other version's findings the very same
    objects (none landed since, none dropped). A reader who opens the table, closes it and opens
    it again on the same sentence then waits for no collation (200 versions: 5-20 ms) and the
    grid keeps the lines it drew; any other sentence is collated anew."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._inputs: list[weakref.ref | None] = []
        self._kept: tuple[Passage, Callable[[], Passage]] | None = None

    def passages(self, story: Story, findings: FindingsCache, reading: int, current: int) -> tuple[Passage, Callable[[], Passage]]:
        inputs = [findings.get(story.cached(reading, k)) for k in story.pairs_for(reading)]
        key = (story, findings, reading, current)
        if (self._kept is not None and self._key is not None and self._key[0] is story and self._key[1] is findings
                and self._key[2:] == (reading, current) and len(inputs) == len(self._inputs)
                and all((held() if held is not None else None) is now for held, now in zip(self._inputs, inputs))):
            return self._kept
        self._kept = passages(story, findings, reading, current)
        self._key = key
        self._inputs = [weakref.ref(now) if now is not None else None for now in inputs]
        return self._kept


class CollationScreen(ModalScreen[int | None]):
    """Every version's wording of one sentence or paragraph; enter compares with the version on
    the cursor, `p` switches between the sentence and its paragraph, escape closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="close_collation"),
        Binding("p", "toggle_paragraph", "Sentence / paragraph", id="collation_paragraph"),
    ]

    def __init__(self, sentence: Passage, paragraph: Callable[[], Passage], names: list[str], base_name: str) -> None:
        super().__init__()
        self.sentence = sentence
        self.make_paragraph = paragraph
        self.paragraph: Passage | None = None
        """The paragraph's collation, once asked for."""
        self.showing_paragraph = False
        self.names = names
        self.base_name = base_name
        self._recollate: Callable[[], tuple[Passage, Callable[[], Passage]]] | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        shown = self.sentence
        with Vertical(id="collation-box"):
            yield Static(shown.title, id="collation-title", markup=False)
            yield CollationGrid(shown.collation, self.names, self.base_name, shown.typed, id="collation-grid")
            yield Static(HINT, id="collation-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(CollationGrid).focus()

    def reopen(self) -> bool:
        """The table, kept since it closed, can always open again: `show_sentence` puts the
        sentence asked for in it."""
        return True

    def show_sentence(self, sentence: Passage, paragraph: Callable[[], Passage], names: list[str], base_name: str) -> None:
        """Show `sentence` (its paragraph collated when asked for) as a new screen would: on
        the sentence, the cursor on the first version. Any version may be the one read now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.sentence, self.make_paragraph, self.paragraph = sentence, paragraph, None
        self.showing_paragraph = False
        self.names, self.base_name = names, base_name
        self.query_one("#collation-title", Static).update(Content(sentence.title))
        grid = self.query_one(CollationGrid)
        grid.names, grid.base_name = names, base_name
        grid.cursor = 0
        grid.show(sentence.collation, sentence.typed)

    def version_landed(self, recollate: Callable[[], tuple[Passage, Callable[[], Passage]]], names: list[str]) -> None:
        """A version's alignment with the version read landed: the passage is collated again
        (by `recollate`) shortly, so that landings in a burst are taken together."""
        self._recollate = recollate
        self.names = names
        if self._timer is None:
            self._timer = self.set_timer(LANDING_DELAY, self._take_landed)

    def _take_landed(self) -> None:
        """The passage shown collated again: rows that were aligning get their readings, and the
        cursor and the view stay where the reader left them."""
        self._timer = None
        if self._recollate is None:
            return
        self.sentence, self.make_paragraph = self._recollate()
        if self.paragraph is not None:
            self.paragraph = self.make_paragraph()
        shown = self.paragraph if self.showing_paragraph and self.paragraph else self.sentence
        self.query_one("#collation-title", Static).update(Content(shown.title))
        grid = self.query_one(CollationGrid)
        grid.names = self.names
        grid.show(shown.collation, shown.typed, keep=True)

    def action_toggle_paragraph(self) -> None:
        self.showing_paragraph = not self.showing_paragraph
        if self.showing_paragraph and self.paragraph is None:
            self.paragraph = self.make_paragraph()
        shown = self.paragraph if self.showing_paragraph and self.paragraph else self.sentence
        self.query_one("#collation-title", Static).update(Content(shown.title))
        self.query_one(CollationGrid).show(shown.collation, shown.typed)

    def on_collation_grid_chosen(self, event: CollationGrid.Chosen) -> None:
        self.dismiss(event.version)

    def action_close(self) -> None:
        self.dismiss(None)
