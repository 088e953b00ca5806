"""The deck planner and its text measurement, tested without python-pptx."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reportkit.content import load
from reportkit.deck import fit
from reportkit.deck.model import Table, Text
from reportkit.deck.plan import plan
from reportkit.edition import make_edition
from reportkit.theme import load_theme

WORDY = Path(__file__).parents[1] / "data" / "wordy.yaml"


@pytest.fixture(scope="module")
def edition(reference):
    return make_edition(reference, load_theme())


@pytest.fixture(scope="module")
def wordy_edition():
    return make_edition(load(WORDY), load_theme())


def _texts(slide):
    return [s for s in slide.shapes if isinstance(s, Text)]


def test_plan_and_package_import_neither_pptx_nor_matplotlib():
    code = ("import sys, reportkit.deck, reportkit.deck.plan, reportkit.deck.fit; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('pptx', 'matplotlib')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_widths_match_an_independent_measurement():
    """Our fontTools advance widths agree with Pillow's FreeType layout of the same font."""
    from PIL import ImageFont

    text = "Sovereignty and territory: Ukraine −2 (inferred), WWW iii"
    for bold in (False, True):
        font = ImageFont.truetype(str(fit.FONT_DIR / fit._FILES[(bold, False)]), 1000)
        ours = fit.metrics(bold).width(text, 1000)
        assert abs(ours - font.getlength(text)) / ours < 0.01


def test_wrap_keeps_every_line_within_the_width_and_loses_no_text():
    text = "Supercalifragilisticexpialidocious " + "word " * 40 + "end"
    lines = fit.wrap(text, 120, 14)
    assert len(lines) > 5
    assert all(fit.metrics().width(line, 14) <= 120 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_reference_deck_has_every_part_in_order(edition):
    kinds = [s.kind for s in plan(edition).slides]
    assert kinds[:5] == ["title", "agenda", "key_judgments", "bottom_line", "heatmap"]
    assert kinds.count("issue") == len(edition.briefing.issues)
    assert kinds.count("outcome") == len(edition.briefing.outcomes)
    for kind in ("outcomes", "reactions", "next_steps", "sources"):
        assert kind in kinds


def test_issue_without_stances_says_so_instead_of_an_empty_chart(edition):
    slide = next(s for s in plan(edition).slides if s.title == "Sanctions")
    assert not any(type(s).__name__ == "Chart" for s in slide.shapes)
    assert any("No stances in the source" in p.text for t in _texts(slide) for p in t.paragraphs)


def test_heatmap_marks_inferred_and_missing_cells(edition):
    slide = next(s for s in plan(edition).slides if s.kind == "heatmap")
    table = next(s for s in slide.shapes if isinstance(s, Table))
    b = edition.briefing
    for r, party in enumerate(b.parties, 1):
        for c, issue in enumerate(b.issues, 1):
            stance = b.stance(party.id, issue.id)
            text = table.rows[r][c].text
            if stance is None:
                assert text == "—"
            else:
                assert text.rstrip("\u2020").replace("\u2212", "-").lstrip("+") == str(stance.score)
                assert text.endswith("\u2020") == (stance.basis == "inferred")
    key = " ".join(p.text for t in _texts(slide) for p in t.paragraphs)
    assert "inferred" in key and "no stance in the source" in key


def test_long_lists_continue_on_numbered_slides_in_order(wordy_edition):
    slides = [s for s in plan(wordy_edition).slides if s.kind == "next_steps"]
    assert len(slides) > 1
    assert [s.title for s in slides] == [f"Next steps ({n}/{len(slides)})" for n in range(1, len(slides) + 1)]
    body = [t for s in slides for t in _texts(s) if t.name != "Source line"]  # the footer zone's line aside
    shown = [p.text for t in body for p in t.paragraphs]
    assert shown == [p.text for p in wordy_edition.briefing.next_steps]
    numbers = [p.bullet for t in body for p in t.paragraphs]
    assert numbers == [f"{n}." for n in range(1, len(numbers) + 1)]


def test_every_planned_text_fits_its_box(wordy_edition, edition):
    for e in (edition, wordy_edition):
        for slide in plan(e).slides:
            assert slide.title_size >= 20
            for t in _texts(slide):
                paras = [fit.Para(p.text, p.size, p.bold, p.indent, p.space_before)
                         for p in t.paragraphs]
                assert fit.fits(paras, t.box.inner_w, t.box.inner_h), (slide.title, t.name)
                if t.name not in ("Footer",):
                    assert min(p.size for p in t.paragraphs) >= 9, (slide.title, t.name)


def test_brief_edition_is_short(reference):
    e = make_edition(reference, load_theme(), detail="brief")
    slides = plan(e).slides
    assert 6 <= len(slides) <= 9
    assert [s.kind for s in slides][:4] == ["title", "key_judgments", "bottom_line", "heatmap"]
    assert "outcome" not in [s.kind for s in slides]


def test_no_speaker_notes_when_the_audience_wants_none(reference):
    e = make_edition(reference, load_theme(), speaker_notes=False)
    assert all(s.notes is None for s in plan(e).slides)


def test_notes_carry_the_fuller_text(edition):
    slides = plan(edition).slides
    assert all(s.notes for s in slides)
    b = edition.briefing
    issue = next(s for s in slides if s.title == b.issues[0].name)
    for stance in b.stances:
        if stance.issue == b.issues[0].id:
            assert stance.summary in issue.notes
    outcome = next(s for s in slides if s.title == b.outcomes[0].title)
    assert b.outcomes[0].likelihood_note in outcome.notes


def test_disclaimer_on_title_slide_and_footer(reference):
    e = make_edition(reference, load_theme(), disclaimer="Draft for discussion")
    p = plan(e)
    assert any(t.name == "Disclaimer" and "Draft for discussion" in t.paragraphs[0].text for t in _texts(p.slides[0]))
    assert "Draft for discussion" in p.chrome.footer


def test_many_parties_shrink_chart_labels_to_their_band(reference):
    from reportkit.deck.model import Chart
    from reportkit.model import Party, Stance

    extra = tuple(Party(id=f"p{n}", name=f"Party {n}", short=f"Party {n}") for n in range(24))
    stances = tuple(Stance(party=p.id, issue="territory", score=n % 5 - 2, summary="x") for n, p in enumerate(extra))
    b = replace(reference, parties=reference.parties + extra, stances=reference.stances + stances)
    slide = next(s for s in plan(make_edition(b, load_theme())).slides if s.title == "Sovereignty and territory")
    chart = next(s for s in slide.shapes if isinstance(s, Chart))
    assert len(chart.chart.bars) > 24
    band = chart.box.h * 0.7 / len(chart.chart.bars)
    assert 9 <= chart.font_size < 14
    assert chart.font_size * fit.metrics().line_height <= max(band, 9 * fit.metrics().line_height)


def test_divides_picture_shows_each_partys_content_score(edition):
    from reportkit.deck.model import Group

    slide = next(s for s in plan(edition).slides if s.kind == "divides")
    pic = next(s for s in slide.shapes if isinstance(s, Group))
    b = edition.briefing
    for issue, (name, points) in zip(b.issues, pic.data.rows):
        assert name == issue.name
        shown = {label.rstrip("\u2020"): score for score, labels in points for label in labels}
        expected = {b.party(s.party).short: s.score for s in b.stances if s.issue == issue.id}
        assert shown == expected
    assert "Sanctions: no stances in the source" in pic.alt_text
