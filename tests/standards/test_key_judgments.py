"""Key judgments come first: before the bottom line (default) or first inside it, as the theme's
``memo.key_judgments`` says, in the PDF memo, the Word memo and the web page alike; the deck keeps
its own slide either way. An unknown placement is a located theme error."""
from __future__ import annotations

import html as htmllib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportkit.errors import InputError
from reportkit.pipeline import prepare, read_source
from reportkit.registry import REGISTRY

CONTENT = Path(__file__).parent / "icd203.yaml"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None and not __import__("os").environ.get("CI"),
                                     reason="pdftotext (poppler-utils) not installed")
FIRST_JUDGMENT = "Both governments want the corridor open"
SUMMARY = "Shipping resumes under a new inspection regime."


def theme(tmp_path: Path, placement: str) -> str:
    path = tmp_path / f"kj-{placement}.yaml"
    path.write_text(f"extends: default\nmemo:\n  key_judgments: {placement}\n", encoding="utf-8")
    return str(path)


def reading_order(fmt: str, prepared) -> str:
    """The edition's text in reading order, as a reader's program extracts it."""
    data = REGISTRY[fmt].render(prepared.for_format(fmt)).data
    if fmt == "memo":
        text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        return text.split("Page 1 of", 1)[-1]  # after the running header
    if fmt == "docx":
        import docx
        from docx.oxml.ns import qn

        body = docx.Document(io.BytesIO(data)).element.body  # paragraphs in tables too, in document order
        return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    page = re.sub(r"<(style|title|nav)\b.*?</\1>", " ", data.decode(), flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


@needs_pdftotext
@pytest.mark.parametrize("fmt", ["memo", "docx", "html"])
@pytest.mark.parametrize("placement", ["before", "inside"])
def test_key_judgments_stand_where_the_theme_says(tmp_path, fmt, placement):
    text = " ".join(reading_order(fmt, prepare(read_source(CONTENT), None, theme(tmp_path, placement))).split())
    kj, bluf, judgment, summary = (text.index(s) for s in ("Key judgments", "Bottom line up front", FIRST_JUDGMENT,
                                                            SUMMARY))
    assert kj < judgment < summary  # always ahead of the bottom line's own points
    if placement == "before":
        assert kj < bluf < summary and judgment < bluf
    else:
        assert bluf < kj


def test_the_memo_nests_them_under_the_bottom_line_when_inside(tmp_path):
    from reportkit.memo import plan as memo_plan

    def headings(placement):
        plan = memo_plan.plan(prepare(read_source(CONTENT), None, theme(tmp_path, placement)).for_format("memo"))
        return [(h.key, h.level) for h in plan.blocks if isinstance(h, memo_plan.Heading)][:2]

    assert headings("before") == [("key-judgments", 0), ("bluf", 0)]
    assert headings("inside") == [("bluf", 0), ("key-judgments", 1)]


def test_the_deck_keeps_its_own_slide(tmp_path):
    from pptx import Presentation

    prepared = prepare(read_source(CONTENT), None, theme(tmp_path, "inside"))
    deck = Presentation(io.BytesIO(REGISTRY["deck"].render(prepared.for_format("deck")).data))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Key judgments" in titles


def test_an_unknown_placement_is_located(tmp_path):
    with pytest.raises(InputError) as e:
        prepare(read_source(CONTENT), None, theme(tmp_path, "within"))
    assert "kj-within.yaml:3:18: memo.key_judgments must be one of before, inside" in str(e.value)
