"""reportkit.chart_workbook writes the workbook behind a chart's "Edit Data" directly: the same parts,
in the same order, with the same bytes (and the same zip) as XlsxWriter through python-pptx with
``plain_workbook`` and ``fixed_workbook``, the way the deck and the Word memo wrote it before; strings a
spreadsheet could take for a formula keep Excel's quote prefix."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx.chart.data import CategoryChartData

from reportkit import chart_workbook as cw
from reportkit.present.chart_data import SCORE_FORMAT
from reportkit.workarounds.pptx import FORMULA_LEADS, plain_workbook
from reportkit.workarounds.zips import fixed_workbook

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\tlead", "\rlead", "{=1+2}", "http://evil.example/",
           "mailto:a@b.c", "\\\\host\\share", "=1+2", " both ", "trailing\n", "a_x0041_b", "_xD83D_", "R&D <b>",
           '"quoted"', "\x01\x1f\x7f", "\ufffe\uffff", "🇺🇦 🤝", "e\u0301", "שלום", "", "1.5", "TRUE",
           "<r>&</r>", "<r><t>x</t></r>"]
LONG = ["x" * 40000, "😀" * 20000, "a" * 32766 + "😀b"]  # beyond Excel's 32,767 UTF-16 units: cut
FORMATS = ["General", "0", "0.00", SCORE_FORMAT, "#,##0.0", "0%", "@", '"a&<b>"0', "yyyy\\-mm\\-dd"]
WHEN = dt.date(2026, 12, 3)

_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20),
                  st.text(st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF), max_size=5))
_label = st.one_of(_text, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False))
_value = st.one_of(st.none(), st.integers(-2, 2), st.integers(-10**17, 10**17),
                   st.floats(allow_nan=False, allow_infinity=False))


@st.composite
def charts(draw):
    """Arguments for ``_data``: categories, their number format, series (name, values, number format)."""
    n = draw(st.integers(1, 20))
    labels = draw(st.one_of(st.lists(_text, min_size=n, max_size=n), st.lists(_label, min_size=n, max_size=n)))
    series = draw(st.lists(st.tuples(st.one_of(_text, st.none()), st.lists(_value, max_size=n + 2),
                                     st.one_of(st.none(), st.sampled_from(FORMATS))), min_size=1, max_size=6))
    return labels, draw(st.one_of(st.none(), st.sampled_from(FORMATS))), draw(st.sampled_from(FORMATS)), series


def _data(labels, category_format, number_format, series) -> CategoryChartData:
    data = CategoryChartData(number_format=number_format)
    data.categories = labels
    if category_format is not None:
        data.categories.number_format = category_format
    for name, values, fmt in series:
        data.add_series(name, values, fmt)
    return data


def _old_way(args, when=WHEN) -> bytes:
    return fixed_workbook(plain_workbook(_data(*args)).xlsx_blob, when)


def _parts(xlsx: bytes) -> list[tuple]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return [(i.filename, i.date_time, i.compress_type, i.create_system, i.external_attr, z.read(i.filename))
                for i in z.infolist()]


def _rich_marked(args) -> bool:
    """A string XlsxWriter copies into sharedStrings.xml unescaped (see the module's docstring)."""
    labels, _, _, series = args
    texts = [*labels, *(name for name, _, _ in series)]
    return any(isinstance(t, str) and cw._escape_control(t).startswith("<r>") and cw._escape_control(t).endswith("</r>")
               for t in texts)


@settings(max_examples=150, deadline=None)
@given(charts())
def test_the_same_workbook_as_xlsxwriter_part_by_part(args):
    cw._sheet(_data(*args))  # written here, not handed to XlsxWriter (_Unsupported would fail the test)
    new, old = _parts(cw.chart_workbook(_data(*args), WHEN)), _parts(_old_way(args))
    assert [p[:5] for p in new] == [p[:5] for p in old]  # names, order, zip dates and attributes
    for (name, *_, mine), (_, *_, theirs) in zip(new, old):
        if name == "xl/sharedStrings.xml" and _rich_marked(args):
            continue
        assert mine == theirs, name
    if not _rich_marked(args):
        assert cw.chart_workbook(_data(*args), WHEN) == _old_way(args)  # the zip itself too


@pytest.mark.parametrize("text", LONG)
def test_long_text_is_cut_as_xlsxwriter_cuts_it(text):
    args = ([text, "b"], None, SCORE_FORMAT, [(text, [1, 2], None)])
    assert cw.chart_workbook(_data(*args), WHEN) == _old_way(args)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=8), st.lists(st.sampled_from(HOSTILE), min_size=1,
                                                                                max_size=4))
def test_a_spreadsheet_reads_every_name_as_text_with_the_quote_prefix_on_formulas(names, series_names):
    """openpyxl reopens it: each category and series name a string cell, quoted when a spreadsheet could
    take it for a formula, no formula anywhere, the values numbers in the series' number format."""
    data = _data(names, None, SCORE_FORMAT, [(s, list(range(len(names))), None) for s in series_names])
    ws = openpyxl.load_workbook(io.BytesIO(cw.chart_workbook(data, WHEN))).worksheets[0]
    cells = [ws.cell(row=r + 2, column=1) for r in range(len(names))]
    cells += [ws.cell(row=1, column=c + 2) for c in range(len(series_names))]
    for cell, text in zip(cells, [*names, *series_names]):
        if text == "":
            continue
        assert cell.data_type == "s", text
        assert cell.quotePrefix == text.startswith(FORMULA_LEADS), text
        if not any(ord(ch) < 32 and ch not in "\t\n" or ch in "\ufffe\uffff" for ch in text):
            assert cell.value == text  # (openpyxl leaves Excel's escapes of control characters, "_x0001_", as they are)
    for col in range(len(series_names)):
        for row in range(len(names)):
            cell = ws.cell(row=row + 2, column=col + 2)
            assert (cell.value, cell.number_format) == (row, SCORE_FORMAT)
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def test_a_rich_string_marker_is_escaped_not_copied():
    """XlsxWriter copies "<r>&</r>" into sharedStrings.xml as XML, a workbook no spreadsheet opens
    (if XlsxWriter escapes it one day, this test fails and the difference can go)."""
    args = (["<r>&</r>", "<r><t>x</t></r>"], None, SCORE_FORMAT, [("s", [1, 2], None)])
    with zipfile.ZipFile(io.BytesIO(_old_way(args))) as z:
        with pytest.raises(etree.XMLSyntaxError):
            etree.fromstring(z.read("xl/sharedStrings.xml"))
    ws = openpyxl.load_workbook(io.BytesIO(cw.chart_workbook(_data(*args), WHEN))).worksheets[0]
    assert [ws["A2"].value, ws["A3"].value] == ["<r>&</r>", "<r><t>x</t></r>"]


def test_the_date_is_the_only_thing_when_changes():
    args = (["a", "b"], None, SCORE_FORMAT, [("s", [1, None], None)])
    first, second = _parts(cw.chart_workbook(_data(*args), WHEN)), _parts(cw.chart_workbook(_data(*args),
                                                                                            dt.date(1999, 1, 2)))
    assert [p[0] for p, q in zip(first, second) if p != q] == ["docProps/core.xml"]
    assert b"1999-01-02T00:00:00Z" in dict((p[0], p[5]) for p in second)["docProps/core.xml"]
    assert cw.chart_workbook(_data(*args), WHEN) == cw.chart_workbook(_data(*args), WHEN)


@pytest.mark.parametrize("args", [
    (["a", "b"], None, "General", [("s", [True, False], None)]),  # booleans
    ([dt.date(2026, 1, 1), dt.date(2026, 1, 2)], None, "General", [("s", [1, 2], None)]),  # date categories
    ([1, 2], None, "General", []),  # no string at all: no sharedStrings part
], ids=["booleans", "dates", "no-strings"])
def test_data_it_does_not_cover_goes_through_xlsxwriter(args):
    with pytest.raises(cw._Unsupported):
        cw._sheet(_data(*args))
    assert cw.chart_workbook(_data(*args), WHEN) == _old_way(args)


def test_multi_level_categories_go_through_xlsxwriter():
    def data():
        d = CategoryChartData()
        top = d.add_category("=top")
        top.add_sub_category("a")
        top.add_sub_category("+b")
        d.add_series("s", [1, 2])
        return d

    with pytest.raises(cw._Unsupported):
        cw._sheet(data())
    assert cw.chart_workbook(data(), WHEN) == fixed_workbook(plain_workbook(data()).xlsx_blob, WHEN)
