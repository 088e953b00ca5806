"""The one way reportkit rewrites a zip package (.pptx, .docx, and the .xlsx behind each chart's "Edit
Data"): members in their original order, each with a fixed date and fixed attributes, deflated.

python-pptx and python-docx stamp every zip entry with the current time, and XlsxWriter (through
python-pptx's ``ChartData``) writes ``dcterms:created = now`` into the workbook, so two builds of the
same content differ (python-pptx #702; python-docx saves the same way). ``workarounds.pptx`` and
``workarounds.docx`` both use these.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from typing import Callable

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
UNIX_FILE = 0o644 << 16  # rw-r--r--, whatever machine builds it

__all__ = ["FIXED_ZIP_TIME", "as_main_document", "dated_core", "deterministic_zip", "fixed_entry", "fixed_workbook", "rewrite_zip"]


def fixed_entry(name: str, mode: int | None = UNIX_FILE) -> zipfile.ZipInfo:
    """A deflated zip entry for ``name`` with the fixed date, made on "unix" on any machine; ``mode``:
    its permission bits (None: none, as the embedded workbooks have always had)."""
    info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    if mode is not None:
        info.external_attr = mode
    return info


def rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes] | None = None,
                mode: int | None = UNIX_FILE) -> bytes:
    """``data`` rewritten with fixed entries (``fixed_entry``), members in their original order;
    ``change(name, body)`` may give a member other bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if change is not None:
                body = change(info.filename, body)
            dst.writestr(fixed_entry(info.filename, mode), body, compresslevel=6)
    return out.getvalue()


def deterministic_zip(data: bytes) -> bytes:
    """A package as saved by python-pptx or python-docx, with fixed entry dates and attributes."""
    return rewrite_zip(data)


_XLSX_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def dated_core(core: bytes, when: _dt.date) -> bytes:
    """A workbook's docProps/core.xml with ``when`` (midnight UTC) as its created and modified dates."""
    stamp = f"{when:%Y-%m-%d}T00:00:00Z".encode()
    return _XLSX_DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", core)


def fixed_workbook(blob: bytes, when: _dt.date) -> bytes:
    """A chart's embedded workbook as XlsxWriter wrote it, with ``when`` as its created and modified dates
    and fixed zip entries. ``reportkit.chart_workbook`` writes the same bytes directly; this is its
    reference (tests) and its way for the data it does not cover."""
    def dated(name: str, body: bytes) -> bytes:
        return dated_core(body, when) if name == "docProps/core.xml" else body

    return rewrite_zip(blob, dated, mode=None)


def as_main_document(data: bytes, template_ct: bytes, document_ct: bytes) -> bytes:
    """A template package (.potx, .dotx) declared as a document, in memory (python-pptx #1070, python-docx #363):
    its ``[Content_Types].xml`` override for the main part changed; any other package unchanged."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if template_ct not in z.read("[Content_Types].xml"):
            return data

    def declared(name: str, body: bytes) -> bytes:
        return body.replace(template_ct, document_ct) if name == "[Content_Types].xml" else body

    return rewrite_zip(data, declared)

