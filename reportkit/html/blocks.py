"""The memo's plan (reportkit.memo.plan: the same blocks, words and order as the PDF) drawn as
semantic HTML: sections under ``h2``, tables with ``th scope``, charts as ``figure`` with inline SVG,
endnotes with back-links. One function per block type; each returns safe HTML.
"""
from __future__ import annotations

from .. import present
from ..present import analytic
from ..memo import plan as p
from ..present import INFERRED_MARK, NO_STANCE, signed
from ..text import plain
from .markup import Writer, attrs, el, esc
from .style import score_class
from .svg import chart_svg
from . import figure



def _table(cls: str, widths, head: str, rows) -> str:
    """A table with a fixed layout: its columns' shares of the width (percent; None shares the rest),
    so a long word wraps inside its cell instead of widening the table past the screen."""
    cols = "".join(f'<col style="width:{w}%">' if w else "<col>" for w in widths)
    return el("table", el("colgroup", cols) + el("thead", head) + el("tbody", "".join(rows)), class_=cls)


class Ctx:
    """What the block emitters share on one page: the text writer and the endnote references made so
    far (each gets an id, so its endnote can link back to it)."""

    def __init__(self, writer: Writer):
        self.w = writer
        self.cited: dict[int, list[str]] = {}  # endnote number -> ids of the references to it, in order
        self.charts = 0

    def refs(self, numbers) -> str:
        if not numbers:
            return ""
        m = present.markers(numbers)  # "3,5", or with grades "[3, B2; 5]"
        links = []
        for n, label in m.labels:
            uses = self.cited.setdefault(n, [])
            ident = f"ref-{n}-{len(uses) + 1}"
            uses.append(ident)
            # the name holds the visible label (WCAG 2.5.3): "Source 1, B2"
            links.append(f'<a href="#src-{n}" id="{ident}" aria-label="Source {esc(label)}">{esc(label)}</a>')
        return '<sup class="refs">' + esc(m.open) + esc(m.sep).join(links) + esc(m.close) + "</sup>"

    def para(self, text: str, cls: str | None = None, refs=(), tag: str = "p") -> str:
        return el(tag, self.w.rich(text) + self.refs(refs), class_=cls, dir=self.w.dir_for(text))


def _title(x: Ctx, b: p.TitleBlock) -> str:
    out = ""
    if b.organisation:
        out += el("p", x.w.name(b.organisation), class_="org", dir=x.w.dir_for(b.organisation))
    out += el("h1", x.w.name(b.title), id="title", dir=x.w.dir_for(b.title))
    if b.subtitle:
        out += x.para(b.subtitle, "subtitle")
    return out


def _memo_header(x: Ctx, b: p.MemoHeader) -> str:
    rows = "".join(el("dt", x.w.ui(k)) + el("dd", x.w.rich(v), dir=x.w.dir_for(v)) for k, v in b.rows)
    return el("dl", rows, class_="memo-header")


def _notice(x: Ctx, b: p.Notice) -> str:
    return x.para(b.text, "notice")


def _text(x: Ctx, b: p.Text) -> str:
    if b.style == "note":  # reportkit's own words ("The briefing gives no summary points.")
        return el("p", x.w.ui(b.text) + x.refs(b.refs), class_="note")
    return x.para(b.text, None, b.refs)


def _items(x: Ctx, items) -> str:
    return "".join(x.para(i.text, refs=i.refs, tag="li") for i in items)


def _bullets(x: Ctx, b: p.Bullets) -> str:
    return el("ol" if b.numbered else "ul", _items(x, b.items), class_="steps" if b.numbered else None)


def _bottom_line(x: Ctx, b: p.BottomLine) -> str:
    return el("div", el("ul", _items(x, b.items)), class_="bluf")


def _cell_text(x: Ctx, score, basis) -> str:
    """"+2", "−1†" with the dagger explained to screen readers."""
    if score is None:
        return f'<span aria-hidden="true">{NO_STANCE}</span><span class="vh">{x.w.ui("no stance")}</span>'
    out = esc(signed(score))  # present.score_cell, with the dagger explained
    if basis == "inferred":
        out += f'<span aria-hidden="true">{INFERRED_MARK}</span><span class="vh"> inferred</span>'
    return out


def _matrix(x: Ctx, b: p.MatrixBlock) -> str:
    m = b.matrix
    head = el("tr", el("th", x.w.ui("Party"), scope="col") + "".join(
        el("th", x.w.name(i.name), scope="col", dir=x.w.dir_for(i.name)) for i in m.issues))
    rows = []
    for r, row in enumerate(m.rows):
        cells = [el("th", x.w.name(row[0].party.name), scope="row", dir=x.w.dir_for(row[0].party.name))]
        for k, c in enumerate(row):
            inner = _cell_text(x, c.score, c.basis)
            was = b.previous[r][k] if b.previous else None
            if was is not None:  # moved since the older version: "−1 → +1", the old score small, first
                inner = f'<span class="was">{esc(present.moved(signed(was), ""))}</span>' + inner
            cells.append(el("td", el("span", inner, dir="ltr" if x.w.rtl else None), class_=score_class(c.score),
                            data_label=plain(c.issue.name)))
        rows.append(el("tr", "".join(cells)))
    table = _table("grid cards matrix", [18] + [None] * len(m.issues), head, rows)
    legend = el("ul", "".join(
        el("li", el("span", x.w.ltr(e.sample), class_=f"swatch {_legend_class(e.color_key)}", aria_hidden="true")
           + x.w.ui(e.label)) for e in b.legend), class_="legend", aria_label="Key")
    props = el("dl", "".join(el("dt", x.w.name(name) + ":", dir=x.w.dir_for(name)) + " "
                             + el("dd", x.w.rich(prop), dir=x.w.dir_for(prop)) for name, prop in b.propositions),
               class_="props")
    head_props = el("p", el("strong", x.w.ui("What each score measures (a positive score supports the proposition)")),
                    class_="small")
    return table + legend + el("p", x.w.ui(b.marker_note), class_="note") + head_props + props


def _legend_class(color_key: str) -> str:
    names = {"stance.strongly_oppose": -2, "stance.oppose": -1, "stance.neutral": 0, "stance.support": 1,
             "stance.strongly_support": 2}
    return score_class(names.get(color_key))


def _chart(x: Ctx, b: p.ChartBlock) -> str:
    figs = []
    for k, chart in enumerate(b.charts):
        x.charts += 1
        cap = el("figcaption", el("span", x.w.name(chart.title), class_="chart-title", dir=x.w.dir_for(chart.title))
                 + el("span", x.w.rich(chart.subtitle), class_="chart-sub", dir=x.w.dir_for(chart.subtitle)))
        if chart.bars:
            body = chart_svg(chart, f"chart-{x.charts}", b.previous[k] if b.previous else (), b.since)
        else:
            body = el("p", x.w.ui("No stances in the source."), class_="note")
        figs.append(el("figure", cap + body))
    return el("div", "".join(figs), class_="charts") + el("p", x.w.ui(b.caption), class_="note")


def _likelihood(x: Ctx, r: p.OutcomeRow, with_note: bool) -> str:
    out = el("span", x.w.ui(r.term or present.likelihood_word(r.likelihood)), class_=f"badge l-{r.likelihood}")
    if r.steps:  # the scale's steps filled up to the term's place, as the memo's badge draws them
        out += el("span", "".join(el("span", class_=f"l-{r.likelihood}" if k < r.steps[0] else None)
                                  for k in range(r.steps[1])),
                  class_="lsteps", role="img", aria_label=analytic.steps_label(r.steps))
    if r.likelihood_range:
        out += el("div", x.w.ui(r.likelihood_range), class_="small")
    if r.change_text:
        out += el("div", el("strong", x.w.ui(r.change_text)), class_="small")
    out += el("div", x.w.ui(r.likelihood_label), class_="small muted")
    if with_note and r.likelihood_note:
        out += x.para(r.likelihood_note, "small")
    if r.confidence:  # apart from the likelihood, as ICD 203 asks
        out += el("div", el("strong", x.w.ui(r.confidence)), class_="small")
        if with_note and r.confidence_note:
            out += x.para(r.confidence_note, "small")
    return out


def _list(x: Ctx, items) -> str:
    if not items:
        return el("span", x.w.ui(present.NONE_STATED), class_="small muted")
    return el("ul", "".join(x.para(i, tag="li") for i in items), class_="cell-list")


def _outcome_table(x: Ctx, b: p.OutcomeTable) -> str:
    cols = ("Outcome", "Likelihood", "In brief") if b.compact else ("Outcome", "Likelihood", "Conditions", "Obstacles")
    head = el("tr", "".join(el("th", x.w.ui(c), scope="col") for c in cols))
    rows = []
    for r in b.rows:
        title = el("span", x.w.rich(r.title) + x.refs(r.refs), class_="title", dir=x.w.dir_for(r.title))
        if b.compact:
            cells = [el("th", title, scope="row"), el("td", el("div", _likelihood(x, r, False)), data_label=cols[1]),
                     el("td", x.para(r.summary, "small"), data_label=cols[2])]
        else:
            cells = [el("th", title + x.para(r.summary, "small"), scope="row"),
                     el("td", el("div", _likelihood(x, r, True)), data_label=cols[1]),
                     el("td", el("div", _list(x, r.conditions)), data_label=cols[2]),
                     el("td", el("div", _list(x, r.obstacles)), data_label=cols[3])]
        rows.append(el("tr", "".join(cells)))
    return _table("cards outcomes", (30, 20, 50) if b.compact else (28, 22, 25, 25), head, rows)


def _position_table(x: Ctx, b: p.PositionTable) -> str:
    head = el("tr", el("th", x.w.ui("Outcome"), scope="col") + "".join(
        el("th", x.w.name(n), scope="col", dir=x.w.dir_for(n)) for n in b.parties))
    rows = []
    for title, positions in b.rows:
        cells = [el("th", x.w.rich(title), scope="row", dir=x.w.dir_for(title))]
        cells += [el("td", x.w.ui(present.position_word(pos)), class_=f"pos-{pos}", data_label=plain(name))
                  for name, pos in zip(b.parties, positions)]
        rows.append(el("tr", "".join(cells)))
    return _table("grid cards positions", [28] + [None] * len(b.parties), head, rows)


def _position_list(x: Ctx, b: p.PositionList) -> str:
    head = el("tr", el("th", x.w.ui("Outcome"), scope="col") + "".join(
        el("th", x.w.ui(present.position_word(pos)), scope="col") for pos in p.LISTED_POSITIONS))
    rows = []
    for r in b.rows:
        first = x.w.rich(r.title)
        if r.silent:
            first += el("div", x.w.ui(f"{present.position_word('unknown')}: {r.silent} of {present.count(b.parties, 'party', 'parties')}"), class_="small muted")
        cells = [el("th", first, scope="row", dir=x.w.dir_for(r.title))]
        for pos, names in r.named:
            inner = x.w.text(", ".join(names)) if names else el("span", NO_STANCE, class_="muted")
            cells.append(el("td", inner, data_label=present.position_word(pos)))
        rows.append(el("tr", "".join(cells)))
    return _table("cards positions-list", (28, 24, 24, 24), head, rows)


def _reaction_table(x: Ctx, b: p.ReactionTable) -> str:
    head = el("tr", "".join(el("th", x.w.ui(c), scope="col") for c in ("Party", "Tone", "Reaction")))
    rows = [el("tr", el("th", x.w.name(r.party), scope="row", dir=x.w.dir_for(r.party))
               + el("td", el("span", x.w.ui(present.tone_word(r.tone)), class_=f"badge t-{r.tone}"), data_label="Tone")
               + el("td", x.para(r.text, refs=r.refs, tag="div"), data_label="Reaction"))
            for r in b.rows]
    return _table("cards reactions", (20, 15, 65), head, rows)


def _what_changed(x: Ctx, b: p.WhatChanged) -> str:
    out = el("dl", "".join(el("dt", x.w.text(title)) + el("dd", el("ul", "".join(
        el("li", x.w.text(line), dir=x.w.dir_for(line)) for line in lines))) for title, lines in b.groups),
        class_="changes")
    return out + (x.para(b.wording, "note") if b.wording else "")


def _endnote_text(x: Ctx, n: p.Endnote) -> str:
    """The entry, its web address a link when it is plain http(s) (present.link_target); any other
    address (javascript:, data:, ...) stays escaped text. The link opens no door back to this page."""
    before, url, after = present.link_parts(n.text, n.url, n.url_at)
    if url is None:
        return x.w.rich(n.text)
    link = el("a", x.w.text(n.url), href=url, rel="noopener noreferrer", class_="url", dir="ltr")
    return x.w.rich(before) + link + x.w.rich(after)


def _endnotes(x: Ctx, b: p.Endnotes) -> str:
    items = []
    for n in b.notes:
        uses = x.cited.get(n.number, [])
        back = ""
        if uses:
            links = "".join(f'<a href="#{u}" aria-label="Back to reference {k} to source {n.number}">'
                            f'\u21a9{"" if len(uses) == 1 else k}</a>' for k, u in enumerate(uses, 1))
            back = el("span", links, class_="back")
        items.append(el("li", _endnote_text(x, n) + back, id=f"src-{n.number}", value=n.number,
                        dir=x.w.dir_for(n.text)))
    return el("ol", "".join(items), class_="endnotes")


EMITTERS = {
    p.TitleBlock: _title, p.MemoHeader: _memo_header, p.Notice: _notice, p.Text: _text,
    p.Bullets: _bullets, p.BottomLine: _bottom_line, p.MatrixBlock: _matrix, p.ChartBlock: _chart,
    p.OutcomeTable: _outcome_table, p.PositionTable: _position_table, p.PositionList: _position_list,
    p.ReactionTable: _reaction_table, p.WhatChanged: _what_changed, p.Endnotes: _endnotes,
    p.FigureBlock: figure.emit,
}


def sections(x: Ctx, blocks) -> tuple[str, list[tuple[str, str]]]:
    """The blocks as HTML: what comes before the first heading, then one ``section`` per top-level
    heading (``h2``; level-1 headings are ``h3`` inside it). Returns the part before the first heading
    (title, memo header, notice), the sections, and the contents (id, title) for the page's navigation."""
    prelude: list[str] = []
    out: list[str] = prelude
    toc: list[tuple[str, str]] = []
    open_section = False
    for block in blocks:
        if isinstance(block, p.Heading):
            ident = block.key
            if block.level == 0:
                if out is prelude:
                    out = []
                if open_section:
                    out.append("</section>")
                out.append(f"<section{attrs(aria_labelledby=ident)}>")
                open_section = True
                toc.append((ident, block.title))
            tag = "h2" if block.level == 0 else "h3"
            if ident.startswith("section-"):  # a content section's own title
                out.append(el(tag, x.w.name(block.title), id=ident, dir=x.w.dir_for(block.title)))
            else:
                out.append(el(tag, x.w.ui(block.title), id=ident))
            continue
        out.append(EMITTERS[type(block)](x, block))
    if open_section:
        out.append("</section>")
    return "".join(prelude), ("".join(out) if out is not prelude else ""), toc
