"""What reaches the terminal when every source of outside text carries a hostile payload.

One reader per payload (tests/payloads.py): the payload is put in a file name, an HTML page's
title and site name, a file that fails to load (its error message), an imported note, tag,
version path and quote, the config's theme and a keymap id. The reader opens on all of it,
the annotation and bookmark lists are opened, and each screen is rendered to the bytes a
terminal would receive. Rich's own colour and cursor sequences are set aside; anything else a
terminal would obey (ESC, C1, bidi controls, NUL, ...) counts as a byte that reached it, and the
goal is zero. Markup in the payloads must show as typed, and must neither crash nor act.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from payloads import PAYLOADS, forbidden_in
from tui.app import StorydiffApp
from tui.core.loading import load_paths
from tui.core.model import Article
from tui.store import NoteStore
from tui.store.transfer import TransferError, export_notes, import_notes

Settle = Callable[[Pilot], Awaitable[None]]
SIZE = (200, 50)
SENTENCES = "Melanie Krause resigned on Tuesday. The deal was signed on Monday. She had served since February.\n"
OTHER = "Melanie Krause quit on Tuesday. The deal was signed on Monday. She served from February on.\n"
UNOPENED = "A version nobody opened in this session. It has one more sentence.\n"

# Rich's own output: SGR colours, cursor positioning and the sequences that wrap a frame.
_RICH_OWN = re.compile(r"\x1b\[[0-9;?]*[mHJKlh]")


def terminal_bytes(app: App) -> str:
    """The screen as a terminal would receive it, less the sequences Rich itself writes."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return _RICH_OWN.sub("", console.file.getvalue())


def toasts(app: App) -> list[str]:
    return [toast.render().plain for toast in app.screen.query(Toast)]


def _file_name_ok(payload: str) -> bool:
    return "/" not in payload and "\x00" not in payload and "\ud800" not in payload


def _sources(tmp: Path, payload: str, config_dir: Path, data_dir: Path) -> tuple[list[Article], list[str], list[str]]:
    """Put `payload` in every source; returns the loaded articles, load errors and the sources tried."""
    tried = []
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(SENTENCES, encoding="utf-8")
    name = payload if _file_name_ok(payload) else "plain"
    (docs / f"{name}.txt").write_text(OTHER, encoding="utf-8")
    (docs / f"{name} empty.txt").write_bytes(b"")
    if _file_name_ok(payload):
        tried += ["file name", "load error"]
    escaped = html.escape(payload.replace("\x00", ""), quote=True)
    (docs / "page.html").write_text(
        f'<html><head><title>{escaped} Headline</title><meta property="og:site_name" content="{escaped} Site"></head>'
        f"<body><article><p>{OTHER * 3}</p></article></body></html>", encoding="utf-8", errors="surrogatepass")
    tried += ["html title", "html site"]
    articles, errors = load_paths([str(docs)])
    # Notes, tags and a version path from an import.
    source = tmp / "source-store"
    with NoteStore.open(source) as store:
        read = next(a for a in articles if a.path.endswith("a.txt"))
        store.add_annotation(read, 0, 34, "plain note", ["plain"])
        store.add_annotation(Article(path=str(tmp / "unopened.txt"), text=UNOPENED), 0, 10, "unopened note")
        store.toggle_bookmark(Article(path=str(tmp / "unopened.txt"), text=UNOPENED), 0, 40)
        document = json.loads(export_notes(store, "json"))
    for note in document["annotations"]:
        note["note"] = f"{payload} note"
        note["tags"] = [payload]
    for version in document["versions"]:
        if version["path"].endswith("unopened.txt"):
            version["path"] = f"/elsewhere/{payload}.txt"
    exported = tmp / "export.json"
    exported.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    with NoteStore.open(data_dir) as store:
        import_notes(store, exported)
        tried += ["imported note", "imported tag", "imported path"]
        # A quote must be the passage at its offsets, so a hostile quote is refused whole.
        document["annotations"][0]["selector"]["exact"] = payload
        document["annotations"][0]["id"] = "another-id"
        exported.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
        with pytest.raises(TransferError):
            import_notes(store, exported)
        tried.append("imported quote")
    quoted = json.dumps(payload)  # JSON escapes are valid TOML basic-string escapes
    (config_dir / "config.toml").write_text(
        f"theme = {quoted}\n[keymap]\n{quoted} = \"j\"\nhelp = {quoted}\n", encoding="utf-8"
    )
    tried += ["config theme", "keymap id", "keymap keys"]
    return articles, [str(e) for e in errors], tried


REPORT: list[tuple[str, int, int]] = []


@pytest.mark.parametrize(("name", "payload", "visible"), PAYLOADS, ids=[p[0] for p in PAYLOADS])
async def test_no_payload_from_any_source_reaches_the_terminal(
    name: str, payload: str, visible: str, tmp_path: Path, config_dir: Path, data_dir: Path, settle: Settle
) -> None:
    articles, load_errors, tried = _sources(tmp_path, payload, config_dir, data_dir)
    app = StorydiffApp(articles, load_errors=load_errors)
    reached: list[str] = []
    seen = ""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen += terminal_bytes(app) + "\n".join(toasts(app))
        reached += forbidden_in(terminal_bytes(app).replace("\n", ""))
        for key, title in (("A", "Annotations"), ("apostrophe", "Bookmarks")):
            await pilot.press(key)
            await settle(pilot)
            assert title in terminal_bytes(app)  # the list is open: its entries are on screen
            seen += terminal_bytes(app)
            reached += forbidden_in(terminal_bytes(app).replace("\n", ""))
            await pilot.press("escape")
            await settle(pilot)
        assert app.is_running  # markup did not quit it or crash it
    REPORT.append((name, len(tried), len(reached)))
    assert reached == [], f"{name}: {reached} reached the terminal from {tried}"
    if visible.startswith("["):  # markup is shown as typed, not obeyed
        flat = re.sub(r"\s+", "", seen)
        assert re.sub(r"\s+", "", visible) in flat


def test_report_figures() -> None:
    """Prints payloads x sources tried and bytes that reached the terminal (run after the table)."""
    if REPORT:
        tried = sum(row[1] for row in REPORT)
        reached = sum(row[2] for row in REPORT)
        print(f"\n{len(REPORT)} payloads, {tried} payload x source cases, {reached} bytes reached the terminal")
