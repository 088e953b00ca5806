"""Workarounds for reportlab 5.1 (the memo). Each cites the pitfall it avoids.

reportlab's tracker is a mailing list, not numbered issues, so each entry names the pitfall as
recorded in shared/NOTES-libraries.md ("## reportlab").
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Callable


def doc_settings(*, title: str, author: str, subject: str, lang: str, font: str, font_size: float) -> dict:
    """Keyword arguments every memo ``DocTemplate`` gets.

    - Metadata defaults to "(anonymous)"/"(unspecified)" unless passed (NOTES: "Always pass title, author,
      subject, creator, lang").
    - ``invariant=1``: no clock and no random document id in the file (NOTES: "Reproducible output").
    - ``initialFontName``: otherwise every page starts in base-14 Helvetica, which is listed in the PDF
      and never embedded (NOTES: "Unset fontNames fall back to unembedded Helvetica").
    """
    return dict(title=title, author=author, subject=subject, creator="reportkit", lang=lang,
                invariant=1, displayDocTitle=1, initialFontName=font, initialFontSize=font_size)


def page_total_canvas(define_total: Callable[[object, int], None]):
    """A ``canvasmaker`` for "Page X of Y" in one layout pass (NOTES: "Page X of Y has no built-in").

    Each page draws its label as a form XObject by name (``canv.doForm(name)``) before the total is
    known; ``define_total(canvas, total)`` runs in ``save()``, after the last page, and defines those
    forms. reportlab resolves forms by name when it writes the file, so a form may be used before it
    is defined. Unlike the deferred-showPage canvasmaker recipe, pages are written as they are laid
    out, so bookmarks and outline entries stay on the right pages; unlike building twice to count the
    pages, the story is laid out once.
    """
    from functools import partial

    return partial(_total_canvas_class(), define_total=define_total)


@lru_cache(maxsize=None)
def _total_canvas_class():
    from reportlab.pdfgen.canvas import Canvas

    class PageTotalCanvas(Canvas):
        def __init__(self, *args, define_total, **kw):
            super().__init__(*args, **kw)
            self._define_total = define_total
            ignore_source_date_epoch(self._doc)

        def save(self):
            if len(self._code):  # what Canvas.save does first: finish the last page
                self.showPage()
            self._define_total(self, self.getPageNumber() - 1)
            super().save()

    return PageTotalCanvas


MIN_ROW_PIECE = 72  # points: a row is split across pages only if each piece is at least this tall
MAX_BLANK = 0.5  # share of a page a kept-whole table may leave empty by moving to the next page


@lru_cache(maxsize=None)
def _table_class():
    from reportlab.platypus import Table

    class LongTable(Table):
        """A table that fills the page, then continues on the next one under its repeated header.

        - A row is split across pages only if each piece is at least ``splitInRow`` points (no
          three-line stub of a row at a page foot); such a split is tried before a split between
          rows, so the page is filled.
        - A split between rows does not carry a short last row alone to the next page.
        - After a split, the rest goes to the next page. reportlab offers it the space left on this
          page, where it would split its first row in two (the repeated header and a sliver of a row
          mid-page) or, failing, give up its minimum piece for good.
        - When the minimum leaves a row nowhere to go even at the top of a page, the row is split
          anywhere instead of raising ``LayoutError``.
        """

        _split_on_page = None  # on the rest of a split: the page it must not start on
        whole_rows = False  # a row is split only when it is taller than a page (``table(whole_rows=)``)
        keep_whole = False  # the table is split only when it is taller than a page (``table(keep_whole=)``)

        def split(self, aw, ah):
            if self._split_on_page is not None and self._split_on_page == self._page():
                return []
            self._calc(aw, ah)
            if self.keep_whole and self.moves_whole(ah):
                return []  # a grid that fits one page goes whole to the next
            parts = []
            if self.splitInRow > 1 and not self.whole_rows and self._row_splits_well(ah):
                parts = self._splitRows(ah, doInRowSplit=1)
            if not parts:
                parts = self._splitRows(self._no_widow(ah), doInRowSplit=0)
            if not parts and self.splitInRow and (not self.whole_rows or self._row_taller_than_page(ah)):
                parts = self._splitRows(ah, doInRowSplit=1)
            if not parts and self.splitInRow > 1 and getattr(getattr(self, "_frame", None), "_atTop", False):
                self.splitInRow = 1  # a fresh page and still no split: split the tall row anywhere
                parts = self._splitRows(ah, doInRowSplit=1)
            if len(parts) == 2:
                parts[1]._split_on_page = self._page()
            return parts

        def _frame_height(self) -> float:
            frame = getattr(self, "_frame", None)
            return frame._height if frame is not None else float("inf")

        def moves_whole(self, ah) -> bool:
            """A ``keep_whole`` table that does not fit ``ah`` goes whole to the next page when it fits
            one and the move leaves at most ``MAX_BLANK`` of this page empty (a 19-party matrix does
            not leave two-thirds of a page blank)."""
            page = self._frame_height()
            return sum(self._rowHeights) <= page and ah <= page * MAX_BLANK

        def _row_taller_than_page(self, ah) -> bool:
            """The first row that does not fit ``ah`` would not fit a fresh page under the header either."""
            heights = self._rowHeights
            n = self._getFirstPossibleSplitRowPosition(ah, ignoreSpans=1)
            return n < len(heights) and heights[n] > self._frame_height() - sum(heights[: self.repeatRows])

        def _page(self):
            canv = getattr(self, "canv", None)
            return canv.getPageNumber() if canv is not None else None

        def _no_widow(self, ah) -> float:
            """A height to split at that does not carry a lone short last row over to the next page (a
            tall row is a block of its own; moving another with it would leave a gap)."""
            heights = self._rowHeights
            n = self._getFirstPossibleSplitRowPosition(ah)
            if n == len(heights) - 1 and n - self.repeatRows >= 3 and heights[-1] < MIN_ROW_PIECE:
                return sum(heights[: n - 1])
            return ah

        def _row_splits_well(self, ah) -> bool:
            """Both pieces of the first row that does not fit would be at least ``splitInRow`` tall."""
            heights = self._rowHeights
            n = self._getFirstPossibleSplitRowPosition(ah, ignoreSpans=1)
            if n >= len(heights) or n < self.repeatRows:
                return False
            piece = ah - sum(heights[:n])
            return piece >= self.splitInRow and heights[n] - piece >= self.splitInRow

    return LongTable


_FRAG_KEYS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_frag(f, g) -> bool:
    """``rl_accel.sameFrag`` (may two fragments share one run of text?) as its pure-Python fallback in
    ``reportlab/lib/rl_accel.py`` defines it. The C version in rl_accel 0.9.1 takes 8-17 us a call
    against about 1 us here, and line breaking calls it ~850 times per memo (~8 ms)."""
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    fget, gget = fd.get, gd.get
    for k in _FRAG_KEYS:
        a, b = fget(k), gget(k)
        if a is not b and a != b:
            return False
    return True


def fast_same_frag() -> None:
    """Line breaking with ``same_frag`` (idempotent). ``reportlab.platypus.paragraph`` is the only
    caller of ``sameFrag``, through its module global."""
    from reportlab.platypus import paragraph

    paragraph.sameFrag = same_frag


def fast_split_string() -> None:
    """``TTFont.splitString`` (text -> (subset, bytes) chunks of the subset font) with a fast path for
    text whose every character already has its code in this document, as all but the first use of a
    character has: one dictionary lookup per character and ``bytes()`` of the codes, instead of the
    per-character loop that assigns new codes (``pdfbase/ttfonts.py``; ~5 ms of every memo). Any
    other text goes through reportlab's loop, so codes are assigned in the same order. Idempotent."""
    from reportlab.pdfbase.ttfonts import TTFont

    original = TTFont.splitString
    if getattr(original, "reportkit_fast", False):
        return

    def split_string(self, text, doc, encoding="utf-8"):
        state = self.state.get(doc) if isinstance(text, str) else None
        if state is not None:
            try:
                codes = list(map(state.assignments.__getitem__, map(ord, text.replace("\xa0", " "))))
            except KeyError:  # a character new to this document: reportlab assigns its code
                return original(self, text, doc, encoding)
            if not codes:
                return []
            if max(codes) < 256:
                return [(0, bytes(codes))]
            out, run, current = [], [], codes[0] >> 8
            for n in codes:
                if n >> 8 != current:
                    out.append((current, bytes(run)))
                    run, current = [], n >> 8
                run.append(n & 0xFF)
            out.append((current, bytes(run)))
            return out
        return original(self, text, doc, encoding)

    split_string.reportkit_fast, split_string.original = True, original
    TTFont.splitString = split_string


WIDTHS_KEPT = 20_000  # measured words kept per font (a few thousand in a memo)


def fast_word_widths() -> None:
    """Line breaking (``reportlab.platypus.paragraph``'s ``stringWidth``) with each font's word widths
    kept: a memo measures ~3,800 words, most of them more than once (the same words recur, in every
    memo of a batch), and reportlab's call chain costs ~1.4 us a word against ~0.2 us for a lookup.
    The widths live on the font object, so a font registered anew under the same name starts afresh;
    ``WIDTHS_KEPT`` bounds them. Idempotent."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.platypus import paragraph

    if getattr(paragraph.stringWidth, "reportkit_fast", False):
        return
    original = paragraph.stringWidth

    def string_width(text, fontName, fontSize, encoding="utf8"):
        if type(text) is not str:  # a shaped string (ShapedStr) measures by its glyphs
            return original(text, fontName, fontSize, encoding)
        font = getFont(fontName)
        widths = font.__dict__.get("_reportkit_widths")
        if widths is None:
            widths = font._reportkit_widths = {}
        key = (text, fontSize, encoding)
        got = widths.get(key)
        if got is None:
            if len(widths) >= WIDTHS_KEPT:
                widths.clear()
            got = widths[key] = font.stringWidth(text, fontSize, encoding=encoding)
        return got

    string_width.reportkit_fast, string_width.original = True, original
    paragraph.stringWidth = string_width


_NOT_PLAIN_ASCII = re.compile("[\x18-\x1f]")  # the ASCII characters PDFDocEncoding maps elsewhere (or not)


def fast_pdfdoc_encoding() -> None:
    """``pdfdoc.pdfdocEnc`` (every name, number and keyword written to the file goes through it) with
    ASCII text encoded directly: reportlab encodes each piece with its pure-Python "extpdfdoc" codec,
    ~5 us a call and ~3,000 calls per memo. PDFDocEncoding is ASCII for every ASCII character but
    U+0018..U+001F, which keep the codec (as does anything beyond ASCII). Idempotent."""
    from reportlab.pdfbase import pdfdoc

    original = pdfdoc.pdfdocEnc
    if getattr(original, "reportkit_fast", False):
        return

    def pdfdoc_enc(x):
        if isinstance(x, str) and x.isascii() and not _NOT_PLAIN_ASCII.search(x):
            return x.encode("ascii")
        return original(x)

    pdfdoc_enc.reportkit_fast, pdfdoc_enc.original = True, original
    pdfdoc.pdfdocEnc = pdfdoc_enc


@lru_cache(maxsize=None)
def paragraph_class():
    """``Paragraph`` that breaks its lines once per width.

    reportlab wraps every cell again each time a table is measured, split across a page or drawn, and
    each part of a split table is a new table measured from scratch: a long table crossing n pages
    re-breaks its paragraphs about n times (quadratic in its length; most of the 40 x 30 x 100 memo's
    time). A paragraph's lines depend only on the width, so the last result is reused for the same
    width. A split makes new paragraphs, so nothing stale is drawn.
    """
    from reportlab.platypus import Paragraph
    from reportlab.platypus.paragraph import textTransformFrags
    from reportlab.platypus.paraparser import ParaParser

    class WrapOnceParagraph(Paragraph):
        _wrapped = None  # (width, result) of the last wrap

        def _setup(self, text, style, bulletText, frags, cleaner):
            if frags is None:  # see markup_tree: the same parse without html.parser's tokenizer
                text = cleaner(text)
                plain = text and "<" not in text and "&" not in text
                tree = None if plain else markup_tree(text)
                if plain and not getattr(style, "textTransform", None):
                    frags = [_plain_frag(text, style)]  # the majority: text without markup
                elif tree is not None:
                    parser = ParaParser()
                    parser.caseSensitive = self.caseSensitive
                    style, frags, bullet_frags = parser.tt_parse(tree, style)
                    if frags is None:
                        raise ValueError(f"xml parser error ({parser.errors[0]}) in paragraph beginning\n{text[:30]!r}")
                    textTransformFrags(frags, style)
                    bulletText = bullet_frags or bulletText
            super()._setup(text, style, bulletText, frags, cleaner)

        def wrap(self, availWidth, availHeight):
            # split() deletes blPara when it refuses to split: then the lines must be broken again
            if self._wrapped is not None and self._wrapped[0] == availWidth and "blPara" in self.__dict__:
                return self._wrapped[1]
            result = super().wrap(availWidth, availHeight)
            self._wrapped = (availWidth, result)
            return result

    return WrapOnceParagraph


_MARKUP = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_][-a-zA-Z0-9_]*="[^"<>]*")*)\s*(/?)>'
                     r'|&([a-zA-Z][a-zA-Z0-9]*);|[<&]')
_ATTR = re.compile(r'([a-zA-Z_][-a-zA-Z0-9_]*)="([^"]*)"')
_TREE_TAGS = frozenset(("b", "i", "u", "font", "super", "sub", "a", "br", "span", "strike"))


@lru_cache(maxsize=64)
def _color(value: str):
    """``toColor(value)`` for a colour attribute of paragraph markup, which the parser's handler passes
    through unchanged once it is a ``Color`` (``toColor`` parses CSS each time: ~25 us)."""
    from reportlab.lib.colors import Color, toColor

    try:
        got = toColor(value)
    except Exception:  # let the parser report it as it would
        return value
    return got if isinstance(got, Color) else value


def markup_tree(text: str):
    """Paragraph markup as the tuple tree ``ParaParser.tt_parse`` takes, or None if ``text`` is not
    the plain, well-formed markup reportkit writes (then reportlab parses it as usual).

    ``Paragraph`` feeds its markup to ``html.parser`` (``ParaParser.parse``), whose tokenizer was the
    larger part of every paragraph's cost (~2,400 paragraphs per reference memo set, ~8 ms of each
    memo). ``tt_parse`` runs the same start/end/data handlers on a pre-parsed tree, so the fragments
    are the same when the tree holds what html.parser would have reported: the same tags and
    attributes (names lower-cased, values unescaped), data split at each entity as ``handle_entityref``
    splits it, and no empty data.
    """
    from html import unescape

    from reportlab.platypus.paraparser import _re_para, known_entities

    if text[:1] == "<" and _re_para.match(text):
        return None
    root = ("para", {}, [])
    stack = [root]
    at = 0
    for m in _MARKUP.finditer(text):
        if m.start() > at:
            stack[-1][2].append(text[at:m.start()])
        at = m.end()
        close, tag, attrs, lone, entity = m.groups()
        if entity is not None:
            if entity not in known_entities:
                return None
            stack[-1][2].append(known_entities[entity])
            continue
        if tag is None:  # a lone "<" or "&": leave it to html.parser
            return None
        tag = tag.lower()
        if tag not in _TREE_TAGS:
            return None
        if close:
            if attrs or lone or len(stack) == 1 or stack[-1][0] != tag:
                return None
            stack.pop()
            continue
        values = {k.lower(): unescape(v) if "&" in v else v for k, v in _ATTR.findall(attrs)}
        if "color" in values:  # what the handler makes of it (toColor), parsed once per process
            values["color"] = _color(values["color"])
        node = (tag, values, [])
        stack[-1][2].append(node)
        if not lone:
            stack.append(node)
    if len(stack) != 1:
        return None
    if at < len(text):
        root[2].append(text[at:])
    return root


_plain_frags: dict = {}  # (fontName, fontSize, id(textColor)) -> (textColor, a fragment as parsed)


def _plain_frag(text: str, style):
    """The one fragment reportlab's parser makes of ``text`` without tags or entities in ``style``: a
    copy of one parsed once per font, size and colour, with its own ``text`` and (empty) ``link`` and
    ``us_lines`` lists, as ``handle_data`` would give it. Most memo paragraphs are such text."""
    color = style.textColor
    key = (style.fontName, style.fontSize, id(color))
    got = _plain_frags.get(key)
    if got is None or got[0] is not color:
        from reportlab.platypus.paraparser import ParaParser

        if len(_plain_frags) > 512:  # colours are made per memo: forget old ones
            _plain_frags.clear()
        parser = ParaParser()
        parser.caseSensitive = 1
        got = (color, parser.tt_parse(("para", {}, ["x"]), style)[1][0])
        _plain_frags[key] = got
    frag = got[1].__class__.__new__(got[1].__class__)
    frag.__dict__.update(got[1].__dict__)
    frag.link, frag.us_lines, frag.text = [], [], text
    return frag


def table(data, *, font: str, long: bool = False, whole_rows: bool = False, keep_whole: bool = False, **kw):
    """A ``Table`` whose cells start in ``font``.

    Every cell, even one holding only flowables, sets the cell style's font, which defaults to
    base-14 Helvetica: that font then appears in the PDF unembedded (NOTES: "Unset fontNames fall back
    to unembedded Helvetica"). ``long=True``: a table that may cross pages repeats its header row
    (``repeatRows=1``) and splits rows taller than the frame (``splitInRow``, see ``LongTable``) instead of raising
    ``LayoutError`` (NOTES: "A row taller than the frame raises LayoutError").
    ``whole_rows``: a row is split across pages only when it is taller than a page (an outcome's row is
    read as one). ``keep_whole``: a table that fits one page (a grid read across rows and columns,
    such as the stance matrix) goes whole to the next page rather than split, unless that leaves more
    than ``MAX_BLANK`` of this page empty (so any such table up to half a page is never split).
    """
    if long:
        kw.setdefault("repeatRows", 1)
        kw.setdefault("splitInRow", MIN_ROW_PIECE)
    t = _table_class()(data, **kw)
    t.whole_rows, t.keep_whole = whole_rows, keep_whole
    t.setStyle([("FONTNAME", (0, 0), (-1, -1), font)])
    return t


def drawing(width: float, height: float, *, font: str, font_size: float = 8):
    """A ``reportlab.graphics`` Drawing whose renderer starts in ``font``, not base-14 Helvetica.

    The PDF renderer opens every drawing in its default state (Helvetica 10), which lists an
    unembedded Helvetica in the file; it reads ``initialFontName`` from the drawing instead when set
    (renderbase.StateTracker ``defaultObj``). Same pitfall as ``table``.
    """
    from reportlab.graphics.shapes import Drawing

    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = font, font_size
    return d


_unchecked = [0]  # shape builders running with checking off
_unchecked_lock = threading.Lock()


def unchecked_shapes(build: Callable) -> Callable:
    """``build`` (a function making ``reportlab.graphics`` shapes) run with ``rl_config.shapeChecking``
    off: reportlab validates every attribute of every shape as it is set (``attrmap.validateSetattr``),
    about two thirds of the time the memo's stance charts took to build (~2 ms a memo). The shapes are
    reportkit's own, made the same way every time, so the checks never fire; drawing is unchanged.
    Counted under a lock, so threads drawing memos at once leave checking as it was."""
    from functools import wraps

    @wraps(build)
    def run(*args, **kw):
        from reportlab import rl_config

        with _unchecked_lock:
            if not _unchecked[0]:
                _unchecked.append(rl_config.shapeChecking)
                rl_config.shapeChecking = 0
            _unchecked[0] += 1
        try:
            return build(*args, **kw)
        finally:
            with _unchecked_lock:
                _unchecked[0] -= 1
                if not _unchecked[0]:
                    rl_config.shapeChecking = _unchecked.pop()

    return run


INVARIANT_TIME = 946684800.0  # what reportlab's invariant mode stamps: 2000-01-01T00:00:00Z


def ignore_source_date_epoch(doc) -> None:
    """Make a ``PDFDocument`` as ``invariant=1`` makes it, whatever ``SOURCE_DATE_EPOCH`` says.

    reportlab's ``TimeStamp`` takes ``SOURCE_DATE_EPOCH`` over invariant mode and seeds the PDF's
    ``/ID`` with it (``reportlab/lib/utils.py`` TimeStamp, ``pdfbase/pdfdoc.py`` PDFDocument.__init__),
    so the same content gave different memo bytes under different build environments. reportkit's
    outputs depend on the content only (the memo's dates come from the briefing: ``stamp_date``), so
    the variable is ignored: the signature and time stamp are reset to the invariant ones.
    """
    import os
    import time
    from hashlib import md5

    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return
    doc.signature = md5(usedforsecurity=False)
    doc.signature.update(b"a reportlab document")
    doc.signature.update(ascii(INVARIANT_TIME).encode())
    doc._timeStamp.t, doc._timeStamp.lt = INVARIANT_TIME, time.gmtime(INVARIANT_TIME)


def stamp_date(canv, date) -> None:
    """Set the PDF's creation and modification dates to ``date`` (the briefing's date).

    ``invariant=1`` makes output reproducible by stamping 2000-01-01, which readers then see in the
    document properties; a date formatter replaces it with a date from the content, still no clock.
    """
    stamp = f"D:{date:%Y%m%d}000000Z"
    canv.setDateFormatter(lambda *_: stamp)


KEEP_WHOLE_FRACTION = 0.4  # a kept group up to this share of the frame jumps whole to the next page
KEEP_START_ROWS = 3  # a bigger one starts where it is if its opening and up to this many table rows fit


def keep_together(flowables: list):
    """Keep ``flowables`` on one page, with any nested ``KeepTogether`` unpacked; a big group may split.

    ``KeepTogether.wrap`` reports a height of 0xffffff to force its own split, so a KeepTogether
    inside another makes the outer one look endless: it jumps to a new page even when it would fit.
    And a KeepTogether that does not fit the space left always jumps to the next page, however big it
    is: a stance matrix of 19 parties left two-thirds of a page blank. So a group taller than
    ``KEEP_WHOLE_FRACTION`` of the frame starts where it is when its opening fits (everything before
    its first table, the table's header and its first row (``MIN_ROW_PIECE`` of it if the row may split),
    or up to ``KEEP_START_ROWS`` rows while they are shorter than ``MIN_ROW_PIECE`` together; or its first
    three flowables);
    the table then splits with its header repeated, and what follows it stays together. A smaller group
    jumps whole, as before.
    """
    from reportlab.platypus import KeepTogether

    flat = []
    for f in flowables:
        flat.extend(f._content if isinstance(f, KeepTogether) else [f])
    return _keep_class()(flat)


@lru_cache(maxsize=None)
def _keep_class():
    from reportlab.platypus import KeepTogether, Table

    def opening(content, dims) -> float:
        """Height of what must share a page with the group's first line."""
        height = 0.0
        for k, (f, (_, h)) in enumerate(zip(content, dims)):
            if isinstance(f, Table):
                rows = getattr(f, "_rowHeights", None)
                if rows is None:
                    return height + h
                height += sum(rows[: f.repeatRows])
                body = rows[f.repeatRows : f.repeatRows + KEEP_START_ROWS]
                if body and f.splitInRow > 1 and body[0] >= 2 * MIN_ROW_PIECE and not getattr(f, "whole_rows", False):
                    return height + MIN_ROW_PIECE  # a tall first row may start here and go on overleaf
                start = 0.0  # at least one row; up to KEEP_START_ROWS short ones
                for k, row in enumerate(body):
                    if k and start >= MIN_ROW_PIECE:
                        break
                    start += row
                return height + start
            if k == 3:
                return height
            height += h + f.getSpaceAfter()
        return height

    class KeepStart(KeepTogether):
        def wrap(self, aW, aH):
            from reportlab.platypus.flowables import _listWrapOn

            dims = []
            w, self._H = _listWrapOn(self._content, aW, self.canv, dims=dims)
            self._H0 = dims[0][1] if dims else 0
            laid = [f for f in self._content if not hasattr(f, "frameAction")]
            self._opening = opening(laid, dims)
            first = next((k for k, f in enumerate(laid) if isinstance(f, Table)), None)
            self._through_table = self._H if first is None else sum(h for _, h in dims[: first + 1])
            self._keeps_whole = first is not None and getattr(laid[first], "keep_whole", False)
            self._wrapInfo = aW, aH
            return w, 0xFFFFFF  # force a split, as KeepTogether does

        def split(self, aW, aH):
            if getattr(self, "_wrapInfo", None) != (aW, aH):
                self.wrap(aW, aH)
            frame = getattr(self, "_frame", None)
            # released when the table must split anyway (not when only what follows it would not fit)
            if (frame is not None and self._H > aH and self._H > frame._height * KEEP_WHOLE_FRACTION
                    and self._opening <= aH and (self._through_table > aH or self._H > frame._height)
                    and not (self._keeps_whole and aH < self._through_table <= frame._height
                             and aH <= frame._height * MAX_BLANK)):
                content = list(self._content)
                for f in content:  # else the document re-groups a heading with the table and jumps
                    f.keepWithNext = 0
                first = next((k for k, f in enumerate(content) if isinstance(f, Table)), len(content))
                if len(content) - first > 2:  # what follows the table (a matrix's key and note) stays together
                    content[first + 1:] = [KeepTogether(content[first + 1:])]
                return [self.NullActionFlowable(), *content]  # each laid out (and split) in turn
            return super().split(aW, aH)

    return KeepStart


EXTRA_TO_UNICODE: dict[int, str] = {}  # private code point -> the text its glyph stands for (memo.shaping)


def to_unicode_beyond_bmp() -> None:
    """Make the ToUnicode map right for characters outside Unicode's first plane (🂌, 𝐀).

    reportlab 5.1 writes each subset character as ``<%04X>``, so U+1F08C becomes the five digits
    ``<1F08C>``, which is not the UTF-16BE the PDF spec asks for (ISO 32000-1, 9.10.3): copy, search
    and screen readers get a wrong character (pdftotext reads U+1F08, pypdf warns "Odd-length
    string"). The glyph drawn is right. Replaces ``ttfonts.makeToUnicodeCMap``; idempotent.

    Also maps the private code points that ``memo.shaping`` draws shaped glyphs through to the
    characters each glyph stands for (``EXTRA_TO_UNICODE``), one or more.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "reportkit_fixed", False):
        return

    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper() if 0 <= cp <= 0x10FFFF else "FFFD"

    def utf16_text(cp: int) -> str:
        extra = EXTRA_TO_UNICODE.get(cp)
        return "".join(utf16(ord(c)) for c in extra) if extra else utf16(cp)

    def make(fontname, subset):
        text = original(fontname, subset)
        wrong = {f"<{i:02X}> <{v:04X}>": f"<{i:02X}> <{utf16_text(v)}>" for i, v in enumerate(subset) if v > 0xFFFF}
        if not wrong:
            return text
        return "\n".join(wrong.get(line, line) for line in text.split("\n"))

    make.reportkit_fixed = True
    ttfonts.makeToUnicodeCMap = make


# --- images: decoded and compressed once per process (issue 19) --------------------------------------

PREPARED_MAX = 16  # distinct images kept per process
PREPARED_BUDGET = 32_000_000  # bytes of finished image streams kept, in all

# (sha256 of the file, mask, rl_config.useA85) -> a finished PDFImageXObject used as a template.
_prepared: dict = {}
_prepared_lock = threading.Lock()  # a threaded Dask worker may draw two memos at once


def prepared_image(digest: str, data: bytes, width: float, height: float, decoded=None):
    """A flowable drawing the PNG/JPEG file ``data`` (sha256 ``digest``) at ``width`` x ``height``
    points, exactly as ``platypus.Image(BytesIO(data), width, height)`` draws it (mask "auto").

    reportlab's ``canvas.drawImage`` decodes the file, names the image by an md5 of the decoded pixels
    and zlib- and ASCII85-compresses them again on every document (``pdfgen/canvas.py`` drawImage,
    ``pdfbase/pdfdoc.py`` PDFImageXObject.loadImageFromSRC); reportlab has no option to skip this
    (``rl_config`` only switches ASCII85 on or off) and ``ImageReader``'s own cache holds no
    compressed data. For a 1600 x 900 figure that was ~0.15 s of every memo of a batch worker. So
    the finished image XObject is made once per process per distinct file and copied into each
    document under the name reportlab would give it (same bytes in the PDF). ``decoded`` is the
    already loaded ``PIL.Image`` of ``data`` if the caller has it (``decoded_images``), saving one
    decode. Bounded: ``PREPARED_MAX`` images and ``PREPARED_BUDGET`` stream bytes, oldest dropped.
    """
    return _prepared_image_class()(digest, data, width, height, decoded)


@lru_cache(maxsize=None)
def _prepared_image_class():
    from reportlab.platypus import Flowable

    class PreparedImage(Flowable):
        _fixedWidth = _fixedHeight = 1

        def __init__(self, digest, data, width, height, decoded):
            super().__init__()
            self.digest, self.data, self.decoded = digest, data, decoded
            self.drawWidth, self.drawHeight = width, height
            self.hAlign = "CENTER"

        def wrap(self, avail_w, avail_h):
            return self.drawWidth, self.drawHeight

        def draw(self):
            template = _template(self.digest, self.data, "auto", self.decoded)
            self.decoded = None  # used (or not needed): the shelf's pixels are not kept by the flowable
            _draw_xobject(self.canv, template, 0, 0, self.drawWidth, self.drawHeight)

    return PreparedImage


def draw_prepared_image(canv, path: str, x: float, y: float, width: float, height: float) -> None:
    """``canv.drawImage(ImageReader(path), x, y, width, height, mask="auto")``, the same bytes in the
    PDF, from the image XObject made once per process for the file's content (see ``prepared_image``):
    the memo's logo, drawn on every memo, was decoded and compressed again each time."""
    from hashlib import sha256
    from pathlib import Path

    data = Path(path).read_bytes()
    _draw_xobject(canv, _template(sha256(data).hexdigest(), data, "auto", None), x, y, width, height)


def _template(digest: str, data: bytes, mask, decoded):
    from reportlab import rl_config

    key = (digest, str(mask), rl_config.useA85)
    with _prepared_lock:
        return _template_locked(key, data, mask, decoded)


def _template_locked(key, data, mask, decoded):
    from io import BytesIO

    from reportlab.lib.utils import ImageReader, _digester
    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    got = _prepared.pop(key, None)
    if got is None:
        # What canvas.drawImage does for an ImageReader, once.
        reader = ImageReader(BytesIO(data))
        if decoded is not None:
            reader._image = decoded  # the same file, already loaded: getRGBData reads its pixels
        raw = reader.getRGBData()
        smask = reader._dataA
        mdata = smask.getRGBData() if mask == "auto" and smask else str(mask)
        name = _digester(raw + (mdata.encode("utf8") if isinstance(mdata, str) else mdata))
        got = PDFImageXObject(name, reader, mask=mask)
        got.name = name
        del raw, reader, smask, mdata
    _prepared[key] = got  # newest last
    while len(_prepared) > PREPARED_MAX or (
            len(_prepared) > 1 and sum(_stream_size(t) for t in _prepared.values()) > PREPARED_BUDGET):
        del _prepared[next(iter(_prepared))]
    return got


def _stream_size(template) -> int:
    smask = getattr(template, "_smask", None)
    return len(template.streamContent) + (len(smask.streamContent) if smask is not None else 0)


def _draw_xobject(canv, template, x, y, width, height) -> None:
    """The body of reportlab 5.1's ``Canvas.drawImage`` for an image already made: register a copy of
    ``template`` (and of its soft mask) in this document unless already there, then draw it."""
    import copy

    from reportlab.lib.boxstuff import aspectRatioFix
    from reportlab.pdfbase import pdfdoc

    canv._currentPageHasImages = 1
    name = template.name
    doc = canv._doc
    reg_name = doc.getXObjectName(name)
    if not doc.idToObject.get(reg_name, None):
        obj = copy.copy(template)  # the document sets XObjects and smask on its own copy
        smask = getattr(template, "_smask", None)
        if smask is not None:
            obj._smask = copy.copy(smask)
        canv._setXObjects(obj)
        doc.Reference(obj, reg_name)
        doc.addForm(name, obj)
        smask = getattr(obj, "_smask", None)
        if smask:
            m_reg_name = doc.getXObjectName(smask.name)
            if not doc.idToObject.get(m_reg_name, None):
                canv._setXObjects(smask)
                obj.smask = doc.Reference(smask, m_reg_name)
            else:
                obj.smask = pdfdoc.PDFObjectReference(m_reg_name)
            del obj._smask
    x, y, width, height, _ = aspectRatioFix(False, "c", x, y, width, height, template.width, template.height, False)
    canv.saveState()
    canv.translate(x, y)
    canv.scale(width, height)
    canv._code.append("/%s Do" % reg_name)
    canv.restoreState()
    canv._formsinuse.append(name)
