"""Bytes to text, whatever encoding a saved page or an old text file came in, and binary data told apart.

Kept apart from `loading` because it is the one place that decides what a byte means: it knows
nothing of files, paths or titles, and `loading` calls it once per input so every later offset
refers to the same decoded text.
"""

from __future__ import annotations

import codecs
import re

from .text_safety import normalize_newlines

# How much of the start of a file is inspected to tell text from binary data.
SNIFF_BYTES = 8192
# Text with more than this share of control characters (tab, newline, CR, FF and ESC aside)
# is binary data, or text so damaged that showing it would help nobody.
_MAX_CONTROL_RATIO = 0.10

# Checked longest first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _latin1_for_undefined(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes cp1252 leaves undefined as their Latin-1 characters."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


_LATIN1_FALLBACK = "storydiff-latin1-fallback"
codecs.register_error(_LATIN1_FALLBACK, _latin1_for_undefined)


def decode_bytes(data: bytes) -> str:
    """Decode file contents whatever their encoding, with every line break made "\\n".

    Never raises: strict UTF-8 first (so valid UTF-8 is never misread), then Windows-1252,
    which is what most non-UTF-8 English news text is; Latin-1 covers the bytes cp1252 leaves
    undefined. A leading BOM picks the encoding and is dropped.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return normalize_newlines(text)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors=_LATIN1_FALLBACK)
    return normalize_newlines(text)


def _has_unicode_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def binary_reason(data: bytes, text: str) -> str | None:
    """Why the data looks binary, or None when it reads as text."""
    if not _has_unicode_bom(data) and b"\x00" in data[:SNIFF_BYTES]:
        return "binary file (contains NUL bytes), not text"
    sample = text[:SNIFF_BYTES]
    if sample:
        controls = len(_BINARY_CONTROL.findall(sample))
        if controls / len(sample) > _MAX_CONTROL_RATIO:
            return "binary file (mostly control characters), not text"
    return None
