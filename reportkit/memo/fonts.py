"""Fonts for the memo: the theme's TTF families, registered and embedded, plus a glyph fallback.

Carlito (the theme default) covers Latin, accents, Greek and Cyrillic. A character it lacks is drawn
in DejaVu Sans (shipped inside matplotlib, found without importing it) when DejaVu has it. Neither
has CJK glyphs: such characters print as U+FFFD and the build warns (see docs/memo.md).
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..text import spans

REPLACEMENT = "\ufffd"
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
        return _fallback()[1]

    def markup(self, text: str) -> str:
        """Content text as escaped reportlab markup: emphasis as <b>/<i>, uncovered glyphs in DejaVu."""
        out = []
        for s in spans(text):
            inner = self.runs(s.text)
            if s.bold:
                inner = f"<b>{inner}</b>"
            if s.italic:
                inner = f"<i>{inner}</i>"
            out.append(inner)
        return "".join(out)

    def runs(self, text: str) -> str:
        """Escape ``text``; wrap runs the main font lacks (and DejaVu has) in a DejaVu <font> tag."""
        if all(ord(c) in self.covered or c in "\n\t" for c in text):
            return escape(text)
        out, run, in_fallback = [], [], False
        for c in text:
            if ord(c) not in self.covered and ord(c) not in self.fallback_covered and c not in "\n\t":
                # reportlab would drop the glyph without a trace; a visible replacement is honest
                self.missing.add(c)
                c = REPLACEMENT if ord(REPLACEMENT) in (self.fallback_covered or self.covered) else "?"
            fb = ord(c) not in self.covered and ord(c) in self.fallback_covered
            if fb != in_fallback and run:
                out.append(self._wrap("".join(run), in_fallback))
                run = []
            in_fallback = fb
            run.append(c)
        if run:
            out.append(self._wrap("".join(run), in_fallback))
        return "".join(out)

    def _wrap(self, text: str, fallback: bool) -> str:
        return f'<font face="{self.fallback}">{escape(text)}</font>' if fallback else escape(text)


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
