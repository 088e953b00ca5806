"""Chart data, computed once from the model and drawn by every edition (memo, deck, Word, web page).

Like python-pptx's ``ChartData`` feeding both the chart XML and its workbook, these objects are
the single source of every chart's categories, values, labels, inferred flags and colours, so the
editions cannot disagree (``tests/present/test_chart_values.py`` reads each edition's charts back).
No rendering library is imported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import SCORE_LABELS, SCORES, Briefing, Issue, Party
from ..text import plain
from .colours import fill_for, text_on
from .words import signed

__all__ = ["SCORE_FORMAT", "Bar", "Cell", "ChartSet", "DivergingChart", "Series", "StanceMatrix", "bar_fill",
           "chart_alt", "chart_set", "ghost_series", "issue_chart", "issue_charts", "score_series", "stance_matrix"]

# The number format of scores in native charts (labels, axis, workbook): a true minus sign, an explicit
# plus and a plain zero, as ``words.signed`` writes them.
SCORE_FORMAT = '+0;"\u2212"0;0'


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


def chart_alt(chart: DivergingChart, previous: tuple[int | None, ...] = (), since: str = "") -> str:
    """A chart's alternate text in every edition: every bar's label and score (``alt_text``) and, with
    ``build --since``, where each moved score stood before (``previous``: per bar, else None)."""
    moved = [f"{bar.label} from {signed(was)}" for bar, was in zip(chart.bars, previous) if was is not None]
    if not moved:
        return chart.alt_text()
    return f"{chart.alt_text()} Moved since {since or 'the older version'}: {', '.join(moved)}."


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


# --- colours: which fill each bar gets, and the ink of the value written on it --------------------

@dataclass(frozen=True)
class Series:
    """One series of a native chart (deck, Word): its name in the legend and the workbook, its
    values (one per category, None where the category is in another series), its fill and the
    colour of the data labels on that fill."""

    name: str
    values: tuple[int | None, ...]
    fill: str  # "#RRGGBB"
    ink: str  # data label text on ``fill`` (present.colours.text_on)


def bar_fill(theme, score: int | None) -> str:
    """The fill of a bar at ``score`` (the stance colour of the theme)."""
    return fill_for(theme, "stance", score)


def score_series(chart: DivergingChart, theme) -> tuple[Series, ...]:
    """The chart's values as one series per score level (a colour legend for charts that colour by
    series), each with its theme fill and the label ink that reads on it."""
    out = []
    for level, label, values in chart.series_by_score:
        fill = bar_fill(theme, level)
        # A score of 0 has no bar: its label is drawn on the page, not on the neutral fill (print
        # theme: white on white).
        ink = text_on(theme.color("color.page") if level == 0 else fill, theme)
        out.append(Series(label, values, fill, ink))
    return tuple(out)


def ghost_series(previous: tuple[int | None, ...], name: str, theme) -> Series | None:
    """``build --since``: the older scores where they moved, as one more series drawn in outline in the
    text colour; None when no score moved."""
    if not any(v is not None for v in previous):
        return None
    dark = theme.color("color.text")
    return Series(name, tuple(previous), dark, dark)
