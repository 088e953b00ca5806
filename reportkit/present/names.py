"""Advice instead of silent damage: when a party's or an issue's name is too long for a chart label or
a table column and an edition cuts it short, the build says so once per name, suggesting the fix
(`short:` for a party, a shorter `name:` for an issue) at the line of that party or issue.

Every edition asks through a ``NameAdvice`` collector, so a name cut in three places warns once.
"""
from __future__ import annotations

from ..registry import BuildWarning


class NameAdvice:
    """Collects one warning per party or issue whose name an edition had to cut or cram."""

    def __init__(self, briefing):
        self.b = briefing
        self.warnings: list[BuildWarning] = []
        self._seen: set = set()

    def cut(self, label: str, where: str) -> None:
        """``label`` (a party's short name or name, or an issue's name) did not fit ``where``
        ("a chart label", "the stance table's party column")."""
        found = self._find(label)
        if found is None or found[:2] in self._seen:
            return
        self._seen.add(found[:2])
        kind, ident, item = found
        if kind == "party":
            fix = ("add `short:` to the party, a name of a word or two for charts and table columns"
                   if item.short == item.name else "give it a shorter `short:`")
        else:
            fix = "give the issue a shorter `name:` (its proposition says the rest)"
        self.warnings.append(BuildWarning(f"{kind} name {label!r} is too long for {where} and was cut or "
                                          f"crammed; {fix}", self._where(kind, ident)))

    def _find(self, label: str):
        for p in self.b.parties:
            if label in (p.short, p.name):
                return "party", p.id, p
        for i in self.b.issues:
            if label == i.name:
                return "issue", i.id, i
        return None

    def _where(self, kind: str, ident: str) -> str | None:
        """``file:line:col`` of the party's or issue's name in the content (found by id, so an audience
        that leaves items out does not shift it)."""
        origin = getattr(self.b, "origin", None)
        doc = getattr(origin, "doc", None)
        key = "parties" if kind == "party" else "issues"
        items = (getattr(doc, "data", None) or {}).get(key) if doc is not None else None
        for k, item in enumerate(items or ()):
            if isinstance(item, dict) and item.get("id") == ident:
                field = "short" if kind == "party" and "short" in item else "name"
                line, col = doc.where((key, k, field))
                return f"{doc.filename}:{line}:{col}"
        return None
