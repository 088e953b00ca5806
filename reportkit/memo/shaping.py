"""Right-to-left text for reportlab: shaped with HarfBuzz, broken into lines in logical order, shown
in visual order, written and extracted in logical order.

reportlab draws characters left to right, one glyph per code point, and has no bidi algorithm
unless the optional ``rlbidi`` is installed: a Persian name came out backwards with its letters
unjoined. So each right-to-left run is turned into what the page must show before reportlab sees it:

- ``segments`` splits a line into left-to-right and right-to-left runs (a simplified Unicode bidi
  algorithm for a left-to-right paragraph: a run spans from its first to its last strong RTL letter,
  with the spaces, punctuation and digits between; digits inside keep their own order);
- ``logical`` shapes each word with HarfBuzz (joining forms, lam-alef) and returns the run's words in
  logical order, each word's glyphs in visual order: reportlab breaks paragraphs in that order, and
  ``workarounds.reportlab_bidi`` shows each line right to left and writes the glyphs in logical order;
  ``visual`` orders them for one line drawn on a canvas (charts, running headers);
- a glyph is drawn through a code point of Unicode's private use plane 15 mapped to its glyph id
  in the face, and the PDF's ToUnicode map gives that code the one character the glyph stands for
  (``workarounds.reportlab.EXTRA_TO_UNICODE``); a ligature's further characters get near-zero-width
  glyphs of their own, so copy, search, pdftotext and the structure text return the text as written.
- characters the script's font lacks (brackets in Noto Sans Arabic, the comma in Noto Sans Hebrew)
  are drawn in the paragraph's font; brackets inside a run are drawn mirrored and read as written.
"""
from __future__ import annotations

import unicodedata

from ..scripts import is_rtl
from ..workarounds.reportlab import EXTRA_TO_UNICODE

NBSP = "\u00a0"
# After each run, an invisible mark that extracts as U+200E (``mark``): poppler
# gives a neutral character the direction of the one before it in visual order, so the ")" after a
# name in brackets would be read as part of the name, reversed with it, and extract as "()name".
LRM = "\u200e"
_DIGITS = set("0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
              "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")
_PUA = 0xF0000  # supplementary private use area A: no shipped font uses it
_codes: dict[tuple, int] = {}  # (font, glyph id, text, width) -> private code point


def _pieces(word: str) -> list[tuple[str, bool]]:
    """A word split into letters (shaped right to left) and digit runs (kept left to right)."""
    out: list[tuple[str, bool]] = []
    for ch in word:
        digit = ch in _DIGITS
        if out and out[-1][1] == digit:
            out[-1] = (out[-1][0] + ch, digit)
        else:
            out.append((ch, digit))
    return out


def logical(run: str, font_for) -> list[tuple[str, str | None]]:
    """A right-to-left run as (text, font) pieces in logical order, for paragraphs (reportlab breaks
    them into lines in this order; ``workarounds.reportlab_bidi`` shows each line in visual order).
    Letters are shaped in the font ``font_for(piece)`` names (each piece's glyphs in visual order,
    as private code points registered in it); digits, spaces and punctuation that font lacks come
    back as they are, with font None. The last piece is an invisible left-to-right mark (``mark``)."""
    out: list[tuple[str, str | None]] = []
    for k, word in enumerate(run.split(" ")):  # a run may break at any space: each line is reordered
        if k:
            out.append((" ", None))
        for piece, digit in _pieces(word):
            if digit or not any(is_rtl(c) for c in piece):
                out.append((piece, None))
                continue
            font = font_for(piece)
            for part, covered in _coverage(piece, font):
                out.append((shape(part, font), font) if covered else (part, None))
    fonts = [f for _, f in out if f]
    if fonts:  # a zero-width left-to-right mark: see LRM
        out.append((mark(fonts[0]), fonts[0]))
    return out


def visual(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """``logical`` pieces of one right-to-left run in visual order, for one line drawn by a canvas
    (charts, running headers): the run reversed, digit groups kept left to right, the mark last."""
    from ..workarounds.reportlab_bidi import direction, tokens, visual_order

    items: list[tuple[str, str | None]] = []
    for text, font in pieces:
        d = direction(text)
        items += [(t, font) for t in tokens(text)] if d == "N" and len(text) > 1 else [(text, font)]
    return [items[k] for k in visual_order([direction(t) for t, _ in items])]


def _coverage(piece: str, font_name: str) -> list[tuple[str, bool]]:
    """``piece`` cut into parts the font draws (right-to-left letters always: a missing one is reported
    by the caller) and parts it lacks (Noto Sans Hebrew has no comma, Noto Sans Arabic no brackets)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    have = getFont(font_name).face.charToGlyph
    out: list[tuple[str, bool]] = []
    for c in piece:
        ok = is_rtl(c) or ord(c) in have or unicodedata.category(c) == "Cf"  # ZWNJ (Persian): HarfBuzz hides it
        if out and out[-1][1] == ok:
            out[-1] = (out[-1][0] + c, ok)
        else:
            out.append((c, ok))
    return out


GHOST = 20  # width (1/1000 em) of a ligature's further characters, taken from the ligature's own

MIRRORED = dict(zip("()[]{}<>\u00ab\u00bb\u2039\u203a", ")(][}{><\u00bb\u00ab\u203a\u2039"))


def mirrored(font_name: str, bracket: str) -> str:
    """``bracket`` drawn mirrored in ``font_name``, read as written (``workarounds.reportlab_bidi``
    draws a bracket of a right-to-left paragraph that resolves right to left with it)."""
    return alias(font_name, MIRRORED[bracket], bracket)


def alias(font_name: str, drawn: str, text: str) -> str:
    """A private code point that draws ``drawn``'s glyph in ``font_name`` and extracts as ``text``:
    a bracket inside a right-to-left run is drawn mirrored ("(" shows as ")") but reads as written."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(font_name).face
    glyph = face.charToGlyph.get(ord(drawn))
    if glyph is None:
        return text
    code = _code(font_name, glyph, text)
    face.charToGlyph[code] = glyph
    face.charWidths[code] = face.charWidths.get(ord(drawn), face.defaultWidth)
    return chr(code)


def _code(font_name: str, glyph: int, text: str, width: int | None = None) -> int:
    key = (font_name, glyph, text, width)
    code = _codes.get(key)
    if code is None:
        code = _codes[key] = _PUA + len(_codes)
        EXTRA_TO_UNICODE[code] = text
    return code


def mark(font_name: str) -> str:
    """A private code point drawing nothing (the space glyph at zero width) that extracts as U+200E:
    the fonts' own U+200E glyph is a visible dotted box."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from ..workarounds.reportlab_bidi import LTR_MARKS

    face = getFont(font_name).face
    code = _code(font_name, -1, LRM)
    LTR_MARKS.add(code)
    face.charToGlyph[code] = face.charToGlyph[0x20]
    face.charWidths[code] = 0
    return chr(code)


def _ghost(font_name: str, text: str) -> int:
    """A private code point drawing nothing that extracts as ``text``: the second and later characters
    of a ligature (lam-alef), so that every glyph stands for one character (see the module docstring)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(font_name).face
    code = _code(font_name, -2, text)
    face.charToGlyph[code] = face.charToGlyph[0x20]
    face.charWidths[code] = GHOST
    return code


def shape(text: str, font_name: str) -> str:
    """``text`` shaped right to left in the registered TTF ``font_name``: its glyphs in visual order,
    each as a private code point the face maps to that glyph and the ToUnicode map to the one character
    it stands for (a ligature's further characters: zero-width glyphs just left of it)."""
    import uharfbuzz as hb
    from reportlab.pdfbase.pdfmetrics import getFont

    from ..workarounds.reportlab_bidi import RTL_GLYPHS, install

    install()
    from ..workarounds import reportlab_bidi

    reportlab_bidi.mirror_glyph = mirrored
    font = getFont(font_name)
    face = font.face
    hb_font = _hb_font(font)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(hb_font, buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    starts = sorted({g.cluster for g in infos})
    ends = {s: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)}
    seen: set[int] = set()
    upem = hb_font.face.upem
    glyphs: list[list] = []  # logical order: [glyph id, character, width]; a ligature's further characters
    for g, pos in zip(reversed(infos), reversed(positions)):
        chars = text[g.cluster : ends[g.cluster]] if g.cluster not in seen else "\u200c"
        seen.add(g.cluster)
        ghosts = [[-2, c, GHOST] for c in chars[1:]]
        width = round(pos.x_advance * 1000 / upem) - GHOST * len(ghosts)
        if not width and glyphs and unicodedata.category(chars[0]).startswith("M"):
            glyphs[-1][2] -= GHOST  # a mark drawn at zero width splits poppler's lines: it takes a sliver
            width = GHOST           # of its base's advance (the base moves right by 1/50 em)
        elif not width:
            width = GHOST  # a zero-width non-joiner drawn at zero width splits poppler's lines too
        glyphs += [[g.codepoint, chars[0], width], *ghosts]
    in_order = []
    for gid, char, width in glyphs:
        if gid == -2:
            in_order.append(_ghost(font_name, char))
            continue
        code = _code(font_name, gid, char, width)
        face.charToGlyph[code] = gid
        face.charWidths[code] = width
        in_order.append(code)
    RTL_GLYPHS.update(in_order)
    return "".join(map(chr, reversed(in_order)))


def _hb_font(font):
    cached = getattr(font, "_reportkit_hb", None)
    if cached is None:
        import uharfbuzz as hb

        cached = font._reportkit_hb = hb.Font(hb.Face(hb.Blob(font.face._ttf_data)))
    return cached
