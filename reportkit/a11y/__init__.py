"""Accessibility checks of the files reportkit writes (and any PDF or PPTX): ``check(path)``.

``pdf.check_pdf`` reads a PDF's tags back with pypdf; ``pptx.check_pptx`` reopens a deck with
python-pptx. Both return ``Finding``s (data), used by ``reportkit check-a11y`` and by tests.
"""
from __future__ import annotations

from .findings import Finding

__all__ = ["Finding", "check_bytes"]


def check_bytes(data: bytes, name: str) -> list[Finding]:
    """Problems in ``data`` (a .pdf or .pptx, told apart by its first bytes); raises ValueError when
    it is neither."""
    if data[:5] == b"%PDF-":
        from .pdf import check_pdf

        return check_pdf(data, name)
    if data[:2] == b"PK":
        from .pptx import check_pptx

        return check_pptx(data, name)
    raise ValueError("neither a PDF nor a PowerPoint (.pptx) file")
