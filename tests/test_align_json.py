"""`align --json`: the document of the eval schema, written by the standard `json` module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.align_report import alignment_document, alignment_json
from tui.core.align import align_articles
from tui.core.changes import find_changes
from tui.core.model import Article

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seed(n: int) -> Article:
    return Article(path=str(SEEDS[n]), text=SEEDS[n].read_text(encoding="utf-8"))


@pytest.mark.parametrize(("sa", "sb"), [(0, 1), (0, 3), (2, 4)])
def test_one_document_reads_back_as_the_alignment(sa, sb) -> None:
    a, b = _seed(sa), _seed(sb)
    al = align_articles(a, b)
    doc = json.loads(alignment_json([al]))
    assert doc == alignment_document(al)
    assert [link["a"] for link in doc["links"]] == [list(link.a) for link in al.links]
    for s in doc["a"]["sentences"]:
        assert a.text[s["start"] : s["end"]] == s["text"]
    linked = {i for link in doc["links"] for i in link["a"]}
    assert set(doc["a_only"]) == set(range(len(a.sentences))) - linked


def test_several_versions_give_a_list_of_documents() -> None:
    a = _seed(0)
    als = [align_articles(a, _seed(k)) for k in (1, 2, 4)]
    docs = json.loads(alignment_json(als))
    assert docs == [alignment_document(al) for al in als]
    assert [d["b"]["path"] for d in docs] == [str(SEEDS[k]) for k in (1, 2, 4)]


def test_odd_text_and_empty_sides_round_trip() -> None:
    odd = Article(path='we"ird\\\x1b[31mname\u2028.txt', text='Quote " back\\slash \t tab\x07 bell é “x”.\nSecond line here.\n', title="T\x00")
    empty = Article(path="empty.txt", text="")
    for al in (align_articles(odd, odd), align_articles(odd, empty), align_articles(empty, empty)):
        doc = json.loads(alignment_json([al]))
        assert doc["a"]["path"] == al.a.path and doc["a"]["title"] == al.a.title
        assert [s["text"] for s in doc["a"]["sentences"]] == [s.text for s in al.a.sentences]
    assert json.loads(alignment_json([align_articles(odd, empty)]))["links"] == []


def test_the_command_prints_the_document(tmp_path) -> None:
    """The console script writes the same document, one line of JSON and a newline."""
    script = Path(sys.executable).with_name("storydiff")
    out = subprocess.run([str(script), "align", "--json", str(SEEDS[0]), str(SEEDS[1])], capture_output=True, text=True, check=True)
    assert out.stdout.endswith("}\n")
    from tui.core.loading import load_paths

    articles, _ = load_paths([str(SEEDS[0]), str(SEEDS[1])])
    findings = find_changes(align_articles(*articles))
    assert json.loads(out.stdout) == alignment_document(findings.alignment, findings.as_json())


def test_changes_and_boilerplate_close_the_document() -> None:
    a, b = _seed(0), _seed(1)
    findings = find_changes(align_articles(a, b))
    doc = json.loads(alignment_json([findings.alignment], [findings.as_json()]))
    assert list(doc)[-2:] == ["changes", "boilerplate"]
    assert doc["boilerplate"] == {"a": sorted(findings.boilerplate_a), "b": sorted(findings.boilerplate_b)}
    assert [c["type"] for c in doc["changes"]] == [c.type for c in findings.changes]
