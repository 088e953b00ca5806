"""Diverging bar charts as inline SVG, drawn from the shared chart data (reportkit.present.chart_data): one bar per
party (or issue) from 0 towards −2 (opposes) or +2 (supports). The picture is ``role="img"`` named by
its ``title`` and described by ``desc`` (the chart's alt text, the same words the other editions use);
its own texts are hidden from screen readers, who get the desc instead.

Colours come from the page's CSS classes (score classes), so dark mode and print themes apply.
"""
from __future__ import annotations

from ..present.chart_data import DivergingChart, chart_alt
from ..present import score_cell, signed
from ..text import plain
from .markup import attrs, esc
from .style import score_class

WIDTH = 400
LABEL_W = 138  # the category labels' column
PLOT_X0, PLOT_X1 = 150, 376  # the -2..+2 axis
ROW_H = 26
BAR_H = 17
TOP = 22  # room for the axis labels
MAX_LABEL = 19  # characters; longer labels are cut with an ellipsis (the full text is in the desc)


def _x(score: float) -> float:
    return round(PLOT_X0 + (score + 2) * (PLOT_X1 - PLOT_X0) / 4, 1)


def _label(s: str) -> str:
    s = plain(s)
    return s if len(s) <= MAX_LABEL else s[: MAX_LABEL - 1].rstrip() + "\u2026"


def chart_svg(chart: DivergingChart, ident: str, previous: tuple = (), since: str = "") -> str:
    """The chart as an ``svg`` element; ``ident`` makes its title/desc ids unique on the page;
    ``previous`` holds, per bar, the older score where it moved (drawn as a ring), else None."""
    n = len(chart.bars)
    height = TOP + n * ROW_H + 6
    parts = [f'<title id="{esc(ident)}-t">{esc(plain(chart.title))}</title>',
             f'<desc id="{esc(ident)}-d">{esc(chart_alt(chart, previous, since))}</desc>',
             '<g aria-hidden="true">']
    for s in range(-2, 3):  # gridlines and axis labels
        x = _x(s)
        dash = "" if s == 0 else ' stroke-dasharray="2 3"'
        parts.append(f'<line class="axis" x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{height - 4}" '
                     f'stroke-width="{1.2 if s == 0 else 0.5}"{dash}/>')
        parts.append(f'<text x="{x}" y="{TOP - 8}" font-size="12" text-anchor="middle">{esc(signed(s))}</text>')
    zero = _x(0)
    for k, bar in enumerate(chart.bars):
        y = TOP + k * ROW_H + (ROW_H - BAR_H) / 2
        mid = round(y + BAR_H / 2 + 4, 1)
        parts.append(f'<text x="{LABEL_W}" y="{mid}" font-size="14" text-anchor="end">{esc(_label(bar.label))}</text>')
        end = _x(bar.score)
        left, width = min(zero, end), abs(end - zero)
        if bar.score == 0:  # a neutral stance: a short mark on the axis, so it is not mistaken for none
            left, width = zero - 2.5, 5
        parts.append(f'<rect class="bar {score_class(bar.score)}" x="{left}" y="{y}" width="{width}" height="{BAR_H}"/>')
        value = score_cell(bar.score, bar.basis)
        if bar.score == 0:  # beside the mark
            tx, anchor, cls = zero + 6, "start", "v"
        else:  # inside the bar's outer end, in the ink that reads on its fill
            tx, anchor, cls = (end - 4, "end", f"v {score_class(bar.score)}") if bar.score > 0 else \
                (end + 4, "start", f"v {score_class(bar.score)}")
        parts.append(f'<text class="{cls}" x="{round(tx, 1)}" y="{mid}" font-size="12.5" font-weight="700" '
                     f'text-anchor="{anchor}">{esc(value)}</text>')
        was = previous[k] if k < len(previous) else None
        if was is not None:
            parts.append(f'<circle class="ghost" cx="{_x(was)}" cy="{round(y + BAR_H / 2, 1)}" r="5"/>')
    parts.append("</g>")
    a = attrs(class_="chart", direction="ltr", viewBox=f"0 0 {WIDTH} {height}", role="img",
              aria_labelledby=f"{ident}-t", aria_describedby=f"{ident}-d", focusable="false")
    return f'<svg xmlns="http://www.w3.org/2000/svg"{a}>' + "".join(parts) + "</svg>"
