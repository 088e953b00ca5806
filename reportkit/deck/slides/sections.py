"""The analyst's sections in the deck: on a Context slide (their opening sentences as bullets, as
always) or, when a section says ``deck: slide``, on a slide of its own with all of its text, fitted
like every other slide (shrunk first, then continued over as many slides as it needs).

Which sections, and after which part of the deck, is ``present.placement``'s rule, the one the memo
follows too. A paragraph too long for one slide even at the continuation size is cut at sentence
ends, else between words, else between characters (Chinese and Japanese have no spaces), and the
cut keeps its *emphasis*.
"""
from __future__ import annotations

import re

from ...present import placement
from ...text import plain, spans
from ..layout import BODY, fits
from ..model import Paragraph, Run, Slide
from . import closing, figures
from .context import Deck

SIZES = (22, 20, 18, 16, 14)
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f\u3002\uff01\uff1f])[\"'\u201d\u2019)]*\s*")


def placed(d: Deck, brief: bool, parts) -> dict[str, list[Slide]]:
    """Part name -> the section slides that follow it: a Context slide for the sections shown there
    (in file order), then each own-slide section's slides (in file order); each figure a section names
    after the Context slide or the section's own slides (``figures.FigureAt``, made slides by the plan)."""
    out: dict[str, list[Slide]] = {}
    for part, secs in placement.place(d.b, "deck", brief, parts).items():
        shown = [s for s in secs if s.deck == "context"]
        slides = closing.context(d, shown) + figures.at(d, (s.figure for s in shown))  # FigureAt markers
        for s in secs:
            if s.deck == "slide":
                slides += own_slides(d, s) + figures.at(d, (s.figure,))
        out[part] = slides
    return out


def own_slides(d: Deck, section) -> list[Slide]:
    """One section's own slide(s): its title, all its paragraphs, nothing left out."""
    pieces = [piece for para in section.paragraphs for piece in _pieces(para, SIZES[1])]

    def make(i, size, first):
        return [Paragraph(pieces[i], size, space_before=0 if first else size * 0.5)]
    notes = f"{plain(section.title)}.\n" + "\n".join(plain(p) for p in section.paragraphs)
    return d.list_slides("section", plain(section.title), make, len(pieces), notes, sizes=SIZES,
                         cites=lambda i: d.refs(section.sources, section.credibility))


def _fits(text: str, size: float) -> bool:
    return fits([Paragraph((Run(text),), size)], BODY)


def _pieces(para: str, size: float) -> list[tuple[Run, ...]]:
    """``para`` as runs, cut into pieces that each fit the slide body at ``size`` (usually one)."""
    text = plain(para)
    if _fits(text, size):
        return [_runs(para, 0, len(text))]
    cuts = _cut(text, size)
    return [_runs(para, a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _cut(text: str, size: float) -> list[int]:
    """Offsets 0 = c0 < c1 < … < len(text) such that each text[ci:ci+1] fits: as few pieces as a greedy
    fill gives, preferring sentence ends, then spaces, then any character."""
    cuts, start = [0], 0
    while start < len(text):
        end = _longest(text, start, _SENTENCE_END, size) or _longest(text, start, re.compile(r"\s+"), size) \
            or _longest_chars(text, start, size)
        cuts.append(end)
        start = end
    return cuts


def _longest(text: str, start: int, sep: re.Pattern, size: float) -> int | None:
    """The furthest break (after a match of ``sep``, or the text's end) such that text[start:break]
    fits; None when not even the first one does."""
    ends = [m.end() for m in sep.finditer(text, start) if start < m.end() < len(text)] + [len(text)]
    lo, hi, best = 0, len(ends) - 1, None
    while lo <= hi:  # fitting is monotonic in the length: bisect over the candidate breaks
        mid = (lo + hi) // 2
        if _fits(text[start:ends[mid]].strip(), size):
            best, lo = ends[mid], mid + 1
        else:
            hi = mid - 1
    return best


def _longest_chars(text: str, start: int, size: float) -> int:
    lo, hi = start + 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if _fits(text[start:mid], size) else (lo, mid - 1)
    return lo


def _runs(para: str, a: int, b: int) -> tuple[Run, ...]:
    """The runs of ``para`` (with its emphasis) between plain-text offsets ``a`` and ``b``."""
    out, pos = [], 0
    for sp in spans(para):
        lo, hi = max(a, pos), min(b, pos + len(sp.text))
        if lo < hi:
            out.append(Run(sp.text[lo - pos:hi - pos], sp.bold, sp.italic))
        pos += len(sp.text)
    if out:  # no blank at either end of a piece
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    return tuple(out) or (Run(""),)
