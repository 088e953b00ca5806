"""Draw the reference briefing's figure, content/figures/talks-schematic.png, deterministically with Pillow.

A schematic of who talks to whom in the news article the reference briefing is written from
(/work/shared/reference/us-russia-talks-article.txt): the U.S. and Russia announce direct talks;
the U.S. reassures Ukraine; China offers to mediate; European leaders back Ukraine; Russia's
precondition concerns NATO. Drawn by the project, released under CC0 (assets/README.md). Re-run
after changing it:

    python3 assets/make_talks_schematic.py
"""
from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "content" / "figures" / "talks-schematic.png"
FONTS = HERE.parent / "reportkit" / "fonts"
W, H = 1600, 900
NAVY, SKY, GREY, INK, WHITE, PAPER = (31, 58, 95), (46, 109, 164), (110, 110, 110), (30, 30, 30), (255, 255, 255), (250, 250, 247)

# name -> (centre x, centre y, fill): the two negotiators in the middle, the others around them
BOXES = {
    "United States": (400, 420, NAVY),
    "Russia": (1200, 420, NAVY),
    "Ukraine": (800, 760, SKY),
    "China": (800, 110, GREY),
    "European leaders": (190, 760, GREY),
    "NATO": (1350, 760, GREY),
}
BOX_W, BOX_H = 330, 96

# (from, to, label, solid?, both ways?)
LINKS = [
    ("United States", "Russia", "direct talks announced:\nnormalise relations", True, True),
    ("United States", "Ukraine", "reassures: no compromise on sovereignty", True, False),
    ("China", "United States", "offers to mediate", False, False),
    ("China", "Russia", "offers to mediate", False, False),
    ("European leaders", "Ukraine", "tempered optimism,\nsupport for Ukraine", False, False),
    ("Russia", "NATO", "precondition: withdraw from E. Europe", False, False),
]


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf")), size)


def _edge(cx: float, cy: float, dx: float, dy: float) -> tuple[float, float]:
    """Where a line from a box's centre in direction (dx, dy) leaves the box (plus a small gap)."""
    tx = (BOX_W / 2 + 10) / abs(dx) if dx else math.inf
    ty = (BOX_H / 2 + 10) / abs(dy) if dy else math.inf
    t = min(tx, ty)
    return cx + dx * t, cy + dy * t


def _arrow_head(d: ImageDraw.ImageDraw, x: float, y: float, ux: float, uy: float, colour) -> None:
    size = 22
    left = (x - ux * size - uy * size * 0.5, y - uy * size + ux * size * 0.5)
    right = (x - ux * size + uy * size * 0.5, y - uy * size - ux * size * 0.5)
    d.polygon([(x, y), left, right], fill=colour)


def _line(d: ImageDraw.ImageDraw, a, b, solid: bool, colour) -> None:
    if solid:
        d.line([a, b], fill=colour, width=6)
        return
    length = math.dist(a, b)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
    pos = 0.0
    while pos < length:  # dashes of 22 px with 14 px gaps
        end = min(pos + 22, length)
        d.line([(a[0] + ux * pos, a[1] + uy * pos), (a[0] + ux * end, a[1] + uy * end)], fill=colour, width=5)
        pos += 36


def draw() -> Image.Image:
    im = Image.new("RGB", (W, H), PAPER)
    d = ImageDraw.Draw(im)
    label_font, name_font = _font(False, 30), _font(True, 38)
    for src, dst, text, solid, both in LINKS:
        (x1, y1, _), (x2, y2, _) = BOXES[src], BOXES[dst]
        length = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        a, b = _edge(x1, y1, ux, uy), _edge(x2, y2, -ux, -uy)
        colour = INK if solid else GREY
        _line(d, a, b, solid, colour)
        _arrow_head(d, *b, ux, uy, colour)
        if both:
            _arrow_head(d, *a, -ux, -uy, colour)
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        if abs(uy) < 0.01:  # a level line: the words sit above it
            my -= 22 + 18 * text.count("\n") + 18
        box = d.multiline_textbbox((mx, my), text, font=label_font, anchor="mm", align="center")
        d.rectangle((box[0] - 8, box[1] - 6, box[2] + 8, box[3] + 6), fill=PAPER)
        d.multiline_text((mx, my), text, font=label_font, fill=colour, anchor="mm", align="center")
    for name, (cx, cy, fill) in BOXES.items():
        d.rounded_rectangle((cx - BOX_W / 2, cy - BOX_H / 2, cx + BOX_W / 2, cy + BOX_H / 2), radius=18, fill=fill)
        d.text((cx, cy), name, font=name_font, fill=WHITE, anchor="mm")
    key = "Solid: announced or stated in the talks.  Dashed: offers, stances and conditions voiced around them."
    d.text((W / 2, H - 28), key, font=_font(False, 26), fill=GREY, anchor="mm")
    return im


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    draw().save(OUT, format="PNG", optimize=False)  # Pillow writes no date: the same bytes every run
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
