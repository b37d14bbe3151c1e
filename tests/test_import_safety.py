"""`storydiff import` takes files from anyone: each bad one is one line and exit 2, never a traceback.

The listed cases are the ones an attacker tried; the property test mutates every field of a
real export with arbitrary JSON and asserts the importer either imports clean notes or refuses
the file whole.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from payloads import PAYLOADS, forbidden_in
from tui.core.model import Article
from tui.store import NoteStore
from tui.store.transfer import TransferError, export_notes, import_command, import_notes

TEXT = "Melanie Krause resigned on Tuesday. The deal was signed on Monday. She had served since February.\n"


@pytest.fixture(scope="module")
def exported() -> dict:
    """A real export: two annotations and a bookmark on one version."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = NoteStore.open(Path(tmp))
        article = Article(path=str(Path(tmp) / "story.txt"), text=TEXT)
        store.add_annotation(article, 0, 14, "who resigned", ["name"])
        store.add_annotation(article, 36, 66, "when signed", [])
        store.toggle_bookmark(article, 0, 35)
        document = json.loads(export_notes(store, "json"))
        store.close()
    return document


def _write(tmp_path: Path, content: str | bytes, name: str = "notes.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return path


def _edited(document: dict, change) -> str:
    document = copy.deepcopy(document)
    change(document)
    return json.dumps(document)


def _set(path: tuple, value):
    def change(document: dict) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _raw_number(field: str, literal: str):
    """An export whose annotation `field` is written as the raw JSON `literal`."""
    def build(document: dict) -> str:
        marker = "__RAW__"
        text = _edited(document, _set(("annotations", 0, "selector", field) if field in ("start", "end") else ("annotations", 0, field), marker))
        return text.replace(json.dumps(marker), literal)
    return build


CASES = {
    "confidence NaN": _raw_number("confidence", "NaN"),
    "confidence Infinity": _raw_number("confidence", "Infinity"),
    "confidence 1e999": _raw_number("confidence", "1e999"),
    "400-digit number": _raw_number("confidence", "1" * 400 + ".5"),
    "start 10**30": _raw_number("start", str(10**30)),
    "5000-digit integer": _raw_number("end", "7" * 5000),
    "negative offset": _raw_number("start", "-3"),
    "boolean offset": _raw_number("start", "true"),
    "confidence above one": _raw_number("confidence", "7.5"),
    "100000 nested brackets": lambda d: '{"format": "storydiff-notes", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "lone surrogate escape in a text": lambda d: _edited(d, lambda doc: doc["texts"].update({k: "x\ud800" for k in doc["texts"]})).replace("\\ud800", "\\ud800"),
    "quote not at its offsets": lambda d: _edited(d, _set(("annotations", 0, "selector", "exact"), "Somebody else")),
    "offsets past the text": lambda d: _edited(d, lambda doc: doc["annotations"][0]["selector"].update(start=10_000, end=10_014)),
    "end before start": lambda d: _edited(d, lambda doc: doc["annotations"][0]["selector"].update(start=14, end=0)),
    "text does not match its hash": lambda d: _edited(d, lambda doc: doc["texts"].update({k: "another text" for k in doc["texts"]})),
    "text holds an escape sequence": lambda d: _edited(d, lambda doc: doc["texts"].update({k: v + "\x1b]52;c;eA==\x07" for k, v in doc["texts"].items()})),
    "text missing": lambda d: _edited(d, _set(("texts",), {})),
    "tags not words": lambda d: _edited(d, _set(("annotations", 0, "tags"), [1, 2])),
    "status unknown": lambda d: _edited(d, _set(("annotations", 0, "status"), "deleted")),
    "id with an escape": lambda d: _edited(d, _set(("annotations", 0, "id"), "\x1b]2;x\x07")),
    "selector not an object": lambda d: _edited(d, _set(("annotations", 0, "selector"), "0-14")),
    "note not an object": lambda d: _edited(d, _set(("annotations", 0), 7)),
    "versions not a list": lambda d: _edited(d, _set(("versions",), {"a": 1})),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_crafted_export_is_one_line_and_exit_2(case: str, exported: dict, tmp_path: Path, data_dir: Path, capsys) -> None:
    path = _write(tmp_path, CASES[case](exported))
    assert import_command(str(path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("storydiff: ") and "Traceback" not in err, err
    assert forbidden_in(err) == []
    with NoteStore.open(data_dir) as store:
        assert store.all_annotations() == [] and store.bookmarks() == []


def test_a_lone_surrogate_in_a_note_is_imported_as_a_visible_replacement(exported: dict, tmp_path: Path, data_dir: Path) -> None:
    path = _write(tmp_path, _edited(exported, _set(("annotations", 0, "note"), "__S__")).replace('"__S__"', '"a\\ud800b"'))
    assert import_command(str(path)) == 0
    with NoteStore.open(data_dir) as store:
        assert "a\ufffdb" in {a.note for a in store.all_annotations()}


def test_the_unchanged_export_imports(exported: dict, tmp_path: Path, data_dir: Path) -> None:
    path = _write(tmp_path, json.dumps(exported))
    assert import_command(str(path)) == 0


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_files_that_are_not_regular_are_refused_without_reading(special: str, tmp_path: Path, capsys) -> None:
    if special == "fifo":
        path = tmp_path / "notes.json"
        os.mkfifo(path)  # nobody writes to it: reading would hang forever
    elif special == "folder":
        path = tmp_path
    else:
        path = Path(special)
    assert import_command(str(path)) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from tui.store import import_check

    monkeypatch.setattr(import_check, "MAX_IMPORT_BYTES", 1000)
    path = _write(tmp_path, json.dumps({"format": "storydiff-notes", "pad": "x" * 2000}))
    assert import_command(str(path)) == 2
    assert "larger than" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "payload", "visible"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
def test_hostile_notes_tags_and_paths_are_cleaned_as_they_enter(
    name: str, payload: str, visible: str, exported: dict, tmp_path: Path, data_dir: Path
) -> None:
    def change(document: dict) -> None:
        document["annotations"][0]["note"] = f"note {payload}\nline two"
        document["annotations"][0]["tags"] = [payload, "ok"]
        document["versions"][0]["path"] = f"/tmp/{payload}.txt"
        document["versions"][0]["title"] = payload

    path = _write(tmp_path, _edited(exported, change))
    with NoteStore.open(data_dir) as store:
        assert import_notes(store, path).added == 3
        shown = [(a.note, a.path, *a.tags) for a in store.all_annotations()] + [(b.path,) for b in store.bookmarks()]
    for fields in shown:
        for field in fields:
            assert forbidden_in(field) == [], field
    assert any(visible in field for fields in shown for field in fields)


# --- property: arbitrary JSON in any field --------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text() | st.sampled_from([p[1] for p in PAYLOADS]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)

FIELD_PATHS = [
    ("format",), ("format_version",), ("versions",), ("texts",), ("annotations",), ("bookmarks",),
    ("versions", 0), ("versions", 0, "path"), ("versions", 0, "text_hash"), ("versions", 0, "title"),
    ("versions", 0, "first_seen"), ("annotations", 0), ("annotations", 0, "id"), ("annotations", 0, "version"),
    ("annotations", 0, "anchored_hash"), ("annotations", 0, "selector"), ("annotations", 0, "selector", "exact"),
    ("annotations", 0, "selector", "prefix"), ("annotations", 0, "selector", "suffix"),
    ("annotations", 0, "selector", "start"), ("annotations", 0, "selector", "end"), ("annotations", 0, "note"),
    ("annotations", 0, "tags"), ("annotations", 0, "created"), ("annotations", 0, "modified"),
    ("annotations", 0, "status"), ("annotations", 0, "confidence"), ("annotations", 0, "original_exact"),
    ("bookmarks", 0), ("bookmarks", 0, "selector", "start"), ("bookmarks", 0, "confidence"), ("bookmarks", 0, "created"),
]


def _fuzz(exported: dict, mutations: list[tuple[tuple, object]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        document = copy.deepcopy(exported)
        for path, value in mutations:
            try:
                _set(path, value)(document)
            except (KeyError, IndexError, TypeError):
                pass  # an earlier mutation removed the place: the document is odd anyway
        file = _write(Path(tmp), json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        with NoteStore.open(Path(tmp) / "data") as store:
            try:
                import_notes(store, file)
            except TransferError as error:
                assert "\n" not in str(error) and forbidden_in(str(error)) == []
                assert store.all_annotations() == [] and store.bookmarks() == []
                return
            for a in store.all_annotations():
                for field in (a.note, a.path, a.exact, a.original_exact, a.created, *a.tags):
                    assert forbidden_in(field.replace("\t", " ")) == [], field
                assert TEXT[a.start : a.end] == a.exact or a.is_orphan


mutation_lists = st.lists(st.tuples(st.sampled_from(FIELD_PATHS), json_values), min_size=1, max_size=3)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutations=mutation_lists)
def test_any_mutated_export_is_imported_clean_or_refused_whole(exported: dict, mutations) -> None:
    _fuzz(exported, mutations)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutations=mutation_lists)
def test_any_mutated_export_long_run(exported: dict, mutations) -> None:
    _fuzz(exported, mutations)
