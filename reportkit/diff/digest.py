"""``Changes`` in brief, for a principal: grouped lines in the words of the domain, shared by the memo's
"What changed" section and the deck's "What changed" slide (so both say the same thing).

Meaningful changes only, one short line each; wording-only edits are summed up in one line at most.
Also the per-chart lookups a renderer needs to show previous scores. Pure: no rendering library.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import present
from ..model import SCORE_LABELS
from ..present import moved, signed
from ..text import plain
from .changes import Changes


@dataclass(frozen=True)
class Digest:
    since: str  # "19 November 2026"
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines), only groups with lines
    wording: str | None  # one line summing up wording-only edits, or None

    @property
    def title(self) -> str:
        return f"What changed since {self.since}"


def _position(position: str) -> str:
    return present.position_word(position).lower()  # mid-sentence: "Russia conditional → supports"


def _stances(c: Changes) -> list[str]:
    out = [f"{m.party_name} on {m.issue_name}: {moved(signed(m.old), signed(m.new))} "
           f"(now {SCORE_LABELS[m.new]}). {_sentence(m.summary)}" for m in c.stances_moved]
    out += [f"New: {s.party_name} on {s.issue_name}, {signed(s.score)} ({SCORE_LABELS[s.score]})"
            for s in c.stances_added]
    out += [f"No longer given: {s.party_name} on {s.issue_name} (was {signed(s.score)})" for s in c.stances_dropped]
    out += [f"{b.party_name} on {b.issue_name} ({signed(b.score)}): now {_basis(b.new)}, was {_basis(b.old)}"
            for b in c.basis_changed]
    return out


def _sentence(text: str) -> str:
    text = " ".join(plain(text).split())
    return text if not text or text[-1] in ".!?" else text + "."


def _basis(basis: str) -> str:
    return present.words.basis_word(basis)


def _outcomes(c: Changes) -> list[str]:
    out = [f"{present.words.direction_mark(x.direction)} {plain(x.title)}: likelihood {moved(x.old, x.new)}" for x in c.likelihood_changed]
    out += [f"New outcome: {plain(o.title)} (likelihood {o.likelihood})" for o in c.outcomes_added]
    out += [f"No longer in view: {plain(o.title)} (was {o.likelihood})" for o in c.outcomes_removed]
    for kind, added, removed in (("condition", c.conditions_added, c.conditions_removed),
                                 ("obstacle", c.obstacles_added, c.obstacles_removed)):
        out += [f"{plain(i.title)}: new {kind}: {plain(i.text)}" for i in added]
        out += [f"{plain(i.title)}: {kind} dropped: {plain(i.text)}" for i in removed]
    out += [f"{plain(p.title)}: {p.party_name} {moved(_position(p.old), _position(p.new))}" for p in c.positions_changed]
    out += [f"{plain(x.title)}: confidence {moved(x.old or 'not given', x.new or 'not given')}" for x in c.confidence_changed]
    out += [f"{plain(x.title)}: indicator {moved(x.old, x.new)}: {plain(x.text)}" for x in c.indicators_moved]
    out += [f"{plain(x.title)}: new indicator ({x.status}): {plain(x.text)}" for x in c.indicators_added]
    out += [f"{plain(x.title)}: indicator dropped: {plain(x.text)}" for x in c.indicators_removed]
    return out


def _reactions(c: Changes) -> list[str]:
    out = [f"New: {r.party_name} ({r.tone}): {plain(r.text)}" for r in c.reactions_added]
    out += [f"No longer reported: {r.party_name} ({r.tone})" for r in c.reactions_removed]
    out += [f"{t.party_name}: tone {moved(t.old, t.new)}" for t in c.tone_changed]
    return out


def _actors(c: Changes) -> list[str]:
    out = [f"New party: {p.name} ({p.role})" for p in c.parties_added]
    out += [f"Party no longer covered: {p.name}" for p in c.parties_removed]
    out += [f"New issue: {i.name}" for i in c.issues_added]
    out += [f"Issue no longer covered: {i.name}" for i in c.issues_removed]
    return out


def _sources(c: Changes) -> list[str]:
    out = [f"New: {plain(s.title)}" + "".join(f", {x}" for x in (s.publisher,) if x) for s in c.sources_added]
    out += [f"No longer cited: {plain(s.title)}" for s in c.sources_removed]
    return out


def _wording(c: Changes) -> str | None:
    if not c.wording:
        return None
    kinds: list[str] = []
    for e in c.wording:
        if e.item not in kinds:
            kinds.append(e.item)
    n = len(c.wording)
    return (f"Also {present.count(n, 'wording edit')} that {present.words.agrees(n, 'changes', 'change')} no "
            f"score, likelihood or position ({', '.join(kinds)}).")


def digest(changes: Changes) -> Digest:
    """The meaningful changes grouped as a principal reads them: stances, outcomes, reactions, who and
    what is covered, sources."""
    groups = (("Stances", _stances(changes)), ("Outcomes", _outcomes(changes)), ("Reactions", _reactions(changes)),
              ("Parties and issues", _actors(changes)), ("Sources", _sources(changes)))
    return Digest(present.day(changes.old_date), tuple((h, tuple(lines)) for h, lines in groups if lines),
                  _wording(changes))


def chart_previous(changes: Changes | None, briefing, chart) -> tuple[int | None, ...]:
    """Per bar of a ``charts.DivergingChart``, the older score where that stance moved, else None.

    Bars carry labels, not ids: this walks the briefing as ``charts.issue_chart`` builds them (one bar
    per party with a stance, in content order)."""
    kind, _, key = chart.key.partition(":")
    if changes is None or not changes.meaningful or kind != "issue":
        return (None,) * len(chart.bars)
    pairs = [(p.id, key) for p in briefing.parties if briefing.stance(p.id, key)]
    return tuple(changes.previous_score(pid, iid) for pid, iid in pairs)
