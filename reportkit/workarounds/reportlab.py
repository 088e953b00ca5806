"""Workarounds for reportlab 5.1 (the memo). Each cites the pitfall it avoids.

reportlab's tracker is a mailing list, not numbered issues, so each entry names the pitfall as
recorded in shared/NOTES-libraries.md ("## reportlab").
"""
from __future__ import annotations

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

        def save(self):
            if len(self._code):  # what Canvas.save does first: finish the last page
                self.showPage()
            self._define_total(self, self.getPageNumber() - 1)
            super().save()

    return PageTotalCanvas


MIN_ROW_PIECE = 72  # points: a row is split across pages only if each piece is at least this tall


@lru_cache(maxsize=None)
def _table_class():
    from reportlab.platypus import Table

    class LongTable(Table):
        """``splitInRow=N`` refuses to leave a row piece shorter than N points (no three-line stub of a
        row at a page foot). When that refusal would leave the row nowhere to go, the next attempt
        (on a fresh page) splits it anywhere instead of raising ``LayoutError``."""

        def split(self, aw, ah):
            parts = super().split(aw, ah)
            if not parts and self.splitInRow > 1:
                self.splitInRow = 1
            return parts

    return LongTable


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

    class WrapOnceParagraph(Paragraph):
        _wrapped = None  # (width, result) of the last wrap

        def wrap(self, availWidth, availHeight):
            # split() deletes blPara when it refuses to split: then the lines must be broken again
            if self._wrapped is not None and self._wrapped[0] == availWidth and "blPara" in self.__dict__:
                return self._wrapped[1]
            result = super().wrap(availWidth, availHeight)
            self._wrapped = (availWidth, result)
            return result

    return WrapOnceParagraph


def table(data, *, font: str, long: bool = False, **kw):
    """A ``Table`` whose cells start in ``font``.

    Every cell, even one holding only flowables, sets the cell style's font, which defaults to
    base-14 Helvetica: that font then appears in the PDF unembedded (NOTES: "Unset fontNames fall back
    to unembedded Helvetica"). ``long=True``: a table that may cross pages repeats its header row
    (``repeatRows=1``) and splits rows taller than the frame (``splitInRow``, see ``LongTable``) instead of raising
    ``LayoutError`` (NOTES: "A row taller than the frame raises LayoutError").
    """
    if long:
        kw.setdefault("repeatRows", 1)
        kw.setdefault("splitInRow", MIN_ROW_PIECE)
    t = _table_class()(data, **kw)
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


def stamp_date(canv, date) -> None:
    """Set the PDF's creation and modification dates to ``date`` (the briefing's date).

    ``invariant=1`` makes output reproducible by stamping 2000-01-01, which readers then see in the
    document properties; a date formatter replaces it with a date from the content, still no clock.
    """
    stamp = f"D:{date:%Y%m%d}000000Z"
    canv.setDateFormatter(lambda *_: stamp)


def keep_together(flowables: list):
    """One ``KeepTogether`` with any nested ones unpacked.

    ``KeepTogether.wrap`` reports a height of 0xffffff to force its own split, so a KeepTogether
    inside another makes the outer one look endless: it jumps to a new page even when it would fit.
    """
    from reportlab.platypus import KeepTogether

    flat = []
    for f in flowables:
        flat.extend(f._content if isinstance(f, KeepTogether) else [f])
    return KeepTogether(flat)


def to_unicode_beyond_bmp() -> None:
    """Make the ToUnicode map right for characters outside Unicode's first plane (🂌, 𝐀).

    reportlab 5.1 writes each subset character as ``<%04X>``, so U+1F08C becomes the five digits
    ``<1F08C>``, which is not the UTF-16BE the PDF spec asks for (ISO 32000-1, 9.10.3): copy, search
    and screen readers get a wrong character (pdftotext reads U+1F08, pypdf warns "Odd-length
    string"). The glyph drawn is right. Replaces ``ttfonts.makeToUnicodeCMap``; idempotent.
    """
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "reportkit_fixed", False):
        return

    def utf16(cp: int) -> str:
        return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper() if 0 <= cp <= 0x10FFFF else "FFFD"

    def make(fontname, subset):
        text = original(fontname, subset)
        wrong = {f"<{i:02X}> <{v:04X}>": f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset) if v > 0xFFFF}
        if not wrong:
            return text
        return "\n".join(wrong.get(line, line) for line in text.split("\n"))

    make.reportkit_fixed = True
    ttfonts.makeToUnicodeCMap = make
