"""Analytic standards as the reader sees them: the memo (pdftotext) and the deck (python-pptx) print
the same key judgments, likelihood terms with their ranges, confidence apart from likelihood,
indicators and source grades, for each scale; the press edition prints no grades or confidence notes."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from reportkit import standards as std
from reportkit.audience import get_profile, select
from reportkit.content import load
from reportkit.pipeline import prepare, read_source
from reportkit.present import analytic
from reportkit.registry import REGISTRY

HERE = Path(__file__).parents[1] / "standards"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None and not __import__("os").environ.get("CI"),
                                     reason="pdftotext (poppler-utils) not installed")


def squash(text: str) -> str:
    return " ".join(text.split())


def memo_text(edition, tmp_path) -> str:
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(REGISTRY["memo"].render(edition).data)
    return squash(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def deck_text(edition, tmp_path) -> str:
    path = tmp_path / "deck.pptx"
    path.write_bytes(REGISTRY["deck"].render(edition).data)
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
    return squash(" ".join(parts))


def edition(name: str, audience: str | None = None):
    return prepare(read_source(HERE / f"{name}.yaml"), audience).for_format("memo")


@needs_pdftotext
@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_memo_and_deck_print_the_same_standards(tmp_path, name):
    e = edition(name)
    b = e.briefing
    scale = std.SCALES[b.meta.likelihood_scale]
    memo, deck = memo_text(e, tmp_path), deck_text(e, tmp_path)
    expected = ["Key judgments", *(squash(analytic.judgment_text(k, scale.name)) for k in b.key_judgments)]
    for o in b.outcomes:
        expected += [analytic.term_word(scale.name, o.term), scale.term(o.term).range,
                     analytic.confidence_phrase(o.confidence)]
        expected += [squash(analytic.indicator_text(i)) for i in o.indicators]
    expected += [analytic.reliability_text(s.reliability) for s in b.sources]
    for phrase in expected:
        assert phrase in memo, f"memo lacks {phrase!r}"
        assert phrase in deck, f"deck lacks {phrase!r}"
    legend = squash(analytic.scale_legend(scale.name))
    assert legend in memo and legend in deck
    # confidence never inside the likelihood's sentence
    for text in (memo, deck):
        assert "likely with" not in text.lower() and "confidence that" not in text.lower()


@needs_pdftotext
def test_press_edition_prints_citations_without_grades_or_confidence_notes(tmp_path):
    e = edition("icd203", "press")
    memo, deck = memo_text(e, tmp_path), deck_text(e, tmp_path)
    for text in (memo, deck):
        assert "Reliability" not in text and "usually reliable" not in text
        assert "second-hand" not in text  # an outcome's confidence note
        assert "Confidence: moderate." in text  # the confidence itself stays


@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_web_edition_prints_what_the_memo_prints(name):
    """The web page (text of its HTML, tags stripped) carries the same standards phrases."""
    import html as htmllib
    import re

    e = edition(name)
    page = squash(htmllib.unescape(re.sub(r"<[^>]+>", " ", REGISTRY["html"].render(e).data.decode("utf-8"))))
    b = e.briefing
    scale = b.meta.likelihood_scale
    for k in b.key_judgments:
        assert squash(analytic.judgment_text(k, scale)) in page
    for o in b.outcomes:
        assert analytic.term_word(scale, o.term) in page and analytic.confidence_phrase(o.confidence) in page
        assert analytic.term_range(scale, o.term) in page
    assert squash(analytic.scale_legend(scale)) in page


@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_word_edition_prints_what_the_memo_prints(tmp_path, name):
    """The Word memo (reopened with python-docx: paragraphs and table cells) carries the same phrases."""
    import docx

    e = prepare(read_source(HERE / f"{name}.yaml")).for_format("docx")
    path = tmp_path / "memo.docx"
    path.write_bytes(REGISTRY["docx"].render(e).data)
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    text = squash(" ".join(parts))
    b = e.briefing
    scale = b.meta.likelihood_scale
    for k in b.key_judgments:
        assert squash(analytic.judgment_text(k, scale)) in text
    for o in b.outcomes:
        for phrase in (analytic.term_word(scale, o.term), analytic.term_range(scale, o.term),
                       analytic.confidence_phrase(o.confidence), *(squash(analytic.indicator_text(i)) for i in o.indicators)):
            assert phrase in text, phrase
    assert squash(analytic.scale_legend(scale)) in text
    assert all(analytic.reliability_text(s.reliability) in text for s in b.sources)


def test_reference_keeps_its_three_level_words(tmp_path):
    e = prepare(read_source(Path(__file__).resolve().parents[2] / "content" / "us-russia-talks.yaml"))
    deck = deck_text(e.for_format("deck"), tmp_path)
    assert "Key judgments" in deck and "Confidence: low." in deck
    assert "(55" not in deck  # no ranges: the three-level scale defines none
