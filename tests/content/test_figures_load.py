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


def test_the_same_bytes_are_decoded_once_per_process_and_a_damaged_copy_is_still_refused(tmp_path, monkeypatch):
    from reportkit.content import figures

    decodes = []
    real_decode = figures._decode
    monkeypatch.setattr(figures, "_decode", lambda *a: decodes.append(a[2]) or real_decode(*a))
    monkeypatch.setattr(figures, "_VERIFIED", type(figures._VERIFIED)())
    good = (CORPUS / "figures" / "ok.png").read_bytes()
    (tmp_path / "a.png").write_bytes(good)
    (tmp_path / "b.png").write_bytes(good)
    assert read_image("a.png", tmp_path) == read_image("b.png", tmp_path)
    assert decodes == ["a.png"]  # b.png has the same bytes: known good
    # Same header (size), damaged pixels: a different digest, so decoded and refused, every time.
    (tmp_path / "cut.png").write_bytes(good[:len(good) - 30])
    for _ in range(2):
        with pytest.raises(FigureRefused, match="'cut.png' is a damaged PNG image"):
            read_image("cut.png", tmp_path)
    assert decodes == ["a.png", "cut.png", "cut.png"]


def test_the_record_of_decoded_images_is_bounded(tmp_path, monkeypatch):
    from PIL import Image

    from reportkit.content import figures

    monkeypatch.setattr(figures, "_VERIFIED", type(figures._VERIFIED)())
    monkeypatch.setattr(figures, "VERIFIED_MAX", 2)
    for n in range(4):
        Image.new("RGB", (8, 8), (n, 0, 0)).save(tmp_path / f"{n}.png")
        read_image(f"{n}.png", tmp_path)
    assert len(figures._VERIFIED) == 2


def test_the_decoded_pixels_wait_for_the_memo_on_a_bounded_shelf(tmp_path, monkeypatch):
    from PIL import Image

    from reportkit import decoded_images

    monkeypatch.setattr(decoded_images, "_shelf", type(decoded_images._shelf)())
    monkeypatch.setattr(decoded_images, "MAX_PIXELS", 2 * 64 * 64)
    digests = []
    for n in range(3):
        Image.new("RGB", (64, 64), (n, 0, 0)).save(tmp_path / f"{n}.png")
        digests.append(read_image(f"{n}.png", tmp_path).digest)
    Image.new("RGB", (200, 200)).save(tmp_path / "big.png")
    big = read_image("big.png", tmp_path).digest  # more than the whole shelf: not kept
    assert decoded_images.take(big) is None and decoded_images.take(digests[0]) is None  # pushed out
    assert decoded_images.take(digests[2]).getpixel((0, 0)) == (2, 0, 0)
    assert decoded_images.take(digests[2]) is None  # taken once
