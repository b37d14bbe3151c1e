"""Turn files, folders and standard input into `Article`s, or into one-line reasons why not.

Every article passes through here: bytes are decoded (whatever encoding a saved page or an old
text file came in), line breaks normalised and the text made safe for the terminal exactly once,
so every offset computed later refers to the same text. Anything that goes wrong becomes a
`LoadError` with a message a reader can act on, never a traceback.

Rules, in one place:

- Supported inputs are `SUPPORTED_SUFFIXES` (case-insensitive) and `-` for standard input.
  HTML pages go through trafilatura (imported only when one is loaded) for their main text,
  title, site name and date; Markdown and plain text are kept as written (a Markdown file keeps
  its `#` headings in the text). Standard input is read as HTML when it starts like an HTML
  document, otherwise as plain text.
- Decoding (`decoding.decode_bytes`): a BOM wins (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE; the BOM is dropped); otherwise strict
  UTF-8, then Windows-1252, whose five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) are read as
  Latin-1, so decoding never fails.
- The text is otherwise kept as loaded: leading blank lines and inner whitespace stay.
- Title: see `titles.guess_title`. Source: the HTML site name (or host name), else the file name.
- A file name is outside input like the text: `Article.path` keeps every byte of it as valid
  UTF-8 text (`path_text`: an undecodable byte becomes a visible `\\xe9` escape), so it can be
  stored and printed in JSON; the title, source and date are cleaned by `clean_outside`.
- Folders are read one level deep, files sorted by name; hidden files, sub-folders and
  unsupported files are skipped, but a folder with nothing to load is an error.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .decoding import SNIFF_BYTES, binary_reason, decode_bytes
from .model import Article
from .text_safety import clean_outside, make_safe
from .titles import collapse_whitespace, guess_title

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm"})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
MARKDOWN_SUFFIXES: frozenset[str] = frozenset({".md"})

# A news story is tens of kilobytes; a saved page with inline scripts a few megabytes. Anything
# past this is not an article, and reading and aligning it would freeze the reader.
MAX_ARTICLE_BYTES: int = 5 * 1024 * 1024
# `storydiff align` has no screen to freeze, and is used on long documents (a 50,000-sentence
# version is about 8 MiB); its cap still stops an endless stream or a disk image given by mistake.
ALIGN_MAX_ARTICLE_BYTES: int = 16 * 1024 * 1024

STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"

_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S)


class LoadError(Exception):
    """Why one input could not be loaded, as one line: "<path>: <reason>"."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path: str = path_text(path)
        self.reason: str = reason
        super().__init__(self.path, reason)

    def __str__(self) -> str:
        # A file name can itself hold control characters; the message goes straight to a terminal.
        return clean_outside(f"{self.path}: {self.reason}")


# Characters a name may hold that a terminal would obey, or that would break a line: C0 and C1
# controls, DEL, bidi embeddings, overrides and isolates, line and paragraph separators.
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def path_text(path: str | bytes | os.PathLike[str]) -> str:
    """A path as text that is valid UTF-8, safe to print, and keeps every byte of the name.

    Python gives a file name that is not UTF-8 (`café.txt` saved in Latin-1) as a str holding
    surrogates, which SQLite, JSON and a strict UTF-8 terminal all refuse. Each such byte becomes
    a backslash escape (`caf\\xe9.txt`), and so does each character a terminal would obey (an
    ESC in a name shows as `\\x1b`): visible, printable anywhere the path goes (the store, the
    align JSON, messages), and naming what it stands for.
    """
    text = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    if _NAME_CONTROL.search(text) is None:
        return text
    return _NAME_CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _supported_list() -> str:
    return ", ".join(sorted(SUPPORTED_SUFFIXES))



def _too_large(size: int, cap: int) -> str:
    return f"file is too large ({size / 1048576:.1f} MiB; the limit is {cap / 1048576:g} MiB)"


def _os_reason(exc: OSError) -> str:
    """One line for an OS failure, without the path the OS message would repeat."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, NotADirectoryError):
        return "not a directory"
    return (exc.strerror or str(exc) or type(exc).__name__).splitlines()[0].lower()


def _read_limited(stream: BinaryIO, shown: str, cap: int) -> bytes:
    """Read at most the size cap plus one byte, so an endless stream cannot exhaust memory."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise LoadError(shown, f"input is too large (more than {cap / 1048576:g} MiB)")
    return bytes(data)


# --- building articles ----------------------------------------------------------------------


# `&#27;` or `&#x9b;` in a page becomes a control character when parsed, which lxml refuses
# with the whole page; such a reference stands for nothing a reader should see, so it goes.
_CHARACTER_REFERENCE = re.compile(r"&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,8}));?")


def _unless_control(match: re.Match[str]) -> str:
    decimal, hexadecimal = match.groups()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return ""
    return "" if make_safe(chr(code)) != chr(code) and code not in (0x0D,) else match.group(0)


def _without_control_references(html: str) -> str:
    if "&#" not in html:
        return html
    return _CHARACTER_REFERENCE.sub(_unless_control, html)


def _article_from_html(shown: str, raw: str, file_name: str, fallback_title: str) -> Article:
    try:
        import trafilatura  # deferred: slow to import and only needed for saved pages
    except ImportError as exc:
        raise LoadError(shown, f"cannot read HTML pages: trafilatura is not usable ({exc})") from None
    try:
        # Cleaned before parsing too: lxml drops a bare ESC but keeps the "[31m" after it, so
        # sequences are removed whole here, and the extracted fields are cleaned again below.
        doc = trafilatura.bare_extraction(
            _without_control_references(make_safe(raw)), with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura and lxml raise many types on malformed pages
        raise LoadError(shown, f"could not extract text from the HTML page ({type(exc).__name__})") from None
    body = getattr(doc, "text", None) if doc is not None else None
    text = make_safe(body or "")
    if not text.strip():
        raise LoadError(shown, "no article text found in the HTML page")
    title = collapse_whitespace(clean_outside(getattr(doc, "title", None) or ""))
    site = collapse_whitespace(clean_outside(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or ""))
    date = collapse_whitespace(clean_outside(getattr(doc, "date", None) or "")) or None
    return Article(
        path=shown,
        text=text,
        title=title or guess_title(text, fallback_title),
        source=site or file_name,
        date=date,
    )


def _build_article(shown: str, data: bytes, kind: str, file_name: str, stem: str) -> Article:
    """Decode, check and clean `data`; `kind` is "html", "markdown" or "text"."""
    file_name, stem = clean_outside(file_name), clean_outside(stem)
    decoded = decode_bytes(data)
    reason = binary_reason(data, decoded)
    if reason:
        raise LoadError(shown, reason)
    if kind == "html":
        return _article_from_html(shown, decoded, file_name, stem)
    text = make_safe(decoded)
    heading = None
    if kind == "markdown":
        from .markdown_text import markdown_text

        parsed = markdown_text(text)
        text, heading = parsed.text, parsed.title
    if not text.strip():
        raise LoadError(shown, "file is empty" if not data else "file has no text (only whitespace or control characters)")
    return Article(
        path=shown,
        text=text,
        title=heading or guess_title(text, stem),
        source=file_name,
    )


def _kind_for_suffix(suffix: str) -> str:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _load_stdin(cap: int) -> Article:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise LoadError(STDIN_PATH, "standard input is not available")
    try:
        data = _read_limited(stream, STDIN_PATH, cap)
    except OSError as exc:
        raise LoadError(STDIN_PATH, _os_reason(exc)) from None
    if not data:
        raise LoadError(STDIN_PATH, "standard input is empty")
    kind = "html" if _HTML_START.match(data[:SNIFF_BYTES].lstrip(codecs.BOM_UTF8)) else "text"
    return _build_article(STDIN_PATH, data, kind, STDIN_SOURCE, STDIN_SOURCE)


def _check_path_text(shown: str | bytes) -> None:
    """Refuse names the OS cannot take, before pathlib turns them into ValueError or into "."."""
    if not shown:
        raise LoadError(shown, "empty path")
    if ("\x00" if isinstance(shown, str) else b"\x00") in shown:
        raise LoadError(shown, "invalid path (contains a NUL character)")


def load_article(path: str | os.PathLike[str], max_bytes: int | None = None) -> Article:
    """Load one file (or standard input for "-") as an Article, or raise LoadError.

    `max_bytes`: the size cap, `MAX_ARTICLE_BYTES` unless given."""
    cap = MAX_ARTICLE_BYTES if max_bytes is None else max_bytes
    raw = os.fspath(path)
    if raw == STDIN_PATH:
        return _load_stdin(cap)
    _check_path_text(raw)
    shown = path_text(raw)
    file_path = Path(raw)
    try:
        info = file_path.stat()  # a missing file is "no such file", whatever its name
        if file_path.is_dir():
            raise LoadError(shown, "is a directory (folders can be given on the command line)")
        suffix = file_path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            what = f"'{suffix}'" if suffix else "without a suffix"
            raise LoadError(shown, f"unsupported file type {what} (supported: {_supported_list()})")
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end; only regular files are articles.
            raise LoadError(shown, "not a regular file")
        size = info.st_size
        if size > cap:
            raise LoadError(shown, _too_large(size, cap))
        with open(file_path, "rb") as stream:
            data = _read_limited(stream, shown, cap)
    except OSError as exc:
        raise LoadError(shown, _os_reason(exc)) from None
    return _build_article(shown, data, _kind_for_suffix(suffix), path_text(file_path.name), path_text(file_path.stem))


def _expand_directory(directory: Path, shown: str) -> list[Path]:
    """The supported files directly inside `directory`, sorted by name."""
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
        files = [
            entry
            for entry in entries
            if not entry.name.startswith(".")
            and entry.suffix.lower() in SUPPORTED_SUFFIXES
            and entry.is_file()
        ]
    except OSError as exc:
        raise LoadError(shown, _os_reason(exc)) from None
    if not files:
        raise LoadError(shown, f"no supported files in this folder (supported: {_supported_list()})")
    return files


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def plan_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str | LoadError]:
    """What loading `paths` will read, in order, without reading any file: each file to load
    (folders expanded one level), or the `LoadError` of an input that cannot be read at all.

    Planning is cheap (names and `stat` only), so the reader can show its first screen and read
    the files afterwards. A file named twice (directly, through a folder, or through a different
    spelling of its path) is planned once, where it first appears; a second naming by the user
    (not by a folder) is planned as an error, so nothing is merged silently.
    """
    planned: list[str | LoadError] = []
    seen: set[str] = set()

    def plan_one(path: str, key: str, named: bool = True) -> None:
        if key in seen:
            if named:  # named twice by the user (a folder's files may repeat one, as expected)
                planned.append(LoadError(path, "the same file as one named before; it is read once"))
            return
        seen.add(key)
        planned.append(path)

    for given in paths:
        shown = os.fspath(given)
        if shown == STDIN_PATH:
            plan_one(STDIN_PATH, STDIN_PATH)
            continue
        try:
            _check_path_text(shown)
        except LoadError as error:
            planned.append(error)
            continue
        path = Path(shown)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            plan_one(shown, _identity(path))
            continue
        try:
            files = _expand_directory(path, shown)
        except LoadError as error:
            planned.append(error)
            continue
        for file in files:
            plan_one(str(file), _identity(file), named=False)
    return planned


def load_planned(item: str | LoadError, max_bytes: int | None = None) -> Article:
    """Load one planned item (`plan_paths`), or raise its LoadError."""
    if isinstance(item, LoadError):
        raise item
    return load_article(item, max_bytes)


def load_paths(
    paths: Sequence[str | os.PathLike[str]], max_bytes: int | None = None
) -> tuple[list[Article], list[LoadError]]:
    """Load everything named (`plan_paths`, then each file), keeping order and collecting errors.

    `max_bytes`: the size cap of each file, `MAX_ARTICLE_BYTES` unless given.

    One bad input must not stop the others from opening, so errors are returned, not raised.
    """
    articles: list[Article] = []
    errors: list[LoadError] = []
    for item in plan_paths(paths):
        try:
            articles.append(load_planned(item, max_bytes))
        except LoadError as error:
            errors.append(error)
    return articles, errors


def default_seeds_dir() -> Path:
    """The sample versions shipped with the project, for a first run with no arguments."""
    import tui  # the package root, not Textual: safe under tui/core

    # Inside the package (tui/seeds, installed with it; in a checkout a link to seeds/), else the
    # checkout's own folder.
    package = Path(tui.__file__).resolve().parent
    for bundled in (package / "seeds", package.parent / "seeds"):
        if bundled.is_dir():
            return bundled
    return Path("seeds")
