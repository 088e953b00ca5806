"""The web edition in a real browser: Debian's headless Chromium driven by Playwright (no browser
download), axe-core from npm (tests/js, installed by ``npm ci``) with zero violations on the reference,
every audience, the print theme, dark mode and the right-to-left and CJK briefings, at desktop and
phone widths; keyboard navigation; print media (classification on every printed page); and the
page's text against the memo's, block by block. Screenshots go to the test's tmp folder."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE, require_tool
from helpers import run_cli
from test_html import DATA, build

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root holds benchmarks/
from benchmarks import synthetic  # noqa: E402

AXE = Path(__file__).parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = (1280, 375)


def _need_axe() -> Path:
    if AXE.is_file():
        return AXE
    if os.environ.get("CI") == "true":
        pytest.fail("axe-core is required in CI (npm ci in tests/js)")
    pytest.skip("axe-core not installed (cd tests/js && npm ci)")


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pages")
    found = {"reference": build(REFERENCE, out), "print": build(REFERENCE, out / "print", "--theme", "print")}
    for audience in ("principals", "staff", "press"):
        found[audience] = build(REFERENCE, out, "--audience", audience)
    for name in ("rtl-arabic", "rtl-hebrew", "cjk"):
        found[name] = build(DATA / f"{name}.yaml", out)
    big = out / "ten-times.yaml"  # 10x the reference's size, long words and all (benchmarks/synthetic.py)
    big.write_text(synthetic.dump(synthetic.scaled(10)), encoding="utf-8")
    found["10x"] = build(big, out)
    # analytic standards: ICD 203 terms, graded markers "[1, B2; 2, C3]", a source's web address as a link
    graded = out / "graded.yaml"
    graded.write_text((Path(__file__).parents[1] / "standards" / "icd203.yaml").read_text(encoding="utf-8").replace(
        "{id: wire, title: Wire report,", "{id: wire, title: Wire report, url: 'https://example.org/wire?id=7',"),
        encoding="utf-8")
    found["graded"] = build(graded, out)
    return found


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(_need_axe()))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["reference", "print", "principals", "staff", "press", "rtl-arabic", "rtl-hebrew", "cjk",
                                  "10x", "graded"])
def test_axe_finds_nothing(browser, pages, tmp_path, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(pages[name].as_uri())
    assert requests == [pages[name].as_uri()]  # the page asks for nothing else
    assert axe_violations(page) == []
    # nothing wider than the screen: no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
    page.close()


def test_axe_in_dark_mode(browser, pages):
    page = browser.new_page(color_scheme="dark")
    page.goto(pages["reference"].as_uri())
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(21, 24, 28)"
    assert axe_violations(page) == []
    page.close()


def test_keyboard_navigation(browser, pages):
    page = browser.new_page()
    page.goto(pages["reference"].as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the briefing"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the contents links, then the references: each reachable by Tab, each going where it says
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "#src-1":
            break
    else:
        pytest.fail("no reference link reached by Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#src-1"
    page.keyboard.press("Tab")  # into the endnote: its first back-link returns to the first reference
    assert page.evaluate("document.activeElement.getAttribute('href')").startswith("#ref-1-")
    page.close()


def test_print_media(browser, pages, tmp_path):
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(pages["reference"].as_uri())
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.toc')).display") == "none"
    pdf = tmp_path / "printed.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    texts = [p.extract_text() for p in PdfReader(pdf).pages]
    assert len(texts) > 2
    for k, text in enumerate(texts, 1):  # the classification at the top and bottom of every page
        assert text.count("UNCLASSIFIED") == 2, (k, text[:200])
        assert f"{k} / {len(texts)}" in text


def _letters(s: str) -> str:
    return re.sub(r"[^\w]", "", s)


def test_page_text_matches_the_memo_block_by_block(browser, pages, tmp_path):
    """Every paragraph, list item and heading of the page is in the memo PDF's text, in order."""
    require_tool("pdftotext")
    r = run_cli("build", REFERENCE, "--format", "memo", "--out", tmp_path)
    assert r.returncode == 0, r.stderr
    memo = subprocess.run(["pdftotext", "-raw", str(tmp_path / f"{REFERENCE.stem}-memo.pdf"), "-"],
                          capture_output=True, text=True).stdout
    memo_letters = _letters(memo.replace("-\n", ""))
    page = browser.new_page()
    page.goto(pages["reference"].as_uri())
    blocks = page.evaluate("""() => [...document.querySelectorAll(
        'main h1, main h2:not(#contents), main h3, main > section > p:not(.note), .bluf li, ol.steps li, .endnotes li')]
        .map(e => { const c = e.cloneNode(true); c.querySelectorAll('sup, .back, .vh').forEach(x => x.remove());
                    return c.textContent; })""")
    page.close()
    assert len(blocks) > 20
    pos = 0
    for text in blocks:
        found = memo_letters.find(_letters(text), pos)
        assert found >= 0, f"page block not in the memo (after {pos}): {text[:80]!r}"
        pos = found


CONTRAST_JS = """() => {
  const rgb = s => s.match(/[0-9.]+/g).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bad = [];
  document.querySelectorAll('td[class^="s-"], td[class^="pos-"], .badge, .swatch').forEach(e => {
    const st = getComputedStyle(e);
    const bg = rgb(st.backgroundColor);
    if (bg.length === 4 && bg[3] === 0) { bad.push(e.className + ': no fill'); return; }
    const [a, b] = [lum(rgb(st.color)), lum(bg)].sort((x, y) => y - x);
    if ((a + 0.05) / (b + 0.05) < 4.5) bad.push(e.className + ': ' + st.color + ' on ' + st.backgroundColor);
  });
  return bad;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["reference", "print", "10x"])
def test_every_coloured_cell_keeps_its_fill_and_contrast(browser, pages, name, width):
    """axe leaves cells with generated labels (the phone's cards) 'to review': check them here."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(pages[name].as_uri())
    assert page.evaluate(CONTRAST_JS) == []
    page.close()
