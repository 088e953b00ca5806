"""Every python-pptx 1.0.2 workaround reportkit needs, each citing its upstream issue
(github.com/scanny/python-pptx). Details: shared NOTES-libraries.md, "python-pptx".
"""
from __future__ import annotations

import datetime as _dt
import functools
import io
import re
import zipfile

from lxml.etree import SubElement as _sub  # lxml is loaded at start-up anyway (the content loader)

from .zips import FIXED_ZIP_TIME, as_main_document, deterministic_zip, fixed_entry, fixed_workbook  # noqa: F401


def fix_core_properties(prs, title: str, author: str, subject: str, when: _dt.date, language: str) -> None:
    """Fixed, meaningful metadata: the default template carries stale values and save() adds now (#702).

    python-pptx refuses a core property longer than 255 characters (ValueError in
    ``pptx/oxml/coreprops.py``, no upstream issue); a content title may be longer, so cut it with "…".
    """
    def cap(text: str) -> str:
        return text if len(text) <= 255 else text[:254].rstrip() + "\u2026"

    cp = prs.core_properties
    stamp = _dt.datetime(when.year, when.month, when.day)
    cp.title, cp.author, cp.subject, cp.language = cap(title), cap(author), cap(subject), cap(language)
    cp.last_modified_by, cp.revision, cp.keywords, cp.comments, cp.category = cap(author), 1, "", "", ""
    cp.created = cp.modified = cp.last_printed = stamp


# XlsxWriter's ``worksheet.write`` turns a string starting with "=" into a formula, "{=...}" into an
# array formula and "http:", "mailto:" or "\\host" into a hyperlink unless told otherwise; python-pptx
# opens the workbook behind "Edit Data" with no options (``pptx/chart/xlsx.py`` ``_open_worksheet``:
# ``Workbook(xlsx_file, {"in_memory": True})``, no upstream issue). A party named "=cmd|' /C calc'!A0"
# would then be a live formula in the recipient's spreadsheet.
PLAIN_WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                          "strings_to_numbers": False}
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "{")  # what a spreadsheet may read as the start of a formula


def plain_workbook(chart_data):
    """``chart_data`` (a python-pptx ``CategoryChartData``) whose embedded workbook holds every string as a
    plain string cell; strings a spreadsheet could take for a formula also carry Excel's quote prefix
    (the cell shows and edits as text, as if typed after an apostrophe). Chart XML is unchanged.

    The deck and the Word memo write that workbook with ``reportkit.chart_workbook`` (the same bytes,
    without XlsxWriter); this writer stays its reference, and the guard on ``chart_data.xlsx_blob``."""
    chart_data.__dict__["_workbook_writer"] = _plain_writer()(chart_data)  # python-pptx's lazyproperty slot
    return chart_data


@functools.lru_cache(maxsize=None)
def _plain_writer():
    from contextlib import contextmanager

    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class PlainWorkbookWriter(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file):
            workbook = Workbook(xlsx_file, PLAIN_WORKBOOK_OPTIONS)
            worksheet = workbook.add_worksheet()
            self._quoted = workbook.add_format({"quote_prefix": True})
            yield workbook, worksheet
            workbook.close()

        def _write_cat_column(self, worksheet, col, level, num_format):
            worksheet.set_column(col, col, 10)
            for off, name in level:
                self._write(worksheet, off + 1, col, name, num_format)

        def _write_series(self, workbook, worksheet):
            col_offset = self._chart_data.categories.depth
            for idx, series in enumerate(self._chart_data):
                num_format = workbook.add_format({"num_format": series.number_format})
                series_col = idx + col_offset
                self._write(worksheet, 0, series_col, series.name, None)
                worksheet.write_column(1, series_col, series.values, num_format)

        def _write(self, worksheet, row, col, value, fmt):
            if isinstance(value, str):
                quoted = value.startswith(FORMULA_LEADS)
                worksheet.write_string(row, col, value, self._quoted if quoted else fmt)
            else:
                worksheet.write(row, col, value, fmt)

    return PlainWorkbookWriter


def styled_chart_space(chart_data, kind, key, style, cache: dict):
    """``chart_data``'s ``c:chartSpace`` for chart type ``kind``, styled by ``style(space)``.

    Styling through python-pptx's proxies is slow (15-100 ms a chart) and every chart whose ``key``
    (series, colours, fonts, language: all that ``style`` reads) is equal is styled alike. So the first
    one is styled and kept in ``cache``; later ones take a copy of its XML with their own categories
    and values (``c:cat``/``c:val`` of each series): the same bytes as styling each. The deck and the
    Word memo each pass their own cache (a module dict, so a batch worker's later documents reuse it).
    """
    import copy

    from pptx.oxml import parse_xml
    from pptx.oxml.ns import qn

    space = parse_xml(chart_data.xml_bytes(kind))
    styled = cache.get(key)
    if styled is None:
        style(space)
        cache[key] = copy.deepcopy(space)
        return space
    out = copy.deepcopy(styled)
    for ser, fresh in zip(out.iter(qn("c:ser")), space.iter(qn("c:ser"))):
        for tag in (qn("c:cat"), qn("c:val")):
            ser.replace(ser.find(tag), fresh.find(tag))
    return out


def add_chart_space(shapes, space, workbook: bytes, x: int, y: int, cx: int, cy: int):
    """``shapes.add_chart`` for a ``c:chartSpace`` already made and styled (``deck.emit``): python-pptx
    only makes a chart from ``ChartData``'s own XML and styles it through proxies afterwards. The same
    steps as ``SlidePart.add_chart_part`` and ``_BaseGroupShapes.add_chart``: the chart part, its
    embedded workbook (``workbook``: ``reportkit.chart_workbook``, in place of ``ChartData.xlsx_blob``,
    whose XlsxWriter stamps it with the clock: #702), the relationship, the graphic frame."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.chart import ChartPart

    slide_part = shapes.part
    package = slide_part.package
    chart_part = ChartPart(package.next_partname(ChartPart.partname_template), CT.DML_CHART, package, space)
    chart_part.chart_workbook.update_from_xlsx_blob(workbook)
    frame = shapes._add_chart_graphicFrame(slide_part.relate_to(chart_part, RT.CHART), x, y, cx, cy)
    shapes._recalculate_extents()
    return shapes._shape_factory(frame)


def fast_oxml() -> None:
    """Make python-pptx's element lookups cheaper, with the same results: ``qn("a:rPr")`` builds a
    ``NamespacePrefixedTag`` object per call (13,000 calls in a reference deck) and every
    ``BaseOxmlElement.xpath`` compiles its expression again; both are pure functions of a few dozen
    strings, so they are cached. The proxies (placeholders, tables, charts, notes) run on these (#478,
    #644: no fast API upstream). Idempotent; applied when the deck emitter is imported."""
    import functools
    import sys

    from lxml import etree
    from pptx.oxml import ns, xmlchemy

    if getattr(ns.qn, "_reportkit_cached", False):
        return
    slow = ns.qn
    fast = functools.lru_cache(maxsize=None)(slow)
    fast._reportkit_cached = True
    for name, module in list(sys.modules.items()):  # modules that bound qn by name when imported
        if (name == "pptx" or name.startswith("pptx.")) and getattr(module, "qn", None) is slow:
            module.qn = fast
    ns.qn = fast
    compiled: dict = {}
    nsmap = ns._nsmap

    def xpath(self, xpath_str: str):
        query = compiled.get(xpath_str)
        if query is None:
            query = compiled[xpath_str] = etree.XPath(xpath_str, namespaces=nsmap)
        return query(self)

    xmlchemy.BaseOxmlElement.xpath = xpath


def set_alt_text(shape, text: str) -> None:
    """Alt text is the ``descr`` attribute of the shape's cNvPr; python-pptx has no API for it (#508)
    and ``add_picture`` fills it with the image's file name."""
    shape._element._nvXxPr.cNvPr.set("descr", text)


def alt_text(shape) -> str:
    return shape._element._nvXxPr.cNvPr.get("descr", "")


def delete_slide(prs, slide) -> None:
    """python-pptx has no slide deletion (#67): drop the sldId and its relationship."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        if prs.part.related_part(sld_id.rId) is slide.part:
            prs.part.drop_rel(sld_id.rId)
            id_list.remove(sld_id)
            return
    raise ValueError("slide is not in this presentation")


def keep_negative_bars_coloured(chart) -> None:
    """Negative bars render white unless every series says invert_if_negative=False (#504, #776); a
    point with its own format (an inferred score's outline) says so too, after its index."""
    from lxml import etree
    from pptx.oxml.ns import qn

    for plot in chart.plots:
        for series in plot.series:
            series.invert_if_negative = False
            for dpt in series._element.findall(qn("c:dPt")):
                if dpt.find(qn("c:invertIfNegative")) is None:
                    dpt.find(qn("c:idx")).addnext(etree.SubElement(dpt, qn("c:invertIfNegative"), val="0"))


_TEMPLATE_CT = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_CT = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_presentation(data: bytes):
    """Open a .pptx or a .potx: ``Presentation()`` refuses a template's content type (#1070), so the
    override is changed in memory first."""
    from pptx import Presentation

    return Presentation(io.BytesIO(as_main_document(data, _TEMPLATE_CT, _PRESENTATION_CT)))


def value_axis_at_last_category(chart) -> None:
    """Keep the value axis under the bars when categories run top-down (reverse order, #517):
    python-pptx has ``crosses`` only on the value axis, so set the value axis's own ``c:crosses``."""
    from pptx.oxml.ns import qn

    val_ax = chart.value_axis._element
    for tag in ("c:crosses", "c:crossesAt"):
        for el in val_ax.findall(qn(tag)):
            val_ax.remove(el)
    cross_ax = val_ax.find(qn("c:crossAx"))
    el = cross_ax.makeelement(qn("c:crosses"), {"val": "max"})
    cross_ax.addnext(el)


# ---- building shapes and text as XML ---------------------------------------------------------------
# python-pptx sets each run property through a proxy that looks up and inserts one child element at a
# time in schema order: about 1 ms per text frame, a third of a warm deck render (#478 "Speed
# Question", #644 "Poor performance when creating a big presentation"; neither has a fast API). These
# build the same DrawingML in one pass with lxml. Element order follows the schema (CT_TextParagraph-
# Properties, CT_TextCharacterProperties, CT_TableCellProperties), which PowerPoint enforces.

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PML = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _a(tag: str) -> str:
    return f"{{{_A}}}{tag}"


# The tags set_text_body still finds or adds as elements (the rest is written as text).
_BODY_PR, _NO_AUTOFIT, _P_TAG, _T_TAG = (_a(t) for t in ("bodyPr", "noAutofit", "p", "t"))


def text_box(parent, shape_id: int, name: str, x: int, y: int, w: int, h: int, fill: str | None,
             paragraphs, inset: int, anchor: str):
    """A text box ``<p:sp>`` (what ``shapes.add_textbox`` makes) holding ``paragraphs`` (as
    ``set_text_body`` takes them), appended to ``parent``. Written as text and parsed once: lxml makes
    each element of python-pptx's classes (``SubElement``) at about 4 us apiece, parsing a few
    hundred a millisecond. Appended, the element drops its own namespace declarations (lxml keeps
    those of the tree), so the saved XML is what building it element by element gave."""
    fill_xml = f'<a:solidFill><a:srgbClr val="{_attr(fill)}"/></a:solidFill>' if fill else "<a:noFill/>"
    sp = _parse(f'<p:sp {_NSDECLS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr txBox="1"/>'
                f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
                f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}</p:spPr>'
                f'<p:txBody>{_body_pr_xml(inset, anchor)}<a:lstStyle/>{_paragraphs_xml(paragraphs)}</p:txBody></p:sp>')
    parent.append(sp)
    _keep_empty_texts(sp, paragraphs)
    return sp


def plain_shape(parent, shape_id: int, name: str, preset: str, x: int, y: int, w: int, h: int, fill: str,
                line: str | None = None, line_w: int = 0, c_nv_pr_xml: str = ""):
    """A filled rectangle or ellipse with no text, no theme style and so no shadow; ``c_nv_pr_xml``:
    children of its ``p:cNvPr`` as text (``deck.a11y.DECORATIVE_XML``). Written as text and parsed
    once (``text_box``)."""
    ln = (f'<a:ln w="{line_w}"><a:solidFill><a:srgbClr val="{_attr(line)}"/></a:solidFill></a:ln>' if line
          else "<a:ln><a:noFill/></a:ln>")
    sp = _parse(f'<p:sp {_NSDECLS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"'
                + (f">{c_nv_pr_xml}</p:cNvPr>" if c_nv_pr_xml else "/>")
                + f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
                f'</a:xfrm><a:prstGeom prst="{_attr(preset)}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr '
                f'val="{_attr(fill)}"/></a:solidFill>{ln}</p:spPr></p:sp>')
    parent.append(sp)
    return sp


def group_shape(parent, shape_id: int, name: str, alt_text: str, x: int, y: int, w: int, h: int):
    """An empty ``<p:grpSp>`` whose children use slide coordinates (child offset = offset)."""
    grp = _parse(f'<p:grpSp {_NSDECLS}><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}" '
                 f'descr="{_attr(alt_text)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
                 f'<a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/><a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" '
                 f'cy="{h}"/></a:xfrm></p:grpSpPr></p:grpSp>')
    parent.append(grp)
    return grp


def set_text_body(body, paragraphs, inset: int, anchor: str) -> None:
    """Replace a ``<p:txBody>``/``<a:txBody>``'s paragraphs. ``paragraphs``: (props, runs) with props
    {algn, before (1/100 pt), marL, indent (EMU), bullet, rtl} and runs (text, size (1/100 pt), bold,
    italic, "RRGGBB", typeface). Wraps, never autofits, single line spacing, no space after. The
    paragraphs are written as text and parsed (``text_box``)."""
    body_pr = body.find(_BODY_PR)
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.attrib.clear()
    ins = str(inset)
    for k, v in (("wrap", "square"), ("lIns", ins), ("tIns", ins), ("rIns", ins), ("bIns", ins), ("anchor", anchor)):
        body_pr.set(k, v)
    _sub(body_pr, _NO_AUTOFIT)
    for old in body.findall(_P_TAG):
        body.remove(old)
    made = _parse(f"<a:txBody {_NSDECLS}>{_paragraphs_xml(paragraphs)}</a:txBody>")
    body.extend(list(made))
    _keep_empty_texts(body, paragraphs)


_NSDECLS = f'xmlns:a="{_A}" xmlns:p="{_PML}"'


def _parse(xml: str):
    from pptx.oxml import parse_xml  # python-pptx's parser: its element classes

    return parse_xml(xml.encode("utf-8"))


def _text(text: str) -> str:
    """``text`` as XML character data, as lxml writes an element's ``text``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """``value`` inside a double-quoted attribute; white space as character references, which the
    parser keeps (literal tabs and newlines in an attribute are read as spaces)."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def _body_pr_xml(inset: int, anchor: str) -> str:
    return (f'<a:bodyPr wrap="square" lIns="{inset}" tIns="{inset}" rIns="{inset}" bIns="{inset}" '
            f'anchor="{_attr(anchor)}"><a:noAutofit/></a:bodyPr>')


def _paragraphs_xml(paragraphs) -> str:
    """The ``<a:p>`` elements of ``set_text_body`` as text, in schema order (CT_TextParagraph-
    Properties, CT_TextCharacterProperties); one empty paragraph for none (a text body must hold
    at least one)."""
    out = []
    for props, runs in paragraphs:
        ppr = f'<a:p><a:pPr algn="{_attr(props["algn"])}"'
        if props.get("rtl"):
            ppr += ' rtl="1"'
        bullet = props.get("bullet", False)
        indented = "marL" in props
        if indented:
            ppr += f' marL="{props["marL"]}" indent="{props["indent"]}"'
        out.append(f'{ppr}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="{props["before"]}"/>'
                   '</a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>')
        if indented:
            if bullet is None:  # indented with the list but no mark of its own (a source's note)
                out.append("<a:buNone/>")
            elif bullet.endswith(".") and bullet[:-1].isdigit():  # startAt: continuation slides count on
                out.append(f'<a:buFontTx/><a:buAutoNum type="arabicPeriod" startAt="{bullet[:-1]}"/>')
            else:
                out.append(f'<a:buFont typeface="Arial"/><a:buChar char="{_attr(bullet)}"/>')
        out.append("</a:pPr>")
        for text, size, bold, italic, color, face in runs:
            out.append(f'<a:r><a:rPr sz="{size}" b="{"1" if bold else "0"}" i="{"1" if italic else "0"}">'
                       f'<a:solidFill><a:srgbClr val="{_attr(color)}"/></a:solidFill><a:latin typeface="{_attr(face)}"/>'
                       f'{_script_fonts_xml(text)}</a:rPr><a:t>{_text(escape_control_chars(text))}</a:t></a:r>')
        out.append("</a:p>")
    return "".join(out) or "<a:p/>"


def _keep_empty_texts(element, paragraphs) -> None:
    """An empty run's ``<a:t>`` as lxml writes an element whose text was set to "": ``<a:t></a:t>``
    (parsed, it would have none and be written ``<a:t/>``)."""
    if any(not text for _, runs in paragraphs for text, *_ in runs):
        for t in element.iter(_T_TAG):
            if t.text is None:
                t.text = ""


def _script_fonts_xml(text: str) -> str:
    """``<a:ea>``/``<a:cs>`` for a run with East Asian or right-to-left text. python-pptx's
    ``Font.name`` sets only ``<a:latin>`` (NOTES: "CJK needs the <a:ea> slot"), and PowerPoint picks
    the font for Chinese, Japanese, Korean from ``ea`` and for Arabic and Hebrew from ``cs``: without
    them it may draw boxes. Schema order: latin, ea, cs."""
    if not text or max(text) < "\u0590":  # below Hebrew: neither right-to-left nor East Asian (most runs)
        return ""
    from ..scripts import DECK_CS_FONT, east_asian_font, has_rtl

    ea = east_asian_font(text)
    out = f'<a:ea typeface="{_attr(ea)}"/>' if ea else ""
    if has_rtl(text):
        out += f'<a:cs typeface="{_attr(DECK_CS_FONT)}"/>'
    return out


_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default (CT_Table.new_tbl)
_EMPTY_CELL = "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p/></a:txBody><a:tcPr/></a:tc>"  # CT_TableCell.new


def table_frame(parent, shape_id: int, name: str, alt_text: str, x: int, y: int, cx: int, cy: int, col_widths,
                row_heights, rows, inset: int, anchor: str, rule: str, rule_w: int, margin_x: int, margin_y: int):
    """A table's ``<p:graphicFrame>``, appended to ``parent``: what ``shapes.add_table`` makes, with
    first-row styling and no banding, the column widths and row heights given straight on
    ``<a:gridCol w>`` and ``<a:tr h>`` (python-pptx's ``row.height`` setter re-sums every row to
    resize the frame, O(n^2); #613), and each cell's text (``set_text_body``), margins, middle anchor,
    thin rules on all four sides (the default table style's white borders vanish on light fills) and
    solid fill. ``rows``: per row, per cell (paragraphs, fill). Written as text and parsed once, as
    ``text_box``: python-pptx parses a new table and every cell was then rebuilt element by element
    (#644)."""
    line = f'<a:solidFill><a:srgbClr val="{_attr(rule)}"/></a:solidFill>'
    tc_pr = (f'<a:tcPr marL="{margin_x}" marR="{margin_x}" marT="{margin_y}" marB="{margin_y}" anchor="ctr">'
             + "".join(f'<a:{side} w="{rule_w}">{line}</a:{side}>' for side in ("lnL", "lnR", "lnT", "lnB")))
    body_pr = _body_pr_xml(inset, anchor)
    out = [f'<p:graphicFrame {_NSDECLS}><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{_attr(name)}" '
           f'descr="{_attr(alt_text)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
           f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></p:xfrm>'
           '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
           f'<a:tblPr firstRow="1"><a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>']
    out += [f'<a:gridCol w="{w}"/>' for w in col_widths]
    out.append("</a:tblGrid>")
    paragraphs = []
    for h, row in zip(row_heights, rows):
        out.append(f'<a:tr h="{h}">')
        cells = list(row)[:len(col_widths)]
        for paras, fill in cells:
            paragraphs += paras
            out.append(f'<a:tc><a:txBody>{body_pr}<a:lstStyle/>{_paragraphs_xml(paras)}</a:txBody>{tc_pr}'
                       f'<a:solidFill><a:srgbClr val="{_attr(fill)}"/></a:solidFill></a:tcPr></a:tc>')
        out.append(_EMPTY_CELL * (len(col_widths) - len(cells)) + "</a:tr>")
    out.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    frame = _parse("".join(out))
    parent.append(frame)
    _keep_empty_texts(frame, paragraphs)
    return frame


_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def escape_control_chars(text: str) -> str:
    """What python-pptx's run text setter does: a control character other than tab and line feed
    (XML cannot hold it) becomes the plain-text escape "_x0007_"."""
    return _CONTROL.sub(lambda m: "_x%04X_" % ord(m.group()), text)


def set_notes_text(slide, text: str) -> None:
    """The slide's speaker notes, one paragraph per line, written as XML: ``notes_text_frame.text``
    goes through the same per-run proxies as above (#478), half a second in a 190-slide deck."""
    body = _notes_body(slide)
    for old in body.findall(_P_TAG):
        body.remove(old)
    paras = "".join(f"<a:p><a:r><a:t>{_text(escape_control_chars(line))}</a:t></a:r></a:p>" if line else "<a:p/>"
                    for line in text.split("\n"))
    body.extend(list(_parse(f"<a:txBody {_NSDECLS}>{paras}</a:txBody>")))  # as text: see text_box


def _notes_body(slide):
    """The ``p:txBody`` of ``slide.notes_slide.notes_text_frame``. python-pptx makes each notes slide
    from text and clones the notes master's placeholders into it through their proxies (about 2 ms a
    slide); every new notes slide of a deck is the same XML, so the first is made that way and later
    ones are a copy of it, with the same relationships in the same order."""
    import copy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import NotesSlidePart

    slide_part = slide.part
    if slide_part.has_notes_slide:
        return slide.notes_slide.notes_text_frame._txBody
    package = slide_part.package
    first = package.__dict__.get("_reportkit_notes")
    if first is None:
        notes = slide.notes_slide  # python-pptx makes it: NotesSlidePart.new, clone_master_placeholders
        package._reportkit_notes = copy.deepcopy(notes._element)
        return notes.notes_text_frame._txBody
    master_part = package.presentation_part.notes_master_part
    notes_part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                                package, copy.deepcopy(first))
    _relate_new(notes_part, master_part, RT.NOTES_MASTER)  # as NotesSlidePart._add_notes_slide_part
    _relate_new(notes_part, slide_part, RT.SLIDE)
    _relate_new(slide_part, notes_part, RT.NOTES_SLIDE)
    for sp in notes_part._element.cSld.spTree.iter_ph_elms():  # NotesSlide.notes_placeholder: the first body
        if sp.ph_type == PP_PLACEHOLDER.BODY:
            return sp.get_or_add_txBody()
    return notes_part.notes_slide.notes_text_frame._txBody  # no body placeholder: python-pptx's answer (None)


def add_slide(prs, layout):
    """``prs.slides.add_slide(layout)`` keeping only the layout's title placeholder (the first with
    index 0): (slide, its ``p:sp`` or None). The emitter draws everything else itself, and an
    unfilled placeholder would show "Click to add text" in PowerPoint.

    python-pptx parses a new slide from text, clones every placeholder through its proxies and finds
    the next slide id by searching all of them (about 0.7 ms a slide; #644, no fast API). The first
    slide of each layout in a deck is made that way; later ones get a copy of its XML: the same
    elements, ids and names. The slide's shapes are in python-pptx's turbo mode (the next shape id
    from a counter, not a search of the tree), counting on past the removed placeholders' ids.
    Slide ids count on from the largest, as python-pptx's rule does."""
    import copy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlidePart

    pres_part = prs.part
    package = pres_part.package
    made = package.__dict__.setdefault("_reportkit_new_slides", {})  # layout part -> its first new slide's p:sld
    sld_ids = prs.slides._sldIdLst
    layout_part = layout.part
    sld, last_id = made.get(layout_part, (None, None))
    if sld is None:
        slide = prs.slides.add_slide(layout)
        slide.shapes.turbo_add_enabled = True  # ids count on past the placeholders removed below
        title = None
        for sp in list(slide.shapes._spTree.iter_ph_elms()):
            if sp.ph_idx == 0 and title is None:
                title = sp
            else:
                sp.getparent().remove(sp)
        made[layout_part] = copy.deepcopy(slide._element), slide.shapes._cached_max_shape_id
        package._reportkit_next_sld_id = sld_ids._next_id
        return slide, title
    slide_part = SlidePart(PackURI("/ppt/slides/slide%d.xml" % (len(sld_ids) + 1)), CT.PML_SLIDE, package,
                           copy.deepcopy(sld))
    _relate_new(slide_part, layout_part, RT.SLIDE_LAYOUT)
    r_id = _relate_new(pres_part, slide_part, RT.SLIDE)
    sld_id = package._reportkit_next_sld_id
    if sld_id > 2147483647:  # past the largest id: python-pptx looks for a free one
        sld_ids.add_sldId(r_id)
    else:
        sld_ids._add_sldId(id=sld_id, rId=r_id)
    package._reportkit_next_sld_id = sld_id + 1
    slide = slide_part.slide
    slide.shapes._cached_max_shape_id = last_id  # turbo mode, as above
    title = next((sp for sp in slide.shapes._spTree.iter_ph_elms()), None)
    return slide, title


def _relate_new(part, target, reltype: str) -> str:
    """``part.relate_to(target, reltype)`` where one of them was just made, so no such relationship
    exists yet: python-pptx looks for one first by grouping every relationship of ``part`` by type,
    per call (O(n^2) in slides for the presentation part)."""
    return part._rels._add_relationship(reltype, target)


def set_position(sp, x: int, y: int, cx: int, cy: int) -> None:
    """``shape.left, .top, .width, .height = ...`` for a ``p:sp``: its ``a:xfrm`` as the proxies
    write it (an offset, then an extent), without them."""
    sp_pr = sp.spPr
    xfrm = sp_pr.get_or_add_xfrm()
    off, ext = xfrm.get_or_add_off(), xfrm.get_or_add_ext()
    off.set("x", str(x))
    off.set("y", str(y))
    ext.set("cx", str(cx))
    ext.set("cy", str(cy))


def fast_partnames(package) -> None:
    """New part names from a running set instead of python-pptx's ``next_partname``, which walks every
    relationship of the package for each new slide, notes slide and chart: O(n^2) in the number of
    parts (#644, PR #646). Same names as python-pptx picks (its rule, over the set)."""
    from pptx.opc.packuri import PackURI

    used = {str(part.partname) for part in package.iter_parts()}

    def next_partname(tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        count = sum(1 for name in used if name.startswith(prefix))
        for n in range(count + 1, 0, -1):
            if tmpl % n not in used:
                used.add(tmpl % n)
                return PackURI(tmpl % n)
        raise RuntimeError(f"no free part name for {tmpl}")  # cannot happen: count + 1 names, count used

    package.next_partname = next_partname


# python-pptx writes every chart with fixed axis ids, most of them negative (``pptx/chart/xmlwriter.py``:
# ``<c:axId val="-2068027336"/>`` ... ``<c:crossAx val="-2113994440"/>``), but ECMA-376 declares
# ``ST_AxisId`` as ``xsd:unsignedInt``: every deck and Word memo with a chart failed schema validation
# (``ooxml-check``). Still so in python-pptx 1.0.2; no upstream issue found (searched the tracker for
# "axId", "unsignedInt": scanny/python-pptx#141 is about assigning axis ids for multiple axes). PowerPoint
# and LibreOffice accept the signed ids, stricter consumers and validators do not.
_AXIS_ID_TAGS = ("{http://schemas.openxmlformats.org/drawingml/2006/chart}axId",
                 "{http://schemas.openxmlformats.org/drawingml/2006/chart}crossAx")


def unsigned_axis_ids(chart_space) -> None:
    """Give each negative ``c:axId`` / ``c:crossAx`` of one chart part (its ``c:chartSpace`` element) a
    non-negative id: its low 31 bits, the next free one if another axis of the chart has it. The same
    old id always gets the same new one, so the plot's axis references still meet their axes, and the
    bytes stay deterministic."""
    elements = [el for el in chart_space.iter(*_AXIS_ID_TAGS)]
    used = {int(el.get("val")) for el in elements if int(el.get("val", "0")) >= 0}
    new: dict[int, int] = {}
    for el in elements:
        old = int(el.get("val", "0"))
        if old >= 0:
            continue
        if old not in new:
            candidate = old & 0x7FFFFFFF
            while candidate in used:
                candidate = (candidate + 1) & 0x7FFFFFFF
            used.add(candidate)
            new[old] = candidate
        el.set("val", str(new[old]))


def _unsigned_chart_axis_ids(package) -> None:
    from pptx.parts.chart import ChartPart

    for part in package.iter_parts():
        if isinstance(part, ChartPart):
            unsigned_axis_ids(part._element)


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels_xml(rels) -> bytes:
    """``rels.xml`` (a part's or the package's ``.rels``) written as text: python-pptx builds it
    element by element through its proxies, a fifth of saving a deck. The same bytes: relationships
    in numerical order of their ids, ``TargetMode`` only on external ones."""
    def number(r_id: str) -> int:
        return int(r_id[3:]) if r_id.startswith("rId") and r_id[3:].isdigit() else 0

    out = ["<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n", f'<Relationships xmlns="{_RELS_NS}"']
    ordered = sorted((number(r_id), r_id) for r_id in rels.keys())
    if not ordered:
        return "".join(out + ["/>"]).encode("utf-8")
    out.append(">")
    for _, r_id in ordered:
        rel = rels[r_id]
        mode = ' TargetMode="External"' if rel.is_external else ""
        out.append(f'<Relationship Id="{_attr(rel.rId)}" Type="{_attr(rel.reltype)}" Target="{_attr(rel.target_ref)}"{mode}/>')
    out.append("</Relationships>")
    return "".join(out).encode("utf-8")


def save_deterministic(prs) -> bytes:
    """The package as bytes with fixed entry dates and attributes (what ``deterministic_zip`` makes of
    ``prs.save``, #702), written once: saving and then re-zipping compressed everything twice."""
    from pptx.opc.packuri import PACKAGE_URI
    from pptx.opc.serialized import PackageWriter

    class FixedZipWriter:
        def __init__(self, zf):
            self.zf = zf

        def write(self, pack_uri, blob: bytes) -> None:
            self.zf.writestr(fixed_entry(pack_uri.membername), blob, compresslevel=6)

    class FixedDatesPackageWriter(PackageWriter):
        def _write(self) -> None:
            with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as zf:
                w = FixedZipWriter(zf)
                self._write_content_types_stream(w)
                w.write(PACKAGE_URI.rels_uri, rels_xml(self._pkg_rels))
                for part in self._parts:  # PackageWriter._write_parts, with rels_xml
                    w.write(part.partname, part.blob)
                    if part._rels:
                        w.write(part.partname.rels_uri, rels_xml(part._rels))

    package = prs.part.package
    _unsigned_chart_axis_ids(package)  # every chart part, whatever drew it
    out = io.BytesIO()
    FixedDatesPackageWriter.write(out, package._rels, tuple(package.iter_parts()))
    return out.getvalue()
