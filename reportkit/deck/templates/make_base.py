"""Build reportkit's own 16:9 base template, base.pptx, from python-pptx's 4:3 default.

    python3 reportkit/deck/templates/make_base.py

Keeps three layouts by name ("Title Slide", "Title Only", "Blank"), moves their placeholders to the
geometry the deck planner uses, gives the theme reportkit's colours and Calibri, and fixes the metadata
and zip dates so the file is byte-identical on every run.
"""
from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Pt

from reportkit.deck.model import SLIDE_H, SLIDE_W
from reportkit.deck.layout import BODY, COVER_SUBTITLE, COVER_TITLE, TITLE_BOX
from reportkit.workarounds.pptx import deterministic_zip, fix_core_properties

KEEP = ("Title Slide", "Title Only", "Blank")
THEME_COLOURS = {"dk2": "1F3A5F", "lt2": "EEF3F9", "accent1": "2E6DA4", "accent2": "B2182B", "accent3": "1A7F4B",
                 "accent4": "E0A030", "accent5": "67A9CF", "accent6": "5B6675", "hlink": "2E6DA4", "folHlink": "5B6675"}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def place(shape, box) -> None:
    shape.left, shape.top, shape.width, shape.height = (Pt(v) for v in (box.x, box.y, box.w, box.h))


def theme_xml(blob: bytes) -> bytes:
    root = etree.fromstring(blob)
    root.set("name", "reportkit")
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", "reportkit")
    for name, rgb in THEME_COLOURS.items():
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=rgb)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def title_style(master) -> None:
    """New slides typed into PowerPoint get the same title look as reportkit's: 28 pt, bold, left."""
    lvl1 = master._element.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr")
    lvl1.set("algn", "l")
    rpr = lvl1.find(f"{{{A}}}defRPr")
    rpr.set("sz", "2800")
    rpr.set("b", "1")
    for fill in rpr.findall(f"{{{A}}}solidFill"):
        rpr.remove(fill)
    fill = etree.Element(f"{{{A}}}solidFill")
    etree.SubElement(fill, f"{{{A}}}schemeClr", val="tx2")
    rpr.insert(0, fill)


def build() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    master = prs.slide_masters[0]
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = theme_xml(theme.blob)
    title_style(master)
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)
    footer = {PP_PLACEHOLDER.DATE: (SLIDE_W - 36 - 260 - 70, 260), PP_PLACEHOLDER.FOOTER: (36, 500),
              PP_PLACEHOLDER.SLIDE_NUMBER: (SLIDE_W - 36 - 60, 60)}
    for owner in (master, *prs.slide_layouts):
        for ph in owner.placeholders:
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.TITLE,) and owner is not prs.slide_layouts.get_by_name("Title Slide"):
                place(ph, TITLE_BOX)
            elif kind == PP_PLACEHOLDER.CENTER_TITLE or (kind == PP_PLACEHOLDER.TITLE):
                place(ph, COVER_TITLE)
            elif kind == PP_PLACEHOLDER.SUBTITLE:
                place(ph, COVER_SUBTITLE)
            elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
                place(ph, BODY)
            elif kind in footer:
                x, w = footer[kind]
                place(ph, type(TITLE_BOX)(x, 497, w, 20))
    fix_core_properties(prs, "reportkit base template", "reportkit", "16:9 base template for briefing decks",
                        _dt.date(2026, 1, 1), "en")
    buf = io.BytesIO()
    prs.save(buf)
    return deterministic_zip(buf.getvalue())


if __name__ == "__main__":
    out = Path(__file__).with_name("base.pptx")
    out.write_bytes(build())
    print(f"wrote {out}")
