"""Shared fixtures: every test gets its own data and config folders, the seed versions, an app.

The reader keeps a config file (and the notes layer a data folder); a test that wrote to the
user's real folders would leak state into the next test and into the developer's own setup, so
both are redirected to fresh temporary folders for every test, whether it asks for them or not.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from tui.app import StorydiffApp
from tui.config import Config
from tui.core.loading import default_seeds_dir, load_paths
from tui.core.model import Article

SEED_PATHS: list[Path] = sorted(default_seeds_dir().glob("*.txt"))


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """Point STORYDIFF_DATA_DIR and STORYDIFF_CONFIG_DIR at empty folders of this test's own."""
    data_dir = tmp_path_factory.mktemp("data")
    config_dir = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("STORYDIFF_DATA_DIR", str(data_dir))
    monkeypatch.setenv("STORYDIFF_CONFIG_DIR", str(config_dir))
    yield data_dir, config_dir


@pytest.fixture
def data_dir(isolated_dirs: tuple[Path, Path]) -> Path:
    return isolated_dirs[0]


@pytest.fixture
def config_dir(isolated_dirs: tuple[Path, Path]) -> Path:
    return isolated_dirs[1]


@pytest.fixture
def seed_paths() -> list[Path]:
    assert len(SEED_PATHS) == 5, f"expected the five seed versions in {default_seeds_dir()}"
    return list(SEED_PATHS)


@pytest.fixture
def seed_articles(seed_paths: list[Path]) -> list[Article]:
    """The five seed versions, loaded the way the command line loads them."""
    articles, errors = load_paths([str(p) for p in seed_paths])
    assert not errors, errors
    return articles


AppFactory = Callable[..., StorydiffApp]


@pytest.fixture
def make_app(seed_articles: list[Article]) -> AppFactory:
    """Build a StorydiffApp; the seeds unless other articles are given. Config comes from disk
    (the per-test config folder) unless one is passed."""

    def factory(
        articles: list[Article] | None = None,
        load_errors: list[str] | None = None,
        config: Config | None = None,
    ) -> StorydiffApp:
        return StorydiffApp(seed_articles if articles is None else articles, load_errors=load_errors, config=config)

    return factory


async def wait_for_search(pilot: Pilot) -> None:
    """Until an open search screen shows the results of the query typed: its search runs once
    typing pauses, in a worker (`tui.screens.search.DEBOUNCE`)."""
    for _ in range(400):
        if not getattr(pilot.app.screen, "pending", False):
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
    raise AssertionError("the search never showed the results of the query typed")


async def _settle(pilot: Pilot) -> None:
    await wait_for_search(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    # A worker's last message may start a redraw that only lands on the next refresh.
    await pilot.pause()


@pytest.fixture
def settle() -> Callable[[Pilot], Awaitable[None]]:
    """`await settle(pilot)`: wait until every alignment worker (and an open search) is done and
    the screen caught up."""
    return _settle


def _screen_text(app: App) -> str:
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


@pytest.fixture
def screen_text() -> Callable[[App], str]:
    """`screen_text(app)`: the characters on screen, row by row, as a user would see them."""
    return _screen_text


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="run the tests marked slow (CI runs them)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow run in CI (CI=true, as CI services set it) or with --run-slow, so the
    README's one test command is CI's too, and stays quick on a laptop."""
    import os

    if config.getoption("--run-slow") or os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        return
    skip = pytest.mark.skip(reason="slow: runs in CI (CI=true) or with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
