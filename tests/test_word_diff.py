"""The word diff: changes read as a reader names them, and the ops rebuild both texts exactly."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.tokens import tokenize
from tui.core.word_diff import diff_words


def _changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(op.op, op.a, op.b) for op in diff_words(a, b)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Krause", "Kraus", [("replace", "Krause", "Kraus")]),
        ("acting head", "acting director", [("equal", "acting", "acting"), ("replace", "head", "director")]),
        ("had served as", "has been", [("replace", "had served as", "has been")]),
        (
            "Melanie Krause, who had served as acting head since February",
            "Melanie Kraus, who has been acting director since February",
            [
                ("equal", "Melanie", "Melanie"),
                ("replace", "Krause", "Kraus"),
                ("equal", ", who", ", who"),
                ("replace", "had served as", "has been"),
                ("equal", "acting", "acting"),
                ("replace", "head", "director"),
                ("equal", "since February", "since February"),
            ],
        ),
        (
            "Todd Lyons, acting ICE director, told",
            "Todd Lyons, the acting ICE director, told",
            [("equal", "Todd Lyons,", "Todd Lyons,"), ("insert", "", "the"), ("equal", "acting ICE director, told", "acting ICE director, told")],
        ),
        ("the $80 billion infusion", "the $80 billion", [("equal", "the $80 billion", "the $80 billion"), ("delete", "infusion", "")]),
        ("same words here", "same words here", [("equal", "same words here", "same words here")]),
        ("", "new text", [("insert", "", "new text")]),
    ],
)
def test_diffs_read_as_a_reader_would_name_the_change(a, b, expected) -> None:
    assert _changes(a, b) == expected


def test_case_and_quote_style_are_not_changes() -> None:
    assert [op.op for op in diff_words("It’s “Final”", "it's \"final\"")] == ["equal"]


def test_a_shared_function_word_does_not_split_one_change_in_two() -> None:
    ops = diff_words("will step down over the new document", "resigned from the agency today")
    assert sum(op.op != "equal" for op in ops) == 1


def _rebuild(text: str, ops, side: str) -> str:
    """The text from the first op to the last, from the ops' own texts and the gaps between them."""
    out, pos = [], None
    for op in ops:
        start, end, piece = (op.a_start, op.a_end, op.a) if side == "a" else (op.b_start, op.b_end, op.b)
        if start == end:
            continue
        if pos is not None:
            out.append(text[pos:start])
        out.append(piece)
        pos = end
    return "".join(out)


PHRASES = [
    ("The IRS had already been called upon to help.", "Earlier this year, the IRS was called upon once to aid."),
    ("It cites the IRS’ boost in funding, though.", "This request notes the IRS’ increased funding; however,"),
]


@pytest.mark.parametrize(("a", "b"), PHRASES)
def test_ops_rebuild_both_sides(a, b) -> None:
    ops = diff_words(a, b)
    assert _rebuild(a, ops, "a") == a.strip()
    assert _rebuild(b, ops, "b") == b.strip()
    for op in ops:
        assert a[op.a_start : op.a_end] == op.a and b[op.b_start : op.b_end] == op.b


TEXT = st.lists(
    st.sampled_from(["the", "IRS", "Krause", "Kraus", "said", "had", "been", ",", ".", "$80", "acting", "head", "director", "“", "”", "data-sharing", "U.S.", "of"]),
    max_size=16,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_ops_are_in_order_disjoint_and_cover_every_token(a, b) -> None:
    ops = diff_words(a, b)
    for side, text in (("a", a), ("b", b)):
        spans = [(op.a_start, op.a_end) if side == "a" else (op.b_start, op.b_end) for op in ops]
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert s1 <= e1 <= s2 <= e2
        for tok in tokenize(text):
            holders = [k for k, (s, e) in enumerate(spans) if s <= tok.start and tok.end <= e and s < e]
            assert len(holders) == 1, (tok, spans)
        assert _rebuild(text, ops, side) == re.sub(r"^\s+|\s+$", "", text)
    for op in ops:
        assert op.op in {"equal", "replace", "delete", "insert"}
        assert (op.a == "") == (op.op == "insert") and (op.b == "") == (op.op == "delete")
        if op.op == "equal":
            assert [t.norm for t in tokenize(op.a)] == [t.norm for t in tokenize(op.b)]
