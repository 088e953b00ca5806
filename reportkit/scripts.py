"""Which writing system a character belongs to, and which shipped font draws it when the theme's
font (Carlito by default: Latin, Greek, Cyrillic) has no glyph for it.

Shared by the memo (which embeds the font) and the deck (which measures with its widths and names a
font for PowerPoint). Pure: no renderer imported. The fonts live in ``reportkit/fonts`` with their
licences; each is read only when the content needs it (the reference briefing needs none of them).
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# (first, last) code point ranges per script; everything else is "other"
_RANGES = (
    ("hebrew", 0x0590, 0x05FF), ("arabic", 0x0600, 0x06FF), ("arabic", 0x0750, 0x077F),
    ("arabic", 0x0870, 0x08FF), ("hangul", 0x1100, 0x11FF), ("cjk", 0x2E80, 0x2FDF),
    ("cjk", 0x3000, 0x303F), ("kana", 0x3040, 0x30FF), ("cjk", 0x3100, 0x312F), ("hangul", 0x3130, 0x318F),
    ("cjk", 0x3190, 0x31EF), ("kana", 0x31F0, 0x31FF), ("cjk", 0x3200, 0x4DBF), ("cjk", 0x4E00, 0x9FFF),
    ("hangul", 0xA960, 0xA97F), ("hangul", 0xAC00, 0xD7FF), ("cjk", 0xF900, 0xFAFF),
    ("hebrew", 0xFB1D, 0xFB4F), ("arabic", 0xFB50, 0xFDFF), ("cjk", 0xFE30, 0xFE4F),
    ("arabic", 0xFE70, 0xFEFF), ("cjk", 0xFF00, 0xFFEF), ("cjk", 0x20000, 0x3134F),
)
RTL = frozenset({"arabic", "hebrew"})
EAST_ASIAN = frozenset({"cjk", "kana", "hangul"})

# script -> (regular file, bold file or None): the shipped font that draws it
FALLBACK_FILES = {
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "hebrew": ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    "cjk": ("WenQuanYiMicroHei.ttf", None),
    "kana": ("WenQuanYiMicroHei.ttf", None),
    "hangul": ("WenQuanYiMicroHei.ttf", None),
    "other": ("Symbola.ttf", None),  # symbols, arrows, emoji (outline, not colour)
}

# what PowerPoint is told to use for East Asian (<a:ea>) and complex-script (<a:cs>) text: fonts that
# Windows and macOS installs carry; a viewer without them substitutes a font with the glyphs
DECK_EA_FONT = {"hangul": "Malgun Gothic", "kana": "Yu Gothic", "cjk": "Microsoft YaHei"}
DECK_CS_FONT = "Arial"


def script(ch: str) -> str:
    """``"latin"`` for ASCII and the alphabets Carlito covers, else the script's name (see ``_RANGES``)."""
    cp = ord(ch)
    if cp < 0x0590:
        return "latin"
    for name, lo, hi in _RANGES:
        if lo <= cp <= hi:
            return name
        if cp < lo:
            break
    return "other"


def is_rtl(ch: str) -> bool:
    return script(ch) in RTL


def is_wide(ch: str) -> bool:
    """An East Asian character: a line may break before or after it (no spaces between words)."""
    return script(ch) in EAST_ASIAN


_ISOLATES = {"\u2066": 1, "\u2067": 1, "\u2068": 1, "\u2069": -1}  # LRI RLI FSI open, PDI closes


def first_strong(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"`` by the first strong character of ``text`` (UAX #9, rules P2 and P3:
    letters of class L, R or AL; text inside isolates skipped), None when it has none."""
    import unicodedata

    depth = 0
    for c in text:
        step = _ISOLATES.get(c)
        if step:
            depth = max(0, depth + step)
            continue
        if depth:
            continue
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def is_rtl_paragraph(text: str) -> bool:
    """The rule every edition follows for a paragraph's direction: a paragraph whose first strong
    character is right-to-left is a right-to-left paragraph (right-aligned, its lines laid out right
    to left, bullets on the right); any other paragraph, such as "Zarif (محمد جواد ظریف)", stays left
    to right with its right-to-left runs inside. Emphasis markers (``*``) are neutral, so content text
    can be passed as it is."""
    return first_strong(text) == "rtl"


@dataclass(frozen=True)
class Segment:
    text: str
    rtl: bool


def _strong_ltr(ch: str) -> bool:
    return ch.isalpha() and not is_rtl(ch)


def segments(text: str) -> list[Segment]:
    """Left-to-right and right-to-left runs of ``text``, in logical order: a right-to-left run spans
    from its first right-to-left letter to the last one before the next left-to-right letter, with the
    spaces, digits and punctuation between (so "Zarif (محمد جواد ظریف)" keeps its brackets outside the
    run). The memo shapes these runs; Word marks them ``w:rtl``."""
    out: list[Segment] = []
    n, i, start = len(text), 0, 0
    while i < n:
        if not is_rtl(text[i]):
            i += 1
            continue
        end = last = i  # a run: up to the last RTL letter before the next strong LTR letter
        while end < n and not _strong_ltr(text[end]):
            if is_rtl(text[end]):
                last = end
            end += 1
        if i > start:
            out.append(Segment(text[start:i], False))
        out.append(Segment(text[i : last + 1], True))
        start = i = last + 1
    if start < n:
        out.append(Segment(text[start:], False))
    return out


_RTL_LETTER = re.compile("[\u0590-\u08FF\uFB1D-\uFEFF]")


def has_rtl(text: str) -> bool:
    # one regex search, not a Python loop over characters: called for every run of every deck text box
    return _RTL_LETTER.search(text) is not None


def has_wide(text: str) -> bool:
    return any(ord(c) >= 0x1100 and is_wide(c) for c in text)


def east_asian_font(text: str) -> str | None:
    """The ``<a:ea>`` typeface for a deck run: Korean, Japanese or Chinese by the first such letter."""
    for c in text:
        s = script(c) if ord(c) >= 0x1100 else "latin"
        if s in DECK_EA_FONT:
            return DECK_EA_FONT[s]
    return None


def font_path(name: str) -> Path:
    return FONT_DIR / name


@lru_cache(maxsize=None)
def cmap(name: str) -> dict[int, int]:
    """Code point -> advance width (font units) of a shipped fallback font, with its units per em
    under key -1; read with fontTools (already a dependency) on first use."""
    from fontTools.ttLib import TTFont

    with TTFont(font_path(name), lazy=True) as font:  # closes the file (a ResourceWarning otherwise)
        hmtx = font["hmtx"].metrics
        out = {cp: hmtx[g][0] for cp, g in font.getBestCmap().items()}
        out[-1] = font["head"].unitsPerEm
    return out


def fallback_width(ch: str, bold: bool = False) -> float | None:
    """Advance of ``ch`` in em in the shipped font that draws it, or None when none has it."""
    regular, bold_file = FALLBACK_FILES[script(ch) if ord(ch) >= 0x0590 else "other"]
    widths = cmap(bold_file if bold and bold_file else regular)
    w = widths.get(ord(ch))
    if w is None and widths is not cmap("Symbola.ttf"):
        widths = cmap("Symbola.ttf")
        w = widths.get(ord(ch))
    return None if w is None else w / widths[-1]
