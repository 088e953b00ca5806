"""``Changes`` as text for a terminal and as JSON data (``reportkit diff`` and ``--json``).

The text puts what an analyst asks first at the top (stances, then outcomes, then reactions and
sources) and lists wording-only edits last, one short line each.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

from ..present.words import ADDED_MARK as PLUS
from ..present.words import REMOVED_MARK as MINUS
from ..present.words import direction_mark, moved, score_label, signed
from .changes import MEANINGFUL, Changes, group_names

FORMAT_VERSION = 1


def _q(text: str) -> str:
    return f"\u201c{' '.join(text.split())}\u201d"


# group -> (heading, one line per entry). Groups sharing a heading are printed under it together.
_LINES: dict[str, tuple[str, Callable]] = {
    "stances_moved": ("Stances moved", lambda c: f"{c.party_name} on {c.issue_name}: {moved(signed(c.old), signed(c.new))} "
                                                  f"({moved(score_label(c.old), score_label(c.new))}). Now: {_q(c.summary)}"),
    "stances_added": ("Stances added", lambda c: f"{c.party_name} on {c.issue_name}: {signed(c.score)} "
                                                  f"({score_label(c.score)}, {c.basis}). {_q(c.summary)}"),
    "stances_dropped": ("Stances dropped", lambda c: f"{c.party_name} on {c.issue_name} (was {signed(c.score)}, {c.basis})"),
    "basis_changed": ("Basis changed", lambda c: f"{c.party_name} on {c.issue_name} ({signed(c.score)}): {moved(c.old, c.new)}"),
    "likelihood_changed": ("Outcome likelihood", lambda c: f"{direction_mark(c.direction)} {c.title}: {moved(c.old, c.new)}"),
    "outcomes_added": ("Outcomes", lambda c: f"{PLUS} {c.title} (likelihood {c.likelihood}). {_q(c.summary)}"),
    "outcomes_removed": ("Outcomes", lambda c: f"{MINUS} {c.title} (was {c.likelihood})"),
    "conditions_added": ("Conditions", lambda c: f"{PLUS} {c.title}: {_q(c.text)}"),
    "conditions_removed": ("Conditions", lambda c: f"{MINUS} {c.title}: {_q(c.text)}"),
    "obstacles_added": ("Obstacles", lambda c: f"{PLUS} {c.title}: {_q(c.text)}"),
    "obstacles_removed": ("Obstacles", lambda c: f"{MINUS} {c.title}: {_q(c.text)}"),
    "positions_changed": ("Positions on outcomes", lambda c: f"{c.title}: {c.party_name} {moved(c.old, c.new)}"),
    "confidence_changed": ("Confidence", lambda c: f"{c.title}: {moved(c.old or 'not given', c.new or 'not given')}"),
    "indicators_moved": ("Indicators", lambda c: f"{c.title}: {_q(c.text)} {moved(c.old, c.new)}"
                                                  + (f" (as of {c.date})" if c.date else "")),
    "indicators_added": ("Indicators", lambda c: f"{PLUS} {c.title}: {_q(c.text)} ({c.status})"),
    "indicators_removed": ("Indicators", lambda c: f"{MINUS} {c.title}: {_q(c.text)}"),
    "reactions_added": ("Reactions", lambda c: f"{PLUS} {c.party_name} ({c.tone}): {_q(c.text)}"),
    "reactions_removed": ("Reactions", lambda c: f"{MINUS} {c.party_name} (was {c.tone}): {_q(c.text)}"),
    "tone_changed": ("Reactions", lambda c: f"{c.party_name}: tone {moved(c.old, c.new)}"),
    "sources_added": ("Sources", lambda c: f"{PLUS} {c.title}" + "".join(f", {x}" for x in (c.publisher, c.date) if x)),
    "sources_removed": ("Sources", lambda c: f"{MINUS} {c.title}"),
    "parties_added": ("Parties", lambda c: f"{PLUS} {c.name} ({c.role})"),
    "parties_removed": ("Parties", lambda c: f"{MINUS} {c.name}"),
    "issues_added": ("Issues", lambda c: f"{PLUS} {c.name}: {_q(c.proposition)}"),
    "issues_removed": ("Issues", lambda c: f"{MINUS} {c.name}"),
}

def _brief(value, field: str) -> str | None:
    """A value short enough to print in full, or None."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(value) or ("everyone" if field == "audiences" else "none")
    if value is None:
        return "none"
    if isinstance(value, (int, bool)) or (isinstance(value, str) and len(value) <= 40):
        return str(value)
    return None


def _edit_line(e) -> str:
    if e.item in ("condition", "obstacle"):
        return f"{e.label}: a {e.item} reworded"
    where = f"{e.item} \u201c{e.label}\u201d" if e.key else e.label
    if e.field in ("section", "figure") or (e.note and e.field in ("points", "paragraphs")):
        return f"{where}: {e.note}"
    if e.note:
        return f"{where}: {e.field}: {e.note}"
    before, after = _brief(e.old, e.field), _brief(e.new, e.field)
    if before is not None and after is not None:
        return f"{where}: {e.field} {moved(before, after)}"
    if isinstance(e.old, str) and isinstance(e.new, str):
        return f"{where}: {e.field} reworded"
    return f"{where}: {e.field} changed"


def format_text(changes: Changes, old_name: str, new_name: str, audience: str | None = None) -> str:
    """The changes as plain lines for a terminal, meaningful ones first."""
    head = moved(f"{old_name} ({changes.old_date.isoformat()})", f"{new_name} ({changes.new_date.isoformat()})")
    if audience:
        head += f", as the {audience} audience sees them"
    lines = []
    if changes.meaningful:
        n = changes.count
        lines.append(f"{n} meaningful change{'s' if n != 1 else ''}: {head}")
    else:
        lines.append(f"No meaningful changes: {head}")
    heading = None
    for group in MEANINGFUL:
        title, line = _LINES[group]
        for entry in getattr(changes, group):
            if title != heading:
                lines += ["", title]
                heading = title
            lines.append(f"  {line(entry)}")
    if changes.wording:
        lines += ["", "Wording and details only (not counted as meaningful)"]
        lines += [f"  {_edit_line(e)}" for e in changes.wording]
    return "\n".join(lines) + "\n"


def to_json(changes: Changes, old_name: str, new_name: str, audience: str | None = None) -> dict:
    """The changes as JSON-ready data. Keys are stable; see docs/diff.md."""
    data: dict = {
        "reportkit_diff": FORMAT_VERSION,
        "old": {"file": old_name, "date": changes.old_date.isoformat()},
        "new": {"file": new_name, "date": changes.new_date.isoformat()},
        "audience": audience,
        "meaningful": changes.meaningful,
        "count": changes.count,
    }
    for group in group_names():
        data[group] = [dataclasses.asdict(e) for e in getattr(changes, group)]
    return data
