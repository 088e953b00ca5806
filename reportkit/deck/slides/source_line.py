"""Each slide that states a fact gets a source line ("Source: [1] News article…", numbered as the
memo's endnotes) from the citations of what it shows (``Slide.cites``, set by each slide family).

It sits in the footer zone (``layout.FOOTER_BOX``), right-aligned, after the footer's own text
(organisation, disclaimer), so the two never overlap and the body keeps all its room; its wording
is the longest that fits one line (``present.sources_line``). Slides that cite nothing get none.
"""
from __future__ import annotations

from dataclasses import replace

from ...present import sources_line
from .. import fit
from ..layout import FOOTER_BOX, fits
from ..model import INSET, Box, Chrome, Paragraph, Run, Slide, Text
from .context import Deck

NAME = "Source line"
SIZE = 9  # the footer's size: the smallest text on a slide
GAP = 18.0  # points between the footer's text and the source line


def zone(chrome: Chrome) -> Box:
    """The part of the footer zone right of the footer's text."""
    used = fit.metrics().width(chrome.footer, chrome.footer_size) + 2 * INSET if chrome.footer else 0.0
    x = FOOTER_BOX.x + used + (GAP if chrome.footer else 0.0)
    return Box(x, FOOTER_BOX.y, max(0.0, FOOTER_BOX.x + FOOTER_BOX.w - x), FOOTER_BOX.h)


def add(d: Deck, slides: list[Slide], chrome: Chrome) -> list[Slide]:
    box = zone(chrome)

    def para(text: str) -> Paragraph:
        return Paragraph((Run(text),), SIZE, align="right", color=chrome.muted)

    def ok(text: str) -> bool:
        return box.w > 2 * INSET and fits([para(text)], box)

    out = []
    for s in slides:
        line = sources_line.source_line(d.b, s.cites, ok, d.language) if s.cites else None
        if line is not None and not ok(line):
            d.warnings.append(f"no room for the source line beside the footer on slide {s.title!r} "
                              f"(the speaker notes and the memo's endnotes have the sources): {line}")
            line = None
        if line is not None:
            s = replace(s, shapes=s.shapes + (Text(box, (para(line),), name=NAME, anchor="middle"),),
                        notes=s.notes and f"{s.notes}\n\n{line}")
        out.append(s)
    return out
