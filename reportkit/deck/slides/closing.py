"""The slides after the analysis: context from the narrative, international reactions, next steps,
sources."""
from __future__ import annotations

import re

from ... import present
from ...present import analytic, citations
from ...present import colours
from ...text import plain
from ..model import Paragraph, Run, Slide
from .context import Deck, runs


def lead_sentences(text: str, words: int = 25) -> str:
    """The opening sentences of a paragraph, stopping once about ``words`` words are said (max two)."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text.strip())
    out = sentences[0]
    if len(out.split()) < words and len(sentences) > 1:
        out += " " + sentences[1]
    return out


def context(d: Deck, sections=None) -> list[Slide]:
    """The sections' opening sentences as bullets (``sections``: those placed here; default: all)."""
    secs = [s for s in (d.b.sections if sections is None else sections) if s.paragraphs]
    if not secs:
        return []

    def make(i, size, first):
        s = secs[i]
        return [d.item(lead_sentences(plain(s.paragraphs[0])), size, lead=f"{plain(s.title)}: ", lead_color=d.primary,
                       gap=0 if first else size * 0.6)]
    notes = "\n\n".join(f"{plain(s.title)}.\n" + "\n".join(plain(p) for p in s.paragraphs) for s in secs)
    return d.list_slides("context", "Context", make, len(secs), notes,
                         cites=lambda i: d.refs(secs[i].sources, secs[i].credibility))


def reactions(d: Deck) -> list[Slide]:
    rs = d.b.reactions
    if not rs:
        return []
    names = d.b._index["party"]

    def name_of(party_id):
        return names[party_id].name if party_id in names else party_id

    def make(i, size, first):
        r = rs[i]
        # The tone's colour marks a dot only: amber or salmon text on white would be hard to read.
        return [Paragraph((Run("\u25cf ", False, False, colours.fill_for(d.t, "tone", r.tone)),
                           Run(name_of(r.party), True),
                           Run(f" \u2013 {present.tone_word(r.tone)}: ", False, True, d.muted))
                          + runs(r.text + d.marker((r.source,), r.credibility)),
                          size, space_before=0 if first else size * 0.7)]
    notes = "Reactions.\n" + "\n".join(f"{name_of(r.party)} ({present.tone_word(r.tone)}): {plain(r.text)}"
                                       for r in rs)
    return d.list_slides("reactions", "International reactions", make, len(rs), notes,
                         sizes=(20, 19, 18, 17, 16, 15, 14), cites=lambda i: d.refs((rs[i].source,), rs[i].credibility))


def next_steps(d: Deck) -> list[Slide]:
    st = d.b.next_steps
    if not st:
        return []

    def make(i, size, first):
        text = st[i].text + d.marker(st[i].sources, st[i].credibility)
        return [Paragraph(runs(text), size, f"{i + 1}.", 30.0, 0 if first else size * 0.6)]
    notes = "Next steps.\n" + "\n".join(f"{n}. {plain(p.text)}" for n, p in enumerate(st, 1))
    return d.list_slides("next_steps", "Next steps", make, len(st), notes,
                         cites=lambda i: d.refs(st[i].sources, st[i].credibility))


def sources(d: Deck) -> list[Slide]:
    src = d.b.sources
    if not src:
        return []

    ratings = analytic.ratings_by_source(d.b)
    grades = [analytic.source_grade_text(s, ratings.get(s.id, ())) for s in src]
    # the key to the letter and the digit the markers and source lines print, once, before the list
    key = citations.grade_key(any(s.reliability for s in src), any(ratings.values()))

    def make(i, size, first):
        s = src[i]
        lead = [Paragraph((Run(key, False, True, d.muted),), size - 4)] if key and i == 0 else []
        paras = lead + [Paragraph(runs(present.citation(s, d.language) + (f" {grades[i]}" if grades[i] else "")),
                                  size, f"{i + 1}.", 30.0, 0 if first and not lead else size * 0.6)]
        if s.note:
            paras.append(Paragraph((Run(plain(s.note), False, True, d.muted),), size - 2, None, 30.0, 2))
        return paras
    notes = "Sources.\n" + (f"{key}\n" if key else "") + "\n".join(
        f"{n}. {plain(s.title)} {g} {plain(s.note or '')}".replace("  ", " ").rstrip()
        for n, (s, g) in enumerate(zip(src, grades), 1))
    return d.list_slides("sources", "Sources", make, len(src), notes, sizes=(18, 17, 16, 15, 14, 13, 12))
