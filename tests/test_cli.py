"""The `storydiff` command as a user runs it: the console script and `python -m tui`, in a real process."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.core.loading import load_article
from tui.core.model import LinkKind

TIMEOUT = 120
KINDS = {kind.value for kind in LinkKind}
OPS = {"equal", "replace", "insert", "delete"}
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _console_script() -> str:
    """The script pip installed beside this interpreter (a venv's bin/), so the test runs the
    installation under test even when that folder is not on PATH; PATH is the fallback."""
    beside = Path(sys.executable).parent / "storydiff"
    exe = str(beside) if beside.exists() else shutil.which("storydiff")
    assert exe, "the storydiff console script is not installed (pip install -e .)"
    return exe


def storydiff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = _console_script()
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=TIMEOUT, input=stdin)


def python_m_tui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=TIMEOUT)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_document(doc: dict, path_a: Path, path_b: Path) -> None:
    """`doc` has exactly the schema of /work/shared/eval/README.md, and agrees with the files."""
    assert set(doc) == {"a", "b", "links", "a_only", "b_only", "changes", "boilerplate"}
    sides = {}
    for side, path in (("a", path_a), ("b", path_b)):
        article = doc[side]
        assert set(article) == {"path", "title", "sentences"}
        assert article["path"] == str(path)
        assert isinstance(article["title"], str) and article["title"]
        text = load_article(path).text
        sentences = article["sentences"]
        assert sentences, f"no sentences in {path}"
        previous_end = 0
        for k, sentence in enumerate(sentences):
            assert set(sentence) == {"index", "start", "end", "text"}
            assert sentence["index"] == k
            assert previous_end <= sentence["start"] < sentence["end"] <= len(text)
            assert sentence["text"] == text[sentence["start"] : sentence["end"]]
            previous_end = sentence["end"]
        sides[side] = sentences
    linked = {"a": set(), "b": set()}
    for link in doc["links"]:
        assert set(link) == {"a", "b", "score", "kind", "ops"}
        assert link["a"] and link["b"]
        assert all(isinstance(i, int) and 0 <= i < len(sides["a"]) for i in link["a"])
        assert all(isinstance(j, int) and 0 <= j < len(sides["b"]) for j in link["b"])
        linked["a"].update(link["a"])
        linked["b"].update(link["b"])
        assert isinstance(link["score"], (int, float)) and 0.0 <= link["score"] <= 1.0
        assert link["kind"] in KINDS
        assert link["ops"], "a link carries its word diff"
        for op in link["ops"]:
            assert set(op) == {"op", "a", "b"}
            assert op["op"] in OPS
            assert isinstance(op["a"], str) and isinstance(op["b"], str)
            if op["op"] == "insert":
                assert op["a"] == "" and op["b"]
            elif op["op"] == "delete":
                assert op["b"] == "" and op["a"]
            elif op["op"] == "equal":
                # "The same words": case and quote style aside.
                assert op["a"].translate(QUOTES).casefold() == op["b"].translate(QUOTES).casefold()
        # The ops spell out the linked text of each side, in order (whitespace aside).
        a_text = "".join(sides["a"][i]["text"] for i in link["a"])
        b_text = "".join(sides["b"][j]["text"] for j in link["b"])
        assert _squash("".join(op["a"] for op in link["ops"])) == _squash(a_text)
        assert _squash("".join(op["b"] for op in link["ops"])) == _squash(b_text)
    assert doc["a_only"] == sorted(set(range(len(sides["a"]))) - linked["a"])
    assert doc["b_only"] == sorted(set(range(len(sides["b"]))) - linked["b"])
    check_changes(doc, load_article(path_a).text, load_article(path_b).text)


CHANGE_TYPES = {"name", "number", "date", "quote", "attribution", "certainty", "negation", "role"}


def check_changes(doc: dict, text_a: str, text_b: str) -> None:
    """The `changes` and `boilerplate` fields: the README's schema, spans that are the text."""
    assert set(doc["boilerplate"]) == {"a", "b"}
    for side in ("a", "b"):
        assert all(0 <= i < len(doc[side]["sentences"]) for i in doc["boilerplate"][side])
    for change in doc["changes"]:
        assert set(change) == {"type", "severity", "link", "a", "b", "note"}
        assert change["type"] in CHANGE_TYPES and change["severity"] in {"high", "medium", "low"}
        assert change["link"] is None or 0 <= change["link"] < len(doc["links"])
        assert change["a"] is not None or change["b"] is not None
        for side, text in (("a", text_a), ("b", text_b)):
            span = change[side]
            if span is not None:
                assert set(span) == {"start", "end", "text"}
                assert span["text"] == text[span["start"] : span["end"]]
        assert isinstance(change["note"], str) and change["note"]


def assert_one_line_error(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("storydiff: ")
    for text in expected:
        assert text in lines[0]


# -- align ---------------------------------------------------------------------------------------


def test_align_prints_a_side_by_side_listing(seed_paths: list[Path]) -> None:
    a, b = seed_paths[0], seed_paths[1]
    result = storydiff("align", "--color", "always", str(a), str(b))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "\x1b[" in result.stdout, "--color always colours a pipe too"
    out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "quote high" in out, "the link column names the changes by type and severity"
    assert a.name in out and b.name in out
    # Words of both versions are in the listing (it wraps lines, so compare word by word).
    words = set(out.split())
    for path in (a, b):
        article = load_article(path)
        for sentence in article.sentences[:6]:
            sentence_words = [w for w in sentence.text.split() if len(w) < 20]
            found = sum(w in words for w in sentence_words)
            assert found >= len(sentence_words) * 0.8, (path.name, sentence.text)
    # Side by side: rows with text in a left and a right column.
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines() if line.count("│") >= 3]
    both = [row for row in rows if row[0] and row[-1]]
    assert len(both) >= 10, rows[:5]


def test_align_piped_marks_words_as_git_does(seed_paths: list[Path]) -> None:
    a, b = seed_paths[0], seed_paths[1]
    for args in (("align", str(a), str(b)), ("align", "--color", "never", str(a), str(b))):
        result = storydiff(*args)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "\x1b[" not in out and "│" not in out
        # "streamlining" -> "enhancing" inside a quotation, marked in place and named.
        assert "while [-streamlining-]{+enhancing+} the ability" in out
        assert "   ! quote high: quoted words altered: streamlining -> enhancing" in out
        assert f"-- only in {a.name}" in out and f"-- boilerplate set aside in {a.name}: 2, 3, 26" in out


def test_align_color_must_be_a_known_value(seed_paths: list[Path]) -> None:
    assert_one_line_error(storydiff("align", "--color", "sometimes", str(seed_paths[0]), str(seed_paths[1])), "--color")


def test_align_json_has_the_eval_schema(seed_paths: list[Path]) -> None:
    a, b = seed_paths[0], seed_paths[1]
    result = storydiff("align", "--json", str(a), str(b))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    check_document(doc, a, b)
    assert doc["links"], "the seeds share most of their content"
    assert doc["a_only"] and doc["b_only"], "and each has sentences the other lacks"


def test_align_json_of_three_versions_is_a_list_of_two_documents(seed_paths: list[Path]) -> None:
    a, b, c = seed_paths[0], seed_paths[1], seed_paths[4]
    result = storydiff("align", str(a), str(b), str(c), "--json")
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert isinstance(docs, list) and len(docs) == 2
    check_document(docs[0], a, b)
    check_document(docs[1], a, c)


def test_align_a_version_with_itself_is_all_verbatim(seed_paths: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_paths[0].read_bytes())
    result = storydiff("align", "--json", str(seed_paths[0]), str(copy))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    check_document(doc, seed_paths[0], copy)
    assert doc["a_only"] == doc["b_only"] == []
    assert all(link["kind"] == "verbatim" and link["a"] == link["b"] for link in doc["links"])
    assert all(op["op"] == "equal" for link in doc["links"] for op in link["ops"])


def test_python_m_tui_runs_the_same_command(seed_paths: list[Path]) -> None:
    a, b = seed_paths[0], seed_paths[2]
    via_module = python_m_tui("align", "--json", str(a), str(b))
    via_script = storydiff("align", "--json", str(a), str(b))
    assert via_module.returncode == 0, via_module.stderr
    assert json.loads(via_module.stdout) == json.loads(via_script.stdout)
    check_document(json.loads(via_module.stdout), a, b)


# -- bad input -----------------------------------------------------------------------------------


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of bad input, with the words its one-line message must contain."""
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "sub").mkdir()
    return {
        "missing": (tmp_path / "nowhere.txt", "no such file"),
        "binary": (binary, "binary"),
        "empty": (empty, "empty"),
        "folder-with-nothing-supported": (folder, "no supported files"),
    }


@pytest.mark.parametrize("kind", ["missing", "binary", "empty", "folder-with-nothing-supported"])
def test_align_bad_input_exits_2_with_one_line(bad_inputs: dict[str, tuple[Path, str]], seed_paths: list[Path], kind: str) -> None:
    path, words = bad_inputs[kind]
    result = storydiff("align", str(seed_paths[0]), str(path))
    assert_one_line_error(result, str(path), words)


@pytest.mark.parametrize("kind", ["missing", "binary", "empty", "folder-with-nothing-supported"])
def test_reader_with_only_bad_input_exits_2_with_one_line(bad_inputs: dict[str, tuple[Path, str]], kind: str) -> None:
    path, words = bad_inputs[kind]
    assert_one_line_error(storydiff(str(path)), str(path), words)


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["align", "--bogus", "a.txt", "b.txt"], ["align", "--json"]],
    ids=["reader", "align", "align-no-paths"],
)
def test_unknown_option_exits_2_with_one_line(args: list[str]) -> None:
    assert_one_line_error(storydiff(*args))


def test_align_has_its_own_size_cap(seed_paths: list[Path], monkeypatch, capsys) -> None:
    import tui.core.loading as loading
    from tui.cli import main

    monkeypatch.setattr(loading, "MAX_ARTICLE_BYTES", 4096)  # the reader's cap: align ignores it
    assert main(["align", "--json", str(seed_paths[0]), str(seed_paths[1])]) == 0
    capsys.readouterr()
    monkeypatch.setattr(loading, "ALIGN_MAX_ARTICLE_BYTES", 4096)
    assert main(["align", str(seed_paths[0]), str(seed_paths[1])]) == 2
    assert "file is too large" in capsys.readouterr().err


def test_align_with_one_file_exits_2_with_one_line(seed_paths: list[Path]) -> None:
    assert_one_line_error(storydiff("align", str(seed_paths[0])), "two")


def test_align_with_one_good_and_one_bad_file_names_only_the_bad_one(seed_paths: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    result = storydiff("align", str(seed_paths[0]), str(missing))
    assert_one_line_error(result, "gone.txt")
    assert seed_paths[0].name not in result.stderr


# -- version and help ----------------------------------------------------------------------------


def test_version() -> None:
    result = storydiff("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"storydiff {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", __version__)


def test_help_mentions_the_subcommands() -> None:
    result = storydiff("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: storydiff")
    for subcommand in ("align", "export", "import"):
        assert re.search(rf"^\s+{subcommand}\b", result.stdout, re.MULTILINE), subcommand
    assert "--json" in result.stdout


def test_align_help() -> None:
    result = storydiff("align", "--help")
    assert result.returncode == 0
    assert "storydiff align" in result.stdout and "--json" in result.stdout


# -- as a user tried it (issue 11) ---------------------------------------------------------------


def test_align_on_a_folder_with_one_bad_file_aligns_the_rest_and_names_it(seed_paths: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for path in seed_paths[:2]:
        shutil.copyfile(path, folder / path.name)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text")
    result = storydiff("align", "--json", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [f"storydiff: skipped {folder / 'broken.txt'}: binary file (contains NUL bytes), not text"]
    doc = json.loads(result.stdout)
    assert doc["a"]["path"].endswith(seed_paths[0].name) and doc["b"]["path"].endswith(seed_paths[1].name)


def test_align_with_a_missing_file_without_suffix_says_no_such_file(seed_paths: list[Path], tmp_path: Path) -> None:
    result = storydiff("align", str(seed_paths[0]), str(tmp_path / "missing" / "file"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "suffix" not in result.stderr


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_align_into_a_pipe_closed_early_exits_0_quietly(seed_paths: list[Path], json_flag: list[str]) -> None:
    command = [_console_script(), "align", *json_flag, str(seed_paths[0]), str(seed_paths[1])]
    # A pipe whose reader is already gone, as `| head` leaves it once it has its lines.
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "wb") as closed:
        finished = subprocess.run(command, stdout=closed, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == ""


def test_the_same_file_named_twice_is_reported(seed_paths: list[Path]) -> None:
    result = storydiff("align", "--json", str(seed_paths[0]), str(seed_paths[1]), str(seed_paths[1]))
    assert result.returncode == 0
    assert "the same file as one named before" in result.stderr


def test_where_says_where_notes_config_and_samples_live(tmp_path: Path) -> None:
    import os as _os

    env = dict(_os.environ, STORYDIFF_DATA_DIR=str(tmp_path / "d"), STORYDIFF_CONFIG_DIR=str(tmp_path / "c"))
    result = subprocess.run([_console_script(), "where"], capture_output=True, text=True, timeout=TIMEOUT, env=env)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["notes"].strip().startswith(str(tmp_path / "d" / "notes.db"))
    assert lines["config"].strip().startswith(str(tmp_path / "c" / "config.toml"))
    assert Path(lines["samples"].strip()).is_dir()
    assert storydiff("where", "extra").returncode == 2
