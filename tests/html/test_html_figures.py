"""The figure on the web page: a <figure> with the image inline as a data: URI (nothing fetched), its
alt text and a <figcaption> with "Figure 1: caption", the source line and the credit; in Chromium the
image decodes at its aspect ratio and stays inside a phone's screen (axe runs on this page in
test_html_browser)."""
from __future__ import annotations

import base64
import re

import pytest
import yaml

from conftest import REFERENCE
from test_html import Page, build
from test_html_browser import browser  # noqa: F401 - the shared Chromium fixture

ALT = " ".join(yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))["figures"][0]["alt"].split())
PNG = (REFERENCE.parent / "figures" / "talks-schematic.png").read_bytes()


@pytest.fixture(scope="module")
def page_path(tmp_path_factory):
    return build(REFERENCE, tmp_path_factory.mktemp("figure"))


def test_figure_holds_the_image_its_alt_text_and_caption(page_path):
    html = page_path.read_text(encoding="utf-8")
    page = Page(html)
    [img] = [i for i in page.all("img") if i.get("class") != "logo"]
    assert img["alt"] == ALT
    assert img["src"].startswith("data:image/png;base64,") and base64.b64decode(img["src"].split(",", 1)[1]) == PNG
    figure = re.search(r'<figure class="content-figure" id="figure-1">.*?</figure>', html, re.S).group()
    caption = re.sub(r"<[^>]+>", " ", re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S).group(1))
    words = " ".join(caption.split()).replace("&#x27;", "'")
    assert words.startswith("Figure 1: Who talks to whom, as the article reports it Source: [1] News article")
    assert "Credit: Drawn by reportkit from the article (CC0) · 26 November 2026" in words


@pytest.mark.parametrize("width", (1280, 375))
def test_in_chromium_the_image_decodes_undistorted_inside_the_screen(browser, page_path, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_path.as_uri())
    box = page.evaluate("""() => { const i = document.querySelector('figure.content-figure img');
        const r = i.getBoundingClientRect();
        return {natural: [i.naturalWidth, i.naturalHeight], w: r.width, h: r.height, right: r.right,
                alt: i.alt, caption: i.parentElement.querySelector('figcaption').innerText}; }""")
    page.close()
    assert box["natural"] == [1600, 900] and box["alt"] == ALT
    assert box["w"] / box["h"] == pytest.approx(1600 / 900, rel=0.01)
    assert 0 < box["right"] <= width
    assert box["caption"].startswith("Figure 1: Who talks to whom")
