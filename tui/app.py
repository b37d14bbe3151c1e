"""The storydiff application: wires the story, the screens, the config and the command palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from . import acyclic_strips, collector
from .config import Config, check_keymap, load_config, save_theme
from .core.model import Article
from .core.story import Story
from .core.text_safety import clean_outside
from .commands import BindingCommands
from .screens.help import HelpScreen, binding_ids, binding_rows
from .screens.reader import ReaderScreen
from .version_loading import PendingVersions


class StorydiffApp(App[int]):
    """A keyboard-driven reader for the versions of one story."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BindingCommands}
    TITLE = "storydiff"
    # Below 110 columns the panes stack and the article list becomes a toggle (key `l`).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # Below 30 rows the dialogs shrink their quotes and fields, so their buttons stay on screen.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

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
        pending: PendingVersions | None = None,
    ) -> None:
        super().__init__()
        acyclic_strips.install()  # before anything is drawn: the collector's settles would keep cyclic lines
        self.pending = pending
        """Versions still to read: read after the first frame, and added to the story as they come."""
        self.story = Story(articles, on_stored=collector.alignment_stored)
        self.load_errors = load_errors or []
        self.config = config if config is not None else load_config()
        self.store = store

    def _open_store(self):
        """The notes store; when the one on disk cannot be opened at all, an empty read-only one
        in memory, so the reader always has a store (its warning says why notes are missing)."""
        from .store import NoteStore

        if self.store is None:
            try:
                self.store = NoteStore.open()
            except Exception as exc:  # noqa: BLE001 - reported in plain words by the store's warning
                self.store = NoteStore.unavailable(f"Notes are unavailable this session: {exc}")
        return self.store

    def get_default_screen(self) -> Screen:
        """The reading screen is the app's first screen: no blank default screen is built first."""
        return ReaderScreen(self.story, self._open_store(), self.load_errors, self.pending)

    def on_mount(self) -> None:
        if self.pending:
            # After the first paint (it need not hold up the screen); settled again once the
            # pending versions are read (`VersionArrivals`).
            self.call_after_refresh(collector.start)
        else:
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
        for warning in self.config.warnings:
            self.notify(warning, title="Config", severity="warning", timeout=8, markup=False)

    async def on_event(self, event: events.Event) -> None:
        # A key holds the background alignments back from the moment the app takes it, not from
        # when it reaches the reading screen, three message hops later if the focused widget
        # lets it through at all (each hop is a wait for the interpreter lock while they run),
        # until every hop it can take is behind it (`after_each_hop`) and the screen is painted.
        if not (isinstance(event, events.Key) and not event.is_forwarded and isinstance(self.screen, ReaderScreen)):
            await super().on_event(event)
            return
        screen = self.screen
        screen.input_arrived()
        hops = (self.focused or screen).ancestors_with_self  # where it goes, where it bubbles
        await super().on_event(event)
        after_each_hop(hops, screen.input_handled)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is drawn as text, whoever posts it (widgets' and screens' `notify`
        come here). Messages quote file names, config values and store errors; as markup they
        would crash the reader (`[link="x]`), hide text (`[bold red]`) or run an action when
        clicked (`[@click=app.quit]`). `markup` is accepted for Textual's signature and ignored."""
        super().notify(
            clean_outside(message, one_line=False),
            title=clean_outside(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

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
                self.notify(problem, severity="warning", markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        legend = self.screen.legend() if isinstance(self.screen, ReaderScreen) else None
        self.push_screen(HelpScreen(binding_rows(self.screen), binding_ids(self.screen), legend))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's "Keys" opens its own key panel and its "Quit" repeats the q binding: the
        # bindings' commands (BindingCommands) hold this app's help and quit.
        for command in super().get_system_commands(screen):
            if command.title not in {"Keys", "Quit"}:
                yield command


def after_each_hop(hops: list, callback: Callable[[], object]) -> None:
    """Call `callback` once each of `hops` (a key's way: the widget it is given to, up to the app)
    has handled what it holds now, in turn: each hop's turn is queued behind whatever the one
    before passed on to it, so it comes after the key whether the key bubbled that far or was
    kept on the way. (Waiting for the screen to be painted alone is not enough: the screen can
    be idle, nothing yet changed, before the key reaches the widget or binding that acts on
    it: the background alignments then ran beside the key's work and its paint, issue 13.)
    A hop that closed meanwhile is passed over."""
    for k, hop in enumerate(hops):
        if hop.call_later(after_each_hop, hops[k + 1 :], callback):
            return
    callback()
