"""One table of phrases, four readers: the PDF memo (pdftotext), the deck (python-pptx), the Word memo
(python-docx) and the web page (its text) each print the same likelihood terms, ranges, confidence,
scale legend and source reliability with its meaning, per scale, from present.analytic."""
from __future__ import annotations

import html as htmllib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportkit.pipeline import prepare, read_source
from reportkit.present import analytic
from reportkit.registry import REGISTRY

HERE = Path(__file__).parent
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None and not __import__("os").environ.get("CI"),
                                     reason="pdftotext (poppler-utils) not installed")


def extract(fmt: str, data: bytes) -> str:
    if fmt == "memo":
        return subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    if fmt == "deck":
        from pptx import Presentation

        parts = []
        for slide in Presentation(io.BytesIO(data)).slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
                if getattr(shape, "has_table", False):
                    parts += [c.text for row in shape.table.rows for c in row.cells]
        return " ".join(parts)
    if fmt == "docx":
        import docx
        from docx.oxml.ns import qn

        body = docx.Document(io.BytesIO(data)).element.body
        return " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    page = re.sub(r"<(style|title)\b.*?</\1>", " ", data.decode(), flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


@needs_pdftotext
@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_four_editions_print_the_same_standards(name):
    prepared = prepare(read_source(HERE / f"{name}.yaml"))
    b = prepared.edition.briefing
    scale = b.meta.likelihood_scale
    phrases = {analytic.scale_legend(scale)}
    for o in b.outcomes:
        phrases |= {analytic.term_word(scale, o.term), analytic.term_range(scale, o.term),
                    analytic.confidence_phrase(o.confidence), *(analytic.indicator_text(i) for i in o.indicators)}
    for k in b.key_judgments:
        phrases.add(analytic.confidence_phrase(k.confidence))
        if k.likelihood:
            phrases.add(analytic.likelihood_phrase(scale, k.likelihood))
    phrases |= {analytic.reliability_text(s.reliability) for s in b.sources if s.reliability}
    phrases = {" ".join(p.split()) for p in phrases if p}
    assert len(phrases) > 10
    for fmt in ("memo", "deck", "docx", "html"):
        text = " ".join(extract(fmt, REGISTRY[fmt].render(prepared.for_format(fmt)).data).split())
        missing = sorted(p for p in phrases if p not in text)
        assert not missing, f"{fmt} lacks {missing}"


@needs_pdftotext
@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_four_editions_print_the_same_grades(name):
    """Every graded citation's marker ("[1, B2; 2, C3]", the deck's too), the key to the letter and the
    digit, and each source's reliability and credibility ratings with their meanings (the stance's
    credibility included, which only the sources list and the deck's source line carry)."""
    from reportkit.present import citations

    prepared = prepare(read_source(HERE / f"{name}.yaml"))
    b = prepared.edition.briefing
    cited = [(p.sources, p.credibility) for p in (*b.summary, *b.key_judgments, *b.outcomes)]
    cited += [((r.source,), r.credibility) for r in b.reactions]
    marks = {citations.markers(citations.cited(b, ids, cred)).text for ids, cred in cited}
    assert "[1, B2; 2, C3]" in marks and "[1, B3]" in marks  # per-citation credibility, not per source
    ratings = analytic.ratings_by_source(b)
    assert ratings["ministry"] == (2, 3)  # 2 is the stance's: printed nowhere else in the memo
    phrases = marks | {citations.grade_key(True, True)}
    phrases |= {analytic.source_grade_text(s, ratings.get(s.id, ())) for s in b.sources}
    assert "Reliability C (fairly reliable). Information cited rated 2 (probably true), 3 (possibly true)." in phrases
    for fmt in ("memo", "deck", "docx", "html"):
        text = "".join(extract(fmt, REGISTRY[fmt].render(prepared.for_format(fmt)).data).split())
        missing = sorted(p for p in phrases if "".join(p.split()) not in text)  # the web page links each number
        assert not missing, f"{fmt} lacks {missing}"


def test_the_deck_source_line_carries_the_grades():
    """The source line names each source with the grades of the slide's citations of it: the stance
    slides carry the stance's credibility (ministry C2), the reactions slide the reaction's (B3)."""
    from pptx import Presentation

    prepared = prepare(read_source(HERE / "icd203.yaml"))
    deck = Presentation(io.BytesIO(REGISTRY["deck"].render(prepared.for_format("deck")).data))
    lines = {s.shapes.title.text_frame.text: sh.text_frame.text for s in deck.slides for sh in s.shapes
             if sh.name == "Source line"}
    assert lines["Bottom line"] == "Sources: [1, B2] Wire report; [2, C3] Ministry statement"
    assert lines["Where the parties stand"] == "Sources: [1, B] Wire report; [2, C2] Ministry statement"
    assert lines["International reactions"] == "Source: [1, B3] Wire report"
