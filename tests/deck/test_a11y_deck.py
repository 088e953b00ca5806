"""The accessible deck, reopened with python-pptx (and converted with LibreOffice): unique titles in
title placeholders, reading order, alt text, decorative shapes, header rows, language, contrast."""
from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import REFERENCE, ROOT, require_tool
from reportkit.a11y.pptx import check_pptx
from reportkit.audience import BUILTIN
from reportkit.deck import render
from reportkit.deck.a11y import check_plan, unique_titles
from reportkit.deck.model import Paragraph, Run, Text
from reportkit.pipeline import load_edition

SCRIPTS = ROOT / "tests" / "data" / "a11y-scripts.yaml"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _edition(path: Path, theme: str = "default", audience: str | None = None):
    return load_edition(path, audience, theme)


@pytest.fixture(scope="module")
def reference_deck() -> bytes:
    return render(_edition(REFERENCE)).data


def _titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides]


def test_reference_deck_passes_the_checker(reference_deck):
    assert check_pptx(reference_deck) == []


def test_every_slide_has_a_unique_title_in_its_title_placeholder(reference_deck):
    prs = Presentation(io.BytesIO(reference_deck))
    titles = _titles(prs)
    assert all(t.strip() for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    # an issue and an outcome share a name in the reference: each says which it is
    assert "Issue: Humanitarian aid and reconstruction" in titles
    assert "Outcome: Humanitarian aid and reconstruction" in titles
    assert all(s.shapes.title.is_placeholder for s in prs.slides)


def test_reading_order_is_title_then_content_then_chrome(reference_deck):
    prs = Presentation(io.BytesIO(reference_deck))
    chrome = ["Classification (top)", "Classification (bottom)", "Footer", "Slide number"]
    for slide in prs.slides:
        names = [sh.name for sh in slide.shapes]
        assert slide.shapes[0].shape_id == slide.shapes.title.shape_id
        at = [k for k, name in enumerate(names) if name in chrome]
        assert len(at) >= 3 and at == list(range(len(names) - len(at), len(names)))  # last, together


def test_figures_have_alt_text_from_the_data_and_plain_shapes_are_decorative(reference_deck):
    prs = Presentation(io.BytesIO(reference_deck))
    charts = groups = plain = 0
    for slide in prs.slides:
        for sh in slide.shapes:
            c_nv_pr = sh._element[0].find("{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
            if getattr(sh, "has_chart", False) and sh.has_chart:
                charts += 1
                labels = sh.chart.plots[0].categories
                assert all(str(label) in c_nv_pr.get("descr") for label in labels)
            elif sh.shape_type is not None and sh.shape_type == 6:  # group
                groups += 1
                assert c_nv_pr.get("descr", "").strip()
            elif not sh.has_text_frame or not sh.text_frame.text.strip():  # no text: a rule, a swatch
                if not (getattr(sh, "has_table", False) or sh.shape_type == 13):  # not a table or picture
                    assert c_nv_pr.find(f".//{DECORATIVE}") is not None, sh.name
                    plain += 1
    assert charts >= 5 and groups >= 1 and plain >= 5  # the accent rule, the heatmap key's swatches


def test_tables_flag_their_header_row_and_every_run_has_the_content_language(reference_deck):
    prs = Presentation(io.BytesIO(reference_deck))
    tables = [sh for s in prs.slides for sh in s.shapes if sh.has_table]
    assert tables and all(t.table.first_row for t in tables)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    runs = [r for s in prs.slides for r in s._element.iter(f"{a}rPr")]
    assert runs and {r.get("lang") for r in runs} == {"en"}


@pytest.mark.parametrize("theme", ["default", "print"])
@pytest.mark.parametrize("audience", [None, *BUILTIN])
def test_scripts_and_reference_decks_pass_in_every_theme_and_audience(theme, audience):
    for path in (REFERENCE, SCRIPTS):
        rendered = render(_edition(path, theme, audience))
        assert check_pptx(rendered.data) == []
        assert not [w for w in rendered.warnings if "accessibility" in w.message]
    prs = Presentation(io.BytesIO(rendered.data))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert {r.get("lang") for s in prs.slides for r in s._element.iter(f"{a}rPr")} == {"ar"}


def test_libreoffice_opens_the_deck_with_every_slide(reference_deck, tmp_path):
    soffice = require_tool("soffice")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(reference_deck)
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True,
                   timeout=180)
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "deck.pdf").pages) == len(Presentation(io.BytesIO(reference_deck)).slides)


# --- the pieces ---------------------------------------------------------------------------------


def test_unique_titles_name_the_kind_then_count():
    from reportkit.deck.plan import plan

    deck = plan(_edition(REFERENCE))
    first = deck.slides[2]
    dup = [first, first, deck.slides[3]]
    out = unique_titles(type(deck)(tuple(dup), deck.chrome, deck.title, deck.author, deck.subject,
                                   deck.language, deck.date))
    titles = [s.title for s in out.slides]
    assert len(set(titles)) == 3 and titles[0] != titles[1]


def test_check_plan_reports_low_contrast_text_and_missing_alt():
    from dataclasses import replace

    from reportkit.deck.plan import plan

    edition = _edition(REFERENCE)
    deck = plan(edition)
    grey = Text(deck.slides[1].shapes[0].box, (Paragraph((Run("hard to read", color="#BBBBBB"),), 14),),
                name="Grey")
    s = replace(deck.slides[1], shapes=(*deck.slides[1].shapes, grey))
    chart_slide = next(k for k, sl in enumerate(deck.slides) if any(type(x).__name__ == "Chart" for x in sl.shapes))
    c = deck.slides[chart_slide]
    no_alt = replace(c, shapes=tuple(replace(x, alt_text="") if type(x).__name__ == "Chart" else x
                                     for x in c.shapes))
    slides = list(deck.slides)
    slides[1], slides[chart_slide] = s, no_alt
    problems = check_plan(replace(deck, slides=tuple(slides)), edition.theme)
    assert any("'hard to read' in #BBBBBB on #FFFFFF" in m and m.startswith("slide 2:") for m in problems)
    assert any(m.startswith(f"slide {chart_slide + 1}:") and "has no alt text" in m for m in problems)


def test_a_theme_with_unreadable_text_warns_at_build(tmp_path):
    theme = tmp_path / "pale.yaml"
    theme.write_text('extends: default\nname: pale\ncolor:\n  muted: "#C0C0C0"\n', encoding="utf-8")
    edition = _edition(REFERENCE, str(theme))
    warnings = [w.message for w in render(edition).warnings]
    assert any(m.startswith("accessibility: slide") and "#C0C0C0" in m for m in warnings)
