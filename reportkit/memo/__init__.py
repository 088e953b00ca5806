"""The PDF policy memo: ``render(edition) -> Rendered(pdf bytes, warnings)``.

``plan.plan`` decides what the memo says (pure, no reportlab); ``emit`` draws the plan with reportlab
and returns the bytes with its warnings (``registry.Rendered``).
"""
from __future__ import annotations

from ..registry import Rendered
from .plan import MemoPlan
from .plan import plan as plan_memo  # the submodule keeps the name ``plan``

__all__ = ["render", "plan_memo", "MemoPlan"]


def render(edition) -> Rendered:
    """The memo: PDF bytes and warnings (characters no font could draw, at their file:line:col)."""
    from .emit import emit

    return emit(plan_memo(edition), edition.theme, edition.briefing.origin, edition.briefing)
