"""Every string from outside is cleaned once, where it enters, by `clean_outside`.

Article text has its own tests (test_text_safety); these cover the other doors: file names,
HTML metadata, load errors quoting them, and the invisible characters that would make two
identical-looking words differ. What reaches the screen is checked in test_untrusted_screen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payloads import PAYLOADS, forbidden_in
from tui.core.loading import LoadError, load_article, load_paths, path_text
from tui.core.text_safety import clean_outside
from tui.core.word_diff import diff_words

SENTENCE = "The acting commissioner of the Internal Revenue Service resigned on Tuesday. "
IDS = [row[0] for row in PAYLOADS]


@pytest.mark.parametrize(("name", "payload", "visible"), PAYLOADS, ids=IDS)
def test_clean_outside_keeps_the_words_and_drops_the_commands(name: str, payload: str, visible: str) -> None:
    cleaned = clean_outside(payload)
    assert forbidden_in(cleaned) == []
    assert visible in cleaned
    assert "\n" not in cleaned
    assert clean_outside(cleaned) == cleaned


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("caf\udce9.txt", "caf\ufffd.txt"),  # an undecodable byte of a file name: visible
        (b"caf\xe9.txt", "caf\ufffd.txt"),
        ("two\nlines\tand tab", "two lines and tab"),
        ("[bold red]boom.txt", "[bold red]boom.txt"),  # markup is text: kept as typed
        ("zero\u200bwidth\u2060joined\ufeff", "zerowidthjoined"),
        ("emoji 👩\u200d💻 keeps its joiner", "emoji 👩\u200d💻 keeps its joiner"),
        (404, "404"),
    ],
)
def test_clean_outside_table(raw: object, expected: str) -> None:
    assert clean_outside(raw) == expected


def test_clean_outside_can_keep_lines_for_notes() -> None:
    assert clean_outside("first\nsecond\x1b[2J", one_line=False) == "first\nsecond"


@given(st.text())
def test_clean_outside_output_is_always_printable_and_idempotent(text: str) -> None:
    cleaned = clean_outside(text)
    assert forbidden_in(cleaned) == []
    assert clean_outside(cleaned) == cleaned
    cleaned.encode("utf-8")  # never raises: no lone surrogate survives


# --- file names ---------------------------------------------------------------------------------

# Payloads a file name can carry: a name cannot hold NUL or "/", and a lone surrogate is what
# Python makes of an undecodable byte, tested below with real bytes.
NAME_PAYLOADS = [row for row in PAYLOADS if row[0] not in ("nul", "lone-surrogate") and "/" not in row[1]]


@pytest.mark.parametrize(("name", "payload", "visible"), NAME_PAYLOADS, ids=[r[0] for r in NAME_PAYLOADS])
def test_a_hostile_file_name_enters_clean(tmp_path: Path, name: str, payload: str, visible: str) -> None:
    path = tmp_path / f"{payload}.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    articles, errors = load_paths([str(tmp_path)])
    assert not errors
    article = articles[0]
    for shown in (article.label, article.source, article.title):
        assert forbidden_in(shown) == [], shown
    # Shown whole, each control character as a visible escape (`\x1b`): nothing hidden, nothing obeyed.
    assert article.label == article.source == path_text(f"{payload}.txt")
    # The path keeps the name as it is (it identifies the file), but as valid text.
    article.path.encode("utf-8")


@pytest.mark.parametrize(("name", "payload", "visible"), NAME_PAYLOADS, ids=[r[0] for r in NAME_PAYLOADS])
def test_a_load_error_quoting_a_hostile_name_is_one_clean_line(tmp_path: Path, name: str, payload: str, visible: str) -> None:
    path = tmp_path / f"{payload}.txt"
    path.write_bytes(b"")
    with pytest.raises(LoadError) as caught:
        load_article(str(path))
    message = str(caught.value)
    assert forbidden_in(message) == [] and "\n" not in message
    assert path_text(f"{payload}.txt") in message


def test_a_name_that_is_not_utf8_is_shown_with_a_visible_escape_and_kept_whole(tmp_path: Path) -> None:
    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as handle:
        handle.write(SENTENCE.encode())
    articles, errors = load_paths([str(tmp_path)])
    assert not errors
    article = articles[0]
    assert article.label == "caf\\xe9.txt"
    assert article.path.encode("utf-8").endswith(b"caf\\xe9.txt")
    # Lossless: the escape names the byte it stands for.
    assert article.path.encode("utf-8").decode("unicode_escape").encode("latin-1").endswith(b"caf\xe9.txt")
    assert path_text(os.fsdecode(raw_name)) == article.path


def test_a_name_that_is_not_utf8_registers_in_the_store(tmp_path: Path, data_dir: Path) -> None:
    from tui.store import NoteStore

    raw_name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as handle:
        handle.write(SENTENCE.encode())
    article = load_article(os.fsdecode(raw_name))
    with NoteStore.open(data_dir) as store:
        record = store.version_for(article)
        store.toggle_bookmark(article, 0, 10)
        assert record.id is not None
        assert store.bookmarks()[0].path.endswith("caf\\xe9.txt")


def test_align_json_is_valid_utf8_for_a_name_that_is_not(tmp_path: Path) -> None:
    for name in (b"caf\xe9.txt", b"other.txt"):
        with open(os.fsencode(tmp_path) + b"/" + name, "wb") as handle:
            handle.write(SENTENCE.encode())
    script = Path(sys.executable).with_name("storydiff")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(
        [str(script), "align", "--json", os.fsencode(tmp_path) + b"/caf\xe9.txt", os.fsencode(tmp_path) + b"/other.txt"],
        capture_output=True, env=env, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout.decode("utf-8"))
    assert document["a"]["path"].endswith("caf\\xe9.txt")


# --- HTML metadata ------------------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{payload}Headline</title>
<meta property="og:site_name" content="{payload}Site">
<meta property="article:published_time" content="2025-04-08">
</head><body><article><h1>{payload}Headline</h1>
<p>{body}</p><p>{body}</p></article></body></html>"""


@pytest.mark.parametrize(("name", "payload", "visible"), NAME_PAYLOADS, ids=[r[0] for r in NAME_PAYLOADS])
def test_html_title_and_site_enter_clean(tmp_path: Path, name: str, payload: str, visible: str) -> None:
    import html

    page = HTML.format(payload=html.escape(payload, quote=True), body=SENTENCE * 3)
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(str(path))
    for field in (article.title, article.source, article.date or ""):
        assert forbidden_in(field) == [], field
    assert visible in article.title and visible.lower() in article.source.lower()  # site names are title-cased


def test_an_html_page_with_a_control_character_reference_loads(tmp_path: Path) -> None:
    path = tmp_path / "entity.html"
    path.write_text(HTML.format(payload="", body="Alarm &#27;[31mraised&#x9b; here. " + SENTENCE * 3), encoding="utf-8")
    article = load_article(str(path))
    assert "Alarm [31mraised here." in article.text
    assert forbidden_in(article.text) == []


# --- invisible characters ------------------------------------------------------------------------


@pytest.mark.parametrize("hidden", ["\u200b", "\u2060", "\ufeff", "\xad"])
def test_invisible_characters_do_not_make_identical_words_differ(tmp_path: Path, hidden: str) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(f"The com{hidden}missioner resigned. {SENTENCE}", encoding="utf-8")
    b.write_text(f"The commissioner resigned. {SENTENCE}", encoding="utf-8")
    (article_a, article_b), errors = load_paths([str(a), str(b)])
    ops = diff_words(article_a.text, article_b.text)
    assert all(op.op == "equal" for op in ops), ops


def test_zero_width_joiner_in_words_that_need_it_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "fa.txt"
    path.write_text("می\u200cخواهم " + SENTENCE, encoding="utf-8")
    assert "\u200c" in load_article(str(path)).text


# --- config ---------------------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string with \u escapes is a valid TOML basic string


@pytest.mark.parametrize(("name", "payload", "visible"), PAYLOADS, ids=IDS)
def test_config_values_and_their_warnings_enter_clean(tmp_path: Path, name: str, payload: str, visible: str) -> None:
    from tui.config import check_keymap, load_config

    path = tmp_path / "config.toml"
    if "\ud800" in payload:
        path.write_bytes(b'theme = "sur\xed\xa0\x80rogate"\n[keymap]\n"k" = "j"\n')  # not UTF-8: one warning
    else:
        path.write_text(f"theme = {_toml_string(payload)}\n[keymap]\n{_toml_string(payload)} = {_toml_string(payload)}\n", encoding="utf-8")
    config = load_config(path)
    for value in [config.theme or "", *config.keymap, *config.keymap.values(), *config.warnings]:
        assert forbidden_in(value) == [], value
    _, warnings = check_keymap(config.keymap, [("next_sentence", "j", "Next sentence")])
    for warning in warnings:
        assert forbidden_in(warning) == [] and "\n" not in warning


@pytest.mark.parametrize("shape", ["array", "table"])
def test_a_config_nested_very_deeply_gives_one_warning(tmp_path: Path, shape: str) -> None:
    from tui.config import load_config

    depth = 100_000
    value = "[" * depth + "]" * depth if shape == "array" else "{a = " * depth + "1" + "}" * depth
    path = tmp_path / "config.toml"
    path.write_text(f"theme = {value}\n", encoding="utf-8")
    config = load_config(path)
    assert config.theme is None
    assert len(config.warnings) == 1 and "nested too deeply" in config.warnings[0]


def test_align_json_prints_no_control_character_of_a_file_name(tmp_path: Path) -> None:
    hostile = tmp_path / "pay\u202eevil \x9b31m \x1b]2;PWNED\x07.txt"
    hostile.write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "other.txt").write_text(SENTENCE, encoding="utf-8")
    script = Path(sys.executable).with_name("storydiff")
    done = subprocess.run([str(script), "align", "--json", str(hostile), str(tmp_path / "other.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert forbidden_in(done.stdout.replace("\n", "")) == []
    assert json.loads(done.stdout)["a"]["path"].endswith("pay\\u202eevil \\x9b31m \\x1b]2;PWNED\\x07.txt")


@pytest.mark.parametrize("kind", ["fifo", "folder", "huge"])
def test_a_config_that_is_not_a_small_regular_file_gives_one_warning_without_reading_it(tmp_path: Path, kind: str) -> None:
    from tui.config import MAX_CONFIG_BYTES, load_config

    path = tmp_path / "config.toml"
    if kind == "fifo":
        os.mkfifo(path)  # nobody writes to it: reading would block the reader's start-up
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text("# padding\n" * (MAX_CONFIG_BYTES // 10 + 1), encoding="utf-8")
    config = load_config(path)
    assert config.theme is None and len(config.warnings) == 1
