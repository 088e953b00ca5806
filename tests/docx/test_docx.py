"""The Word edition: reopened with python-docx (structure, text, properties), its charts' workbooks
with openpyxl (values = the content's scores), validated against the WordprocessingML schema, and
converted by LibreOffice Writer (a real client) whose text is compared with the PDF memo's."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest import REFERENCE
from docx_support import pdf_text, schema_problems, to_pdf
from reportkit import present
from reportkit.memo import plan as mp
from reportkit.pipeline import load_edition
from reportkit.registry import REGISTRY
from reportkit.text import plain

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(edition) -> bytes:
    return REGISTRY["docx"].render(edition).data


@pytest.fixture(scope="module")
def edition():
    return load_edition(REFERENCE)


@pytest.fixture(scope="module")
def data(edition) -> bytes:
    return render(edition)


@pytest.fixture(scope="module")
def doc(data):
    from docx import Document

    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def memo(edition):
    return mp.plan(edition)


def _body_texts(doc) -> list[str]:
    """Every paragraph's text in reading order, table cells included (python-docx's views)."""
    out = []
    for el in doc.element.body.iter(f"{W}p"):
        out.append("".join((t.text or "") if t.tag == f"{W}t" else "\t" for t in el.iter(f"{W}t", f"{W}tab")))
    return out


def test_headings_are_word_heading_styles_in_the_memos_order(doc, memo):
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    expected = [("Heading 1" if b.level == 0 else "Heading 2", plain(b.title)) for b in memo.blocks
                if isinstance(b, mp.Heading)]
    assert headings == expected
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [memo.title]


def test_every_text_of_the_memo_plan_is_a_paragraph_in_order(doc, memo):
    texts = _body_texts(doc)
    wanted = []
    for b in memo.blocks:
        if isinstance(b, mp.Text):
            wanted.append(plain(b.text))
        elif isinstance(b, (mp.Bullets, mp.BottomLine)):
            wanted += [plain(i.text) for i in b.items]
        elif isinstance(b, mp.Endnotes):
            wanted += [f"{n.number}.\t{plain(n.text)}" for n in b.notes]
    position = 0
    for text in wanted:
        hits = [k for k, t in enumerate(texts) if k >= position and t.startswith(text)]
        assert hits, f"missing or out of order: {text[:60]!r}"
        position = hits[0] + 1


def test_lists_are_word_lists(doc, memo):
    steps = next(b for b in memo.blocks if isinstance(b, mp.Bullets) and b.numbered)
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert numbered[: len(steps.items)] == [_with_refs(i) for i in steps.items]
    bluf = next(b for b in memo.blocks if isinstance(b, mp.BottomLine))
    bullets = [p for t in doc.tables for c in t._cells for p in c.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets[: len(bluf.items)]] == [_with_refs(i) for i in bluf.items]


def _with_refs(item) -> str:
    """An item's text as Word holds it: the endnote markers (superscript links) follow it."""
    return plain(item.text) + ",".join(str(n) for n in item.refs)


def test_data_tables_repeat_a_marked_header_row(doc, memo):
    headed = [t for t in doc.tables if t.rows[0]._tr.trPr is not None
              and t.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None]
    heads = [[c.text for c in t.rows[0].cells] for t in headed]
    assert ["Outcome", "Likelihood", "Conditions", "Obstacles"] in heads
    assert ["Party", "Tone", "Reaction"] in heads
    matrix = next(b for b in memo.blocks if isinstance(b, mp.MatrixBlock))
    assert ["Party"] + [i.name for i in matrix.matrix.issues] in heads
    # only the first row is a header row
    assert all(r._tr.trPr is None or r._tr.trPr.find(f"{W}tblHeader") is None for t in headed for r in t.rows[1:])


def test_matrix_cells_print_the_scores(doc, memo):
    matrix = next(b for b in memo.blocks if isinstance(b, mp.MatrixBlock)).matrix
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Party" and len(t.columns) > 3)
    for r, row in enumerate(matrix.rows, start=1):
        assert [c.text for c in table.rows[r].cells[1:]] == [present.score_cell(c.score, c.basis) for c in row]


def _charts(data: bytes):
    """(chart XML, workbook bytes, docPr) per chart, in document order."""
    from lxml import etree

    z = zipfile.ZipFile(io.BytesIO(data))
    doc_rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in doc_rels}
    body = etree.fromstring(z.read("word/document.xml"))
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
          "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    out = []
    for inline in body.iterfind(".//wp:inline", ns):
        ref = inline.find(".//c:chart", ns)
        if ref is None:
            continue
        part = "word/" + target[ref.get(f"{{{ns['r']}}}id")]
        rels = etree.fromstring(z.read(part.replace("charts/", "charts/_rels/") + ".rels"))
        xlsx = "word/" + rels[0].get("Target").replace("../", "")
        out.append((z.read(part), z.read(xlsx), inline.find("wp:docPr", ns)))
    return out


def test_native_charts_hold_the_scores_in_their_workbooks_with_alt_text(data, edition):
    from openpyxl import load_workbook

    charts = [c for c in edition.charts.by_issue if c.bars]
    found = _charts(data)
    assert len(found) == len(charts) > 0
    for chart, (xml, xlsx, doc_pr) in zip(charts, found):
        assert doc_pr.get("descr") == chart.alt_text()
        sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        assert [r[0] for r in rows[1:]] == list(chart.categories)
        values = [next(v for v in r[1:] if v is not None) for r in rows[1:]]
        assert values == list(chart.values)
        assert b"<c:externalData" in xml  # "Edit Data" finds the workbook


def test_classification_in_every_header_and_footer_and_page_fields(doc, memo):
    for section in doc.sections:
        assert section.header.paragraphs[0].text == memo.classification.upper()
        assert section.footer.paragraphs[-1].text == memo.classification.upper()
        xml = section.footer._element.xml
        assert re.search(r"instrText[^>]*> PAGE <", xml) and re.search(r"instrText[^>]*> NUMPAGES <", xml)


def test_properties_and_language(doc, memo):
    cp = doc.core_properties
    assert (cp.title, cp.author, cp.subject, cp.language) == (memo.title, memo.author, memo.subject, "en-US")
    assert cp.created.date() == memo.date and cp.modified == cp.created
    lang = doc.styles.element.find(f"{W}docDefaults").find(f".//{W}lang")
    assert lang.get(f"{W}val") == "en-US"


def test_same_input_same_bytes(edition, data):
    assert render(edition) == data


def test_valid_against_the_wordprocessingml_schema(data, tmp_path):
    assert schema_problems(data, tmp_path) == []


def test_references_link_to_their_sources(data):
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    anchors = set(re.findall(r'w:anchor="(src_\d+)"', xml))
    marks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="(src_\d+)"', xml))
    assert anchors and anchors <= marks


def _squash(s: str) -> str:
    return re.sub(r"[\s\u00ad]+", "", s)


def test_libreoffice_opens_it_and_prints_what_the_pdf_memo_prints(tmp_path, data, edition, memo):
    """Block by block: every heading and paragraph of the plan is in both PDFs' text, in the same order;
    and every chart is drawn (its categories, and its legend once per chart, are in the text)."""
    from docx import Document

    docx = tmp_path / "memo.docx"
    docx.write_bytes(data)
    word = _squash(pdf_text(to_pdf(docx, tmp_path)))
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(REGISTRY["memo"].render(edition).data)
    memo_text = _squash(pdf_text(pdf))
    pieces = []
    for b in memo.blocks:
        if isinstance(b, mp.Heading):
            pieces.append(plain(b.title))
        elif isinstance(b, mp.Text):
            pieces.append(plain(b.text))
        elif isinstance(b, (mp.Bullets, mp.BottomLine)):
            pieces += [plain(i.text) for i in b.items]
    for text in (word, memo_text):
        position = 0
        for piece in pieces:
            found = text.find(_squash(piece)[:80], position)
            assert found >= 0, f"{piece[:60]!r} missing or out of order"
            position = found
    for chart in edition.charts.by_issue:
        if chart.bars:
            assert all(_squash(label) in word for label in chart.categories)
    # Every chart is drawn: each draws its legend, whose words are in no paragraph of the document
    # (the matrix key's are, once), so LibreOffice's text has them once per chart more than the body.
    legend = _squash(present.words.score_label(0))
    body = _squash("".join(_body_texts(Document(io.BytesIO(data)))))
    drawn = sum(1 for c in edition.charts.by_issue if c.bars)
    assert drawn and word.count(legend) - body.count(legend) == drawn
    assert "Page1of" in word


def test_charts_styled_from_the_first_equal_freshly_styled_ones(edition):
    """docx.chart styles the first chart and gives the others its XML with their own data: the result
    must be what styling each one would give."""
    from lxml import etree

    from reportkit.docx import chart, plan

    specs = [s for s in plan.plan(edition).charts.values() if s.categories]
    assert len(specs) > 1
    chart._STYLED.clear()
    reused = [etree.tostring(chart.chart_xml(s, edition.theme, "Calibri")) for s in specs]
    fresh = []
    for s in specs:
        chart._STYLED.clear()
        fresh.append(etree.tostring(chart.chart_xml(s, edition.theme, "Calibri")))
    assert reused == fresh
    assert len(set(reused)) == len(reused)  # and each holds its own data


@pytest.mark.parametrize("name", ["scripts-cjk.yaml", "scripts-rtl.yaml"])
def test_libreoffice_draws_every_chart_of_a_cjk_or_rtl_memo(name, tmp_path):
    """Charts whose categories are in Chinese, Korean, Arabic or Hebrew are drawn too: their category
    labels and one legend per chart are in the text LibreOffice prints."""
    from docx import Document

    edition = load_edition(REFERENCE.parents[1] / "tests" / "data" / name)
    data = render(edition)
    docx = tmp_path / "memo.docx"
    docx.write_bytes(data)
    word = _squash(pdf_text(to_pdf(docx, tmp_path)))
    legend = _squash(present.words.score_label(0))
    body = _squash("".join(_body_texts(Document(io.BytesIO(data)))))
    charts = [c for c in edition.charts.by_issue if c.bars]
    assert charts and word.count(legend) - body.count(legend) == len(charts)
    for chart in charts:
        assert all(_squash(label) in word for label in chart.categories)
