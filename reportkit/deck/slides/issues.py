"""Stances by issue: one slide per issue (its proposition, a native bar chart, what each party says),
and for brief decks the two most divided issues side by side."""
from __future__ import annotations

from dataclasses import replace

from ... import present
from ...present.chart_data import DivergingChart, chart_alt, score_series
from ...diff.digest import chart_previous
from ...text import plain
from .. import fit
from ..layout import BODY, fits, shorten
from ..model import Box, Chart, Paragraph, Run, Slide, Text
from .context import Deck, runs
from .stances import stance_sources


LABEL_SHARE = 0.3  # of a chart's width: a longer category label is wrapped or dropped by PowerPoint


def chart_shape(d: Deck, chart: DivergingChart, box: Box, font_size=14) -> Chart:
    # PowerPoint silently skips category labels that do not fit: keep each party's label within
    # its band (the plot area is roughly the box less legend and axis, ~70 % of the height).
    band = box.h * 0.7 / max(1, len(chart.bars))
    font_size = max(9, min(font_size, int(band / fit.metrics().line_height)))
    for b in chart.bars:  # PowerPoint wraps a long category label and skips those that do not fit
        if fit.metrics(bold=True).width(b.label, font_size) > box.w * LABEL_SHARE:
            d.advice.cut(b.label, "a stance chart's label")
    series = score_series(chart, d.t)  # a 0's label is drawn on the page (its ink says so)
    previous = chart_previous(d.changes, d.b, chart)
    moved = [(b, was) for b, was in zip(chart.bars, previous) if was is not None]
    alt = chart_alt(chart, previous, d.since)
    inferred = any(b.basis == "inferred" for b in chart.bars)
    return Chart(box, chart, tuple(s.fill for s in series), tuple(s.ink for s in series), alt, font_size,
                 name=f"Chart {chart.title}", previous=previous if moved else (),
                 previous_name=f"Previous ({d.since_short})", previous_color=d.text,
                 inferred_name=f"{present.INFERRED_MARK} dashed outline: inferred by the analyst" if inferred else "",
                 inferred_color=d.text)


def _was(d: Deck, chart: DivergingChart) -> list[str]:
    """Per bar: "was −1" where the score moved, else ""."""
    return [f"was {present.signed(w)}" if w is not None else "" for w in chart_previous(d.changes, d.b, chart)]


def proposition(d: Deck, chart: DivergingChart, box: Box) -> Text:
    para = Paragraph((Run("Proposition: ", True, False, d.muted),
                      *(replace(r, color=d.muted) for r in runs(chart.subtitle))), 16)
    size = next((s for s in (16, 15, 14, 13, 12) if fits([replace(para, size=s)], box)), None)
    if size is None:  # a paragraph-long proposition: its start here, all of it in the notes
        def ok(t):
            return fits([Paragraph((para.runs[0], Run(t)), 12)], box)
        para = replace(para, runs=(para.runs[0], Run(shorten(plain(chart.subtitle), ok), color=d.muted)))
        size = 12
    return Text(box, (replace(para, size=size),), name="Proposition")


def _proposition_box(chart: DivergingChart) -> Box:
    """One line for the proposition, or up to three when it needs them (it is what the scores
    mean: shortened only beyond that)."""
    para = Paragraph((Run("Proposition: ", True), *runs(chart.subtitle)), 12)
    for h in (30, 46, 62):
        box = Box(BODY.x, BODY.y - 6, BODY.w, h)
        if fits([para], box):
            break
    return box


def issue_slides(d: Deck) -> list[Slide]:
    out = []
    for chart, issue in zip(d.e.charts.by_issue, d.b.issues):
        prop_box = _proposition_box(chart)
        drop = prop_box.h - 30  # a longer proposition pushes the chart down
        notes = [f"{issue.name}. Proposition: {plain(issue.proposition)}."]
        if not chart.bars:
            msg = (Paragraph((Run("No stances in the source", True),), 24, color=d.text),
                   Paragraph(runs("The source gives no party's stance on this issue, so there is nothing to "
                                  "chart."), 18, color=d.muted, space_before=12))
            notes.append("The source gives no party's stance on this issue.")
            out.append(d.slide("issue", issue.name, [proposition(d, chart, prop_box),
                                                     Text(Box(BODY.x, 200, BODY.w, 160), msg, name="No stances")],
                               "\n".join(notes)))
            continue
        was = _was(d, chart)
        for bar, w in zip(chart.bars, was):
            moved = f", {w} on {d.since}" if w else ""
            notes.append(f"{bar.label}: {present.signed(bar.score)}, {present.words.score_label(bar.score)} "
                         f"({bar.basis}{moved}). {plain(bar.summary)}")
        chart_box = Box(BODY.x, BODY.y + 28 + drop, 540, BODY.h - 28 - drop)
        panel = Box(BODY.x + 560, BODY.y + 32 + drop, BODY.w - 560, BODY.h - 32 - drop)

        def make(i, size, first, bars=chart.bars, was=was):
            b = bars[i]
            tags = "; ".join(t for t in ("inferred" if b.basis == "inferred" else "", was[i]) if t)
            tag = f" ({tags})" if tags else ""
            return [Paragraph((Run(f"{b.label} {present.signed(b.score)}{tag}: ", True),) + runs(b.summary), size,
                              space_before=0 if first else size * 0.5)]
        shapes = [proposition(d, chart, prop_box), chart_shape(d, chart, chart_box)]
        size = next((s for s in (16, 15, 14, 13, 12) if fits(
            [p for i in range(len(chart.bars)) for p in make(i, s, i == 0)], panel)), None)
        if size is None:  # the summaries do not fit beside the chart: the chart alone, summaries in the notes
            d.warnings.append(f"{issue.name}: stance summaries moved to the speaker notes (too long for the slide)")
            shapes[1] = chart_shape(d, chart, Box(BODY.x, BODY.y + 28 + drop, BODY.w, BODY.h - 28 - drop))
        else:
            paras = tuple(p for i in range(len(chart.bars)) for p in make(i, size, i == 0))
            shapes.append(Text(panel, paras, name="What the parties say"))
        out.append(d.slide("issue", issue.name, shapes, "\n".join(notes),
                           cites=stance_sources(d, ((p.id, issue.id) for p in d.b.parties))))
    return out


def brief_charts(d: Deck) -> list[Slide]:
    """Brief decks: the two most divided issues side by side."""
    charts = [c for c in d.e.charts.by_issue if c.bars]
    charts.sort(key=lambda c: -(max(c.values) - min(c.values)))
    picked = [c for c in d.e.charts.by_issue if c in charts[:2]]
    if not picked:
        return []
    w = (BODY.w - 20) / len(picked)
    shapes, notes = [], ["The issues on which the parties are most divided."]
    for n, c in enumerate(picked):
        x = BODY.x + n * (w + 20)
        head_box = Box(x, BODY.y - 6, w, 30)
        head = Paragraph((Run(c.title, True),), 18, color=d.primary)
        size = next((z for z in (18, 16, 14) if fits([replace(head, size=z)], head_box)), None)
        if size is None:  # an issue name a paragraph long: its start (the notes name it in full)
            d.advice.cut(c.title, "a chart heading")
            size, head = 14, replace(head, runs=(Run(shorten(c.title, lambda t: fits(
                [Paragraph((Run(t, True),), 14)], head_box)), True),))
        shapes.append(Text(head_box, (replace(head, size=size),), name="Chart heading"))
        shapes.append(proposition(d, c, Box(x, BODY.y + 24, w, 46)))
        shapes.append(chart_shape(d, c, Box(x, BODY.y + 72, w, BODY.h - 72), 13))
        notes.append(f"{c.title}: " + "; ".join(
            f"{b.label} {present.signed(b.score)} ({b.basis}{', ' + was if was else ''}), {plain(b.summary)}"
            for b, was in zip(c.bars, _was(d, c))))
    shown = [i for i, c in zip(d.b.issues, d.e.charts.by_issue) if c in picked]
    return [d.slide("issue", "Where the parties are furthest apart", shapes, "\n".join(notes),
                    cites=stance_sources(d, ((p.id, i.id) for i in shown for p in d.b.parties)))]
