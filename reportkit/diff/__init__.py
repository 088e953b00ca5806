"""Semantic diff of two briefings: what moved, in the words of the domain (issue 8).

``diff(old, new) -> Changes`` compares two frozen models (pass audience-selected ones so withheld
items never show); ``format_text`` and ``to_json`` present the result. No rendering library here.
"""
from .changes import (
    MEANINGFUL, BasisChange, Changes, ConfidenceChange, Edit, IndicatorChange, IndicatorEntry, IssueEntry, LikelihoodChange, OutcomeEntry, OutcomeItem,
    PartyEntry, PositionChange, ReactionEntry, SourceEntry, StanceEntry, StanceMove, ToneChange,
)
from .compare import diff
from .report import format_text, to_json

__all__ = [
    "diff", "format_text", "to_json", "Changes", "MEANINGFUL", "BasisChange", "ConfidenceChange", "Edit",
    "IndicatorChange", "IndicatorEntry", "IssueEntry",
    "LikelihoodChange", "OutcomeEntry", "OutcomeItem", "PartyEntry", "PositionChange", "ReactionEntry",
    "SourceEntry", "StanceEntry", "StanceMove", "ToneChange",
]
