"""Fonts for the memo: the theme's TTF families, registered and embedded, plus glyph fallbacks.

Carlito (the theme default) covers Latin, accents, Greek and Cyrillic. A character it lacks is drawn
in the font reportkit ships for its script (``reportkit.scripts``: Noto Sans Arabic and Hebrew,
WenQuanYi Micro Hei for Chinese, Japanese and Korean), else in DejaVu Sans (inside matplotlib) or
Symbola (symbols, emoji), else in any other font reportkit ships that has it. Each is registered the first time a character needs it. Right-to-left runs
are shaped and kept in logical order for paragraphs, visual order for canvases (``shaping``). A character no font has prints as U+FFFD and the
build warns.
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import scripts
from ..text import tagged

REPLACEMENT = "\ufffd"
_SPACES = re.compile("[ \u00a0]{2,}")
STYLES = ("regular", "bold", "italic", "bold_italic")
_DEJAVU = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf",
           "italic": "DejaVuSans-Oblique.ttf", "bold_italic": "DejaVuSans-BoldOblique.ttf"}


@lru_cache(maxsize=None)
def _register(path: str) -> tuple[str, frozenset[int]]:
    """Register one TTF under its file stem; return the name and the code points it covers."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = Path(path).stem
    font = TTFont(name, path)
    pdfmetrics.registerFont(font)
    return name, frozenset(font.face.charToGlyph)


def _family(paths: dict[str, Path]) -> tuple[str, frozenset[int]]:
    """Register a family under its regular face's name so <b> and <i> pick the right faces."""
    from reportlab.pdfbase.pdfmetrics import registerFontFamily

    names = {style: _register(str(p))[0] for style, p in paths.items()}
    regular, covered = _register(str(paths["regular"]))
    registerFontFamily(regular, normal=regular, bold=names["bold"], italic=names["italic"],
                       boldItalic=names["bold_italic"])
    return regular, covered


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: xml.sax.saxutils.escape, without its import of urllib.request
    (about 15 ms of every cold build)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=None)
def _fallback() -> tuple[str | None, frozenset[int]]:
    """DejaVu Sans, registered the first time a character needs it: most memos never do, and
    reading its four faces is about a third of the memo's font loading."""
    folder = dejavu_dir()
    if folder is None:
        return None, frozenset()
    return _family({s: folder / f for s, f in _DEJAVU.items()})


def dejavu_dir() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    return folder if (folder / _DEJAVU["regular"]).is_file() else None


@lru_cache(maxsize=8)
def _drawable(covered: frozenset[int]) -> frozenset[str]:
    """The characters the main font draws, plus line breaks and tabs: a text is checked against it in
    one set operation (per character, the check was about 3 ms of every memo)."""
    return frozenset(map(chr, covered)) | {"\n", "\t"}


@dataclass(frozen=True)
class MemoFonts:
    body: str
    bold: str
    italic: str
    heading: str
    covered: frozenset[int]
    missing: set[str] = field(default_factory=set)  # characters no font has (drawn as U+FFFD)

    @property
    def fallback(self) -> str | None:
        """DejaVu Sans, when matplotlib's copy is found (registered on first use)."""
        return _fallback()[0]

    @property
    def fallback_covered(self) -> frozenset[int]:
        """Every code point some fallback font has (loads them all: for tests, not for drawing)."""
        out = set(_fallback()[1])
        for files in set(scripts.FALLBACK_FILES.values()):
            out |= shipped(files)[1]
        return frozenset(out)

    def markup(self, text: str) -> str:
        """Content text as escaped reportlab markup: emphasis as <b>/<i>, uncovered glyphs in DejaVu."""
        return tagged(text, lambda span: self.runs(span.text, span.bold), (("b", "bold"), ("i", "italic")))

    def runs(self, text: str, bold: bool = False) -> str:
        """Escape ``text``; wrap runs the main font lacks in a <font> tag naming the font that has them;
        right-to-left runs shaped and in visual order."""
        if "\u00a0" in text:  # reportlab collapses spaces but not a no-break space beside them: one gap
            text = _SPACES.sub(lambda m: "\u00a0" if "\u00a0" in m.group() else " ", text)
        if _drawable(self.covered).issuperset(text):
            return escape(text)
        return "".join(f'<font face="{face}">{escape(t)}</font>' if face else escape(t)
                       for t, face in self.pieces(text, bold, logical=True))

    def pieces(self, text: str, bold: bool = False, logical: bool = False) -> list[tuple[str, str | None]]:
        """``text`` as (text, font) pieces, font None for the main font: in visual order for canvases
        and charts, which draw one line as strings; in logical order (``logical``) for paragraphs,
        whose lines reportlab breaks and ``workarounds.reportlab_bidi`` shows in visual order."""
        if _drawable(self.covered).issuperset(text):
            return [(text, None)]
        from ..scripts import segments

        out: list[tuple[str, str | None]] = []
        for s in segments(text):
            out += self._rtl(s.text, bold, logical) if s.rtl else self._ltr(s.text, bold)
        return out

    def width(self, text: str, font: str, size: float) -> float:
        """Width of ``text`` as ``pieces`` draws it, starting in ``font``."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return sum(stringWidth(t, face or font, size) for t, face in self.pieces(text))

    def draw(self, canv, x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> None:
        """``canv.drawString`` that draws every script (``anchor``: start, middle or end)."""
        parts = self.pieces(text)
        x -= {"start": 0, "middle": 0.5, "end": 1}[anchor] * self.width(text, font, size)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        for t, face in parts:
            canv.setFont(face or font, size)
            canv.drawString(x, y, t)
            x += stringWidth(t, face or font, size)

    def _face(self, ch: str, bold: bool) -> str | None:
        """The registered font that draws ``ch``: None for the main font, "" when no font has it."""
        cp = ord(ch)
        if cp in self.covered or ch in "\n\t":
            return None
        script = scripts.script(ch)
        if script != "latin" and script != "other":
            name, covered = shipped(scripts.FALLBACK_FILES[script], bold)
            if cp in covered:
                return name
        if cp in _fallback()[1]:
            return self.fallback
        # Symbola (symbols), then any other font we ship that has it (WenQuanYi also draws Shavian)
        for files in dict.fromkeys((scripts.FALLBACK_FILES["other"], *scripts.FALLBACK_FILES.values())):
            name, covered = shipped(files, bold)
            if cp in covered:
                return name
        return ""

    def _ltr(self, text: str, bold: bool) -> list[tuple[str, str | None]]:
        out, run, face = [], [], None
        for c in text:
            f = self._face(c, bold)
            if f == "":  # reportlab would drop the glyph without a trace; a visible replacement is honest
                self.missing.add(c)
                c, f = REPLACEMENT, self._face(REPLACEMENT, False) or None
            if f != face and run:
                out.append(("".join(run), face))
                run = []
            face = f
            run.append(c)
        if run:
            out.append(("".join(run), face))
        return out

    def _rtl(self, run: str, bold: bool, logical: bool = False) -> list[tuple[str, str | None]]:
        from .shaping import MIRRORED, alias, visual
        from .shaping import logical as in_logical_order

        def font_for(piece: str) -> str | None:
            first = next(c for c in piece if scripts.is_rtl(c))
            name, covered = shipped(scripts.FALLBACK_FILES[scripts.script(first)], bold)
            self.missing.update(c for c in piece if scripts.is_rtl(c) and ord(c) not in covered)
            return name

        out: list[tuple[str, str | None]] = []
        for text, face in in_logical_order(run, font_for):
            if face:
                out.append((text, face))
                continue
            for t, f in self._ltr(text, bold):
                if any(c in MIRRORED for c in t):  # a bracket inside the run shows mirrored, reads as written
                    f = f or (self.bold if bold else self.body)
                    t = "".join(alias(f, MIRRORED[c], c) if c in MIRRORED else c for c in t)
                out.append((t, f))
        return out if logical else visual(out)


def shipped(files: tuple[str, str | None], bold: bool = False) -> tuple[str, frozenset[int]]:
    """A font shipped in reportkit/fonts (the bold face when asked and there is one), registered."""
    regular, bold_file = files
    return _register(str(scripts.font_path(bold_file if bold and bold_file else regular)))


def memo_fonts(theme) -> MemoFonts:
    body = {s: theme.font_file("body", s) for s in STYLES}
    body_name, covered = _family(body)
    # Headings are one face, drawn without inline emphasis: no family mapping, so a heading face
    # that is also the body's bold face cannot confuse the body family's <b>/<i> lookups.
    heading_name, _ = _register(str(theme.font_file("heading", "regular")))
    return MemoFonts(
        body=body_name,
        bold=_register(str(body["bold"]))[0],
        italic=_register(str(body["italic"]))[0],
        heading=heading_name,
        covered=covered,
    )
