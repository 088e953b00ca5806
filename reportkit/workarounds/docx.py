"""Every python-docx 1.2.0 workaround reportkit needs, each citing its upstream issue
(github.com/python-openxml/python-docx).
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile

from .pptx import FIXED_ZIP_TIME, deterministic_zip  # the same zip rewrite serves both packages

__all__ = ["deterministic_zip", "fix_core_properties", "fix_zoom", "fixed_workbook", "open_document",
           "FIXED_ZIP_TIME"]

_TEMPLATE_CT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_CT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def open_document(data: bytes | None = None):
    """A python-docx Document from a .docx or a .dotx (None: python-docx's own default).

    ``Document()`` refuses a template's main content type (#363, #1532; PR #1537 unmerged): the
    override is changed in memory first, so the saved file is a document, not a template.
    """
    from docx import Document

    if data is None:
        return Document()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml")
    if _TEMPLATE_CT in types:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(_TEMPLATE_CT, _DOCUMENT_CT)
                dst.writestr(info, body)
        data = out.getvalue()
    return Document(io.BytesIO(data))


def fix_core_properties(doc, *, title: str, author: str, subject: str, language: str, when: _dt.datetime,
                        keywords: str = "") -> None:
    """Fixed, meaningful metadata. python-docx fills a new package's core properties with "python-docx"
    as author and the current time as modified, so two builds differ (#1042); a template brings its own
    stale values. Long values are cut with "…" as Word caps a property at 255 characters."""
    def cap(text: str) -> str:
        return text if len(text) <= 255 else text[:254].rstrip() + "\u2026"

    cp = doc.core_properties
    cp.title, cp.author, cp.subject, cp.language = cap(title), cap(author), cap(subject), cap(language)
    cp.last_modified_by, cp.revision, cp.keywords, cp.comments, cp.category = cap(author), 1, cap(keywords), "", ""
    cp.content_status, cp.identifier, cp.version = "", "", ""
    cp.created = cp.modified = cp.last_printed = when


_XLSX_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def fixed_workbook(blob: bytes, when: _dt.datetime) -> bytes:
    """A chart's embedded workbook with a fixed created date and fixed zip times: XlsxWriter (through
    python-pptx's ChartData) stamps ``dcterms:created = now`` (python-pptx #702, the same cause)."""
    stamp = f"{when:%Y-%m-%dT%H:%M:%SZ}".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _XLSX_DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", body)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def fix_zoom(doc) -> None:
    """python-docx's default template has ``<w:zoom w:val="bestFit"/>`` without the ``w:percent`` the
    schema requires (strict validators reject settings.xml); Word writes both."""
    from docx.oxml.ns import qn

    for zoom in doc.settings.element.findall(qn("w:zoom")):
        if zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")
