"""`align --json` builds its text directly; it must be exactly what `json` would write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.align_report import alignment_document, alignment_json
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
