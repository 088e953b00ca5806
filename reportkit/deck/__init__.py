"""The PowerPoint briefing deck: ``render(edition) -> bytes``.

Two steps, as in pandoc's PowerPoint writer: ``plan`` decides every slide (pure data, no python-pptx),
``emit`` draws the plan with python-pptx. ``overflow.check`` reopens a deck and reports text that
does not fit its box.
"""
from __future__ import annotations

import sys

from .plan import plan


def render(edition) -> bytes:
    from .emit import Emitter  # python-pptx is imported only when a deck is drawn

    from dataclasses import replace

    from .template import deck_theme

    edition = replace(edition, theme=deck_theme(edition.theme))  # deck.colors: template takes its brand colours
    deck = plan(edition)
    emitter = Emitter(deck, edition.theme)
    data = emitter.render()
    for warning in (*deck.warnings, *emitter.warnings):
        print(f"reportkit: deck: {warning}", file=sys.stderr)
    return data


def preload() -> None:
    """Import python-pptx and read the font metrics now: ``build --all-audiences`` calls this in the
    parent before forking its workers, so each inherits them instead of paying for them."""
    from . import emit, fit  # noqa: F401

    for bold in (False, True):
        for italic in (False, True):
            fit.metrics(bold, italic)


__all__ = ["plan", "preload", "render"]
