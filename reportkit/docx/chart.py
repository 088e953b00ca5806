"""Native, editable Word charts: a chart part (``c:chartSpace``) with its embedded workbook.

python-docx has no chart API (python-docx #179, open since 2015). The chart XML is DrawingML, the
same in Word as in PowerPoint, so python-pptx writes it: its ``ChartData`` feeds both the chart XML
writer and the workbook writer (the deck's charts come from the same objects), and its chart proxies
style the XML. python-docx only holds the parts: ``add_chart_parts`` puts them in the package and
returns the relationship id the inline drawing points at.
"""
from __future__ import annotations

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from .chart_parts import WORKBOOK_RID
from .plan import SCORE_FORMAT, ChartSpec


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def chart_data(spec: ChartSpec) -> CategoryChartData:
    """The chart's data: one series per score level (as the deck), and the older scores last."""
    from ..workarounds.pptx import plain_workbook

    data = plain_workbook(CategoryChartData(number_format=SCORE_FORMAT))  # no formulas or links from names
    data.categories = spec.categories
    for s in _ordered(spec):
        data.add_series(s.name, s.values)
    if spec.previous:
        data.add_series(spec.previous.name, spec.previous.values)
    return data


def _ordered(spec: ChartSpec):
    # Clustered bars (with a previous series) list their legend reversed, so the series go reversed too.
    return tuple(reversed(spec.series)) if spec.previous else spec.series


_STYLED: dict = {}  # style key -> a styled chartSpace (see chart_xml)


def _style_key(spec: ChartSpec, theme, font: str, size_pt: float) -> tuple:
    """Everything the styling reads: two charts with equal keys differ only in their data."""
    series = tuple((s.name, s.fill, s.ink) for s in (*spec.series, *((spec.previous,) if spec.previous else ())))
    colors = tuple(theme.color(k) for k in ("color.text", "color.muted", "color.rule"))
    return series, colors, font, size_pt


def chart_xml(spec: ChartSpec, theme, font: str, size_pt: float = 9):
    """The styled ``c:chartSpace`` for a diverging stance chart (without its externalData link): every
    stance chart of a memo is styled alike, so only the first goes through python-pptx's proxies
    (``workarounds.pptx.styled_chart_space``)."""
    from ..workarounds.pptx import styled_chart_space

    kind = XL_CHART_TYPE.BAR_CLUSTERED if spec.previous else XL_CHART_TYPE.BAR_STACKED
    return styled_chart_space(chart_data(spec), kind, _style_key(spec, theme, font, size_pt),
                              lambda space: _style(space, spec, theme, font, size_pt), _STYLED)


def _style(space, spec: ChartSpec, theme, font: str, size_pt: float) -> None:
    """Diverging bars as the deck draws them, through python-pptx's chart proxies."""
    chart = Chart(space, None)
    chart.font.name, chart.font.size = font, Pt(size_pt)
    chart.font.color.rgb = _rgb(theme.color("color.text"))
    chart.has_title = False
    plot = chart.plots[0]
    plot.overlap, plot.gap_width = 100, 40
    for series, s in zip(plot.series, _ordered(spec)):
        series.invert_if_negative = False  # negative bars render white otherwise (python-pptx #504)
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(s.fill)
        labels = series.data_labels
        labels.show_value = True
        labels.number_format, labels.number_format_is_linked = SCORE_FORMAT, False
        labels.position = XL_LABEL_POSITION.INSIDE_BASE
        labels.font.size, labels.font.bold = Pt(size_pt), True
        labels.font.color.rgb = _rgb(s.ink)
    if spec.previous:
        ghost = plot.series[-1]
        ghost.invert_if_negative = False
        ghost.format.fill.background()
        ghost.format.line.color.rgb = _rgb(spec.previous.fill)
        ghost.format.line.width = Pt(1.5)
        ghost.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    cat = chart.category_axis
    cat.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # party names left of the bars, never under them
    cat.reverse_order = True  # first party on top, as in the content file
    cat.has_major_gridlines = False
    cat.format.line.color.rgb = _rgb(theme.color("color.muted"))
    cat.tick_labels.font.size, cat.tick_labels.font.bold = Pt(size_pt), True
    from ..workarounds.pptx import value_axis_at_last_category

    value_axis_at_last_category(chart)  # with the reversed categories, the value axis stays at the bottom
    val = chart.value_axis
    val.minimum_scale, val.maximum_scale, val.major_unit = -2, 2, 1
    val.has_major_gridlines = True
    val.major_gridlines.format.line.color.rgb = _rgb(theme.color("color.rule"))
    val.tick_labels.number_format, val.tick_labels.number_format_is_linked = SCORE_FORMAT, False
    val.tick_labels.font.size = Pt(size_pt - 1)
    val.format.line.fill.background()
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.legend.font.size = Pt(size_pt - 1)


def chart_blobs(spec: ChartSpec, theme, font: str, workbook) -> tuple[bytes, bytes]:
    """The chart part's XML and its embedded workbook, as bytes (``chart_parts`` puts them in the package).

    The chart part's only relationship is its workbook, so its id is ``rId1`` (``chart_parts`` checks).
    ``workbook(chart data)`` writes the workbook's bytes (``reportkit.chart_workbook``, with the memo's date).
    """
    from lxml import etree

    from ..workarounds.pptx import unsigned_axis_ids

    space = chart_xml(spec, theme, font)
    unsigned_axis_ids(space)  # python-pptx's chart XML has negative axis ids (workarounds.pptx)
    external = space.get_or_add_externalData()  # "Edit Data" opens this workbook
    external.rId = WORKBOOK_RID
    xml = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml, workbook(chart_data(spec))

