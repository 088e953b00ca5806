"""The memo's pages and the deck's slides as PNG images, made on request from the current content:
the memo through poppler's ``pdftoppm``; the deck through LibreOffice (to PDF), then ``pdftoppm``.
Where a tool is missing the preview says which one, instead of images."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

DPI = 70  # enough to read a page on a screen; a memo page renders in ~0.1 s


class ToolMissing(Exception):
    """A program the pictures need is not installed; the message names it and its package."""


def _need(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ToolMissing(f"{name} is not installed (Debian/Ubuntu: apt install {package})")
    return path


def _pdf_pages(pdf: Path, folder: Path) -> list[bytes]:
    pdftoppm = _need("pdftoppm", "poppler-utils")
    subprocess.run([pdftoppm, "-r", str(DPI), "-png", str(pdf), str(folder / "page")], check=True,
                   capture_output=True, timeout=120)
    return [p.read_bytes() for p in sorted(folder.glob("page*.png"), key=lambda p: int(p.stem.split("-")[-1]))]


def pictures(kind: str, data: bytes) -> list[bytes]:
    """PNG bytes, one per memo page (``kind="memo"``, PDF ``data``) or slide (``"deck"``, PPTX ``data``)."""
    with tempfile.TemporaryDirectory(prefix="reportkit-preview-") as tmp:
        folder = Path(tmp)
        if kind == "memo":
            pdf = folder / "memo.pdf"
            pdf.write_bytes(data)
            return _pdf_pages(pdf, folder)
        _need("pdftoppm", "poppler-utils")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise ToolMissing("LibreOffice is not installed (Debian/Ubuntu: apt install libreoffice-impress)")
        deck = folder / "deck.pptx"
        deck.write_bytes(data)
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                       check=True, capture_output=True, timeout=180)
        return _pdf_pages(folder / "deck.pdf", folder)
