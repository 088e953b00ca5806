"""Audience selection: the briefing an audience may see, and a record of what was withheld.

An item is withheld when its ``audiences`` list is non-empty and lacks the audience, or its
sensitivity is above the audience's clearance. Withholding cascades so the result is a valid
briefing that mentions nothing withheld:

- a withheld party takes its stances, reactions and outcome positions with it;
- a withheld issue takes its stances;
- a withheld figure leaves the section or outcome that showed it (the text stays); a figure named
  only by withheld sections or outcomes is withheld with them;
- a withheld source is dropped from every citation; an item that cited *only* withheld sources is
  withheld too (its claim rests on material this audience may not see, and an unsourced claim in a
  released product would invite the question where it came from).

Renderers only ever receive the result, so they cannot leak what it lacks.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..model import Briefing, Tagged
from .profiles import Profile

# Report order and the words used for each kind in the one-line report.
KINDS = ("source", "party", "issue", "stance", "key judgment", "outcome", "position", "reaction", "section", "figure",
         "summary",
         "next step", "clearance",
         "grades", "confidence notes")


@dataclass(frozen=True)
class Withheld:
    """What one audience does not see: (kind, id) pairs in report order."""

    audience: str
    items: tuple[tuple[str, str], ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, _ in self.items:
            out[kind] = out.get(kind, 0) + 1
        return out

    def ids(self, kind: str) -> tuple[str, ...]:
        return tuple(i for k, i in self.items if k == kind)

    def __str__(self) -> str:
        if not self.items:
            return f"{self.audience}: withheld nothing"
        n = len(self.items)
        listed = ", ".join(k if i == "all" else f"{k} {i}" for k, i in self.items)
        return f"{self.audience}: withheld {n} item{'s' * (n != 1)} - {listed}"


def _visible(item: Tagged, profile: Profile) -> bool:
    if item.audiences and profile.name not in item.audiences:
        return False
    return profile.may_see(item.sensitivity)


def select(briefing: Briefing, profile: Profile) -> tuple[Briefing, Withheld]:
    out: list[tuple[str, str]] = []

    def keep(kind: str, item, ident: str, extra_ok: bool = True) -> bool:
        ok = extra_ok and _visible(item, profile)
        if not ok:
            out.append((kind, ident))
        return ok

    sources = tuple(s for s in briefing.sources if keep("source", s, s.id))
    source_ids = {s.id for s in sources}
    parties = tuple(p for p in briefing.parties if keep("party", p, p.id))
    party_ids = {p.id for p in parties}
    issues = tuple(i for i in briefing.issues if keep("issue", i, i.id))
    issue_ids = {i.id for i in issues}

    def cited(item) -> tuple[tuple[str, ...], bool]:
        """The item's remaining sources, and whether it still stands (had none, or keeps one)."""
        remaining = tuple(s for s in item.sources if s in source_ids)
        return remaining, bool(remaining) or not item.sources

    figures = tuple(f for f in briefing.figures
                    if keep("figure", f, f.id, f.source is None or f.source in source_ids))
    figure_ids = {f.id for f in figures}

    def shown_figure(item):
        return item if item.figure is None or item.figure in figure_ids else dataclasses.replace(item, figure=None)

    stances = tuple(
        s for s in briefing.stances
        if keep("stance", s, f"{s.party}/{s.issue}",
                s.party in party_ids and s.issue in issue_ids and s.source in source_ids)
    )

    outcomes = []
    for o in briefing.outcomes:
        remaining, stands = cited(o)
        if keep("outcome", o, o.id, stands):
            for p in o.positions:
                if p.party not in party_ids:
                    out.append(("position", f"{o.id}/{p.party}"))
            positions = tuple(p for p in o.positions if p.party in party_ids)
            indicators = tuple(dataclasses.replace(i, sources=tuple(s for s in i.sources if s in source_ids))
                               for i in o.indicators)
            outcomes.append(dataclasses.replace(shown_figure(o), positions=positions, sources=remaining, indicators=indicators,
                                                credibility=_kept(o.credibility, remaining)))

    reactions = tuple(
        r for n, r in enumerate(briefing.reactions, start=1)
        if keep("reaction", r, f"{r.party}#{n}", r.party in party_ids and r.source in source_ids)
    )

    def cited_items(kind: str, items, ident):
        kept = []
        for n, item in enumerate(items, start=1):
            remaining, stands = cited(item)
            if keep(kind, item, ident(item, n), stands):
                kept.append(dataclasses.replace(item, sources=remaining, credibility=_kept(item.credibility, remaining)))
        return tuple(kept)

    key_judgments = cited_items("key judgment", briefing.key_judgments, lambda k, n: str(n))

    sections = tuple(shown_figure(s) for s in cited_items("section", briefing.sections, lambda s, n: s.id))
    summary = cited_items("summary", briefing.summary, lambda p, n: str(n))
    next_steps = cited_items("next step", briefing.next_steps, lambda p, n: str(n))

    # A figure goes with what shows it: one named only by withheld sections or outcomes goes too
    # (it would otherwise surface on its own, present.figures.on_their_own).
    named = {x.figure for x in (*briefing.sections, *briefing.outcomes) if x.figure}
    still = {x.figure for x in (*sections, *outcomes) if x.figure}
    for f in figures:
        if f.id in named and f.id not in still:
            out.append(("figure", f.id))
    figures = tuple(f for f in figures if f.id not in named or f.id in still)

    if profile.clearance_block:  # who drafted and cleared it: the whole block, or each line by its tags
        clearance = tuple(c for c in briefing.clearance if keep("clearance", c, f"{c.role} {c.name}"))
    else:
        clearance = ()
        if briefing.clearance:
            out.append(("clearance", "all"))

    selected = Briefing(
        meta=_addressed(briefing.meta, profile), summary=summary, parties=parties, issues=issues, stances=stances,
        outcomes=tuple(outcomes), reactions=reactions, sections=sections, next_steps=next_steps,
        sources=sources,
        audiences={},  # other audiences' profiles are none of this edition's business
        origin=briefing.origin,
        key_judgments=key_judgments,
        clearance=clearance,
        figures=figures,
    )
    if not profile.grades and _has_grades(selected):
        selected = _without_grades(selected)
        out.append(("grades", "all"))
    if not profile.confidence_notes and _has_confidence_notes(selected):
        selected = _without_confidence_notes(selected)
        out.append(("confidence notes", "all"))
    order = {k: i for i, k in enumerate(KINDS)}
    items = tuple(sorted(out, key=lambda kv: order[kv[0]]))  # stable: content order within a kind
    return selected, Withheld(profile.name, items)


def _kept(credibility: tuple, sources: tuple) -> tuple:
    return tuple((s, c) for s, c in credibility if s in sources)


def _graded_lists(b: Briefing):
    return (b.summary, b.key_judgments, b.outcomes, b.sections, b.next_steps)


def _has_grades(b: Briefing) -> bool:
    return (any(s.reliability for s in b.sources) or any(x.credibility for x in (*b.stances, *b.reactions))
            or any(x.credibility for items in _graded_lists(b) for x in items))


def _without_grades(b: Briefing) -> Briefing:
    """Source reliability and citation credibility are the analyst's tradecraft: some audiences get
    the citations without them."""
    clear = {name: tuple(dataclasses.replace(x, credibility=()) for x in getattr(b, name))
             for name in ("summary", "key_judgments", "outcomes", "sections", "next_steps")}
    return dataclasses.replace(
        b, sources=tuple(dataclasses.replace(s, reliability=None) for s in b.sources),
        stances=tuple(dataclasses.replace(s, credibility=None) for s in b.stances),
        reactions=tuple(dataclasses.replace(r, credibility=None) for r in b.reactions), **clear)


def _has_confidence_notes(b: Briefing) -> bool:
    return any(x.confidence_note for x in (*b.outcomes, *b.key_judgments))


def _without_confidence_notes(b: Briefing) -> Briefing:
    return dataclasses.replace(
        b, outcomes=tuple(dataclasses.replace(o, confidence_note=None) for o in b.outcomes),
        key_judgments=tuple(dataclasses.replace(k, confidence_note=None) for k in b.key_judgments))


def _addressed(meta, profile: Profile):
    """The memo's TO line as the profile says (``to:``; the press default is "For release")."""
    if not profile.to:
        return meta
    return dataclasses.replace(meta, memo=dataclasses.replace(meta.memo, to=profile.to))
