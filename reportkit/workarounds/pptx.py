"""Every python-pptx 1.0.2 workaround reportkit needs, each citing its upstream issue
(github.com/scanny/python-pptx). Details: shared NOTES-libraries.md, "python-pptx".
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed entry dates and attributes, members in their original order.

    python-pptx stamps each entry with the current time, so two builds differ (#702).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3  # unix, whatever machine builds it
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


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


_XLSX_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def fix_chart_workbooks(prs, when: _dt.date) -> None:
    """Give each chart's embedded workbook a fixed created date and fixed zip times.

    XlsxWriter writes ``dcterms:created = now`` into the workbook behind "Edit Data" (#702).
    """
    stamp = f"{when:%Y-%m-%d}T00:00:00Z".encode()
    for slide in prs.slides:
        for shape in slide.shapes:
            if not getattr(shape, "has_chart", False):
                continue
            xlsx_part = shape.chart.part.chart_workbook.xlsx_part
            if xlsx_part is None:
                continue
            src = zipfile.ZipFile(io.BytesIO(xlsx_part.blob))
            rewritten = io.BytesIO()
            with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    body = src.read(info.filename)
                    if info.filename == "docProps/core.xml":
                        body = _XLSX_DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", body)
                    dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), body, zipfile.ZIP_DEFLATED)
            xlsx_part.blob = rewritten.getvalue()


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
    """Negative bars render white unless every series says invert_if_negative=False (#504, #776)."""
    for plot in chart.plots:
        for series in plot.series:
            series.invert_if_negative = False


_TEMPLATE_CT = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_CT = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def open_presentation(data: bytes):
    """Open a .pptx or a .potx: ``Presentation()`` refuses a template's content type (#1070), so the
    override is changed in memory first."""
    from pptx import Presentation

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml")
    if _TEMPLATE_CT in types:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(_TEMPLATE_CT, _PRESENTATION_CT)
                dst.writestr(info, body)
        data = out.getvalue()
    return Presentation(io.BytesIO(data))


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
