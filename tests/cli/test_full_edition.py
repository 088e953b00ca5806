"""The full edition (``reportkit build`` without ``--audience``) must never pass for an audience's: it
carries FULL EDITION on every memo page and every slide, on every page of the Word memo (as LibreOffice
prints it) and of the web edition (on screen, and on every printed page in Chromium), a TO line that
names no audience, and the build says which edition it wrote. Audience editions carry none of it."""
from __future__ import annotations

import subprocess
import sys

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import REFERENCE, require_tool
from reportkit.audience.marking import MARK, TO


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    out = tmp_path_factory.mktemp("full")
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(REFERENCE), "--out", str(out),
                        "--format", "memo,deck,docx,html"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return out, r.stdout


def _pages(pdf) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _slides(pptx) -> list[str]:
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in Presentation(pptx).slides]


def test_every_memo_page_is_marked_and_addressed_to_no_audience(full):
    out, _ = full
    pages = _pages(out / f"{REFERENCE.stem}-memo.pdf")
    assert len(pages) > 1
    for n, text in enumerate(pages, 1):
        assert text.count(MARK) >= 2, f"page {n}: the top and bottom banners must both say {MARK}"
    assert TO in pages[0]
    assert "Principals" not in pages[0].split("FROM")[0], "the full edition must not be headed TO: Principals"


def test_every_slide_is_marked(full):
    out, _ = full
    slides = _slides(out / f"{REFERENCE.stem}-deck.pptx")
    assert len(slides) > 5
    unmarked = [n for n, text in enumerate(slides, 1) if MARK not in text]
    assert not unmarked, f"slides without {MARK}: {unmarked}"


def test_the_build_says_which_edition_it_wrote(full):
    _, stdout = full
    line = stdout.strip().splitlines()[-1]
    assert line.startswith("full edition: contains 2 items not every audience may see (section open-questions,")
    assert "--audience" in line


def test_audience_editions_are_not_marked(tmp_path):
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(REFERENCE), "--out", str(tmp_path),
                        "--audience", "staff"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    pages = _pages(tmp_path / f"{REFERENCE.stem}-staff-memo.pdf")
    slides = _slides(tmp_path / f"{REFERENCE.stem}-staff-deck.pptx")
    assert not [t for t in pages + slides if MARK in t or TO in t]
    assert "TO" in pages[0] and "Principals" in pages[0]  # the file's memo.to, as staff's profile keeps it
    assert "full edition" not in r.stdout


def _pdf_pages(pdf) -> list[str]:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # a form feed ends every page


def test_every_page_of_the_word_memo_is_marked(full, tmp_path):
    from docx_support import to_pdf

    out, _ = full
    pages = _pdf_pages(to_pdf(out / f"{REFERENCE.stem}-memo.docx", tmp_path))
    assert len(pages) > 1
    for n, text in enumerate(pages, 1):
        assert text.count(MARK) >= 2, f"Word memo page {n}: the header and footer must both say {MARK}"
    assert TO in pages[0] and "Principals" not in pages[0].split("FROM")[0]


def test_the_web_edition_is_marked_on_screen_and_on_every_printed_page(full, tmp_path):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    out, _ = full
    page_file = out / f"{REFERENCE.stem}-briefing.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(page_file.as_uri())
        shown = page.inner_text("body")
        banners = page.eval_on_selector_all("body > header .banner, body > footer .banner",
                                            "els => els.filter(e => e.offsetHeight > 0).map(e => e.innerText)")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
        browser.close()
    assert len(banners) == 2 and all(MARK in b for b in banners), banners  # the page's top and bottom
    assert TO in shown and "TO: Principals" not in shown
    pages = _pdf_pages(tmp_path / "printed.pdf")
    assert len(pages) > 1
    unmarked = [n for n, text in enumerate(pages, 1) if text.count(MARK) < 2]
    assert not unmarked, f"printed pages without {MARK} at top and bottom: {unmarked}"
