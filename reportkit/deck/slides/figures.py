"""Figure slides: one per figure the deck shows (present.figures says which and where), titled with its
caption, the picture fitted without distortion inside the body above "Figure N: caption" and the
credit; the source line comes with the slide's citations (``source_line``), the alt text is the
picture's description, the caption, alt text and credit are in the speaker notes.

Slide families place ``FigureAt`` markers where a figure goes (after a section's own slides, after
the Context slide for its sections, after an outcome's slides, on their own after the outcomes); the
planner turns them into slides with ``resolve`` once the deck's order is known, so "Figure N" counts
in the deck's reading order.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...present import figures as figs
from ...text import plain
from ..layout import BODY, fits, measure
from ..model import INSET, Box, Image, Paragraph, Run, Text
from .context import Deck

CAPTION_SIZES = (16, 14, 13, 12)
CREDIT_SIZE = 12
GAP = 8.0  # points between the picture and its caption


@dataclass(frozen=True)
class FigureAt:
    """Where a figure's slide goes; ``resolve`` makes the slide."""

    id: str


def at(d: Deck, ids) -> list[FigureAt]:
    return [FigureAt(i) for i in ids if figs.drawable(d.b, i) is not None]


def on_their_own(d: Deck) -> list[FigureAt]:
    return at(d, (f.id for f in figs.on_their_own(d.b)))


def resolve(d: Deck, slides: list) -> list:
    """``slides`` with every ``FigureAt`` replaced by its figure slide, numbered in this order."""
    numbers = figs.numbers(s.id for s in slides if isinstance(s, FigureAt))
    return [slide(d, figs.shown(d.b, d.b.figure(s.id), numbers[s.id])) if isinstance(s, FigureAt) else s
            for s in slides]


def _caption(d: Deck, shown: figs.Shown) -> tuple[Paragraph, ...]:
    credit = (Paragraph((Run(shown.credit),), CREDIT_SIZE, align="center", color=d.muted),) if shown.credit else ()
    for size in CAPTION_SIZES:
        paras = (Paragraph((Run(plain(shown.caption), True),), size, align="center", color=d.text),) + credit
        if fits(paras, Box(BODY.x, BODY.y, BODY.w, BODY.h / 3)):
            return paras
    return paras  # a caption of at most 300 characters fits a third of the body at 12 pt


def slide(d: Deck, shown: figs.Shown):
    figure = d.b.figure(shown.id)
    caption = _caption(d, shown)
    caption_h = measure(caption, BODY) + 2 * INSET + 0.5
    img = shown.image
    room = Box(BODY.x, BODY.y, BODY.w, BODY.h - caption_h - GAP)
    w, h = figs.fit(img.width_px, img.height_px, room.w, room.h)
    picture = Image(Box(room.x + (room.w - w) / 2, room.y, w, h), "", shown.alt,
                    name=figs.label(shown.number), data=img.data)
    words = Text(Box(BODY.x, room.y + h + GAP, BODY.w, caption_h), caption,  # right under the picture
                 name=f"{figs.label(shown.number)} caption", anchor="top")
    notes = "\n".join(t for t in (plain(shown.caption), f"Alt text: {shown.alt}", shown.credit) if t)
    return d.slide("figure", plain(figure.caption), [picture, words], notes, cites=figs.source_ids(figure))
