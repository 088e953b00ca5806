"""The memo's structure tree: which structure element each flowable draws, decided from the plan.

The emitter turns each plan block into flowables; ``tag_block`` then gives them their roles (the
plan knows a block is a heading, a list, a data table or a chart), so the tree's order is the plan's
block order. Layout tables (the bottom-line box, the chart panels, the notice box) are transparent:
their content is tagged, their rules and fills are artifacts. Data tables (memo header, stance
matrix, outcomes, positions, reactions) become ``Table`` → ``THead``/``TBody`` → ``TR`` → ``TH``
(``/Scope``) / ``TD``. The drawing and writing side is ``workarounds/reportlab_tags``.
"""
from __future__ import annotations

from functools import partial

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import KeepTogether, Paragraph, Table

from ..present.chart_data import chart_alt
from ..text import plain
from ..workarounds.reportlab import page_total_canvas
from ..workarounds.reportlab_tags import Elem, install, tag, tagging_canvas
from . import plan as p
from .flowables import LikelihoodBadge, OutlinedHeading

HEADING_ROLES = {0: "H2", 1: "H3"}  # the memo's title is the one H1


def document(plan: p.MemoPlan) -> Elem:
    install()
    return Elem("Document", lang=plan.language)


def canvasmaker(root: Elem, plan: p.MemoPlan, define_total):
    """The page-total canvas (``workarounds.reportlab``) that also tags and writes ``root``'s tree."""
    base = page_total_canvas(define_total)
    make = tagging_canvas(base.func, root, title=plan.title, author=plan.author, subject=plan.subject,
                          lang=plan.language, describe_link=_describe_link)
    return partial(make, **base.keywords)


def _describe_link(annot) -> str:
    action = getattr(annot, "dict", {}).get("A")  # a web link: a dictionary with a URI action
    uri = getattr(getattr(action, "dict", {}).get("URI"), "s", "")
    if uri:
        return f"Web address of the source: {uri}"
    dest = getattr(getattr(annot, "Destination", None), "name", "") or ""
    if dest.startswith("src-"):
        return f"Endnote {dest[4:]}"
    return "Link"


# --- generic ------------------------------------------------------------------------------------


def _flat(items):
    """Flowables in drawing order, kept groups unpacked."""
    for f in items if isinstance(items, (list, tuple)) else [items]:
        if isinstance(f, KeepTogether):
            yield from _flat(f._content)
        elif isinstance(f, (list, tuple)):
            yield from _flat(f)
        else:
            yield f


def _list_attrs(bullet: str) -> dict:
    return {"O": "List", "ListNumbering": "Disc" if bullet == "\u2022" else "Decimal"}


def content(items, parent: Elem, alts=None) -> None:
    """Tag paragraphs as ``P``, runs of bulleted paragraphs as one ``L``, drawings as ``Figure``
    (alt text from ``alts``, in order), badges as ``P``; tables here are layout: their cells' content
    is tagged in reading order."""
    alts = iter(alts or ())
    run = None
    for f in _flat(items):
        bullet = getattr(f, "bulletText", None) if isinstance(f, Paragraph) else None
        if bullet:
            if run is None:
                run = parent.add("L", attrs=_list_attrs(bullet))
            li = run.add("LI")
            label = li.add("Lbl")
            tag(f, li.add("LBody"), label)
            continue
        run = None
        if isinstance(f, Table):
            for row in f._cellvalues:
                content(list(row), parent, alts)
        elif isinstance(f, OutlinedHeading):
            tag(f, parent.add(HEADING_ROLES.get(f.outline[2], "H3")))
        elif isinstance(f, (Paragraph, LikelihoodBadge)):
            tag(f, parent.add("P"))
        elif isinstance(f, Drawing):
            tag(f, parent.add("Figure", alt=next(alts, None) or "Chart"))


def _cell(cell, elem: Elem) -> None:
    flat = list(_flat(cell))
    if len(flat) == 1 and isinstance(flat[0], Paragraph) and not getattr(flat[0], "bulletText", None):
        tag(flat[0], elem)  # a one-paragraph cell: its text is the cell's content
    else:
        content(flat, elem)


def data_table(t: Table, parent: Elem, *, header_rows: int = 1, row_headers: bool = True) -> Elem:
    """A data table: the first ``header_rows`` rows are column headers, the first column row headers."""
    table = parent.add("Table")
    head = table.add("THead") if header_rows else None
    body = table.add("TBody")
    for r, row in enumerate(t._cellvalues):
        tr = (head if r < header_rows else body).add("TR")
        for c, cell in enumerate(row):
            if r < header_rows:
                elem = tr.add("TH", attrs={"O": "Table", "Scope": "Column"})
            elif c == 0 and row_headers:
                elem = tr.add("TH", attrs={"O": "Table", "Scope": "Row"})
            else:
                elem = tr.add("TD")
            _cell(cell, elem)
    return table


# --- per block ----------------------------------------------------------------------------------


def _is_title(f) -> bool:
    return getattr(f.style, "name", "") == "title"


def _tables(flowables, parent: Elem, **kw) -> None:
    for f in _flat(flowables):
        if isinstance(f, Table):
            data_table(f, parent, **kw)
        else:
            content([f], parent)


def _matrix(b: p.MatrixBlock, flowables, parent: Elem) -> None:
    for f in _flat(flowables):
        if isinstance(f, Table) and f.repeatRows:
            data_table(f, parent)
        elif isinstance(f, Table):  # the key: each swatch labels its meaning
            key = parent.add("L", attrs={"O": "List", "ListNumbering": "None"})
            swatches, labels = f._cellvalues
            for s, lab in zip(swatches, labels):
                li = key.add("LI")
                _cell(s, li.add("Lbl"))
                _cell(lab, li.add("LBody"))
        else:
            content([f], parent)


def _charts(b: p.ChartBlock, flowables, parent: Elem) -> None:
    alts = [chart_alt(c, b.previous[k] if b.previous else (), b.since) for k, c in enumerate(b.charts) if c.bars]
    content(flowables, parent, alts)


def _endnotes(b: p.Endnotes, flowables, parent: Elem) -> None:
    """The endnotes: a numbered list whose every body is a ``Note`` (with the ``/ID`` PDF/UA asks for),
    which the markers' ``Reference`` → ``Link`` elements point at."""
    notes = iter(b.notes)
    run = None
    for f in _flat(flowables):
        number = getattr(f, "bulletText", None) if isinstance(f, Paragraph) else None
        if not number:
            run = None
            content([f], parent)
            continue
        if run is None:
            run = parent.add("L", attrs=_list_attrs(number))
        li = run.add("LI")
        label = li.add("Lbl")
        note = next(notes, None)
        ident = f"note-{note.number}" if note is not None else None
        tag(f, li.add("LBody").add("Note", ident=ident), label)


def _figure(b: p.FigureBlock, flowables, parent: Elem) -> None:
    """The image is a ``Figure`` with the figure's alt text; "Figure N: caption" its ``Caption``; the
    source line and credit paragraphs."""
    for f in flowables:
        tag(f.image, parent.add("Figure", alt=b.shown.alt))
        caption, *rest = f.words
        tag(caption, parent.add("Caption"))
        for w in rest:
            tag(w, parent.add("P"))


def tag_block(block, flowables, parent: Elem) -> None:
    """Give ``flowables`` (what the emitter made of ``block``) their structure elements under ``parent``."""
    if isinstance(block, p.TitleBlock):
        for f in flowables:
            tag(f, parent.add("H1" if _is_title(f) else "P"))
    elif isinstance(block, p.MemoHeader):  # label | value rows: the labels are row headers
        _tables(flowables, parent, header_rows=0)
    elif isinstance(block, p.MatrixBlock):
        _matrix(block, flowables, parent)
    elif isinstance(block, p.ChartBlock):
        _charts(block, flowables, parent)
    elif isinstance(block, (p.OutcomeTable, p.PositionTable, p.PositionList, p.ReactionTable)):
        _tables(flowables, parent)
    elif isinstance(block, p.Endnotes):
        _endnotes(block, flowables, parent)
    elif isinstance(block, p.FigureBlock):
        _figure(block, flowables, parent)
    else:  # headings, text, lists, the bottom line, the notice, what changed, endnotes
        content(flowables, parent)


def findings(root: Elem) -> list[str]:
    """Accessibility problems visible in the tree as drawn (build warnings): a chart without alt
    text, a data table without header cells, a memo without headings."""
    out, roles = [], []

    def walk(e: Elem) -> None:
        if not e.has_content():
            return
        roles.append(e.role)
        if e.role == "Figure" and (e.alt or "Chart") == "Chart":
            out.append("a chart has no alt text")
        if e.role == "Table" and not _has(e, "TH"):
            out.append("a table has no header cells")
        for k in e.elements():
            walk(k)

    def _has(e: Elem, role: str) -> bool:
        return any(k.role == role or _has(k, role) for k in e.elements())

    walk(root)
    if not any(r in ("H1", "H2", "H3") for r in roles):
        out.append("the memo has no headings")
    return out
