"""Build an organisation's PowerPoint template the way real ones look, for the template tests.

``house_potx()`` returns a .potx made from reportkit's base.pptx with: two slide masters (the
second with its own theme colours), layouts renamed ("Cover", "Body Text", "Blank Canvas" on the
second master; "Legacy ..." on the first, so reportkit's default names are missing), and one sample
slide that must not reach a built deck. Deterministic; run as a script to write house.potx here.

    python3 tests/data/templates/make_house_potx.py
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from reportkit.deck.template import TEMPLATE_DIR

SAMPLE_TEXT = "SAMPLE SLIDE from the house template - delete me"
BRAND = {"dk2": "5B2333", "accent1": "8C1C13", "accent2": "BF4342"}  # the second master's theme
LAYOUT_PARTS = (1, 6, 7)  # base.pptx's layouts: Title Slide, Title Only, Blank
FIRST_NAMES = ("Legacy Title", "Legacy Heading", "Legacy Blank")
SECOND_NAMES = ("Cover", "Body Text", "Blank Canvas")
_CT_TEMPLATE = b"presentationml.template.main+xml"
_CT_PRESENTATION = b"presentationml.presentation.main+xml"


def _rename(xml: bytes, name: str) -> bytes:
    return re.sub(rb'<p:cSld name="[^"]*"', b'<p:cSld name="' + name.encode() + b'"', xml, count=1)


def _recolour(theme: bytes, colours: dict) -> bytes:
    for slot, rgb in colours.items():
        theme = re.sub(rb"(<a:" + slot.encode() + rb">)<a:[^>]*/>", b'\\g<1><a:srgbClr val="' + rgb.encode() + b'"/>',
                       theme, count=1)
    return theme


def _two_masters(base: bytes, first_names=FIRST_NAMES, second_names=SECOND_NAMES, brand=BRAND) -> bytes:
    """base.pptx with its master (and layouts, and theme) copied as a second master."""
    src = zipfile.ZipFile(io.BytesIO(base))
    files = {n: src.read(n) for n in src.namelist()}
    ct = files["[Content_Types].xml"]
    layout_ct = b"application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
    new_layouts = []
    for k, (part, first, second) in enumerate(zip(LAYOUT_PARTS, first_names, second_names)):
        path = f"ppt/slideLayouts/slideLayout{part}.xml"
        files[path] = _rename(files[path], first)
        n = 8 + k
        files[f"ppt/slideLayouts/slideLayout{n}.xml"] = _rename(files[path], second)
        files[f"ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"] = files[
            f"ppt/slideLayouts/_rels/slideLayout{part}.xml.rels"].replace(b"slideMaster1.xml", b"slideMaster2.xml")
        ct = ct.replace(b"</Types>", b'<Override PartName="/ppt/slideLayouts/slideLayout%d.xml" ContentType="%s"/></Types>'
                        % (n, layout_ct))
        new_layouts.append(n)
    master = files["ppt/slideMasters/slideMaster1.xml"]
    ids = b"".join(b'<p:sldLayoutId id="%d" r:id="rId%d"/>' % (2147483661 + k, k + 1) for k in range(len(new_layouts)))
    files["ppt/slideMasters/slideMaster2.xml"] = re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>",
                                                        b"<p:sldLayoutIdLst>" + ids + b"</p:sldLayoutIdLst>", master)
    rels = b"".join(b'<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    b'slideLayout" Target="../slideLayouts/slideLayout%d.xml"/>' % (k + 1, n) for k, n in enumerate(new_layouts))
    rels += (b'<Relationship Id="rId20" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" '
             b'Target="../theme/theme2.xml"/>')
    files["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + b"</Relationships>")
    files["ppt/theme/theme2.xml"] = _recolour(files["ppt/theme/theme1.xml"], brand)
    ct = ct.replace(b"</Types>", b'<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/><Override PartName="/ppt/theme/'
                    b'theme2.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>')
    files["[Content_Types].xml"] = ct
    files["ppt/presentation.xml"] = files["ppt/presentation.xml"].replace(
        b"</p:sldMasterIdLst>", b'<p:sldMasterId id="2147483660" r:id="rId30"/></p:sldMasterIdLst>')
    files["ppt/_rels/presentation.xml.rels"] = files["ppt/_rels/presentation.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId30" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist() + sorted(set(files) - set(src.namelist())):
            dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), files[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_sample_slide(pptx: bytes) -> bytes:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(pptx))
    layout = prs.slide_masters[1].slide_layouts[0]
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = SAMPLE_TEXT
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def as_potx(pptx: bytes) -> bytes:
    """The same package declared as a template (.potx), as PowerPoint saves one."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(_CT_PRESENTATION, _CT_TEMPLATE)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def house_potx(first_names=FIRST_NAMES, second_names=SECOND_NAMES, sample_slide: bool = True, brand=BRAND) -> bytes:
    pptx = _two_masters((TEMPLATE_DIR / "base.pptx").read_bytes(), first_names, second_names, brand)
    return as_potx(_with_sample_slide(pptx) if sample_slide else pptx)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("house.potx")
    target.write_bytes(house_potx())
    print(f"wrote {target}")
