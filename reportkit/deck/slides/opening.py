"""The slides that open the deck: the title slide, the agenda, the bottom line."""
from __future__ import annotations

from dataclasses import replace

from ... import present
from ...present import analytic
from ...text import plain
from .. import fit
from ..layout import _PART, COVER_SIZES, COVER_SUBTITLE, COVER_TITLE, LOGO_BOX, fit_title, fits, shorten, shorten_title
from ..model import INSET, Box, Paragraph, Rect, Run, Slide, Text
from .context import Deck, runs

# Slide kinds -> the agenda entry they belong to (several kinds share one entry).
AGENDA_GROUP = {"key_judgments": "Key judgments", "bottom_line": "Bottom line", "changes": "What changed", "heatmap": "Where the parties stand",
                "divides": "Where the parties stand", "issue": "Stances by issue", "outcomes": "Possible outcomes",
                "outcome": "Possible outcomes", "context": "Context", "reactions": "International reactions",
                "next_steps": "Next steps", "sources": "Sources"}


def title_slide(d: Deck) -> Slide:
    m = d.b.meta
    w = COVER_TITLE.w
    title_box = COVER_TITLE
    title = shorten_title(m.title, title_box, COVER_SIZES[-1])
    size = fit_title(title, title_box, COVER_SIZES)
    lines = fit.line_count(title, title_box.inner_w, size, True)
    rule_y = title_box.y + title_box.h - INSET - lines * fit.line_height(size) - 14
    shapes = [Rect(Box(72 + INSET, rule_y, 80, 5), d.t.color("color.accent"), name="Accent rule")]
    sub = (Paragraph(runs(m.subtitle), 24, color=d.muted),)
    sub_size = next((s for s in (24, 22, 20, 18, 16) if fits([replace(sub[0], size=s)], COVER_SUBTITLE)), None)
    if sub_size is None:  # a paragraph where one line belongs: its start here, all of it in the notes
        sub_size = 16
        sub = (replace(sub[0], runs=(Run(shorten(plain(m.subtitle), lambda t: fits(
            [Paragraph((Run(t),), 16)], COVER_SUBTITLE)), color=d.muted),)),)
    shapes.append(Text(COVER_SUBTITLE, (replace(sub[0], size=sub_size),), name="Subtitle"))
    date = present.day(m.date, d.language)
    meta_box = Box(72, 335, w, 110)
    for k in (1.0, 0.9, 0.8, 0.7, 0.6):  # shrink the block as one, keeping its proportions
        meta = [Paragraph((Run(date, True),), 18 * k, color=d.text),
                Paragraph((Run(m.organisation),), 16 * k, color=d.muted, space_before=4 * k),
                Paragraph((Run(m.author),), 16 * k, color=d.muted, space_before=2 * k),
                Paragraph((Run(m.classification, True),), 16 * k, color=d.text, space_before=6 * k)]
        if fits(meta, meta_box):
            break
    shapes.append(Text(meta_box, tuple(meta), name="Date and organisation"))
    if d.e.disclaimer:
        box = Box(72, 455, w, 26)
        para = Paragraph((Run(d.e.disclaimer, False, True),), 12, color=d.muted)
        dsize = next((s for s in (12, 11, 10, 9) if fits([replace(para, size=s)], box)), 9)
        shapes.append(Text(box, (replace(para, size=dsize),), name="Disclaimer"))
    logo = d.logo(LOGO_BOX)
    if logo:
        shapes.append(logo)
    notes = f"{m.title}. {m.subtitle}. {m.memo.subject}. Prepared by {m.author}, {m.organisation}, {date}."
    s = d.slide("title", m.title, shapes, notes, layout="title")
    return replace(s, title_box=title_box, title_size=size)


def agenda(d: Deck, later: list[Slide], first_number: int) -> list[Slide]:
    seen, entries = set(), []
    for n, s in enumerate(later, first_number):
        group = AGENDA_GROUP.get(s.kind) or (_PART.sub("", s.title) if s.kind == "section" else None)  # its title
        if group and group not in seen:
            seen.add(group)
            entries.append((group, n))

    def make(i, size, first):
        group, n = entries[i]
        return [Paragraph((Run(f"{group}"), Run(f"   slide {n}", False, False, d.muted)), size,
                          f"{i + 1}.", 30.0, 0 if first else size * 0.45)]
    notes = "Agenda: " + "; ".join(g for g, _ in entries) + "."
    return d.list_slides("agenda", "Agenda", make, len(entries), notes, sizes=(24, 22, 20, 18, 16))


def key_judgments(d: Deck) -> list[Slide]:
    """The assessment's key judgments, before the bottom line (none: no slide)."""
    kjs = d.b.key_judgments
    if not kjs:
        return []
    scale = d.b.meta.likelihood_scale
    texts = [analytic.judgment_text(k, scale, d.e.detail != "brief") + d.marker(k.sources, k.credibility)
             for k in kjs]
    notes = "Key judgments.\n" + "\n".join(f"- {plain(t)}" for t in texts)

    def make(i, size, first):
        return [d.item(texts[i], size, gap=0 if first else None)]
    return d.list_slides("key_judgments", "Key judgments", make, len(texts), notes,
                         cites=lambda i: d.refs(kjs[i].sources, kjs[i].credibility))


def bottom_line(d: Deck) -> list[Slide]:
    pts = d.b.summary
    notes = "Bottom line.\n" + "\n".join(f"- {plain(p.text)}" for p in pts)
    if not pts:
        return [d.note_slide("bottom_line", "Bottom line", present.words.EMPTY["summary"], notes)]

    def make(i, size, first):
        return [d.item(pts[i].text + d.marker(pts[i].sources, pts[i].credibility), size, gap=0 if first else None)]
    return d.list_slides("bottom_line", "Bottom line", make, len(pts), notes,
                         cites=lambda i: d.refs(pts[i].sources, pts[i].credibility))
