"""An organisation's own PowerPoint template (.potx, two masters, renamed layouts, a sample slide),
used through a project theme's ``deck.template`` and ``deck.layouts``, built through the real CLI."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

sys.path.insert(0, str(Path(__file__).parents[1] / "data" / "templates"))
from make_house_potx import BRAND, SAMPLE_TEXT, house_potx  # noqa: E402

from reportkit.deck import overflow  # noqa: E402
from reportkit.deck.template import TEMPLATE_COLOR_KEYS  # noqa: E402
from reportkit.theme import load_theme  # noqa: E402
from helpers import run_cli, copy_reference

DEFAULT_PRIMARY = load_theme().color("color.primary")


def _project(tmp_path: Path, reference_path: Path, colors: str | None = None, layouts: str | None = None,
             brand: dict = BRAND) -> Path:
    project = tmp_path / "project"
    (project / "themes").mkdir(parents=True)
    copy_reference(project, "briefing.yaml")
    (project / "themes" / "house.potx").write_bytes(house_potx(brand=brand))
    layouts = layouts or "{title: Cover, content: Body Text}"
    theme = f"extends: default\nname: house\ndeck:\n  template: house.potx\n  layouts: {layouts}\n"
    if colors:
        theme += f"  colors: {colors}\n"
    (project / "themes" / "default.yaml").write_text(theme, encoding="utf-8")
    return project


def _build(project: Path) -> tuple[subprocess.CompletedProcess, bytes]:
    r = run_cli("build", str(project / "briefing.yaml"), "--format", "deck", "--out", str(project / "out"))
    assert r.returncode == 0, r.stderr
    return r, (project / "out" / "briefing-deck.pptx").read_bytes()


@pytest.fixture(scope="module")
def house_build(tmp_path_factory, reference_path):
    return _build(_project(tmp_path_factory.mktemp("house"), reference_path))


def test_renamed_layouts_on_the_second_master_are_found_through_the_layout_map(house_build):
    result, data = house_build
    prs = Presentation(io.BytesIO(data))
    layouts = [s.slide_layout for s in prs.slides]
    assert layouts[0].name == "Cover"
    assert {lo.name for lo in layouts[1:]} == {"Body Text"}
    second_master = Presentation(io.BytesIO(data)).slide_masters[1]
    assert all(lo.slide_master.part.partname == second_master.part.partname for lo in layouts)
    assert "no layout named" not in result.stderr


def test_the_templates_sample_slide_is_not_carried_into_the_deck(house_build):
    _, data = house_build
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slide_xml = [z.read(n) for n in z.namelist() if n.startswith("ppt/slides/slide")]
    assert slide_xml and not any(SAMPLE_TEXT.encode() in x for x in slide_xml)
    prs = Presentation(io.BytesIO(data))
    assert prs.slides[0].shapes.title.text_frame.text.startswith("U.S.")  # the briefing's own title first


def test_no_text_overflows_in_the_house_template(house_build):
    assert overflow.check(io.BytesIO(house_build[1])) == []


def _title_colours(data: bytes) -> set[str]:
    prs = Presentation(io.BytesIO(data))
    return {str(r.font.color.rgb) for s in list(prs.slides)[1:] for p in s.shapes.title.text_frame.paragraphs
            for r in p.runs}


def _table_header_fills(data: bytes) -> set[str]:
    prs = Presentation(io.BytesIO(data))
    return {str(shape.table.cell(0, 0).fill.fore_color.rgb) for s in prs.slides for shape in s.shapes
            if shape.has_table}


def test_a_user_template_colours_titles_and_table_headers_by_default(house_build):
    _, data = house_build
    assert TEMPLATE_COLOR_KEYS["color.primary"] == "dk2"
    assert _title_colours(data) == {BRAND["dk2"]}
    assert _table_header_fills(data) == {BRAND["accent1"]}


def test_deck_colors_theme_keeps_the_reportkit_theme_colours(tmp_path, reference_path):
    _, data = _build(_project(tmp_path, reference_path, colors="theme"))
    assert _title_colours(data) == {DEFAULT_PRIMARY.lstrip("#")}
    assert BRAND["accent1"] not in _table_header_fills(data)


def test_a_missing_layout_falls_back_with_a_named_warning(tmp_path, reference_path):
    result, data = _build(_project(tmp_path, reference_path, layouts="{title: Cover, content: Title and Content}"))
    assert "no layout named 'Title and Content' (role 'content')" in result.stderr
    prs = Presentation(io.BytesIO(data))
    assert all(s.shapes.title is not None and s.shapes.title.text_frame.text for s in prs.slides)
    assert overflow.check(io.BytesIO(data)) == []


def test_a_slide_kind_may_have_its_own_layout(tmp_path, reference_path):
    _, data = _build(_project(tmp_path, reference_path, layouts="{title: Cover, content: Body Text, sources: Legacy Heading}"))
    prs = Presentation(io.BytesIO(data))
    by_title = {s.shapes.title.text_frame.text: s.slide_layout.name for s in prs.slides}
    assert by_title["Sources"] == "Legacy Heading" and by_title["Next steps"] == "Body Text"


def test_libreoffice_renders_every_slide_of_the_house_deck(house_build, tmp_path):
    """A package LibreOffice cannot read renders blank pages, not an error: read the text back."""
    from conftest import require_tool

    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    deck = tmp_path / "house.pptx"
    deck.write_bytes(house_build[1])
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], capture_output=True, check=True,
                   timeout=180)
    pages = subprocess.run([pdftotext, "-layout", str(tmp_path / "house.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    prs = Presentation(io.BytesIO(house_build[1]))
    assert len([p for p in pages if p.strip()]) == len(prs.slides)
    for page, slide in zip(pages, prs.slides):
        first_word = slide.shapes.title.text_frame.text.split()[0]
        assert first_word in page


def test_an_unknown_deck_colors_value_is_located(tmp_path, reference_path):
    project = _project(tmp_path, reference_path, colors="brand")
    r = run_cli("build", str(project / "briefing.yaml"), "--format", "deck", "--out", str(project / "out"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == (f"{project / 'themes' / 'default.yaml'}:6:11: deck.colors must be one of template, "
                                "theme, got 'brand'")


def test_table_header_text_stays_readable_on_a_light_brand_colour(tmp_path, reference_path):
    _, data = _build(_project(tmp_path, reference_path, brand={**BRAND, "accent1": "F2D16B"}))
    prs = Presentation(io.BytesIO(data))
    heads = {(str(cell.fill.fore_color.rgb), str(cell.text_frame.paragraphs[0].runs[0].font.color.rgb))
             for s in prs.slides for shape in s.shapes if shape.has_table for cell in [shape.table.cell(0, 0)]
             if cell.text_frame.text}
    assert heads and all(fill == "F2D16B" and text != "FFFFFF" for fill, text in heads)


def test_a_deck_on_a_user_template_builds_byte_identical(house_build, tmp_path, reference_path):
    _, again = _build(_project(tmp_path, reference_path))
    assert again == house_build[1]
