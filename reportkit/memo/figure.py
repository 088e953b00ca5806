"""A figure in the PDF memo: the image scaled to the frame (never distorted), with "Figure N: caption",
the source line and the credit under it, drawn as one flowable so it is never split across pages.

The image is the file's own bytes (``model.FigureImage``); reportlab names each image by a digest of
its data, so a figure shown twice is embedded once. It is decoded and compressed once per process
(``workarounds.reportlab.prepared_image``), from the pixels the content check decoded if it left
them (``decoded_images``). Tagging (``tagging.tag_block``) makes the image a
``Figure`` with the alt text as ``/Alt`` and the caption a ``Caption``.
"""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .. import decoded_images
from ..present import figures as figs
from ..workarounds.reportlab import paragraph_class, prepared_image
from . import plan as p

Paragraph = paragraph_class()

MAX_HEIGHT = 360  # points: image and words must share a page with room to spare (a letter frame is ~650)
GAP = 6  # points between the image and its caption


class FigureFlowable(Flowable):
    """Image and words as one unit: when it does not fit the space left it moves whole to the next page
    (``split`` returns nothing), as a figure should."""

    def __init__(self, image: Flowable, words: list, space_before: float = 4, space_after: float = 10):
        super().__init__()
        self.image, self.words = image, words
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._heights: list[float] = []

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        self._heights = [f.wrap(avail_w, avail_h)[1] for f in self.words]
        self.height = self.image.drawHeight + GAP + sum(self._heights) + sum(f.getSpaceAfter() for f in self.words)
        return self.width, self.height

    def split(self, avail_w, avail_h):
        return []  # never split: the next page takes it whole

    def draw(self):
        top = self.height
        img = self.image
        img.drawOn(self.canv, (self.width - img.drawWidth) / 2, top - img.drawHeight)
        y = top - img.drawHeight - GAP
        for f, h in zip(self.words, self._heights):
            y -= h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


def flowables(x, b: p.FigureBlock) -> list:
    shown = b.shown
    img = shown.image
    w, h = figs.fit(img.width_px, img.height_px, x.width * shown.width, MAX_HEIGHT * x.density)
    image = prepared_image(img.digest, img.data, w, h, decoded_images.take(img.digest))
    caption_style = ParagraphStyle("figure_caption", x.styles["body"], fontName=x.fonts.bold, fontSize=9.5,
                                   leading=12.5, spaceAfter=2)
    words = [Paragraph(x.fonts.markup(shown.caption), caption_style)]
    for line in (b.source_line, shown.credit):
        if line:
            words.append(Paragraph(x.fonts.markup(line), x.styles["note"]))
    return [FigureFlowable(image, words)]

