"""Right-to-left runs in reportlab 5.1 paragraphs: broken into lines in logical order, each line shown
in visual order (UAX #9, rule L2, per line), every glyph written in logical order.

reportlab has bidi only through the optional ``rlbidi`` package, and draws a paragraph's words left
to right in the order it broke them. reportkit shapes right-to-left text itself (``memo.shaping``:
each word's glyphs in visual order, drawn through private code points listed in ``RTL_GLYPHS``) and
hands reportlab the words in *logical* order, so a long Arabic or Hebrew paragraph breaks with its
first words on its first line. At drawing time (``install``):

- ``Paragraph.drawPara`` sees each line's fragments in logical order; a right-to-left span (from
  its first right-to-left word to its last, with the spaces, digits and punctuation between) is
  placed right to left, digit groups kept left to right, and each fragment is moved to its place
  with a text-position adjustment (``[n] TJ``) — so fragments stay in logical order in the content
  stream;
- ``PDFTextObject._formatText`` writes a run of shaped glyphs (visual order) last glyph first, each
  moved to its place, so the content stream holds the text in logical order too.

Why the content order matters: poppler's structure text (``pdfinfo -struct-text``, and screen readers
built on poppler) reads marked content in content order and ignores ``/ActualText``; an ``/ActualText``
span (``/Span <</ActualText …>> BDC``) around the run makes poppler 22.12 end the enclosing marked
content at the span's ``EMC`` (the rest of the paragraph is lost from the structure text) and makes
pdftotext print the run reversed (it lays the replacement text out left to right, then reorders it as
right-to-left). Drawing in logical order gives every client the text as written; pdftotext and
viewers place glyphs by position, so they see the visual line. (``pdftotext -raw``, which keeps
content order and starts a new line whenever text moves left, prints a right-to-left run one glyph a
line: a limit of raw mode for any right-to-left text drawn in logical order.)
"""
from __future__ import annotations

RTL_GLYPHS: set[int] = set()  # private code points that draw shaped right-to-left glyphs
LTR_MARKS: set[int] = set()  # private code points that draw an invisible U+200E (a strong left-to-right mark)

_DIGITS = frozenset("0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")
_IN_NUMBER = frozenset(".,:/\u066b\u066c")  # separators inside a number keep it one group (UAX #9 CS)


class Placed(str):
    """A fragment's text with ``pre``: how far (points) to move the text position before drawing it."""

    pre: float = 0.0

    def __new__(cls, text: str, pre: float = 0.0):
        s = super().__new__(cls, text)
        s.pre = pre
        return s

    def __add__(self, other):  # a line's trailing space (workarounds.reportlab_tags) keeps the move
        return Placed(str(self) + other, self.pre)


def direction(text: str) -> str:
    """``R`` (shaped right-to-left glyphs), ``L`` (a strong left-to-right letter or mark) or ``N``."""
    has_r = False
    for c in text:
        cp = ord(c)
        if cp in RTL_GLYPHS:
            has_r = True
        elif cp in LTR_MARKS or (c.isalpha() and cp < 0xF0000 and not _is_rtl_letter(c)):
            return "L"
    return "R" if has_r else "N"


def _is_rtl_letter(c: str) -> bool:
    return "\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"


def visual_order(dirs: list[str]) -> list[int]:
    """Indices of items (with directions ``dirs``, in logical order) in visual order, for a
    left-to-right line: each span from a right-to-left item to the last one before the next
    left-to-right item is reversed (neutrals between take the span's direction; after it, the line's)."""
    order = list(range(len(dirs)))
    i, n = 0, len(dirs)
    while i < n:
        if dirs[i] != "R":
            i += 1
            continue
        end = last = i
        while end < n and dirs[end] != "L":
            if dirs[end] == "R":
                last = end
            end += 1
        order[i : last + 1] = order[i : last + 1][::-1]
        i = last + 1
    return order


def visual_order_rtl(dirs: list[str]) -> list[int]:
    """``visual_order`` for a line of a right-to-left paragraph: each left-to-right span (from a
    left-to-right item to the last one before the next right-to-left item) keeps its order, and the
    line as a whole is reversed (UAX #9 L2 at paragraph level 1)."""
    flipped = ["R" if d == "L" else "L" if d == "R" else d for d in dirs]
    return visual_order(flipped)[::-1]


def first_strong(texts) -> str | None:
    """``"R"`` or ``"L"`` by the first strong glyph of a paragraph's texts in logical order (UAX #9
    P2/P3 on what reportlab will draw: shaped glyphs count as right to left, reportkit's invisible
    marks are skipped), None when there is none."""
    for text in texts:
        for c in text:
            cp = ord(c)
            if cp in RTL_GLYPHS:
                return "R"
            if cp not in LTR_MARKS and c.isalpha() and cp < 0xF0000:
                return "R" if _is_rtl_letter(c) else "L"
    return None


def tokens(text: str) -> list[str]:
    """A neutral fragment inside a right-to-left span, cut where the span's reversal may reorder it:
    digit groups (kept left to right, with the separators inside a number) and every other character."""
    out: list[str] = []
    k, n = 0, len(text)
    while k < n:
        j = k + 1
        if text[k] in _DIGITS:
            while j < n and (text[j] in _DIGITS or (text[j] in _IN_NUMBER and j + 1 < n and text[j + 1] in _DIGITS)):
                j += 1
        out.append(text[k:j])
        k = j
    return out


def _in_span(dirs: list[str]) -> list[bool]:
    """Which items lie inside a right-to-left span (between two of its right-to-left items)."""
    out = [False] * len(dirs)
    for k in range(len(dirs)):
        if dirs[k] != "N":
            continue
        before = next((d for d in reversed(dirs[:k]) if d != "N"), None)
        after = next((d for d in dirs[k + 1:] if d != "N"), None)
        out[k] = before == after == "R"
    return out


def _width(f) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(f.text, f.fontName, f.fontSize) if hasattr(f, "fontName") else 0.0



# Set by memo.shaping: (font name, bracket) -> a character drawing the mirrored bracket that still
# extracts as the one written (UAX #9 L4: a bracket laid out right to left shows mirrored).
mirror_glyph = None
MIRRORED = frozenset("()[]{}<>\u00ab\u00bb\u2039\u203a")


def _edges(text: str) -> tuple[int, int]:
    """Where the letters and digits of a left-to-right fragment start and end (its core)."""
    strong = [k for k, c in enumerate(text) if c.isalnum() and ord(c) < 0xF0000]
    return (strong[0], strong[-1] + 1) if strong else (0, len(text))


def _mirror_resolved_rtl(items: list, dirs: list[str]) -> list:
    """Brackets that resolve right to left in a right-to-left line (not between two left-to-right
    items) drawn mirrored."""
    if mirror_glyph is None:
        return items
    out = list(items)
    for k, (f, d) in enumerate(zip(items, dirs)):
        if d != "N" or hasattr(f, "cbDefn") or f.text not in MIRRORED:
            continue
        before = next((x for x in reversed(dirs[:k]) if x != "N"), "R")
        after = next((x for x in dirs[k + 1:] if x != "N"), "R")
        if not before == after == "L":
            out[k] = f.clone(text=mirror_glyph(f.fontName, f.text))
    return out


def reorder_line(words: list, rtl: bool = False) -> list | None:
    """A line's fragments (logical order) with their texts ``Placed`` so that, drawn in this order,
    each lands where the visual order puts it; None when the line has no right-to-left text.
    ``rtl``: a right-to-left paragraph (its first strong letter is right to left,
    ``scripts.is_rtl_paragraph``): the line is reversed as a whole, left-to-right words and digit
    groups kept left to right, so a sentence's full stop and endnote marker end it on the left;
    trailing spaces stay at the right end."""
    if not any(getattr(f, "text", "") and direction(f.text) == "R" for f in words if not hasattr(f, "cbDefn")):
        return None
    if rtl:  # the line's own direction keeps neutrals apart: the invisible marks after each run go (a zero-width
        # glyph at the line's left end, drawn after the glyph there, makes poppler split it off)
        words = [f if hasattr(f, "cbDefn") or not any(ord(c) in LTR_MARKS for c in f.text)
                 else f.clone(text="".join(c for c in f.text if ord(c) not in LTR_MARKS)) for f in words]
    dirs = ["L" if hasattr(f, "cbDefn") else direction(f.text) for f in words]
    inside = [True] * len(dirs) if rtl else _in_span(dirs)
    # neutrals inside a span are cut into characters and digit groups first (the span reverses them)
    items, item_dirs = [], []
    for f, d, cut in zip(words, dirs, inside):
        if cut and d == "N" and len(f.text) > 1:
            for t in tokens(f.text):
                items.append(f.clone(text=t))
                item_dirs.append("N")
        elif rtl and d == "L" and _edges(f.text) != (0, len(f.text)):
            # spaces and punctuation at the edges of a left-to-right run take the paragraph's direction
            # unless left-to-right text follows (UAX #9 N1/N2): "المتحدة (UN)" shows "(UN) المتحدة"
            a, b = _edges(f.text)
            for t, dd in ((f.text[:a], "N"), (f.text[a:b], "L"), (f.text[b:], "N")):
                for piece in (tokens(t) if dd == "N" else [t] if t else []):
                    items.append(f.clone(text=piece))
                    item_dirs.append(dd)
        else:
            items.append(f)
            item_dirs.append(d)
    if rtl:
        items = _mirror_resolved_rtl(items, item_dirs)
        if items and not hasattr(items[-1], "cbDefn") and items[-1].text.strip():
            # the line's invisible trailing space (workarounds.reportlab_tags) goes on an empty last
            # fragment at the right end: on the last word it would sit past the word, inside the line
            items.append(items[-1].clone(text=""))
            item_dirs.append("N")
        end = len(items)
        while end and not hasattr(items[end - 1], "cbDefn") and not items[end - 1].text.strip():
            end -= 1  # trailing spaces: drawn at the right end, as on any line
        order = visual_order_rtl(item_dirs[:end]) + list(range(end, len(items)))
    else:
        order = visual_order(item_dirs)
    widths = [_width(f) for f in items]
    x, at = 0.0, [0.0] * len(items)
    for k in order:
        at[k] = x
        x += widths[k]
    out, cursor = [], 0.0
    for f, place, w in zip(items, at, widths):
        if hasattr(f, "cbDefn"):
            out.append(f)
            continue
        out.append(f.clone(text=Placed(f.text, place - cursor)))
        cursor = place + w
    return out


def _mirrored(para, draw_para, debug):
    """Draw a right-to-left paragraph mirrored: right-aligned (a left-aligned or justified style; a
    centred one stays centred), its indents swapped, its bullet or number at the right edge. The
    lines were broken for the same width, so they still fit."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    style, bullet = para.style, para.bulletText
    if style.alignment not in (TA_LEFT, TA_JUSTIFY) and not bullet:
        return draw_para(para, debug)
    para.style = ParagraphStyle(style.name + "-rtl", style, leftIndent=style.rightIndent,
                                rightIndent=style.leftIndent,
                                alignment=TA_RIGHT if style.alignment in (TA_LEFT, TA_JUSTIFY) else style.alignment)
    if bullet:  # first, as reportlab does: the structure tagging (reportlab_tags) reads it as the item's Lbl
        _right_bullet(para, bullet, style)
    para.bulletText = None
    try:
        return draw_para(para, debug)
    finally:
        para.style, para.bulletText = style, bullet


def _right_bullet(para, bullet, style) -> None:
    """The bullet (or "3.") of a right-to-left list item, ``bulletIndent`` in from the right edge, on
    the first line's baseline: reportlab's own bullet drawing, in its right-to-left mode."""
    from reportlab.platypus import paragraph as rl_paragraph

    bl = para.blPara
    first = bl.lines[0] if bl.kind else bl
    y = para.height - getattr(first, "ascent", style.fontSize)
    rl_paragraph._drawBullet(para.canv, 0, y, bullet, style, rtl=(para.width - style.rightIndent,))


def install() -> None:
    """Patch reportlab once (idempotent): see the module docstring."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.textobject import PDFTextObject
    from reportlab.platypus.paragraph import Paragraph
    from reportlab.lib.rl_accel import fp_str

    if getattr(Paragraph.drawPara, "reportkit_bidi", False):
        return
    draw_para, format_text = Paragraph.drawPara, PDFTextObject._formatText

    def bidi_draw_para(self, debug=0):
        bl = getattr(self, "blPara", None)
        if bl is None:
            return draw_para(self, debug)
        given = getattr(self, "direction", None)  # "rtl"/"ltr": set by the memo where a label leads its text
        if not bl.kind:  # one font: lines are (extra space, [words])
            rtl = given == "rtl" if given else first_strong(w for line in bl.lines for w in line[1]) == "R"
            return _mirrored(self, draw_para, debug) if rtl else draw_para(self, debug)
        rtl = given == "rtl" if given else first_strong(
            f.text for line in bl.lines for f in line.words if not hasattr(f, "cbDefn")) == "R"
        lines = [reorder_line(line.words, rtl) for line in bl.lines]
        if not any(lines) and not rtl:
            return draw_para(self, debug)
        self.blPara = bl.clone(lines=[line if new is None else line.clone(words=new)
                                      for line, new in zip(bl.lines, lines)])
        try:
            return _mirrored(self, draw_para, debug) if rtl else draw_para(self, debug)
        finally:
            self.blPara = bl

    def move(self, points: float) -> str:
        if abs(points) <= 1e-6:
            return ""
        op = f"[{fp_str(-points * 1000 / self._fontsize)}] TJ"
        font = getFont(self._fontname)
        if font._dynamicFont and self._curSubset == -1:  # no Tf yet in this text object: TJ needs one
            self._curSubset = 0
            doc = self._canvas._doc
            op = (f"{font.getSubsetInternalName(0, doc)} {fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL "
                  + op)
        return op

    def logical_format_text(self, text):
        pre = getattr(text, "pre", 0.0)
        if not any(ord(c) in RTL_GLYPHS for c in text):
            return " ".join(filter(None, (move(self, pre), format_text(self, str(text)))))
        out = [move(self, pre)]
        size = self._fontsize
        font = getFont(self._fontname)
        k, n = 0, len(text)
        while k < n:
            if ord(text[k]) not in RTL_GLYPHS:
                j = k
                while j < n and ord(text[j]) not in RTL_GLYPHS:
                    j += 1
                out.append(format_text(self, text[k:j]))
                k = j
                continue
            j = k
            while j < n and ord(text[j]) in RTL_GLYPHS:
                j += 1
            run = text[k:j]  # glyphs in visual order: written last first, each moved to its place
            widths = [font.stringWidth(g, size) for g in run]
            total = sum(widths)
            starts = [sum(widths[:i]) for i in range(len(run))]
            cursor = 0.0
            for i in range(len(run) - 1, -1, -1):
                out += [move(self, starts[i] - cursor), format_text(self, run[i])]
                cursor = starts[i] + widths[i]
            out.append(move(self, total - cursor))
            k = j
        return " ".join(filter(None, out))

    bidi_draw_para.reportkit_bidi = True
    Paragraph.drawPara = bidi_draw_para
    PDFTextObject._formatText = logical_format_text
