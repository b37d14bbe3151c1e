"""make_safe must strip everything a terminal would obey and keep everything a reader would read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.text_safety import is_safe, make_safe, normalize_newlines

HOSTILE = [
    # (name, input, expected)
    ("csi colour", "Krause \x1b[31mresigned\x1b[0m.", "Krause resigned."),
    ("csi cursor move", "a\x1b[2J\x1b[1;1Hb", "ab"),
    ("csi private mode", "x\x1b[?1049hy", "xy"),
    ("csi cut before final byte", "tail\x1b[31", "tail"),
    ("osc title BEL", "\x1b]0;pwned\x07Headline", "Headline"),
    ("osc title ST", "\x1b]2;pwned\x1b\\Headline", "Headline"),
    ("osc 52 clipboard", "a\x1b]52;c;ZXZpbA==\x07b", "ab"),
    ("osc hyperlink", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),
    ("osc unterminated stops at line end", "\x1b]0;pwned\nsecond line", "\nsecond line"),
    ("dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),
    ("apc", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"),
    ("pm and sos", "a\x1b^hidden\x1b\\b\x1bXmore\x07c", "abc"),
    ("two-char esc", "a\x1bcb\x1b7c\x1b8d", "abcd"),
    ("charset designation", "a\x1b(Bb", "ab"),
    ("lone esc at end", "end\x1b", "end"),
    ("8-bit csi", "\x9b31mred\x9b0m", "red"),
    ("8-bit osc", "\x9d0;pwned\x9ctext", "text"),
    ("other c1", "a\x85b\x8ec\x9ad", "abcd"),
    ("8-bit apc runs to its terminator", "a\x9fhidden\x9cb", "ab"),
    ("nul and bell", "a\x00b\x07c", "abc"),
    ("backspace overwrite", "good\x08\x08\x08\x08evil", "goodevil"),
    ("del", "a\x7fb", "ab"),
    ("cr overwrite becomes newline", "safe\rEVIL", "safe\nEVIL"),
    ("crlf", "one\r\ntwo\r\n", "one\ntwo\n"),
    ("unicode line separators", "one\u2028two\u2029three", "one\ntwo\nthree"),
    ("bidi override", "pay \u202eevil\u202c now", "pay evil now"),
    ("bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"),
    ("bidi embeddings", "\u202aa\u202bb\u202c", "ab"),
    ("lone surrogate", "a\ud800b", "ab"),
]

KEPT = [
    "Melanie Krause, who had served as acting head since February, will step down",
    "“Quoted,” she said — café, naïve, Zürich, São Paulo, 東京, emoji 🙂",
    "[bold]not markup here[/bold] and [red]this[/] <b>either</b>",
    "tabs\tstay\nand\nnewlines stay\n\n",
    "right-to-left text stays: שלום עולם and مرحبا",
    "marks that only hint direction stay: a\u200eb\u200fc",
    "",
]


@pytest.mark.parametrize(("name", "raw", "expected"), HOSTILE, ids=[row[0] for row in HOSTILE])
def test_hostile_sequences_are_removed(name: str, raw: str, expected: str) -> None:
    assert make_safe(raw) == expected


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert make_safe(text) == text
    assert is_safe(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\r\nb", "a\n\nb"), ("a\n\rb", "a\n\nb"), ("a\u2028b", "a\nb")],
)
def test_normalize_newlines(raw: str, expected: str) -> None:
    assert normalize_newlines(raw) == expected


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")

# Text biased towards the characters that matter: escape introducers, their parameter bytes,
# string terminators, C0/C1 controls and bidi controls, mixed with ordinary letters.
_nasty = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\x1b[]P_^X\\;0123456789?m\x07\x9b\x9c\x9d\x90\r\n\t\u202e\u2066\u2028 abc")),
        st.characters(max_codepoint=0x2100),
        st.characters(),
    ),
    max_size=200,
)


@given(_nasty)
def test_output_has_no_control_characters(text: str) -> None:
    cleaned = make_safe(text)
    assert _UNSAFE.search(cleaned) is None
    assert "\x1b" not in cleaned
    assert is_safe(cleaned)


@given(_nasty)
def test_make_safe_is_idempotent(text: str) -> None:
    once = make_safe(text)
    assert make_safe(once) == once


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\xad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert make_safe(text) == text


@given(_nasty)
def test_is_safe_agrees_with_make_safe(text: str) -> None:
    assert is_safe(text) == (make_safe(text) == text)
