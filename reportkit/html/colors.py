"""Colour rules the web edition needs. Kept here, in one small module, until reportkit/present holds
the shared ones (text_on); then this module should import them instead of spelling them again."""
from __future__ import annotations


def _channel(c: int) -> float:
    c = c / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    """WCAG 2.1 relative luminance of ``#RRGGBB``."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str, dark: str = "#1B1F24", light: str = "#FFFFFF") -> str:
    """The text colour that reads better on ``fill`` (the theme's text or page colour); black or white
    when neither reaches WCAG AA's 4.5:1 (a theme may pick two mid greys)."""
    best = max((dark, light), key=lambda c: contrast(c, fill))
    if contrast(best, fill) >= 4.5:
        return best
    return max(("#000000", "#FFFFFF"), key=lambda c: contrast(c, fill))


def readable(color: str, background: str, fallback: str) -> str:
    """``color`` for text on ``background`` when it reaches 4.5:1, else ``fallback`` (the text colour)."""
    return color if contrast(color, background) >= 4.5 else fallback
