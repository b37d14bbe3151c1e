"""`align --json` writes its text as encoded chunks: the bytes must be those `sys.stdout.write`
of the whole text writes, whatever standard output is."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tui import cli
from tui.align_report import alignment_json
from tui.core.alignment import align_articles
from tui.core.model import Article

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seed(k: int) -> Article:
    return Article(path=SEEDS[k].name, text=SEEDS[k].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def one() -> list:
    return [align_articles(_seed(0), _seed(1))]


@pytest.fixture(scope="module")
def several() -> list:
    return [align_articles(_seed(0), _seed(k)) for k in (1, 2, 4)]


class _Trickle(io.RawIOBase):
    """An unbuffered output that takes at most a few bytes a call, as a raw pipe may."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        taken = bytes(data[:4093])
        self.data += taken
        return len(taken)


def _printed(monkeypatch, alignments, *, encoding="utf-8", errors="strict", raw=None) -> bytes:
    raw = io.BytesIO() if raw is None else raw
    out = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="\n")
    monkeypatch.setattr("sys.stdout", out)
    out.write("before ")  # pending text goes out first
    cli._print_json(alignments)
    out.flush()
    return bytes(raw.data) if isinstance(raw, _Trickle) else raw.getvalue()


def _expected(alignments, encoding="utf-8", errors="strict") -> bytes:
    return ("before " + alignment_json(alignments) + "\n").encode(encoding, errors)


@pytest.mark.parametrize("errors", ["strict", "surrogateescape", "backslashreplace"])
def test_one_and_several_documents_are_the_bytes_of_the_whole_text(monkeypatch, one, several, errors) -> None:
    for als in (one, several):
        assert _printed(monkeypatch, als, errors=errors) == _expected(als, errors=errors)
    if errors != "strict":  # a file name undecodable bytes were escaped in, as argv's are
        odd = [align_articles(Article(path="bad\udcffname.txt", text=_seed(2).text), _seed(3))]
        assert _printed(monkeypatch, odd, errors=errors) == _expected(odd, errors=errors)


def test_an_unbuffered_output_that_takes_part_of_a_write_gets_it_all(monkeypatch, several) -> None:
    assert _printed(monkeypatch, several, raw=_Trickle()) == _expected(several)


def test_other_encodings_go_through_the_text_stream(monkeypatch, one) -> None:
    printed = _printed(monkeypatch, one, encoding="utf-16", errors="replace")
    assert printed == ("before " + alignment_json(one) + "\n").encode("utf-16", "replace")


def test_a_text_only_output_gets_the_text(monkeypatch, one) -> None:
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    cli._print_json(one)
    assert out.getvalue() == alignment_json(one) + "\n"


def test_text_that_cannot_be_encoded_writes_nothing(monkeypatch) -> None:
    odd = Article(path="lone\ud800surrogate.txt", text="A sentence here.\n")
    als = [align_articles(odd, odd)]
    raw = io.BytesIO()
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(raw, encoding="utf-8", errors="strict"))
    with pytest.raises(UnicodeEncodeError):
        cli._print_json(als)
    assert raw.getvalue() == b""
