"""Write a DocxPlan with python-docx. Decisions live in ``plan`` (and the memo's plan); this module
turns blocks into Word structure: styles, lists, tables with repeating header rows, fields, charts.
"""
from __future__ import annotations

import io
from functools import partial
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from .. import present
from ..present import analytic
from ..memo import plan as mp
from ..registry import BuildWarning
from ..scripts import first_strong, has_rtl, segments
from ..text import plain, spans
from ..chart_workbook import chart_workbook
from ..workarounds import docx as wa
from . import figure
from .chart_parts import Charts, ahead
from . import plan as dp
from .oxml import child
from .template import choose, style_names

PAGE_SIZES = {"letter": (Mm(215.9), Mm(279.4)), "a4": (Mm(210), Mm(297))}
SMALL = Pt(8.5)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _el(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k.replace("_", ":", 1)) if "_" in k else k, str(v))  # w_val -> w:val; id -> id
    return el


class Writer:
    """The document being written and what every block needs: theme, style names, counters."""

    def __init__(self, plan: dp.DocxPlan, theme):
        self.plan, self.theme, self.warnings = plan, theme, []
        data = None
        if plan.template:  # external links, macros, ActiveX and OLE out first (reportkit.opc)
            from ..opc import sanitise

            clean = sanitise(Path(plan.template).read_bytes(), Path(plan.template).name)
            data = clean.data
            self.warnings += [BuildWarning(f"Word template: removed {line}") for line in clean.removed]
        try:
            self._open(data)
        except Exception as e:  # noqa: BLE001 - python-docx on a template whose parts are broken
            if not plan.template:
                raise
            from ..theme.assets import unreadable

            raise unreadable(theme, "docx.template", Path(plan.template), e, "a .docx or .dotx file") from None
        if not plan.template:
            self._house_look()
        # name -> id once: python-docx's ``paragraph.style = ...`` scans every style for each paragraph
        self.style_ids = {st.name: st.style_id for st in self.doc.styles}
        self._is_list: dict[str, bool] = {}
        self.section = self.doc.sections[-1]
        self.width = self.section.page_width - self.section.left_margin - self.section.right_margin
        self.bookmark_id = 0
        self.drawing_id = 100  # above the ids python-docx gives pictures
        self.chart_number = 0
        self.rtl_doc = plan.languages.rtl

    # --- document setup -----------------------------------------------------------------------

    def _open(self, data: bytes | None) -> set:
        """The document on the template (or python-docx's default), its styles chosen and its sample
        body dropped; returns the template's style names."""
        plan = self.plan
        self.doc = wa.open_document(data)
        names = style_names(self.doc)
        choices = choose(names, plan.styles)
        self.style = {c.role: c.found for c in choices}
        if plan.template:
            for c in choices:
                if c.fell_back:
                    instead = f"using {c.found!r}" if c.found else "using direct formatting"
                    self.warnings.append(BuildWarning(
                        f"Word template {Path(plan.template).name}: no style {c.wanted!r} for {c.role}; {instead}"))
        self._clear_body()
        self._defaults()
        self._own_styles(names)
        _ = self.doc.sections[-1].page_width  # the section a template must end with
        return names

    def _clear_body(self) -> None:
        """Drop the template's sample body; keep the final section properties (page, headers)."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def _defaults(self) -> None:
        """Fonts for Latin, East Asian and complex scripts, and the document's languages, in
        docDefaults, so every style and run inherits them (Word picks the slot by script)."""
        defaults = child(self.doc.styles.element, "w:docDefaults", first=True)
        rpr = child(child(defaults, "w:rPrDefault", first=True), "w:rPr")
        fonts = child(rpr, "w:rFonts", first=True)
        p = self.plan
        if not p.template:  # a template's own fonts win; reportkit fills only the slots it leaves empty
            for attr in ("w:ascii", "w:hAnsi"):
                fonts.set(qn(attr), p.font)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
        if p.template is None or not fonts.get(qn("w:eastAsia")):
            fonts.set(qn("w:eastAsia"), p.east_asian_font)
            fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
        if p.template is None or not fonts.get(qn("w:cs")):
            fonts.set(qn("w:cs"), p.complex_font)
            fonts.attrib.pop(qn("w:cstheme"), None)
        lang = child(rpr, "w:lang")
        lang.set(qn("w:val"), p.languages.latin)
        lang.set(qn("w:eastAsia"), p.languages.east_asia)
        lang.set(qn("w:bidi"), p.languages.bidi)

    def _own_styles(self, names: set[str]) -> None:
        """reportkit's own paragraph styles, added when the template lacks them."""
        from docx.enum.style import WD_STYLE_TYPE

        t = self.theme
        specs = {
            "Memo Note": dict(size=SMALL, color=t.color("color.muted"), after=Pt(4)),
            "Memo Label": dict(size=SMALL, color=t.color("color.muted"), bold=True, after=Pt(0)),
            "Table Text": dict(size=SMALL, after=Pt(1)),
            "Table Heading": dict(size=SMALL, bold=True, color=t.color("table.header.text"), after=Pt(0)),
            "Memo Marking": dict(size=SMALL, bold=True, color=t.color("banner.text"), after=Pt(0), center=True),
        }
        for name, spec in specs.items():
            if name in names:
                continue
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.quick_style = True
            font = style.font
            font.size = spec["size"]
            font.bold = spec.get("bold")
            if "color" in spec:
                font.color.rgb = _rgb(spec["color"])
            pf = style.paragraph_format
            pf.space_after, pf.space_before = spec["after"], Pt(0)
            if spec.get("center"):
                pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if name == "Memo Marking":
                ppr = style.element.get_or_add_pPr()
                ppr.append(_el("w:shd", w_val="clear", w_color="auto", w_fill=t.color("banner.fill").lstrip("#")))
                _order_ppr(ppr)

    def _house_look(self) -> None:
        """Without an organisation template: reportkit's look (theme colours, page, margins)."""
        t, p = self.theme, self.plan
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = p.font, Pt(10.5)
        normal.font.color.rgb = _rgb(t.color("color.text"))
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 21), ("Subtitle", 12), ("Heading 1", 14), ("Heading 2", 11.5)):
            s = styles[name]
            s.font.name, s.font.size = p.font, Pt(size)
            s.font.color.rgb = _rgb(t.color("color.muted" if name == "Subtitle" else "color.primary"))
            s.font.italic = False
            if name.startswith("Heading"):
                s.font.bold = True
                s.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10)
                s.paragraph_format.space_after = Pt(6 if name == "Heading 1" else 4)
            rpr = s.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(attr), None)
            ppr = s.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):  # python-docx's Title has a rule under it
                ppr.remove(border)
        section = self.doc.sections[-1]
        section.page_width, section.page_height = PAGE_SIZES[p.memo.page_size]
        margins = t.get("memo.margins_mm") or {}
        for side in ("top", "bottom", "left", "right"):
            setattr(section, f"{side}_margin", Mm(float(margins.get(side, 22))))
        section.header_distance = section.footer_distance = Mm(8)

    # --- text ----------------------------------------------------------------------------------

    def paragraph(self, container, text: str = "", style: str | None = "body", refs=(), *, size=None, bold=None,
                  color=None, italic=None, align=None, markup: bool = True, rtl: bool | None = None):
        par = container.add_paragraph()
        name = self.style.get(style, style) if style else None
        if name in self.style_ids:
            par._p.style = self.style_ids[name]
        if rtl if rtl is not None else (dp.is_rtl(plain(text)) or (self.rtl_doc and not text)):
            ppr = par._p.get_or_add_pPr()
            ppr.append(_el("w:bidi"))
            _order_ppr(ppr)
        if align is not None:
            par.alignment = align
        self.runs(par, text, markup=markup, size=size, bold=bold, color=color, italic=italic)
        self.refs(par, refs, size=size)
        return par

    def runs(self, par, text: str, *, markup: bool = True, size=None, bold=None, color=None, italic=None) -> None:
        for s in (spans(text) if markup else (dp_span(text),)):
            self.run(par, s.text, bold=True if s.bold else bold, italic=True if s.italic else italic, size=size,
                     color=color)

    def run(self, par, text: str, *, bold=None, italic=None, size=None, color=None, superscript=False, shade=None):
        """Append a run to ``par`` and return its w:r. Built as XML in the schema's order (python-docx's
        run properties look each child up on every set); complex scripts read their own bold and size
        (w:bCs, w:szCs), right-to-left text is marked w:rtl. A text with both directions becomes one run
        per direction (``scripts.segments``): w:rtl on "Zarif (محمد جواد ظریف)" as a whole would make
        Word and LibreOffice lay out its Latin brackets as right-to-left text (docs/docx.md)."""
        parts = segments(text) if has_rtl(text) else ()
        if len(parts) > 1:
            runs = [self.run(par, s.text, bold=bold, italic=italic, size=size, color=color,
                             superscript=superscript, shade=shade) for s in parts]
            return runs[-1]
        r = _el("w:r")
        rpr = _el("w:rPr")
        if bold is not None:
            rpr.append(_el("w:b") if bold else _el("w:b", w_val=0))
            rpr.append(_el("w:bCs") if bold else _el("w:bCs", w_val=0))
        if italic is not None:
            rpr.append(_el("w:i") if italic else _el("w:i", w_val=0))
            rpr.append(_el("w:iCs") if italic else _el("w:iCs", w_val=0))
        if color is not None:
            rpr.append(_el("w:color", w_val=color.lstrip("#").upper()))
        if size is not None:
            half = str(int(round(size.pt * 2)))
            rpr.append(_el("w:sz", w_val=half))
            rpr.append(_el("w:szCs", w_val=half))
        if shade is not None:
            rpr.append(_el("w:shd", w_val="clear", w_color="auto", w_fill=shade.lstrip("#")))
        if superscript:
            rpr.append(_el("w:vertAlign", w_val="superscript"))
        if _in_rtl_paragraph(par):  # in a right-to-left paragraph only Latin text is a left-to-right run
            if first_strong(text) == "ltr":
                text = wa.keep_brackets_ltr(text)  # LibreOffice draws the brackets unmirrored otherwise
            else:
                rpr.append(_el("w:rtl"))
        elif has_rtl(text):  # one direction (see above): a right-to-left run
            rpr.append(_el("w:rtl"))
        if len(rpr):
            r.append(rpr)
        for k, piece in enumerate(text.split("\t")):
            if k:
                r.append(_el("w:tab"))
            for j, line in enumerate(piece.split("\n")):
                if j:
                    r.append(_el("w:br"))
                if line:
                    t = _el("w:t")
                    if line != line.strip():
                        t.set(qn("xml:space"), "preserve")
                    t.text = line
                    r.append(t)
        par._p.append(r)
        return r

    def is_list(self, role: str) -> bool:
        """Whether the style used for ``role`` numbers or bullets its paragraphs (w:numPr)."""
        name = self.style.get(role)
        if name is None:
            return False
        if name not in self._is_list:
            style = self.doc.styles[name]
            ppr = style.element.pPr
            self._is_list[name] = ppr is not None and ppr.find(qn("w:numPr")) is not None
        return self._is_list[name]

    def refs(self, par, numbers, size=None) -> None:
        """Endnote markers as superscript internal links to the numbered sources ("3,5"; with grades
        "[3, B2; 5]", present.markers)."""
        if not numbers:
            return
        m = present.markers(numbers)
        if m.open:
            self.run(par, m.open, superscript=True, size=size)
        for k, (n, label) in enumerate(m.labels):
            if k:
                self.run(par, m.sep, superscript=True, size=size)
            link = _el("w:hyperlink", w_anchor=f"src_{n}", w_history="1")
            par._p.append(link)
            r = _el("w:r")
            rpr = _el("w:rPr")
            rpr.append(_el("w:color", w_val=self.theme.color("color.accent").lstrip("#")))
            rpr.append(_el("w:vertAlign", w_val="superscript"))
            r.append(rpr)
            t = _el("w:t")
            t.text = label
            if label != label.strip() or " " in label:
                t.set(qn("xml:space"), "preserve")
            r.append(t)
            link.append(r)
        if m.close:
            self.run(par, m.close, superscript=True, size=size)

    def bookmark(self, par, name: str) -> None:
        self.bookmark_id += 1
        start = _el("w:bookmarkStart", w_id=self.bookmark_id, w_name=name)
        end = _el("w:bookmarkEnd", w_id=self.bookmark_id)
        ppr = par._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            par._p.insert(0, start)
        par._p.append(end)

    # --- tables --------------------------------------------------------------------------------

    def table(self, rows: int, widths: list[float], header: bool = True, style: str | None = "table"):
        """A table of ``rows`` x len(widths) columns (widths as fractions of the text width); the first
        row repeats on every page and is marked as the header row (w:tblHeader)."""
        t = self.doc.add_table(rows=rows, cols=len(widths))
        name = self.style.get(style) if style else None
        if name in self.style_ids:
            t._tbl.tblStyle_val = self.style_ids[name]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        tbl_pr = t._tbl.tblPr
        if self.rtl_doc:
            tbl_pr.append(_el("w:bidiVisual"))
        _order_tblpr(tbl_pr)  # (autofit = False already wrote w:tblLayout fixed)
        emus = [int(self.width * w) for w in widths]
        for col, w in zip(t.columns, emus):
            col.width = w
        for row in t.rows:
            for cell, w in zip(row.cells, emus):
                cell.width = w
        if header and rows:
            trpr = t.rows[0]._tr.get_or_add_trPr()
            trpr.append(_el("w:tblHeader"))
        return t

    def cell(self, cell, text: str = "", style: str = "Table Text", refs=(), **kw):
        """Add a paragraph to a table cell; the first one replaces the empty paragraph a new cell has."""
        ps = cell.paragraphs
        if len(ps) == 1 and len(ps[0]._p) == 0:  # the empty paragraph python-docx puts in a new cell
            cell._tc.remove(ps[0]._p)
        return self.paragraph(cell, text, style, refs, **kw)

    def shade(self, cell, fill: str) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        for old in tcpr.findall(qn("w:shd")):
            tcpr.remove(old)
        tcpr.append(_el("w:shd", w_val="clear", w_color="auto", w_fill=fill.lstrip("#")))
        _order_tcpr(tcpr)

    def borders(self, cell, **sides) -> None:
        """Cell borders: side=(size in eighths of a point, "#RRGGBB")."""
        tcpr = cell._tc.get_or_add_tcPr()
        b = tcpr.find(qn("w:tcBorders"))
        if b is None:
            b = _el("w:tcBorders")
            tcpr.append(b)
        for side in ("top", "left", "bottom", "right"):
            if side in sides:
                size, color = sides[side]
                b.append(_el(f"w:{side}", w_val="single" if size else "nil", w_sz=size, w_space=0,
                             w_color=color.lstrip("#")))
        _order_tcpr(tcpr)

    def ink(self, fill: str) -> str:
        return present.text_on(fill, self.theme)

    def header_row(self, table, labels) -> None:
        fill = self.theme.color("table.header.fill")
        for cell, label in zip(table.rows[0].cells, labels):
            self.cell(cell, label, "Table Heading", color=self.theme.color("table.header.text"), markup=False)
            self.shade(cell, fill)

    def filled(self, cell, text: str, fill: str, bold: bool = True, center: bool = True) -> None:
        self.cell(cell, text, "Table Text", bold=bold, color=self.ink(fill),
                  align=WD_ALIGN_PARAGRAPH.CENTER if center else None, markup=False)
        self.shade(cell, fill)

    # --- drawings ------------------------------------------------------------------------------

    def chart(self, par, spec: dp.ChartSpec, width: int, height: int) -> None:
        self.chart_number += 1
        rid = self.charts.add(self.doc.part, spec, self.chart_number)
        self.drawing_id += 1
        inline = _el("wp:inline", distT=0, distB=0, distL=0, distR=0)
        inline.append(_el("wp:extent", cx=width, cy=height))
        inline.append(_el("wp:effectExtent", l=0, t=0, r=0, b=0))
        doc_pr = _el("wp:docPr", id=self.drawing_id, name=f"Chart {self.chart_number}", descr=spec.alt_text,
                     title=spec.title)
        inline.append(doc_pr)
        inline.append(_el("wp:cNvGraphicFramePr"))
        graphic = _el("a:graphic")
        data = _el("a:graphicData", uri="http://schemas.openxmlformats.org/drawingml/2006/chart")
        ref = _el("c:chart")
        ref.set(qn("r:id"), rid)
        data.append(ref)
        graphic.append(data)
        inline.append(graphic)
        drawing = _el("w:drawing")
        drawing.append(inline)
        run = par.add_run()
        run._r.append(drawing)


def _in_rtl_paragraph(par) -> bool:
    ppr = par._p.pPr
    return ppr is not None and ppr.find(qn("w:bidi")) is not None


def dp_span(text: str):
    from ..text import Span

    return Span(text)


# --- schema order: python-docx appends, Word wants the sequence of the schema ----------------------

_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
              "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"]
_TCPR_ORDER = ["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"]
_TBLPR_ORDER = ["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"]


_RANKS: dict = {}


def _order(el, order: list[str]) -> None:
    rank = _RANKS.get(id(order))
    if rank is None:
        rank = _RANKS[id(order)] = {qn(t): k for k, t in enumerate(order)}
    children = sorted(el, key=lambda c: rank.get(c.tag, len(rank)))
    for c in children:
        el.append(c)


_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
              "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"]


def _order_ppr(ppr) -> None:
    _order(ppr, _PPR_ORDER)


def _order_rpr(rpr) -> None:
    _order(rpr, _RPR_ORDER)


def _order_tcpr(tcpr) -> None:
    _order(tcpr, _TCPR_ORDER)


def _order_tblpr(tblpr) -> None:
    _order(tblpr, _TBLPR_ORDER)


# --- blocks -------------------------------------------------------------------------------------

def _title(w: Writer, b: mp.TitleBlock) -> None:
    if b.organisation:
        w.paragraph(w.doc, plain(b.organisation).upper(), "Memo Label", bold=True,
                    color=w.theme.color("color.accent"), markup=False)
    w.paragraph(w.doc, plain(b.title), "title", markup=False)
    if b.subtitle:
        w.paragraph(w.doc, b.subtitle, "subtitle")


def _memo_header(w: Writer, b: mp.MemoHeader) -> None:
    t = w.table(len(b.rows), [0.14, 0.86], header=False, style=None)
    rule = (12, w.theme.color("color.primary"))
    for k, (label, value) in enumerate(b.rows):
        left, right = t.rows[k].cells
        w.cell(left, label, "Memo Label", markup=False)
        w.cell(right, value, "body")
        for c in (left, right):
            w.borders(c, **({"top": rule} if k == 0 else {}), **({"bottom": rule} if k == len(b.rows) - 1 else {}))
    w.paragraph(w.doc, "", "Memo Note")


def _notice(w: Writer, b: mp.Notice) -> None:
    t = w.table(1, [1.0], header=False, style=None)
    c = t.rows[0].cells[0]
    w.cell(c, b.text, "Memo Note")
    line = (5, w.theme.color("color.muted"))
    w.borders(c, top=line, left=line, bottom=line, right=line)


def _heading(w: Writer, b: mp.Heading) -> None:
    par = w.paragraph(w.doc, plain(b.title), "heading_1" if b.level == 0 else "heading_2", markup=False)
    par.paragraph_format.keep_with_next = True  # a heading never ends a page (a template's style may not say so)
    w.bookmark(par, "h_" + "".join(ch if ch.isalnum() else "_" for ch in b.key)[:38])


def _items(w: Writer, container, items, numbered: bool = False, size=None) -> None:
    role = "list_number" if numbered else "list_bullet"
    typed = not w.is_list(role)  # a template's fallback style without numbering: type the marks
    for n, i in enumerate(items, 1):
        par = w.paragraph(container, "", role, size=size, rtl=dp.is_rtl(plain(i.text)))
        if typed:
            w.run(par, f"{n}.\t" if numbered else "\u2022\t", size=size)
        w.runs(par, i.text, size=size)
        w.refs(par, i.refs, size=size)


def _text(w: Writer, b: mp.Text) -> None:
    w.paragraph(w.doc, b.text, "Memo Note" if b.style == "note" else "body", b.refs)


def _bullets(w: Writer, b: mp.Bullets) -> None:
    _items(w, w.doc, b.items, b.numbered)


def _bottom_line(w: Writer, b: mp.BottomLine) -> None:
    """A shaded one-cell table with a rule down its leading edge; the points are a Word list."""
    t = w.table(1, [1.0], header=False, style=None)
    c = t.rows[0].cells[0]
    w.shade(c, w.theme.color("bluf.fill"))
    w.borders(c, left=(24, w.theme.color("bluf.rule")))
    c._tc.remove(c.paragraphs[0]._p)
    _items(w, c, b.items)
    w.paragraph(w.doc, "", "Memo Note")


def _matrix(w: Writer, b: mp.MatrixBlock) -> None:
    m, t_ = b.matrix, w.theme
    for cols in b.column_groups:
        party_w = 0.24
        t = w.table(len(m.rows) + 1, [party_w] + [(1 - party_w) / len(cols)] * len(cols), style="table")
        w.header_row(t, [dp.WORDS["party"]] + [m.issues[i].name for i in cols])
        for r, row in enumerate(m.rows, start=1):
            cells = t.rows[r].cells
            w.cell(cells[0], row[0].party.name, "Table Text", bold=True, markup=False)
            for k, i in enumerate(cols, start=1):
                c = row[i]
                fill = present.fill_for(t_, "stance", c.score)
                text = present.score_cell(c.score, c.basis)
                was = b.previous[r - 1][i] if b.previous else None
                w.filled(cells[k], dp.moved_cell(text, was) if was is not None else text, fill)
        w.paragraph(w.doc, "", "Memo Note")
    legend = w.table(2, [1 / len(b.legend)] * len(b.legend), header=False, style=None)
    for k, e in enumerate(b.legend):
        w.filled(legend.rows[0].cells[k], e.sample, t_.color(e.color_key))
        w.cell(legend.rows[1].cells[k], e.label, "Memo Note", align=WD_ALIGN_PARAGRAPH.CENTER, markup=False)
    w.paragraph(w.doc, b.marker_note, "Memo Note")
    w.paragraph(w.doc, dp.WORDS["measures"], "Table Text", bold=True, markup=False)
    for name, prop in b.propositions:
        par = w.paragraph(w.doc, "", "Table Text", rtl=dp.is_rtl(name + plain(prop)))
        w.run(par, f"{name}:", bold=True)
        w.run(par, " ")
        w.runs(par, prop)


CHART_WIDTH = 0.78  # of the text width
BAR_EMU, CHART_BASE_EMU = Emu(Pt(22)), Emu(Pt(70))


def _chart(w: Writer, b: mp.ChartBlock) -> None:
    for chart in b.charts:
        title = w.paragraph(w.doc, chart.title, "Memo Label", color=w.theme.color("color.primary"), markup=False)
        title.paragraph_format.keep_with_next = True
        sub = w.paragraph(w.doc, chart.subtitle, "Memo Note", italic=True)
        sub.paragraph_format.keep_with_next = True
        if not chart.bars:
            w.paragraph(w.doc, dp.WORDS["no_stances"], "Memo Note", markup=False)
            continue
        spec = w.plan.charts[chart.key]
        # never w:bidi: LibreOffice lays a chart in a right-to-left paragraph out right to left, its
        # Latin labels and numbers reversed ("UN" read "NU", "+1" read "1+")
        par = w.paragraph(w.doc, "", "body", align=WD_ALIGN_PARAGRAPH.CENTER, rtl=False)
        w.chart(par, spec, int(w.width * CHART_WIDTH), int(CHART_BASE_EMU + BAR_EMU * len(chart.bars)))
    w.paragraph(w.doc, b.caption, "Memo Note")


def _likelihood(w: Writer, cell, r: mp.OutcomeRow, with_note: bool) -> None:
    fill = present.fill_for(w.theme, "likelihood", r.likelihood)
    par = w.cell(cell, "", "Table Text")
    word = r.term or present.likelihood_word(r.likelihood)  # the scale's own term, as the memo's badge
    w.run(par, f" {word} ", bold=True, color=w.ink(fill), size=Pt(8), shade=fill)
    if r.steps:  # the scale's steps filled up to the term's place, as the memo's badge draws them
        w.run(par, " " + analytic.step_marks(r.steps), size=Pt(8))  # text colour: a light band fill would fail contrast
    if r.likelihood_range:
        w.cell(cell, r.likelihood_range, "Table Text", markup=False)
    if r.change_text:  # "▲ up from low"
        w.cell(cell, r.change_text, "Table Text", bold=True, markup=False)
    w.cell(cell, r.likelihood_label, "Table Text", color=w.theme.color("color.muted"), markup=False)
    if with_note and r.likelihood_note:
        w.cell(cell, r.likelihood_note, "Table Text")
    if r.confidence:  # apart from the likelihood, as ICD 203 asks
        w.cell(cell, r.confidence, "Table Text", bold=True, markup=False)
        if with_note and r.confidence_note:
            w.cell(cell, r.confidence_note, "Table Text")


def _list_cell(w: Writer, cell, items) -> None:
    if not items:
        w.cell(cell, present.NONE_STATED, "Table Text", color=w.theme.color("color.muted"), markup=False)
        return
    for i in items:
        w.cell(cell, i if w.is_list("list_bullet") else "\u2022 " + i, "list_bullet", size=SMALL)


def _zebra(w: Writer, t) -> None:
    for k, row in enumerate(t.rows):
        if k >= 2 and k % 2 == 0:
            for c in row.cells:
                w.shade(c, w.theme.color("table.zebra.fill"))


def _outcome_table(w: Writer, b: mp.OutcomeTable) -> None:
    W = dp.WORDS
    if b.compact:
        t = w.table(len(b.rows) + 1, [0.3, 0.2, 0.5])
        w.header_row(t, [W["outcome"], W["likelihood"], W["in_brief"]])
    else:
        t = w.table(len(b.rows) + 1, [0.27, 0.23, 0.25, 0.25])
        w.header_row(t, [W["outcome"], W["likelihood"], W["conditions"], W["obstacles"]])
    for k, r in enumerate(b.rows, start=1):
        cells = t.rows[k].cells
        w.cell(cells[0], r.title, "Table Text", r.refs, bold=True, size=Pt(9.5))
        if b.compact:
            _likelihood(w, cells[1], r, False)
            w.cell(cells[2], r.summary, "Table Text")
        else:
            w.cell(cells[0], r.summary, "Table Text")
            _likelihood(w, cells[1], r, True)
            _list_cell(w, cells[2], r.conditions)
            _list_cell(w, cells[3], r.obstacles)
    _zebra(w, t)


def _position_table(w: Writer, b: mp.PositionTable) -> None:
    for cols in b.column_groups or (tuple(range(len(b.parties))),):
        first = 0.28
        t = w.table(len(b.rows) + 1, [first] + [(1 - first) / max(1, len(cols))] * len(cols))
        w.header_row(t, [dp.WORDS["outcome"]] + [b.parties[k] for k in cols])
        for r, (title, positions) in enumerate(b.rows, start=1):
            cells = t.rows[r].cells
            w.cell(cells[0], title, "Table Text")
            for c, k in enumerate(cols, start=1):
                pos = positions[k]
                fill = present.fill_for(w.theme, "position", pos)  # "Not stated": the "no stance" fill
                w.filled(cells[c], present.position_word(pos), fill, bold=pos != "unknown")
        w.paragraph(w.doc, "", "Memo Note")


def _position_list(w: Writer, b: mp.PositionList) -> None:
    t = w.table(len(b.rows) + 1, [0.28, 0.24, 0.24, 0.24])
    w.header_row(t, [dp.WORDS["outcome"]])
    for c, pos in enumerate(mp.LISTED_POSITIONS, start=1):
        w.filled(t.rows[0].cells[c], present.position_word(pos), present.fill_for(w.theme, "position", pos))
    muted = w.theme.color("color.muted")
    for k, r in enumerate(b.rows, start=1):
        cells = t.rows[k].cells
        w.cell(cells[0], r.title, "Table Text")
        if r.silent:
            w.cell(cells[0], dp.not_stated(r.silent, b.parties), "Table Text", color=muted, markup=False)
        for c, (_, names) in enumerate(r.named, start=1):
            if names:
                w.cell(cells[c], ", ".join(names), "Table Text", markup=False)
            else:
                w.cell(cells[c], present.NO_STANCE, "Table Text", color=muted, markup=False)
    _zebra(w, t)
    w.paragraph(w.doc, "", "Memo Note")


def _reaction_table(w: Writer, b: mp.ReactionTable) -> None:
    W = dp.WORDS
    t = w.table(len(b.rows) + 1, [0.2, 0.14, 0.66])
    w.header_row(t, [W["party"], W["tone"], W["reaction"]])
    for k, row in enumerate(b.rows, start=1):
        cells = t.rows[k].cells
        fill = present.fill_for(w.theme, "tone", row.tone)
        w.cell(cells[0], row.party, "Table Text", bold=True, markup=False)
        w.filled(cells[1], present.tone_word(row.tone), fill)
        w.cell(cells[2], row.text, "Table Text", row.refs)


def _what_changed(w: Writer, b: mp.WhatChanged) -> None:
    t = w.table(len(b.groups), [0.2, 0.8], header=False, style=None)
    rule = (3, w.theme.color("color.rule"))
    for k, (title, lines) in enumerate(b.groups):
        left, right = t.rows[k].cells
        w.cell(left, title, "Table Text", bold=True, color=w.theme.color("color.primary"), markup=False)
        for line in lines:
            w.cell(right, line if w.is_list("list_bullet") else "\u2022 " + line, "list_bullet", size=SMALL,
                   markup=False)
        if k < len(b.groups) - 1:
            w.borders(left, bottom=rule)
            w.borders(right, bottom=rule)
    if b.wording:
        w.paragraph(w.doc, b.wording, "Memo Note")


def _endnotes(w: Writer, b: mp.Endnotes) -> None:
    """A numbered Sources list (not Word endnotes): each number is typed, so it equals the marker in
    the text, and bookmarked, so the marker is a working link to it."""
    for n in b.notes:
        par = w.paragraph(w.doc, "", "Memo Note", color=w.theme.color("color.text"), rtl=dp.is_rtl(plain(n.text)))
        par.paragraph_format.left_indent = Pt(16)
        par.paragraph_format.first_line_indent = Pt(-16)
        w.run(par, f"{n.number}.\t", color=w.theme.color("color.text"))
        before, url, after = present.link_parts(n.text, n.url, n.url_at)
        w.runs(par, before, color=w.theme.color("color.text"))
        if url is not None:  # an http(s) address: a Word hyperlink (anything else stayed text above)
            _web_link(w, par, url, n.url)
            w.runs(par, after, color=w.theme.color("color.text"))
        w.bookmark(par, f"src_{n.number}")


def _web_link(w: Writer, par, url: str, shown: str) -> None:
    """An external hyperlink (its own relationship, TargetMode External), underlined in the accent."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    link = _el("w:hyperlink", r_id=w.doc.part.relate_to(url, RT.HYPERLINK, is_external=True), w_history="1")
    par._p.append(link)
    at = len(par._p)
    w.run(par, shown, color=w.theme.color("color.accent"))
    for r in list(par._p)[at:]:  # one run per direction (Writer.run)
        rpr = r.find(qn("w:rPr"))
        rpr.insert(list(rpr).index(rpr.find(qn("w:color"))) + 1, _el("w:u", w_val="single"))
        link.append(r)  # moves the run from the paragraph into the link


EMITTERS = {
    mp.TitleBlock: _title, mp.MemoHeader: _memo_header, mp.Notice: _notice, mp.Heading: _heading,
    mp.Text: _text, mp.Bullets: _bullets, mp.BottomLine: _bottom_line, mp.MatrixBlock: _matrix,
    mp.ChartBlock: _chart, mp.OutcomeTable: _outcome_table, mp.PositionTable: _position_table,
    mp.PositionList: _position_list, mp.ReactionTable: _reaction_table, mp.Endnotes: _endnotes,
    mp.WhatChanged: _what_changed, mp.FigureBlock: figure.emit,
}


# --- pages --------------------------------------------------------------------------------------

def _field(w: Writer, par, instruction: str, shown: str, **kw) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice compute it; ``shown`` is its cached result."""
    for kind in ("begin", None, "separate", shown, "end"):
        if kind not in ("begin", None, "separate", "end"):
            w.run(par, kind, **kw)
            continue
        r = w.run(par, "", **kw)
        if kind is None:
            instr = _el("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            r.append(instr)
        else:
            r.append(_el("w:fldChar", w_fldCharType=kind))


def _marking(w: Writer, container, at_top: bool) -> None:
    """The classification marking, a shaded bar across the text width (style "Memo Marking")."""
    text = w.plan.memo.classification.upper()
    par = container.add_paragraph()
    par._p.style = w.style_ids["Memo Marking"]
    w.runs(par, text, markup=False, bold=True, color=w.theme.color("banner.text"))
    if at_top and len(container.paragraphs) > 1:  # a template's header: the marking goes first
        container._element.insert(0, par._p)


def _pages(w: Writer) -> None:
    """Marking in every header and footer (first-page and even-page ones too, where the template has
    them); the footer also carries the organisation and "Page X of Y" as fields."""
    plan, muted = w.plan.memo, w.theme.color("color.muted")
    even = w.doc.settings.odd_and_even_pages_header_footer
    for section in w.doc.sections:
        pairs = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append((section.first_page_header, section.first_page_footer))
        if even:
            pairs.append((section.even_page_header, section.even_page_footer))
        for header, footer in pairs:
            header.is_linked_to_previous = False
            footer.is_linked_to_previous = False
            blank = [p for p in header.paragraphs if not p.text and not p._p.xpath(".//w:drawing")]
            _marking(w, header, at_top=True)
            for p in blank:
                if len(header.paragraphs) > 1:
                    p._p.getparent().remove(p._p)
            for p in [p for p in footer.paragraphs if not p.text and not p._p.xpath(".//w:drawing|.//w:fldChar")]:
                if len(footer.paragraphs) > 1:
                    p._p.getparent().remove(p._p)
            if footer.paragraphs and not footer.paragraphs[0].text and len(footer.paragraphs) == 1:
                par = footer.paragraphs[0]
            else:
                par = footer.add_paragraph()
            par._p.style = w.style_ids["Memo Note"]
            tabs = par.paragraph_format.tab_stops
            from docx.enum.text import WD_TAB_ALIGNMENT

            tabs.add_tab_stop(w.width, WD_TAB_ALIGNMENT.RIGHT)
            w.runs(par, plain(plan.organisation or plan.title), markup=False, color=muted)
            w.run(par, "\tPage ", color=muted)
            _field(w, par, "PAGE", "1", color=muted)
            w.run(par, " of ", color=muted)
            _field(w, par, "NUMPAGES", "1", color=muted)
            if plan.disclaimer:
                w.paragraph(footer, plain(plan.disclaimer), "Memo Note", italic=True,
                            align=WD_ALIGN_PARAGRAPH.CENTER, markup=False)
            _marking(w, footer, at_top=False)


def _logo(w: Writer) -> None:
    logo = w.plan.memo.logo
    if logo is None:
        return
    par = w.paragraph(w.doc, "", "body", align=WD_ALIGN_PARAGRAPH.RIGHT)
    height = Pt(30)
    if logo.width_px * 30 / logo.height_px > 150:
        height = Pt(150 * logo.height_px / logo.width_px)
    run = par.add_run()
    run.add_picture(logo.path, height=height)
    doc_pr = run._r.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", logo.alt_text)  # python-docx leaves alt text empty
    doc_pr.set("name", "Logo")
    for c_nv in run._r.xpath(".//pic:cNvPr"):
        c_nv.set("name", "logo")  # the file name would otherwise be written into the document


def _written(plan: dp.DocxPlan, theme, charts: Charts) -> Writer:
    w = Writer(plan, theme)
    w.charts = charts
    _logo(w)
    for block in plan.memo.blocks:
        EMITTERS[type(block)](w, block)
    return w


def emit(plan: dp.DocxPlan, theme) -> tuple[bytes, list[BuildWarning]]:
    workbook = partial(chart_workbook, when=plan.stamp)  # each chart's, behind "Edit Data"
    with ahead(plan.charts.values(), theme, plan.font, workbook) as charts:
        w = _written(plan, theme, charts)
        if plan.redline is not None:  # the older version written the same way, then aligned against
            from .redline import mark_changes

            old = _written(plan.redline.old, theme, charts)
            mark_changes(w.doc.element.body, old.doc.element.body, plan.redline.author, plan.redline.date)
        charts.fill()
    _pages(w)
    m = plan.memo
    wa.fix_core_properties(w.doc, title=m.title, author=m.author, subject=m.subject, language=plan.languages.main,
                           when=plan.stamp, keywords=m.classification)
    wa.fix_zoom(w.doc)
    buf = io.BytesIO()
    w.doc.save(buf)
    return wa.deterministic_zip(buf.getvalue()), w.warnings
