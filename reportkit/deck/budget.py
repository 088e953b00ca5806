"""An honest slide budget: a brief deck (``audience.profiles.slide_budget``) that still takes more
slides after the planner has split and shrunk what it can says so, by how much, and which content is
longest, in the words the memo's page budget uses (``present.budget``).

Pure: reads the deck plan, imports no python-pptx.
"""
from __future__ import annotations

from ..audience.profiles import slide_budget
from ..present import budget
from ..registry import BuildWarning
from .model import DeckPlan, Group, Table, Text
from .slides.source_line import NAME as SOURCE_LINE


def shown_texts(deck: DeckPlan) -> list[str]:
    """Every paragraph and table cell the slides show (the footer zone's chrome is not on the plan)."""
    out: list[str] = []
    for slide in deck.slides:
        for shape in slide.shapes:
            for s in (shape.shapes if isinstance(shape, Group) else (shape,)):
                if isinstance(s, Text) and s.name != SOURCE_LINE:
                    out += [p.text for p in s.paragraphs if p.text.strip()]
                elif isinstance(s, Table):
                    out += [c.text for row in s.rows[1:] for c in row if c.text.strip()]
    return out


def over_budget(deck: DeckPlan, detail: str, origin=None) -> list[BuildWarning]:
    """One warning when the deck has more slides than its detail level promises; else none."""
    return budget.over_budget("the brief deck", len(deck.slides), slide_budget(detail), "slide", shown_texts(deck),
                              origin, "after splitting and shrinking what it could")
