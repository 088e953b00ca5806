"""The PDF policy memo: ``render(edition) -> Rendered(pdf bytes, warnings)``.

``plan.plan`` decides what the memo says (pure, no reportlab); ``emit`` draws the plan with reportlab.
"""
from __future__ import annotations

from ..registry import Rendered
from .plan import MemoPlan
from .plan import plan as plan_memo  # the submodule keeps the name ``plan``

__all__ = ["render", "plan_memo", "MemoPlan"]


def render(edition) -> Rendered:
    from .emit import emit

    return emit(plan_memo(edition), edition.theme)
