"""The full edition's marking: a build without ``--audience`` must never look like an audience edition.

The full edition is the briefing as written: staff-only sections, restricted next steps, everything.
Left unmarked it would be headed with the file's ``memo.to`` ("TO: Principals") and could be handed to
exactly the person whose edition leaves those items out. So it is marked where a reader looks first:

- the classification banner on every memo page and every deck slide gains ``FULL EDITION`` (done in
  the briefing's ``meta.classification``, so every renderer draws it through its own banner, present
  and future ones alike, without knowing about editions);
- the memo's TO line reads "Full edition — not for distribution" (a TO line comes only from an
  audience: the profile's ``to:``, else the file's ``memo.to``);
- the build says which edition it wrote and what in it not every audience may see (``describe``).
"""
from __future__ import annotations

import dataclasses

from ..model import Briefing
from .profiles import Profile
from .select import Withheld, select

MARK = "FULL EDITION"
TO = "Full edition — not for distribution"
SEPARATOR = " · "


def banner(classification: str) -> str:
    """The classification line of the full edition: the file's marking, then FULL EDITION."""
    return f"{classification}{SEPARATOR}{MARK}" if classification.strip() else MARK


def full_edition(briefing: Briefing) -> Briefing:
    """The briefing as the full edition shows it: marked banner, TO line that names no audience."""
    meta = briefing.meta
    memo = dataclasses.replace(meta.memo, to=TO)
    return dataclasses.replace(briefing, meta=dataclasses.replace(meta, classification=banner(meta.classification),
                                                                 memo=memo))


def limited(briefing: Briefing) -> Withheld:
    """The items some audience may not see: tagged for named audiences only, or above ``internal``."""
    nobody_in_particular = Profile(name="", label="", clearance="internal")
    return select(briefing, nobody_in_particular)[1]


def describe(briefing: Briefing) -> str:
    """The build's line about the full edition (``briefing`` as written, before marking)."""
    items = limited(briefing)
    if items:
        n = len(items)
        listed = ", ".join(f"{k} {i}" for k, i in items.items)
        what = f"contains {n} item{'s' * (n != 1)} not every audience may see ({listed})"
    else:
        what = "every item, for no particular audience"
    return (f"full edition: {what}; marked {MARK} on every page and slide, not for distribution "
            "(build with --audience NAME for an audience's edition; see `reportkit audiences`)")
