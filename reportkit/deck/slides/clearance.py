"""The clearance block ("Drafted: …", "Cleared: …") on the deck's last slide, as staff memos end.

It goes under what the last slide already shows when there is room below that text; otherwise the
deck ends with a slide of its own for it. The words come from ``present.clearance``.
"""
from __future__ import annotations

from dataclasses import replace

from ...present import clearance
from ..layout import BODY, measure
from ..model import INSET, Box, Paragraph, Run, Slide, Text
from .context import Deck, runs

SIZES = (14, 13, 12)
GAP = 14.0  # points between the slide's own text and the block
NAME = "Clearance"


def _paras(lines, size: float, muted: str) -> list[Paragraph]:
    return [Paragraph((Run(f"{label}: ", True, False, muted),) + runs(text), size,
                      space_before=0 if k == 0 else size * 0.3)
            for k, (label, text) in enumerate(lines)]


def _used_bottom(shape) -> float:
    """Where a shape's ink ends: a top-anchored text box ends with its text, anything else with its box."""
    if isinstance(shape, Text) and shape.anchor == "top" and shape.fill is None:
        return shape.box.y + 2 * INSET + measure(shape.paragraphs, shape.box)
    return shape.box.y + shape.box.h


def on_last_slide(d: Deck, slides: list[Slide]) -> list[Slide]:
    """``slides`` with the clearance block on the last one (or on a slide of its own after it)."""
    lines = clearance.lines(d.b)
    if not lines or not slides:
        return slides
    last = slides[-1]
    body_bottom = BODY.y + BODY.h
    top = max((_used_bottom(s) for s in last.shapes), default=BODY.y) + GAP
    for size in SIZES:
        paras = _paras(lines, size, d.muted)
        h = measure(paras, BODY) + 2 * INSET
        if last.layout == "content" and top + h <= body_bottom:
            y = body_bottom - h
            block = Text(Box(BODY.x, y, BODY.w, h), tuple(paras), name=NAME)
            shapes = tuple(_above(s, y) for s in last.shapes) + (block,)
            return slides[:-1] + [replace(last, shapes=shapes)]

    each = clearance.entries(d.b)  # too long for a foot: one sign-off a line, on as many slides as it takes

    def make(i, size, first):
        return [replace(_paras(each[i:i + 1], size, d.muted)[0], space_before=0 if first else size * 0.4)]
    return slides + d.list_slides("clearance", "Drafting and clearance", make, len(each),
                                  "\n".join(f"{label}: {text}" for label, text in lines), sizes=(20, 18, 16, 14))


def _above(shape, y: float):
    """A text box cut to end above ``y`` (its text already ends there: checked by the caller)."""
    if isinstance(shape, Text) and shape.box.y + shape.box.h > y:
        return replace(shape, box=replace(shape.box, h=y - shape.box.y))
    return shape
