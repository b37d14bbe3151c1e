"""Hostile strings an attacker can put in anything storydiff reads: the table every source is fed.

Each payload wraps a visible word, so a test can check both halves: what a terminal would obey
is gone, and what a reader should read (the word, and markup-looking text as typed) is still there.
"""

from __future__ import annotations

import re

# (id, payload, text that must still be visible once cleaned)
PAYLOADS: list[tuple[str, str, str]] = [
    ("csi-7bit", "\x1b[31mred\x1b[0m", "red"),
    ("csi-8bit", "\x9b31mred\x9b0m", "red"),
    ("csi-8bit-alone", "word\x9b", "word"),
    ("osc52-clipboard-7bit", "\x1b]52;c;cm0gLXJmIH4=\x1b\\clip", "clip"),
    ("osc2-title-bel", "\x1b]2;PWNED\x07title", "title"),
    ("osc-8bit", "\x9d2;PWNED\x9ctitle", "title"),
    ("osc8-hyperlink", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),
    ("dcs-7bit", "\x1bPq#0;2;0;0;0\x1b\\dcs", "dcs"),
    ("dcs-8bit", "\x90q#0\x9cdcs", "dcs"),
    ("bidi-override", "pay\u202eevil", "payevil"),
    ("bidi-isolate", "\u2066iso\u2069", "iso"),
    ("c1-nel", "a\x85b", "ab"),
    ("nul", "nu\x00l", "nul"),
    ("lone-surrogate", "sur\ud800rogate", "sur"),
    ("rich-link-markup", '[link="x]ok', '[link="x]ok'),
    ("textual-click-markup", "[@click=app.quit]CLICK ME", "[@click=app.quit]CLICK ME"),
    ("rich-style-markup", "[bold red]boom", "[bold red]boom"),
    ("closing-markup", "[/]x[/bold]", "[/]x[/bold]"),
    ("carriage-return", "safe\rEVIL", "EVIL"),
]

# What must never reach a screen: C0 controls but newline, DEL, C1 controls, bidi embeddings,
# overrides and isolates, lone surrogates.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def forbidden_in(text: str) -> list[str]:
    """The forbidden characters in `text`, as escapes for a readable failure."""
    return [f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)]
