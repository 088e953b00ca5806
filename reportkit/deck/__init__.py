"""The PowerPoint briefing deck: ``render(edition) -> Rendered(pptx bytes, warnings)``.

Two steps, as in pandoc's PowerPoint writer: ``plan`` decides every slide (pure data, no python-pptx),
``emit`` draws the plan with python-pptx. ``overflow.check`` reopens a deck and reports text that
does not fit its box. The edition's theme is already the deck's view of it (``theme.views``).
"""
from __future__ import annotations

from ..registry import BuildWarning, Rendered
from .budget import over_budget
from .plan import plan


def render(edition) -> Rendered:
    from .emit import Emitter  # python-pptx is imported only when a deck is drawn

    from .a11y import check_plan, unique_titles

    deck = unique_titles(plan(edition))
    emitter = Emitter(deck, edition.theme)
    data = emitter.render()
    found = [f"accessibility: {m}" for m in check_plan(deck, edition.theme)]
    origin = edition.briefing.origin
    return Rendered(data, tuple(w if isinstance(w, BuildWarning) else BuildWarning(str(w))
                                for w in (*deck.warnings, *emitter.warnings, *found))
                    + tuple(overflow_warnings(getattr(emitter, "overflows", ()), origin))
                    + tuple(over_budget(deck, edition.detail, origin)))


def overflow_warnings(overflows, origin) -> list[BuildWarning]:
    """The overflow checker's findings on the deck just drawn, as warnings naming the slide and, when
    the text is found in the content, its ``file:line:col`` (a deck is never shipped silently with
    text past its box)."""
    out = []
    for o in overflows:
        text = o.text.removeprefix("past the body: ").strip()
        place = None
        if origin is not None:
            for line in text.splitlines():
                piece = line.strip()[:40]
                place = origin.find(piece) if len(piece) >= 4 else None
                if place:
                    break
        field = f" ({place.field})" if place else ""
        out.append(BuildWarning(f"slide {o.slide}: text does not fit {o.shape!r}{field}: needs {o.needed:.0f} pt, "
                                f"has {o.available:.0f} pt: {text[:60]!r}", place.where if place else None))
    return out


def preload() -> None:
    """Import python-pptx and read the font metrics now: ``build --all-audiences`` calls this in the
    parent before forking its workers, so each inherits them instead of paying for them."""
    from . import emit, fit  # noqa: F401

    for bold in (False, True):
        for italic in (False, True):
            fit.metrics(bold, italic)


__all__ = ["plan", "preload", "render"]
