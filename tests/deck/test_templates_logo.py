"""The theme's logo: in the memo header (page 1) and on the deck's title slide, at its own aspect
ratio, with alt text from the organisation; the shipped sample logo is what its script draws."""
from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from reportkit.deck import overflow
from reportkit.workarounds.pptx import alt_text
from helpers import run_cli, copy_reference

ROOT = Path(__file__).resolve().parents[2]
LOGO = ROOT / "assets" / "logo.png"


def _build(project: Path, *extra: str) -> None:
    r = run_cli("build", str(project / "briefing.yaml"), "--out", str(project / "out"), *extra)
    assert r.returncode == 0, r.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory, reference_path):
    project = tmp_path_factory.mktemp("logo")
    (project / "themes").mkdir()
    copy_reference(project, "briefing.yaml")
    shutil.copy(LOGO, project / "themes" / "logo.png")
    (project / "themes" / "default.yaml").write_text("extends: default\nlogo: logo.png\n", encoding="utf-8")
    _build(project)
    return project


def _logo_px() -> tuple[int, int]:
    from PIL import Image

    with Image.open(LOGO) as im:
        return im.size


def test_memo_draws_the_logo_in_the_first_page_header_only(project):
    reader = PdfReader(project / "out" / "briefing-memo.pdf")
    first = reader.pages[0].images
    assert len(first) == 1
    from PIL import Image

    assert Image.open(io.BytesIO(first[0].data)).size == _logo_px()
    # later pages: only the reference's figure (1600 x 900), never the logo again
    assert [Image.open(io.BytesIO(im.data)).size for page in reader.pages[1:] for im in page.images] == [(1600, 900)]
    assert "REPORTKIT REFERENCE BRIEFING" in reader.pages[0].extract_text()  # the name the alt text would give


def test_the_default_theme_has_no_logo(tmp_path, reference_path):
    copy_reference(tmp_path, "briefing.yaml")
    _build(tmp_path, "--format", "memo")
    images = [im for p in PdfReader(tmp_path / "out" / "briefing-memo.pdf").pages for im in p.images]
    assert [im.image.size for im in images] == [(1600, 900)]  # the reference's figure, and no logo


def test_deck_title_slide_has_the_logo_with_alt_text_at_its_aspect_ratio(project):
    data = (project / "out" / "briefing-deck.pptx").read_bytes()
    prs = Presentation(io.BytesIO(data))
    first = prs.slides[0]
    logos = [s for s in first.shapes if s.name == "Logo"]
    assert len(logos) == 1
    logo = logos[0]
    assert alt_text(logo) == "Logo: reportkit reference briefing"
    w, h = _logo_px()
    assert abs(logo.width / logo.height - w / h) < 0.01
    title = first.shapes.title
    assert logo.top + logo.height <= title.top or logo.left >= title.left + title.width  # clear of the title
    assert logo.left + logo.width <= prs.slide_width
    assert not any(s.name == "Logo" for slide in list(prs.slides)[1:] for s in slide.shapes)
    assert overflow.check(io.BytesIO(data)) == []


def test_builds_with_a_logo_are_byte_identical(project, tmp_path):
    shutil.copytree(project, tmp_path / "again", ignore=shutil.ignore_patterns("out"))
    _build(tmp_path / "again")
    for name in ("briefing-memo.pdf", "briefing-deck.pptx"):
        assert (tmp_path / "again" / "out" / name).read_bytes() == (project / "out" / name).read_bytes()


def test_the_sample_logo_is_what_its_script_draws():
    sys.path.insert(0, str(ROOT / "assets"))
    from make_logo import draw
    from PIL import Image

    with Image.open(LOGO) as shipped:
        assert shipped.convert("RGBA").tobytes() == draw().tobytes()
