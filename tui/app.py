"""The storydiff application: wires the story, the screens, the config and the command palette."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from . import collector
from .config import Config, check_keymap, load_config, save_theme
from .core.model import Article
from .core.story import Story
from .screens.help import HelpScreen, binding_ids, binding_rows
from .screens.main import MainScreen
from .screens.reader import ReaderScreen


class StorydiffApp(App[int]):
    """A keyboard-driven reader for the versions of one story."""

    CSS_PATH = "app.tcss"
    TITLE = "storydiff"
    # Below 110 columns the panes stack and the article list becomes a toggle (key `l`).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        articles: list[Article],
        load_errors: list[str] | None = None,
        config: Config | None = None,
        store=None,
    ) -> None:
        super().__init__()
        self.story = Story(articles, on_stored=collector.settle)
        self.load_errors = load_errors or []
        self.config = config if config is not None else load_config()
        self.store = store
        self.store_error: str | None = None

    def _open_store(self):
        """The notes store; when it cannot be opened at all, the reader still opens, without notes."""
        if self.store is not None:
            return self.store
        try:
            from .store import NoteStore

            self.store = NoteStore.open()
        except Exception as exc:  # noqa: BLE001 - reported in plain words below
            self.store_error = f"Notes are unavailable this session: {exc}"
        return self.store

    def get_default_screen(self) -> Screen:
        """The reading screen is the app's first screen: no blank default screen is built first."""
        store = self._open_store()
        if store is not None:
            return ReaderScreen(self.story, store, self.load_errors)
        return MainScreen(self.story, self.load_errors)

    def on_mount(self) -> None:
        collector.start()
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.config.warnings.append(f"Unknown theme '{self.config.theme}' in the config; using the default.")
        if self.config.keymap:
            keymap, warnings = check_keymap(self.config.keymap, self._remappable_bindings())
            self.config.warnings.extend(warnings)
            self.set_keymap(keymap)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.store is None:
            self.notify(self.store_error or "Notes are unavailable.", title="Notes", severity="error", timeout=12)
        for warning in self.config.warnings:
            self.notify(warning, title="Config", severity="warning", timeout=8)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A batch of alignments is done: what it made lives on in the cache, out of the
        collector's full passes from now on (see `collector`)."""
        if event.state is WorkerState.SUCCESS:
            collector.settle()

    def on_unmount(self) -> None:
        collector.release()
        if self.store is not None:
            try:
                self.store.close()
            except Exception:  # noqa: BLE001 - closing must never mask the real exit
                pass

    def _remappable_bindings(self) -> list[tuple[str, str, str]]:
        """(id, keys, description) of the app's and the reading screens' own bindings."""
        rows = []
        for owner in (type(self), ReaderScreen):
            for cls in owner.__mro__:
                for binding in cls.__dict__.get("BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.id:
                        rows.append((binding.id, binding.key, binding.description))
        return rows

    def _theme_changed(self, theme) -> None:
        if theme.name != self.config.theme:
            self.config.theme = theme.name
            problem = save_theme(theme.name)
            if problem:
                self.notify(problem, severity="warning")

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(binding_rows(self.screen), binding_ids(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            yield SystemCommand("Switch sides", "Read the comparison version at the counterpart (s)", screen.action_switch_sides)
            yield SystemCommand("Compare with next version", "Change the comparison version (])", lambda: screen.action_cycle_comparison(1))
            yield SystemCommand("Compare with previous version", "Change the comparison version ([)", lambda: screen.action_cycle_comparison(-1))
            yield SystemCommand("All versions", "Show the current sentence in every version (v)", screen.action_toggle_all_versions)
            yield SystemCommand("Next difference", "Next sentence that differs from the comparison (n)", lambda: screen.action_next_difference(1))
            yield SystemCommand("Next sentence without counterpart", "(o)", screen.action_next_unmatched)
            yield SystemCommand("Toggle article list", "Show or hide the list of versions (l)", screen.action_toggle_list)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand("Bookmarks", "Every bookmark across versions (')", screen.action_bookmarks)
            yield SystemCommand("Annotations", "Every annotation, filterable by text and #tag (A)", screen.action_annotations)
            yield SystemCommand("Notes needing review", "Notes whose passage was not found after an edit (R)", screen.action_needs_review)
        yield SystemCommand("Keys", "Every key binding (? or F1)", self.action_help)
