"""An honest budget, said one way for every edition: when a brief edition that promises at most N pages
(the memo) or N slides (the deck) still takes more, the build says by how much and which content is
longest, at its ``file:line:col`` (``Briefing.origin``), so the analyst knows what to shorten.

Pure: each edition passes the texts it shows at length; this module only words the warning.
"""
from __future__ import annotations

from ..registry import BuildWarning
from ..text import plain

LONGEST_SHOWN = 3  # the longest texts named in the warning


def locate(text: str, origin):
    """The content's place for a shown text: the first string value holding its opening words
    (a key judgment is printed with sentences added after its own text)."""
    if origin is None:
        return None
    words = plain(text).split()
    for n in (12, 6, 3):
        if len(words) >= n or n == 3:
            place = origin.find(" ".join(words[:n]))
            if place is not None:
                return place
    return None


def over_budget(what: str, used: int, budget: int | None, unit: str, texts, origin=None,
                how: str = "") -> list[BuildWarning]:
    """One warning when ``used`` exceeds ``budget`` (None: no budget), naming the longest ``texts``;
    else none. ``what``: "the brief memo"; ``unit``: "page"; ``how``: what was tried already."""
    if budget is None or used <= budget:
        return []
    texts = sorted(set(texts), key=lambda t: -len(plain(t)))[:LONGEST_SHOWN]
    places = [(t, locate(t, origin)) for t in texts]
    named = "; ".join(f"{place.field if place else repr(plain(t)[:40] + '…')} ({len(plain(t)):,} characters"
                      + (f", {place.where}" if place and k else "") + ")"
                      for k, (t, place) in enumerate(places))
    first = places[0][1] if places else None
    return [BuildWarning(
        f"{what} takes {used} {unit}s, {used - budget} over its {budget}-{unit} budget{' ' + how if how else ''}; "
        f"the longest content: {named}. Shorten it, or leave detail to the staff edition",
        first.where if first else None)]
