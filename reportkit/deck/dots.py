"""The "divides at a glance" dot plot placed as native shapes: per issue a rule across the −2..+2
scale, a dot at each score someone holds and the parties' names stacked above it, issue names on the
left, the scale underneath. Pure planning (points on the slide); the emitter draws it as one group.

Rows are measured, not guessed: a slide takes as many issues (at most seven) as fit with every
stacked label whole, so nothing overlaps the row above or runs past the body.
"""
from __future__ import annotations

from ..present.words import signed
from ..model import SCORE_LABELS
from . import fit
from .model import INSET, Box, Paragraph, Rect, Run, Text

NAME_SIZE = 14
LABEL_SIZES = (12, 11, 10)  # the stacked party names shrink only when one issue's stack fills a slide
TICK_SIZE = 12
DOT = 14.0
MAX_ROWS = 7
GAP = 3.0  # between a label stack and its dot
MAX_SPREAD = 36.0  # spare height given to one row at most


class StanceDots:
    """``rows``: (issue name, ((score, (label, ...)), ...)) as in ``StanceStrip``."""

    def __init__(self, rows, box: Box, colors, text: str, muted: str, rule: str):
        self.rows, self.box, self.colors = rows, box, colors
        self.text, self.muted, self.rule = text, muted, rule
        self.warnings: list[str] = []
        lh = fit.line_height(NAME_SIZE)
        self.names = [fit.wrap(name, box.w * 0.28, NAME_SIZE, bold=True) for name, _ in rows]
        self.name_w = max((fit.metrics(True).width(line, NAME_SIZE) for n in self.names for line in n), default=0)
        self.name_h = [len(n) * lh for n in self.names]
        self.x0 = box.x + self.name_w + 2 * INSET + 16  # the scale's left end
        self.col_w = (box.x + box.w - self.x0) / 5  # one column per score, the dot at its centre
        self.axis_h = 2 * fit.line_height(TICK_SIZE) + 2 * INSET + 8
        self.avail = box.h - self.axis_h
        self.label_size = LABEL_SIZES[0]
        for size in LABEL_SIZES:
            self.label_size = size
            self.heights = [self._row_height(i) for i in range(len(rows))]
            if max(self.heights, default=0) <= self.avail:
                break
        else:
            self.warnings.append("divides at a glance: an issue's party names are taller than the slide "
                                 f"even at {LABEL_SIZES[-1]} pt")

    def centre(self, score: int) -> float:
        return self.x0 + (score + 2.5) * self.col_w

    def _lines(self, labels) -> list[str]:
        """Names joined by " · " into lines that fit the column (a name too long for it wraps)."""
        width = self.col_w - 4 - 2 * INSET
        m = fit.metrics()
        lines, line = [], ""
        for label in labels:
            candidate = f"{line} \u00b7 {label}" if line else label
            if line and m.width(candidate, self.label_size) > width:
                lines.append(line)
                candidate = label
            line = candidate
        return lines + [line] if line else lines

    def _label_paras(self, labels) -> tuple:
        return tuple(Paragraph((Run(line),), self.label_size, align="center", color=self.text)
                     for line in self._lines(labels))

    def _label_h(self, paras) -> float:
        return fit.height([fit.Para(p.text, p.size) for p in paras], self.col_w - 4 - 2 * INSET) + 2 * INSET

    def _above(self, i: int) -> float:
        """Height needed above the row's rule: the tallest label stack over its dot, or half the name."""
        _, points = self.rows[i]
        stacks = [self._label_h(self._label_paras(labels)) for _, labels in points]
        if not points:
            stacks = [fit.line_height(self.label_size) + 2 * INSET]  # "no stances in the source"
        return max(max(stacks) + DOT / 2 + GAP, self.name_h[i] / 2 + INSET)

    def _row_height(self, i: int) -> float:
        below = max(DOT / 2 + 6, self.name_h[i] / 2 + INSET)
        return self._above(i) + below

    def pages(self) -> list[range]:
        """Issues per slide: evenly spread (9 -> 5 + 4) when that fits, else filled in order."""
        n = len(self.rows)
        count = -(-n // MAX_ROWS)
        while True:
            per = -(-n // count)
            chunks = [range(i, min(i + per, n)) for i in range(0, n, per)]
            if all(sum(self.heights[i] for i in c) <= self.avail or len(c) == 1 for c in chunks):
                return chunks
            count += 1

    def shapes(self, chunk: range) -> tuple:
        box, out = self.box, []
        used = sum(self.heights[i] for i in chunk)
        # Rows share the spare height (above each, for its names), up to a point: a slide with two
        # issues keeps them together with the scale right under them rather than far apart.
        extra = min(MAX_SPREAD, max(0.0, (self.avail - used) / len(chunk)))
        y = box.y
        for i in chunk:
            name, points = self.rows[i]
            rule_y = y + self._above(i) + extra
            out.append(Rect(Box(self.x0, rule_y - 0.6, box.x + box.w - self.x0, 1.2), self.rule, name=f"Scale {name}"))
            name_h = self.name_h[i] + 2 * INSET
            out.append(Text(Box(box.x, rule_y - name_h / 2, self.name_w + 2 * INSET + 4, name_h),
                            tuple(Paragraph((Run(line, True),), NAME_SIZE, align="right", color=self.text)
                                  for line in self.names[i]), name=f"Issue {name}", anchor="middle"))
            if not points:
                para = Paragraph((Run("no stances in the source", False, True),), self.label_size, align="center",
                                 color=self.muted)
                h = fit.line_height(self.label_size) + 2 * INSET
                w = 2 * self.col_w
                out.append(Text(Box(self.centre(0) - w / 2, rule_y - GAP - h, w, h), (para,), name="No stances",
                                anchor="bottom"))
            for score, labels in points:
                cx = self.centre(score)
                out.append(Rect(Box(cx - DOT / 2, rule_y - DOT / 2, DOT, DOT), self.colors[score + 2], self.text,
                                name=f"Dot {signed(score)}", oval=True, line_width=0.6))
                paras = self._label_paras(labels)
                h = self._label_h(paras)
                out.append(Text(Box(cx - self.col_w / 2 + 2, rule_y - DOT / 2 - GAP - h, self.col_w - 4, h), paras,
                                name=f"Parties at {signed(score)}", anchor="bottom"))
            y += self.heights[i] + extra
        axis_y = min(y + 4, box.y + box.h - self.axis_h)  # right under the last row, inside the box
        out.append(Rect(Box(self.x0, axis_y, box.x + box.w - self.x0, 1.0), self.rule, name="Scale axis"))
        for score in range(-2, 3):
            cx = self.centre(score)
            out.append(Rect(Box(cx - 0.5, axis_y, 1.0, 5), self.rule, name=f"Tick {signed(score)}"))
            label = (Paragraph((Run(signed(score), True),), TICK_SIZE, align="center",
                               color=self.text),
                     Paragraph((Run(SCORE_LABELS[score]),), TICK_SIZE, align="center", color=self.text))
            out.append(Text(Box(cx - self.col_w / 2 + 2, axis_y + 6, self.col_w - 4, self.axis_h - 6), label,
                            name=f"Scale {signed(score)}"))
        return tuple(out)
