"""WCAG 2.x colour contrast (relative luminance), for "#RRGGBB" colours."""
from __future__ import annotations

MIN_RATIO = 4.5  # WCAG 2.x AA for text (the issue asks it of all text, large or not)


def luminance(color: str) -> float:
    def chan(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    h = color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
