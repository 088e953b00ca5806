"""Every python-docx 1.2.0 workaround reportkit needs, each citing its upstream issue
(github.com/python-openxml/python-docx).
"""
from __future__ import annotations

import datetime as _dt
import io

from .zips import FIXED_ZIP_TIME, as_main_document, deterministic_zip, fixed_workbook  # shared with pptx

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
    return Document(io.BytesIO(as_main_document(data, _TEMPLATE_CT, _DOCUMENT_CT)))


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


def fix_zoom(doc) -> None:
    """python-docx's default template has ``<w:zoom w:val="bestFit"/>`` without the ``w:percent`` the
    schema requires (strict validators reject settings.xml); Word writes both."""
    from docx.oxml.ns import qn

    for zoom in doc.settings.element.findall(qn("w:zoom")):
        if zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")


LRM = "\u200e"


def keep_brackets_ltr(text: str) -> str:
    """Left-to-right text inside a right-to-left paragraph (``w:bidi``) with invisible left-to-right
    marks around it, so the brackets and punctuation at its edges belong to it.

    Not a python-docx issue: LibreOffice (7.4 here) resolves such a bracket to the paragraph's
    direction, as the Unicode bidi algorithm says, but then draws it without mirroring: "الخلفية
    (Background, 2024)" showed as ")Background, 2024( الخلفية", whether or not the runs carry
    ``w:rtl``. Between two marks the brackets are left-to-right text and read right in LibreOffice and
    Word alike (docs/docx.md, "Right-to-left text"). Spaces at the edges stay outside the marks."""
    core = text.strip(" ")
    if not core or not any(not c.isalnum() and not c.isspace() for c in (core[0], core[-1])):
        return text
    lead = text[: len(text) - len(text.lstrip(" "))]
    return f"{lead}{LRM}{core}{LRM}{text[len(lead) + len(core):]}"
