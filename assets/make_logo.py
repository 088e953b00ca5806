"""Draw reportkit's neutral sample logo, assets/logo.png, deterministically with Pillow.

A plain mark (a page with three text lines) and the word "reportkit": it belongs to no organisation,
it only shows where an organisation's own logo goes. Re-run after changing it:

    python3 assets/make_logo.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "reportkit" / "fonts" / "Carlito-Bold.ttf"
NAVY, SKY, WHITE = (31, 58, 95), (46, 109, 164), (255, 255, 255)
HEIGHT = 160  # drawn about 30 pt high in the memo and 48 pt on the title slide


def draw() -> Image.Image:
    font = ImageFont.truetype(str(FONT), 96)
    width = 180 + round(font.getlength("reportkit")) + 8  # no empty margin: placement aligns the edge
    im = Image.new("RGBA", (width, HEIGHT), (0, 0, 0, 0))  # transparent: sits on any page colour
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((8, 8, 152, 152), radius=22, fill=NAVY)
    for n, width in enumerate((96, 96, 60)):  # the lines of a memo
        y = 46 + n * 28
        d.rounded_rectangle((32, y, 32 + width, y + 12), radius=6, fill=WHITE)
    d.rectangle((32, 126, 128, 130), fill=SKY)
    d.text((180, 80), "reportkit", font=font, fill=NAVY, anchor="lm")
    return im


if __name__ == "__main__":
    target = HERE / "logo.png"
    draw().save(target, "PNG", optimize=True)
    print(f"wrote {target}")
