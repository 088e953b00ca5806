"""Hazard: formula and link injection. A party named "=cmd|' /C calc'!A0" or "http://…" must reach every
output as text: no formula, array formula or hyperlink in any workbook behind a chart ("Edit Data"),
and no link other than http/https/mailto anywhere. Walks every registered renderer, so a new edition
is covered as soon as it is registered."""
from __future__ import annotations

import io

import pytest

from hostile import (FORMULA_NAMES, embedded_workbooks, formula_cells, hostile_content, render_every_edition,
                     unsafe_links)
from reportkit.registry import REGISTRY


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory):
    return render_every_edition(hostile_content(tmp_path_factory.mktemp("hostile")))


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_formula_or_hyperlink_in_any_embedded_workbook(hostile_outputs, name):
    data = hostile_outputs[name]
    if not data.startswith(b"PK"):
        return  # not an Office package: no workbook to embed (its links are checked below)
    for member, xlsx in embedded_workbooks(data).items():
        assert formula_cells(xlsx) == [], member


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_unsafe_link_or_active_content(hostile_outputs, name):
    assert unsafe_links(name, hostile_outputs[name]) == []


@pytest.mark.parametrize("edition", ["deck", "docx"])
def test_the_chart_workbooks_hold_the_names_as_quoted_text(hostile_outputs, tmp_path, edition):
    """The check above can fail: the deck and the Word memo embed workbooks, and the hostile names are
    in them, each a plain string, the formula-looking ones with Excel's quote prefix (they edit as text)."""
    import openpyxl

    rest = render_every_edition(hostile_content(tmp_path, FORMULA_NAMES[6:]), [edition])[edition]
    books = [*embedded_workbooks(hostile_outputs[edition]).values(), *embedded_workbooks(rest).values()]
    assert books, f"the {edition} has no chart workbook"
    seen = {}
    for xlsx in books:
        ws = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    seen[cell.value] = (cell.data_type, cell.quotePrefix)
    for hostile in FORMULA_NAMES:
        assert hostile in seen, hostile
        data_type, quoted = seen[hostile]
        assert data_type == "s", hostile
        assert quoted == hostile.startswith(("=", "+", "-", "@", "\t", "{")), hostile


def test_python_pptx_alone_would_write_formulas():
    """Why reportkit.workarounds.pptx.plain_workbook exists: without it the same chart data becomes a
    formula and a hyperlink (if python-pptx changes this, the workaround can go)."""
    from pptx.chart.data import CategoryChartData

    from reportkit.workarounds.pptx import plain_workbook

    def book(data):
        data.categories = ["=1+2", "http://evil.example/"]
        data.add_series("s", (1, 2))
        return data.xlsx_blob

    assert len(formula_cells(book(CategoryChartData()))) >= 2
    assert formula_cells(book(plain_workbook(CategoryChartData()))) == []
