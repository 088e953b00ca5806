"""Print and default themes are legible (issue 12): every label on every fill meets WCAG AA (4.5:1),
no text in any memo or deck is smaller than 7 pt, likelihood has a colour scale of its own, and a
score of 0 in a deck chart has a visible label. Checked on the reference and the script briefings,
in both built-in themes and every audience, through what the files really hold (pypdf's text
operators with their matrices, the deck's sz attributes)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest import REFERENCE
from reportkit.pipeline import load_edition
from reportkit.present.colours import MIN_TEXT_PT, contrast, text_on
from reportkit.theme import load_theme

DATA = Path(__file__).parents[1] / "data"
BRIEFINGS = [REFERENCE, DATA / "scripts-rtl.yaml", DATA / "scripts-cjk.yaml", DATA / "wordy.yaml"]
THEMES = ["default", "print"]
AUDIENCES = ["principals", "staff", "press"]
FILLS = ("stance", "likelihood", "position", "tone")
# (text, background) pairs the memo and deck draw with fixed theme colours
FIXED = [("table.header.text", "table.header.fill"), ("banner.text", "banner.fill"), ("color.text", "color.page"),
         ("color.muted", "color.page"), ("color.muted", "table.zebra.fill"), ("color.muted", "bluf.fill"),
         ("color.muted", "stance.none"), ("color.accent", "color.page"), ("color.accent", "table.zebra.fill"),
         ("color.accent", "bluf.fill"), ("color.text", "bluf.fill"), ("color.primary", "color.page"),
         ("color.text", "table.zebra.fill")]


@pytest.mark.parametrize("name", THEMES)
def test_every_label_on_every_fill_meets_aa(name):
    theme = load_theme(name)
    for group in FILLS:
        for value in theme.get(group):
            fill = theme.color(f"{group}.{value}")
            assert contrast(text_on(fill, theme), fill) >= 4.5, (group, value)
    for text, fill in FIXED:
        assert contrast(theme.color(text), theme.color(fill)) >= 4.5, (text, fill)


@pytest.mark.parametrize("name", THEMES)
def test_likelihood_has_its_own_colours(name):
    """A low likelihood in the crimson of "strongly opposes" read as opposition."""
    theme = load_theme(name)
    likelihood = {theme.color(f"likelihood.{v}") for v in theme.get("likelihood")}
    stances = {theme.color(f"stance.{v}") for v in theme.get("stance")}
    assert len(likelihood) == 3 and not likelihood & stances


def pdf_text_sizes(data: bytes) -> list[tuple[float, int, str]]:
    """(size in points as drawn, page, text) of every piece of text: the font size scaled by the
    text and graphics matrices (a chart's String, a superscript, a shrunk table heading)."""
    from pypdf import PdfReader

    out = []
    for n, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        def visit(text, cm, tm, font, size):
            if text.strip():
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                out.append((round(size * (c * c + d * d) ** 0.5, 2), n, text.strip()[:30]))
        page.extract_text(visitor_text=visit)
    return out


@pytest.fixture(scope="module")
def built():
    from reportkit.deck import render as deck
    from reportkit.memo import render as memo

    cache = {}

    def get(kind, path, theme, audience):
        key = (kind, path, theme, audience)
        if key not in cache:
            cache[key] = (memo if kind == "memo" else deck)(load_edition(path, audience, theme))
        return cache[key]

    return get


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_memo_text_below_7_pt(built, path, theme, audience):
    """The print theme set the party positions grid at 5.5 pt, chart axes at 6.5 pt, and the denser
    principals layout notes and endnote markers below 7 pt."""
    sizes = pdf_text_sizes(built("memo", path, theme, audience).data)
    assert sizes
    small = [s for s in sizes if s[0] < MIN_TEXT_PT - 0.01]
    assert not small, small[:5]


@pytest.mark.parametrize("path", BRIEFINGS, ids=lambda p: p.stem)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_deck_text_below_7_pt(built, path, theme, audience):
    with zipfile.ZipFile(io.BytesIO(built("deck", path, theme, audience).data)) as z:
        for name in z.namelist():
            if re.search(r"(slides/slide|charts/chart)\d+\.xml$", name):
                sizes = [int(v) for v in re.findall(r'\bsz="(\d+)"', z.read(name).decode())]
                assert all(v >= MIN_TEXT_PT * 100 for v in sizes), (name, sorted(sizes)[:3])


@pytest.mark.parametrize("audience", ["staff", "press"])  # the principals' two charts have no 0
def test_a_zero_score_label_is_visible_on_the_print_theme(built, audience):
    """A 0 has no bar: its label sits on the page. It was white (the text for the neutral grey fill)
    on white."""
    from pptx import Presentation

    theme = load_theme("print")
    page = theme.color("color.page")
    prs = Presentation(io.BytesIO(built("deck", REFERENCE, "print", audience).data))
    checked = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if not getattr(shape, "has_chart", False) or not shape.has_chart:
                continue
            for series in shape.chart.plots[0].series:
                if [v for v in series.values if v is not None] and all(v == 0 for v in series.values if v is not None):
                    color = series.data_labels.font.color.rgb
                    assert contrast(f"#{color}", page) >= 4.5
                    checked += 1
    assert checked  # the reference has scores of 0


def test_the_pptx_checker_finds_a_white_zero_label(built):
    """The contrast checker (check-a11y) holds a 0's label to the page it is drawn on."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor

    from reportkit.a11y.pptx import _chart_contrast

    prs = Presentation(io.BytesIO(built("deck", REFERENCE, "print", "staff").data))
    frame = next(s for slide in prs.slides for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart
                 and any(v == 0 for ser in s.chart.plots[0].series for v in ser.values))
    assert _chart_contrast(frame, "#FFFFFF") == []
    for series in frame.chart.plots[0].series:
        series.data_labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    assert any("#FFFFFF on #FFFFFF" in m for m in _chart_contrast(frame, "#FFFFFF"))
