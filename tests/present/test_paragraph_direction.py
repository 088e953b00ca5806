"""Right-to-left paragraphs in every edition (issue 12), one rule (``scripts.is_rtl_paragraph``: the first
strong letter decides, UAX #9 P2/P3), read back through real clients from tests/data/rtl-paragraphs.yaml
(an English briefing with Arabic paragraphs and a mixed "Zarif (محمد جواد ظریف) …" line):
pdftotext -bbox-layout for the memo's line positions, python-pptx for the deck's ``a:pPr``, python-docx
for Word's ``w:bidi``/``w:rtl``, Chromium for the web page's computed direction."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import require_tool
from helpers import run_cli
from reportkit.scripts import is_rtl_paragraph

CONTENT = Path(__file__).parents[1] / "data" / "rtl-paragraphs.yaml"
ARABIC_BODY = "استمر النزاع"  # the section's paragraph: one line
LONG_BULLET = "يرى الوسطاء"  # a bottom-line point over two lines
MIXED = "Zarif (محمد جواد ظریف)"


@pytest.mark.parametrize("text,rtl", [
    ("استمر النزاع", True), ("Zarif (محمد جواد ظریف) met", False), ("**محمد** Zarif", True),
    ("12, (שלום) world", True), ("2026", False), ("", False), ("\u2066NATO\u2069 سلام", True),
])
def test_the_first_strong_letter_decides(text, rtl):
    assert is_rtl_paragraph(text) is rtl


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rtl")
    r = run_cli("build", CONTENT, "--format", "memo,deck,html,docx", "--out", out)
    assert r.returncode == 0, r.stderr
    return out


def _lines(pdf: Path) -> list[tuple[str, float, float]]:
    """(glyphs, xMin, xMax) of every line pdftotext finds on page 1, its words joined left to right:
    a right-to-left word reads reversed (poppler gives its glyphs one "word" each)."""
    xml = subprocess.run([require_tool("pdftotext"), "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, check=True).stdout.decode()
    root = ET.fromstring(xml[xml.index("<html"):].replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [("".join(w.text or "" for w in line.iter("word")), float(line.get("xMin")), float(line.get("xMax")))
            for line in root.iter("line")]


def _word_x(pdf: Path, word: str) -> float:
    xml = subprocess.run([require_tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, check=True).stdout.decode()
    root = ET.fromstring(xml[xml.index("<html"):].replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return next(float(w.get("xMin")) for w in root.iter("word") if w.text == word)


def _shown(word: str) -> str:
    return word[::-1]  # a right-to-left word as the page shows it, left to right


def test_memo_right_aligns_right_to_left_paragraphs_and_keeps_mixed_lines_left(built):
    lines = _lines(built / "rtl-paragraphs-memo.pdf")
    left = min(x0 for _, x0, _ in lines)  # the left margin; the page's margins are equal
    right = 612 - left
    body = [ln for ln in lines if _shown("النزاع") in ln[0]]
    assert body and all(abs(x1 - right) < 1.5 and x0 > left + 50 for _, x0, x1 in body), body
    mixed = next(ln for ln in lines if "Zarif(" in ln[0])
    assert mixed[0].startswith("\u2022")  # bullet, then the text, from the left
    bullet_x, text_x = mixed[1], _word_x(built / "rtl-paragraphs-memo.pdf", "Zarif")
    assert bullet_x < text_x < left + 30
    # the two-line Arabic point, mirrored: its text ends where the mixed point's starts (from the
    # right), its bullet is as far in from the right edge as the mixed point's from the left
    long = [ln for ln in lines if _shown("الوسطاء") in ln[0] or _shown("المعنية") in ln[0]]
    assert len(long) == 2, long
    first, second = sorted(long, key=lambda ln: not ln[0].endswith("\u2022"))
    assert first[0].endswith("\u2022") and abs(first[2] - (612 - bullet_x)) < 1.5, (first, bullet_x)
    assert abs(second[2] - (612 - text_x)) < 1.5, (second, text_x)
    # "الخلفية (Background, 2024)": its brackets resolve right to left (UAX #9 N1), so the closing one is
    # laid out leftmost (drawn mirrored, read as written) and the Latin part sits left of the Arabic
    heading = next(ln for ln in lines if "Background" in ln[0])
    assert heading[0].startswith(")Background,2024(" + _shown("الخلفية")) and abs(heading[2] - right) < 1.5, heading


def test_deck_marks_right_to_left_paragraphs(built):
    from pptx import Presentation

    from helpers import walk_shapes
    from reportkit.deck.overflow import check_presentation

    prs = Presentation(str(built / "rtl-paragraphs-deck.pptx"))
    seen = {"rtl": 0, "mixed": 0}
    for slide in prs.slides:
        for shape in walk_shapes(slide.shapes):
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                ppr, text = p._p.pPr, p.text.replace("\u200e", "")
                if text.startswith(LONG_BULLET) or text.startswith("الخلفية (Background, 2024): " + ARABIC_BODY):
                    assert (ppr.get("rtl"), ppr.get("algn")) == ("1", "r"), p.text
                    seen["rtl"] += 1
                elif text.startswith(MIXED) or text.endswith("Supports it if convoys are inspected"):
                    # the second: "الشمال +2: Supports …", a label in Arabic before an English summary
                    assert ppr.get("rtl") is None and ppr.get("algn") == "l", p.text
                    # an invisible left-to-right mark ends each right-to-left run ("+2" stays after the name)
                    assert "محمد جواد ظریف\u200e)" in p.text or "الشمال\u200e +2" in p.text, p.text
                    seen["mixed"] += 1
    assert seen["rtl"] >= 2 and seen["mixed"] >= 2, seen
    assert check_presentation(prs) == []


def test_word_marks_paragraphs_bidi_and_runs_rtl(built):
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(built / "rtl-paragraphs-memo.docx"))
    paras = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]

    def find(start):
        return next(p for p in paras if p.text.lstrip("\u2022\t").startswith(start))

    body = find(ARABIC_BODY)
    assert body._p.pPr.find(qn("w:bidi")) is not None
    assert all(r._r.rPr.find(qn("w:rtl")) is not None for r in body.runs if r.text.strip())
    mixed = find(MIXED)
    assert mixed._p.pPr is None or mixed._p.pPr.find(qn("w:bidi")) is None
    rtl = {r.text: r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None for r in mixed.runs}
    assert rtl["محمد جواد ظریف"] is True and rtl["Zarif ("] is False  # the brackets stay outside the run
    heading = find("الخلفية")  # "الخلفية (Background, 2024)": its Latin part between left-to-right marks
    assert heading._p.pPr.find(qn("w:bidi")) is not None
    assert "\u200e(Background, 2024)\u200e" in heading.text


def test_web_page_lays_out_right_to_left_paragraphs_right_to_left(built):
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((built / "rtl-paragraphs-briefing.html").as_uri())
        directions = page.evaluate("""() => [...document.querySelectorAll('li, p, h1, h2, dd')]
            .map(e => [e.textContent.trim(), getComputedStyle(e).direction])""")
        browser.close()
    by_start = {}
    for text, direction in directions:
        for start in (ARABIC_BODY, LONG_BULLET, MIXED, "الخلفية"):
            if text.startswith(start):
                by_start.setdefault(start, set()).add(direction)
    assert by_start == {ARABIC_BODY: {"rtl"}, LONG_BULLET: {"rtl"}, MIXED: {"ltr"}, "الخلفية": {"rtl"}}, by_start
