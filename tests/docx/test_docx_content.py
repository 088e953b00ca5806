"""The Word edition for every audience and theme, and for right-to-left and East Asian content."""
from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from conftest import REFERENCE
from docx_support import schema_problems
from reportkit.pipeline import load_edition
from reportkit.registry import REGISTRY
from helpers import copy_reference

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(data: bytes):
    from docx import Document

    return Document(io.BytesIO(data))


@pytest.mark.parametrize("theme", ["default", "print"])
@pytest.mark.parametrize("audience", ["principals", "staff", "press"])
def test_every_audience_and_theme(audience, theme, tmp_path):
    edition = load_edition(REFERENCE, audience=audience, theme_name=theme)
    out = REGISTRY["docx"].render(edition)
    assert out.warnings == ()
    assert schema_problems(out.data, tmp_path) == []
    doc = _doc(out.data)
    assert any(p.style.name == "Heading 1" for p in doc.paragraphs)
    footer = "\n".join(p.text for p in doc.sections[0].footer.paragraphs)
    if edition.disclaimer:
        assert edition.disclaimer.replace("*", "") in footer
    # the theme's colours: the marking bar is filled with its banner colour
    assert theme == "print" or edition.theme.color("banner.fill").lstrip("#") in zipfile.ZipFile(
        io.BytesIO(out.data)).read("word/styles.xml").decode()


def _content(tmp_path, language: str, title: str, paragraph: str, party: str):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["briefing"]["language"] = language
    data["briefing"]["title"] = title
    data["sections"][0]["body"] = paragraph + "\n\n" + data["sections"][0]["body"]
    data["parties"][0]["name"] = party
    path = copy_reference(tmp_path, f"{language}.yaml", data=data)
    return load_edition(path)


@pytest.mark.parametrize("language,title,paragraph,party,bidi", [
    ("ar", "محادثات الولايات المتحدة وروسيا", "بدأت المحادثات في الرياض، ولم تُدعَ أوكرانيا إليها.", "الولايات المتحدة",
     "ar-SA"),
    ("he", "שיחות ארה״ב–רוסיה", "השיחות החלו בריאד, ואוקראינה לא הוזמנה אליהן.", "ארצות הברית", "he-IL"),
])
def test_right_to_left_paragraphs_and_runs(tmp_path, language, title, paragraph, party, bidi):
    data = REGISTRY["docx"].render(_content(tmp_path, language, title, paragraph, party)).data
    assert schema_problems(data, tmp_path) == []
    doc = _doc(data)
    for text in (title, paragraph):
        p = next(p for p in doc.paragraphs if p.text.startswith(text))
        assert p._p.pPr.find(f"{W}bidi") is not None, text
        assert all(r._r.rPr is not None and r._r.rPr.find(f"{W}rtl") is not None for r in p.runs if r.text.strip())
    english = next(p for p in doc.paragraphs if p.text.startswith("Bottom line"))
    assert english._p.pPr.find(f"{W}bidi") is None  # a Latin heading stays left to right
    lang = doc.styles.element.find(f"{W}docDefaults").find(f".//{W}lang")
    assert lang.get(f"{W}bidi") == bidi and lang.get(f"{W}val") == "en-US"  # Latin runs: English
    assert doc.core_properties.language == bidi
    assert any(t._tbl.tblPr.find(f"{W}bidiVisual") is not None for t in doc.tables)  # tables read right to left
    # a chart's paragraph is never right to left: LibreOffice would reverse the chart's Latin labels
    charts = [p for p in doc.paragraphs if p._p.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/chart}chart")]
    assert charts and all(p._p.pPr.find(f"{W}bidi") is None for p in charts)


def test_east_asian_text_gets_the_east_asian_font_and_language(tmp_path):
    edition = _content(tmp_path, "zh", "美俄关于乌克兰战争的会谈", "会谈在利雅得开始，乌克兰未受邀请。", "美国")
    data = REGISTRY["docx"].render(edition).data
    doc = _doc(data)
    defaults = doc.styles.element.find(f"{W}docDefaults")
    fonts = defaults.find(f".//{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == edition.theme.get("docx.east_asian_font")
    assert defaults.find(f".//{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert any(p.text.startswith("会谈在利雅得开始") for p in doc.paragraphs)
    assert any(c.text == "美国" for t in doc.tables for c in t._cells)


def test_long_content_and_emoji(tmp_path):
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    data["briefing"]["title"] = "Talks \U0001F91D " + "very long title " * 18  # 296: the label limit is 300
    data["sections"][0]["body"] = "\n\n".join([data["sections"][0]["body"]] * 10)
    path = copy_reference(tmp_path, "long.yaml", data=data)
    out = REGISTRY["docx"].render(load_edition(path)).data
    doc = _doc(out)
    assert doc.paragraphs[1].text.startswith("Talks \U0001F91D")
    assert len(doc.core_properties.title) <= 255
    assert schema_problems(out, tmp_path) == []
