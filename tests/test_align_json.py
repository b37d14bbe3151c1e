"""`align --json` builds its text directly; it must be exactly what `json` would write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.align_report import alignment_document, alignment_json, alignment_json_parts
from tui.core.alignment import align_articles
from tui.core.model import Article

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seed(n: int) -> Article:
    return Article(path=str(SEEDS[n]), text=SEEDS[n].read_text(encoding="utf-8"))


def _expected(alignments) -> str:
    docs = [alignment_document(al) for al in alignments]
    return json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(("sa", "sb"), [(0, 1), (0, 3), (2, 4)])
def test_one_document_is_what_json_writes(sa, sb) -> None:
    al = align_articles(_seed(sa), _seed(sb))
    assert alignment_json([al]) == _expected([al])


def test_a_list_of_documents_is_what_json_writes() -> None:
    a = _seed(0)
    als = [align_articles(a, _seed(k)) for k in (1, 2, 4)]
    assert alignment_json(als) == _expected(als)


def test_odd_text_empty_sides_and_no_links_are_what_json_writes() -> None:
    odd = Article(path='we"ird\\\x1b[31mname\u2028.txt', text='Quote " back\\slash \t tab\x07 bell é “x”.\nSecond line here.\n', title="T\x00\ud800")
    empty = Article(path="empty.txt", text="")
    other = Article(path="other.txt", text="Completely unrelated words about gardening.\n")
    cases = [[align_articles(odd, odd)], [align_articles(odd, empty)], [align_articles(empty, empty)],
             [align_articles(odd, other)], [align_articles(odd, other, with_ops=False)],
             [align_articles(odd, odd), align_articles(odd, empty)]]
    for als in cases:
        assert alignment_json(als) == _expected(als)


def _text(part) -> str:
    return "".join(part())


def _cases():
    a = _seed(0)
    odd = Article(path='we"ird\\name\u2028.txt', text='Quote " back\\slash \t tab é “x”.\nSecond line here.\n', title="T\x00")
    empty = Article(path="empty.txt", text="")
    return [
        [align_articles(a, _seed(1))],
        [align_articles(a, _seed(k)) for k in (1, 2, 4)],
        [align_articles(odd, empty)],
        [align_articles(empty, empty), align_articles(odd, odd), align_articles(odd, empty)],
        [],
    ]


@pytest.mark.parametrize("case", range(5))
def test_parts_cut_anywhere_join_into_the_whole_text(case) -> None:
    als = _cases()[case]
    whole = alignment_json(als)
    for fraction in [k / 40 for k in range(-2, 43)]:
        parts = alignment_json_parts(als, [fraction])
        assert len(parts) == 2
        assert _text(parts[0]) + _text(parts[1]) == whole
    parts = alignment_json_parts(als, [0.7, 0.2, 0.5, 0.5])
    assert len(parts) == 5 and "".join(map(_text, parts)) == whole
    assert [_text(part) for part in alignment_json_parts(als, [])] == [whole]


@pytest.mark.parametrize(("sentences", "links"), [(1024, 256), (1, 1), (2, 3), (5, 2)])
def test_every_piece_boundary_is_a_valid_cut(monkeypatch, sentences, links) -> None:
    import tui.align_report as report
    from tui.align_report import _piece_count, _pieces_json

    monkeypatch.setattr(report, "SENTENCES_PER_CHUNK", sentences)
    monkeypatch.setattr(report, "LINKS_PER_CHUNK", links)
    for als in _cases()[:4]:
        whole, n = alignment_json(als), _piece_count(als)
        for cut in range(n + 1):
            assert "".join(_pieces_json(als, 0, cut)) + "".join(_pieces_json(als, cut, n)) == whole


def test_halves_take_about_the_same_work() -> None:
    # Long enough for the cut to fall among the links, not at the head.
    als = [align_articles(_seed(0), _seed(k)) for k in (1, 2, 3, 4)]
    first, _ = alignment_json_parts(als, [0.5])
    assert 0.3 < len(_text(first)) / len(alignment_json(als)) < 0.7


def test_odd_values_are_written_as_json_writes_them() -> None:
    # The fast paths for ints, floats, kinds and op prefixes must not change a value's text.
    from tui.core.model import Alignment, DiffOp, LinkKind, Sentence, SentenceLink

    a = Article(path="a.txt", text="One two.\nThree.\n")
    b = Article(path="b.txt", text="One too.\n")
    a.__dict__["sentences"] = (Sentence(True, 0, 8.0, "One two."), Sentence(1, 9, 15, "Three."))
    links = (
        SentenceLink((0, True), (0,), float("nan"), LinkKind.EDITED, (DiffOp("equal", "One", "One"),)),
        SentenceLink((1,), (False,), 1, LinkKind.PARTIAL, (DiffOp('od"d', "x", "y"), DiffOp("equal", "a", "A"))),
        SentenceLink((True,), (0,), float("inf"), LinkKind.VERBATIM, ()),
        SentenceLink((), (0, 0), -0.0, LinkKind.PARAPHRASE, (DiffOp('od"d', "", "z"),)),
    )
    als = [Alignment(a, b, links)]
    assert alignment_json(als) == _expected(als)
    first, second = alignment_json_parts(als, [0.5])
    assert _text(first) + _text(second) == _expected(als)
