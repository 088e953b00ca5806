"""Possible outcomes: the overview table, then one slide per outcome (likelihood scale, summary,
conditions and obstacles, the parties' positions)."""
from __future__ import annotations

from dataclasses import replace

from ... import present
from ...model import LIKELIHOODS
from ...present import analytic, colours
from ...text import plain
from .. import fit
from ..layout import BODY, fits, measure, shorten
from ..model import INSET, Box, Paragraph, Rect, Run, Slide, Table, TableCell, Text
from .context import Deck, runs


def likelihood_cell(d: Deck, o) -> TableCell:
    fill = colours.fill_for(d.t, "likelihood", o.likelihood)
    word = analytic.term_word(d.b.meta.likelihood_scale, o.term)
    return TableCell(word, 16 if len(word) <= 12 else 13, fill, present.text_on(fill, d.t), True, "center")


def _confidence_notes(o) -> str:
    """For notes: " Confidence: moderate. Why." (apart from the likelihood sentence), else ""."""
    text = analytic.confidence_phrase(o.confidence)
    return (f" {text}" + (f" {plain(o.confidence_note)}" if o.confidence_note else "")) if text else ""


def _likelihood_moved(d: Deck, o) -> str:
    """For notes: ", up from low since 19 November 2026" where the likelihood changed, else ""."""
    direction = d.changes.likelihood_direction(o.id) if d.changes else None
    if not direction:
        return ""
    was = next(c.old for c in d.changes.likelihood_changed if c.outcome == o.id)
    return f", {direction} from {was} since {d.since}"


def _notes_basis(o) -> str:
    return present.likelihood_basis_word(o.likelihood_basis).lower()


def ordered(d: Deck) -> list:
    """The outcomes most likely first, as every edition orders them (``analytic.likelihood_order``)."""
    return analytic.likelihood_order(d.b.meta.likelihood_scale, d.b.outcomes)


def _summary(d: Deck, o) -> str:
    """What the outcome would mean, with its graded endnote markers when graded."""
    return plain(o.summary) + d.marker(o.sources, o.credibility)


def outcomes_overview(d: Deck) -> list[Slide]:
    outs = ordered(d)
    if not outs:
        return [d.note_slide("outcomes", "Possible outcomes", present.words.EMPTY["outcomes"])]
    hdr_fill, hdr_text = d.t.color("table.header.fill"), d.t.color("table.header.text")
    widths = (260.0, 150.0, BODY.w - 410.0)
    size = 15

    def row_h(o):
        return max(fit.height([fit.Para(plain(o.title), size, True)], widths[0] - 14.4),
                   fit.height([fit.Para(_summary(d, o), size)], widths[2] - 14.4)) + 7.2 + 6
    header = (TableCell("Outcome", 14, hdr_fill, hdr_text, True),
              TableCell("Likelihood", 14, hdr_fill, hdr_text, True, "center"),
              TableCell("What it would mean", 14, hdr_fill, hdr_text, True))
    header_h = 30.0
    pages, cur, h = [], [], header_h
    legend = analytic.scale_legend(d.b.meta.likelihood_scale)
    # room for the scale's legend under the first table page, so it is printed once however many pages
    avail = BODY.h - 30 - (fit.height([fit.Para(legend, 12)], BODY.w - 14.4) + 6 if legend else 0)
    for o in outs:
        rh = max(40.0, row_h(o))
        if cur and h + rh > avail:
            pages.append(cur)
            cur, h = [], header_h
        cur.append((o, rh))
        h += rh
    pages.append(cur)
    foot = present.words.likelihood_note(o.likelihood_basis for o in outs)
    if d.changes and d.changes.likelihood_changed:
        foot += f" {present.words.UP}{present.words.DOWN} likelihood changed since {d.since_short}."
    notes = "\n".join(f"{o.title}: likelihood {o.term}{_likelihood_moved(d, o)} ({_notes_basis(o)})."
                      f"{_confidence_notes(o)} {plain(o.summary)} {plain(o.likelihood_note or '')}".rstrip() for o in outs)
    if legend:
        notes += "\n" + legend
    out = []
    for n, page in enumerate(pages, 1):
        rows = [header]
        for o, _ in page:
            lik = likelihood_cell(d, o)
            if o.likelihood_basis == "stated":
                lik = replace(lik, text=f"{lik.text} (stated)")
            direction = d.changes.likelihood_direction(o.id) if d.changes else None
            if direction:
                lik = replace(lik, text=f"{present.words.direction_mark(direction)} {lik.text}")
            rows.append((TableCell(plain(o.title), size, None, d.text, True), lik,
                         TableCell(_summary(d, o), size, None, d.text)))
        heights = (header_h,) + tuple(rh for _, rh in page)
        alt = "Table of possible outcomes: " + "; ".join(
            f"{plain(o.title)}, likelihood {present.likelihood_word(o.likelihood).lower()}" for o, _ in page) + "."
        table = Table(Box(BODY.x, BODY.y, BODY.w, sum(heights)), widths, heights, tuple(rows), alt, name="Outcomes")
        foot_box = Box(BODY.x, BODY.y + sum(heights) + 8, BODY.w, 24)
        shapes = [table, Text(foot_box, (Paragraph((Run(foot, False, True),), 13, color=d.muted),),
                              name="Likelihood note")]
        if legend:  # the scale's terms and ranges, once: on the first table page with room for it
            lbox = Box(BODY.x, foot_box.y + foot_box.h + 2, BODY.w, BODY.y + BODY.h - foot_box.y - foot_box.h - 2)
            lpara = (Paragraph((Run(legend, False, False),), 12, color=d.muted),)
            if lbox.h > 0 and fits(lpara, lbox):
                shapes.append(Text(lbox, lpara, name="Likelihood scale"))
                legend = None
        title = "Possible outcomes" + (f" ({n}/{len(pages)})" if len(pages) > 1 else "")
        out.append(d.slide("outcomes", title, shapes, notes, cites=[r for o, _ in page for r in d.refs(o.sources, o.credibility)]))
    return out


def outcome_slides(d: Deck) -> list[Slide]:
    return [s for o in ordered(d) for s in outcome_slide(d, o)]


def outcome_slide(d: Deck, o) -> list[Slide]:
    left = Box(BODY.x, BODY.y, 250, BODY.h)
    mid = Box(BODY.x + 270, BODY.y, 370, BODY.h)
    right = Box(BODY.x + 660, BODY.y, BODY.w - 660, BODY.h)
    fixed = _likelihood_scale(d, o, left)
    y0 = max(left.y + 100, max(sh.box.y + sh.box.h for sh in fixed) + 12)
    summ_box = Box(left.x, y0, left.w, left.y + left.h - y0)
    spara = Paragraph(runs(o.summary + d.marker(o.sources, o.credibility)), 16, color=d.text)
    ssize = next((s for s in (16, 15, 14, 13, 12) if fits([replace(spara, size=s)], summ_box)), None)
    if ssize is None:
        d.warnings.append(f"{o.title}: summary moved to the speaker notes (too long for the slide)")
    else:
        fixed.append(Text(summ_box, (replace(spara, size=ssize),), name="Outcome summary"))
    fixed += _positions_table(d, o, right)
    # Conditions then obstacles, one flowing list that may continue on further slides.
    items = [("Conditions", None)] + [("Conditions", c) for c in o.conditions or (present.NONE_STATED,)]
    items += [("Obstacles", None)] + [("Obstacles", c) for c in o.obstacles or (present.NONE_STATED,)]
    if o.indicators:
        items += [("Indicators", None)] + [("Indicators", analytic.indicator_text(i, d.language) + d.marker(i.sources))
                                           for i in o.indicators]

    def make(i, size, first):
        head, text = items[i]
        if text is None:
            return [Paragraph((Run(head, True, False, d.primary),), size + 2,
                              space_before=0 if first else size * 0.9)]
        bullet = d.item(text, size, gap=size * 0.3)
        if first and i > 0:  # a continuation slide starts mid-list: repeat its heading
            return [Paragraph((Run(f"{head} (continued)", True, False, d.primary),), size + 2), bullet]
        return [bullet]
    pages = d.paginate(make, len(items), mid, (18, 17, 16, 15, 14, 13, 12), heading=lambda i: items[i][1] is None)
    positions = {p.party: p.position for p in o.positions}
    notes = [f"{o.title}. {plain(o.summary)}",
             f"Likelihood: {o.term}{_likelihood_moved(d, o)} ({_notes_basis(o)}). "
             + plain(o.likelihood_note or "") + _confidence_notes(o),
             "Conditions: " + ("; ".join(plain(c) for c in o.conditions) or "none stated in the source") + ".",
             "Obstacles: " + ("; ".join(plain(c) for c in o.obstacles) or "none stated in the source") + ".",
             *(["Indicators: " + "; ".join(analytic.indicator_text(i, d.language) for i in o.indicators) + "."]
               if o.indicators else []),
             "Positions: " + "; ".join(f"{p.short} {present.position_word(positions.get(p.id, 'unknown')).lower()}"
                                       for p in d.b.parties) + "."]
    slides = []
    for n, (size, start, end) in enumerate(pages, 1):
        paras = [p for i in range(start, end) for p in make(i, size, i == start)]
        title = o.title if len(pages) == 1 else f"{o.title} ({n}/{len(pages)})"
        shapes = fixed + [Text(mid, tuple(paras), name="Conditions and obstacles")]
        shown = [s for i in range(start, end) if items[i][0] == "Indicators" and items[i][1] is not None
                 for s in d.refs(o.indicators[_indicator_index(items, i)].sources)]
        slides.append(d.slide("outcome", title, shapes, "\n".join(notes),
                              cites=[*d.refs(o.sources, o.credibility), *shown]))
    return slides


def _indicator_index(items, i: int) -> int:
    """Which indicator item ``i`` of the slide's flowing list is (they come last, after their heading)."""
    return i - next(k for k, (head, text) in enumerate(items) if head == "Indicators") - 1


def _likelihood_scale(d: Deck, o, box: Box) -> list:
    """Three steps, low / medium / high, the judged one filled: readable without colour too."""
    shapes = [Text(Box(box.x, box.y - 2, box.w, 26), (Paragraph((Run("Likelihood", True, False, d.muted),), 14),),
                   name="Likelihood label")]
    place, count = analytic.scale_steps(d.b.meta.likelihood_scale, o.term)
    if count != len(LIKELIHOODS):  # a scale of its own (ICD 203: seven): its steps, in its order
        return shapes + _scale_steps(d, o, box, place, count)
    step_w = (box.w - 8) / 3
    for n, level in enumerate(LIKELIHOODS):
        on = level == o.likelihood
        fill = colours.fill_for(d.t, "likelihood", level) if on else d.t.color("stance.none")
        b = Box(box.x + n * (step_w + 4), box.y + 26, step_w, 34)
        shapes.append(Text(b, (Paragraph((Run(present.likelihood_word(level), on),), 15, align="center",
                                         color=present.text_on(fill, d.t) if on else d.muted),),
                           name=f"Likelihood {level}{' (judged)' if on else ''}", fill=fill, anchor="middle"))
    return shapes + _term_lines(d, o, box)


def _scale_steps(d: Deck, o, box: Box, place: int, count: int) -> list:
    """The scale's steps, least to most likely, the judged one filled in its band's colour; the term
    and its range are written underneath (the steps are drawing only: too narrow for the words)."""
    gap = 3.0
    step_w = (box.w - gap * (count - 1)) / count
    fill = colours.fill_for(d.t, "likelihood", o.likelihood)
    shapes = [Rect(Box(box.x + k * (step_w + gap), box.y + 26, step_w, 34),
                   fill if k + 1 == place else d.t.color("stance.none"),
                   name=f"Likelihood step {k + 1} of {count}{' (judged)' if k + 1 == place else ''}")
              for k in range(count)]
    return shapes + _term_lines(d, o, box)


def _term_lines(d: Deck, o, box: Box) -> list:
    """Under the steps: the scale's term and range, the basis (and any change), the confidence."""
    shapes = []
    basis = (Run(present.likelihood_basis_word(o.likelihood_basis), False, True, d.muted),)
    direction = d.changes.likelihood_direction(o.id) if d.changes else None
    if direction:  # "▲ up from low": the change, right under the scale it moved on
        was = next(c.old for c in d.changes.likelihood_changed if c.outcome == o.id)
        basis = (Run(present.words.likelihood_change(direction, was), True, False, d.text),
                 Run(" \u00b7 ", False, False, d.muted)) + basis
    y = box.y + 64
    scale = d.b.meta.likelihood_scale
    rng = analytic.term_range(scale, o.term)
    if o.term != o.likelihood or rng:  # a scale's own term: named, with its range, under the band
        term = analytic.term_word(scale, o.term) + (f" ({rng})" if rng else "")
        shapes.append(Text(Box(box.x, y, box.w, 26), (Paragraph((Run(term, True, False, d.text),), 14),),
                           name="Likelihood term"))  # 14 pt bold needs a little over 24 pt with the insets
        y += 26
    shapes.append(Text(Box(box.x, y, box.w, 24), (Paragraph(basis, 13),), name="Likelihood basis"))
    if o.confidence:  # a line of its own: never merged into the likelihood
        shapes.append(Text(Box(box.x, y + 24, box.w, 24),
                           (Paragraph((Run(analytic.confidence_phrase(o.confidence), True, False, d.text),), 13),),
                           name="Confidence"))
    return shapes


def _positions_table(d: Deck, o, box: Box) -> list:
    """The parties with a stated position, as a table; those without one summed up underneath
    ("Not stated: A, B, C"), so a briefing with many parties stays on the slide. Rows shrink to
    12 pt; beyond that the table ends with "+N more" (every position is in the notes)."""
    parties = d.b.parties
    if not parties:
        return []
    pos = {p.party: p.position for p in o.positions}
    stated = [(p, pos[p.id]) for p in parties if pos.get(p.id, "unknown") != "unknown"]
    silent = [p.short for p in parties if pos.get(p.id, "unknown") == "unknown"]
    hdr_fill, hdr_text = d.t.color("table.header.fill"), d.t.color("table.header.text")
    widths = (box.w * 0.52, box.w * 0.48)
    header_h = 28.0

    def note(text, size):
        return (Paragraph((Run(text, False, True, d.muted),), size),)

    def note_box(y, h):
        return Box(box.x, y, box.w, h)

    def row_h(name, size):
        return fit.height([fit.Para(name, size, True)], widths[0] - 14.4) + 7.2 + 6
    not_stated = present.position_word("unknown")
    max_row = row_h("x\nx\nx", 12)  # a name gets three lines at most; a longer one ends in "…" (notes: whole)
    for size in (15, 14, 13, 12):
        labels = {p.id: p.short if row_h(p.short, size) <= max_row else
                  shorten(p.short, lambda t: row_h(t, size) <= max_row) for p, _ in stated}
        rh = max((row_h(labels[p.id], size) for p, _ in stated), default=0)
        rows_h = header_h + rh * len(stated) if stated else 0.0
        left = box.h - rows_h - (6 if stated else 0)
        text = (f"{not_stated}: {', '.join(silent)}" if stated else
                "No party's position on this outcome is stated in the source.") if silent else ""
        nsize = max(12, size - 2)
        if rows_h <= box.h and (not text or fits(note(text, nsize), note_box(0, left))):
            break
    else:
        text = None
    shown = stated
    if text is None:  # too many parties even at 12 pt: as many rows as fit, the rest counted
        nsize = 12

        def more_text(n):
            return f"+{n} more (every party's position is in the speaker notes)"
        note_h = measure(note(more_text(len(parties)), nsize), box) + 2 * INSET  # the longest count
        room = int((box.h - header_h - 6 - note_h) // rh)
        shown = stated[:max(0, room)]
        more = len(stated) - len(shown) + len(silent)
        text = more_text(more)
        d.warnings.append(f"{o.title}: {more} party positions listed in the notes only (too many for the slide)")
    for p, _ in stated:
        if labels[p.id] != p.short:
            d.advice.cut(p.short, "the party column of an outcome's positions")
    out = []
    if shown:
        rows = [(TableCell("Party", 13, hdr_fill, hdr_text, True), TableCell("Position", 13, hdr_fill, hdr_text, True))]
        for p, position in shown:
            fill = colours.fill_for(d.t, "position", position)
            rows.append((TableCell(labels[p.id], size, None, d.text, True),
                         TableCell(present.position_word(position), size, fill, present.text_on(fill, d.t), True,
                                   "center")))
        heights = (header_h,) + (rh,) * len(shown)
        alt = (f"Party positions on {plain(o.title)}: "
               + ", ".join(f"{p.short} {present.position_word(position).lower()}" for p, position in stated)
               + (f"; not stated: {', '.join(silent)}" if silent else "") + ".")
        out.append(Table(Box(box.x, box.y, box.w, sum(heights)), widths, heights, tuple(rows), alt,
                         name="Party positions"))
    if text:
        y = box.y + (sum(heights) + 6 if shown else 0)
        out.append(Text(note_box(y, box.y + box.h - y), note(text, nsize), name="Positions not stated"))
    return out
