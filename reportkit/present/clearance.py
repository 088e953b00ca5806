"""The clearance block: who drafted and who cleared the briefing, worded once for every edition.

Staff memos carry it as two labelled lines ("Drafted: …", "Cleared: …"): each sign-off is the
name, then the office and the date when given; several sign-offs of one kind are joined by "; ".
"""
from __future__ import annotations

from ..model import SIGNOFF_ROLES
from ..text import plain
from .dates import day

LABELS = {"drafted": "Drafted", "cleared": "Cleared"}


def signoff_text(s, language: str = "en") -> str:
    """"Jane Roe, EUR/RUS, 20 November 2026": the name, then what is known of office and date."""
    parts = [plain(s.name).strip()]
    if s.office:
        parts.append(plain(s.office).strip())
    if s.date:
        parts.append(day(s.date, language))
    return ", ".join(p for p in parts if p)


def entries(briefing) -> tuple[tuple[str, str], ...]:
    """(label, text) per sign-off, drafted first: for a list with one sign-off per line."""
    language = briefing.meta.language
    return tuple((LABELS[role], signoff_text(s, language))
                 for role in SIGNOFF_ROLES for s in briefing.clearance if s.role == role)


def lines(briefing) -> tuple[tuple[str, str], ...]:
    """(label, text) per role that has sign-offs, drafted first: (("Drafted", "Jane Roe, EUR/RUS, …"), …).
    Empty when the briefing (as this audience sees it) has no clearance block."""
    language = briefing.meta.language
    out = []
    for role in SIGNOFF_ROLES:
        names = [signoff_text(s, language) for s in briefing.clearance if s.role == role]
        if names:
            out.append((LABELS[role], "; ".join(names)))
    return tuple(out)
