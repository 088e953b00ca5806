"""The deck's accessibility: unique slide titles (plan), a check of the plan before drawing
(contrast, alt text, titles: build warnings as data), and the XML details python-pptx has no API for
(language on every run, decorative shapes). ``reportkit.a11y.pptx`` checks a written deck the same way.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..present.colours import AA_NORMAL as MIN_RATIO
from ..present.colours import contrast as ratio
from .model import Chart, DeckPlan, Group, Image, Picture, Table, Text

# what a slide of each kind is about, to tell two slides with the same title apart
KIND_PREFIX = {"issue": "Issue", "outcome": "Outcome", "heatmap": "Stances", "divides": "Divides",
               "outcomes": "Outcomes", "context": "Context", "reactions": "Reactions"}


def unique_titles(deck: DeckPlan) -> DeckPlan:
    """No two slides share a title (screen readers and the outline tell slides apart by title): a
    repeated title says what kind of slide it is ("Issue: …", "Outcome: …"), then, if still repeated,
    counts ("… (2)"). Titles that are unique stay as they are."""
    from .layout import TITLE_BOX, fit_title, shorten_title

    def key(t: str) -> str:
        return " ".join(t.split()).casefold()

    counts = Counter(key(s.title) for s in deck.slides)
    if all(n == 1 for n in counts.values()):
        return deck
    slides = []
    for s in deck.slides:
        if counts[key(s.title)] > 1 and s.kind in KIND_PREFIX and s.layout != "title":
            title = shorten_title(f"{KIND_PREFIX[s.kind]}: {s.title}")
            s = replace(s, title=title, title_size=fit_title(title, TITLE_BOX))
        slides.append(s)
    counts, seen = Counter(key(s.title) for s in slides), Counter()
    out = []
    for s in slides:
        k = key(s.title)
        seen[k] += 1
        if counts[k] > 1 and seen[k] > 1:
            title = shorten_title(f"{s.title} ({seen[k]})")
            s = replace(s, title=title, title_size=fit_title(title, TITLE_BOX))
        out.append(s)
    return replace(deck, slides=tuple(out))


def _symbols_only(text: str) -> bool:
    """A run of marks only (the reactions' tone dot "●"): a graphic, its meaning also in words."""
    return not any(c.isalnum() for c in text)


def check_plan(deck: DeckPlan, theme) -> list[str]:
    """Accessibility problems visible in the plan: missing or repeated titles, missing alt text, text
    contrast below 4.5:1 on its fill (or the page colour)."""
    page = theme.color("color.page")
    text = theme.color("color.text")
    out, seen = [], {}
    for n, s in enumerate(deck.slides, 1):
        where = f"slide {n}"
        title = " ".join(s.title.split())
        if not title:
            out.append(f"{where}: no title")
        elif title.casefold() in seen:
            out.append(f"{where}: the same title as slide {seen[title.casefold()]}: {title!r}")
        else:
            seen[title.casefold()] = n
        for shape in s.shapes:
            out += [f"{where}: {m}" for m in _shape_problems(shape, page, text)]
    return out


def _shape_problems(shape, page: str, text: str) -> list[str]:
    out = []
    if isinstance(shape, (Chart, Picture, Group, Image, Table)) and not (shape.alt_text or "").strip():
        out.append(f"{shape.name!r} has no alt text")
    if isinstance(shape, Text):
        fill = shape.fill or page
        for para in shape.paragraphs:
            for run in para.runs:
                color = run.color or para.color or text
                if run.text.strip() and not _symbols_only(run.text) and ratio(color, fill) < MIN_RATIO:
                    out.append(_low(run.text, color, fill, shape.name))
    elif isinstance(shape, Table):
        for row in shape.rows:
            for cell in row:
                color, fill = cell.color or text, cell.fill or page
                if cell.text.strip() and ratio(color, fill) < MIN_RATIO:
                    out.append(_low(cell.text, color, fill, shape.name))
    elif isinstance(shape, Chart):
        for (level, label, values), fill, color in zip(shape.chart.series_by_score, shape.series_colors,
                                                      shape.label_colors):
            fill = page if level == 0 else fill  # a score of 0 has no bar: its label is on the page
            if any(v is not None for v in values) and ratio(color, fill) < MIN_RATIO:
                out.append(_low(f"{label} labels", color, fill, shape.name))
    elif isinstance(shape, Group):
        for child in shape.shapes:
            out += _shape_problems(child, page, text)
    return out


def _low(text: str, color: str, fill: str, name: str) -> str:
    return (f"{name!r}: {text[:40]!r} in {color} on {fill}: contrast {ratio(color, fill):.1f}:1, "
            f"below {MIN_RATIO}:1")


# --- XML details --------------------------------------------------------------------------------

# Office's "Mark as decorative": screen readers skip the shape (no alt text needed). The extension list
# of the shape's cNvPr, as text (the emitter writes shapes as text: workarounds.pptx.plain_shape).
DECORATIVE_XML = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
                  'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>')


def set_language(element, lang: str) -> None:
    """``lang`` on every run (and paragraph end) under ``element`` that has none: PowerPoint otherwise
    proofs, and screen readers speak, the text in the reader's own language."""
    from pptx.oxml.ns import qn

    for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
        for r_pr in element.iter(qn(tag)):
            if not r_pr.get("lang"):
                r_pr.set("lang", lang)
