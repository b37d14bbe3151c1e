"""Where the notes database lives, so every entry point (UI, CLI, tests) agrees on one place."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "STORYDIFF_DATA_DIR"
"""Points storydiff at another data directory: tests, portable installs, a second profile."""

READ_ONLY_ENV = "STORYDIFF_READ_ONLY"
"""Set to 1 to open the notes read-only, e.g. to browse a colleague's notes without touching them."""

DB_NAME = "notes.db"


def data_dir() -> Path:
    """The app's data directory: STORYDIFF_DATA_DIR if set, else the platform's user data dir.

    platformdirs is imported only here and only when needed, to keep `import tui.store` cheap.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("storydiff"))


def read_only_requested() -> bool:
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}
