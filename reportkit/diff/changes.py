"""What changed between two versions of a briefing, as frozen data in the words of the domain.

Every entry carries both the ids and the display names (party short name, issue name, outcome
title), so a renderer can draw a change without holding the older briefing. Field names are the
JSON keys of ``reportkit diff --json`` (documented in docs/diff.md): rename one and the format changes.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class StanceMove:
    """A stance whose score changed. ``direction`` is "up" (towards supporting the proposition) or "down"."""

    party: str
    party_name: str
    issue: str
    issue_name: str
    old: int
    new: int
    direction: str
    basis: str  # the new basis
    summary: str  # the new summary
    old_summary: str


@dataclass(frozen=True)
class StanceEntry:
    """A stance added (as it is now) or dropped (as it was)."""

    party: str
    party_name: str
    issue: str
    issue_name: str
    score: int
    basis: str
    summary: str


@dataclass(frozen=True)
class BasisChange:
    """A stance now stated in the source where the analyst had inferred it, or the reverse."""

    party: str
    party_name: str
    issue: str
    issue_name: str
    score: int  # the new score
    old: str
    new: str


@dataclass(frozen=True)
class LikelihoodChange:
    """An outcome's likelihood moved along ``model.LIKELIHOODS``; ``direction`` is "up" or "down"."""

    outcome: str
    title: str
    old: str
    new: str
    direction: str


@dataclass(frozen=True)
class OutcomeEntry:
    outcome: str
    title: str
    likelihood: str
    summary: str


@dataclass(frozen=True)
class OutcomeItem:
    """One condition or obstacle of an outcome present in both versions."""

    outcome: str
    title: str
    text: str


@dataclass(frozen=True)
class IndicatorChange:
    """A signpost of an outcome whose status moved (``standards.INDICATOR_STATUSES``)."""

    outcome: str
    title: str
    text: str
    old: str
    new: str
    date: str | None  # the new status's date, ISO


@dataclass(frozen=True)
class IndicatorEntry:
    outcome: str
    title: str
    text: str
    status: str


@dataclass(frozen=True)
class ConfidenceChange:
    """An outcome's analytic confidence changed (kept apart from its likelihood)."""

    outcome: str
    title: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class PositionChange:
    """A party's position on an outcome (``model.POSITIONS``; a party not listed counts as "unknown")."""

    outcome: str
    title: str
    party: str
    party_name: str
    old: str
    new: str


@dataclass(frozen=True)
class ReactionEntry:
    party: str
    party_name: str
    tone: str
    text: str


@dataclass(frozen=True)
class ToneChange:
    """The same reaction (same party, same or reworded text) with a different tone."""

    party: str
    party_name: str
    old: str
    new: str
    text: str  # the new text


@dataclass(frozen=True)
class SourceEntry:
    id: str
    title: str
    publisher: str
    date: str | None  # ISO date
    url: str | None


@dataclass(frozen=True)
class PartyEntry:
    id: str
    name: str
    short: str
    role: str


@dataclass(frozen=True)
class IssueEntry:
    id: str
    name: str
    proposition: str


@dataclass(frozen=True)
class Edit:
    """A change to wording or a detail that moves no score, likelihood or position.

    ``item`` is the kind of thing ("briefing", "bottom line", "party", "issue", "stance", "outcome",
    "condition", "obstacle", "reaction", "section", "figure", "next steps", "source", "audiences"); ``key`` its id
    ("us/talks" for a stance); ``label`` its display name; ``field`` the content key that changed.
    ``old``/``new`` are the values (strings, lists of strings, or null where the thing was absent).
    ``note`` sums up a list change briefly ("1 reworded, 1 added").
    """

    item: str
    key: str
    label: str
    field: str
    old: object
    new: object
    note: str = ""


# Groups that make a change "meaningful", in the order they are printed.
MEANINGFUL = (
    "stances_moved", "stances_added", "stances_dropped", "basis_changed",
    "likelihood_changed", "outcomes_added", "outcomes_removed",
    "conditions_added", "conditions_removed", "obstacles_added", "obstacles_removed",
    "positions_changed", "confidence_changed", "indicators_moved", "indicators_added", "indicators_removed",
    "reactions_added", "reactions_removed", "tone_changed",
    "sources_added", "sources_removed",
    "parties_added", "parties_removed", "issues_added", "issues_removed",
)


@dataclass(frozen=True)
class Changes:
    """Everything that differs between an older and a newer briefing (``diff(old, new)``)."""

    old_date: _dt.date
    new_date: _dt.date
    stances_moved: tuple[StanceMove, ...] = ()
    stances_added: tuple[StanceEntry, ...] = ()
    stances_dropped: tuple[StanceEntry, ...] = ()
    basis_changed: tuple[BasisChange, ...] = ()
    likelihood_changed: tuple[LikelihoodChange, ...] = ()
    outcomes_added: tuple[OutcomeEntry, ...] = ()
    outcomes_removed: tuple[OutcomeEntry, ...] = ()
    conditions_added: tuple[OutcomeItem, ...] = ()
    conditions_removed: tuple[OutcomeItem, ...] = ()
    obstacles_added: tuple[OutcomeItem, ...] = ()
    obstacles_removed: tuple[OutcomeItem, ...] = ()
    positions_changed: tuple[PositionChange, ...] = ()
    confidence_changed: tuple[ConfidenceChange, ...] = ()
    indicators_moved: tuple[IndicatorChange, ...] = ()
    indicators_added: tuple[IndicatorEntry, ...] = ()
    indicators_removed: tuple[IndicatorEntry, ...] = ()
    reactions_added: tuple[ReactionEntry, ...] = ()
    reactions_removed: tuple[ReactionEntry, ...] = ()
    tone_changed: tuple[ToneChange, ...] = ()
    sources_added: tuple[SourceEntry, ...] = ()
    sources_removed: tuple[SourceEntry, ...] = ()
    parties_added: tuple[PartyEntry, ...] = ()
    parties_removed: tuple[PartyEntry, ...] = ()
    issues_added: tuple[IssueEntry, ...] = ()
    issues_removed: tuple[IssueEntry, ...] = ()
    wording: tuple[Edit, ...] = ()  # never meaningful; printed last
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index["score"] = {(m.party, m.issue): m.old for m in self.stances_moved}
        self._index["likelihood"] = {c.outcome: c.direction for c in self.likelihood_changed}

    @property
    def meaningful(self) -> bool:
        """True when anything beyond wording changed (``reportkit diff`` then exits 1)."""
        return any(getattr(self, name) for name in MEANINGFUL)

    @property
    def count(self) -> int:
        """How many meaningful changes there are."""
        return sum(len(getattr(self, name)) for name in MEANINGFUL)

    def previous_score(self, party_id: str, issue_id: str) -> int | None:
        """The older score of a stance that moved; None where it did not move (or is new)."""
        return self._index["score"].get((party_id, issue_id))

    def likelihood_direction(self, outcome_id: str) -> str | None:
        """"up" or "down" where the outcome's likelihood changed, else None."""
        return self._index["likelihood"].get(outcome_id)


def group_names() -> tuple[str, ...]:
    """Every list-valued group of ``Changes``, in order (meaningful first, then ``wording``)."""
    return tuple(f.name for f in fields(Changes) if f.name not in ("old_date", "new_date", "_index"))
