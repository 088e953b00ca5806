"""An honest page budget: when a memo that promises at most N pages (the principals' brief) still
takes more at its densest layout, the build says so, by how much, and which content is longest, at
its ``file:line:col``, in the words every edition uses (``present.budget``).

Pure: reads the plan's blocks, imports no rendering library.
"""
from __future__ import annotations

from ..present import budget as present_budget
from ..registry import BuildWarning
from . import plan as p


def printed_texts(plan: p.MemoPlan) -> list[str]:
    """Every content text the memo prints at length (bullets, paragraphs, outcome rows), in plan order."""
    out: list[str] = []
    for b in plan.blocks:
        if isinstance(b, (p.Bullets, p.BottomLine)):
            out += [i.text for i in b.items]
        elif isinstance(b, p.Text) and b.style == "body":
            out.append(b.text)
        elif isinstance(b, p.OutcomeTable):
            for r in b.rows:
                out += [r.summary, *r.conditions, *r.obstacles]
                if not b.compact and r.likelihood_note:
                    out.append(r.likelihood_note)
        elif isinstance(b, p.ReactionTable):
            out += [r.text for r in b.rows]
    return out


def over_budget(plan: p.MemoPlan, pages: int, origin=None) -> list[BuildWarning]:
    """One warning when ``pages`` exceeds the plan's budget, naming the longest texts; else none."""
    return present_budget.over_budget("the brief memo", pages, plan.max_pages, "page", printed_texts(plan), origin,
                                      "even at its densest layout")
