"""Figure slides in the deck, read back with python-pptx: the picture with the alt text as its
description, inside the body at the image's own aspect ratio, titled with the caption, "Figure N:
caption" under it and the source line in the footer zone; after the section or outcome that names it;
one image part for two uses; no overflow; the same bytes on every build."""
from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import REFERENCE
from reportkit.deck import overflow
from reportkit.deck.layout import BODY
from helpers import copy_reference, run_cli

CAPTION = "Who talks to whom, as the article reports it"
ALT = " ".join(yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["figures"][0]["alt"].split())


def _deck(content, out) -> bytes:
    r = run_cli("build", content, "--format", "deck", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    return (out / f"{content.stem}-deck.pptx").read_bytes()


def _variant(tmp_path, change) -> bytes:
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    change(data)
    return _deck(copy_reference(tmp_path, "variant.yaml", data=data), tmp_path / "out")


def _titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def _figure_slides(prs):
    return [(n, s) for n, s in enumerate(prs.slides, 1)
            if any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE and sh.name.startswith("Figure ") for sh in s.shapes)]


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return _deck(REFERENCE, tmp_path_factory.mktemp("deck"))


def test_the_figure_slide_fits_the_picture_in_the_body_with_alt_text_caption_and_source(deck):
    prs = Presentation(io.BytesIO(deck))
    [(n, slide)] = _figure_slides(prs)
    assert slide.shapes.title.text == CAPTION
    [pic] = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pic.name == "Figure 1" and pic._element.nvPicPr.cNvPr.get("descr") == ALT
    pt = 12700
    left, top, width, height = pic.left / pt, pic.top / pt, pic.width / pt, pic.height / pt
    assert BODY.x - 0.5 <= left and left + width <= BODY.x + BODY.w + 0.5
    assert BODY.y - 0.5 <= top and top + height <= BODY.y + BODY.h + 0.5
    assert width / height == pytest.approx(1600 / 900, rel=0.002)  # not distorted
    assert pic.image.size == (1600, 900)
    texts = {sh.name: sh.text_frame.text for sh in slide.shapes if sh.has_text_frame}
    assert texts["Figure 1 caption"].startswith(f"Figure 1: {CAPTION}\nCredit: Drawn by reportkit")
    assert texts["Source line"].startswith("Source: [1] News article on U.S.")
    caption = next(sh for sh in slide.shapes if sh.name == "Figure 1 caption")
    assert caption.top >= pic.top + pic.height  # under the picture
    assert ALT in slide.notes_slide.notes_text_frame.text
    # after the Context slide, where the background section that names it is shown
    assert _titles(prs)[n - 2].startswith("Context")


def test_no_overflow_and_the_same_bytes_twice(deck, tmp_path):
    assert overflow.check(io.BytesIO(deck)) == []
    assert _deck(REFERENCE, tmp_path) == deck


def test_a_routed_sections_figure_follows_its_own_slides(tmp_path):
    def route(data):
        data["sections"][0]["deck"] = "slide"
        data["sections"][0]["after"] = "stances"
    prs = Presentation(io.BytesIO(_variant(tmp_path, route)))
    titles = _titles(prs)
    [(n, _)] = _figure_slides(prs)
    own = [k for k, t in enumerate(titles, 1) if t.startswith("Diplomatic efforts to end the conflict")]
    assert own and n == own[-1] + 1
    assert overflow.check(io.BytesIO(_deck(tmp_path / "variant.yaml", tmp_path / "again"))) == []


def test_an_outcomes_figure_follows_its_slides_and_two_uses_share_one_image_part(tmp_path):
    def twice(data):
        data["outcomes"][1]["figure"] = "talks-schematic"
    data = _variant(tmp_path, twice)
    prs = Presentation(io.BytesIO(data))
    slides = _figure_slides(prs)
    assert len(slides) == 2
    titles = _titles(prs)
    outcome = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["outcomes"][1]["title"]
    last = max(k for k, t in enumerate(titles, 1) if t.startswith(outcome))
    assert slides[0][0] == last + 1
    for _, slide in slides:  # a figure shown twice keeps its first number (titles are made unique: "(2)")
        assert slide.shapes.title.text.startswith(CAPTION) and any(sh.name == "Figure 1" for sh in slide.shapes)
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("ppt/media/")]
    pngs = [n for n in media if zipfile.ZipFile(io.BytesIO(data)).read(n)
            == (REFERENCE.parent / "figures" / "talks-schematic.png").read_bytes()]
    assert len(pngs) == 1
