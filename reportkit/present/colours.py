"""Which theme colour fills a score, likelihood, position or tone, and which text goes on a fill.

Text on a fill is chosen by WCAG 2 contrast between the theme's own text and page colours, the same
rule for every edition: the print theme's mid greys get the same ink in the memo and the deck.
"""
from __future__ import annotations

from functools import lru_cache

_STANCE_KEYS = {-2: "strongly_oppose", -1: "oppose", 0: "neutral", 1: "support", 2: "strongly_support"}
AA_NORMAL = 4.5  # WCAG 2 level AA, normal-size text
AA_LARGE = 3.0  # WCAG 2 level AA, large text (18 pt, or 14 pt bold)
MIN_TEXT_PT = 7.0  # no text in any edition is set smaller (print legibility; tests/theme/test_legibility.py)


def stance_key(score: int | None) -> str:
    """The theme key for a score's colour (``stance.none`` where the source gives no stance)."""
    return "stance.none" if score is None else f"stance.{_STANCE_KEYS[score]}"


def fill_key(kind: str, value) -> str:
    """The theme key that colours a datum: ``fill_key("likelihood", "medium")`` -> ``likelihood.medium``.
    A position nobody stated takes the "no stance" fill, so a grid's blanks look alike everywhere."""
    if kind == "stance":
        return stance_key(value)
    if kind == "position" and value == "unknown":
        return "stance.none"
    return f"{kind}.{value}"


def fill_for(theme, kind: str, value) -> str:
    """The "#RRGGBB" fill of a datum in ``theme``; an unknown tone falls back to the muted colour."""
    key = fill_key(kind, value)
    return theme.color(key) if theme.get(key) else theme.color("color.muted")


@lru_cache(maxsize=512)  # a theme has a few dozen colours; every label on every fill asks again
def luminance(color: str) -> float:
    """WCAG 2 relative luminance of "#RRGGBB"."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 .. 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def passes_aa(text: str, fill: str, large: bool = False) -> bool:
    return contrast(text, fill) >= (AA_LARGE if large else AA_NORMAL)


def text_on(fill: str, theme=None, dark: str | None = None, light: str | None = None) -> str:
    """The text colour for ``fill``: whichever of the theme's text colour (dark) and page colour
    (light) contrasts more with it; pure black or white where that is below 4.5:1 (WCAG AA, every
    text size: docs/accessibility.md). Without a theme: near-black or white."""
    if theme is not None:
        dark, light = dark or theme.color("color.text"), light or theme.color("color.page")
    dark, light = dark or "#1B1F24", light or "#FFFFFF"
    best = dark if contrast(dark, fill) >= contrast(light, fill) else light
    if contrast(best, fill) < AA_NORMAL:  # a mid grey (print "Conditional": 3.9 and 4.3:1): black or white
        best = "#000000" if contrast("#000000", fill) >= contrast("#FFFFFF", fill) else "#FFFFFF"
    return best
