"""Where the parties stand: the stance heatmap (parties by issues) with its key, and the "divides at
a glance" dot plot of every issue on one scale."""
from __future__ import annotations

from dataclasses import replace

from ... import present
from ...model import SCORES
from ...present import colours
from ...text import plain
from .. import fit
from ..dots import StanceDots
from ..layout import BODY, MAX_ISSUE_COLUMNS, fit_title, fits, shorten
from ..model import INSET, Box, Group, Paragraph, Picture, Rect, Run, Slide, StanceStrip, Table, TableCell, Text
from .context import Deck

TITLE = "Where the parties stand"


def heatmap(d: Deck) -> list[Slide]:
    mx = d.e.charts.matrix
    if not mx.parties or not mx.issues:
        return [d.note_slide("heatmap", TITLE, present.words.EMPTY["matrix"])]
    chunks = present.balanced_chunks(len(mx.issues), MAX_ISSUE_COLUMNS)
    starred = [False]  # a cell too narrow for "old → new" shows "new*", which the key then explains
    out = []
    for cols in chunks:
        out += _heatmap_tables(d, mx, cols, starred)
    if len(out) > 1:
        out = [replace(s, title=f"{s.title} ({n}/{len(out)})", title_size=fit_title(f"{s.title} ({n}/{len(out)})"))
               for n, s in enumerate(out, 1)]
    return out


def _heatmap_tables(d: Deck, mx, cols, starred: list) -> list[Slide]:
    hdr_fill, hdr_text = d.t.color("table.header.fill"), d.t.color("table.header.text")
    first_w = 150.0
    col_w = min(130.0, (BODY.w - first_w) / len(cols))
    widths = (first_w,) + (col_w,) * len(cols)
    key_h = 36.0 + (22.0 if d.changes and d.changes.stances_moved else 0.0)
    leaders = _leaders(d, mx)
    key_top = key_h - 10  # the key's own lines, under a 10 pt gap; the leaders' line below them
    key_h += leaders.box.h if leaders else 0.0
    avail = BODY.h - key_h
    hsize = 13

    def head_h(name):
        return fit.height([fit.Para(name, hsize, True)], col_w - 2 * 7.2) + 2 * 3.6 + 2

    # A paragraph-long issue or party name would push the table off the slide: beyond a share of the
    # body it ends in "…" here (the notes and the issue slides have it whole).
    heads = [mx.issues[c].name for c in cols]
    heads = [h if head_h(h) <= avail * 0.4 else shorten(h, lambda t: head_h(t) <= avail * 0.4) for h in heads]
    for c, h in zip(cols, heads):
        if h != mx.issues[c].name:
            d.advice.cut(mx.issues[c].name, "a column heading of the stance table")
    header_h = max(head_h(h) for h in heads)
    labels = [p.short for p in mx.parties]
    for size in (18, 16, 14):  # shrink rows before splitting parties across slides
        row_h = max(size * 1.9, max(fit.height([fit.Para(p.short, size, True)], first_w - 14.4) + 11.2
                                    for p in mx.parties))
        if header_h + row_h * len(mx.parties) <= avail:
            break
    max_row = (avail - header_h) / min(len(mx.parties), 4)
    if row_h > max_row:
        def ok(t):
            return fit.height([fit.Para(t, size, True)], first_w - 14.4) + 11.2 <= max_row
        labels = [name if ok(name) else shorten(name, ok) for name in labels]
        row_h = max_row
    per_page = max(1, int((avail - header_h) // row_h))
    one_line = fit.height([fit.Para("X", size, True)], first_w - 14.4)
    for p, label in zip(mx.parties, labels):  # cut, or so tall that the table splits over slides
        tall = per_page < len(mx.parties) and fit.height([fit.Para(p.short, size, True)], first_w - 14.4) > one_line
        if label != p.short or tall:
            d.advice.cut(p.short, "the stance table's party column")
    slides = []
    for start in range(0, len(mx.parties), per_page):
        rows = [tuple([TableCell("", hsize, hdr_fill, hdr_text, True)] +
                      [TableCell(h, hsize, hdr_fill, hdr_text, True, "center") for h in heads])]
        for r in range(start, min(start + per_page, len(mx.parties))):
            row = [TableCell(labels[r], size, d.t.color("table.zebra.fill"), d.text, True)]
            for c in cols:
                cell = mx.cell(r, c)
                fill = colours.fill_for(d.t, "stance", cell.score)
                label = present.score_cell(cell.score, cell.basis)
                was = d.changes.previous_score(cell.party.id, cell.issue.id) if d.changes else None
                if was is not None:  # moved: "−1 → −2" where it fits the cell, else a mark the key explains
                    moved = present.moved(present.signed(was), label)
                    if fit.metrics(bold=True).width(moved, size) <= col_w - 14.4:
                        label = moved
                    else:
                        label, starred[0] = f"{label}*", True
                color = d.muted if cell.score is None else present.text_on(fill, d.t)
                row.append(TableCell(label, size, fill, color, cell.score is not None, "center"))
            rows.append(tuple(row))
        heights = (header_h,) + (row_h,) * (len(rows) - 1)
        box = Box(BODY.x, BODY.y, sum(widths), sum(heights))
        table = Table(box, widths, heights, tuple(rows), mx.alt_text(), name="Stance heatmap")
        shapes = [table] + _stance_key(d, BODY.y + sum(heights) + 10, starred[0])
        if leaders:  # the deck introduces its parties here: each with its leader, under the key
            y = BODY.y + sum(heights) + 10 + key_top
            shapes.append(replace(leaders, box=replace(leaders.box, y=y)))
        shown = [mx.cell(r, c) for r in range(start, min(start + per_page, len(mx.parties))) for c in cols]
        slides.append(d.slide("heatmap", TITLE, shapes, _stance_notes(d, mx),
                              cites=stance_sources(d, ((x.party.id, x.issue.id) for x in shown))))
    return slides


def _leaders(d: Deck, mx) -> Text | None:
    """"Leaders: Ukraine, President Volodymyr Zelensky; …" in one or two lines (shortened beyond
    that; the notes name every leader), or None when the content names no leader."""
    named = [f"{p.short}, {plain(p.leader)}" for p in mx.parties if p.leader]
    if not named:
        return None
    # A left-to-right mark before each "; ": a list of right-to-left names in an English line would
    # otherwise run together as one right-to-left run, its items in reverse order.
    text = "Leaders: " + "; ".join(f"\u200e{item}\u200e" for item in named)

    def para(t):
        return (Paragraph((Run(t),), 12, color=d.muted),)
    for h in (22.0, 40.0):
        box = Box(BODY.x, 0, BODY.w, h)
        if fits(list(para(text)), box):
            return Text(box, para(text), name="Leaders")
    return Text(box, para(shorten(text, lambda t: fits(list(para(t)), box))), name="Leaders")


def _stance_key(d: Deck, y, starred: bool) -> list:
    """Colour key under the heatmap, plus what the inferred mark and "—" mean."""
    shapes, x = [], BODY.x
    for score in SCORES:
        shapes.append(Rect(Box(x, y + 4, 14, 14), colours.fill_for(d.t, "stance", score),
                           name=f"Key {present.signed(score)}"))
        label = f"{present.signed(score)} {present.words.score_label(score)}"
        w = fit.metrics().width(label, 12) + 2 * INSET + 4
        shapes.append(Text(Box(x + 16, y, w, 22), (Paragraph((Run(label),), 12, color=d.text),), name="Key label"))
        x += 16 + w + 10
    expl = f"{present.INFERRED_MARK} inferred by the analyst   {present.NO_STANCE} no stance in the source"
    if d.changes and d.changes.stances_moved:  # a line of its own: the key row is full
        example = present.moved(present.signed(-1), present.signed(-2))
        shapes.append(Text(Box(BODY.x, y + 24, BODY.w, 22), (Paragraph((Run(
            f"{example}: the score moved since {d.since}"
            + ("; * moved (the old score is in the notes)" if starred else ""),
            False, True),), 12, color=d.muted),), name="Key moved"))
    shapes.append(Text(Box(x, y, BODY.x + BODY.w - x, 22), (Paragraph((Run(expl, False, True),), 12,
                                                                    color=d.muted),), name="Key notes"))
    return shapes


def _stance_notes(d: Deck, mx) -> str:
    lines = [f"Scores run from {present.signed(-2)} (strongly opposes the proposition) to {present.signed(2)} "
             "(strongly supports it)."]
    for row in mx.rows:
        for c in row:
            if c.score is not None:
                lines.append(f"{c.party.name} on {c.issue.name}: {present.signed(c.score)} "
                             f"({c.basis}). {plain(c.summary)}")
    if d.changes and d.changes.stances_moved:
        lines.append(f"Moved since {d.since}: " + "; ".join(
            f"{m.party_name} on {m.issue_name} {present.moved(present.signed(m.old), present.signed(m.new))}"
            for m in d.changes.stances_moved) + ".")
    leaders = [f"{p.name}: {plain(p.leader)}" for p in mx.parties if p.leader]
    if leaders:
        lines.append("Leaders named in the sources: " + "; ".join(leaders) + ".")
    missing = [f"{c.party.short} on {c.issue.name}" for row in mx.rows for c in row if c.score is None]
    if missing:
        lines.append("No stance in the source: " + "; ".join(missing) + ".")
    return "\n".join(lines)


def stance_sources(d: Deck, pairs) -> list:
    """The sources of the stances a slide shows, graded, for its source line: (party id, issue id) pairs."""
    stances = [s for s in (d.b.stance(p, i) for p, i in pairs) if s is not None]
    return [r for s in stances for r in d.refs((s.source,), s.credibility)]


def divides(d: Deck) -> list[Slide]:
    """Every issue on one scale: where the parties cluster and where they split. Drawn with native
    shapes placed here (editable, no matplotlib); ``deck.pictures: matplotlib`` draws a picture."""
    charts = d.e.charts.by_issue
    if not any(c.bars for c in charts):
        return []
    scale = tuple(colours.fill_for(d.t, "stance", s) for s in SCORES)
    rows = []
    for c in charts:
        points = tuple((score, tuple(b.label + (present.INFERRED_MARK if b.basis == "inferred" else "")
                                     for b in c.bars if b.score == score))
                       for score in SCORES if any(b.score == score for b in c.bars))
        rows.append((c.title, points))
    box = Box(BODY.x, BODY.y, BODY.w, BODY.h - 22)
    rule = d.t.color("color.rule")
    native = d.t.get("deck.pictures", "native") != "matplotlib"
    if native:
        dots = StanceDots(rows, box, scale, d.text, d.muted, rule)
        chunks = dots.pages()
        d.warnings.extend(dots.warnings)
    else:
        chunks = present.balanced_chunks(len(charts), MAX_ISSUE_COLUMNS)
    out = []
    for n, chunk in enumerate(chunks, 1):
        some = [charts[i] for i in chunk]
        strip = StanceStrip(tuple(rows[i] for i in chunk), scale, d.text, d.muted, rule)
        alt = (f"Dot plot of every party's score on each issue, from {present.signed(-2)} (strongly opposes) to "
               f"{present.signed(2)} (strongly supports): " + "; ".join(
                   f"{c.title}: " + (", ".join(f"{b.label} {present.signed(b.score)}" for b in c.bars) or
                                     "no stances in the source") for c in some) + ".")
        key = Text(Box(BODY.x, BODY.y + BODY.h - 22, BODY.w, 22), (Paragraph((Run(
            f"Each dot is a score; the parties above it hold it. {present.INFERRED_MARK} inferred by the analyst.",
            False, True, d.muted),), 12),), name="Picture key")
        title = "Divides at a glance" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else "")
        notes = "Where the parties cluster and where they split, issue by issue.\n" + "\n".join(
            f"{c.title}: " + ("; ".join(f"{b.label} {present.signed(b.score)} ({b.basis})"
                                        for b in c.bars) or "no stances in the source") for c in some)
        figure = (Group(box, dots.shapes(chunk), alt, strip, name="Stance dots") if native
                  else Picture(box, strip, alt, name="Stance strip"))
        out.append(d.slide("divides", title, [figure, key], notes,
                           cites=stance_sources(d, ((p.id, d.b.issues[i].id) for i in chunk for p in d.b.parties))))
    return out
