"""An honest page budget: when a memo that promises at most N pages (the principals' brief) still
takes more at its densest layout, the build says so, by how much, and which content is longest, at
its ``file:line:col`` (``Briefing.origin``), so the analyst knows what to shorten.

Pure: reads the plan's blocks, imports no rendering library.
"""
from __future__ import annotations

from ..registry import BuildWarning
from ..text import plain
from . import plan as p

LONGEST_SHOWN = 3  # the longest texts named in the warning


def printed_texts(plan: p.MemoPlan) -> list[str]:
    """Every content text the memo prints at length (bullets, paragraphs, outcome rows), in plan order."""
    out: list[str] = []
    for b in plan.blocks:
        if isinstance(b, (p.Bullets, p.BottomLine)):
            out += [i.text for i in b.items]
        elif isinstance(b, p.Text) and b.style == "body":
            out.append(b.text)
        elif isinstance(b, p.OutcomeTable):
            for r in b.rows:
                out += [r.summary, *r.conditions, *r.obstacles]
                if not b.compact and r.likelihood_note:
                    out.append(r.likelihood_note)
        elif isinstance(b, p.ReactionTable):
            out += [r.text for r in b.rows]
    return out


def locate(text: str, origin):
    """The content's place for a printed text: the first string value holding its opening words
    (a key judgment is printed with sentences added after its own text)."""
    if origin is None:
        return None
    words = plain(text).split()
    for n in (12, 6, 3):
        if len(words) >= n or n == 3:
            place = origin.find(" ".join(words[:n]))
            if place is not None:
                return place
    return None


def over_budget(plan: p.MemoPlan, pages: int, origin=None) -> list[BuildWarning]:
    """One warning when ``pages`` exceeds the plan's budget, naming the longest texts; else none."""
    if plan.max_pages is None or pages <= plan.max_pages:
        return []
    over = pages - plan.max_pages
    texts = sorted(set(printed_texts(plan)), key=lambda t: -len(plain(t)))[:LONGEST_SHOWN]
    places = [(t, locate(t, origin)) for t in texts]
    named = "; ".join(f"{place.field if place else repr(plain(t)[:40] + '…')} ({len(plain(t)):,} characters"
                      + (f", {place.where}" if place and k else "") + ")"
                      for k, (t, place) in enumerate(places))
    first = places[0][1] if places else None
    return [BuildWarning(
        f"the brief memo takes {pages} pages, {over} over its {plan.max_pages}-page budget even at its densest "
        f"layout; the longest content: "
        f"{named}. Shorten it, or leave detail to the staff edition",
        first.where if first else None)]
