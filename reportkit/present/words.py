"""The words every edition prints for the same data.

Labels are in sentence case ("Supports", "Medium", "Cautious") wherever they stand on their own (a
cell, a badge, a key); running text that needs them lower-case lowers them itself. A moved value is
always written old first: "−1 → −2", "Low → Medium".
"""
from __future__ import annotations

from ..model import SCORE_LABELS

INFERRED_MARK = "\u2020"  # dagger: in Carlito, and unambiguous next to a number
NO_STANCE = "\u2014"  # em dash: a cell with no stance in the source
MOVE_ARROW = "\u2192"  # →
NONE_STATED = "None stated in the source."  # the one item of an empty list of conditions or obstacles

_POSITIONS = {"support": "Supports", "conditional": "Conditional", "oppose": "Opposes", "unknown": "Not stated"}
_BASES = {"stated": "stated in the source", "inferred": "inferred by the analyst"}
_LIKELIHOOD_BASES = {"stated": "Stated in the source", "judgement": "Analyst judgement"}


def signed(score: int) -> str:
    """A score as printed everywhere: "+2", "0", "−1" (a true minus sign)."""
    return f"+{score}" if score > 0 else ("0" if score == 0 else f"\u2212{-score}")


def score_cell(score: int | None, basis: str | None = None) -> str:
    """What a stance cell prints: "+2", "−1†" (inferred by the analyst), or "—" (no stance)."""
    if score is None:
        return NO_STANCE
    return signed(score) + (INFERRED_MARK if basis == "inferred" else "")


def score_label(score: int) -> str:
    """"strongly opposes" … "strongly supports": what a score means for the proposition."""
    return SCORE_LABELS[score]


def moved(old: str, new: str) -> str:
    """A value that changed since an older version: "−1 → −2" (old first, as it is read)."""
    return f"{old} {MOVE_ARROW} {new}"


def position_word(position: str) -> str:
    """A party's position on an outcome: "Supports", "Conditional", "Opposes", "Not stated"."""
    return _POSITIONS.get(position, position.capitalize())


def likelihood_word(likelihood: str) -> str:
    """"Low", "Medium", "High"."""
    return likelihood.capitalize()


def likelihood_basis_word(basis: str) -> str:
    """Who says how likely: "Analyst judgement" or "Stated in the source"."""
    return _LIKELIHOOD_BASES.get(basis, basis.capitalize())


def tone_word(tone: str) -> str:
    """A reaction's tone: "Welcoming", "Cautious", …"""
    return tone.capitalize()


def basis_word(basis: str) -> str:
    """Where a score comes from: "stated in the source" or "inferred by the analyst"."""
    return _BASES.get(basis, basis)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """"1 wording edit", "2 wording edits": the number and its noun, agreeing."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def agrees(n: int, singular: str, plural: str) -> str:
    """The verb form that agrees with ``n``: agrees(1, "changes", "change") -> "changes"."""
    return singular if n == 1 else plural


UP, DOWN = "\u25b2", "\u25bc"  # ▲ ▼: a likelihood that rose or fell
ADDED_MARK, REMOVED_MARK = "+", "\u2212"  # before an item added or removed, in a list of changes (true minus)


def direction_mark(direction: str | None) -> str:
    """"▲" for up, "▼" for down, "" otherwise."""
    return {"up": UP, "down": DOWN}.get(direction or "", "")


def likelihood_change(direction: str, old: str) -> str:
    """"▲ up from low": how a likelihood moved since the older version (running text, lower case)."""
    return f"{direction_mark(direction)} {direction} from {old}"


def moved_key(since: str) -> str:
    """The key line under a table or chart that shows moved scores."""
    return f"{moved(signed(-1), signed(-2))}: the score moved since {since}"


def likelihood_note(bases) -> str:
    """The line under a table of likelihoods: who judged them. ``bases``: each outcome's likelihood basis."""
    if all(b == "judgement" for b in bases):
        return "Likelihoods are the analyst's judgement."
    return "Likelihoods are the analyst's judgement unless marked as stated in the source."


# What every edition says where the briefing gives nothing for a part of it.
EMPTY = {
    "summary": "The briefing gives no bottom-line points.",
    "matrix": "The briefing gives no parties or issues to compare.",
    "outcomes": "The briefing describes no potential outcomes.",
    "reactions": "The source reports no international reactions.",
    "next_steps": "The briefing names no next steps.",
}
