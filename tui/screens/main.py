"""The reading screen: the article list, the reading pane and the diff pane, kept in step.

The screen owns the reading state (version read, version compared, current sentence) and is the
only place that changes it; widgets only draw what they are given and report clicks and choices
as messages. Every change funnels through `_show`, so the panes can never disagree.
"""

from __future__ import annotations

import weakref

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from ..core.model import Alignment
from ..core.story import Counterpart, Relation, Story, counterpart, differs, matched_count, next_index, relations, unmatched
from ..widgets.all_versions import AllVersionsPane
from ..widgets.article_list import ArticleList
from ..widgets.article_view import ArticleView, Marks
from ..widgets.diff_pane import DiffPane
from ..widgets.key_footer import KeyFooter
from ..core.word_diff import change_spans
from ..widgets.marks import GLYPHS, LEGEND, glyphs_for


class AlignmentReady(Message):
    """A worker finished aligning the version being read with another."""

    def __init__(self, reading: int, comparing: int, done: int, total: int) -> None:
        super().__init__()
        self.reading = reading
        self.comparing = comparing
        self.done = done
        self.total = total


# Alignments that finish sooner than this never show a progress bar (on the seeds they take a few
# milliseconds, and a bar would only flash); longer ones get one.
PROGRESS_DELAY = 0.3


class MainScreen(Screen):
    """Read one version while the diff pane follows with another."""

    # Focus the reading view as the screen is composed, before it is first styled and painted
    # (Textual would focus the article list, the first focusable widget, and a focus() from
    # on_mount only lands after the first paint, restyling and redrawing both widgets).
    AUTO_FOCUS = "#reading-view"

    BINDINGS = [
        Binding("j,down", "move(1)", "Next sentence", id="next_sentence", show=False),
        Binding("k,up", "move(-1)", "Previous sentence", id="previous_sentence", show=False),
        Binding("n", "next_difference(1)", "Next difference", id="next_difference"),
        Binding("p", "next_difference(-1)", "Previous difference", id="previous_difference", show=False),
        Binding("o", "next_unmatched", "Next without counterpart", id="next_unmatched", show=False),
        Binding("s", "switch_sides", "Switch sides", id="switch_sides"),
        Binding("right_square_bracket", "cycle_comparison(1)", "Compare next", id="compare_next"),
        Binding("left_square_bracket", "cycle_comparison(-1)", "Compare previous", id="compare_previous", show=False),
        Binding("v", "toggle_all_versions", "All versions", id="toggle_all_versions"),
        Binding("g,home", "jump('first')", "First sentence", id="first_sentence", show=False),
        Binding("G,end", "jump('last')", "Last sentence", id="last_sentence", show=False),
        Binding("l", "toggle_list", "Article list", id="toggle_list", show=False),
    ]

    def __init__(self, story: Story, load_errors: list[str] | None = None) -> None:
        super().__init__()
        self.story = story
        self.load_errors = load_errors or []
        self.reading = 0
        self.comparing = 1 if len(story) > 1 else 0
        self.current = 0
        self.show_all = False
        self._relations: dict[int, list[Relation]] = {}  # id(alignment) -> relations
        self._progress: tuple[int, int] = (0, 0)
        self._progress_timer = None
        # Paragraph layouts shared by both panes: switching sides lays out nothing again.
        self._layouts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The breakpoint class Textual sets on the first resize, set now: the first styling of
        # the screen is then the last, instead of every widget being restyled once more.
        breakpoints = self.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is not None else self.app.HORIZONTAL_BREAKPOINTS
        for minimum, class_name in sorted(breakpoints or [], reverse=True):
            if self.app.size.width >= minimum:
                self.add_class(class_name, update=False)
                break
        # Only what the first screen shows (the progress bar and the all-versions view are
        # mounted when first needed), and no containers: the screen lays the three panes out,
        # and the reading view carries its pane's border and titles itself.
        yield ArticleList(self.story.articles, id="article-list")
        yield ArticleView(id="reading-view", layouts=self._layouts)
        yield DiffPane(id="right-pane", layouts=self._layouts)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#reading-view").border_subtitle = LEGEND
        if self.load_errors:
            self.notify("\n".join(self.load_errors), title="Some files were skipped", severity="warning", timeout=10)
        self._show()
        # Start aligning once the first screen is painted (the worker would otherwise compete
        # with that paint for the interpreter), and no later: `call_later` runs after the
        # messages already queued, the screen's first paint among them, where
        # `call_after_refresh` would wait for the next refresh, a frame and a paint later.
        self.call_later(self._align_reading)

    def on_resize(self, event) -> None:
        # Re-wrapping moves every sentence: keep the current one in view and the panes level.
        if event.size != getattr(self, "_last_size", None):
            first = not hasattr(self, "_last_size")
            self._last_size = event.size
            if not first:
                self.call_after_refresh(self._show)

    # -- workers -------------------------------------------------------------------------------

    def _align_reading(self) -> None:
        others = self.story.pairs_for(self.reading)
        # The comparison version first: it is the one on screen.
        others.sort(key=lambda k: k != self.comparing)
        missing = [k for k in others if self.story.cached(self.reading, k) is None]
        self._progress = (len(others) - len(missing), len(others))
        self._update_progress()
        if missing:
            self._run_alignments(self.reading, missing, len(others))

    @work(thread=True, exclusive=True, group="align")
    def _run_alignments(self, reading: int, todo: list[int], total: int) -> None:
        done = total - len(todo)
        for k in todo:
            self.story.alignment(reading, k)
            done += 1
            self.post_message(AlignmentReady(reading, k, done, total))

    def on_alignment_ready(self, message: AlignmentReady) -> None:
        if message.reading != self.reading:
            return
        self._progress = (message.done, message.total)
        self._update_progress()
        if message.comparing == self.comparing or self.show_all:
            self._show(scroll=message.comparing == self.comparing)
        else:
            # Another version's alignment only changes its line in the article list.
            self._update_list()

    def _update_progress(self) -> None:
        done, total = self._progress
        bars = self.query("#align-progress")
        if bars:
            bar = bars.first()
            bar.update(total=max(1, total), progress=done)
            bar.display = done < total
        elif done < total and self._progress_timer is None:
            self._progress_timer = self.set_timer(PROGRESS_DELAY, self._show_progress)

    def _show_progress(self) -> None:
        """Still aligning after PROGRESS_DELAY: mount the progress bar, above the diff pane."""
        self._progress_timer = None
        done, total = self._progress
        if done >= total or self.query("#align-progress"):
            return
        from textual.widgets import ProgressBar

        bar = ProgressBar(id="align-progress", show_eta=False)
        self.query_one("#right-pane").mount(bar, before=0)
        bar.update(total=max(1, total), progress=done)

    # -- state helpers ---------------------------------------------------------------------------

    @property
    def alignment(self) -> Alignment | None:
        if self.comparing == self.reading:
            return None
        return self.story.cached(self.reading, self.comparing)

    def _relations_of(self, alignment: Alignment) -> list[Relation]:
        key = id(alignment)
        if key not in self._relations:
            self._relations[key] = relations(alignment)
        return self._relations[key]

    def current_counterpart(self) -> Counterpart | None:
        alignment = self.alignment
        if alignment is None:
            return None
        return counterpart(alignment, self.current)

    # -- drawing -------------------------------------------------------------------------------

    def _show(self, scroll: bool = True) -> None:
        """Bring every pane in line with the reading state."""
        story = self.story
        reading_article = story.articles[self.reading]
        compare_article = story.articles[self.comparing] if self.comparing != self.reading else None
        n = len(reading_article.sentences)
        self.current = max(0, min(self.current, n - 1)) if n else 0
        alignment = self.alignment
        cp = counterpart(alignment, self.current) if alignment else None

        reading_view = self.query_one("#reading-view", ArticleView)
        reading_marks = Marks(
            sentence_glyphs=glyphs_for(self._relations_of(alignment)) if alignment else None,
            current=frozenset({self.current}) if n else frozenset(),
            word_spans=change_spans(cp.link.ops, "a") if cp and cp.link else [],
            **self.extra_reading_marks(),
        )
        if reading_view.article is reading_article:
            reading_view.update_marks(reading_marks)
        else:
            reading_view.show(reading_article, reading_marks)
        reading_view.border_title = f"Reading ▶ {reading_article.label}"
        if scroll and n:
            reading_view.bring_into_view(self.current)

        diff = self.query_one("#right-pane", DiffPane)
        compare_view = diff.view
        if compare_article is None:
            compare_view.placeholder = "Only one version is loaded: there is nothing to compare with."
            compare_view.show(None)
            diff.set_info(Text("No other version loaded.", style="italic"))
            self.query_one("#right-pane").border_title = "Compare"
        else:
            self.query_one("#right-pane").border_title = f"Compare ◆ {compare_article.label}"
            if alignment is None:
                compare_view.show(compare_article, Marks())
                diff.set_info(Text(f"Aligning with {compare_article.label}…", style="italic"))
            else:
                back_alignment = self.story.cached(self.comparing, self.reading)
                back = self._relations_of(back_alignment) if back_alignment else None
                primary = frozenset(cp.indexes) if cp else frozenset()
                secondary = frozenset(j for link in (cp.others if cp else ()) for j in link.b) - primary
                compare_marks = Marks(
                    sentence_glyphs=glyphs_for(back) if back else None,
                    current=primary,
                    secondary=secondary,
                    word_spans=change_spans(cp.link.ops, "b") if cp and cp.link else [],
                )
                if compare_view.article is compare_article:
                    compare_view.update_marks(compare_marks)
                else:
                    compare_view.show(compare_article, compare_marks)
                diff.set_info(self._link_info(cp, compare_article.label))
        diff.set_notes(self.counterpart_notes(cp))
        if scroll and cp and cp.link:
            self._level_diff(cp.indexes[0])
            # The header above the comparison text may change height with this update; level
            # again once the layout has settled.
            self.call_after_refresh(self._level_diff, cp.indexes[0])

        if self.show_all:
            self._show_all_versions()
        self._update_list()

    def _level_diff(self, counterpart_index: int) -> None:
        """Scroll the comparison text so the counterpart sits on the same screen row."""
        reading_view = self.query_one("#reading-view", ArticleView)
        compare_view = self.query_one("#compare-view", ArticleView)
        row = reading_view.sentence_row(self.current)
        if row is None:
            return
        delta = reading_view.content_region.y - compare_view.content_region.y
        compare_view.put_at_row(counterpart_index, row + delta)

    def _link_info(self, cp: Counterpart | None, label: str) -> Text:
        if cp is None or cp.link is None:
            return Text.assemble(
                ("∅ No counterpart ", "bold"),
                (f"in {label}: this sentence was dropped there, or added in the version you read.", ""),
            )
        link = cp.link
        glyph, _ = GLYPHS[link.kind]
        info = Text.assemble(
            (f"{glyph} {link.kind.value}", "bold"),
            f"  score {link.score:.2f}",
            f"  ·  sentence {', '.join(str(j + 1) for j in link.b)} of {label}",
        )
        if len(link.a) > 1:
            info.append(f"  ·  joins sentences {', '.join(str(i + 1) for i in link.a)} of this version")
        if cp.others:
            info.append(f"  ·  {len(cp.others)} more partial", style="dim")
        return info

    def _show_all_versions(self) -> None:
        panes = self.query("#all-versions")
        if panes:
            pane = panes.first(AllVersionsPane)
        else:
            pane = AllVersionsPane(id="all-versions")
            self.query_one("#right-pane").mount(pane)
        view = self.query_one("#reading-view", ArticleView)
        style_of = view.get_component_rich_style
        entries: list[tuple[Text, Text | None]] = []
        reading_article = self.story.articles[self.reading]
        if reading_article.sentences:
            entries.append(
                (Text(f"▶ {reading_article.label} (reading)", style="bold"), Text(reading_article.sentences[self.current].text))
            )
        for k in self.story.pairs_for(self.reading):
            other = self.story.articles[k]
            alignment = self.story.cached(self.reading, k)
            if alignment is None:
                entries.append((Text(f"  {other.label}: aligning…", style="italic"), Text("")))
                continue
            cp = counterpart(alignment, self.current)
            mark = "◆" if k == self.comparing else " "
            if cp.link is None:
                entries.append((Text(f"{mark} {other.label} — ∅ dropped (no counterpart)", style="bold"), None))
                continue
            link = cp.link
            start, end = other.sentences[link.b[0]].start, other.sentences[link.b[-1]].end
            body = Text(other.text[start:end])
            for s, e, cls in change_spans(link.ops, "b"):
                body.stylize(style_of(f"article-view--{cls}"), s - start, e - start)
            glyph, _ = GLYPHS[link.kind]
            entries.append((Text(f"{mark} {other.label} — {glyph} {link.kind.value} {link.score:.2f}", style="bold"), body))
        pane.show_entries(entries)

    def _update_list(self) -> None:
        matched = {}
        for k in self.story.pairs_for(self.reading):
            # Read from the other version's side: how much of *it* the version read shares.
            alignment = self.story.cached(k, self.reading)
            if alignment is not None:
                matched[k] = (matched_count(alignment), len(alignment.a.sentences))
        self.query_one(ArticleList).show_state(self.reading, self.comparing, matched)

    # Hooks the notes layer fills in (bookmarks, annotations); plain reading has none.
    def extra_reading_marks(self) -> dict:
        return {}

    def counterpart_notes(self, cp: Counterpart | None) -> Text | None:
        return None

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"switch_sides", "cycle_comparison", "next_difference", "next_unmatched", "toggle_all_versions"}:
            return len(self.story) > 1
        return True

    def action_move(self, step: int) -> None:
        n = len(self.story.articles[self.reading].sentences)
        if n:
            self.current = max(0, min(n - 1, self.current + step))
            self._show()

    def action_jump(self, where: str) -> None:
        n = len(self.story.articles[self.reading].sentences)
        self.current = 0 if where == "first" else max(0, n - 1)
        self._show()

    def _seek(self, step: int, want, what: str) -> None:
        alignment = self.alignment
        if alignment is None:
            self.notify("Still aligning; try again in a moment.", timeout=2)
            return
        rels = self._relations_of(alignment)
        found = next_index(rels, self.current, step, want)
        if found is None:
            # Wrap around once, the way search does in a pager.
            start = -1 if step > 0 else len(rels)
            found = next_index(rels, start, step, want)
            if found is None or found == self.current:
                self.notify(f"No {what} in this version.", timeout=2)
                return
            self.notify("Wrapped around.", timeout=1.5)
        self.current = found
        self._show()

    def action_next_difference(self, step: int) -> None:
        self._seek(step, differs, "sentence that differs")

    def action_next_unmatched(self) -> None:
        self._seek(1, unmatched, "sentence without a counterpart")

    def action_switch_sides(self) -> None:
        alignment = self.alignment
        if alignment is None:
            self.notify("Still aligning; try again in a moment.", timeout=2)
            return
        rels = self._relations_of(alignment)
        target = self.current
        if rels[target] is None:
            # No counterpart: switch at the nearest sentence before (or after) that has one.
            before = next_index(rels, target, -1, lambda r: r is not None)
            after = next_index(rels, target, 1, lambda r: r is not None)
            target = before if before is not None else after
            if target is not None:
                self.notify("This sentence has no counterpart; switched at the nearest one that does.", timeout=3)
        new_current = counterpart(alignment, target).indexes[0] if target is not None else 0
        self.reading, self.comparing = self.comparing, self.reading
        self.current = new_current
        self._show()
        self._align_reading()

    def action_cycle_comparison(self, step: int) -> None:
        others = self.story.pairs_for(self.reading)
        if not others:
            return
        k = others.index(self.comparing) if self.comparing in others else -1
        self.comparing = others[(k + step) % len(others)]
        self._show()
        if self.alignment is None:
            self._align_reading()

    def action_toggle_all_versions(self) -> None:
        self.show_all = not self.show_all
        self.query_one("#right-pane", DiffPane).show_comparison(not self.show_all)
        self._show()  # mounts the all-versions view the first time it is shown
        self.query_one("#all-versions").display = self.show_all

    def action_toggle_list(self) -> None:
        self.toggle_class("show-list")

    # -- messages from widgets -----------------------------------------------------------------

    @on(ArticleView.SentenceClicked, "#reading-view")
    def _clicked_reading(self, event: ArticleView.SentenceClicked) -> None:
        self.current = event.index
        self._show()

    @on(ArticleView.SentenceClicked, "#compare-view")
    def _clicked_compare(self, event: ArticleView.SentenceClicked) -> None:
        # A click on the comparison text reads the sentence it links to, if any.
        alignment = self.alignment
        if alignment is None:
            return
        links = alignment.links_for_b(event.index)
        if links:
            self.current = links[0].a[0]
            self._show()
        else:
            self.notify("That sentence has no counterpart in the version you are reading.", timeout=2)

    @on(ArticleList.Chosen, "#article-list")
    def _chose_version(self, event: ArticleList.Chosen) -> None:
        self.read_version(event.index)

    def read_version(self, index: int) -> None:
        """Read version `index`, keeping the place when the two versions are aligned."""
        if index == self.reading:
            return
        alignment = self.story.cached(self.reading, index)
        new_current = 0
        if alignment is not None:
            cp = counterpart(alignment, self.current)
            if cp.link:
                new_current = cp.indexes[0]
        if index == self.comparing:
            self.comparing = self.reading
        self.reading = index
        self.current = new_current
        self._show()
        self._align_reading()
