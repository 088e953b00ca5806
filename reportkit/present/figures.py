"""Figures as every edition shows them (docs/figures.md): where each goes, its number, the words under
it and the size it is drawn at. The memo plan (PDF, Word, web page) and the deck plan both ask here.

- **Where:** a figure follows the section that names it (``figure: ID``), or the outcome that names it;
  a figure nothing names stands on its own after the outcomes. An edition that does not show the
  section or outcome does not show its figure; brief editions show only the figures of the sections
  they show.
- **Number:** "Figure N", counted in the edition's reading order; a figure shown twice keeps its first
  number (and its image is embedded once).
- **Words:** "Figure N: caption", then the source line numbered as the endnotes ("Source: [1] …",
  ``sources_line``) and the credit and date ("Credit: … · 26 November 2026").
- **Size:** scaled to fit its box without distortion (``fit``), never wider than its width hint.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text import plain
from . import citations, sources_line
from .dates import day

WORD = "Figure"


@dataclass(frozen=True)
class Shown:
    """One figure as an edition prints it."""

    id: str
    number: int
    caption: str  # "Figure 2: Who talks to whom" (content emphasis kept)
    alt: str  # plain text, for the PDF tag, the deck picture, Word and the web page
    credit: str  # "Credit: Drawn by the analyst (CC0) · 26 November 2026", or ""
    image: object  # model.FigureImage
    width: float  # fraction of the text column, 0.2 … 1.0


def label(number: int) -> str:
    return f"{WORD} {number}"


def caption(figure, number: int) -> str:
    return f"{label(number)}: {figure.caption.strip()}"


def credit(figure, language: str = "en") -> str:
    parts = [f"Credit: {plain(figure.credit).strip()}"] if figure.credit else []
    if figure.date:
        parts.append(day(figure.date, language))
    return " \u00b7 ".join(parts)


def source_ids(figure) -> tuple[str, ...]:
    return (figure.source,) if figure.source else ()


def refs(briefing, figure) -> tuple:
    """The endnote marker of the figure's source (``present.citations.Ref``), as after any cited text."""
    return citations.cited(briefing, source_ids(figure))


def source_line(briefing, figure, fits=lambda text: True) -> str | None:
    """"Source: [1] Title. Publisher, date." — the longest wording ``fits`` accepts (``sources_line``),
    without the source's web address: the endnote prints it, as a link where the edition makes links."""
    urls = [briefing.source(i).url for i in source_ids(figure) if i in briefing._index["source"]]

    def ok(text: str) -> bool:
        return fits(text) and not any(u and u in text for u in urls)
    return sources_line.source_line(briefing, source_ids(figure), ok, briefing.meta.language)


def drawable(briefing, figure_id: str | None):
    """The figure of that id when this edition can draw it (kept for the audience, its file read)."""
    figure = briefing.figure(figure_id)
    return figure if figure is not None and figure.image is not None else None


def on_their_own(briefing) -> tuple:
    """Figures no section or outcome names, in file order: each stands on its own after the outcomes."""
    named = {x.figure for x in (*briefing.sections, *briefing.outcomes) if x.figure}
    return tuple(f for f in briefing.figures if f.id not in named and f.image is not None)


def numbers(ids_in_reading_order) -> dict[str, int]:
    """Figure id -> N, counted in the order an edition shows them; a repeat keeps its first number."""
    out: dict[str, int] = {}
    for i in ids_in_reading_order:
        out.setdefault(i, len(out) + 1)
    return out


def shown(briefing, figure, number: int) -> Shown:
    width = (figure.width or 100) / 100
    return Shown(figure.id, number, caption(figure, number), plain(figure.alt).strip(),
                 credit(figure, briefing.meta.language), figure.image, width)


def fit(width_px: int, height_px: int, box_w: float, box_h: float) -> tuple[float, float]:
    """The largest (w, h) with the image's aspect ratio inside box_w x box_h: scaled, never distorted."""
    scale = min(box_w / width_px, box_h / height_px)
    return width_px * scale, height_px * scale
