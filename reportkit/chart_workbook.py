"""The workbook behind a chart's "Edit Data" (.xlsx), for the deck and the Word memo, written in one pass.

python-pptx writes it through XlsxWriter (``ChartData.xlsx_blob``, made safe by
``workarounds.pptx.plain_workbook``: every string a plain string cell, the formula-looking ones with
Excel's quote prefix) and XlsxWriter stamps it with the clock, so ``workarounds.zips.fixed_workbook``
then unzipped and re-zipped it with fixed dates (python-pptx #702): ~3-5 ms a chart. This module writes
the same bytes directly, ~0.3 ms a chart.

Only the worksheet and its shared strings depend on the data: they are written here cell by cell as
XlsxWriter 3 writes them (``worksheet._write_rows``/``_write_cell``, ``sharedstrings._write_si``, with
its own escaping helpers). Every other part is XlsxWriter's own, taken once per process from a small
workbook written the old way (``_parts``); styles.xml, which lists the cell formats in the order the
worksheet first uses them, once per such order (``_styles``). tests/test_chart_workbook.py compares
both ways part by part on random data.

One deliberate difference: XlsxWriter copies a string that starts with "<r>" and ends with "</r>"
into sharedStrings.xml unescaped (its marker for rich strings), so a party named "<r>&</r>" made a
workbook no spreadsheet opens (no upstream issue); here it is escaped like any other text.

Data this writer does not cover (multi-level or date categories, booleans, numbers that are not
finite, a sheet without any string) is written the old way, through XlsxWriter.
"""
from __future__ import annotations

import datetime as _dt
import math
import struct
import zlib

from .workarounds.zips import FIXED_ZIP_TIME

QUOTED = ("quote_prefix", True)  # a cell format (XlsxWriter's add_format): Excel's quote prefix, or
#                                  ("num_format", a number format)
_STRMAX = 32767  # XlsxWriter cuts a longer string (in UTF-16 units): Excel's limit
# XlsxWriter's own helpers (xlsxwriter.utility, XMLwriter's escaping) and python-pptx's workarounds are
# imported when first needed: importing XlsxWriter takes ~40 ms, and a Word memo without charts does
# not pay it.


def _escape_control(text: str) -> str:
    from xlsxwriter.xmlwriter import XMLwriter

    return XMLwriter._escape_control_characters(text)


class _Unsupported(Exception):
    """Data outside what ``_sheet`` writes: the workbook goes through XlsxWriter."""


def chart_workbook(chart_data, when: _dt.date) -> bytes:
    """The .xlsx for ``chart_data`` (a python-pptx ``CategoryChartData``): what XlsxWriter writes
    through ``plain_workbook`` with ``fixed_workbook``'s dates (``when``, midnight UTC) and zip entries."""
    try:
        sheet, strings = _sheet(chart_data)
    except _Unsupported:
        from .workarounds.pptx import plain_workbook
        from .workarounds.zips import fixed_workbook

        return fixed_workbook(plain_workbook(chart_data).xlsx_blob, when)
    return _zip(sheet, strings, when)


# ---- the worksheet and its shared strings ------------------------------------------------------
def _sheet(chart_data) -> tuple[tuple[bytes, tuple], bytes]:
    """((sheet1.xml, the cell formats in the order the sheet first uses them), sharedStrings.xml)."""
    from xlsxwriter.utility import _utf16_len, _utf16_truncate

    from .workarounds.pptx import FORMULA_LEADS

    categories = chart_data.categories
    depth = categories.depth
    if depth > 1:
        raise _Unsupported("multi-level categories")
    table: dict[int, dict[int, tuple]] = {}  # row -> col -> (kind, payload, format); as XlsxWriter's table
    strings: dict[str, int] = {}  # shared string -> index, in the order written
    count = 0

    def put(row: int, col: int, value, fmt, quoting: bool) -> None:
        nonlocal count
        kind = value.__class__
        if kind is str:
            if quoting and value.startswith(FORMULA_LEADS):
                fmt = QUOTED
            if len(value) > _STRMAX // 2 and _utf16_len(value) > _STRMAX:
                value = _utf16_truncate(value, _STRMAX)
            index = strings.setdefault(value, len(strings))
            count += 1
            table.setdefault(row, {})[col] = ("s", index, fmt)
        elif value is None:
            if fmt is not None:  # XlsxWriter writes a blank cell only for its format
                table.setdefault(row, {})[col] = ("b", None, fmt)
        elif kind is int or kind is float:
            try:
                if math.isnan(value) or math.isinf(value):
                    raise _Unsupported("not a finite number")
                text = f"{value:.16G}"
            except OverflowError:
                raise _Unsupported("a number beyond a float") from None
            table.setdefault(row, {})[col] = ("n", text, fmt)
        else:
            raise _Unsupported(f"a {kind.__name__} cell")

    # The order of ``plain_workbook``'s writer: categories (column A), then each series' name and values.
    if depth:
        fmt = _num_format(categories.number_format)
        for off, label in next(iter(categories.levels)):
            put(off + 1, 0, label, fmt, True)
    for idx, series in enumerate(chart_data):
        col = idx + depth
        put(0, col, series.name, None, True)
        fmt = _num_format(series.number_format)
        for off, value in enumerate(series.values):
            put(off + 1, col, value, fmt, False)
    if not strings:
        raise _Unsupported("no shared strings part")
    return _sheet_xml(table, depth), _strings_xml(strings, count)


def _num_format(number_format) -> tuple:
    if number_format.__class__ is not str:
        raise _Unsupported("a number format that is not a string")
    return ("num_format", number_format)


def _sheet_xml(table: dict, depth: int) -> tuple[bytes, tuple]:
    from xlsxwriter.utility import xl_rowcol_to_cell_fast

    rows = sorted(table)
    cols = [c for r in rows for c in table[r]]
    row_min, row_max, col_min, col_max = rows[0], rows[-1], min(cols), max(cols)
    if row_min == row_max and col_min == col_max:
        ref = xl_rowcol_to_cell_fast(row_min, col_min)
    else:
        ref = xl_rowcol_to_cell_fast(row_min, col_min) + ":" + xl_rowcol_to_cell_fast(row_max, col_max)
    spans: dict[int, tuple] = {}  # XlsxWriter's "spans": the columns used in each block of 16 rows
    for r in rows:
        lo, hi = min(table[r]), max(table[r])
        old = spans.get(r // 16)
        spans[r // 16] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
    formats: dict[tuple, int] = {}  # cell format -> its index in styles.xml (0: the default), by first use
    out = []
    for r in rows:
        lo, hi = spans[r // 16]
        out.append(f'<row r="{r + 1}" spans="{lo + 1}:{hi + 1}">')
        cells = table[r]
        for c in sorted(cells):
            kind, payload, fmt = cells[c]
            attrs = f'<c r="{xl_rowcol_to_cell_fast(r, c)}"'
            if fmt is not None:
                attrs += f' s="{formats.setdefault(fmt, len(formats) + 1)}"'
            if kind == "s":
                out.append(f'{attrs} t="s"><v>{payload}</v></c>')
            elif kind == "n":
                out.append(f"{attrs}><v>{payload}</v></c>")
            else:
                out.append(f"{attrs}/>")
        out.append("</row>")
    order = tuple(formats)
    parts = _parts()
    xml = (parts.sheet_head + f'<dimension ref="{ref}"/>' + parts.sheet_views + (parts.sheet_cols if depth else "")
           + "<sheetData>" + "".join(out) + "</sheetData>" + parts.sheet_tail)
    return xml.encode(), order


def _strings_xml(strings: dict, count: int) -> bytes:
    from xlsxwriter.utility import _preserve_whitespace
    from xlsxwriter.xmlwriter import XMLwriter

    escape_control, escape_data = XMLwriter._escape_control_characters, XMLwriter._escape_data
    out = [_parts().strings_head, f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                  f'count="{count}" uniqueCount="{len(strings)}">']
    for string in strings:  # in index order (dicts keep it)
        string = escape_control(string)
        space = ' xml:space="preserve"' if _preserve_whitespace(string) else ""
        out.append(f"<si><t{space}>{escape_data(None, string)}</t></si>")  # (a method that reads no state)
    out.append("</sst>")
    return "".join(out).encode()


# ---- XlsxWriter's own parts, once per process ----------------------------------------------------
class _Parts:
    """The parts of a workbook written the old way that do not depend on its cells."""

    def __init__(self):
        import io
        import re
        import zipfile

        from pptx.chart.data import CategoryChartData

        from .workarounds.pptx import plain_workbook
        from .workarounds.zips import fixed_workbook

        data = plain_workbook(CategoryChartData())
        data.categories = ["a"]
        data.add_series("b", [1])
        with zipfile.ZipFile(io.BytesIO(fixed_workbook(data.xlsx_blob, _dt.date(2000, 1, 1)))) as z:
            self.names = [i.filename for i in z.infolist()]
            self.bodies = {name: z.read(name) for name in self.names}
        sheet = self.bodies["xl/worksheets/sheet1.xml"].decode()
        m = re.fullmatch(r'(.*?)<dimension ref="[^"]*"/>(.*?)(<cols>.*</cols>)<sheetData>.*</sheetData>(.*)', sheet,
                         re.S)
        self.sheet_head, self.sheet_views, self.sheet_cols, self.sheet_tail = m.groups()
        strings = self.bodies["xl/sharedStrings.xml"].decode()
        self.strings_head = strings[:strings.index("<sst ")]
        self.records = {name: _record(name, self.bodies[name]) for name in self.names}  # the constant ones


_PARTS: list = []


def _parts() -> _Parts:
    if not _PARTS:
        _PARTS.append(_Parts())
    return _PARTS[0]


_STYLES: dict = {}  # cell formats in order of first use -> styles.xml's zip record


def _styles(order: tuple) -> tuple:
    """styles.xml for cells using ``order``'s formats, first used in that order: XlsxWriter numbers
    the formats (and the custom number formats) as its worksheet first uses them."""
    record = _STYLES.get(order)
    if record is None:
        import io
        import zipfile

        from xlsxwriter import Workbook

        from .workarounds.pptx import PLAIN_WORKBOOK_OPTIONS

        buf = io.BytesIO()
        workbook = Workbook(buf, PLAIN_WORKBOOK_OPTIONS)
        sheet = workbook.add_worksheet()
        for col, fmt in enumerate(order):
            sheet.write_number(0, col, 0, workbook.add_format(dict([fmt])))
        workbook.close()
        with zipfile.ZipFile(buf) as z:
            record = _STYLES[order] = _record("xl/styles.xml", z.read("xl/styles.xml"))
    return record


_CORE: dict = {}  # date -> docProps/core.xml's zip record (a batch worker sees a few dates; at most 64 kept)


def _core(when: _dt.date) -> tuple:
    key = f"{when:%Y-%m-%d}"
    record = _CORE.get(key)
    if record is None:
        from .workarounds.zips import dated_core

        if len(_CORE) >= 64:
            _CORE.clear()
        record = _CORE[key] = _record("docProps/core.xml", dated_core(_parts().bodies["docProps/core.xml"], when))
    return record


# ---- the zip: what zipfile writes for workarounds.zips.fixed_entry(name, mode=None) ---------------
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_VERSION, _UNIX, _DEFLATED = 20, 3, 8
_DOS_TIME = FIXED_ZIP_TIME[3] << 11 | FIXED_ZIP_TIME[4] << 5 | FIXED_ZIP_TIME[5] // 2
_DOS_DATE = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
_OWNER_RW = 0o600 << 16  # zipfile's default for an entry given no permissions


def _record(name: str, body: bytes) -> tuple:
    """A zip member: (name, local header + deflated data at level 6, CRC, sizes)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = packer.compress(body) + packer.flush()
    crc, raw = zlib.crc32(body), name.encode("ascii")
    head = _LOCAL.pack(b"PK\003\004", _VERSION, 0, 0, _DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(data), len(body),
                       len(raw), 0)
    return raw, head + raw + data, crc, len(data), len(body)


def _zip(sheet: tuple[bytes, tuple], strings: bytes, when: _dt.date) -> bytes:
    parts = _parts()
    sheet_xml, order = sheet
    records = dict(parts.records)
    records["xl/worksheets/sheet1.xml"] = _record("xl/worksheets/sheet1.xml", sheet_xml)
    records["xl/sharedStrings.xml"] = _record("xl/sharedStrings.xml", strings)
    records["xl/styles.xml"] = _styles(order)
    records["docProps/core.xml"] = _core(when)
    body, central = [], []
    offset = 0
    for name in parts.names:
        raw, local, crc, packed, size = records[name]
        body.append(local)
        central.append(_CENTRAL.pack(b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, 0, _DEFLATED, _DOS_TIME, _DOS_DATE,
                                     crc, packed, size, len(raw), 0, 0, 0, 0, _OWNER_RW, offset) + raw)
        offset += len(local)
    directory = b"".join(central)
    end = _END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(body) + directory + end
