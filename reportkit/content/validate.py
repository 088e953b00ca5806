"""Check loaded content against the format spec: every problem, located, sorted by position.

Type and shape checks come from ``spec.CONTENT``; references are resolved afterwards, once every id
in the file is known (a stance may name a party defined further down).
"""
from __future__ import annotations

from ..errors import Problem
from .safe_yaml import Document
from .spec import BUILTIN_AUDIENCES, CONTENT
from .types import Checker, did_you_mean

_SHOWN_CHOICES = 12


def validate(doc: Document) -> list[Problem]:
    """All problems of a loaded document (including those found while reading it), sorted."""
    ck = Checker(doc)
    if doc.data is None and not doc.nodes:
        ck.report((), "file is empty: a content file is a mapping that starts with `reportkit: 1` "
                      "(see docs/content-format.md)")
    elif not isinstance(doc.data, dict):
        got = "a list" if isinstance(doc.data, list) else "a single value"
        ck.report((), f"the top level must be a mapping of keys (reportkit:, briefing:, parties:, …), not {got}")
    else:
        CONTENT.check(doc.data, (), ck)
        _check_references(ck, doc.data)
    return sorted(set(doc.problems) | set(ck.problems))


def _check_references(ck: Checker, data: dict) -> None:
    known = {kind: set(ids) for kind, ids in ck.defined.items()}
    audiences = data.get("audiences")
    known["audience"] = set(BUILTIN_AUDIENCES) | (set(audiences) if isinstance(audiences, dict) else set())
    if "figures" not in data:  # optional list: naming a figure without one is an unknown id, not "already reported"
        known["figure"] = set()
    for kind, value, path, is_key in ck.references:
        if kind not in known:
            continue  # the list that defines them is missing or broken, and already reported
        ids = known[kind]
        if value in ids:
            continue
        listed = sorted(ids)
        shown = ", ".join(listed[:_SHOWN_CHOICES]) + (", …" if len(listed) > _SHOWN_CHOICES else "")
        where = f"; known {kind} ids: {shown}"
        hint = _by_name(ck, data, kind, value) or did_you_mean(value, listed)
        ck.report(path, f"unknown {kind} {value!r}{hint}{where}", key=is_key)


def _by_name(ck: Checker, data: dict, kind: str, value) -> str:
    """"; did you mean 'ru' (Russia)?" when ``value`` is the name, short name or title of a defined
    item rather than its id (writing ``party: Russia`` is the natural first guess)."""
    if not isinstance(value, str):
        return ""
    wanted = value.strip().casefold()
    for ident, path in ck.defined.get(kind, {}).items():
        item = _at(data, path[:-1])
        if not isinstance(item, dict):
            continue
        names = [item.get(k) for k in ("name", "short", "title")]
        if any(isinstance(n, str) and n.strip().casefold() == wanted for n in names):
            label = next(n for n in names if isinstance(n, str) and n.strip())
            return f"; did you mean {ident!r} ({label})?"
    return ""


def _at(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
