"""The Word memo: ``render(edition) -> Rendered``, an editable .docx of the same memo plan the PDF draws.

``plan.plan`` decides (pure: the memo's blocks plus charts, styles, languages); ``emit`` writes it
with python-docx; ``chart`` makes native Word charts with python-pptx's chart writers; ``template``
reads an organisation's .dotx/.docx. See docs/docx.md.
"""
from __future__ import annotations

from ..registry import Rendered
from .plan import DocxPlan
from .plan import plan as plan_docx

__all__ = ["render", "plan_docx", "DocxPlan", "preload"]


def render(edition) -> Rendered:
    from .emit import emit

    data, warnings = emit(plan_docx(edition), edition.theme)
    return Rendered(data, tuple(warnings))


def preload() -> None:
    import docx  # noqa: F401
    import pptx.chart.xmlwriter  # noqa: F401
