"""The figure in the Word memo, read back with python-docx: an inline picture at the width hint of the
text width, its alt text in the drawing's description, "Figure 1: caption" and the source line after
it kept with it; one image part for two uses."""
from __future__ import annotations

import io

import yaml
from docx import Document
from docx.enum.shape import WD_INLINE_SHAPE

from conftest import REFERENCE
from reportkit.pipeline import load_edition
from reportkit.registry import REGISTRY
from helpers import copy_reference

ALT = " ".join(yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["figures"][0]["alt"].split())


def _pictures(doc) -> list:
    return [s for s in doc.inline_shapes if s.type == WD_INLINE_SHAPE.PICTURE]  # charts are inline shapes too


def _docx(path) -> Document:
    return Document(io.BytesIO(REGISTRY["docx"].render(load_edition(path)).data))


def test_inline_picture_with_alt_text_and_caption_under_it():
    doc = _docx(REFERENCE)
    [shape] = _pictures(doc)
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr") == ALT and doc_pr.get("name") == "Figure 1"
    section = doc.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(shape.width - 0.9 * text_width) <= 12700  # 90 %: the figure's width hint
    assert abs(shape.width / shape.height - 1600 / 900) < 0.002
    paras = doc.paragraphs
    k = next(i for i, p in enumerate(paras) if p._p.xpath(".//wp:docPr[@name='Figure 1']"))
    assert paras[k].paragraph_format.keep_with_next
    assert paras[k + 1].text == "Figure 1: Who talks to whom, as the article reports it"
    assert paras[k + 2].text.startswith("Source: [1] News article on U.S.")
    assert paras[k + 3].text.startswith("Credit: Drawn by reportkit from the article (CC0)")


def test_two_uses_share_one_image_part(tmp_path):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["sections"][1]["figure"] = "talks-schematic"
    doc = _docx(copy_reference(tmp_path, "twice.yaml", data=data))
    assert len(_pictures(doc)) == 2
    images = {r.target_part.partname for r in doc.part.rels.values() if "image" in r.reltype}
    assert len(images) == 1
