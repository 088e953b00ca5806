"""Where the analyst's sections go in each edition: one rule for the memo family (PDF, Word, web page)
and the deck, documented in docs/content-format.md ("Where sections go").

- ``show_in`` picks the editions: ``both``, ``memo`` or ``deck``. Brief editions show only sections
  that say ``brief: true`` (they have always left sections out).
- ``after`` names the fixed part a section follows, in every edition that shows it. Without it a
  section goes where sections always went: after the bottom line (and "what changed") in the memo,
  after the outcomes in the deck. Sections that follow the same part keep their order in the file.
- A part an edition leaves out (the brief editions have no reactions) counts as being where the
  nearest earlier part of ``model.SECTION_AFTER`` is; ``start`` is right after the memo header or the
  deck's title and agenda.
"""
from __future__ import annotations

from ..model import SECTION_AFTER

DEFAULT_AFTER = {"memo": "changes", "deck": "outcomes"}


def shown(briefing, edition: str, brief: bool) -> tuple:
    """The sections ``edition`` ("memo" or "deck") shows, in file order."""
    return tuple(s for s in briefing.sections
                 if s.paragraphs and s.show_in in ("both", edition) and (s.brief or not brief))


def after(section, edition: str) -> str:
    """The part a section follows in ``edition``."""
    return section.after or DEFAULT_AFTER[edition]


def place(briefing, edition: str, brief: bool, parts) -> dict[str, tuple]:
    """Part name -> the sections that follow it, for an edition whose fixed parts are ``parts`` (names
    of ``SECTION_AFTER``, in the edition's order; ``start`` need not be listed)."""
    present_parts = {"start", *parts}
    out: dict[str, list] = {}
    for s in shown(briefing, edition, brief):
        anchor = after(s, edition)
        k = SECTION_AFTER.index(anchor)
        while SECTION_AFTER[k] not in present_parts:  # a part this edition leaves out
            k -= 1
        out.setdefault(SECTION_AFTER[k], []).append(s)
    return {k: tuple(v) for k, v in out.items()}
