"""DeckPlan -> .pptx bytes: only python-pptx calls; every decision was made in the plan."""
from __future__ import annotations

import copy
import io

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION, XL_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from ..chart_workbook import chart_workbook
from ..present import score_cell
from ..scripts import has_rtl, is_rtl_paragraph, segments
from ..present.chart_data import SCORE_FORMAT
from ..workarounds import pptx as wa
from . import a11y
from .model import INSET, SLIDE_H, SLIDE_W, Box, Chart, Group, Image, Picture, Rect, Table, Text
from .layout import BANNER_H, FOOTER_BOX, NUMBER_BOX
from .template import find_layout, open_template

wa.fast_oxml()  # before any proxy is used


ALIGN_XML = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR_XML = {"top": "t", "middle": "ctr", "bottom": "b"}


def _emu(points: float) -> int:
    return int(Pt(points))


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


class Emitter:
    def __init__(self, plan, theme):
        self.plan, self.theme = plan, theme
        self.font = plan.chrome.font
        self._text_color = theme.color("color.text")
        self.warnings: list[str] = []
        self._layouts: dict = {}  # (layout, kind) -> the template's slide layout
        self._chrome: list | None = None  # the banners and footer as first drawn (Emitter.chrome)

    def render(self) -> bytes:
        prs = open_template(self.theme, removed=self.warnings)
        prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
        wa.fast_partnames(prs.part.package)
        for number, planned in enumerate(self.plan.slides, 1):
            self.slide(prs, planned, number)
        e = self.plan
        wa.fix_core_properties(prs, e.title, e.author, e.subject, e.date, e.language)
        from .overflow import check_presentation

        self.overflows = check_presentation(prs)  # every build checks what it drew (deck/__init__ warns)
        return wa.save_deterministic(prs)

    # ---- one slide ---------------------------------------------------------------------------
    def slide(self, prs, planned, number: int) -> None:
        key = (planned.layout, planned.kind)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = find_layout(prs, self.theme, planned.layout, self.warnings, kind=planned.kind)
        slide, title = wa.add_slide(prs, layout)  # the layout's title placeholder only; ids from a counter
        if title is None:
            title = slide.shapes.add_textbox(0, 0, 0, 0)._element
            title[0][0].set("name", "Title")
        wa.set_position(title, *(_emu(v) for v in (planned.title_box.x, planned.title_box.y, planned.title_box.w,
                                                     planned.title_box.h)))
        self._fill_body(title.get_or_add_txBody(), [_title_para(planned, self.theme)],
                        "middle" if planned.layout != "title" else "bottom")
        for shape in planned.shapes:
            if isinstance(shape, Text):
                self.text(slide, shape)
            elif isinstance(shape, Rect):
                self.rect(slide, shape)
            elif isinstance(shape, Table):
                self.table(slide, shape)
            elif isinstance(shape, Chart):
                self.chart(slide, shape)
            elif isinstance(shape, Picture):
                self.picture(slide, shape)
            elif isinstance(shape, Image):
                self.image(slide, shape)
            elif isinstance(shape, Group):
                self.group(slide, shape)
            else:  # a shape the plan may make but nobody draws would vanish from the deck unnoticed
                raise TypeError(f"deck emitter: no drawing for {type(shape).__name__} on slide {number}")
        self.chrome(slide, number)  # after the content: the shape tree is the reading order
        a11y.set_language(slide._element, self.plan.language)
        if planned.notes:
            wa.set_notes_text(slide, planned.notes)

    def chrome(self, slide, number: int) -> None:
        """Classification banners top and bottom, footer and slide number: drawn, because python-pptx
        does not copy footer placeholders to new slides (#64, #201). Banners and footer are the same
        on every slide: drawn once, then copied with the slide's next shape id."""
        c = self.plan.chrome
        from .model import Paragraph, Run
        tree = slide.shapes._spTree
        if self._chrome is None:
            start = len(tree)
            for name, y in (("Classification (top)", 0.0), ("Classification (bottom)", SLIDE_H - BANNER_H)):
                para = Paragraph((Run(c.classification, True),), c.classification_size, align="center",
                                 color=c.banner_text)
                self.text(slide, Text(Box(0, y, SLIDE_W, BANNER_H), (para,), name=name, fill=c.banner_fill,
                                      anchor="middle"))
            if c.footer:
                self.text(slide, Text(FOOTER_BOX, (Paragraph((Run(c.footer),), c.footer_size, color=c.muted,
                                                             mirror=False),), name="Footer", anchor="middle"))
            self._chrome = [copy.deepcopy(sp) for sp in tree[start:]]
        else:
            for drawn in self._chrome:
                sp = copy.deepcopy(drawn)
                sp[0][0].set("id", str(slide.shapes._next_shape_id))  # nvSpPr/cNvPr
                tree.append(sp)
        self.text(slide, Text(NUMBER_BOX, (Paragraph((Run(str(number)),), 10, align="right", color=c.muted),),
                              name="Slide number", anchor="middle"))

    # ---- shapes ------------------------------------------------------------------------------
    def text(self, slide, t: Text, into=None) -> None:
        """A text box built as XML in one go: python-pptx's proxies cost about 1 ms per text frame
        (wa.text_box)."""
        wa.text_box(slide.shapes._spTree if into is None else into, slide.shapes._next_shape_id, t.name,
                    *(_emu(v) for v in (t.box.x, t.box.y, t.box.w, t.box.h)), t.fill and _hex(t.fill),
                    [self._para(p) for p in t.paragraphs], _emu(INSET), ANCHOR_XML[t.anchor])

    def _fill_body(self, body, paragraphs, anchor="top", inset=INSET) -> None:
        wa.set_text_body(body, [self._para(p) for p in paragraphs], _emu(inset), ANCHOR_XML[anchor])

    def _para(self, para) -> tuple:
        """(paragraph properties, runs) as wa.set_text_body takes them."""
        text_color = self._text_color
        props = {"algn": ALIGN_XML[para.align], "before": int(round(para.space_before * 100))}
        if is_rtl_paragraph(_deciding_text(para)):  # laid out right to left, bullet on the right; centred stays centred
            props["rtl"] = True
            props["algn"] = "r" if para.align == "left" and para.mirror else ALIGN_XML[para.align]
        if para.bullet or para.indent:
            props["marL"], props["indent"] = _emu(para.indent), -_emu(para.indent) if para.bullet else 0
            props["bullet"] = para.bullet
        size = int(round(para.size * 100))
        mark = not props.get("rtl")
        runs = [(_marked(r.text) if mark else r.text, size, r.bold, r.italic,
                 _hex(r.color or para.color or text_color), self.font) for r in para.runs]
        return props, runs

    def rect(self, slide, r: Rect, into=None) -> None:
        wa.plain_shape(slide.shapes._spTree if into is None else into, slide.shapes._next_shape_id, r.name,
                       "ellipse" if r.oval else "rect", *(_emu(v) for v in (r.box.x, r.box.y, r.box.w, r.box.h)),
                       _hex(r.fill), r.line and _hex(r.line), _emu(r.line_width),
                       a11y.DECORATIVE_XML)  # rules, swatches: no text to read

    def group(self, slide, g: Group) -> None:
        """Shapes the planner placed as one figure (the stance dots): one group, so the figure moves
        as one and carries one alt text."""
        grp = wa.group_shape(slide.shapes._spTree, slide.shapes._next_shape_id, g.name, g.alt_text,
                             *(_emu(v) for v in (g.box.x, g.box.y, g.box.w, g.box.h)))
        for shape in g.shapes:
            if isinstance(shape, Text):
                self.text(slide, shape, into=grp)
            else:
                self.rect(slide, shape, into=grp)

    def table(self, slide, t: Table) -> None:
        from .model import Paragraph, Run
        rows = [[([self._para(Paragraph((Run(cell.text, cell.bold),), cell.size, align=cell.align, color=cell.color))],
                  _hex(cell.fill or "#FFFFFF")) for cell in row] for row in t.rows]
        wa.table_frame(slide.shapes._spTree, slide.shapes._next_shape_id, t.name, t.alt_text,
                       *(_emu(v) for v in (t.box.x, t.box.y, t.box.w, t.box.h)),
                       [_emu(w) for w in t.col_widths], [_emu(h) for h in t.row_heights], rows, _emu(INSET),
                       ANCHOR_XML["middle"], _hex(self.theme.color("table.rule")), _emu(0.75), _emu(7.2), _emu(3.6))

    def picture(self, slide, p: Picture) -> None:
        from .picture import render_png  # matplotlib only when a picture is drawn

        png = render_png(p.data, p.box.w, p.box.h)
        pic = slide.shapes.add_picture(io.BytesIO(png), *(Pt(v) for v in (p.box.x, p.box.y, p.box.w, p.box.h)))
        pic.name = p.name
        wa.set_alt_text(pic, p.alt_text)  # add_picture would leave a file name here

    def image(self, slide, i: Image) -> None:
        source = io.BytesIO(i.data) if i.data is not None else i.path  # python-pptx stores equal bytes once
        pic = slide.shapes.add_picture(source, *(Pt(v) for v in (i.box.x, i.box.y, i.box.w, i.box.h)))
        pic.name = i.name
        wa.set_alt_text(pic, i.alt_text)  # add_picture would leave the file name here (#508)

    def _mark_inferred(self, plot, c: Chart, order) -> None:
        """Inferred scores as the memo marks them: the bar outlined with a dashed line and "+1†" as its
        label (per point: python-pptx #650). Data, so done on every chart, after its style."""
        bars = c.chart.bars
        for series, ((level, _, _), color, label_color) in zip(plot.series, order):
            for i, bar in enumerate(bars):
                if bar.score != level or bar.basis != "inferred":
                    continue
                point = series.points[i].format  # a point's own format replaces the series' fill: set it again
                point.fill.solid()
                point.fill.fore_color.rgb = _rgb(color)
                line = point.line
                line.color.rgb, line.width, line.dash_style = _rgb(c.inferred_color), Pt(1.5), MSO_LINE_DASH_STYLE.DASH
                label = series.points[i].data_label
                label.position = XL_LABEL_POSITION.INSIDE_BASE
                label.text_frame.text = score_cell(bar.score, bar.basis)
                font = label.text_frame.paragraphs[0].runs[0].font
                font.size, font.bold, font.color.rgb = Pt(c.font_size), True, _rgb(label_color)

    def chart(self, slide, c: Chart) -> None:
        data = wa.plain_workbook(CategoryChartData(number_format=SCORE_FORMAT))  # no formulas or links from names
        data.categories = c.chart.categories
        # Clustered bars list their legend in reverse (to match the reversed category axis), so there the
        # score series go in reverse too: the key still reads opposes -> supports.
        order = list(zip(c.chart.series_by_score, c.series_colors, c.label_colors))
        if c.previous:
            order.reverse()
        for (_level, label, values), _, _ in order:
            data.add_series(label, values)
        if c.previous:  # build --since: older scores as one more series (so "Edit Data" holds them too)
            data.add_series(c.previous_name, c.previous)
        if c.inferred_name:  # an empty series: its legend entry explains the dashed outline and the †
            data.add_series(c.inferred_name, [None] * len(c.chart.bars))
        # Clustered bars at overlap 100 draw like the stacked ones (one value per category and score
        # series) but do not add the previous series onto the bars: it is drawn over them, an outline.
        kind = XL_CHART_TYPE.BAR_CLUSTERED if c.previous else XL_CHART_TYPE.BAR_STACKED
        space = self._styled(data, kind, c, order)
        if c.inferred_name and any(bar.basis == "inferred" for bar in c.chart.bars):
            chart = PptxChart(space, None)
            self._mark_inferred(chart.plots[0], c, order)
            wa.keep_negative_bars_coloured(chart)  # the points just given their own format
            a11y.set_language(space, self.plan.language)  # and their labels' runs
        workbook = chart_workbook(data, self.plan.date)  # behind "Edit Data": fixed dates, names as text
        frame = wa.add_chart_space(slide.shapes, space, workbook, *(Pt(v) for v in (c.box.x, c.box.y, c.box.w, c.box.h)))
        frame.name = c.name
        wa.set_alt_text(frame, c.alt_text)

    def _styled(self, data, kind, c: Chart, order):
        """The chart's ``c:chartSpace`` with its style, styled once per style and process
        (``workarounds.pptx.styled_chart_space``; tests/batch/test_chart_style_cache.py)."""
        key = (kind, tuple((label, color, ink) for (_, label, _), color, ink in order), c.previous_name,
               c.previous_color if c.previous else None, c.inferred_name, c.inferred_color if c.inferred_name else None,
               self.font, c.font_size, self.plan.language,
               *(self.theme.color(k) for k in ("color.text", "color.muted", "color.rule")))
        return wa.styled_chart_space(data, kind, key, lambda space: self._style(PptxChart(space, None), c, order),
                                     _STYLED)

    def _style(self, chart, c: Chart, order) -> None:
        chart.font.name, chart.font.size = self.font, Pt(c.font_size)
        chart.font.color.rgb = _rgb(self.theme.color("color.text"))
        chart.has_title = False
        plot = chart.plots[0]
        plot.overlap, plot.gap_width = 100, 40
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = SCORE_FORMAT, False
        labels.position = XL_LABEL_POSITION.INSIDE_BASE
        labels.font.size, labels.font.bold = Pt(c.font_size), True
        for series, (_, color, label_color) in zip(plot.series, order):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(color)
            own = series.data_labels  # per series, so the label colour can contrast with its bars
            own.show_value = True
            own.number_format, own.number_format_is_linked = SCORE_FORMAT, False
            own.position = XL_LABEL_POSITION.INSIDE_BASE
            own.font.size, own.font.bold = Pt(c.font_size), True
            own.font.color.rgb = _rgb(label_color)
        if c.inferred_name:  # the legend entry of the empty last series explains the dashed outline
            key = plot.series[-1]
            key.format.fill.background()
            key.format.line.color.rgb, key.format.line.width = _rgb(c.inferred_color), Pt(1.5)
            key.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            key.data_labels.show_value = False
        if c.previous:
            ghost = plot.series[len(order)]
            ghost.format.fill.background()
            ghost.format.line.color.rgb = _rgb(c.previous_color)
            ghost.format.line.width = Pt(1.75)
            ghost.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            ghost.data_labels.show_value = False  # the score labels belong to the current bars
        wa.keep_negative_bars_coloured(chart)
        cat = chart.category_axis
        cat.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # party names left of the bars, never under them
        cat.reverse_order = True  # first party on top, as in the content file
        wa.value_axis_at_last_category(chart)  # ...and the value axis stays at the bottom
        cat.has_major_gridlines = False
        cat.format.line.color.rgb = _rgb(self.theme.color("color.muted"))
        cat.tick_labels.font.size, cat.tick_labels.font.bold = Pt(c.font_size), True
        val = chart.value_axis
        val.minimum_scale, val.maximum_scale, val.major_unit = -2, 2, 1
        val.has_major_gridlines = True
        val.major_gridlines.format.line.color.rgb = _rgb(self.theme.color("color.rule"))
        val.tick_labels.number_format, val.tick_labels.number_format_is_linked = SCORE_FORMAT, False
        val.tick_labels.font.size = Pt(c.font_size - 2)
        val.has_title = True
        val.axis_title.text_frame.text = "\u2190 opposes          supports \u2192"
        val.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(c.font_size - 2)
        val.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
        val.format.line.fill.background()
        chart.has_legend = True
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
        chart.legend.font.size = Pt(max(10, c.font_size - 3))
        a11y.set_language(chart._chartSpace, self.plan.language)


_STYLED: dict = {}  # style key -> a styled c:chartSpace (Emitter._styled), per process


def _marked(text: str) -> str:
    """``text`` of a left-to-right paragraph with an invisible left-to-right mark (U+200E, measured at
    zero width) after each right-to-left run, as the memo draws it: without it a number or bracket
    after a right-to-left name joins the name's run ("ایران +1" showed "1+ ایران")."""
    if not has_rtl(text):
        return text
    return "".join(s.text + ("\u200e" if s.rtl else "") for s in segments(text))


def _deciding_text(para) -> str:
    """The text whose first strong letter gives a paragraph its direction: after a leading label run
    ("ایران +1: ", "● Israel – Cautious: "), as the memo's "Name: text" lines, so an English summary
    of a party named in Persian stays left to right."""
    for k, run in enumerate(para.runs[:3]):
        if run.text.endswith(": ") and k + 1 < len(para.runs):
            return "".join(r.text for r in para.runs[k + 1:])
    return para.text


def _title_para(planned, theme):
    from .model import Paragraph, Run
    return Paragraph((Run(planned.title, True),), planned.title_size, color=theme.color("color.primary"))
