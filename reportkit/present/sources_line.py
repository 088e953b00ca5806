"""The short source line of a slide (or any place too small for endnotes): "Source: [1] News article…",
numbered as the memo's endnotes are (the source's place in the edition's list of sources), built from
the citations of what the place shows.

Each number carries the grades of the slide's citations of that source, as the memo's markers do
("[1, B2]"; two citations graded apart: "[1, B2/B3]").

It says as much as the space allows, in this order: each source's full citation (``citations``), its
title, its title's first words, and at least the endnote numbers ("Sources: [1], [3]"; runs as
"[2]–[5]"). The numbers are never dropped: they are what lets the reader find the endnote.
"""
from __future__ import annotations

from ..text import plain
from .citations import cited, citation

ELLIPSIS = "\u2026"
WORDS = (12, 8, 5, 3, 2, 1)  # a title's first words, tried longest first


def _graded(briefing, cites) -> dict[int, tuple[str, ...]]:
    """Endnote number -> the distinct grades of its citations, ascending by number. ``cites``: source
    ids or ``citations.Ref``s (a slide's citations with their credibility)."""
    out: dict[int, list[str]] = {}
    for c in cites:
        refs = cited(briefing, (c,)) if isinstance(c, str) else (c,)
        for r in refs:
            grades = out.setdefault(int(r), [])
            if r.grade and r.grade not in grades:
                grades.append(r.grade)
    return {n: tuple(out[n]) for n in sorted(out)}


def numbers(briefing, ids) -> tuple[int, ...]:
    """The endnote numbers of ``ids`` (source ids or ``Ref``s) in this edition, ascending, without
    repeats (withheld or unknown ids are left out: the edition has no endnote for them)."""
    return tuple(_graded(briefing, ids))


def candidates(briefing, ids, language: str = "en") -> list[str]:
    """Every wording of the line, longest first; [] when nothing cited is in this edition."""
    graded = _graded(briefing, ids)
    nums = tuple(graded)
    if not nums:
        return []
    marks = [f"[{n}, {'/'.join(graded[n])}]" if graded[n] else f"[{n}]" for n in nums]
    label = "Source: " if len(nums) == 1 else "Sources: "
    sources = [briefing.sources[n - 1] for n in nums]
    out = [label + "; ".join(f"{m} {citation(s, language).rstrip('.')}" for m, s in zip(marks, sources))]
    titles = [plain(s.title).strip().rstrip(".") for s in sources]
    out.append(label + "; ".join(f"{m} {t}" for m, t in zip(marks, titles)))
    for k in WORDS:
        cut = [t if len(t.split()) <= k else " ".join(t.split()[:k]).rstrip(",;:") + ELLIPSIS for t in titles]
        out.append(label + "; ".join(f"{m} {t}" for m, t in zip(marks, cut)))
    out.append(label + ", ".join(marks))
    if not any(graded.values()):  # runs ("[2]–[5]") would hide the grades
        out.append(label + ", ".join(_runs(nums)))
    return list(dict.fromkeys(out))


def source_line(briefing, ids, fits, language: str = "en") -> str | None:
    """The longest wording that ``fits(text)`` accepts; the shortest when none does; None when the
    place cites nothing of this edition."""
    options = candidates(briefing, ids, language)
    return next((o for o in options if fits(o)), options[-1] if options else None)


def _runs(nums) -> list[str]:
    """[1, 2, 3, 5] -> ["[1]–[3]", "[5]"]."""
    out, start = [], None
    for k, n in enumerate(nums):
        if start is None:
            start = n
        if k + 1 == len(nums) or nums[k + 1] != n + 1:
            out.append(f"[{start}]" if start == n else f"[{start}]\u2013[{n}]")
            start = None
    return out
