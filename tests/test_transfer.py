"""Export and import of notes: every format's shape, spreadsheet safety, lossless round trips."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.model import Article
from tui.core.text_safety import make_safe
from tui.store import NoteStore
from tui.store.paths import DATA_DIR_ENV, READ_ONLY_ENV
from tui.store.transfer import (
    ANNO_CONTEXT,
    ImportReport,
    TransferError,
    export_command,
    export_notes,
    import_command,
    import_notes,
    spreadsheet_safe,
)

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
TEXT = SEEDS[0].read_text(encoding="utf-8")
QUOTE = "Melanie Krause"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(directory))
    monkeypatch.delenv(READ_ONLY_ENV, raising=False)
    return directory


@pytest.fixture
def filled(tmp_path: Path) -> tuple[NoteStore, Article, Article]:
    """Two versions, notes with awkward text, a bookmark, and one orphan after an edit."""
    store = NoteStore.open()
    one = Article(path=str(tmp_path / "one.txt"), text=TEXT)
    two = Article(path=str(tmp_path / "two.txt"), text=SEEDS[1].read_text(encoding="utf-8"))
    i = TEXT.index(QUOTE)
    store.add_annotation(one, i, i + len(QUOTE), '=HYPERLINK("http://evil")', ["+name", "@who", "-x"])
    store.add_annotation(one, 0, 30, 'line one\nline two, with "quotes"', ["headline"])
    store.add_annotation(two, 5, 40, "\tstarts with a tab", [])
    store.toggle_bookmark(two, 0, 50)
    drop = "The agreement will allow ICE to submit names and addresses"
    j = TEXT.index(drop)
    store.add_annotation(one, j, j + len(drop), "will become an orphan", ["review"])
    store.version_for(Article(path=one.path, text=TEXT.replace(drop, "Nothing was said about the deal")))
    assert len(store.orphans()) == 1
    yield store, one, two
    store.close()


def test_json_export_carries_everything_needed_to_restore(filled: tuple[NoteStore, Article, Article]) -> None:
    store = filled[0]
    document = json.loads(export_notes(store, "json"))
    assert document["format"] == "storydiff-notes" and document["format_version"] == 1
    assert len(document["annotations"]) == 4 and len(document["bookmarks"]) == 1
    orphan = next(a for a in document["annotations"] if a["status"] == "orphan")
    # The orphan's own text travels with it, so it can still be shown and re-anchored elsewhere.
    assert orphan["anchored_hash"] in document["texts"]
    assert orphan["selector"]["exact"] in document["texts"][orphan["anchored_hash"]]


def test_jsonld_export_follows_the_web_annotation_model(filled: tuple[NoteStore, Article, Article]) -> None:
    store, one, _ = filled
    collection = json.loads(export_notes(store, "jsonld"))
    assert collection["@context"] == ANNO_CONTEXT and collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 5
    note = next(item for item in items if item.get("body") and item["body"][0]["value"].startswith("=HYPERLINK"))
    assert note["type"] == "Annotation" and note["id"].startswith("urn:uuid:")
    assert note["motivation"] == "commenting" and note["created"] and note["modified"]
    assert note["body"][0] == {"type": "TextualBody", "value": '=HYPERLINK("http://evil")', "format": "text/plain", "purpose": "commenting"}
    assert [b["value"] for b in note["body"][1:]] == ["+name", "@who", "-x"]
    assert all(b["purpose"] == "tagging" and b["type"] == "TextualBody" for b in note["body"][1:])
    assert note["target"]["source"] == Path(one.path).as_uri()
    quote, position = note["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == QUOTE
    assert quote["prefix"] == TEXT[TEXT.index(QUOTE) - 32 : TEXT.index(QUOTE)]
    assert position == {"type": "TextPositionSelector", "start": TEXT.index(QUOTE), "end": TEXT.index(QUOTE) + len(QUOTE)}
    assert [item["motivation"] for item in items].count("bookmarking") == 1


def test_markdown_groups_notes_by_version_with_quoted_passages(filled: tuple[NoteStore, Article, Article]) -> None:
    store, one, two = filled
    md = export_notes(store, "md")
    assert md.index("## one.txt") < md.index(f"> {QUOTE}") < md.index("## two.txt")
    assert "> " + TEXT[:30].splitlines()[0] in md
    assert "line one\nline two" in md
    assert "Needs review" in md and "will become an orphan" in md
    assert "### Bookmarks" in md


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_spreadsheet_formula_cells_are_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("plain, text") == "plain, text"


def test_csv_export_parses_back_and_no_cell_starts_a_formula(filled: tuple[NoteStore, Article, Article]) -> None:
    rows = list(csv.reader(io.StringIO(export_notes(filled[0], "csv"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["kind", "id", "path"] and len(body) == 5
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in body for cell in row)
    notes = {row[header.index("note")] for row in body}
    assert "'=HYPERLINK(\"http://evil\")" in notes and 'line one\nline two, with "quotes"' in notes and "'\tstarts with a tab" in notes


def _comparable(store: NoteStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    annotations = [
        (a.id, a.path, a.text_hash, a.exact, a.prefix, a.suffix, a.start, a.end, a.note, a.tags, a.created, a.modified,
         a.status, a.confidence, a.original_exact)
        for a in store.all_annotations()
    ]
    bookmarks = [(b.id, b.path, b.text_hash, b.exact, b.start, b.end, b.created, b.status) for b in store.bookmarks()]
    return sorted(annotations), sorted(bookmarks)


def test_export_then_import_into_an_empty_store_restores_it_and_reimport_adds_nothing(
    filled: tuple[NoteStore, Article, Article], tmp_path: Path
) -> None:
    store, one, _ = filled
    exported = tmp_path / "notes.json"
    exported.write_text(export_notes(store, "json"), encoding="utf-8")
    fresh = NoteStore.open(tmp_path / "other")
    assert import_notes(fresh, exported) == ImportReport(added=5, skipped=0)
    assert _comparable(fresh) == _comparable(store)
    assert import_notes(fresh, exported) == ImportReport(added=0, skipped=5)
    assert import_notes(store, exported) == ImportReport(added=0, skipped=5)
    # The imported store knows the texts, so the edited file re-anchors there exactly as here.
    edited = Article(path=one.path, text="Late correction.\n" + TEXT)
    assert [(a.note, a.status) for a in fresh.annotations(edited)] == [(a.note, a.status) for a in store.annotations(edited)]
    fresh.close()


def test_import_into_a_store_with_other_notes_keeps_both(filled: tuple[NoteStore, Article, Article], tmp_path: Path) -> None:
    exported = tmp_path / "notes.json"
    exported.write_text(export_notes(filled[0], "json"), encoding="utf-8")
    other = NoteStore.open(tmp_path / "other")
    mine = other.add_annotation(Article(path=str(tmp_path / "mine.txt"), text="My own article text."), 3, 6, "mine")
    assert import_notes(other, exported).added == 5
    assert mine.id in {a.id for a in other.all_annotations()} and len(other.all_annotations()) == 5
    other.close()


ugly_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(
    ["=cmd|' /C calc'!A0", "+1", "-2", "@x", "a,b", 'say "hi"', "line\nbreak", "\r\n", "\t", "ünïcødé ✓ 漢字 🙂"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # Articles reach the store through loading, which makes their text safe.
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400).map(make_safe).filter(bool),
    notes=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 80), ugly_text, st.lists(ugly_text, max_size=4)), min_size=1, max_size=8),
    marks=st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 80)), max_size=3),
)
def test_any_notes_survive_export_and_import_unchanged(
    text: str, notes: list[tuple[int, int, str, list[str]]], marks: list[tuple[int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = NoteStore.open(root / "a")
        story = Article(path=str(root / "story, \"odd\" name.txt"), text=text)
        for start, length, note, tags in notes:
            start %= len(text)
            source.add_annotation(story, start, min(len(text), start + length), note, tags)
        for start, length in marks:
            start %= len(text)
            source.toggle_bookmark(story, start, min(len(text), start + length))
        exported = root / "notes.json"
        exported.write_text(export_notes(source, "json"), encoding="utf-8")
        target = NoteStore.open(root / "b")
        report = import_notes(target, exported)
        assert report.added == len(source.all_annotations()) + len(source.bookmarks()) and report.skipped == 0
        assert _comparable(target) == _comparable(source)
        assert import_notes(target, exported) == ImportReport(0, report.added)
        source.close()
        target.close()


def test_import_refuses_files_that_are_not_json_exports(tmp_path: Path) -> None:
    store = NoteStore.open()
    cases = {
        "missing.json": None,
        "garbage.json": "not json {",
        "other.json": json.dumps({"hello": "world"}),
        "jsonld.json": json.dumps({"@context": ANNO_CONTEXT, "type": "AnnotationCollection"}),
        "future.json": json.dumps({"format": "storydiff-notes", "format_version": 99}),
        "broken.json": json.dumps({"format": "storydiff-notes", "format_version": 1, "versions": [], "annotations": [{"id": "x"}]}),
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_text(content, encoding="utf-8")
        with pytest.raises(TransferError) as error:
            import_notes(store, path)
        assert "\n" not in str(error.value)
    assert store.all_annotations() == []
    store.close()


def test_a_damaged_import_adds_nothing_at_all(filled: tuple[NoteStore, Article, Article], tmp_path: Path) -> None:
    document = json.loads(export_notes(filled[0], "json"))
    document["annotations"][-1]["selector"]["start"] = "not a number"
    path = tmp_path / "half.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = NoteStore.open(tmp_path / "empty")
    with pytest.raises(TransferError, match="start"):
        import_notes(empty, path)
    assert empty.all_annotations() == [] and empty.bookmarks() == []
    empty.close()


def test_export_command_writes_stdout_or_a_file(filled: tuple[NoteStore, Article, Article], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export_command("md", None) == 0
    assert "# storydiff notes" in capsys.readouterr().out
    target = tmp_path / "out.csv"
    assert export_command("csv", str(target)) == 0
    assert target.read_text(encoding="utf-8").startswith("kind,id,path")


def test_commands_fail_with_one_plain_line_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert export_command("xml", None) == 2
    assert export_command("json", str(tmp_path / "no" / "such" / "dir" / "x.json")) == 2
    assert import_command(str(tmp_path / "absent.json")) == 2
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert import_command(str(tmp_path / "bad.json")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and all(line.startswith("storydiff: ") for line in err)

    exported = tmp_path / "ok.json"
    source = NoteStore.open(tmp_path / "src")
    source.add_annotation(Article(path=str(tmp_path / "s.txt"), text=TEXT), 0, 10, "hello")
    exported.write_text(export_notes(source, "json"), encoding="utf-8")
    source.close()
    assert import_command(str(exported)) == 0
    assert "imported 1" in capsys.readouterr().out
    monkeypatch.setenv(READ_ONLY_ENV, "1")
    assert import_command(str(exported)) == 1
    assert "cannot be saved" in capsys.readouterr().err
