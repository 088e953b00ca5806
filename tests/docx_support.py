"""Helpers for the Word edition's tests: build, convert with LibreOffice, validate against the schemas.

``/work/shared/tools/ooxml-check`` cannot compile the WordprocessingML schema (wml.xsd and
shared-math.xsd import the xml namespace without a schemaLocation, so ``xml:space`` does not
resolve). ``schema_problems`` validates with a copy of those schemas that imports a minimal
xml.xsd, after markup-compatibility processing (dropping what ``mc:Ignorable`` lets a consumer
ignore, as Word does).
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from conftest import require_tool

SHARED_SCHEMAS = Path(os.environ.get("OOXML_SCHEMAS", "/work/shared/ooxml"))
XML_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>
"""
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
BY_NAMESPACE = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "dml-chart.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
}


def _schemas(folder: Path) -> dict:
    from lxml import etree

    for f in SHARED_SCHEMAS.glob("*.xsd"):
        text = f.read_text(encoding="utf-8").replace(
            '<xsd:import namespace="http://www.w3.org/XML/1998/namespace"/>',
            '<xsd:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>')
        (folder / f.name).write_text(text, encoding="utf-8")
    (folder / "xml.xsd").write_text(XML_XSD, encoding="utf-8")
    return {ns: etree.XMLSchema(etree.parse(str(folder / name))) for ns, name in BY_NAMESPACE.items()}


_CACHE: dict = {}


def _mce(root) -> None:
    """Markup compatibility: drop elements and attributes in the namespaces mc:Ignorable names."""
    ignorable = set()
    for el in root.iter():
        prefixes = el.get(f"{{{MC}}}Ignorable")
        if prefixes:
            ignorable |= {el.nsmap.get(p) for p in prefixes.split()}
            del el.attrib[f"{{{MC}}}Ignorable"]
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag.startswith("{") and el.tag[1:].split("}")[0] in ignorable:
            el.getparent().remove(el)
            continue
        for a in list(el.attrib):
            if a.startswith("{") and a[1:].split("}")[0] in ignorable:
                del el.attrib[a]


def schema_problems(data: bytes, tmp: Path) -> list[str]:
    """Schema violations in the Word, chart and package parts of a .docx, nothing excepted (python-pptx's
    negative chart axis ids are fixed by ``workarounds.pptx.unsigned_axis_ids``)."""
    from lxml import etree

    if "s" not in _CACHE:
        folder = tmp / "xsd"
        folder.mkdir(exist_ok=True)
        _CACHE["s"] = _schemas(folder)
    schemas = _CACHE["s"]
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for part in z.namelist():
            if not part.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(z.read(part))
            schema = schemas.get(etree.QName(root).namespace)
            if schema is None:
                continue
            _mce(root)
            if not schema.validate(root):
                problems += [f"{part}:{e.line}: {e.message}" for e in schema.error_log]
    return problems


def to_pdf(docx: Path, out: Path) -> Path:
    """LibreOffice Writer's PDF of a .docx (a real client: it must open the file)."""
    soffice = require_tool("soffice")
    profile = out / "lo-profile"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = out / (docx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def pdf_text(pdf: Path) -> str:
    pdftotext = require_tool("pdftotext")
    return subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def build(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    import sys

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "-m", "reportkit", *args], cwd=cwd or root, env=env,
                          capture_output=True, text=True, timeout=300)


def copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst
