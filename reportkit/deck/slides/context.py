"""What every slide family shares: the edition, its theme colours, what changed since an older version,
the planner's warnings, and the few ways a slide is put together (a titled slide, a bulleted item, a
list that continues over as many slides as it needs)."""
from __future__ import annotations

from ...diff.digest import digest
from ...present import dates
from ...present.citations import bracketed, cited
from ...present.names import NameAdvice
from ...text import plain, spans
from ..layout import BODY, BULLET_INDENT, COVER_SIZES, COVER_TITLE, TITLE_BOX, TITLE_SIZES, fit_title, fits, \
    shorten_title
from ..model import Box, Image, Paragraph, Run, Slide, Text


def runs(text: str, bold: bool = False, color: str | None = None) -> tuple[Run, ...]:
    """Content text (with ``*emphasis*``) as runs."""
    return tuple(Run(s.text, bold or s.bold, s.italic, color) for s in spans(text)) or (Run(""),)


def _unique(cites) -> tuple:
    """Source ids or graded ``Ref``s, each once (a Ref is its number: its grade keeps two apart)."""
    return tuple({(c, getattr(c, "grade", None)): c for c in cites if c}.values())


class Deck:
    """One deck being planned. Slide families are functions of this context; it collects warnings."""

    def __init__(self, edition):
        self.e = edition
        self.b = edition.briefing
        self.t = edition.theme
        self.language = self.b.meta.language
        self.warnings: list[str] = []
        self.advice = NameAdvice(self.b)  # names cut to fit a label or column: one warning each (plan adds them)
        self.text = self.t.color("color.text")
        self.muted = self.t.color("color.muted")
        self.primary = self.t.color("color.primary")
        c = getattr(edition, "changes", None)  # diff.Changes (build --since); only meaningful ones are shown
        self.changes = c if c is not None and c.meaningful else None
        self.since = digest(c).since if self.changes else ""
        self.since_short = dates.day_month(c.old_date, self.language) if self.changes else ""  # year: title slide

    def slide(self, kind, title, shapes, notes, layout="content", cites=()) -> Slide:
        short = shorten_title(title, TITLE_BOX if layout != "title" else COVER_TITLE,
                              TITLE_SIZES[-1] if layout != "title" else COVER_SIZES[-1])
        if short != title:
            self.warnings.append(f"slide title shortened to fit (full title in the notes): {short}")
            notes = notes if notes and title in notes else f"{title}\n\n{notes}" if notes else title
        notes = notes if self.e.speaker_notes else None
        return Slide(kind, layout, short, TITLE_BOX, fit_title(short), tuple(shapes), notes, _unique(cites))

    def refs(self, ids, credibility=()) -> tuple:
        """The graded endnote references of a citation (``present.citations.cited``)."""
        return cited(self.b, ids, credibility)

    def marker(self, ids, credibility=()) -> str:
        """" [1, B2]" to print after a cited text when the citation is graded, else "" (the slide's
        source line then is the pointer to the endnotes)."""
        m = bracketed(self.refs(ids, credibility))
        return f" {m}" if m else ""

    def item(self, text, size, bullet="•", lead: str | None = None, lead_color=None, gap=None) -> Paragraph:
        lead_runs = (Run(lead, True, False, lead_color),) if lead else ()
        return Paragraph(lead_runs + runs(text), size, bullet, BULLET_INDENT if bullet else 0.0,
                         size * 0.5 if gap is None else gap)

    def paginate(self, make, count: int, box: Box, sizes, heading=None) -> list[tuple[float, int, int]]:
        """Split items 0..count-1 into pages of (size, start, end). ``make(i, size, first)`` -> paragraphs.

        Shrink first (one page at the largest size that fits); when even the smallest size does not
        fit, split at the second-largest size so continuation slides stay readable. ``heading(i)``:
        item i is a heading, which keeps with the item after it (never last on a slide).
        """
        if count == 0:
            return []
        for size in sizes:
            if fits([p for i in range(count) for p in make(i, size, i == 0)], box):
                return [(size, 0, count)]
        size = sizes[min(1, len(sizes) - 1)]
        pages, start = [], 0
        while start < count:
            end = start + 1
            while end < count and fits([p for i in range(start, end + 1) for p in make(i, size, i == start)], box):
                end += 1
            while heading and end < count and end - 1 > start and heading(end - 1):
                end -= 1  # "Obstacles" alone at the foot of a slide: it starts the next one
            page_size = size
            if not fits([p for i in range(start, end) for p in make(i, size, i == start)], box):
                page_size = next((s for s in sizes if fits(make(start, s, True), box)), sizes[-1])
                if page_size == sizes[-1] and not fits(make(start, page_size, True), box):
                    self.warnings.append(f"an item is too long for one slide even at {page_size} pt: "
                                         f"{plain(make(start, page_size, True)[0].text)[:60]}…")
            pages.append((page_size, start, end))
            start = end
        return pages

    def list_slides(self, kind, title, make, count, notes, box=BODY, sizes=(22, 20, 18, 16, 14),
                    cites=None) -> list[Slide]:
        """Items 0..count-1 over as many slides as they need; ``cites(i)``: the source ids (or graded
        ``Ref``s) of item i (each slide's source line names those of the items it shows)."""
        pages = self.paginate(make, count, box, sizes)
        out = []
        for n, (size, start, end) in enumerate(pages, 1):
            paras = tuple(p for i in range(start, end) for p in make(i, size, i == start))
            t = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
            shown = [sid for i in range(start, end) for sid in cites(i)] if cites else ()
            out.append(self.slide(kind, t, [Text(box, paras, name=f"{title} text")], notes, cites=shown))
        return out

    def note_slide(self, kind, title, message: str, notes=None) -> Slide:
        """A slide that says, in one line, that the source gives nothing for it."""
        return self.slide(kind, title, [Text(BODY, (Paragraph(runs(message), 20),))], notes)

    def logo(self, box: Box) -> Image | None:
        """The theme's logo at its own aspect ratio, fitted into ``box`` and aligned to its top right."""
        path = self.t.asset("logo")
        if path is None:
            return None
        px_w, px_h = self.t.logo_size()
        scale = min(box.w / px_w, box.h / px_h)
        w, h = px_w * scale, px_h * scale
        return Image(Box(box.x + box.w - w, box.y, w, h), str(path), f"Logo: {plain(self.b.meta.organisation)}",
                     name="Logo")
