"""Draw a MemoPlan with reportlab. Decisions live in ``plan``; this module only turns blocks into
flowables, styles them from the theme's semantic names and decorates each page."""
from __future__ import annotations

from functools import partial
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from .. import present
from ..present import colours, signed
from ..present.names import NameAdvice
from ..registry import BuildWarning, Rendered
from ..scripts import is_rtl_paragraph
from ..text import plain
from ..workarounds.reportlab import (doc_settings, draw_prepared_image, fast_pdfdoc_encoding, fast_same_frag,
                                     fast_split_string, fast_word_widths, keep_together, paragraph_class,
                                     stamp_date, table, to_unicode_beyond_bmp)
from . import plan as p
from . import budget, figure, tagging
from .flowables import LikelihoodBadge, OutlinedHeading, stance_bars
from .fonts import MemoFonts, escape, memo_fonts

Paragraph = paragraph_class()


PAGE_SIZES = {"letter": LETTER, "a4": A4}
DENSITIES = (1.0, 0.9, 0.82)  # tried in turn while a memo with a page budget overflows it
BANNER_H = 15


class Keep(list):
    """Flowables an emitter wants kept on one page (turned into one flat KeepTogether by ``_story``)."""


class Ctx:
    """What every block emitter needs: theme, fonts, styles and the frame width."""

    def __init__(self, theme, fonts: MemoFonts, width: float, density: float = 1.0, advice=None):
        self.theme, self.fonts, self.width, self.density = theme, fonts, width, density
        self.advice = advice  # present.names.NameAdvice: names cut to fit, reported once each
        self.c = lambda key: HexColor(theme.color(key))
        text, muted = theme.color("color.text"), theme.color("color.muted")
        base = ParagraphStyle("body", fontName=fonts.body, fontSize=10.5, leading=14.2, textColor=HexColor(text),
                              spaceAfter=6, allowWidows=0, allowOrphans=0)
        s = {"body": base}
        s["note"] = ParagraphStyle("note", base, fontSize=8.5, leading=11, textColor=HexColor(muted), spaceAfter=4)
        s["small"] = ParagraphStyle("small", base, fontSize=8.5, leading=10.8, spaceAfter=0)
        s["small_muted"] = ParagraphStyle("small_muted", s["small"], textColor=HexColor(muted))
        s["cell_head"] = ParagraphStyle("cell_head", s["small"], fontName=fonts.bold,
                                        textColor=HexColor(theme.color("table.header.text")))
        s["bullet"] = ParagraphStyle("bullet", base, leftIndent=13, bulletIndent=0, spaceAfter=4,
                                     bulletFontName=fonts.body)
        s["cell_bullet"] = ParagraphStyle("cell_bullet", s["small"], leftIndent=8, bulletIndent=0, spaceAfter=2,
                                          bulletFontName=fonts.body)
        s["h1"] = ParagraphStyle("h1", base, fontName=fonts.heading, fontSize=14, leading=17, spaceBefore=14,
                                 spaceAfter=6, textColor=self.c("color.primary"), keepWithNext=1)
        s["h2"] = ParagraphStyle("h2", s["h1"], fontSize=11.5, leading=14, spaceBefore=10, spaceAfter=4)
        s["panel_title"] = ParagraphStyle("panel_title", s["small"], fontName=fonts.bold, fontSize=9,
                                          textColor=self.c("color.primary"))
        s["org"] = ParagraphStyle("org", base, fontName=fonts.bold, fontSize=8.5, leading=11,
                                  textColor=self.c("color.accent"), spaceAfter=2)
        s["title"] = ParagraphStyle("title", base, fontName=fonts.heading, fontSize=21, leading=25,
                                    textColor=self.c("color.primary"), spaceAfter=3)
        s["subtitle"] = ParagraphStyle("subtitle", base, fontSize=12, leading=15, textColor=HexColor(muted),
                                       spaceAfter=8)
        s["endnote"] = ParagraphStyle("endnote", s["note"], textColor=HexColor(text), leftIndent=16, bulletIndent=0,
                                      bulletFontName=fonts.body)
        if density != 1.0:  # a tighter set, for a memo that must fit a page budget
            for style in s.values():
                for attr in ("leading", "spaceBefore", "spaceAfter"):
                    setattr(style, attr, round(getattr(style, attr) * density, 2))
                size = max(colours.MIN_TEXT_PT, round(style.fontSize * density, 2))  # never below 7 pt
                style.leading = max(style.leading, round(size * 1.2, 2))
                style.fontSize = size
        self.styles = s
        self._cell_styles: dict = {}

    def table(self, data, long: bool = False, **kw):
        return table(data, font=self.fonts.body, long=long, **kw)

    def data_table(self, data, grid: bool = False, **kw):
        """A table of data that may cross pages under its repeated header, each row kept whole unless
        taller than a page; a ``grid`` (read across rows and columns) that fits one page is kept whole."""
        return table(data, font=self.fonts.body, long=True, whole_rows=True, keep_whole=grid, **kw)

    def pad(self, points: float) -> float:
        """Padding that tightens faster than the type: white space goes first when room is short."""
        return round(points * self.density ** 4, 1)

    def m(self, text: str) -> str:
        return self.fonts.markup(text)

    def refs(self, numbers, size: float = 10.5) -> str:
        """Endnote markers, each linked to its endnote, after text of ``size`` points: superscript as
        reportlab sets it (up to 2 pt smaller) but never below 7 pt."""
        if not numbers:
            return ""
        m = present.markers(numbers)  # "3,5", or with grades "[3, B2; 5]"
        links = m.sep.join(f'<a href="#src-{n}" color="{self.theme.color("color.accent")}">{self.m(label)}</a>'
                           for n, label in m.labels)
        sup = max(colours.MIN_TEXT_PT, round(size - min(2.0, 0.2 * size), 2))
        return f'<super size="{sup}">{m.open}{links}{m.close}</super>'

    def para(self, text: str, style: str = "body", refs=()) -> Paragraph:
        return Paragraph(self.m(text) + self.refs(refs, self.styles[style].fontSize), self.styles[style])

    def cell(self, text: str, fill: str, bold: bool = True, center: bool = True, size: float | None = None):
        """A table cell whose text colour suits its fill."""
        ink = present.text_on(fill, self.theme)
        key = (ink, bold, center, size)
        if key not in self._cell_styles:
            small = self.styles["small"]
            self._cell_styles[key] = ParagraphStyle(
                f"cell-{len(self._cell_styles)}", small, textColor=HexColor(ink),
                fontName=self.fonts.bold if bold else self.fonts.body, alignment=TA_CENTER if center else 0,
                fontSize=size or small.fontSize, leading=(size or small.fontSize) * 1.25)
        return Paragraph(self.fonts.runs(text), self._cell_styles[key])

    def outline_if_blank(self, cells: list[tuple[int, int, str]]) -> list:
        """Thin boxes around cells filled in the page colour (a print theme's "no stance"), which would
        otherwise vanish between the white gaps; appended last so the gaps do not paint over them."""
        page = self.theme.color("color.page").lower()
        return [("BOX", (c, r), (c, r), 0.5, self.c("table.rule")) for c, r, fill in cells if fill.lower() == page]

    def table_style(self, rows: int, zebra: bool = True) -> list:
        out = [
            ("BACKGROUND", (0, 0), (-1, 0), self.c("table.header.fill")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, self.c("table.rule")),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad(4)),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad(5)),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
        if zebra:
            out += [("BACKGROUND", (0, r), (-1, r), self.c("table.zebra.fill")) for r in range(2, rows, 2)]
        return out


# --- blocks -------------------------------------------------------------------------------------


def _title(x: Ctx, b: p.TitleBlock):
    out = []
    if b.organisation:
        out.append(Paragraph(x.fonts.runs(plain(b.organisation).upper()), x.styles["org"]))
    out.append(Paragraph(x.fonts.runs(plain(b.title)), x.styles["title"]))
    if b.subtitle:
        out.append(x.para(b.subtitle, "subtitle"))
    return out


def _memo_header(x: Ctx, b: p.MemoHeader):
    label = ParagraphStyle("label", x.styles["small_muted"], fontName=x.fonts.bold)
    data = [[Paragraph(k, label), x.para(v, "body")] for k, v in b.rows]
    t = x.table(data, colWidths=[62, x.width - 62])
    t.setStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), -2),
        ("TOPPADDING", (0, 0), (0, -1), 4.5),  # smaller labels: line their baselines up with the values
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEABOVE", (0, 0), (-1, 0), 1.5, x.c("color.primary")),
        ("LINEBELOW", (0, -1), (-1, -1), 1.5, x.c("color.primary")),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
    ])
    return [t, Spacer(1, 6)]


def _notice(x: Ctx, b: p.Notice):
    t = x.table([[x.para(b.text, "note")]], colWidths=[x.width])
    t.setStyle([("BOX", (0, 0), (-1, -1), 0.6, x.c("color.muted")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 5)])
    return [t, Spacer(1, 4)]


def _heading(x: Ctx, b: p.Heading):
    style = x.styles["h1" if b.level == 0 else "h2"]
    return [OutlinedHeading(x.fonts.runs(plain(b.title)), style, b.key, plain(b.title), b.level)]


def _text(x: Ctx, b: p.Text):
    return [x.para(b.text, b.style, b.refs)]


def _bullet_paras(x: Ctx, items, style: str, numbered: bool = False):
    return [Paragraph(x.m(i.text) + x.refs(i.refs, x.styles[style].fontSize), x.styles[style],
                      bulletText=f"{n}." if numbered else "\u2022")
            for n, i in enumerate(items, 1)]


def _bullets(x: Ctx, b: p.Bullets):
    return _bullet_paras(x, b.items, "bullet", b.numbered)


BOX_WHOLE_HEIGHT = 300  # points: a bottom-line box up to this tall is one cell; a taller one splits by bullet


def _bottom_line(x: Ctx, b: p.BottomLine):
    """The bottom line in a shaded box. A long one (a wordy briefing) is one row per bullet, each of
    which may split across pages: one cell taller than the page raised LayoutError (exit 1), and a box
    that cannot split left page 1 with only the header."""
    paras = _bullet_paras(x, b.items, "bullet")
    box = [("BACKGROUND", (0, 0), (-1, -1), x.c("bluf.fill")), ("LINEBEFORE", (0, 0), (0, -1), 3, x.c("bluf.rule")),
           ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12)]
    t = x.table([[paras]], colWidths=[x.width])
    if t.wrap(x.width, 1e9)[1] <= BOX_WHOLE_HEIGHT:
        t.setStyle([*box, ("TOPPADDING", (0, 0), (-1, -1), x.pad(9)), ("BOTTOMPADDING", (0, 0), (-1, -1), x.pad(6))])
        return [t]
    t = x.table([[para] for para in paras], long=True, repeatRows=0, colWidths=[x.width])
    t.setStyle([*box, ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), x.pad(9)), ("BOTTOMPADDING", (0, -1), (-1, -1), x.pad(6))])
    return [t]


def _matrix_table(x: Ctx, b: p.MatrixBlock, cols: tuple[int, ...]):
    m = b.matrix
    party_w = _party_width(x, m)
    col_w = (x.width - party_w) / len(cols)
    size = _fit_words(x, [w for i in cols for w in m.issues[i].name.split()], x.fonts.bold, col_w,
                      x.styles["cell_head"].fontSize)
    issue_head = ParagraphStyle("mh", x.styles["cell_head"], alignment=TA_CENTER, fontSize=size, leading=size * 1.2)
    head = [Paragraph("Party", x.styles["cell_head"])] + [
        Paragraph(x.fonts.runs(m.issues[i].name), issue_head) for i in cols]
    data, style, fills = [head], x.table_style(0, zebra=False), []
    party_style = ParagraphStyle("mp", x.styles["small"], fontName=x.fonts.bold)
    for r, row in enumerate(m.rows, start=1):
        cells = [Paragraph(x.fonts.runs(row[0].party.name), party_style)]
        for k, i in enumerate(cols, start=1):
            c = row[i]
            fill = colours.fill_for(x.theme, "stance", c.score)
            now = present.score_cell(c.score, c.basis)
            cell = x.cell(now, fill)
            was = b.previous[r - 1][i] if b.previous else None
            if was is not None:  # moved since the older version: "0 → +1", the old score small
                small = max(colours.MIN_TEXT_PT, round(x.styles["small"].fontSize * 0.8, 1))
                old = present.moved(signed(was), "")
                cell = Paragraph(f'<font size="{small}">{x.fonts.runs(old)}</font>{x.fonts.runs(now)}', cell.style)
            cells.append(cell)
            style.append(("BACKGROUND", (k, r), (k, r), HexColor(fill)))
            fills.append((k, r, fill))
        data.append(cells)
    style += [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
              ("INNERGRID", (1, 1), (-1, -1), 1.5, x.c("color.page")),
              ("TOPPADDING", (0, 1), (-1, -1), x.pad(6)), ("BOTTOMPADDING", (0, 1), (-1, -1), x.pad(6)),
              *x.outline_if_blank(fills)]
    t = x.data_table(data, grid=True, colWidths=[party_w] + [col_w] * len(cols))
    t.setStyle(style)
    return t


def _legend(x: Ctx, b: p.MatrixBlock):
    n = len(b.legend)
    swatches = [x.cell(e.sample, x.theme.color(e.color_key)) for e in b.legend]
    labels = [Paragraph(x.fonts.runs(e.label), ParagraphStyle("lg", x.styles["small_muted"], alignment=TA_CENTER,
                                                              fontSize=7.5, leading=9)) for e in b.legend]
    t = x.table([swatches, labels], colWidths=[x.width / n] * n)
    style = [("BACKGROUND", (k, 0), (k, 0), x.c(e.color_key)) for k, e in enumerate(b.legend)]
    style += [("LINEAFTER", (0, 0), (-2, 0), 1.5, x.c("color.page")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
              ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
              *x.outline_if_blank([(k, 0, x.theme.color(e.color_key)) for k, e in enumerate(b.legend)])]
    t.setStyle(style)
    return t


MIN_HEADING_SIZE = colours.MIN_TEXT_PT  # points: no smaller heading; a table splits by columns instead


def _party_width(x: Ctx, m) -> float:
    widest = max((stringWidth(pt.name, x.fonts.bold, x.styles["small"].fontSize) for pt in m.parties), default=0)
    return min(max(widest + 12, 60.0), x.width * 0.24)  # issue columns get every spare point


def _fitting_groups(x: Ctx, b: p.MatrixBlock) -> list[tuple[int, ...]]:
    """The plan's column groups, split further when a wide font cannot fit an issue's longest word
    at a readable size (reportlab would break it mid-word)."""
    m = b.matrix
    words = [w for i in m.issues for w in i.name.split()] or [""]
    need = max(stringWidth(w, x.fonts.bold, MIN_HEADING_SIZE) for w in words) + 12
    fit = max(1, int((x.width - _party_width(x, m)) // need))
    out = []
    for cols in b.column_groups:
        out += [tuple(cols[k] for k in g) for g in present.balanced_chunks(len(cols), fit)]
    return out


def _matrix(x: Ctx, b: p.MatrixBlock):
    tables = [[_matrix_table(x, b, cols), Spacer(1, 6)] for cols in _fitting_groups(x, b)]
    tables[-1] += [_legend(x, b), Spacer(1, 4), x.para(b.marker_note, "note")]  # the key stays with the last
    leaders = [(p.name, plain(p.leader)) for p in b.matrix.parties if p.leader]
    if leaders:  # the matrix introduces the parties: their leaders under it, as the deck's heatmap has them
        # name and leader shaped apart: a right-to-left pair joined by "," would put the comma in their font
        line = "; ".join(f"{x.fonts.runs(name)}, {x.fonts.runs(leader)}" for name, leader in leaders)
        tables[-1].append(Paragraph(f"<b>Leaders:</b> {line}", x.styles["note"]))
    props = ParagraphStyle("props", x.styles["small"], spaceAfter=2, leftIndent=10, firstLineIndent=-10)
    prop_paras = [_led(Paragraph(f"<b>{x.fonts.runs(name)}:</b> {x.m(prop)}", props), prop)
                  for name, prop in b.propositions]
    head = Paragraph("What each score measures (a positive score supports the proposition)",
                     ParagraphStyle("ph", x.styles["small"], fontName=x.fonts.bold, spaceBefore=4, spaceAfter=3))
    return [*(Keep(t) for t in tables), Keep([head, *prop_paras])]


def _led(para, text: str):
    """A "Name: text" paragraph takes its direction from its text, not its label (as the web page,
    where they are two blocks): "حصص المياه (water quotas): Each state …" stays left to right."""
    para.direction = "rtl" if is_rtl_paragraph(text) else "ltr"
    return para


def _chart(x: Ctx, b: p.ChartBlock):
    gap = 14
    col_w = (x.width - gap) / 2
    panels = []
    for chart in b.charts:
        panel = [Paragraph(x.fonts.runs(chart.title), x.styles["panel_title"]),
                 Paragraph(f"<i>{x.m(chart.subtitle)}</i>", x.styles["small_muted"]), Spacer(1, 4)]
        if chart.bars:
            was = b.previous[len(panels)] if b.previous else ()
            cut = (lambda label: x.advice.cut(label, "a stance chart's label")) if x.advice else None
            panel.append(stance_bars(chart, x.theme, x.fonts.body, col_w, was, fonts=x.fonts, cut=cut))
        else:
            panel.append(Paragraph("No stances in the source.", x.styles["small_muted"]))
        panels.append(panel)
    out = []
    for k in range(0, len(panels), 2):  # one small table per row, so the heading keeps with row one only
        pair = panels[k : k + 2]
        t = x.table([[pair[0], Spacer(0, 0), pair[1] if len(pair) > 1 else Spacer(0, 0)]],
                    colWidths=[col_w, gap, col_w])
        t.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                    ("LINEBELOW", (0, 0), (0, -1), 0.4, x.c("color.rule")),
                    ("LINEBELOW", (2, 0), (2, -1), 0.4, x.c("color.rule") if len(pair) > 1 else x.c("color.page"))])
        out.append(t)
    return out + [x.para(b.caption, "note")]


def _likelihood_cell(x: Ctx, r: p.OutcomeRow, with_note: bool):
    out = [LikelihoodBadge(r.likelihood, x.theme, x.fonts.bold, word=r.term or None, steps=r.steps or None), Spacer(1, 3)]
    if r.likelihood_range:
        out += [Paragraph(x.fonts.runs(r.likelihood_range), x.styles["small"]), Spacer(1, 1)]
    if r.change_text:  # "▲ up from low": Carlito lacks ▲▼, fonts.runs draws them in DejaVu
        out += [Paragraph(f"<b>{x.fonts.runs(r.change_text)}</b>", x.styles["small"]), Spacer(1, 1)]
    out.append(Paragraph(x.fonts.runs(r.likelihood_label), x.styles["small_muted"]))
    if with_note and r.likelihood_note:
        out += [Spacer(1, 2), x.para(r.likelihood_note, "small")]
    if r.confidence:  # apart from the likelihood, as ICD 203 asks
        out += [Spacer(1, 3), Paragraph(f"<b>{x.fonts.runs(r.confidence)}</b>", x.styles["small"])]
        if with_note and r.confidence_note:
            out += [Spacer(1, 1), x.para(r.confidence_note, "small")]
    return out


def _list_cell(x: Ctx, items):
    if not items:
        return [Paragraph(present.NONE_STATED, x.styles["small_muted"])]
    return [Paragraph(x.m(i), x.styles["cell_bullet"], bulletText="\u2022") for i in items]


def _outcome_table(x: Ctx, b: p.OutcomeTable):
    bold = ParagraphStyle("ot", x.styles["small"], fontName=x.fonts.bold, fontSize=9.5, leading=12, spaceAfter=2)
    h = x.styles["cell_head"]
    if b.compact:
        head = [Paragraph("Outcome", h), Paragraph("Likelihood", h), Paragraph("In brief", h)]
        widths = [0.3, 0.2, 0.5]
        rows = [[[Paragraph(x.m(r.title) + x.refs(r.refs, bold.fontSize), bold)], _likelihood_cell(x, r, False),
                 x.para(r.summary, "small")] for r in b.rows]
    else:
        head = [Paragraph(t, h) for t in ("Outcome", "Likelihood", "Conditions", "Obstacles")]
        widths = [0.27, 0.23, 0.25, 0.25]
        rows = [[[Paragraph(x.m(r.title) + x.refs(r.refs, bold.fontSize), bold), x.para(r.summary, "small")],
                 _likelihood_cell(x, r, True), _list_cell(x, r.conditions), _list_cell(x, r.obstacles)]
                for r in b.rows]
    data = [head] + rows
    t = x.data_table(data, colWidths=[x.width * w for w in widths])
    t.setStyle(x.table_style(len(data)))
    return [t]


def _fit_words(x: Ctx, words, font: str, width: float, size: float) -> float:
    """The largest size up to ``size`` at which the longest word fits ``width`` (cell padding included):
    reportlab would otherwise break it mid-word."""
    widest = max((stringWidth(w, font, 1) for w in words), default=0)
    return max(MIN_HEADING_SIZE, min(size, (width - 12) / widest)) if widest else size


def _position_groups(x: Ctx, b: p.PositionTable) -> list[tuple[int, ...]]:
    """The plan's column groups, split further where a column cannot hold the longest word (a party's
    short name or "Conditional") at 7 pt: the grid was set at 5.5 pt in the print theme's serif."""
    labels = {present.position_word(pos) for _, row in b.rows for pos in row}
    words = [w for t in (*b.parties, *labels) for w in t.split()] or [""]
    need = max(x.fonts.width(w, x.fonts.bold, MIN_HEADING_SIZE) for w in words) + 12
    fit = max(1, int((x.width * 0.72) // need))
    out = []
    for cols in b.column_groups or (tuple(range(len(b.parties))),):
        out += [tuple(cols[k] for k in g) for g in present.balanced_chunks(len(cols), fit)]
    return out


def _position_table(x: Ctx, b: p.PositionTable):
    out = []
    for cols in _position_groups(x, b):
        first = x.width * 0.28
        col = (x.width - first) / max(1, len(cols))
        h = x.styles["cell_head"]
        names = [b.parties[k] for k in cols]
        head_style = ParagraphStyle("pc", h, alignment=TA_CENTER,
                                    fontSize=_fit_words(x, [w for n in names for w in n.split()], x.fonts.bold, col,
                                                        h.fontSize))
        labels = [present.position_word(pos) for _, row in b.rows for pos in row]
        size = _fit_words(x, [w for t in labels for w in t.split()], x.fonts.bold, col, x.styles["small"].fontSize)
        head = [Paragraph("Outcome", h)] + [Paragraph(x.fonts.runs(n), head_style) for n in names]
        data, style, fills = [head], x.table_style(0, zebra=False), []
        for r, (title, positions) in enumerate(b.rows, start=1):
            cells = [x.para(title, "small")]
            for c, k in enumerate(cols, start=1):
                pos = positions[k]
                fill = colours.fill_for(x.theme, "position", pos)  # "Not stated": the "no stance" fill
                cells.append(x.cell(present.position_word(pos), fill, bold=pos != "unknown", size=size))
                style.append(("BACKGROUND", (c, r), (c, r), HexColor(fill)))
                fills.append((c, r, fill))
            data.append(cells)
        style += [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("INNERGRID", (1, 1), (-1, -1), 1.5, x.c("color.page")),
                  *x.outline_if_blank(fills)]
        t = x.data_table(data, grid=True, colWidths=[first] + [col] * len(cols))
        t.setStyle(style)
        out += [t, Spacer(1, 6)]
    return out


def _position_list(x: Ctx, b: p.PositionList):
    h = x.styles["cell_head"]
    head = [Paragraph("Outcome", h)]
    style = x.table_style(len(b.rows) + 1)
    for c, pos in enumerate(p.LISTED_POSITIONS, start=1):
        fill = colours.fill_for(x.theme, "position", pos)
        head.append(x.cell(present.position_word(pos), fill))
        style.append(("BACKGROUND", (c, 0), (c, 0), HexColor(fill)))
    data = [head]
    for r in b.rows:
        outcome = [x.para(r.title, "small")]
        if r.silent:
            outcome.append(Paragraph(f"{present.position_word('unknown')}: {r.silent} of "
                                     f"{present.count(b.parties, 'party', 'parties')}", x.styles["small_muted"]))
        data.append([outcome] + [Paragraph(x.fonts.runs(", ".join(names)), x.styles["small"]) if names
                                 else Paragraph(p.NO_STANCE, x.styles["small_muted"]) for _, names in r.named])
    t = x.data_table(data, colWidths=[x.width * 0.28] + [x.width * 0.24] * 3)
    t.setStyle(style)
    return [t, Spacer(1, 6)]


def _reaction_table(x: Ctx, b: p.ReactionTable):
    h = x.styles["cell_head"]
    data = [[Paragraph("Party", h), Paragraph("Tone", h), Paragraph("Reaction", h)]]
    style = x.table_style(0, zebra=False)
    party_style = ParagraphStyle("rp", x.styles["small"], fontName=x.fonts.bold)
    for r, row in enumerate(b.rows, start=1):
        fill = colours.fill_for(x.theme, "tone", row.tone)
        data.append([Paragraph(x.fonts.runs(row.party), party_style),
                     x.cell(present.tone_word(row.tone), fill), x.para(row.text, "small", row.refs)])
        style.append(("BACKGROUND", (1, r), (1, r), HexColor(fill)))
    t = x.data_table(data, colWidths=[x.width * 0.2, x.width * 0.14, x.width * 0.66])
    t.setStyle(style)
    return [t]


def _what_changed(x: Ctx, b: p.WhatChanged):
    """Group name left, its changes right, one light rule between groups: scanned in seconds."""
    head = ParagraphStyle("wc", x.styles["small"], fontName=x.fonts.bold, fontSize=9, leading=11.5,
                          textColor=x.c("color.primary"))
    item = ParagraphStyle("wci", x.styles["cell_bullet"], fontSize=9, leading=11.5)
    out = []
    for k, (title, lines) in enumerate(b.groups):  # one table per group: the heading keeps with the first only
        t = x.table([[Paragraph(x.fonts.runs(title), head),
                      [Paragraph(x.fonts.runs(line), item, bulletText="\u2022") for line in lines]]],
                    colWidths=[x.width * 0.2, x.width * 0.8])
        t.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), x.pad(4)), ("BOTTOMPADDING", (0, 0), (-1, -1), x.pad(3)),
                    *([("LINEBELOW", (0, 0), (-1, -1), 0.4, x.c("color.rule"))] if k < len(b.groups) - 1 else [])])
        out.append(t)
    if b.wording:
        out.append(x.para(b.wording, "note"))
    return out


def _endnote_markup(x: Ctx, n: p.Endnote) -> str:
    """The entry's text, its http(s) address a link annotation (any other address stays text)."""
    before, url, after = present.link_parts(n.text, n.url, n.url_at)
    if url is None:
        return x.m(n.text)
    href = escape(url).replace('"', "&quot;")  # xml.sax.saxutils.escape imports urllib.request (memo.fonts)
    return f'{x.m(before)}<a href="{href}" color="{x.theme.color("color.accent")}">{x.m(n.url)}</a>{x.m(after)}'


def _endnotes(x: Ctx, b: p.Endnotes):
    return [Paragraph(f'<a name="src-{n.number}"/>{_endnote_markup(x, n)}', x.styles["endnote"], bulletText=f"{n.number}.")
            for n in b.notes]


EMITTERS = {
    p.TitleBlock: _title, p.MemoHeader: _memo_header, p.Notice: _notice, p.Heading: _heading,
    p.Text: _text, p.Bullets: _bullets, p.BottomLine: _bottom_line, p.MatrixBlock: _matrix,
    p.ChartBlock: _chart, p.OutcomeTable: _outcome_table, p.PositionTable: _position_table,
    p.PositionList: _position_list,
    p.ReactionTable: _reaction_table, p.Endnotes: _endnotes, p.WhatChanged: _what_changed,
    p.FigureBlock: figure.flowables,
}


# --- pages --------------------------------------------------------------------------------------


def _fit(text: str, font: str, size: float, width: float, fonts: MemoFonts | None = None) -> str:
    measure = (lambda t: fonts.width(t, font, size)) if fonts else (lambda t: stringWidth(t, font, size))
    if measure(text) <= width:
        return text
    while text and measure(text + "\u2026") > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


LOGO_H, LOGO_MAX_W = 30.0, 150.0  # points: in the top margin above the title, right-aligned


def _draw_logo(canv, logo: p.Logo, right: float, top: float, max_h: float) -> None:
    """The logo in the page-1 header, right-aligned, keeping its aspect ratio; never below the top
    margin (a theme with a narrow margin gets a smaller logo)."""
    scale = min(max_h / logo.height_px, LOGO_MAX_W / logo.width_px)
    w, h = logo.width_px * scale, logo.height_px * scale
    # As drawImage(ImageReader(path)) draws it, not drawImage(path): reportlab names the image after
    # what it is given, and a name from the path would make the PDF depend on where the project lives.
    draw_prepared_image(canv, logo.path, right - w, top - h, w, h)


def _decorate(canv, doc, *, plan: p.MemoPlan, x: Ctx):
    """Classification banners top and bottom, running header, footer with "Page X of Y"."""
    w, h = doc.pagesize
    t, f = x.theme, x.fonts
    canv.saveState()
    for y in (h - BANNER_H, 0):
        canv.setFillColor(x.c("banner.fill"))
        canv.rect(0, y, w, BANNER_H, stroke=0, fill=1)
        canv.setFillColor(x.c("banner.text"))
        canv.setFont(f.bold, 8.5)
        f.draw(canv, w / 2, y + 4.5, _fit(plan.classification.upper(), f.bold, 8.5, w - 40, f), f.bold, 8.5, "middle")
    left, right = doc.leftMargin, w - doc.rightMargin
    muted = x.c("color.muted")
    canv.setFillColor(muted)
    canv.setFont(f.body, 8)
    page = canv.getPageNumber()
    if page > 1:
        y = h - BANNER_H - 18
        f.draw(canv, left, y, _fit(plan.title, f.body, 8, (right - left) * 0.7, f), f.body, 8)
        f.draw(canv, right, y, plan.date_text, f.body, 8, "end")
        canv.setStrokeColor(x.c("color.rule"))
        canv.setLineWidth(0.5)
        canv.line(left, y - 4, right, y - 4)
    y = BANNER_H + 14
    canv.doForm(_page_label(page))  # "Page X of Y", defined once the total is known (_define_page_labels)
    room = right - left - stringWidth(f"Page {page} of {max(page, 10)}", f.body, 8) - 20
    f.draw(canv, left, y, _fit(plan.organisation or plan.title, f.body, 8, room, f), f.body, 8)
    if plan.disclaimer:
        canv.setFont(f.italic, 7.5)
        f.draw(canv, w / 2, y + 11, _fit(plain(plan.disclaimer), f.italic, 7.5, right - left, f), f.italic, 7.5, "middle")
    if page == 1:
        if plan.logo:
            _draw_logo(canv, plan.logo, right, h - BANNER_H - 8, min(LOGO_H, doc.topMargin - BANNER_H - 14))
        stamp_date(canv, plan.date)
        canv.showOutline()  # open the bookmarks panel: the outline is the memo's table of contents
    canv.restoreState()


def _page_label(page: int) -> str:
    return f"page-label-{page}"


def _define_page_labels(canv, total: int, *, x: Ctx, right: float) -> None:
    """One small form per page with its "Page X of Y", right-aligned as the running header's date is."""
    for page in range(1, total + 1):
        canv.beginForm(_page_label(page))
        canv.setFillColor(x.c("color.muted"))
        canv.setFont(x.fonts.body, 8)
        canv.drawRightString(right, BANNER_H + 14, f"Page {page} of {total}")
        canv.endForm()


def emit(plan: p.MemoPlan, theme, origin=None, briefing=None) -> Rendered:
    """The memo's PDF bytes and its warnings (``registry.Rendered``); ``origin`` (``Briefing.origin``)
    places each warning at the content's ``file:line:col``. A memo with a page budget is set denser
    until it fits; one that still does not is a warning (``budget.over_budget``)."""
    to_unicode_beyond_bmp()
    fast_same_frag()
    fast_split_string()
    fast_pdfdoc_encoding()
    fast_word_widths()
    fonts = memo_fonts(theme)
    pagesize = PAGE_SIZES[plan.page_size]
    margins = {k: float(v) * mm for k, v in (theme.get("memo.margins_mm") or {}).items()}
    margin = {side: margins.get(side, 22 * mm) for side in ("top", "bottom", "left", "right")}
    width = pagesize[0] - margin["left"] - margin["right"]
    advice = NameAdvice(briefing) if briefing is not None else None
    for density in DENSITIES:
        data, pages, root = _build(plan, Ctx(theme, fonts, width, density, advice), pagesize, margin)
        if plan.max_pages is None or pages <= plan.max_pages:
            break
    found = missing_glyph_warnings(fonts.missing, origin) + budget.over_budget(plan, pages, origin)
    found += [BuildWarning(f"accessibility: {m}") for m in tagging.findings(root)]
    found += advice.warnings if advice else []
    return Rendered(data, tuple(found))


def missing_glyph_warnings(missing, origin) -> list:
    """One warning per content field with characters no font has, naming them and the field."""
    places: dict = {}
    for c in sorted(missing):
        place = origin.find(c) if origin is not None else None
        places.setdefault(place, []).append(c)
    out = []
    for place, chars in places.items():
        listed = " ".join(f"{c!r} (U+{ord(c):04X})" for c in chars)
        field = f" in {place.field}" if place else ""
        out.append(BuildWarning(f"no font reportkit embeds has a glyph for {listed}{field}; printed as "
                                f"\ufffd (set a theme font that covers it, see docs/memo.md)",
                                place.where if place else None))
    return out


def _story(plan: p.MemoPlan, x: Ctx, root=None) -> list:
    story: list = []
    pending: list = []  # a heading (and a note under it) waits for the next block's first flowable
    for block in plan.blocks:
        flowables = EMITTERS[type(block)](x, block)
        if root is not None:
            tagging.tag_block(block, flowables, root)  # the structure tree, in the plan's order
        if isinstance(block, p.Heading):
            story += pending  # a heading with nothing under it (cannot happen in a plan; be safe)
            pending = flowables[:1]
            continue
        if pending and isinstance(block, p.Text) and block.style == "note" and len(pending) == 1:
            pending += flowables  # "Likelihoods are the analyst's judgement…" stays with the table below
            continue
        for k, f in enumerate(flowables):
            group = list(f) if isinstance(f, Keep) else [f]
            if pending and k == 0:
                group, pending = [*pending, *group], []
            story.append(keep_together(group) if len(group) > 1 else group[0])
    if pending:
        story.append(keep_together(pending) if len(pending) > 1 else pending[0])
    return story


def _build(plan: p.MemoPlan, x: Ctx, pagesize, margin) -> tuple[bytes, int, object]:
    """One layout pass: the page total reaches the footers through forms defined at save. Returns the
    PDF, its page count and its structure tree."""
    buf = BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=pagesize, leftMargin=margin["left"], rightMargin=margin["right"],
        topMargin=margin["top"], bottomMargin=margin["bottom"],
        **doc_settings(title=plan.title, author=plan.author, subject=plan.subject, lang=plan.language,
                       font=x.fonts.body, font_size=10.5),
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("memo", [frame], onPage=partial(_decorate, plan=plan, x=x))])
    labels = partial(_define_page_labels, x=x, right=pagesize[0] - margin["right"])
    root = tagging.document(plan)
    doc.build(_story(plan, x, root), canvasmaker=tagging.canvasmaker(root, plan, labels))
    return buf.getvalue(), doc.page, root
