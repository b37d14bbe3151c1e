"""The config file: the chosen theme persists, keys remap by binding id, bad entries only warn."""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from tui.app import StorydiffApp
from tui.config import check_keymap, config_path, load_config
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (120, 40)


def write_config(config_dir: Path, text: str) -> Path:
    path = config_dir / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def warnings_of(app: StorydiffApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "warning"]


def test_config_lives_in_the_per_test_config_dir(config_dir: Path) -> None:
    assert config_path() == config_dir / "config.toml"
    config = load_config()
    assert (config.theme, config.keymap, config.warnings) == (None, {}, [])


async def test_a_chosen_theme_persists_and_the_next_app_starts_with_it(make_app, config_dir: Path, settle: Settle) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
    path = config_dir / "config.toml"
    assert tomllib.loads(path.read_text(encoding="utf-8"))["theme"] == "nord"

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        assert warnings_of(again) == []
        again.theme = "gruvbox"
        await pilot.pause()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["theme"] == "gruvbox"


async def test_saving_the_theme_keeps_the_rest_of_the_file(make_app, config_dir: Path, settle: Settle) -> None:
    path = write_config(config_dir, '# my settings\n[keymap]\nswitch_sides = "w"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "dracula"
        await pilot.pause()
    text = path.read_text(encoding="utf-8")
    assert "# my settings" in text
    data = tomllib.loads(text)
    assert data == {"theme": "dracula", "keymap": {"switch_sides": "w"}}


async def test_changing_the_theme_rewrites_only_the_theme_line(make_app, config_dir: Path, settle: Settle) -> None:
    path = write_config(config_dir, '# my settings\ntheme = "nord"\n\n[keymap]\nswitch_sides = "w"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "dracula"
        await pilot.pause()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my settings\n")
    assert tomllib.loads(text) == {"theme": "dracula", "keymap": {"switch_sides": "w"}}
    assert not [p for p in config_dir.iterdir() if p.name != "config.toml"], "no temporary file left behind"


async def test_keymap_remaps_a_binding_by_id(make_app, config_dir: Path, settle: Settle, screen_text) -> None:
    write_config(config_dir, '[keymap]\nnext_sentence = "h"\nswitch_sides = "u"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert warnings_of(app) == []
        await pilot.press("h")
        await pilot.pause()
        assert screen.current == 1
        await pilot.press("h", "h")
        await pilot.pause()
        assert screen.current == 3
        # The remap replaces the default key.
        await pilot.press("j")
        await pilot.pause()
        assert screen.current == 3
        # Other bindings are untouched; a second remap works too.
        await pilot.press("k")
        await pilot.pause()
        assert screen.current == 2
        await pilot.press("u")
        await settle(pilot)
        assert (screen.reading, screen.comparing) == (1, 0)
        # The help screen shows the keys in force.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {description: keys for keys, description in app.screen.rows}
        assert rows["Next sentence"] == "h"
        assert rows["Switch sides"] == "u"
        # So does the footer.
        await pilot.press("escape")
        await pilot.pause()
        footer = screen_text(app).splitlines()[SIZE[1] - 1]
        assert "u Switch sides" in footer and "s Switch sides" not in footer


@pytest.mark.parametrize(
    ("config_text", "expected_warning"),
    [
        ('theme = "nord"\n[keymap\nnext_sentence = "x"\n', "not valid TOML"),
        ("\x00\x01 this is = = not toml", "not valid TOML"),
        ('theme = "no-such-theme"\n', "Unknown theme 'no-such-theme'"),
        ("theme = 7\n", "'theme' should be a name in quotes"),
        ("[keymap]\nnext_sentence = 3\n", "keymap entry 'next_sentence'"),
        ('[keymap]\nnext_sentence = ""\n', "keymap entry 'next_sentence'"),
        ('keymap = "j"\n', "[keymap] should be a table"),
    ],
    ids=["broken-toml", "garbage", "unknown-theme", "theme-not-a-string", "keymap-number", "keymap-empty", "keymap-not-a-table"],
)
async def test_a_bad_config_warns_and_the_app_still_starts(
    make_app, config_dir: Path, settle: Settle, config_text: str, expected_warning: str
) -> None:
    write_config(config_dir, config_text)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        warnings = warnings_of(app)
        assert len(warnings) == 1 and expected_warning in warnings[0], warnings
        # Defaults are in force: the default theme and the default keys.
        assert app.theme == App().theme
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.current == 1
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.reading == 1


async def test_a_bad_keymap_entry_does_not_stop_the_good_ones(make_app, config_dir: Path, settle: Settle) -> None:
    write_config(config_dir, '[keymap]\nnext_sentence = 3\nprevious_sentence = "z"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(warnings_of(app)) == 1
        await pilot.press("j", "j")  # next_sentence keeps its default
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.current == 1


async def test_an_unreadable_config_warns(make_app, config_dir: Path, settle: Settle) -> None:
    (config_dir / "config.toml").mkdir()  # a folder where the file should be
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        warnings = warnings_of(app)
        assert len(warnings) == 1 and "Could not read" in warnings[0]


async def test_a_keymap_naming_no_binding_or_taking_a_used_key_warns(make_app, config_dir: Path, settle: Settle) -> None:
    write_config(config_dir, '[keymap]\nnext_sentnce = "e"\nswitch_sides = "x"\ncompare_next = "z"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        warnings = warnings_of(app)
        assert any("no binding 'next_sentnce'" in w for w in warnings), warnings
        assert any("'x' for 'switch_sides' is also the key of 'select_words'" in w for w in warnings), warnings
        assert len(warnings) == 2, warnings
        # The valid remaps still apply.
        screen = app.screen
        await pilot.press("z")
        await settle(pilot)
        assert screen.comparing == 2


def test_check_keymap_is_quiet_for_free_keys_and_a_swap() -> None:
    bindings = [("a", "j,down", "Next"), ("b", "k,up", "Previous"), ("c", "n", "Next difference")]
    # Two bindings swapping their keys clash with neither once both remaps apply.
    assert check_keymap({"a": "k", "b": "j"}, bindings) == ({"a": "k", "b": "j"}, [])
    valid, warnings = check_keymap({"a": "n"}, bindings)
    assert valid == {"a": "n"} and len(warnings) == 1 and "'n' for 'a' is also the key of 'c'" in warnings[0]
