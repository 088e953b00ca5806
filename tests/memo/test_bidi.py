"""Long right-to-left paragraphs in the memo (issue 12): broken into lines in logical order (the first
words on the first line), each line shown right to left, written in logical order — read back with
pdftotext (plain and -layout: glyphs placed by position) and pdfinfo -struct-text (content order, as
a screen reader gets it), in a bottom-line bullet, a narrative paragraph, a table cell, a heading.
Each paragraph is far longer than a line, so a wrong line order cannot pass."""
from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from pypdf import PdfReader

from conftest import require_tool
from reportkit.a11y.pdf import Tree
from reportkit.pipeline import load_edition
from reportkit.memo import render

SCRIPTS = Path(__file__).parents[1] / "data" / "a11y-scripts.yaml"

ARABIC = ("الأطراف الثلاثة تتفق على بدء محادثات حول تقاسم المياه وفق جدول زمني متفق عليه "
          "بين جميع الأطراف المعنية بالاتفاق مع ضمانات دولية واضحة لكل مرحلة من مراحل التنفيذ")
# pdftotext (poppler 22.12) does not run the full bidi algorithm: a number inside a right-to-left line
# becomes a left-to-right island that splits the line's right-to-left text around it. The structure
# text, in content order, has it right.
NUMBERS = "وقعت الأطراف الثلاثة الاتفاق في عام 2024 بعد 15 جولة من المفاوضات الطويلة بين الوفود في عمان والقاهرة"
PERSIAN = ("وزیر امور خارجه گفت که مذاکرات درباره تقسیم آب باید پیش از پایان سال آینده به نتیجه برسد و "
           "همه طرف‌ها باید به تعهدات خود در برابر مردم منطقه پایبند بمانند")
HEBREW = ("ישראל מבקשת ערבויות לפני כל הסכם ובמיוחד ערבויות ביטחוניות מצד ארצות הברית ומצרים לפני "
          "תחילת השלב השני של ההסכם")
MIXED = "Zarif (محمد جواد ظریف) met the envoy in Amman and both said the talks would go on"
HEADING = "مستقبل المفاوضات حول المياه بين الأطراف الثلاثة في المنطقة"


@pytest.fixture(scope="module", params=["default", "print"])
def memo(request, tmp_path_factory) -> Path:
    data = yaml.safe_load(SCRIPTS.read_text(encoding="utf-8"))
    data["briefing"]["language"] = "en"  # an English memo: the right-to-left runs are spans in other languages
    data["summary"][0]["text"] = ARABIC  # a bullet in the bottom-line box
    data["sections"][0]["body"] = f"{PERSIAN}\n\n{MIXED}\n\n{NUMBERS}\n"
    data["sections"][1]["title"] = HEADING
    data["outcomes"][0]["conditions"][1] = HEBREW  # a table cell
    folder = tmp_path_factory.mktemp("bidi")
    path = folder / "bidi.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = folder / f"memo-{request.param}.pdf"
    out.write_bytes(render(load_edition(path, None, request.param)).data)
    return out


def _words(text: str) -> str:
    """Words only: no bidi controls or U+200E (pdftotext brackets runs with them), no punctuation,
    bullets or endnote numbers (poppler sets them on either side of a right-to-left line, by its guess
    of the page's direction), one space."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf" or c == "\u200c")
    return re.sub(r"\s+", " ", re.sub(r"[.,:;()?\u2022\d]", " ", text)).strip()


def _run(*cmd: str) -> str:
    require_tool(cmd[0])
    return subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")


@pytest.mark.parametrize("text", [ARABIC, PERSIAN, HEADING], ids=["arabic", "persian", "heading"])
def test_pdftotext_reads_long_right_to_left_paragraphs_in_order(memo, text):
    page_text = _words(_run("pdftotext", "-enc", "UTF-8", str(memo), "-"))
    assert _words(text) in page_text


def test_the_first_words_are_on_the_first_line(memo):
    """Also in a table cell, where pdftotext sets other cells' lines between the cell's own."""
    lines = [_words(line) for line in _run("pdftotext", "-enc", "UTF-8", str(memo), "-").splitlines()]
    for text in (ARABIC, PERSIAN, HEBREW):
        words = _words(text).split()
        first = [k for k, line in enumerate(lines) if " ".join(words[:2]) in line]
        last = [k for k, line in enumerate(lines) if words[-1] in line.split()]
        assert first and last and first[0] < last[-1], (text, lines)  # the first words above the last


def test_layout_text_keeps_the_narrative_paragraph_in_order(memo):
    page_text = _words(_run("pdftotext", "-layout", "-enc", "UTF-8", str(memo), "-"))
    assert _words(PERSIAN) in page_text  # full width: nothing set beside it


def test_structure_text_reads_as_written(memo):
    quoted = [ln.strip() for ln in _run("pdfinfo", "-struct-text", str(memo)).splitlines() if ln.strip().startswith('"')]
    struct = _words("".join(q.strip('"') for q in quoted))  # the text as read, element after element
    for text in (ARABIC, PERSIAN, HEBREW, MIXED, HEADING, NUMBERS):
        assert _words(text) in struct, text


def test_a_mixed_line_reads_as_written(memo):
    """pdftotext gives the line in the order its guess of the page's direction says (right to left
    on the print theme's pages); each run reads as written. The structure text has the whole line."""
    text = _words(_run("pdftotext", "-enc", "UTF-8", str(memo), "-"))
    assert "محمد جواد ظریف" in text and "met the envoy in Amman and both said the talks would go on" in text


def test_rebuilds_are_byte_identical(memo):
    theme = memo.stem.split("-", 1)[1]
    again = render(load_edition(memo.parent / "bidi.yaml", None, theme)).data
    assert again == memo.read_bytes()


def test_runs_in_other_languages_are_spans_with_lang(memo):
    """Issue 13: a span in another language carries ``/Lang`` — guessed from the script (the content
    format does not say): Persian where a word has letters Arabic does not use (گ, ی, پ …)."""
    tree = Tree(PdfReader(memo).trailer["/Root"]["/StructTreeRoot"])
    langs = [str(e.get("/Lang")) for _, role, e in tree.elements if role == "Span"]
    assert {"ar", "fa", "he", "zh"} <= set(langs)
    struct = _run("pdfinfo", "-struct-text", str(memo))
    spans, indent = [], None
    for line in struct.splitlines():
        depth = len(line) - len(line.lstrip())
        if line.strip() == "Span (inline)":
            spans.append("")
            indent = depth
        elif indent is not None and depth > indent and line.strip().startswith('"'):
            spans[-1] += line.strip().strip('"')
        else:
            indent = None
    by_text = dict(zip(map(_words, spans), langs))
    assert by_text[_words(PERSIAN)] == "fa" and by_text[_words(ARABIC)] == "ar"
    assert by_text[_words(HEBREW)] == "he" and by_text["محمد جواد ظریف"] == "fa"


@pytest.mark.parametrize("name", ["שלום $ﯡýĚ", "Talks (مرحلي) — done", "محمد (جواد) ظریف", "x ,ب"])
def test_a_word_starting_with_punctuation_inside_a_run_builds(name, tmp_path):
    """A right-to-left run whose word starts with a character of no script (``$``, ``(``, ``,``) made
    the font lookup fail (KeyError 'latin'): the build exited 1. Found by the property test in
    tests/pipeline/test_properties_build.py, whose expected failure this was."""
    data = yaml.safe_load(SCRIPTS.read_text(encoding="utf-8"))
    data["parties"][0]["name"] = name
    path = tmp_path / "name.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render(load_edition(path)).data)
    text = _words(_run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    assert all(part in text for part in _words(name).split() if not any(c in "$ﯡ" for c in part))
