"""An edition: one briefing prepared for one audience, with its theme and chart data.

This is all a renderer receives. Audience selection has already removed what this audience may
not see, so a renderer cannot leak it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .present.chart_data import ChartSet, chart_set
from .model import Briefing
from .theme import Theme


@dataclass(frozen=True)
class Edition:
    briefing: Briefing
    theme: Theme
    charts: ChartSet
    audience: str | None = None  # audience profile name; None = the full briefing
    detail: str = "full"  # "full" | "brief"
    speaker_notes: bool = True
    disclaimer: str | None = None
    page_size: str = "letter"  # memo: "letter" | "a4"
    changes: object | None = None  # diff.Changes since an older version (build --since); None = not asked
    previous: Briefing | None = None  # that older version, selected for this audience (the Word memo's redline)


def make_edition(briefing: Briefing, theme: Theme, **kw) -> Edition:
    kw.setdefault("page_size", theme.get("memo.page_size", "letter"))
    return Edition(briefing=briefing, theme=theme, charts=chart_set(briefing), **kw)
