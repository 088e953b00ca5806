"""The "What changed" slides (``build --since``): the same grouped lines as the memo's box."""
from __future__ import annotations

from ... import present
from ...diff.digest import digest
from ..model import Paragraph, Run, Slide
from .context import Deck


def what_changed(d: Deck) -> list[Slide]:
    """Meaningful changes since the older version, grouped as in the memo; continues on more slides."""
    if not d.changes:
        return []
    dg = digest(d.changes)
    # A group's heading travels with its first line, so a slide never ends on a bare heading.
    items = [(head, line, k == 0) for head, lines in dg.groups for k, line in enumerate(lines)]
    if dg.wording:  # wording-only edits, summed up in one line under the groups, as in the memo
        items.append((None, dg.wording, False))

    def make(i, size, first):
        head, text, opens = items[i]
        if head is None:
            return [Paragraph((Run(text, False, True, d.muted),), size, space_before=0 if first else size * 0.6)]
        bullet = d.item(text, size, gap=size * 0.25)
        if not opens and not first:
            return [bullet]
        label = head if opens else f"{head} (continued)"  # a continuation slide starts mid-group
        return [Paragraph((Run(label, True, False, d.primary),), size + 1,
                          space_before=0 if first else size * 0.8), bullet]
    notes = (f"{dg.title}: {present.count(d.changes.count, 'meaningful change')}.\n"
             + "\n".join(f"{head}: " + "; ".join(lines) for head, lines in dg.groups)
             + (f"\n{dg.wording}" if dg.wording else ""))
    return d.list_slides("changes", f"What changed since {d.since_short}", make, len(items), notes,
                         sizes=(18, 17, 16, 15, 14))
