"""Build an organisation's Word template the way real ones look, for the Word edition's tests and gallery.

``house_dotx()`` returns a .dotx with the house's own look: a serif Normal style, dark-red headings,
A4 pages with 25 mm margins, a letterhead in the page header and a footer line, one paragraph of
sample text that must not reach a built memo, and no "List Number" style (so reportkit falls back
and says so). Deterministic; run as a script to write house.dotx here.

    python3 tests/data/templates/make_house_dotx.py
"""
from __future__ import annotations

import datetime as _dt
import io
import sys
from pathlib import Path

LETTERHEAD = "MINISTRY OF EXAMPLES \u2014 POLICY PLANNING STAFF"
FOOTER_LINE = "House template v3"
SAMPLE_TEXT = "SAMPLE TEXT from the house template - delete me"
HOUSE_FONT = "Liberation Serif"
HOUSE_RED = "8C1C13"
MISSING_STYLE = "List Number"
TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def house_dotx() -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    from reportkit.workarounds.docx import deterministic_zip, fix_core_properties

    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = HOUSE_FONT
    styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.name = HOUSE_FONT
        styles[name].font.color.rgb = RGBColor.from_string(HOUSE_RED)
    styles[MISSING_STYLE].element.getparent().remove(styles[MISSING_STYLE].element)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Mm(25))
    head = section.header.paragraphs[0]
    head.text = LETTERHEAD
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head.runs[0].font.bold = True
    head.runs[0].font.color.rgb = RGBColor.from_string(HOUSE_RED)
    section.footer.paragraphs[0].text = FOOTER_LINE
    doc.add_paragraph(SAMPLE_TEXT)
    fix_core_properties(doc, title="House memo template", author="Ministry of Examples", subject="",
                        language="en-GB", when=_dt.datetime(2026, 1, 1))
    doc.part._content_type = TEMPLATE_CT  # saved as a template (.dotx), as Word saves one
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic_zip(buf.getvalue())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    out = Path(__file__).with_name("house.dotx")
    out.write_bytes(house_dotx())
    print(f"wrote {out}")
