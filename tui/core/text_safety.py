"""Make untrusted article text safe to show in a terminal, once, when it is loaded.

Articles come from saved web pages, pasted text and files of unknown origin. A terminal reads
some characters as commands rather than text: an escape sequence can recolour the screen, move
the cursor, set the window title, write to the clipboard or hide text; a carriage return can
make a line overwrite itself; and Unicode bidi overrides can make a line show its characters in
an order other than the one stored, so what the reader sees is not what is compared or noted.
Everything else in storydiff (offsets, diffs, annotation anchors) refers to the cleaned text,
so cleaning happens exactly once, before an `Article` is built, and never again.

What is kept: ordinary Unicode (curly quotes, dashes, accents, emoji), tabs and newlines, and
text that merely looks like markup (`[bold]`, `<b>`): the UI renders text literally, so markup
is harmless and removing it would change what the author wrote.

Invisible characters that only hint at layout (zero-width space, word joiner, a BOM inside the
text, the soft hyphen) are removed too: they would make two words that look the same compare as
different. The zero-width joiner and non-joiner stay: scripts and emoji need them.

Article text is not the only text from outside. File names, HTML titles and site names, imported
notes, tags and quotes, stored paths, config values, and error messages quoting any of them are
cleaned by `clean_outside` where they enter, which also gives undecodable bytes of a file name a
visible replacement and can flatten the text to one line for labels and titles.
"""

from __future__ import annotations

import re

# String-type sequences (OSC, DCS, SOS, PM, APC) run until BEL or a String Terminator (ESC \ or
# the 8-bit ST U+009C). One that is never terminated is cut at the end of its line, not at the
# end of the text, so a stray introducer cannot swallow a whole article.
_STRING_BODY = r"[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"

_SEQUENCE = re.compile(
    "|".join(
        (
            # CSI, 7-bit and 8-bit: parameters, intermediates, then a final byte (which may be
            # missing when the text was cut mid-sequence).
            r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?",
            # OSC (ESC ]), DCS (ESC P), SOS (ESC X), PM (ESC ^), APC (ESC _) and their 8-bit forms.
            r"(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])" + _STRING_BODY,
            # Every other escape sequence: ESC, optional intermediates, one final byte
            # (ESC 7, ESC c, ESC ( B, ...).
            r"\x1b[ -/]*[0-~]",
        )
    )
)

# Left over after sequences are gone: C0 controls except tab and newline, DEL, C1 controls,
# the bidi embedding/override (U+202A-U+202E) and isolate (U+2066-U+2069) controls, and lone
# surrogates (only reachable through str input, never through decoding; they cannot be printed).
# Also the invisible layout hints: soft hyphen, Mongolian vowel separator, zero-width space, word
# joiner and invisible operators, and U+FEFF inside the text.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)

# Every line break becomes "\n" so that all code can split lines one way and agree on offsets:
# CR LF and lone CR (a lone CR would also let a line overwrite itself on screen), and the
# Unicode line and paragraph separators that str.splitlines() would otherwise count as breaks.
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")


def normalize_newlines(text: str) -> str:
    """Turn CR LF, lone CR and U+2028/U+2029 into LF, so lines mean the same to every reader."""
    # Three substring tests cost far less than a scan by the pattern, and most texts have none.
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        return text
    return _LINE_BREAK.sub("\n", text)


def make_safe(text: str) -> str:
    """Return `text` without anything a terminal would act on rather than display.

    Idempotent: the result contains no ESC, no C1 control and no CR, so nothing in it can start
    another sequence, and cleaning it again changes nothing.
    """
    text = normalize_newlines(text)
    # Every sequence starts with a control character (ESC or a C1 control), so a text without
    # one has nothing to remove; one search of the simple class is much cheaper than the scan.
    if _CONTROL.search(text) is None:
        return text
    text = _SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


# Lone surrogates in a str from outside are undecodable bytes of a file name (Python's
# "surrogateescape") or broken input; either way they are shown as U+FFFD, not silently dropped.
_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def clean_outside(value: object, *, one_line: bool = True) -> str:
    """The one way a string from outside becomes text storydiff may show, store or quote.

    For file names and paths, HTML metadata, imported notes, tags, quotes and paths, config values,
    and error messages built from them. `make_safe` removes whatever a terminal would obey;
    undecodable bytes (bytes input, or the surrogates Python uses for them in file names) become
    a visible U+FFFD; with `one_line` (labels, titles, tags, messages) tabs and line breaks become
    spaces, so one value cannot fake a second line. Markup such as `[bold]` is kept: it is drawn as
    text, never parsed. Idempotent, and never raises.
    """
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    if _SURROGATE.search(text) is not None:
        text = _SURROGATE.sub(_REPLACEMENT, text)
    text = make_safe(text)
    if one_line and ("\n" in text or "\t" in text):
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def is_safe(text: str) -> bool:
    """True when `make_safe` would leave `text` unchanged; cheap check for code that receives text."""
    return _CONTROL.search(text) is None and _LINE_BREAK.search(text) is None
