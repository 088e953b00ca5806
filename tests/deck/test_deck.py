"""The rendered deck, reopened with python-pptx and converted by LibreOffice."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from conftest import require_tool
from reportkit.content import load
from reportkit.deck import overflow, render
from reportkit.edition import make_edition
from reportkit.theme import load_theme
from reportkit.workarounds.pptx import alt_text

WORDY = Path(__file__).parents[1] / "data" / "wordy.yaml"


@pytest.fixture(scope="module")
def raw(reference_path):
    """The content file read independently of reportkit's loader: the truth the deck is checked against."""
    return yaml.safe_load(reference_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def deck_bytes(reference):
    return render(make_edition(reference, load_theme())).data


@pytest.fixture(scope="module")
def prs(deck_bytes):
    return Presentation(io.BytesIO(deck_bytes))


def _charts(prs):
    return [(slide, shape) for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def _title(slide):
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def test_deck_is_16_by_9(prs):
    assert (prs.slide_width, prs.slide_height) == (Pt(960), Pt(540))
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_one_native_diverging_chart_per_issue_with_the_content_scores(prs, raw):
    charts = {_title(slide).removeprefix("Issue: "): shape.chart for slide, shape in _charts(prs)}  # a repeated title names its kind
    short = {p["id"]: p["short"] for p in raw["parties"]}
    for issue in raw["issues"]:
        expected = {short[s["party"]]: s["score"] for s in raw["stances"] if s["issue"] == issue["id"]}
        if not expected:
            assert issue["name"] not in charts
            continue
        chart = charts[issue["name"]]
        assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
        plot = chart.plots[0]
        cats = list(plot.categories)
        assert cats == [short[p["id"]] for p in raw["parties"] if short[p["id"]] in expected]
        got = {}
        for i, cat in enumerate(cats):
            given = [s.values[i] for s in plot.series if s.values[i] is not None]
            assert len(given) == 1, (issue["id"], cat, given)
            got[cat] = given[0]
        assert got == expected
        assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (-2, 2)
        assert chart.has_legend
        inferred = any(s["basis"] == "inferred" for s in raw["stances"] if s["issue"] == issue["id"])
        assert [s.name for s in plot.series] == ["strongly opposes", "opposes", "neutral / mixed", "supports",
                                                 "strongly supports"] + (
            ["\u2020 dashed outline: inferred by the analyst"] if inferred else [])


def test_every_series_keeps_its_colour_when_negative(prs):
    theme = load_theme()
    scale = [theme.color(f"stance.{k}") for k in ("strongly_oppose", "oppose", "neutral", "support", "strongly_support")]
    for _, shape in _charts(prs):
        for series, colour in zip(shape.chart.plots[0].series, scale):
            assert series.invert_if_negative is False
            assert str(series.format.fill.fore_color.rgb) == colour.lstrip("#").upper()


def test_issue_without_stances_has_a_slide_saying_so(prs, raw):
    empty = [i["name"] for i in raw["issues"] if not any(s["issue"] == i["id"] for s in raw["stances"])]
    assert empty  # the reference content's sanctions issue
    for name in empty:
        slide = next(s for s in prs.slides if _title(s) == name)
        assert "No stances in the source" in " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


def test_heatmap_is_a_native_table_with_true_minus_signs(prs, raw):
    slide = next(s for s in prs.slides if _title(s) == "Where the parties stand")
    table = next(sh for sh in slide.shapes if sh.has_table).table
    assert len(table.rows) == len(raw["parties"]) + 1 and len(table.columns) == len(raw["issues"]) + 1
    ru = next(r for r in table.rows if r.cells[0].text == "Russia")
    col = [i["id"] for i in raw["issues"]].index("territory") + 1
    assert ru.cells[col].text == "\u22122\u2020"  # stated in the content as score -2, basis inferred


def test_slide_number_and_classification_on_every_slide(prs, raw):
    for n, slide in enumerate(prs.slides, 1):
        named = {sh.name: sh.text_frame.text for sh in slide.shapes if sh.has_text_frame}
        assert named["Slide number"] == str(n)
        assert named["Classification (top)"] == named["Classification (bottom)"] == raw["briefing"]["classification"]


def test_speaker_notes_on_every_content_slide(prs, raw):
    for slide in list(prs.slides)[1:]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), _title(slide)
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    for outcome in raw["outcomes"]:
        assert outcome["likelihood_note"].split()[0] in notes
    assert raw["sections"][0]["body"].split("\n")[0].strip() in notes


def test_alt_text_on_every_chart_table_and_picture_from_the_data(prs, raw):
    found = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.has_table or shape.shape_type == 13:  # 13: picture
                found += 1
                text = alt_text(shape)
                assert len(text) > 30, (_title(slide), shape.name)
                assert not re.search(r"\.(png|jpe?g|gif|svg|emf)\b", text, re.I)
                if shape.has_chart:
                    assert text.startswith("Diverging bar chart")
                    assert all(c in text for c in shape.chart.plots[0].categories)
    assert found >= len(raw["issues"])


@pytest.mark.parametrize("content", ["reference", "wordy"])
def test_no_text_overflows(content, reference):
    briefing = reference if content == "reference" else load(WORDY)
    data = render(make_edition(briefing, load_theme())).data
    assert overflow.check(io.BytesIO(data)) == []


def test_overflow_check_reports_text_that_does_not_fit():
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Pt(100), Pt(30))
    box.name = "Too small"
    box.text_frame.word_wrap = True
    box.text_frame.text = "A sentence far too long for a box one hundred points wide and thirty points tall."
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    found = overflow.check_presentation(prs)
    assert [o.shape for o in found] == ["Too small"]
    assert found[0].needed > found[0].available


def test_two_builds_are_byte_identical_with_fixed_dates(reference, deck_bytes):
    assert render(make_edition(reference, load_theme())).data == deck_bytes
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
        assert "2026-11-26T00:00:00" in core
        books = [n for n in z.namelist() if n.endswith(".xlsx")]
        assert books
        for name in books:
            with zipfile.ZipFile(io.BytesIO(z.read(name))) as book:
                assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-26T00:00:00Z" in book.read("docProps/core.xml").decode()


def test_brief_deck_without_notes(reference):
    data = render(make_edition(reference, load_theme(), detail="brief", speaker_notes=False)).data
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) <= 9
    assert not any(s.has_notes_slide for s in prs.slides)
    assert len(_charts(prs)) == 2


def test_cli_builds_the_deck_and_libreoffice_reads_every_party_and_outcome(tmp_path, reference_path, raw):
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    subprocess.run(["python3", "-m", "reportkit", "build", str(reference_path), "--format", "deck",
                    "--out", str(tmp_path), "--quiet"], check=True)
    deck = tmp_path / "us-russia-talks-deck.pptx"
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], check=True,
                   capture_output=True, timeout=300)
    text = subprocess.run([pdftotext, str(tmp_path / "us-russia-talks-deck.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for party in raw["parties"]:
        assert party["short"] in flat
    for outcome in raw["outcomes"]:
        assert outcome["title"] in flat


def test_user_potx_template_with_a_missing_layout_name_falls_back_with_a_warning(tmp_path, reference, capsys):
    from dataclasses import replace as dc_replace

    from reportkit.deck.template import TEMPLATE_DIR

    base = (TEMPLATE_DIR / "base.pptx").read_bytes()
    potx = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(potx, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(info, body)
    (tmp_path / "house.potx").write_bytes(potx.getvalue())
    theme = load_theme()
    values = {**theme.values, "deck": {**theme.values["deck"], "template": "house.potx",
                                       "layouts": {"title": "Title Slide", "content": "Two Content"}}}
    theme = dc_replace(theme, values=values, folder=tmp_path)
    rendered = render(make_edition(reference, theme))
    prs = Presentation(io.BytesIO(rendered.data))
    assert any("no layout named 'Two Content'" in w.message for w in rendered.warnings)
    assert {s.slide_layout.name for s in list(prs.slides)[1:]} == {"Title Only"}
    assert all(s.shapes.title is not None and s.shapes.title.text_frame.text for s in prs.slides)
