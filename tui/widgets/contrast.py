"""Readable marks in every theme: colours moved toward black or white until they contrast enough.

Theme colours ($error, $secondary, ...) are chosen for buttons and borders, not for thin text on
the theme's own background: red words on a dark surface are 3.4:1 in the default theme, and the
secondary colour on its background 1.9:1. WCAG's 4.5:1 for normal text is the bar here, measured
the way WCAG measures it (relative luminance).
"""

from __future__ import annotations

from textual.color import Color

MINIMUM_CONTRAST = 4.5
"""WCAG 2 AA for normal text."""

_BLACK = Color(0, 0, 0)
_WHITE = Color(255, 255, 255)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour."""
    return 0.2126 * _channel(color.r) + 0.7152 * _channel(color.g) + 0.0722 * _channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(foreground: Color, background: Color, minimum: float = MINIMUM_CONTRAST) -> Color:
    """`foreground`, or the least change of it toward black or white (whichever the background
    contrasts with more) that reaches `minimum` contrast on `background`. Its hue is kept as far
    as the bar allows, so red stays reddish."""
    if contrast(foreground, background) >= minimum:
        return foreground
    target = _WHITE if contrast(_WHITE, background) >= contrast(_BLACK, background) else _BLACK
    low, high = 0.0, 1.0
    for _ in range(12):  # bisect the blend factor: 1/4096 is finer than a colour step
        middle = (low + high) / 2
        if contrast(foreground.blend(target, middle), background) >= minimum:
            high = middle
        else:
            low = middle
    return foreground.blend(target, high)
