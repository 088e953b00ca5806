"""Chart data, computed once from the model and drawn by both renderers.

Like python-pptx's ``ChartData`` feeding both the chart XML and its workbook, these objects are
the single source of every number the memo and the deck draw, so the two outputs cannot disagree.
No rendering library is imported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .model import SCORE_LABELS, SCORES, Briefing, Issue, Party
from .present.words import signed
from .text import plain

__all__ = ["Bar", "Cell", "ChartSet", "DivergingChart", "StanceMatrix", "chart_set", "issue_chart", "issue_charts",
           "signed", "stance_matrix"]


@dataclass(frozen=True)
class Cell:
    party: Party
    issue: Issue
    score: int | None  # None: the content gives no stance for this pair
    basis: str | None
    summary: str


@dataclass(frozen=True)
class StanceMatrix:
    """Parties (rows) x issues (columns)."""

    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def cell(self, row: int, col: int) -> Cell:
        return self.rows[row][col]

    def alt_text(self) -> str:
        parts = []
        for row in self.rows:
            given = [f"{c.issue.name} {signed(c.score)}{' (inferred)' if c.basis == 'inferred' else ''}"
                     for c in row if c.score is not None]
            parts.append(f"{row[0].party.short}: " + (", ".join(given) if given else "no stances"))
        return ("Stance matrix, parties by issues, scores from \u22122 (strongly opposes the proposition) "
                "to +2 (strongly supports). " + "; ".join(parts) + ".")


@dataclass(frozen=True)
class Bar:
    label: str  # category label (party short name, or issue name)
    score: int
    basis: str
    summary: str


@dataclass(frozen=True)
class DivergingChart:
    """One diverging bar chart: oppose (negative) <- 0 -> support (positive).

    ``bars`` holds only pairs the content gives a stance for, in content order.
    ``series_by_score`` splits the values into one series per score level (for a colour legend in
    charts that colour by series); each category's one non-empty value is its score.
    """

    key: str
    title: str
    subtitle: str  # the proposition (per-issue charts) or the party's full name
    bars: tuple[Bar, ...]

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(b.label for b in self.bars)

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(b.score for b in self.bars)

    @cached_property
    def series_by_score(self) -> tuple[tuple[int, str, tuple[int | None, ...]], ...]:
        return tuple(
            (level, SCORE_LABELS[level], tuple(b.score if b.score == level else None for b in self.bars))
            for level in SCORES
        )

    def alt_text(self) -> str:
        if not self.bars:
            return f"Diverging bar chart: {self.title}. The source gives no stances on this."
        items = ", ".join(
            f"{b.label} {signed(b.score)}{' (inferred)' if b.basis == 'inferred' else ''}" for b in self.bars
        )
        return f"Diverging bar chart: {self.title} ({plain(self.subtitle)}): {items}."


def stance_matrix(b: Briefing) -> StanceMatrix:
    rows = []
    for p in b.parties:
        row = []
        for i in b.issues:
            s = b.stance(p.id, i.id)
            row.append(Cell(p, i, s.score if s else None, s.basis if s else None, s.summary if s else ""))
        rows.append(tuple(row))
    return StanceMatrix(b.parties, b.issues, tuple(rows))


def issue_chart(b: Briefing, issue: Issue) -> DivergingChart:
    bars = tuple(
        Bar(p.short, s.score, s.basis, s.summary) for p in b.parties if (s := b.stance(p.id, issue.id))
    )
    return DivergingChart(f"issue:{issue.id}", issue.name, issue.proposition, bars)


def issue_charts(b: Briefing) -> tuple[DivergingChart, ...]:
    return tuple(issue_chart(b, i) for i in b.issues)


@dataclass(frozen=True)
class ChartSet:
    """Every chart of one briefing, computed once per build and handed to each renderer."""

    matrix: StanceMatrix
    by_issue: tuple[DivergingChart, ...]


def chart_set(b: Briefing) -> ChartSet:
    return ChartSet(stance_matrix(b), issue_charts(b))
