"""`storydiff report`: the fact-check report in Markdown and JSON, and its escaping."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import storydiff
from tui.core.align import align_articles
from tui.core.changes import find_changes
from tui.core.model import Article
from tui.report import md_escape, report_document, report_markdown

BASE = (
    "Council approves budget\n\n"
    "The council approved a $2.4 billion budget on Tuesday, Mayor Jane Ortiz said.\n\n"
    "“This is a budget for every neighbourhood,” Ortiz told reporters.\n\n"
    "The plan adds 40 police officers and keeps every library open.\n"
)
VERSION = (
    "Council approves budget\n\n"
    "The council approved a $2.4 billion budget on Wednesday, Mayor Jane Ortis said.\n\n"
    "“This is a budget for every neighborhood in town,” Ortiz told reporters.\n\n"
    "Read more\n"
)


def findings():
    return [find_changes(align_articles(Article("base.txt", BASE), Article("version.txt", VERSION)))]


def test_markdown_has_the_summary_each_change_with_both_sentences_and_the_omissions() -> None:
    md = report_markdown(findings())
    assert md.startswith("# Fact-check report: base.txt\n")
    assert "| version.txt | 3/4 (75%) |" in md
    assert "date, high**: date changed: Tuesday -> Wednesday" in md
    assert "name, high**: name spelled differently: Ortiz -> Ortis" in md
    assert "quote, high**: quoted words altered" in md
    assert "> base (1): The council approved a $2.4 billion budget on Tuesday, Mayor Jane Ortiz said." in md
    assert "> diff: The council approved a $2.4 billion budget on ~~Tuesday~~ **Wednesday**" in md
    assert "### Omitted from this version (1)\n\n- (3) The plan adds 40 police officers" in md
    assert "Boilerplate set aside: 0 lines of the base, 1 of this version." in md
    # "Read more" is furniture: not an addition.
    assert "### Added in this version (0)" in md


def test_json_report_carries_the_same_findings() -> None:
    doc = report_document(findings())
    assert doc["base"]["path"] == "base.txt"
    (version,) = doc["versions"]
    assert version["summary"]["carried_sentences"] == 3 and version["summary"]["base_sentences"] == 4
    assert [o["index"] for o in version["omitted"]] == [3]
    assert version["added"] == []
    types = {(c["type"], c["severity"]) for c in version["changes"]}
    assert {("date", "high"), ("name", "high"), ("quote", "high")} <= types
    assert all(c["a_sentences"] or c["b_sentences"] for c in version["changes"])


def test_text_from_files_cannot_break_out_of_the_markdown() -> None:
    assert md_escape("a `b`\n# c [d](e) *f*") == "a \\`b\\` # c \\[d\\](e) \\*f\\*"
    odd = Article("we`ird\n# path.txt", "A *bold* claim [link](x) was made on Monday.\n")
    other = Article("other.txt", "A *bold* claim [link](x) was made on Tuesday.\n")
    md = report_markdown([find_changes(align_articles(odd, other))])
    assert "we\\`ird # path.txt" in md
    assert "\n# path" not in md
    assert "A \\*bold\\* claim \\[link\\](x)" in md


def test_the_command_writes_markdown_or_json(seed_paths: list[Path], tmp_path: Path) -> None:
    a, b, c = (str(p) for p in seed_paths[:3])
    result = storydiff("report", a, b, c)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n## ") == 2 and "quote, high" in result.stdout
    out = tmp_path / "report.json"
    result = storydiff("report", a, b, "--format", "json", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [v["path"] for v in doc["versions"]] == [b]


def test_the_command_reports_an_unwritable_output_in_one_line(seed_paths: list[Path], tmp_path: Path) -> None:
    result = storydiff("report", str(seed_paths[0]), str(seed_paths[1]), "-o", str(tmp_path / "no" / "such" / "dir.md"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("storydiff: cannot write")


def test_changes_of_one_link_share_its_sentences_and_diff() -> None:
    md = report_markdown(findings())
    # the date and the name changed in the same sentence: both listed, the sentence shown once
    assert md.count("> base (1): ") == 1
    dates = md.index("date, high**: date changed")
    names = md.index("name, high**: name spelled differently")
    assert abs(dates - names) < 200 and md.index("> base (1): ") > max(dates, names)
