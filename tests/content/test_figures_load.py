"""Figure files are read once, checked, and carried in the model (content/figures.py); the reference's
figure is the one its script draws."""
from __future__ import annotations

import importlib.util
import io
import shutil

import pytest

from conftest import REFERENCE, ROOT
from reportkit.content import load, load_text, problems
from reportkit.content.figures import FigureRefused, header_size, read_image
from reportkit.pipeline import input_files, load_edition
from helpers import copy_reference

CORPUS = ROOT / "tests" / "bad_inputs"


def test_the_shipped_schematic_is_what_its_script_draws():
    spec = importlib.util.spec_from_file_location("make_talks_schematic", ROOT / "assets" / "make_talks_schematic.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    buf = io.BytesIO()
    script.draw().save(buf, format="PNG", optimize=False)
    assert buf.getvalue() == (ROOT / "content" / "figures" / "talks-schematic.png").read_bytes()


def test_the_reference_figure_is_read_with_its_size_and_digest():
    b = load(REFERENCE)
    [fig] = b.figures
    assert fig.id == "talks-schematic" and fig.source == "article" and fig.width == 90
    assert (fig.image.kind, fig.image.width_px, fig.image.height_px) == ("png", 1600, 900)
    assert fig.image.data == (ROOT / "content" / "figures" / "talks-schematic.png").read_bytes()
    assert b.sections[0].figure == "talks-schematic" and b.figure("talks-schematic") is fig


def test_a_git_version_has_no_image_but_equals_the_file():
    from_text = load_text(REFERENCE.read_text(encoding="utf-8"), "git:HEAD:content/us-russia-talks.yaml")
    assert from_text.figures[0].image is None and from_text == load(REFERENCE)


def test_jpeg_size_is_read_from_the_header_as_pillow_reads_it(tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (123, 45), (10, 20, 30)).save(buf, "JPEG", quality=90, progressive=True)
    assert header_size("jpeg", buf.getvalue()) == (123, 45)
    (tmp_path / "p.jpg").write_bytes(buf.getvalue())
    img = read_image("p.jpg", tmp_path)
    assert (img.kind, img.width_px, img.height_px) == ("jpeg", 123, 45)


def test_a_link_inside_the_project_is_followed_and_one_outside_is_refused(tmp_path):
    shutil.copy(CORPUS / "figures" / "ok.png", tmp_path / "real.png")
    (tmp_path / "inside.png").symlink_to("real.png")
    assert read_image("inside.png", tmp_path).width_px == 40
    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    shutil.copy(CORPUS / "figures" / "ok.png", outside)
    (tmp_path / "out.png").symlink_to(outside)
    with pytest.raises(FigureRefused, match=r"outside the project folder .* \(a link to "):
        read_image("out.png", tmp_path)


def test_problems_reports_figure_files_too():
    [p] = problems(CORPUS / "figure-missing-file.yaml")
    assert (p.line, p.col) == (33, 11) and "not found" in p.message
    assert problems(CORPUS / "valid-figure.yaml") == []


def test_watch_watches_the_figure_files(tmp_path):
    content = copy_reference(tmp_path)
    files = input_files(content, load_edition(content))
    assert (tmp_path / "figures" / "talks-schematic.png").resolve() in files
