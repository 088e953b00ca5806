"""Figures in the PDF memo, checked through real clients: the image (pdfimages, pypdf) at its size on
the page, "Figure N: caption" and the source line under it (pdftotext), the Figure element with the
alt text in the structure tree (pdfinfo -struct-text, pypdf), one embedded image for two uses, and
the same bytes on every build."""
from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from conftest import REFERENCE, require_tool
from helpers import copy_reference, run_cli, squash

ALT = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["figures"][0]["alt"]


def _build(content, out):
    r = run_cli("build", content, "--format", "memo", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    return out / f"{content.stem}-memo.pdf"


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    return _build(REFERENCE, tmp_path_factory.mktemp("memo"))


def _page_of(pdf, needle: str) -> int:
    pdftotext = require_tool("pdftotext")
    pages = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    return next(n for n, text in enumerate(pages, 1) if needle in squash(text))


def test_the_image_is_on_the_page_at_90_percent_of_the_frame_without_distortion(memo):
    pdfimages = require_tool("pdfimages")
    listing = subprocess.run([pdfimages, "-list", str(memo)], capture_output=True, text=True, check=True).stdout
    rows = [ln.split() for ln in listing.splitlines()[2:]]
    assert [(r[3], r[4]) for r in rows] == [("1600", "900")]  # one image, the file's own pixels
    page = int(rows[0][0])
    assert page == _page_of(memo, "Figure 1: Who talks to whom, as the article reports it")
    # its placement on the page, from the content stream's cm operator before the Do
    reader = PdfReader(memo)
    stream = reader.pages[page - 1].get_contents().get_data().decode("latin-1")
    w, h = (float(v) for v in re.search(r"([\d.]+) 0 0 ([\d.]+) [\d.-]+ [\d.-]+ cm\s*/FormXob\.\w+ Do", stream).groups())
    frame = float(reader.pages[page - 1].mediabox.width) - 2 * 22 * 72 / 25.4
    assert w == pytest.approx(0.9 * frame, rel=0.01) and w / h == pytest.approx(1600 / 900, rel=0.001)


def test_caption_and_source_line_are_under_the_image(memo):
    pdftotext = require_tool("pdftotext")
    text = squash(subprocess.run([pdftotext, str(memo), "-"], capture_output=True, text=True, check=True).stdout)
    caption = "Figure 1: Who talks to whom, as the article reports it"
    i = text.index(caption)
    after = text[i + len(caption):]
    assert after.startswith(" Source: [1] News article on U.S.–Russia talks on the war in Ukraine.")
    assert "Credit: Drawn by reportkit from the article (CC0) · 26 November 2026" in after[:400]
    assert text.index("Diplomatic efforts to end the conflict") < i  # after the section that names it


def test_the_structure_tree_has_the_figure_with_its_alt_text_and_caption(memo):
    pdfinfo = require_tool("pdfinfo")
    tree = subprocess.run([pdfinfo, "-struct-text", str(memo)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^\s*Figure\n(\s+\".*\"\n)?\s*Caption\n\s+\"Figure 1: Who talks to whom", tree, re.M), tree[:3000]
    found = []

    def walk(e):
        e = e.get_object()
        if e.get("/S") == "/Figure":
            found.append(str(e.get("/Alt")))
        kids = e.get("/K")
        for k in kids if isinstance(kids, list) else [kids]:
            k = k.get_object() if hasattr(k, "get_object") else k
            if isinstance(k, dict):
                walk(k)

    walk(PdfReader(memo).trailer["/Root"]["/StructTreeRoot"])
    assert squash(ALT) in found


def test_a_figure_shown_twice_is_embedded_once_and_builds_are_deterministic(tmp_path):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["sections"][1]["figure"] = "talks-schematic"
    content = copy_reference(tmp_path, "twice.yaml", data=data)
    first = _build(content, tmp_path / "a")
    again = _build(content, tmp_path / "b")
    assert first.read_bytes() == again.read_bytes()
    reader = PdfReader(first)
    xobjects = {id(o.get_object()) for p in reader.pages
                for o in (p["/Resources"].get("/XObject") or {}).values() if o.get_object().get("/Subtype") == "/Image"}
    assert len(xobjects) == 1
    uses = sum(len(re.findall(r"/FormXob\.\w+ Do", p.get_contents().get_data().decode("latin-1")))
               for p in reader.pages)
    assert uses == 2
    text = squash(" ".join(p.extract_text() for p in reader.pages))
    assert "Figure 1: Who talks to whom" in text and "Figure 2" not in text  # a repeat keeps its number


def test_the_press_memo_has_the_public_figure(tmp_path):
    r = run_cli("build", REFERENCE, "--format", "memo", "--audience", "press", "--out", tmp_path, "-q")
    assert r.returncode == 0, r.stderr
    assert len([im for p in PdfReader(tmp_path / "us-russia-talks-press-memo.pdf").pages for im in p.images]) == 1
