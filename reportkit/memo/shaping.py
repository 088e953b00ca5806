"""Right-to-left text for reportlab: shaped with HarfBuzz, laid out in visual order, extracted in
logical order.

reportlab draws characters left to right, one glyph per code point, and has no bidi algorithm
unless the optional ``rlbidi`` is installed: a Persian name came out backwards with its letters
unjoined. So each right-to-left run is turned into what the page must show before reportlab sees it:

- ``segments`` splits a line into left-to-right and right-to-left runs (a simplified Unicode bidi
  algorithm for a left-to-right paragraph: a run spans from its first to its last strong RTL letter,
  with the spaces, punctuation and digits between; digits inside keep their own order);
- ``visual`` shapes each word with HarfBuzz (joining forms, lam-alef) and returns its glyphs in visual
  order, words right to left;
- a glyph is drawn through a code point of Unicode's private use plane 15 mapped to its glyph id
  in the face, and the PDF's ToUnicode map gives that code the characters the glyph stands for
  (``workarounds.reportlab.EXTRA_TO_UNICODE``), so copy, search and pdftotext return the text as
  written. A reader that reorders right-to-left runs (poppler does) reverses each glyph's characters
  too, so a glyph standing for several characters (lam-alef) maps to them in reverse.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..scripts import is_rtl
from ..workarounds.reportlab import EXTRA_TO_UNICODE

NBSP = "\u00a0"
# After each run, an invisible mark that extracts as U+200E (``mark``): poppler
# gives a neutral character the direction of the one before it in visual order, so the ")" after a
# name in brackets would be read as part of the name, reversed with it, and extract as "()name".
LRM = "\u200e"
KEEP_WHOLE = 40  # characters: a shorter right-to-left run is never broken across lines (a name)
_DIGITS = set("0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
              "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")
_PUA = 0xF0000  # supplementary private use area A: no shipped font uses it
_codes: dict[tuple[str, int, str], int] = {}  # (font, glyph id, text) -> private code point


@dataclass(frozen=True)
class Segment:
    text: str
    rtl: bool


def _strong_ltr(ch: str) -> bool:
    return ch.isalpha() and not is_rtl(ch)


def segments(text: str) -> list[Segment]:
    """Left-to-right and right-to-left runs of ``text``, in logical order."""
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


def visual(run: str, font_for) -> list[tuple[str, str | None]]:
    """A right-to-left run as (text, font) pieces in visual order. Letters are shaped in the font
    ``font_for(piece)`` names (their text is private code points registered in it); digits and
    spaces come back as they are, with font None."""
    words = run.split(" ")
    glue = NBSP if len(run) <= KEEP_WHOLE else " "
    out: list[tuple[str, str | None]] = []
    for k, word in enumerate(reversed(words)):
        if k:
            out.append((glue, None))
        for piece, digit in reversed(_pieces(word)):
            if digit or not any(is_rtl(c) for c in piece):
                out.append((piece, None))
            else:
                font = font_for(piece)
                out.append((shape(piece, font), font))
    fonts = [f for _, f in out if f]
    if fonts:  # a zero-width left-to-right mark: see LRM
        out.append((mark(fonts[0]), fonts[0]))
    return out


def mark(font_name: str) -> str:
    """A private code point drawing nothing (the space glyph at zero width) that extracts as U+200E:
    the fonts' own U+200E glyph is a visible dotted box."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(font_name).face
    key = (font_name, -1, LRM)
    code = _codes.get(key)
    if code is None:
        code = _codes[key] = _PUA + len(_codes)
        EXTRA_TO_UNICODE[code] = LRM
    face.charToGlyph[code] = face.charToGlyph[0x20]
    face.charWidths[code] = 0
    return chr(code)


def shape(text: str, font_name: str) -> str:
    """``text`` shaped right to left in the registered TTF ``font_name``: its glyphs in visual order,
    each as a private code point the face maps to that glyph."""
    import uharfbuzz as hb
    from reportlab.pdfbase.pdfmetrics import getFont

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
    out = []
    for g, pos in zip(infos, positions):
        chars = text[g.cluster : ends[g.cluster]] if g.cluster not in seen else "\u200c"
        seen.add(g.cluster)
        key = (font_name, g.codepoint, chars)
        code = _codes.get(key)
        if code is None:
            code = _codes[key] = _PUA + len(_codes)
            EXTRA_TO_UNICODE[code] = chars[::-1]  # the reader reverses RTL runs back (see above)
        face.charToGlyph[code] = g.codepoint
        face.charWidths[code] = round(pos.x_advance * 1000 / upem)
        out.append(chr(code))
    return "".join(out)


def _hb_font(font):
    cached = getattr(font, "_reportkit_hb", None)
    if cached is None:
        import uharfbuzz as hb

        cached = font._reportkit_hb = hb.Font(hb.Face(hb.Blob(font.face._ttf_data)))
    return cached
