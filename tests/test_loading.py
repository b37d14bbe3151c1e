"""Loading real files: encodings, titles, HTML pages, folders, standard input and every bad input."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core import loading
from tui.core.loading import (
    ALIGN_MAX_ARTICLE_BYTES,
    MAX_ARTICLE_BYTES,
    SUPPORTED_SUFFIXES,
    LoadError,
    default_seeds_dir,
    load_article,
    load_paths,
)
from tui.core.decoding import decode_bytes
from tui.core.titles import guess_title, looks_like_headline

SEEDS = sorted(default_seeds_dir().glob("*.txt"))

# A real sentence of the story, dressed with the characters encodings disagree on.
SENTENCE = "“Melanie Krause, who had served as acting head since February, will step down” — at the café."
# Latin-1 has no curly quotes or dashes: the same sentence as a Latin-1 writer would type it.
SENTENCE_LATIN1 = "«Melanie Krause, who had served as acting head since February, will step down» at the café, naïve ½."


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- encodings ------------------------------------------------------------------------------

ENCODINGS = [
    # (name, bytes of the file, text expected)
    ("utf-8", SENTENCE.encode("utf-8"), SENTENCE),
    ("utf-8 with BOM", codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), SENTENCE),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"), SENTENCE),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), SENTENCE),
    ("utf-32 LE with BOM", codecs.BOM_UTF32_LE + SENTENCE.encode("utf-32-le"), SENTENCE),
    ("windows-1252", SENTENCE.encode("cp1252"), SENTENCE),
    ("latin-1", SENTENCE_LATIN1.encode("latin-1"), SENTENCE_LATIN1),
    ("utf-8 of the latin-1 sentence", SENTENCE_LATIN1.encode("utf-8"), SENTENCE_LATIN1),
]


@pytest.mark.parametrize(("name", "data", "expected"), ENCODINGS, ids=[row[0] for row in ENCODINGS])
def test_each_encoding_loads_the_same_text(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    article = load_article(_write(tmp_path / "story.txt", data))
    assert article.text == expected
    assert decode_bytes(data) == expected


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    # 0x93/0x94 are cp1252 quotes; 0x81 and 0x9d have no cp1252 meaning and become U+0081/U+009D.
    data = b"\x93caf\xe9\x94 \x81x\x9d"
    assert decode_bytes(data) == "“café” \x81x\x9d"


def test_undefined_cp1252_bytes_do_not_survive_loading(tmp_path: Path) -> None:
    # Read as Latin-1 they are C1 controls, which make_safe removes.
    article = load_article(_write(tmp_path / "a.txt", b"caf\xe9 \x81ok\x8d."))
    assert article.text == "café ok."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"),
        (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
        (b"mixed\r\nline\rends\nhere", "mixed\nline\nends\nhere"),
        (codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "a\nb"),
        (b"caf\xe9\r\n", "café\n"),
    ],
)
def test_line_breaks_become_lf(tmp_path: Path, data: bytes, expected: str) -> None:
    assert load_article(_write(tmp_path / "n.txt", data)).text == expected


@given(st.binary(max_size=300))
def test_decode_bytes_never_fails_and_leaves_no_cr(data: bytes) -> None:
    text = decode_bytes(data)
    assert "\r" not in text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_utf8_and_utf16_round_trip(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if text.startswith("\ufeff"):
        return  # a leading U+FEFF is read as a BOM, by design
    assert decode_bytes(text.encode("utf-8")) == expected
    assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == expected


# --- hostile text ---------------------------------------------------------------------------


def test_hostile_file_is_cleaned_once_at_load(tmp_path: Path) -> None:
    raw = (
        "\x1b]0;pwned\x07Headline of the day\n"
        "Krause \x1b[31mresigned\x1b[0m on \x9b31mMonday\x9b0m.\x7f\x08\n"
        "Pay \u202egnp.exe\u202c now. [bold]Literal[/bold] stays.\n"
    )
    article = load_article(_write(tmp_path / "h.txt", raw.encode("utf-8")))
    assert article.text == (
        "Headline of the day\nKrause resigned on Monday.\nPay gnp.exe now. [bold]Literal[/bold] stays.\n"
    )
    assert article.title == "Headline of the day"


def test_utf16_with_bom_is_not_binary(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + ("Short Headline\n" + SENTENCE * 50).encode("utf-16-le")
    assert b"\x00" in data[:100]
    assert load_article(_write(tmp_path / "u16.txt", data)).title == "Short Headline"


# --- bad input ------------------------------------------------------------------------------


BAD_FILES = [
    # (file name, bytes, reason)
    ("nul.txt", b"PK\x03\x04\x00\x00some zip", "binary file (contains NUL bytes), not text"),
    ("utf16-no-bom.txt", SENTENCE.encode("utf-16-le"), "binary file (contains NUL bytes), not text"),
    ("controls.txt", bytes(range(1, 9)) * 100 + b"words", "binary file (mostly control characters), not text"),
    ("empty.txt", b"", "file is empty"),
    ("blank.md", b"  \n\t\r\n  \n", "file has no text (only whitespace or control characters)"),
    ("escapes-only.txt", b"\x1b[31m\x1b[0m\n", "file has no text (only whitespace or control characters)"),
    ("report.pdf", b"%PDF-1.7", "unsupported file type '.pdf' (supported: .htm, .html, .md, .txt)"),
    ("README", b"text", "unsupported file type without a suffix (supported: .htm, .html, .md, .txt)"),
    ("no-body.html", b"<html><head><title>Only a title</title></head><body><script>var a;</script></body></html>",
     "no article text found in the HTML page"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_bad_file_gives_one_line_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = _write(tmp_path / name, data)
    with pytest.raises(LoadError) as caught:
        load_article(path)
    error = caught.value
    assert error.path == str(path)
    assert error.reason == reason
    assert str(error) == f"{path}: {reason}"
    assert "\n" not in str(error)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(LoadError, match=r"gone\.txt: no such file or directory$"):
        load_article(path)


def test_path_through_a_file_is_an_os_error_turned_into_load_error(tmp_path: Path) -> None:
    parent = _write(tmp_path / "plain.txt", b"text")
    with pytest.raises(LoadError) as caught:
        load_article(parent / "child.txt")
    assert caught.value.reason == "not a directory"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("", "empty path"), ("story\x00.txt", "invalid path (contains a NUL character)")],
)
def test_impossible_path_names(path: str, reason: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_article(path)
    assert caught.value.reason == reason
    assert load_paths([path])[1][0].reason == reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError) as caught:
        load_article(fifo)
    assert caught.value.reason == "not a regular file"


def test_directory_given_to_load_article(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a directory"):
        load_article(tmp_path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", b"text")
    path.chmod(0)
    try:
        with pytest.raises(LoadError) as caught:
            load_article(path)
        assert caught.value.reason == "permission denied"
    finally:
        path.chmod(0o600)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        stream.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: the size is real, no disk is spent
    with pytest.raises(LoadError) as caught:
        load_article(path)
    assert caught.value.reason == "file is too large (5.0 MiB; the limit is 5 MiB)"


def test_a_caller_may_set_its_own_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as stream:
        stream.truncate(ALIGN_MAX_ARTICLE_BYTES + 1)
    articles, errors = load_paths([path], max_bytes=ALIGN_MAX_ARTICLE_BYTES)
    assert not articles and errors[0].reason == "file is too large (16.0 MiB; the limit is 16 MiB)"
    line = b"The acting commissioner resigned over the data deal.\n"
    big = _write(tmp_path / "big.txt", line * (MAX_ARTICLE_BYTES // len(line) + 1))
    assert load_paths([big])[1][0].reason.startswith("file is too large")
    assert load_paths([big], max_bytes=ALIGN_MAX_ARTICLE_BYTES)[0][0].text.startswith("The acting")


def test_file_exactly_at_the_cap_loads(tmp_path: Path) -> None:
    line = b"The acting commissioner resigned over the data deal.\n"
    data = line * (MAX_ARTICLE_BYTES // len(line))
    data += b"x" * (MAX_ARTICLE_BYTES - len(data))
    assert len(data) == MAX_ARTICLE_BYTES
    assert load_article(_write(tmp_path / "cap.txt", data)).text.startswith("The acting")


def test_control_characters_in_a_file_name_do_not_reach_the_message(tmp_path: Path) -> None:
    error = LoadError(str(tmp_path / "evil\x1b]0;pwned\x07.txt"), "no such file or directory")
    assert "\x1b" not in str(error) and "\x07" not in str(error)
    # The name is shown whole, each control as a visible escape: nothing hidden, nothing obeyed.
    assert str(error).endswith("evil\\x1b]0;pwned\\x07.txt: no such file or directory")


def test_load_error_keeps_path_and_reason() -> None:
    error = LoadError(Path("a/b.txt"), "file is empty")
    assert (error.path, error.reason, str(error)) == ("a/b.txt", "file is empty", "a/b.txt: file is empty")


# --- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("IRS acting commissioner is resigning over deal to send immigrants’ tax data to ICE, AP sources say", True),
        ("Acting IRS Chief Will Reportedly Resign Over Taxpayer Data Sharing Deal With ICE", True),
        ("Will the IRS share taxpayer data with ICE?", True),
        ("IRS chief quits.", True),
        ("Quick Takes", True),
        ("The acting commissioner of the Internal Revenue Service is anticipated to resign following the agency’s announcement.", False),
        ("the acting commissioner resigns", False),
        ("Sources say:", False),
        ("Washington,", False),
        ("Headline", False),
        ("A" * 150 + " " + "B" * 60, False),
        ("", False),
    ],
)
def test_looks_like_headline(line: str, headline: bool) -> None:
    assert looks_like_headline(line) is headline


@pytest.mark.parametrize(
    ("text", "markdown", "title"),
    [
        ("Intro paragraph first.\n\n## The Deal, Explained\n\nBody.", True, "The Deal, Explained"),
        ("# IRS Chief Resigns #\n\nBody text.", True, "IRS Chief Resigns"),
        ("#hashtag is not a heading.\n\nIRS chief resigns\n", True, "#hashtag is not a heading."),
        ("# Not used for plain text\nlower case opening line.", False, "# Not used for plain text"),
        ("Skip to content Skip to footer\n\nIRS Chief Resigns Over Deal\n", False, "IRS Chief Resigns Over Deal"),
        ("Advertisement\nthe story begins in lowercase. And goes on.", False, "the story begins in lowercase."),
        # a navigation bar and a byline above the headline are not the headline
        ("Home | News | Sport | Weather\nBy The Riverton Herald staff · 2026-09-17\nIRS Chief Resigns Over Deal\nBody.", False,
         "IRS Chief Resigns Over Deal"),
        ("By Jane Doe and John Roe, Associated Press\nIRS Chief Resigns Over Deal\nBody.", False, "IRS Chief Resigns Over Deal"),
        # ... but a headline that opens with "By" is one
        ("By the numbers: how the data deal works\nBody.", False, "By the numbers: how the data deal works"),
        ("\n\nThe acting commissioner resigned on Monday after the agency agreed to share data with ICE, officials said. More.", False,
         "The acting commissioner resigned on Monday after the agency agreed to share…"),
    ],
)
def test_guess_title(text: str, markdown: bool, title: str) -> None:
    assert guess_title(text, "stem", markdown=markdown) == title


def test_markdown_file_is_read_as_its_text_and_takes_its_heading(tmp_path: Path) -> None:
    text = "# IRS Chief Resigns\n\nMelanie *Krause* will step down.\n"
    article = load_article(_write(tmp_path / "story.MD", text.encode()))
    expected = "IRS Chief Resigns\n\nMelanie Krause will step down.\n"
    assert (article.text, article.title, article.source) == (expected, "IRS Chief Resigns", "story.MD")
    assert [s.text for s in article.sentences] == ["IRS Chief Resigns", "Melanie Krause will step down."]


# --- seeds ----------------------------------------------------------------------------------


def test_seed_folder_loads_five_articles_in_name_order() -> None:
    articles, errors = load_paths([default_seeds_dir()])
    assert errors == []
    assert [Path(a.path).name for a in articles] == [p.name for p in SEEDS]
    assert len(articles) == 5
    assert all(a.word_count > 300 for a in articles)


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_each_seed_is_faithful_to_its_file(seed: Path) -> None:
    article = load_article(seed)
    assert article.text == seed.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert article.source == seed.name
    assert article.date is None
    assert article.title and len(article.title) <= 200


def test_seed_titles() -> None:
    by_prefix = {p.name[:3]: load_article(p) for p in SEEDS}
    first_line = {k: a.text.split("\n", 1)[0] for k, a in by_prefix.items()}
    # 000 opens with its headline.
    assert by_prefix["000"].title == first_line["000"]
    # 001 opens with a long lead sentence: not a headline, so its start stands in, shortened.
    assert by_prefix["001"].title != first_line["001"]
    assert by_prefix["001"].title.endswith("…") and len(by_prefix["001"].title) <= 80
    assert first_line["001"].startswith(by_prefix["001"].title[:-1])
    # 003 opens with page furniture, then the headline.
    assert by_prefix["003"].title == "Acting IRS Chief Will Reportedly Resign Over Taxpayer Data Sharing Deal With ICE"
    # 004 starts with a blank line, which is kept.
    assert by_prefix["004"].text.startswith("\nThe IRS and DHS")


@pytest.mark.parametrize(
    "start",
    [
        "",  # no text before the story
        "Advertisement\nSkip to content\n",  # furniture, then a lead that is no headline
        "x" * 20000 + " ends here.\n",  # a first line longer than the part looked at
        "Short one.\n" + "word " * 5000,  # a headline, then one very long line
    ],
)
def test_a_long_text_has_the_title_of_its_head(start: str) -> None:
    from tui.core.titles import guess_title

    lead = "The acting commissioner of the Internal Revenue Service resigned on Tuesday over a data deal."
    short = start + lead + "\n"
    long = short + "\n".join(["More text follows, line after line."] * 50000)
    assert guess_title(long, "fallback") == guess_title(short, "fallback")


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>IRS chief resigns over data deal | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="IRS acting commissioner resigns over data deal">
<meta property="article:published_time" content="2025-04-08T14:03:00Z">
<link rel="canonical" href="https://news.example.com/politics/irs-chief">
</head><body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/subscribe">Subscribe for unlimited access</a></li>
</ul></nav></header>
<main><article>
<h1>IRS acting commissioner resigns over data deal</h1>
<p>WASHINGTON — The acting commissioner of the Internal Revenue Service is resigning over a deal to share
immigrants’ tax data with Immigration and Customs Enforcement, according to two people familiar with the decision.</p>
<p>Melanie Krause, who had served as acting head since February, will step down, the people said. They spoke on
condition of anonymity to discuss private personnel matters.</p>
<p>The agreement, signed Monday, allows ICE to submit names and addresses of immigrants who are in the country
illegally to the IRS for cross-verification against tax records, according to a court filing.</p>
</article></main>
<footer><p>© 2025 Example News. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_page_gives_main_text_and_metadata(tmp_path: Path, suffix: str) -> None:
    article = load_article(_write(tmp_path / f"irs{suffix}", PAGE.encode("utf-8")))
    assert article.title == "IRS acting commissioner resigns over data deal"
    assert article.source == "Example News"
    assert article.date == "2025-04-08"
    assert "Melanie Krause, who had served as acting head since February, will step down" in article.text
    assert "immigrants’ tax data" in article.text
    for boilerplate in ("Subscribe for unlimited access", "Politics", "All rights reserved", "<p>"):
        assert boilerplate not in article.text


def test_html_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace("©", "(c)")
    article = load_article(_write(tmp_path / "old.htm", page.encode("cp1252")))
    assert "immigrants’ tax data" in article.text
    assert "WASHINGTON — The acting" in article.text


def test_html_is_made_safe(tmp_path: Path) -> None:
    page = PAGE.replace("Melanie Krause,", "Melanie \x1b[31mKrause\x1b[0m,\u202e").replace(
        "<title>IRS", "<title>\x1b]0;pwned\x07IRS"
    )
    article = load_article(_write(tmp_path / "evil.html", page.encode("utf-8")))
    assert "\x1b" not in article.text and "\u202e" not in article.text
    assert "Melanie Krause, who had served" in article.text
    assert "[31m" not in article.text and "pwned" not in article.title


def test_trafilatura_is_imported_only_for_html() -> None:
    code = (
        "import sys\n"
        "from tui.core.loading import load_paths, default_seeds_dir\n"
        "articles, errors = load_paths([default_seeds_dir()])\n"
        "assert len(articles) == 5, errors\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'textual'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- folders and lists ----------------------------------------------------------------------


def _folder(root: Path) -> Path:
    folder = root / "versions"
    folder.mkdir()
    (folder / "b.md").write_text("# Second\n\nB text.\n", encoding="utf-8")
    (folder / "a.txt").write_text("First Version Headline\nA text.\n", encoding="utf-8")
    (folder / "c.html").write_text(PAGE, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.7")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (folder / ".hidden.txt").write_text("Hidden\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.txt").write_text("Deeper\n", encoding="utf-8")
    return folder


def test_folder_loads_supported_files_sorted(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    articles, errors = load_paths([folder])
    assert errors == []
    assert [a.label for a in articles] == ["a.txt", "b.md", "c.html"]
    assert [a.title for a in articles] == [
        "First Version Headline",
        "Second",
        "IRS acting commissioner resigns over data deal",
    ]


def test_folder_with_a_bad_file_reports_it_and_loads_the_rest(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "0-empty.txt").write_bytes(b"")
    articles, errors = load_paths([folder])
    assert [a.label for a in articles] == ["a.txt", "b.md", "c.html"]
    assert [str(e) for e in errors] == [f"{folder / '0-empty.txt'}: file is empty"]


def test_folder_with_nothing_supported_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF")
    articles, errors = load_paths([folder])
    assert articles == []
    assert [str(e) for e in errors] == [
        f"{folder}: no supported files in this folder (supported: .htm, .html, .md, .txt)"
    ]


def test_mixed_list_keeps_order_collects_errors_and_deduplicates(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    c = folder / "c.html"
    a_other_spelling = folder / "sub" / ".." / "a.txt"
    paths = [c, tmp_path / "missing.txt", folder, a_other_spelling, str(c), folder / "notes.pdf"]
    articles, errors = load_paths(paths)
    assert [a.label for a in articles] == ["c.html", "a.txt", "b.md"]
    twice = "the same file as one named before; it is read once"
    assert [e.reason for e in errors] == [
        "no such file or directory",
        twice,
        twice,
        "unsupported file type '.pdf' (supported: .htm, .html, .md, .txt)",
    ]


def test_empty_list_loads_nothing() -> None:
    assert load_paths([]) == ([], [])


def test_supported_suffixes_are_the_documented_ones() -> None:
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".md", ".html", ".htm"})
    assert MAX_ARTICLE_BYTES == 5 * 1024 * 1024


def test_default_seeds_dir_is_inside_the_package_and_is_the_project_folder() -> None:
    import tui

    package = Path(tui.__file__).resolve().parent
    assert default_seeds_dir() == package / "seeds"
    assert default_seeds_dir().resolve() == package.parent / "seeds"


# --- standard input -------------------------------------------------------------------------


class _Stdin:
    """What sys.stdin offers the loader: a binary buffer."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "title", "source", "text_start"),
    [
        ("Headline From A Pipe\r\nBody line.\r\n".encode("utf-8"), "Headline From A Pipe", "<stdin>", "Headline From A Pipe\nBody"),
        (SENTENCE.encode("cp1252"), SENTENCE[:79].rsplit(" ", 1)[0] + "…", "<stdin>", SENTENCE),
        (PAGE.encode("utf-8"), "IRS acting commissioner resigns over data deal", "Example News", "IRS acting"),
    ],
    ids=["text", "cp1252", "html"],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, title: str, source: str, text_start: str) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    article = load_article("-")
    assert (article.path, article.title, article.source) == ("-", title, source)
    assert article.text.startswith(text_start)


def test_stdin_through_load_paths_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"Piped Headline\nText.\n"))
    articles, errors = load_paths(["-", "-"])
    assert [a.path for a in articles] == ["-"]
    assert [(e.path, e.reason) for e in errors] == [("-", "the same file as one named before; it is read once")]


@pytest.mark.parametrize(
    ("stdin", "reason"),
    [
        (_Stdin(b""), "standard input is empty"),
        (_Stdin(b"\x00\x01\x02binary"), "binary file (contains NUL bytes), not text"),
        (None, "standard input is not available"),
    ],
)
def test_bad_stdin(monkeypatch: pytest.MonkeyPatch, stdin: object, reason: str) -> None:
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(LoadError) as caught:
        load_article("-")
    assert str(caught.value) == f"-: {reason}"


def test_stdin_larger_than_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_ARTICLE_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", _Stdin(b"word " * 300))
    with pytest.raises(LoadError, match=r"^-: input is too large"):
        load_article("-")
