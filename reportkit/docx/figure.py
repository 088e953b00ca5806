"""A figure in the Word memo: the image inline, scaled to the text width (its width hint) without
distortion, "Figure N: caption", the source line and the credit under it, kept on one page (keep with
next). Alt text goes in the picture's ``descr`` (python-docx leaves it empty); python-docx stores an
image used twice once (its image parts are keyed by the bytes' SHA-1)."""
from __future__ import annotations

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt

from ..memo import plan as mp
from ..present import figures as figs

MAX_HEIGHT = Pt(360)  # as in the PDF memo: image and words share a page


def emit(w, b: mp.FigureBlock) -> None:
    shown = b.shown
    img = shown.image
    width, height = figs.fit(img.width_px, img.height_px, w.width * shown.width, MAX_HEIGHT)
    par = w.paragraph(w.doc, "", "body", align=WD_ALIGN_PARAGRAPH.CENTER)
    par.paragraph_format.keep_with_next = True
    run = par.add_run()
    run.add_picture(BytesIO(img.data), width=Emu(int(width)), height=Emu(int(height)))
    doc_pr = run._r.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", shown.alt)
    doc_pr.set("name", figs.label(shown.number))
    for c_nv in run._r.xpath(".//pic:cNvPr"):
        c_nv.set("name", f"figure-{shown.number}")  # python-docx writes "image.png" here
    lines = [(shown.caption, "Memo Label")] + [(t, "Memo Note") for t in (b.source_line, shown.credit) if t]
    for k, (text, style) in enumerate(lines):
        p = w.paragraph(w.doc, text, style)
        p.paragraph_format.keep_with_next = k < len(lines) - 1
