"""DeckPlan -> .pptx bytes: only python-pptx calls; every decision was made in the plan."""
from __future__ import annotations

import io

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION, XL_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..workarounds import pptx as wa
from .model import INSET, SLIDE_H, SLIDE_W, Box, Chart, Image, Picture, Rect, Table, Text
from .plan import BANNER_H, FOOTER_BOX, NUMBER_BOX
from .template import find_layout, open_template

SCORE_FORMAT = '+0;"\u2212"0;0'  # true minus sign, explicit plus, plain zero
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _place(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in (box.x, box.y, box.w, box.h))


class Emitter:
    def __init__(self, plan, theme):
        self.plan, self.theme = plan, theme
        self.font = plan.chrome.font
        self.warnings: list[str] = []

    def render(self) -> bytes:
        prs = open_template(self.theme)
        prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
        for number, planned in enumerate(self.plan.slides, 1):
            self.slide(prs, planned, number)
        e = self.plan
        wa.fix_core_properties(prs, e.title, e.author, e.subject, e.date, e.language)
        wa.fix_chart_workbooks(prs, e.date)
        buf = io.BytesIO()
        prs.save(buf)
        return wa.deterministic_zip(buf.getvalue())

    # ---- one slide ---------------------------------------------------------------------------
    def slide(self, prs, planned, number: int) -> None:
        layout = find_layout(prs, self.theme, planned.layout, self.warnings, kind=planned.kind)
        slide = prs.slides.add_slide(layout)
        title_ph = None
        for ph in list(slide.placeholders):
            if ph.placeholder_format.idx == 0 and title_ph is None:
                title_ph = ph
            else:  # unfilled placeholders would show "Click to add text" in PowerPoint
                ph._element.getparent().remove(ph._element)
        if title_ph is None:
            title_ph = slide.shapes.add_textbox(0, 0, 0, 0)
            title_ph.name = "Title"
        _place(title_ph, planned.title_box)
        self.fill_text(title_ph.text_frame, [_title_para(planned, self.theme)], "middle" if planned.layout != "title" else "bottom")
        self.chrome(slide, number)
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
        if planned.notes:
            slide.notes_slide.notes_text_frame.text = planned.notes

    def chrome(self, slide, number: int) -> None:
        """Classification banners top and bottom, footer and slide number: drawn, because python-pptx
        does not copy footer placeholders to new slides (#64, #201)."""
        c = self.plan.chrome
        from .model import Paragraph, Run
        for name, y in (("Classification (top)", 0.0), ("Classification (bottom)", SLIDE_H - BANNER_H)):
            para = Paragraph((Run(c.classification, True),), c.classification_size, align="center", color=c.banner_text)
            self.text(slide, Text(Box(0, y, SLIDE_W, BANNER_H), (para,), name=name, fill=c.banner_fill, anchor="middle"))
        if c.footer:
            self.text(slide, Text(FOOTER_BOX, (Paragraph((Run(c.footer),), c.footer_size, color=c.muted),), name="Footer",
                                  anchor="middle"))
        self.text(slide, Text(NUMBER_BOX, (Paragraph((Run(str(number)),), 10, align="right", color=c.muted),),
                              name="Slide number", anchor="middle"))

    # ---- shapes ------------------------------------------------------------------------------
    def text(self, slide, t: Text) -> None:
        tb = slide.shapes.add_textbox(*(Pt(v) for v in (t.box.x, t.box.y, t.box.w, t.box.h)))
        tb.name = t.name
        if t.fill:
            tb.fill.solid()
            tb.fill.fore_color.rgb = _rgb(t.fill)
        self.fill_text(tb.text_frame, t.paragraphs, t.anchor)

    def fill_text(self, tf, paragraphs, anchor="top", inset=INSET) -> None:
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = Pt(inset)
        tf.vertical_anchor = ANCHOR[anchor]
        text_color = self.theme.color("color.text")
        for n, para in enumerate(paragraphs):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            p.alignment = ALIGN[para.align]
            p.line_spacing = 1.0
            p.space_before = Pt(para.space_before)
            p.space_after = Pt(0)
            if para.bullet or para.indent:
                _bullet(p, para.bullet, para.indent)
            for r in para.runs:
                run = p.add_run()
                run.text = r.text
                f = run.font
                f.name, f.size, f.bold, f.italic = self.font, Pt(para.size), r.bold, r.italic
                f.color.rgb = _rgb(r.color or para.color or text_color)

    def rect(self, slide, r: Rect) -> None:
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Pt(v) for v in (r.box.x, r.box.y, r.box.w, r.box.h)))
        shape.name = r.name
        shape.shadow.inherit = False
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(r.fill)
        if r.line:
            shape.line.color.rgb = _rgb(r.line)
        else:
            shape.line.fill.background()

    def table(self, slide, t: Table) -> None:
        frame = slide.shapes.add_table(len(t.rows), len(t.col_widths),
                                       *(Pt(v) for v in (t.box.x, t.box.y, t.box.w, t.box.h)))
        frame.name = t.name
        wa.set_alt_text(frame, t.alt_text)
        table = frame.table
        table.first_row, table.horz_banding = True, False
        for i, w in enumerate(t.col_widths):
            table.columns[i].width = Pt(w)
        for i, h in enumerate(t.row_heights):
            table.rows[i].height = Pt(h)
        rule = self.theme.color("table.rule")
        from .model import Paragraph, Run
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                tc = table.cell(r, c)
                _cell_borders(tc, rule)
                tc.fill.solid()
                tc.fill.fore_color.rgb = _rgb(cell.fill or "#FFFFFF")
                tc.vertical_anchor = MSO_ANCHOR.MIDDLE
                para = Paragraph((Run(cell.text, cell.bold),), cell.size, align=cell.align, color=cell.color)
                self.fill_text(tc.text_frame, [para], "middle")
                tc.margin_left = tc.margin_right = Pt(7.2)
                tc.margin_top = tc.margin_bottom = Pt(3.6)

    def picture(self, slide, p: Picture) -> None:
        from .picture import render_png  # matplotlib only when a picture is drawn

        png = render_png(p.data, p.box.w, p.box.h)
        pic = slide.shapes.add_picture(io.BytesIO(png), *(Pt(v) for v in (p.box.x, p.box.y, p.box.w, p.box.h)))
        pic.name = p.name
        wa.set_alt_text(pic, p.alt_text)  # add_picture would leave a file name here

    def image(self, slide, i: Image) -> None:
        pic = slide.shapes.add_picture(i.path, *(Pt(v) for v in (i.box.x, i.box.y, i.box.w, i.box.h)))
        pic.name = i.name
        wa.set_alt_text(pic, i.alt_text)  # add_picture would leave the file name here (#508)

    def chart(self, slide, c: Chart) -> None:
        data = CategoryChartData(number_format=SCORE_FORMAT)
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
        # Clustered bars at overlap 100 draw like the stacked ones (one value per category and score
        # series) but do not add the previous series onto the bars: it is drawn over them, an outline.
        kind = XL_CHART_TYPE.BAR_CLUSTERED if c.previous else XL_CHART_TYPE.BAR_STACKED
        frame = slide.shapes.add_chart(kind,
                                       *(Pt(v) for v in (c.box.x, c.box.y, c.box.w, c.box.h)), data)
        frame.name = c.name
        wa.set_alt_text(frame, c.alt_text)
        chart = frame.chart
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
        if c.previous:
            ghost = plot.series[-1]
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


def _title_para(planned, theme):
    from .model import Paragraph, Run
    return Paragraph((Run(planned.title, True),), planned.title_size, color=theme.color("color.primary"))


def _bullet(p, char: str | None, indent: float) -> None:
    """A hanging-indent bullet ("•") or number ("3."); python-pptx has no bullet API for text boxes."""
    pPr = p._p.get_or_add_pPr()
    pPr.set("marL", str(int(Pt(indent))))
    pPr.set("indent", str(-int(Pt(indent)) if char else 0))
    if char is None:  # indented with the list but no mark of its own (a source's note)
        etree.SubElement(pPr, qn("a:buNone"))
    elif char.endswith(".") and char[:-1].isdigit():  # startAt keeps continuation slides counting on
        etree.SubElement(pPr, qn("a:buFontTx"))
        etree.SubElement(pPr, qn("a:buAutoNum"), type="arabicPeriod", startAt=char[:-1])
    else:
        etree.SubElement(pPr, qn("a:buFont"), typeface="Arial")
        etree.SubElement(pPr, qn("a:buChar"), char=char)


def _cell_borders(cell, color: str) -> None:
    """Thin rules between cells: the default table style's white borders vanish on light fills.
    Call before setting the cell fill: the schema wants lnL, lnR, lnT, lnB before the fill."""
    tcPr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        ln = etree.SubElement(tcPr, qn(tag), w=str(int(Pt(0.75))))
        fill = etree.SubElement(ln, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=color.lstrip("#").upper())
