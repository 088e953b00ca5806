"""Every edition's stance charts hold the content's scores: one chart data source (present/chart_data.py).

For each briefing, the PDF memo, the deck, the Word memo and the web page are rendered from one
edition and read back as their readers' tools see them: the PDF's tagged figures (alt text), the
deck's and the Word memo's native charts (categories and series values, the embedded workbook, the
alt text) and the page's SVG charts (bar labels, value labels, description). Each is compared, chart by
chart and bar by bar, with the stances as the content file writes them (read with PyYAML, not with
reportkit's model): the party's short name, its score, whether the analyst inferred it.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree, html

from conftest import REFERENCE
from reportkit.build import render
from reportkit.pipeline import load_edition

DATA = Path(__file__).resolve().parents[1] / "data"
BRIEFINGS = {"reference": REFERENCE, "cjk": DATA / "scripts-cjk.yaml", "rtl": DATA / "scripts-rtl.yaml",
             "present": DATA / "present.yaml"}
MINUS, DAGGER = "\u2212", "\u2020"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
ITEM = re.compile(rf"(?:^|, )(.+?) ([+{MINUS}]?\d)( \(inferred\))?(?=, |\.$)")


def expected(path: Path) -> dict[str, list[tuple[str, int, bool]]]:
    """Issue name -> (party short name, score, inferred) in content order, for the parties with a stance."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    stances = {(s["party"], s["issue"]): s for s in doc["stances"]}
    out = {}
    for issue in doc["issues"]:
        bars = [(p.get("short") or p["name"], stances[(p["id"], issue["id"])]["score"],
                 stances[(p["id"], issue["id"])].get("basis") == "inferred")
                for p in doc["parties"] if (p["id"], issue["id"]) in stances]
        if bars:
            out[issue["name"]] = bars
    return out


def score(text: str) -> int:
    return int(text.replace(MINUS, "-").rstrip(DAGGER))


def from_alt(alt: str, titles) -> tuple[str, list[tuple[str, int, bool]]]:
    """"Diverging bar chart: TITLE (PROPOSITION): A +2, B −1 (inferred)." -> title, bars. ``titles``: the
    issue names, to tell a title that has brackets of its own from the proposition."""
    head = "Diverging bar chart: "
    assert alt.startswith(head), alt
    title = max((t for t in titles if alt.startswith(f"{head}{t} (")), key=len, default=None)
    assert title is not None, alt
    m = re.match(r".*?\): (.*?\.)(?: [A-Z].*)?$", alt[len(head) + len(title):], re.S)
    assert m, alt
    return title, [(label, score(s), bool(inf)) for label, s, inf in ITEM.findall(m[1])]


def native(categories, series) -> list[tuple[str, int]]:
    """A native chart's bars: each category's one non-empty value across the score series."""
    out = []
    for k, cat in enumerate(categories):
        values = [s[k] for name, s in series if not name.startswith("Previous") and s[k] is not None]
        assert len(values) == 1, (cat, values)
        out.append((cat, int(values[0])))
    return out


@pytest.fixture(scope="module", params=sorted(BRIEFINGS))
def built(request):
    edition = load_edition(BRIEFINGS[request.param])
    return expected(BRIEFINGS[request.param]), {f: render(edition, f).data for f in ("memo", "deck", "docx", "html")}


def test_memo_figures(built):
    from pypdf import PdfReader

    from reportkit.a11y.pdf import Tree

    want, out = built
    reader = PdfReader(io.BytesIO(out["memo"]))
    tree = Tree(reader.trailer["/Root"]["/StructTreeRoot"])
    charts = dict(from_alt(str(e["/Alt"]), want) for _, role, e in tree.elements
                  if role == "Figure" and str(e.get("/Alt", "")).startswith("Diverging bar chart"))
    assert charts == want


def test_deck_native_charts(built):
    from pptx import Presentation

    want, out = built
    got, alts = {}, {}
    for slide in Presentation(io.BytesIO(out["deck"])).slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                plot = shape.chart.plots[0]
                title, bars = from_alt(shape._element.nvGraphicFramePr.cNvPr.get("descr"), want)
                got[title] = native(list(plot.categories), [(s.name, list(s.values)) for s in plot.series])
                alts[title] = bars
    assert got == {t: [(label, s) for label, s, _ in bars] for t, bars in want.items()}
    assert alts == want


def test_word_native_charts_and_their_workbooks(built):
    from openpyxl import load_workbook

    want, out = built
    z = zipfile.ZipFile(io.BytesIO(out["docx"]))
    doc = etree.fromstring(z.read("word/document.xml"))
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    got, alts, books = {}, {}, {}
    for inline in doc.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"):
        ref = inline.find(f".//{C}chart")
        if ref is None:
            continue
        title, bars = from_alt(inline.find("{*}docPr").get("descr"), want)
        alts[title] = bars
        part = "word/" + target[ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
        space = etree.fromstring(z.read(part))
        sers = list(space.iter(f"{C}ser"))
        cats = [v.text for v in sers[0].find(f"{C}cat").iter(f"{C}v")]
        series = []
        for ser in sers:
            name = "".join(v.text for v in ser.find(f"{C}tx").iter(f"{C}v"))
            values = [None] * len(cats)
            for pt in ser.find(f"{C}val").iter(f"{C}pt"):
                values[int(pt.get("idx"))] = float(pt.find(f"{C}v").text)
            series.append((name, values))
        got[title] = native(cats, series)
        chart_rels = etree.fromstring(z.read(part.replace("charts/", "charts/_rels/") + ".rels"))
        book = next(r.get("Target") for r in chart_rels if r.get("Target").endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(z.read("word/" + book.replace("../", "")))).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        books[title] = native([r[0] for r in rows[1:]],
                              [(rows[0][k], [r[k] for r in rows[1:]]) for k in range(1, len(rows[0]))])
    plain = {t: [(label, s) for label, s, _ in bars] for t, bars in want.items()}
    assert got == plain
    assert books == plain  # "Edit Data" opens exactly the scores
    assert alts == want


def test_web_page_charts(built):
    want, out = built
    page = html.fromstring(out["html"])
    got, alts = {}, {}
    for svg in page.xpath("//svg[contains(@class, 'chart')]"):
        title, bars = from_alt(svg.xpath("./desc")[0].text_content(), want)
        alts[title] = bars
        labels = [t.text_content() for t in svg.xpath(".//text[@text-anchor='end' and not(contains(@class, 'v'))]")]
        values = [t.text_content() for t in svg.xpath(".//text[contains(concat(' ', @class, ' '), ' v ')]")]
        got[title] = list(zip(labels, values))
    assert alts == want
    for title, bars in want.items():
        drawn = got[title]
        assert [v for _, v in drawn] == [f"{s:+d}".replace("-", MINUS).replace("+0", "0") + DAGGER * inf
                                         for _, s, inf in bars]
        for (label, _), (name, _, _) in zip(drawn, bars):  # long names are cut with an ellipsis
            assert label == name or (label.endswith("\u2026") and name.startswith(label[:-1]))


def test_moved_scores_are_described_alike_in_every_edition(tmp_path):
    """``build --since``: each chart's alt text names where a moved score stood before, in the same words
    in every edition (chart_data.chart_alt); the Word memo shows it with its redline turned off."""
    from pptx import Presentation
    from pypdf import PdfReader

    from reportkit.a11y.pdf import Tree

    theme = tmp_path / "noredline.yaml"
    theme.write_text("extends: default\nname: noredline\ndocx:\n  redline: false\n", encoding="utf-8")
    edition = load_edition(DATA / "diff-new.yaml", since=str(DATA / "diff-old.yaml"), theme_name=str(theme))
    out = {f: render(edition, f).data for f in ("memo", "deck", "docx", "html")}
    reader = PdfReader(io.BytesIO(out["memo"]))
    alts = {"memo": [str(e["/Alt"]) for _, role, e in Tree(reader.trailer["/Root"]["/StructTreeRoot"]).elements
                     if role == "Figure" and str(e.get("/Alt", "")).startswith("Diverging bar chart")],
            "deck": [s._element.nvGraphicFramePr.cNvPr.get("descr") for slide in Presentation(io.BytesIO(out["deck"])).slides
                     for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart],
            "docx": [i.find("{*}docPr").get("descr") for i in etree.fromstring(
                zipfile.ZipFile(io.BytesIO(out["docx"])).read("word/document.xml")).iter("{*}inline")
                if i.find(f".//{C}chart") is not None],
            "html": [d.text_content() for d in html.fromstring(out["html"]).xpath("//svg//desc")]}
    moved = [a for a in alts["memo"] if " Moved since " in a]
    assert moved and all(re.search(r"Moved since \d+ \w+ \d{4}: .+ from [+\u2212]?\d", a) for a in moved)
    assert alts["deck"] == alts["docx"] == alts["html"] == alts["memo"]
