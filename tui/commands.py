"""The command palette's commands, built from the key bindings in force.

Every described binding of the screen the palette was opened over becomes a command, named by
its description, with its keys as the user has them (a remap in config.toml shows here at once).
A list written by hand would drift from the bindings; this one cannot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


@dataclass(frozen=True)
class BoundCommand:
    """One action reachable from the keyboard: what it does, its keys, and where it runs."""

    description: str
    keys: str
    action: str
    node: DOMNode


def bound_commands(screen) -> list[BoundCommand]:
    """The enabled, described, non-system bindings active on `screen`, keys merged per action."""
    app = screen.app
    found: dict[tuple[str, int], tuple[list[str], object, DOMNode]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system or not active.enabled:
            continue
        if binding.action == "command_palette":
            continue
        keys, _, _ = found.setdefault((binding.action, id(active.node)), ([], binding, active.node))
        label = app.get_key_display(binding)
        if label not in keys:
            keys.append(label)
    return [BoundCommand(binding.description, " / ".join(keys), binding.action, node) for keys, binding, node in found.values()]


class BindingCommands(Provider):
    """Commands for every key binding of the screen in force (see the module docstring)."""

    def _commands(self) -> Iterator[BoundCommand]:
        yield from bound_commands(self.screen)

    def _run(self, command: BoundCommand) -> None:
        self.app.call_later(self.app.run_action, command.action, command.node)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.description, partial(self._run, command), help=f"key: {command.keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.description)
            if score > 0:
                yield Hit(score, matcher.highlight(command.description), partial(self._run, command), help=f"key: {command.keys}")
