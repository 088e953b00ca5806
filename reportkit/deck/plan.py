"""Edition -> DeckPlan: every decision about the deck (which slides, what text, where, what size,
when to split onto a continuation slide). Pure: imports no python-pptx, so it is tested directly.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..charts import DivergingChart, signed
from ..diff.digest import arrow, chart_previous, digest
from ..model import LIKELIHOODS, SCORE_LABELS
from ..text import plain, spans
from . import fit
from .dots import StanceDots
from .model import (INSET, SLIDE_H, SLIDE_W, Box, Chart, Chrome, DeckPlan, Group, Image, Paragraph, Picture, Rect,
                    Run, Slide, StanceStrip, Table, TableCell, Text)

MARGIN = 36.0
TITLE_BOX = Box(MARGIN, 26, SLIDE_W - 2 * MARGIN, 66)
BODY = Box(MARGIN, 104, SLIDE_W - 2 * MARGIN, 388)  # ends at 492; footer 496..518, banner 520..540
TITLE_SIZES = (28, 26, 24, 22, 20)
COVER_TITLE = Box(72, 95, SLIDE_W - 144, 140)  # title slide: title bottom-aligned just above the subtitle
COVER_SIZES = (44, 40, 36, 32, 28)
COVER_SUBTITLE = Box(72, 240, SLIDE_W - 144, 72)
LOGO_BOX = Box(SLIDE_W - 72 - 220, 40, 220, 48)  # title slide, top right, above the title
MIN_SIZE = 12  # nothing on a slide body is smaller (footers and chart keys excepted)
STANCE_KEYS = ("strongly_oppose", "oppose", "neutral", "support", "strongly_support")
BULLET_INDENT = 18.0
INFERRED = "\u2020"  # the dagger the memo uses too, so both products mark inferred scores alike


def _stance_color(theme, score):
    return theme.color("stance.none") if score is None else theme.color(f"stance.{STANCE_KEYS[score + 2]}")


def on_color(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (WCAG relative luminance)."""
    def chan(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)
    return "#FFFFFF" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#1B1F24"


def _runs(text: str, bold: bool = False, color: str | None = None) -> tuple[Run, ...]:
    return tuple(Run(s.text, bold or s.bold, s.italic, color) for s in spans(text)) or (Run(""),)


def _measure(paras, box: Box) -> float:
    return fit.height([fit.Para(p.text, p.size, p.bold, p.indent, p.space_before)
                       for p in paras], box.inner_w)


def _fits(paras, box: Box) -> bool:
    return _measure(paras, box) <= box.inner_h + 0.01


def fit_title(text: str, box: Box = TITLE_BOX, sizes=TITLE_SIZES) -> float:
    for size in sizes:
        if _fits([Paragraph((Run(text, True),), size)], box):
            return size
    return sizes[-1]  # the title planner splits no further; the overflow check reports it


_PART = re.compile(r" \(\d+/\d+\)$")  # " (2/3)" on continuation slides: kept when a title is shortened


def shorten_title(text: str, box: Box = TITLE_BOX, size: float = TITLE_SIZES[-1]) -> str:
    """``text``, or its first words and "…" when it cannot fit ``box`` even at ``size`` (a content
    title may be a paragraph long; the slide's speaker notes keep it whole)."""
    def ok(t):
        return _fits([Paragraph((Run(t, True),), size)], box)

    if ok(text):
        return text
    part = _PART.search(text)
    return shorten(text[:part.start()] if part else text, ok, part.group() if part else "")


def shorten(text: str, ok, after: str = "") -> str:
    """The first words of ``text`` and "…" (then ``after``), as many as ``ok(candidate)`` accepts."""
    suffix = "\u2026" + after
    text = text[:400]  # no box on a slide holds more
    lo, hi = 1, len(text)  # the longest start that fits, by bisection (fit grows with length)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if ok(text[:mid].rstrip() + suffix) else (lo, mid - 1)
    head, space = text[:lo], text[:lo].rfind(" ")
    if lo < len(text) and text[lo] != " " and space > 0.6 * lo:  # end on a whole word if that costs little
        head = head[:space]
    return head.rstrip(" ,;:-") + suffix


class Planner:
    def __init__(self, edition):
        self.e = edition
        self.b = edition.briefing
        self.t = edition.theme
        self.warnings: list[str] = []
        self.text = self.t.color("color.text")
        self.muted = self.t.color("color.muted")
        self.primary = self.t.color("color.primary")
        c = getattr(edition, "changes", None)  # diff.Changes (build --since); only meaningful ones are shown
        self.changes = c if c is not None and c.meaningful else None
        self.since = digest(c).since if self.changes else ""
        self._starred = False  # a heatmap cell too narrow for "old → new" shows "new*"

    # ---- building blocks -------------------------------------------------------------------
    def slide(self, kind, title, shapes, notes, layout="content") -> Slide:
        short = shorten_title(title, TITLE_BOX if layout != "title" else COVER_TITLE,
                              TITLE_SIZES[-1] if layout != "title" else COVER_SIZES[-1])
        if short != title:
            self.warnings.append(f"slide title shortened to fit (full title in the notes): {short}")
            notes = notes if notes and title in notes else f"{title}\n\n{notes}" if notes else title
        notes = notes if self.e.speaker_notes else None
        return Slide(kind, layout, short, TITLE_BOX, fit_title(short), tuple(shapes), notes)

    def item(self, text, size, bullet="•", lead: str | None = None, lead_color=None, gap=None) -> Paragraph:
        runs = ((Run(lead, True, False, lead_color),) if lead else ()) + _runs(text)
        return Paragraph(runs, size, bullet, BULLET_INDENT if bullet else 0.0,
                         size * 0.5 if gap is None else gap)

    def paginate(self, make, count: int, box: Box, sizes) -> list[tuple[float, int, int]]:
        """Split items 0..count-1 into pages of (size, start, end). ``make(i, size)`` -> paragraphs.

        Shrink first (one page at the largest size that fits); when even the smallest size does not
        fit, split at the second-largest size so continuation slides stay readable.
        """
        if count == 0:
            return []
        for size in sizes:
            if _fits([p for i in range(count) for p in make(i, size, i == 0)], box):
                return [(size, 0, count)]
        size = sizes[min(1, len(sizes) - 1)]
        pages, start = [], 0
        while start < count:
            end = start + 1
            while end < count and _fits([p for i in range(start, end + 1) for p in make(i, size, i == start)], box):
                end += 1
            page_size = size
            if not _fits([p for i in range(start, end) for p in make(i, size, i == start)], box):
                page_size = next((s for s in sizes if _fits(make(start, s, True), box)), sizes[-1])
                if page_size == sizes[-1] and not _fits(make(start, page_size, True), box):
                    self.warnings.append(f"an item is too long for one slide even at {page_size} pt: "
                                         f"{plain(make(start, page_size, True)[0].text)[:60]}…")
            pages.append((page_size, start, end))
            start = end
        return pages

    def list_slides(self, kind, title, make, count, notes, box=BODY, sizes=(22, 20, 18, 16, 14)):
        pages = self.paginate(make, count, box, sizes)
        out = []
        for n, (size, start, end) in enumerate(pages, 1):
            paras = tuple(p for i in range(start, end) for p in make(i, size, i == start))
            t = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
            out.append(self.slide(kind, t, [Text(box, paras, name=f"{title} text")], notes))
        return out

    # ---- slides ---------------------------------------------------------------------------
    def title_slide(self) -> Slide:
        m = self.b.meta
        w = COVER_TITLE.w
        title_box = COVER_TITLE
        title = shorten_title(m.title, title_box, COVER_SIZES[-1])
        size = fit_title(title, title_box, COVER_SIZES)
        lines = fit.line_count(title, title_box.inner_w, size, True)
        rule_y = title_box.y + title_box.h - INSET - lines * fit.line_height(size) - 14
        shapes = [Rect(Box(72 + INSET, rule_y, 80, 5), self.t.color("color.accent"), name="Accent rule")]
        sub = (Paragraph(_runs(m.subtitle), 24, color=self.muted),)
        sub_size = next((s for s in (24, 22, 20, 18, 16) if _fits([replace(sub[0], size=s)], COVER_SUBTITLE)), None)
        if sub_size is None:  # a paragraph where one line belongs: its start here, all of it in the notes
            sub_size = 16
            sub = (replace(sub[0], runs=(Run(shorten(plain(m.subtitle), lambda t: _fits(
                [Paragraph((Run(t),), 16)], COVER_SUBTITLE)), color=self.muted),)),)
        shapes.append(Text(COVER_SUBTITLE, (replace(sub[0], size=sub_size),), name="Subtitle"))
        date = f"{m.date.day} {m.date:%B %Y}"
        meta_box = Box(72, 335, w, 110)
        for k in (1.0, 0.9, 0.8, 0.7, 0.6):  # shrink the block as one, keeping its proportions
            meta = [Paragraph((Run(date, True),), 18 * k, color=self.text),
                    Paragraph((Run(m.organisation),), 16 * k, color=self.muted, space_before=4 * k),
                    Paragraph((Run(m.author),), 16 * k, color=self.muted, space_before=2 * k),
                    Paragraph((Run(m.classification, True),), 16 * k, color=self.text, space_before=6 * k)]
            if _fits(meta, meta_box):
                break
        shapes.append(Text(meta_box, tuple(meta), name="Date and organisation"))
        if self.e.disclaimer:
            box = Box(72, 455, w, 26)
            para = Paragraph((Run(self.e.disclaimer, False, True),), 12, color=self.muted)
            dsize = next((s for s in (12, 11, 10, 9) if _fits([replace(para, size=s)], box)), 9)
            shapes.append(Text(box, (replace(para, size=dsize),), name="Disclaimer"))
        logo = self.logo(LOGO_BOX)
        if logo:
            shapes.append(logo)
        notes = f"{m.title}. {m.subtitle}. {m.memo.subject}. Prepared by {m.author}, {m.organisation}, {date}."
        s = self.slide("title", m.title, shapes, notes, layout="title")
        return replace(s, title_box=title_box, title_size=size)

    def logo(self, box: Box) -> Image | None:
        """The theme's logo at its own aspect ratio, fitted into ``box`` and aligned to its top right."""
        path = self.t.asset("logo")
        if path is None:
            return None
        px_w, px_h = self.t.logo_size()
        scale = min(box.w / px_w, box.h / px_h)
        w, h = px_w * scale, px_h * scale
        return Image(Box(box.x + box.w - w, box.y, w, h), str(path), f"Logo: {plain(self.b.meta.organisation)}",
                     name="Logo")

    def agenda(self, later: list[Slide], first_number: int) -> list[Slide]:
        seen, entries = set(), []
        for n, s in enumerate(later, first_number):
            group = AGENDA_GROUP.get(s.kind)
            if group and group not in seen:
                seen.add(group)
                entries.append((group, n))
        def make(i, size, first):
            group, n = entries[i]
            return [Paragraph((Run(f"{group}"), Run(f"   slide {n}", False, False, self.muted)), size,
                              f"{i + 1}.", 30.0, 0 if first else size * 0.45)]
        notes = "Agenda: " + "; ".join(g for g, _ in entries) + "."
        return self.list_slides("agenda", "Agenda", make, len(entries), notes, sizes=(24, 22, 20, 18, 16))

    def bottom_line(self) -> list[Slide]:
        pts = self.b.summary
        def make(i, size, first):
            return [self.item(pts[i].text, size, gap=0 if first else None)]
        notes = "Bottom line.\n" + "\n".join(f"- {plain(p.text)}" for p in pts)
        if not pts:
            return [self.slide("bottom_line", "Bottom line",
                               [Text(BODY, (Paragraph(_runs("The content gives no bottom-line points."), 20),))], notes)]
        return self.list_slides("bottom_line", "Bottom line", make, len(pts), notes)

    def heatmap(self) -> list[Slide]:
        mx = self.e.charts.matrix
        if not mx.parties or not mx.issues:
            return [self.slide("heatmap", "Where the parties stand", [Text(BODY, (Paragraph(
                _runs("No parties or issues in the source."), 20),))], None)]
        out = []
        n = len(mx.issues)
        per = -(-n // -(-n // 7))  # at most 7 issues a slide, spread evenly (9 -> 5 + 4)
        col_chunks = [list(range(i, min(i + per, n))) for i in range(0, n, per)]
        for cols in col_chunks:
            out += self._heatmap_tables(mx, cols, len(col_chunks) > 1)
        if len(out) > 1:
            out = [replace(s, title=f"{s.title} ({n}/{len(out)})", title_size=fit_title(f"{s.title} ({n}/{len(out)})"))
                   for n, s in enumerate(out, 1)]
        return out

    def _heatmap_tables(self, mx, cols, partial) -> list[Slide]:
        hdr_fill, hdr_text = self.t.color("table.header.fill"), self.t.color("table.header.text")
        first_w = 150.0
        col_w = min(130.0, (BODY.w - first_w) / len(cols))
        widths = (first_w,) + (col_w,) * len(cols)
        key_h = 36.0 + (22.0 if self.changes and self.changes.stances_moved else 0.0)
        avail = BODY.h - key_h
        hsize = 13

        def head_h(name):
            return fit.height([fit.Para(name, hsize, True)], col_w - 2 * 7.2) + 2 * 3.6 + 2

        # A paragraph-long issue or party name would push the table off the slide: beyond a share of the
        # body it ends in "…" here (the notes and the issue slides have it whole).
        heads = [mx.issues[c].name for c in cols]
        heads = [h if head_h(h) <= avail * 0.4 else shorten(h, lambda t: head_h(t) <= avail * 0.4) for h in heads]
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
        slides = []
        for start in range(0, len(mx.parties), per_page):
            rows = [tuple([TableCell("", hsize, hdr_fill, hdr_text, True)] +
                          [TableCell(h, hsize, hdr_fill, hdr_text, True, "center") for h in heads])]
            for r in range(start, min(start + per_page, len(mx.parties))):
                row = [TableCell(labels[r], size, self.t.color("table.zebra.fill"), self.text, True)]
                for c in cols:
                    cell = mx.cell(r, c)
                    fill = _stance_color(self.t, cell.score)
                    label = "—" if cell.score is None else signed(cell.score) + (INFERRED if cell.basis == "inferred" else "")
                    was = self.changes.previous_score(cell.party.id, cell.issue.id) if self.changes else None
                    if was is not None:  # moved: "−1 → −2" where it fits the cell, else a mark the key explains
                        moved = f"{signed(was)} \u2192 {label}"
                        fits = fit.metrics(bold=True).width(moved, size) <= col_w - 14.4
                        label, self._starred = (moved, self._starred) if fits else (f"{label}*", True)
                    color = self.muted if cell.score is None else on_color(fill)
                    row.append(TableCell(label, size, fill, color, cell.score is not None, "center"))
                rows.append(tuple(row))
            heights = (header_h,) + (row_h,) * (len(rows) - 1)
            box = Box(BODY.x, BODY.y, sum(widths), sum(heights))
            table = Table(box, widths, heights, tuple(rows), mx.alt_text(), name="Stance heatmap")
            shapes = [table] + self._stance_key(BODY.y + sum(heights) + 10)
            title = "Where the parties stand"
            slides.append(self.slide("heatmap", title, shapes, self._stance_notes(mx)))
        return slides

    def _stance_key(self, y) -> list:
        """Colour key under the heatmap, plus what the inferred mark and "—" mean."""
        shapes, x = [], BODY.x
        for score in (-2, -1, 0, 1, 2):
            shapes.append(Rect(Box(x, y + 4, 14, 14), _stance_color(self.t, score), name=f"Key {signed(score)}"))
            label = f"{signed(score)} {SCORE_LABELS[score]}"
            w = fit.metrics().width(label, 12) + 2 * INSET + 4
            shapes.append(Text(Box(x + 16, y, w, 22), (Paragraph((Run(label),), 12, color=self.text),), name="Key label"))
            x += 16 + w + 10
        expl = f"{INFERRED} inferred by the analyst   — no stance in the source"
        if self.changes and self.changes.stances_moved:  # a line of its own: the key row is full
            shapes.append(Text(Box(BODY.x, y + 24, BODY.w, 22), (Paragraph((Run(
                f"\u22121 \u2192 \u22122: the score moved since {self.since}"
                + ("; * moved (the old score is in the notes)" if self._starred else ""),
                False, True),), 12, color=self.muted),), name="Key moved"))
        shapes.append(Text(Box(x, y, BODY.x + BODY.w - x, 22), (Paragraph((Run(expl, False, True),), 12,
                                                                        color=self.muted),), name="Key notes"))
        return shapes

    def _stance_notes(self, mx) -> str:
        lines = ["Scores run from −2 (strongly opposes the proposition) to +2 (strongly supports it)."]
        for row in mx.rows:
            for c in row:
                if c.score is not None:
                    lines.append(f"{c.party.name} on {c.issue.name}: {signed(c.score)} ({c.basis}). {plain(c.summary)}")
        if self.changes and self.changes.stances_moved:
            lines.append(f"Moved since {self.since}: " + "; ".join(
                f"{m.party_name} on {m.issue_name} {signed(m.old)} \u2192 {signed(m.new)}"
                for m in self.changes.stances_moved) + ".")
        missing = [f"{c.party.short} on {c.issue.name}" for row in mx.rows for c in row if c.score is None]
        if missing:
            lines.append("No stance in the source: " + "; ".join(missing) + ".")
        return "\n".join(lines)

    def divides(self) -> list[Slide]:
        """Every issue on one scale: where the parties cluster and where they split. Drawn with native
        shapes placed here (editable, no matplotlib); ``deck.pictures: matplotlib`` draws a picture."""
        charts = self.e.charts.by_issue
        if not any(c.bars for c in charts):
            return []
        colors = tuple(_stance_color(self.t, s) for s in (-2, -1, 0, 1, 2))
        rows = []
        for c in charts:
            points = tuple((score, tuple(b.label + (INFERRED if b.basis == "inferred" else "")
                                         for b in c.bars if b.score == score))
                           for score in (-2, -1, 0, 1, 2) if any(b.score == score for b in c.bars))
            rows.append((c.title, points))
        box = Box(BODY.x, BODY.y, BODY.w, BODY.h - 22)
        native = self.t.get("deck.pictures", "native") != "matplotlib"
        if native:
            dots = StanceDots(rows, box, colors, self.text, self.muted, self.t.color("color.rule"))
            chunks = dots.pages()
            self.warnings += dots.warnings
        else:
            per = -(-len(charts) // -(-len(charts) // 7))  # at most 7 issues a slide, spread evenly
            chunks = [range(i, min(i + per, len(charts))) for i in range(0, len(charts), per)]
        out = []
        for n, chunk in enumerate(chunks, 1):
            some = [charts[i] for i in chunk]
            strip = StanceStrip(tuple(rows[i] for i in chunk), colors, self.text, self.muted, self.t.color("color.rule"))
            alt = ("Dot plot of every party's score on each issue, from \u22122 (strongly opposes) to +2 "
                   "(strongly supports): " + "; ".join(
                       f"{c.title}: " + (", ".join(f"{b.label} {signed(b.score)}" for b in c.bars) or
                                         "no stances in the source") for c in some) + ".")
            key = Text(Box(BODY.x, BODY.y + BODY.h - 22, BODY.w, 22), (Paragraph((Run(
                f"Each dot is a score; the parties above it hold it. {INFERRED} inferred by the analyst.",
                False, True, self.muted),), 12),), name="Picture key")
            title = "Divides at a glance" + (f" ({n}/{len(chunks)})" if len(chunks) > 1 else "")
            notes = "Where the parties cluster and where they split, issue by issue.\n" + "\n".join(
                f"{c.title}: " + ("; ".join(f"{b.label} {signed(b.score)} ({b.basis})" for b in c.bars)
                                  or "no stances in the source") for c in some)
            figure = (Group(box, dots.shapes(chunk), alt, strip, name="Stance dots") if native
                      else Picture(box, strip, alt, name="Stance strip"))
            out.append(self.slide("divides", title, [figure, key], notes))
        return out

    def chart_shape(self, chart: DivergingChart, box: Box, font_size=14) -> Chart:
        # PowerPoint silently skips category labels that do not fit: keep each party's label within
        # its band (the plot area is roughly the box less legend and axis, ~70 % of the height).
        band = box.h * 0.7 / max(1, len(chart.bars))
        font_size = max(9, min(font_size, int(band / fit.metrics().line_height)))
        colors = tuple(self.t.color(f"stance.{STANCE_KEYS[level + 2]}") for level, _, _ in chart.series_by_score)
        previous = chart_previous(self.changes, self.b, chart)
        moved = [(b, was) for b, was in zip(chart.bars, previous) if was is not None]
        alt = chart.alt_text() + ("".join(f" {b.label} was {signed(was)} on {self.since}." for b, was in moved))
        return Chart(box, chart, colors, tuple(on_color(c) for c in colors), alt, font_size,
                     name=f"Chart {chart.title}", previous=previous if moved else (),
                     previous_name=f"Previous ({self._since_short()})", previous_color=self.text)

    def _since_short(self) -> str:
        return " ".join(self.since.split()[:2])  # "19 November": the year is on the title slide

    def _was(self, chart: DivergingChart) -> list:
        """Per bar: " (was −1)" where the score moved, else ""."""
        return [f"was {signed(w)}" if w is not None else "" for w in chart_previous(self.changes, self.b, chart)]

    def proposition(self, chart: DivergingChart, box: Box) -> Text:
        para = Paragraph((Run("Proposition: ", True, False, self.muted),
                          *(replace(r, color=self.muted) for r in _runs(chart.subtitle))), 16)
        size = next((s for s in (16, 15, 14, 13, 12) if _fits([replace(para, size=s)], box)), None)
        if size is None:  # a paragraph-long proposition: its start here, all of it in the notes
            def ok(t):
                return _fits([Paragraph((para.runs[0], Run(t)), 12)], box)
            para = replace(para, runs=(para.runs[0], Run(shorten(plain(chart.subtitle), ok), color=self.muted)))
            size = 12
        return Text(box, (replace(para, size=size),), name="Proposition")

    def _proposition_box(self, chart: DivergingChart) -> Box:
        """One line for the proposition, or up to three when it needs them (it is what the scores
        mean: shortened only beyond that)."""
        para = Paragraph((Run("Proposition: ", True), *_runs(chart.subtitle)), 12)
        for h in (30, 46, 62):
            box = Box(BODY.x, BODY.y - 6, BODY.w, h)
            if _fits([para], box):
                break
        return box

    def issue_slides(self) -> list[Slide]:
        out = []
        for chart, issue in zip(self.e.charts.by_issue, self.b.issues):
            prop_box = self._proposition_box(chart)
            drop = prop_box.h - 30  # a longer proposition pushes the chart down
            notes = [f"{issue.name}. Proposition: {plain(issue.proposition)}."]
            if not chart.bars:
                msg = (Paragraph((Run("No stances in the source", True),), 24, color=self.text),
                       Paragraph(_runs("The source gives no party's stance on this issue, so there is nothing to "
                                       "chart."), 18,
                                 color=self.muted, space_before=12))
                notes.append("The source gives no party's stance on this issue.")
                out.append(self.slide("issue", issue.name, [self.proposition(chart, prop_box),
                                                            Text(Box(BODY.x, 200, BODY.w, 160), msg, name="No stances")],
                                      "\n".join(notes)))
                continue
            was = self._was(chart)
            for bar, w in zip(chart.bars, was):
                moved = f", {w} on {self.since}" if w else ""
                notes.append(f"{bar.label}: {signed(bar.score)}, {SCORE_LABELS[bar.score]} ({bar.basis}{moved}). "
                             f"{plain(bar.summary)}")
            chart_box = Box(BODY.x, BODY.y + 28 + drop, 540, BODY.h - 28 - drop)
            panel = Box(BODY.x + 560, BODY.y + 32 + drop, BODY.w - 560, BODY.h - 32 - drop)
            def make(i, size, first, bars=chart.bars, was=was):
                b = bars[i]
                tags = "; ".join(t for t in ("inferred" if b.basis == "inferred" else "", was[i]) if t)
                tag = f" ({tags})" if tags else ""
                return [Paragraph((Run(f"{b.label} {signed(b.score)}{tag}: ", True),) + _runs(b.summary), size,
                                  space_before=0 if first else size * 0.5)]
            shapes = [self.proposition(chart, prop_box), self.chart_shape(chart, chart_box)]
            size = next((s for s in (16, 15, 14, 13, 12) if _fits(
                [p for i in range(len(chart.bars)) for p in make(i, s, i == 0)], panel)), None)
            if size is None:  # the summaries do not fit beside the chart: the chart alone, summaries in the notes
                self.warnings.append(f"{issue.name}: stance summaries moved to the speaker notes (too long for the slide)")
                shapes[1] = self.chart_shape(chart, Box(BODY.x, BODY.y + 28 + drop, BODY.w, BODY.h - 28 - drop))
            else:
                paras = tuple(p for i in range(len(chart.bars)) for p in make(i, size, i == 0))
                shapes.append(Text(panel, paras, name="What the parties say"))
            out.append(self.slide("issue", issue.name, shapes, "\n".join(notes)))
        return out

    def brief_charts(self) -> list[Slide]:
        """Brief decks: the two most divided issues side by side."""
        charts = [c for c in self.e.charts.by_issue if c.bars]
        charts.sort(key=lambda c: -(max(c.values) - min(c.values)))
        picked = [c for c in self.e.charts.by_issue if c in charts[:2]]
        if not picked:
            return []
        w = (BODY.w - 20) / len(picked)
        shapes, notes = [], ["The issues on which the parties are most divided."]
        for n, c in enumerate(picked):
            x = BODY.x + n * (w + 20)
            head_box = Box(x, BODY.y - 6, w, 30)
            head = Paragraph((Run(c.title, True),), 18, color=self.primary)
            size = next((z for z in (18, 16, 14) if _fits([replace(head, size=z)], head_box)), None)
            if size is None:  # an issue name a paragraph long: its start (the notes name it in full)
                size, head = 14, replace(head, runs=(Run(shorten(c.title, lambda t: _fits(
                    [Paragraph((Run(t, True),), 14)], head_box)), True),))
            shapes.append(Text(head_box, (replace(head, size=size),), name="Chart heading"))
            shapes.append(self.proposition(c, Box(x, BODY.y + 24, w, 46)))
            shapes.append(self.chart_shape(c, Box(x, BODY.y + 72, w, BODY.h - 72), 13))
            notes.append(f"{c.title}: " + "; ".join(f"{b.label} {signed(b.score)} ({b.basis}{', ' + w if w else ''}), {plain(b.summary)}"
                                                     for b, w in zip(c.bars, self._was(c))))
        return [self.slide("issue", "Where the parties are furthest apart", shapes, "\n".join(notes))]

    def likelihood_cell(self, o) -> TableCell:
        fill = self.t.color(f"likelihood.{o.likelihood}")
        return TableCell(o.likelihood.capitalize(), 16, fill, on_color(fill), True, "center")

    def outcomes_overview(self) -> list[Slide]:
        outs = self.b.outcomes
        if not outs:
            return [self.slide("outcomes", "Possible outcomes", [Text(BODY, (Paragraph(
                _runs("The source names no possible outcomes."), 20),))], None)]
        hdr_fill, hdr_text = self.t.color("table.header.fill"), self.t.color("table.header.text")
        widths = (260.0, 150.0, BODY.w - 410.0)
        size = 15
        def row_h(o):
            return max(fit.height([fit.Para(plain(o.title), size, True)], widths[0] - 14.4),
                       fit.height([fit.Para(plain(o.summary), size)], widths[2] - 14.4)) + 7.2 + 6
        header = (TableCell("Outcome", 14, hdr_fill, hdr_text, True), TableCell("Likelihood", 14, hdr_fill, hdr_text, True, "center"),
                  TableCell("What it would mean", 14, hdr_fill, hdr_text, True))
        header_h = 30.0
        pages, cur, h = [], [], header_h
        avail = BODY.h - 30
        for o in outs:
            rh = max(40.0, row_h(o))
            if cur and h + rh > avail:
                pages.append(cur)
                cur, h = [], header_h
            cur.append((o, rh))
            h += rh
        pages.append(cur)
        judged = all(o.likelihood_basis == "judgement" for o in outs)
        foot = ("Likelihood is the analyst's judgement." if judged else
                "Likelihood is the analyst's judgement unless marked as stated in the source.")
        if self.changes and self.changes.likelihood_changed:
            foot += f" \u25b2\u25bc likelihood changed since {self._since_short()}."
        notes = "\n".join(f"{o.title}: likelihood {o.likelihood}{self._likelihood_moved(o)} ({'analyst judgement' if o.likelihood_basis == 'judgement' else 'stated in the source'})."
                          f" {plain(o.summary)} {plain(o.likelihood_note or '')}".rstrip() for o in outs)
        out = []
        for n, page in enumerate(pages, 1):
            rows = [header]
            for o, _ in page:
                lik = self.likelihood_cell(o)
                if o.likelihood_basis == "stated":
                    lik = replace(lik, text=f"{lik.text} (stated)")
                if self.changes and self.changes.likelihood_direction(o.id):
                    lik = replace(lik, text=f"{arrow(self.changes.likelihood_direction(o.id))} {lik.text}")
                rows.append((TableCell(plain(o.title), size, None, self.text, True), lik,
                             TableCell(plain(o.summary), size, None, self.text)))
            heights = (header_h,) + tuple(rh for _, rh in page)
            alt = "Table of possible outcomes: " + "; ".join(f"{plain(o.title)}, likelihood {o.likelihood}" for o, _ in page) + "."
            table = Table(Box(BODY.x, BODY.y, BODY.w, sum(heights)), widths, heights, tuple(rows), alt, name="Outcomes")
            foot_box = Box(BODY.x, BODY.y + sum(heights) + 8, BODY.w, 24)
            shapes = [table, Text(foot_box, (Paragraph((Run(foot, False, True),), 13, color=self.muted),), name="Likelihood note")]
            title = "Possible outcomes" + (f" ({n}/{len(pages)})" if len(pages) > 1 else "")
            out.append(self.slide("outcomes", title, shapes, notes))
        return out

    def outcome_slides(self) -> list[Slide]:
        out = []
        for o in self.b.outcomes:
            out += self.outcome_slide(o)
        return out

    def outcome_slide(self, o) -> list[Slide]:
        left = Box(BODY.x, BODY.y, 250, BODY.h)
        mid = Box(BODY.x + 270, BODY.y, 370, BODY.h)
        right = Box(BODY.x + 660, BODY.y, BODY.w - 660, BODY.h)
        fixed = self._likelihood_scale(o, left)
        y0 = left.y + 100
        summ_box = Box(left.x, y0, left.w, left.y + left.h - y0)
        spara = Paragraph(_runs(o.summary), 16, color=self.text)
        ssize = next((s for s in (16, 15, 14, 13, 12) if _fits([replace(spara, size=s)], summ_box)), None)
        if ssize is None:
            self.warnings.append(f"{o.title}: summary moved to the speaker notes (too long for the slide)")
        else:
            fixed.append(Text(summ_box, (replace(spara, size=ssize),), name="Outcome summary"))
        fixed += self._positions_table(o, right)
        # Conditions then obstacles, one flowing list that may continue on further slides.
        items = [("Conditions", None)] + [("Conditions", c) for c in o.conditions] or []
        items += [("Obstacles", None)] + [("Obstacles", c) for c in o.obstacles]
        if not o.conditions:
            items.insert(1, ("Conditions", "None named in the source"))
        if not o.obstacles:
            items.append(("Obstacles", "None named in the source"))
        def make(i, size, first):
            head, text = items[i]
            if text is None:
                return [Paragraph((Run(head, True, False, self.primary),), size + 2,
                                  space_before=0 if first else size * 0.9)]
            bullet = self.item(text, size, gap=size * 0.3)
            if first and i > 0:  # a continuation slide starts mid-list: repeat its heading
                return [Paragraph((Run(f"{head} (continued)", True, False, self.primary),), size + 2), bullet]
            return [bullet]
        pages = self.paginate(make, len(items), mid, (18, 17, 16, 15, 14, 13, 12))
        positions = {p.party: p.position for p in o.positions}
        notes = [f"{o.title}. {plain(o.summary)}",
                 f"Likelihood: {o.likelihood}{self._likelihood_moved(o)} ({'analyst judgement' if o.likelihood_basis == 'judgement' else 'stated in the source'}). "
                 + plain(o.likelihood_note or ""),
                 "Conditions: " + ("; ".join(plain(c) for c in o.conditions) or "none named") + ".",
                 "Obstacles: " + ("; ".join(plain(c) for c in o.obstacles) or "none named") + ".",
                 "Positions: " + "; ".join(f"{p.short} {positions.get(p.id, 'unknown')}" for p in self.b.parties) + "."]
        slides = []
        for n, (size, start, end) in enumerate(pages, 1):
            paras = [p for i in range(start, end) for p in make(i, size, i == start)]
            title = o.title if len(pages) == 1 else f"{o.title} ({n}/{len(pages)})"
            shapes = fixed + [Text(mid, tuple(paras), name="Conditions and obstacles")]
            slides.append(self.slide("outcome", title, shapes, "\n".join(notes)))
        return slides

    def _likelihood_scale(self, o, box: Box) -> list:
        """Three steps, low / medium / high, the judged one filled: readable without colour too."""
        shapes = [Text(Box(box.x, box.y - 2, box.w, 26), (Paragraph((Run("Likelihood", True, False, self.muted),), 14),),
                       name="Likelihood label")]
        step_w = (box.w - 8) / 3
        for n, level in enumerate(LIKELIHOODS):
            on = level == o.likelihood
            fill = self.t.color(f"likelihood.{level}") if on else self.t.color("stance.none")
            b = Box(box.x + n * (step_w + 4), box.y + 26, step_w, 34)
            shapes.append(Text(b, (Paragraph((Run(level.capitalize(), on),), 15, align="center",
                                             color=on_color(fill) if on else self.muted),),
                               name=f"Likelihood {level}{' (judged)' if on else ''}", fill=fill, anchor="middle"))
        basis = "Analyst judgement" if o.likelihood_basis == "judgement" else "Stated in the source"
        runs = (Run(basis, False, True, self.muted),)
        direction = self.changes.likelihood_direction(o.id) if self.changes else None
        if direction:  # "▲ up from low": the change, right under the scale it moved on
            was = next(c.old for c in self.changes.likelihood_changed if c.outcome == o.id)
            runs = (Run(f"{arrow(direction)} {'up' if direction == 'up' else 'down'} from {was}", True, False, self.text),
                    Run(" \u00b7 ", False, False, self.muted)) + runs
        shapes.append(Text(Box(box.x, box.y + 64, box.w, 24), (Paragraph(runs, 13),), name="Likelihood basis"))
        return shapes

    def _likelihood_moved(self, o) -> str:
        """For notes: ", up from low since 19 November 2026" where the likelihood changed, else ""."""
        if not self.changes or not self.changes.likelihood_direction(o.id):
            return ""
        was = next(c.old for c in self.changes.likelihood_changed if c.outcome == o.id)
        return f", {self.changes.likelihood_direction(o.id)} from {was} since {self.since}"

    def what_changed(self) -> list[Slide]:
        """Meaningful changes since the older version, grouped as in the memo; continues on more slides."""
        if not self.changes:
            return []
        d = digest(self.changes)
        # A group's heading travels with its first line, so a slide never ends on a bare heading.
        items = [(head, line, k == 0) for head, lines in d.groups for k, line in enumerate(lines)]
        def make(i, size, first):
            head, text, opens = items[i]
            bullet = self.item(text, size, gap=size * 0.25)
            if not opens and not first:
                return [bullet]
            label = head if opens else f"{head} (continued)"  # a continuation slide starts mid-group
            return [Paragraph((Run(label, True, False, self.primary),), size + 1,
                              space_before=0 if first else size * 0.8), bullet]
        notes = (f"{d.title}: {self.changes.count} meaningful change{'s' if self.changes.count != 1 else ''}.\n"
                 + "\n".join(f"{head}: " + "; ".join(lines) for head, lines in d.groups)
                 + (f"\n{d.wording}" if d.wording else ""))
        return self.list_slides("changes", f"What changed since {self._since_short()}", make, len(items), notes,
                                sizes=(18, 17, 16, 15, 14))

    def _positions_table(self, o, box: Box) -> list:
        """The parties with a stated position, as a table; those without one summed up underneath
        ("Not stated: A, B, C"), so a briefing with many parties stays on the slide. Rows shrink to
        12 pt; beyond that the table ends with "+N more" (every position is in the notes)."""
        parties = self.b.parties
        if not parties:
            return []
        pos = {p.party: p.position for p in o.positions}
        stated = [(p, pos[p.id]) for p in parties if pos.get(p.id, "unknown") != "unknown"]
        silent = [p.short for p in parties if pos.get(p.id, "unknown") == "unknown"]
        hdr_fill, hdr_text = self.t.color("table.header.fill"), self.t.color("table.header.text")
        widths = (box.w * 0.52, box.w * 0.48)
        header_h = 28.0
        def note(text, size):
            return (Paragraph((Run(text, False, True, self.muted),), size),)
        def note_box(y, h):
            return Box(box.x, y, box.w, h)
        def row_h(name, size):
            return fit.height([fit.Para(name, size, True)], widths[0] - 14.4) + 7.2 + 6
        max_row = row_h("x\nx\nx", 12)  # a name gets three lines at most; a longer one ends in "…" (notes: whole)
        for size in (15, 14, 13, 12):
            labels = {p.id: p.short if row_h(p.short, size) <= max_row else
                      shorten(p.short, lambda t: row_h(t, size) <= max_row) for p, _ in stated}
            rh = max((row_h(labels[p.id], size) for p, _ in stated), default=0)
            rows_h = header_h + rh * len(stated) if stated else 0.0
            left = box.h - rows_h - (6 if stated else 0)
            text = (f"Not stated: {', '.join(silent)}" if stated else
                    "No party's position on this outcome is stated in the source.") if silent else ""
            nsize = max(12, size - 2)
            if rows_h <= box.h and (not text or _fits(note(text, nsize), note_box(0, left))):
                break
        else:
            text = None
        shown = stated
        if text is None:  # too many parties even at 12 pt: as many rows as fit, the rest counted
            nsize = 12
            def more_text(n):
                return f"+{n} more (every party's position is in the speaker notes)"
            note_h = _measure(note(more_text(len(parties)), nsize), box) + 2 * INSET  # the longest count
            room = int((box.h - header_h - 6 - note_h) // rh)
            shown = stated[:max(0, room)]
            more = len(stated) - len(shown) + len(silent)
            text = more_text(more)
            self.warnings.append(f"{o.title}: {more} party positions listed in the notes only (too many for the slide)")
        out = []
        if shown:
            rows = [(TableCell("Party", 13, hdr_fill, hdr_text, True), TableCell("Position", 13, hdr_fill, hdr_text, True))]
            for p, position in shown:
                fill = self.t.color(f"position.{position}")
                rows.append((TableCell(labels[p.id], size, None, self.text, True),
                             TableCell(position, size, fill, on_color(fill), True, "center")))
            heights = (header_h,) + (rh,) * len(shown)
            alt = (f"Party positions on {plain(o.title)}: " + ", ".join(f"{p.short} {position}" for p, position in stated)
                   + (f"; not stated: {', '.join(silent)}" if silent else "") + ".")
            out.append(Table(Box(box.x, box.y, box.w, sum(heights)), widths, heights, tuple(rows), alt,
                             name="Party positions"))
        if text:
            y = box.y + (sum(heights) + 6 if shown else 0)
            out.append(Text(note_box(y, box.y + box.h - y), note(text, nsize), name="Positions not stated"))
        return out

    def context(self) -> list[Slide]:
        secs = [s for s in self.b.sections if s.paragraphs]
        if not secs:
            return []
        def make(i, size, first):
            s = secs[i]
            return [self.item(lead_sentences(plain(s.paragraphs[0])), size, lead=f"{plain(s.title)}: ", lead_color=self.primary,
                              gap=0 if first else size * 0.6)]
        notes = "\n\n".join(f"{plain(s.title)}.\n" + "\n".join(plain(p) for p in s.paragraphs) for s in secs)
        return self.list_slides("context", "Context", make, len(secs), notes)

    def reactions(self) -> list[Slide]:
        rs = self.b.reactions
        if not rs:
            return []
        def make(i, size, first):
            r = rs[i]
            name = self.b.party(r.party).name if r.party in self.b._index["party"] else r.party
            # The tone's colour marks a dot only: amber or salmon text on white would be hard to read.
            return [Paragraph((Run("\u25cf ", False, False, self.t.color(f"tone.{r.tone}")), Run(name, True),
                               Run(f" \u2013 {r.tone}: ", False, True, self.muted)) + _runs(r.text),
                              size, space_before=0 if first else size * 0.7)]
        name_of = {p.id: p.name for p in self.b.parties}
        notes = "Reactions.\n" + "\n".join(f"{name_of.get(r.party, r.party)} ({r.tone}): {plain(r.text)}" for r in rs)
        return self.list_slides("reactions", "International reactions", make, len(rs), notes,
                                sizes=(20, 19, 18, 17, 16, 15, 14))

    def next_steps(self) -> list[Slide]:
        st = self.b.next_steps
        if not st:
            return []
        def make(i, size, first):
            return [Paragraph(_runs(st[i].text), size, f"{i + 1}.", 30.0, 0 if first else size * 0.6)]
        notes = "Next steps.\n" + "\n".join(f"{n}. {plain(p.text)}" for n, p in enumerate(st, 1))
        return self.list_slides("next_steps", "Next steps", make, len(st), notes)

    def sources(self) -> list[Slide]:
        src = self.b.sources
        if not src:
            return []
        def make(i, size, first):
            s = src[i]
            bits = [plain(s.title)] + [x for x in (s.publisher, s.date and f"{s.date:%d %B %Y}", s.url) if x]
            paras = [Paragraph(_runs(". ".join(bits) + "."), size, f"{i + 1}.", 30.0, 0 if first else size * 0.6)]
            if s.note:
                paras.append(Paragraph((Run(plain(s.note), False, True, self.muted),), size - 2, None, 30.0, 2))
            return paras
        notes = "Sources.\n" + "\n".join(f"{n}. {plain(s.title)} {plain(s.note or '')}".rstrip() for n, s in enumerate(src, 1))
        return self.list_slides("sources", "Sources", make, len(src), notes, sizes=(18, 17, 16, 15, 14, 13, 12))

    def plan(self) -> DeckPlan:
        m = self.b.meta
        if self.e.detail == "brief":
            body = (self.bottom_line() + self.what_changed() + self.heatmap() + self.brief_charts() + self.outcomes_overview()
                    + self.next_steps() + self.sources())
            slides = [self.title_slide()] + body
        else:
            body = (self.bottom_line() + self.what_changed() + self.heatmap() + self.divides() + self.issue_slides() + self.outcomes_overview()
                    + self.outcome_slides() + self.context() + self.reactions() + self.next_steps() + self.sources())
            agenda = self.agenda(body, 3)  # after the title slide and a one-slide agenda
            if len(agenda) > 1:
                agenda = self.agenda(body, 2 + len(agenda))
            slides = [self.title_slide()] + agenda + body
        footer = m.organisation + (f" · {self.e.disclaimer}" if self.e.disclaimer else "")
        banner = Box(0, 0, SLIDE_W, BANNER_H)
        csize = next((s for s in (10, 9, 8, 7) if _fits([Paragraph((Run(m.classification, True),), s)], banner)), 7)
        fsize = next((s for s in (9, 8, 7) if _fits([Paragraph((Run(footer),), s)], FOOTER_BOX)), 7)
        if m.organisation and not _fits([Paragraph((Run(footer),), fsize)], FOOTER_BOX):
            # shorten the organisation, never the audience's disclaimer (it is also on the title slide)
            rest = footer[len(m.organisation):]
            footer = shorten(m.organisation, lambda t: _fits([Paragraph((Run(t + rest),), fsize)], FOOTER_BOX)) + rest
        if not _fits([Paragraph((Run(m.classification, True),), csize)], banner):
            self.warnings.append("the classification marking is too long for the slide banner")
        if not _fits([Paragraph((Run(footer),), fsize)], FOOTER_BOX):
            self.warnings.append("the footer (organisation and disclaimer) is too long for one line")
        chrome = Chrome(m.classification, footer, self.t.color("banner.fill"), self.t.color("banner.text"),
                        self.muted, self.t.get("deck.font", "Calibri"), csize, fsize)
        return DeckPlan(tuple(slides), chrome, m.title, m.author, m.memo.subject, m.language, m.date,
                        tuple(self.warnings))


def lead_sentences(text: str, words: int = 25) -> str:
    """The opening sentences of a paragraph, stopping once about ``words`` words are said (max two)."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text.strip())
    out = sentences[0]
    if len(out.split()) < words and len(sentences) > 1:
        out += " " + sentences[1]
    return out


AGENDA_GROUP = {"bottom_line": "Bottom line", "changes": "What changed", "heatmap": "Where the parties stand", "divides": "Where the parties stand", "issue": "Stances by issue",
                "outcomes": "Possible outcomes", "outcome": "Possible outcomes", "context": "Context",
                "reactions": "International reactions", "next_steps": "Next steps", "sources": "Sources"}

FOOTER_BOX = Box(MARGIN, 497, SLIDE_W - 2 * MARGIN - 60, 20)
NUMBER_BOX = Box(SLIDE_W - MARGIN - 56, 497, 56, 20)
BANNER_H = 20.0


def plan(edition) -> DeckPlan:
    """The whole deck as data: slides with their shapes, notes and alt text, and planner warnings."""
    return Planner(edition).plan()
