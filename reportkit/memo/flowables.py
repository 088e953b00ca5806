"""Small reportlab flowables the memo needs: outlined headings, the likelihood badge, stance bars."""
from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .. import present
from ..present.chart_data import DivergingChart, bar_fill
from ..model import LIKELIHOODS
from ..present import colours, signed
from ..workarounds.reportlab import drawing, paragraph_class, unchecked_shapes


class OutlinedHeading(paragraph_class()):
    """A heading that also sets a bookmark and an outline entry where it is drawn."""

    def __init__(self, text, style, key: str, title: str, level: int = 0):
        super().__init__(text, style)
        self.outline = (key, title, level)

    def draw(self):
        key, title, level = self.outline
        self.canv.bookmarkHorizontal(key, 0, self.height + self.style.spaceBefore)
        self.canv.addOutlineEntry(title, key, level, closed=False)
        super().draw()


class LikelihoodBadge(Flowable):
    """The likelihood word in a coloured pill, then the scale's steps filled up to its place (three
    for low / medium / high; seven for ICD 203, so "likely" stands at 5 of 7, ordered by the scale)."""

    def __init__(self, likelihood: str, theme, font: str, size: float = 8, word: str | None = None,
                 steps: tuple[int, int] | None = None):
        super().__init__()
        self.likelihood, self.theme, self.font, self.size = likelihood, theme, font, size
        self.word = word or present.likelihood_word(likelihood)  # a scale's own term, else the band
        self.steps = steps or (LIKELIHOODS.index(likelihood) + 1, len(LIKELIHOODS))
        self.step = 9 if self.steps[1] <= 3 else 6  # pitch: a long scale's steps are narrower
        self.pill_w = stringWidth(self.word, font, size) + 10
        self.height = size + 6

    def wrap(self, aw, ah):
        pill_h = self.size + 6
        steps_w = self.steps[1] * self.step
        # a long term ("Roughly even chance") leaves no room beside it: the steps go under the pill
        self.below = self.pill_w + 6 + steps_w > aw
        self.width = min(aw, max(self.pill_w, steps_w) if self.below else self.pill_w + 6 + steps_w)
        self.height = pill_h + (pill_h - 4 if self.below else 0)
        return self.width, self.height

    def draw(self):
        c, t = self.canv, self.theme
        fill = colours.fill_for(t, "likelihood", self.likelihood)
        pill_h = self.size + 6
        base = self.height - pill_h  # the pill's bottom: above the steps when they go under it
        c.saveState()
        c.setFillColor(HexColor(fill))
        c.roundRect(0, base, self.pill_w, pill_h, 3, stroke=0, fill=1)
        c.setFillColor(HexColor(present.text_on(fill, t)))
        c.setFont(self.font, self.size)
        c.drawCentredString(self.pill_w / 2, base + 3.6, self.word)
        place, count = self.steps
        x0, y0 = (0, 1) if self.below else (self.pill_w + 6, 3)
        if self.width >= x0 + count * self.step - 2:
            for k in range(count):
                c.setStrokeColor(HexColor(fill if k < place else t.color("color.rule")))
                c.setFillColor(HexColor(fill if k < place else t.color("color.page")))
                c.rect(x0 + k * self.step, y0, self.step - 2, pill_h - 6, stroke=1, fill=1)
        c.restoreState()


@unchecked_shapes
def stance_bars(chart: DivergingChart, theme, font: str, width: float, previous=(), fonts=None, cut=None) -> Drawing:
    """One diverging bar chart as vector shapes: label and score left, bar from the zero line.
    ``previous`` (per bar, or empty): a hollow ghost marker where a score moved from, linked to the bar.
    ``fonts`` (``MemoFonts``): labels in any script drawn in the fonts that have their glyphs.
    ``cut(label)`` is told of each label shortened to fit its column (the build then advises ``short:``)."""
    row_h, bar_h, axis_h, size = 14, 9, 16, 7.5
    label_w = 78
    x0, x1 = label_w + 4, width - 6
    cx, unit = (x0 + x1) / 2, (x1 - x0) / 4
    n = len(chart.bars)
    height = n * row_h + axis_h
    d = drawing(width, height, font=font)
    text, muted, rule = (HexColor(theme.color(k)) for k in ("color.text", "color.muted", "color.rule"))
    for k in range(-2, 3):  # light gridlines at each score
        x = cx + k * unit
        d.add(Line(x, axis_h - 2, x, height, strokeColor=rule, strokeWidth=0.8 if k == 0 else 0.3))
        d.add(String(x, axis_h - 10, signed(k), fontName=font, fontSize=colours.MIN_TEXT_PT, fillColor=muted, textAnchor="middle"))
    d.add(String(x0, 0, "opposes", fontName=font, fontSize=colours.MIN_TEXT_PT, fillColor=muted, textAnchor="start"))
    d.add(String(x1, 0, "supports", fontName=font, fontSize=colours.MIN_TEXT_PT, fillColor=muted, textAnchor="end"))
    for k, bar in enumerate(chart.bars):
        y = height - (k + 1) * row_h + (row_h - bar_h) / 2
        label = bar.label
        measure = (lambda t: fonts.width(t, font, size)) if fonts else (lambda t: stringWidth(t, font, size))
        if measure(label) > label_w - 24 and cut is not None:
            cut(bar.label)
        while measure(label) > label_w - 24 and len(label) > 2:
            label = label[:-2].rstrip() + "\u2026"  # an ellipsis keeps long names inside the label column
        lx = 0.0
        for piece, face in (fonts.pieces(label) if fonts else [(label, None)]):  # each script in its font
            d.add(String(lx, y + 2, piece, fontName=face or font, fontSize=size, fillColor=text))
            lx += stringWidth(piece, face or font, size)
        value = present.score_cell(bar.score, bar.basis)
        d.add(String(label_w, y + 2, value, fontName=font, fontSize=size, fillColor=text, textAnchor="end"))
        fill = HexColor(bar_fill(theme, bar.score))
        w = bar.score * unit
        if bar.score == 0:  # a neutral stance still gets a visible mark on the zero line
            shape = Rect(cx - 2, y, 4, bar_h, fillColor=fill, strokeColor=text, strokeWidth=0.4)
        else:
            shape = Rect(min(cx, cx + w), y, abs(w), bar_h, fillColor=fill, strokeColor=None, strokeWidth=0)
        if bar.basis == "inferred":
            shape.strokeColor, shape.strokeWidth, shape.strokeDashArray = text, 0.6, (2, 1.5)
        d.add(shape)
        was = previous[k] if k < len(previous) else None
        if was is not None:  # the ghost: where the score stood before, joined to where it is now
            gx, nx, my = cx + was * unit, cx + bar.score * unit, y + bar_h / 2
            d.add(Line(gx, my, nx, my, strokeColor=text, strokeWidth=0.6, strokeDashArray=(1, 1.2)))
            d.add(Circle(gx, my, bar_h / 2 - 0.5, fillColor=HexColor(theme.color("color.page")),
                         strokeColor=text, strokeWidth=0.9))
    return d
