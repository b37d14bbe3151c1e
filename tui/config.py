"""The reader's small TOML config: the chosen theme and key remappings by binding id.

A user edits this file by hand, so nothing in it may stop the app: a broken file or an unknown
entry is reported as a warning and skipped, and the rest is used. The file is outside input like
any other: its values, and every warning quoting them, pass through `clean_outside`.

    theme = "nord"

    [keymap]
    next_sentence = "j,down"
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .core.text_safety import clean_outside

CONFIG_ENV = "STORYDIFF_CONFIG_DIR"
MAX_CONFIG_BYTES = 1024 * 1024
"""A theme and a keymap fit in a few hundred bytes; a bigger file is a mistake or an attack."""


def config_path() -> Path:
    """`STORYDIFF_CONFIG_DIR` overrides platformdirs' user config directory (tests use it)."""
    base = os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir("storydiff", appauthor=False)
    return Path(base) / "config.toml"


@dataclass
class Config:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def check_keymap(
    keymap: dict[str, str], bindings: list[tuple[str, str, str]]
) -> tuple[dict[str, str], list[str]]:
    """The remaps that name a real binding, and a warning for each that cannot work as meant.

    `bindings` holds (id, keys, description) of every binding a remap may name. Textual ignores
    an unknown id without a word, and a key taken from another binding silently wins over it or
    loses to it, so a typo or a clash would leave the user pressing a key that does nothing.
    """
    keymap = {clean_outside(binding_id): clean_outside(keys) for binding_id, keys in keymap.items()}
    known = {binding_id: (keys, description) for binding_id, keys, description in bindings}
    valid = {}
    warnings = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            warnings.append(f"keymap: there is no binding '{binding_id}' (the ids are in the help screen); ignored.")
        else:
            valid[binding_id] = keys
    # The keys in force once the remaps apply, to find two bindings sharing one key.
    in_force = {binding_id: valid.get(binding_id, keys) for binding_id, (keys, _) in known.items()}
    for binding_id, keys in valid.items():
        for key in (k.strip() for k in keys.split(",")):
            others = [
                other for other, other_keys in in_force.items()
                if other != binding_id and key in (k.strip() for k in other_keys.split(","))
            ]
            for other in others:
                warnings.append(
                    f"keymap: '{key}' for '{binding_id}' is also the key of '{other}' "
                    f"({known[other][1]}); one of them will not work."
                )
    return valid, [clean_outside(warning) for warning in warnings]


def load_config(path: Path | None = None) -> Config:
    """The config at `path` (default `config_path()`); never raises, see `Config.warnings`."""
    config = _read_config(path or config_path())
    config.warnings = [clean_outside(warning) for warning in config.warnings]
    return config


def _read_config(path: Path) -> Config:
    config = Config()
    try:
        if path.exists() and not path.is_file():
            # A FIFO would block the start-up for ever, a device never end.
            config.warnings.append(f"Could not read {path}: it is not a regular file; using defaults.")
            return config
        if path.exists() and path.stat().st_size > MAX_CONFIG_BYTES:
            config.warnings.append(f"Could not read {path}: it is too large to be a storydiff config; using defaults.")
            return config
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.warnings.append(f"Could not read {path}: {exc.__class__.__name__}; using defaults.")
        return config
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        config.warnings.append(f"{path} is not valid TOML ({exc}); using defaults.")
        return config
    except RecursionError:
        # tomllib parses nested arrays and tables recursively; no real config nests this deep.
        config.warnings.append(f"{path} is nested too deeply to be a storydiff config; using defaults.")
        return config
    theme = data.get("theme")
    if isinstance(theme, str):
        config.theme = clean_outside(theme)
    elif theme is not None:
        config.warnings.append(f"{path}: 'theme' should be a name in quotes; ignored.")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        for key, value in keymap.items():
            if isinstance(value, str) and value.strip():
                config.keymap[clean_outside(key)] = clean_outside(value)
            else:
                config.warnings.append(f"{path}: keymap entry '{key}' should be keys in quotes; ignored.")
    else:
        config.warnings.append(f"{path}: [keymap] should be a table; ignored.")
    return config


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Record the chosen theme, keeping the rest of the file; returns a warning on failure.

    The file is rewritten through a temporary file and a rename, so a crash never leaves half a
    config behind. Lines other than `theme = ...` are kept as the user wrote them.
    """
    path = path or config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    except (OSError, UnicodeDecodeError):
        return f"Could not read {path}; the theme was not saved."
    line = f"theme = {_quote(theme)}"
    # `theme` must sit before any [table] header to stay a top-level key.
    for k, existing in enumerate(lines):
        if existing.strip().startswith("["):
            lines.insert(k, line)
            break
        if existing.split("=", 1)[0].strip() == "theme":
            lines[k] = line
            break
    else:
        lines.append(line)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        return f"Could not save the theme to {path}: {exc.strerror or exc}."
    return None
