"""Edition -> DeckPlan: which slides, in which order, with the chrome drawn on every one. Pure: imports
no python-pptx, so it is tested directly.

Each slide family (``slides/``: opening, changes, stances, issues, outcomes, closing) decides its
own slides; geometry and text measurement live in ``layout``; the words, dates and colours every
edition shares come from ``reportkit.present``.
"""
from __future__ import annotations

from .layout import BANNER_H, FOOTER_BOX, fits, shorten
from .model import SLIDE_W, Box, Chrome, DeckPlan, Paragraph, Run
from .slides import changes, clearance, closing, figures, issues, opening, outcomes, sections, source_line, stances
from .slides.context import Deck


def plan(edition) -> DeckPlan:
    """The whole deck as data: slides with their shapes, notes and alt text, and planner warnings."""
    d = Deck(edition)
    brief = edition.detail == "brief"
    parts = [("key_judgments", opening.key_judgments(d)), ("summary", opening.bottom_line(d)),
             ("changes", changes.what_changed(d))]
    if brief:
        parts += [("stances", stances.heatmap(d) + issues.brief_charts(d)), ("outcomes", outcomes.outcomes_overview(d))]
    else:
        parts += [("stances", stances.heatmap(d) + stances.divides(d) + issues.issue_slides(d)),
                  ("outcomes", outcomes.outcomes_overview(d)
                   + [s for o in outcomes.ordered(d) for s in outcomes.outcome_slide(d, o) + figures.at(d, (o.figure,))]
                   + figures.on_their_own(d)),
                  ("reactions", closing.reactions(d))]
    parts.append(("next_steps", closing.next_steps(d)))
    # The analyst's sections (a Context slide, slides of their own) after the part each names:
    # present.placement, the rule the memo follows too. By default: the Context slide after the outcomes.
    placed = sections.placed(d, brief, [name for name, _ in parts])
    body = placed.get("start", []) + [s for name, part in parts for s in part + placed.get(name, [])] + closing.sources(d)
    body = figures.resolve(d, body)  # figure slides, numbered "Figure N" in the deck's reading order
    if brief:
        slides = [opening.title_slide(d)] + body
    else:
        agenda = opening.agenda(d, body, 3)  # after the title slide and a one-slide agenda
        if len(agenda) > 1:
            agenda = opening.agenda(d, body, 2 + len(agenda))
        slides = [opening.title_slide(d)] + agenda + body
    slides = clearance.on_last_slide(d, slides)  # "Drafted: …", "Cleared: …", as staff memos end
    chrome = _chrome(d)
    slides = source_line.add(d, slides, chrome)  # "Source: [1] …" on every slide that states a fact
    return DeckPlan(tuple(slides), chrome, d.b.meta.title, d.b.meta.author, d.b.meta.memo.subject,
                    d.b.meta.language, d.b.meta.date, tuple(d.warnings) + tuple(d.advice.warnings))


def _chrome(d: Deck) -> Chrome:
    """Classification banner and footer at the largest size that fits one line."""
    m = d.b.meta
    footer = m.organisation + (f" · {d.e.disclaimer}" if d.e.disclaimer else "")
    banner = Box(0, 0, SLIDE_W, BANNER_H)

    def line(text, size, bold=False):
        return [Paragraph((Run(text, bold),), size)]
    csize = next((s for s in (10, 9, 8, 7) if fits(line(m.classification, s, True), banner)), 7)
    fsize = next((s for s in (9, 8, 7) if fits(line(footer, s), FOOTER_BOX)), 7)
    if m.organisation and not fits(line(footer, fsize), FOOTER_BOX):
        # shorten the organisation, never the audience's disclaimer (it is also on the title slide)
        rest = footer[len(m.organisation):]
        footer = shorten(m.organisation, lambda t: fits(line(t + rest, fsize), FOOTER_BOX)) + rest
    if not fits(line(m.classification, csize, True), banner):
        d.warnings.append("the classification marking is too long for the slide banner")
    if not fits(line(footer, fsize), FOOTER_BOX):
        d.warnings.append("the footer (organisation and disclaimer) is too long for one line")
    return Chrome(m.classification, footer, d.t.color("banner.fill"), d.t.color("banner.text"), d.muted,
                  d.t.get("deck.font", "Calibri"), csize, fsize)


__all__ = ["plan"]
