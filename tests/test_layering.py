"""The pure core and the notes store must work without the user interface.

Importing every module under `tui.core` and `tui.store` with Textual made unimportable proves
they never reach for it, directly or through another module.
"""

import pkgutil
import subprocess
import sys

import tui.core
import tui.store

CORE_AND_STORE = sorted(
    m.name
    for package in (tui.core, tui.store)
    for m in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + ".")
)


def test_core_and_store_modules_are_found():
    assert {"tui.core.align", "tui.core.align.order", "tui.core.sentences", "tui.core.loading", "tui.store.notes"} <= set(CORE_AND_STORE)


def test_core_and_store_import_without_textual():
    program = (
        "import sys\n"
        "sys.modules['textual'] = None\n"
        "import importlib\n"
        f"for name in {CORE_AND_STORE!r}:\n"
        "    importlib.import_module(name)\n"
        "from tui.core.loading import load_paths, default_seeds_dir\n"
        "from tui.core.align import align_articles\n"
        "arts, errs = load_paths([default_seeds_dir()])\n"
        "assert len(arts) == 5 and not errs\n"
        "assert align_articles(arts[0], arts[1]).links\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_sentence_splitter_does_not_import_the_model():
    """`model` imports `sentences`; the other way round would be an import circle."""
    program = "import sys, tui.core.sentences\nprint('tui.core.model' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
