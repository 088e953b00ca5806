"""A figure on the web page: ``<figure>`` with the image as a ``data:`` URI (the page stays one file and
fetches nothing), its alt text, and a ``<figcaption>`` holding "Figure N: caption", the source line and
the credit. The width hint is a share of the column; the image never grows past its own pixels."""
from __future__ import annotations

import base64

from ..memo import plan as p
from .markup import attrs, el


def emit(x, b: p.FigureBlock) -> str:
    shown = b.shown
    img = shown.image
    src = f"data:image/{img.kind};base64," + base64.b64encode(img.data).decode("ascii")
    style = f"width:{round(shown.width * 100)}%;max-width:{img.width_px}px"
    image = f"<img{attrs(src=src, alt=shown.alt, width=img.width_px, height=img.height_px, style=style)}>"
    words = el("span", x.w.rich(shown.caption), class_="figure-caption", dir=x.w.dir_for(shown.caption))
    for line in (b.source_line, shown.credit):
        if line:
            words += el("span", x.w.rich(line), class_="figure-note", dir=x.w.dir_for(line))
    return el("figure", image + el("figcaption", words), class_="content-figure", id=f"figure-{shown.number}")
