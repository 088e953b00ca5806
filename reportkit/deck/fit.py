"""Text measurement with real font metrics, so the planner can split and shrink before drawing.

python-pptx never shrinks text (its autofit is only a flag PowerPoint acts on after an edit), so we
measure: advance widths from Carlito, the metric twin of Calibri (the font the deck names), and
PowerPoint's single line height from the font's hhea ascent, descent and line gap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
_FILES = {(False, False): "Carlito-Regular.ttf", (True, False): "Carlito-Bold.ttf",
          (False, True): "Carlito-Italic.ttf", (True, True): "Carlito-BoldItalic.ttf"}


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    widths: dict  # code point -> advance width in font units
    default_width: int
    line_height: float  # single line spacing as a fraction of the font size
    _cache: dict = field(default_factory=dict, compare=False, repr=False)  # word -> font units
    bold: bool = field(default=False, compare=False)  # which shipped fallback face measures missing glyphs

    def units(self, text: str) -> int:
        """Advance width of ``text`` in font units, cached: the planner measures the same words again
        and again (every size it tries, every candidate line), and units do not depend on the size.
        Only short strings are cached (words, titles): a cache of long texts would grow with the input.
        A character Carlito lacks is measured in the font that will draw it (``_fallback``)."""
        u = self._cache.get(text)
        if u is None:
            w, d = self.widths, self.default_width
            u = sum(w[c] if c in w else self._fallback(c, d) for c in map(ord, text))
            if len(text) <= CACHE_MAX_CHARS:
                self._cache[text] = u
        return u

    def _fallback(self, cp: int, default: int) -> int:
        """Chinese, Japanese and Korean are full-width (about twice a Latin letter): measured at
        Carlito's default width they ran into the footer. Right-to-left letters and emoji too are
        measured with the advance of the shipped font that has them (``reportkit.scripts``)."""
        if cp < 0x0590 or (0x2000 <= cp < 0x2E80):  # Latin-range gaps and punctuation: Carlito's default
            return default
        from .. import scripts

        em = scripts.fallback_width(chr(cp), self.bold)
        return default if em is None else round(em * self.units_per_em)

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` in points at ``size`` points."""
        return self.units(text) * size / self.units_per_em


CACHE_MAX_CHARS = 200
METRICS_CACHE = Path(__file__).resolve().parent / "metrics.json"  # python3 -m reportkit.deck.fit writes it


@lru_cache(maxsize=None)
def metrics(bold: bool = False, italic: bool = False) -> FontMetrics:
    """The face's metrics from ``metrics.json`` when it was made from this very font file (checked by
    its SHA-256), else read with fontTools: reading the TTFs costs about 40 ms a face on a cold build."""
    path = FONT_DIR / _FILES[(bold, italic)]
    cached = _cache_file().get(path.name)
    if cached and cached["sha256"] == _sha256(path):
        return FontMetrics(cached["upm"], dict(cached["widths"]), cached["default"], cached["line"], bold=bold)
    from dataclasses import replace

    return replace(read_font(path), bold=bold)


@lru_cache(maxsize=None)
def _cache_file() -> dict:
    import json

    try:
        return json.loads(METRICS_CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_font(path: Path) -> FontMetrics:
    from fontTools.ttLib import TTFont  # fonttools: already a matplotlib dependency

    import logging

    log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level = log.level
    log.setLevel(logging.ERROR)  # Carlito's head.created date trips a harmless "timestamp" warning
    try:
        font = TTFont(path, lazy=True)
        upm = font["head"].unitsPerEm
    finally:
        log.setLevel(level)
    hmtx = font["hmtx"].metrics
    widths = {cp: hmtx[name][0] for cp, name in font.getBestCmap().items()}
    hhea = font["hhea"]
    line = (hhea.ascent - hhea.descent + hhea.lineGap) / upm
    return FontMetrics(upm, widths, hmtx[".notdef"][0], line)


def write_cache() -> None:
    """Write ``metrics.json`` from the font files (run after changing a font)."""
    import json

    out = {}
    for name in sorted(_FILES.values()):
        m = read_font(FONT_DIR / name)
        out[name] = {"sha256": _sha256(FONT_DIR / name), "upm": m.units_per_em, "default": m.default_width,
                     "line": m.line_height, "widths": sorted(m.widths.items())}
    METRICS_CACHE.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")


def wrap(text: str, width: float, size: float, bold: bool = False, italic: bool = False) -> list[str]:
    """Greedy word wrap as PowerPoint does it; a word wider than the line is broken by character."""
    m = metrics(bold, italic)
    upm, space = m.units_per_em, m.units(" ")
    lines: list[str] = []
    for hard in text.split("\n"):
        line, used = "", 0  # used: the line's width in font units (sums of cached word widths, exact)
        for word in hard.split(" "):
            candidate = used + space + m.units(word) if line else m.units(word)
            if candidate * size / upm <= width:
                line, used = (f"{line} {word}" if line else word), candidate
                continue
            if line:
                lines.append(line)
            if m.width(word, size) > width and len(word) > 1:  # an unbreakable long word
                pieces = _break_word(word, width, size, m)
                lines.extend(pieces[:-1])
                word = pieces[-1]
            line, used = word, m.units(word)
        lines.append(line)
    return lines


def _break_word(word: str, width: float, size: float, m: FontMetrics) -> list[str]:
    """``word`` cut into lines by character, each as long as fits (at least one character), in one
    pass over running widths: linear in the word's length (shortening a candidate one character at a
    time and measuring each prefix took minutes and gigabytes for a 20,000-character word)."""
    w, d, upm = m.widths, m.default_width, m.units_per_em
    pieces, start, used = [], 0, 0
    for i, ch in enumerate(word):
        u = w.get(ord(ch), d)
        if i > start and (used + u) * size / upm > width:
            pieces.append(word[start:i])
            start, used = i, 0
        used += u
    pieces.append(word[start:])
    return pieces


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    return len(wrap(text, width, size, bold))


def line_height(size: float, spacing: float = 1.0) -> float:
    return size * metrics().line_height * spacing


@dataclass(frozen=True)
class Para:
    """One paragraph to measure: plain text, size in points, extra space after in points."""

    text: str
    size: float
    bold: bool = False
    indent: float = 0.0  # points taken from the line width (bullet hanging indent)
    space_before: float = 0.0


def height(paras, width: float, spacing: float = 1.0) -> float:
    """Height in points that ``paras`` take in a text frame ``width`` points wide (insets excluded)."""
    total = 0.0
    for i, p in enumerate(paras):
        n = line_count(p.text, width - p.indent, p.size, p.bold)
        total += n * line_height(p.size, spacing) + (p.space_before if i else 0.0)
    return total


def fits(paras, width: float, box_height: float, spacing: float = 1.0) -> bool:
    return height(paras, width, spacing) <= box_height + 0.01


if __name__ == "__main__":
    write_cache()
