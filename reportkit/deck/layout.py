"""Where things go on a slide, and how text is measured against its box: the geometry every slide
family, the emitter and the base template share. Pure: no python-pptx.

Points on a 960 x 540 pt (16:9) slide: a title bar, a body, then footer and classification banner.
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import fit
from .model import INSET, SLIDE_W, Box, Paragraph, Run

MARGIN = 36.0
TITLE_BOX = Box(MARGIN, 26, SLIDE_W - 2 * MARGIN, 66)
BODY = Box(MARGIN, 104, SLIDE_W - 2 * MARGIN, 388)  # ends at 492; footer 496..518, banner 520..540
TITLE_SIZES = (28, 26, 24, 22, 20)
COVER_TITLE = Box(72, 95, SLIDE_W - 144, 140)  # title slide: title bottom-aligned just above the subtitle
COVER_SIZES = (44, 40, 36, 32, 28)
COVER_SUBTITLE = Box(72, 240, SLIDE_W - 144, 72)
LOGO_BOX = Box(SLIDE_W - 72 - 220, 40, 220, 48)  # title slide, top right, above the title
FOOTER_BOX = Box(MARGIN, 497, SLIDE_W - 2 * MARGIN - 60, 20)
NUMBER_BOX = Box(SLIDE_W - MARGIN - 56, 497, 56, 20)
BANNER_H = 20.0
MIN_SIZE = 12  # nothing on a slide body is smaller (footers and chart keys excepted)
BULLET_INDENT = 18.0
MAX_ISSUE_COLUMNS = 7  # issues on one heatmap or dot-plot slide


def measure(paras, box: Box) -> float:
    return fit.height([fit.Para(p.text, p.size, p.bold, p.indent, p.space_before) for p in paras], box.inner_w)


def fits(paras, box: Box) -> bool:
    return measure(paras, box) <= box.inner_h + 0.01


def fit_title(text: str, box: Box = TITLE_BOX, sizes=TITLE_SIZES) -> float:
    for size in sizes:
        if fits([Paragraph((Run(text, True),), size)], box):
            return size
    return sizes[-1]  # the title planner splits no further; the overflow check reports it


_PART = re.compile(r" \(\d+/\d+\)$")  # " (2/3)" on continuation slides: kept when a title is shortened


def shorten_title(text: str, box: Box = TITLE_BOX, size: float = TITLE_SIZES[-1]) -> str:
    """``text``, or its first words and "…" when it cannot fit ``box`` even at ``size`` (a content
    title may be a paragraph long; the slide's speaker notes keep it whole)."""
    def ok(t):
        return fits([Paragraph((Run(t, True),), size)], box)

    if ok(text):
        return text
    part = _PART.search(text)
    return shorten(text[:part.start()] if part else text, ok, part.group() if part else "")


def shorten(text: str, ok, after: str = "") -> str:
    """The first words of ``text`` and "…" (then ``after``), as many as ``ok(candidate)`` accepts."""
    suffix = "\u2026" + after
    text = text[:400]  # no box on a slide holds more
    lo, hi = 1, len(text)  # the longest start that fits, by bisection (fit grows with length)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if ok(text[:mid].rstrip() + suffix) else (lo, mid - 1)
    head, space = text[:lo], text[:lo].rfind(" ")
    if lo < len(text) and text[lo] != " " and space > 0.6 * lo:  # end on a whole word if that costs little
        head = head[:space]
    return head.rstrip(" ,;:-") + suffix


def first_fitting(para: Paragraph, box: Box, sizes) -> float | None:
    """The largest of ``sizes`` at which ``para`` fits ``box``, or None."""
    return next((s for s in sizes if fits([replace(para, size=s)], box)), None)
