"""The deck template: found on the theme's search path, opened, its layouts looked up by name.

Each slide kind (``KIND_ROLES``) uses the layout the theme's ``deck.layouts`` names for the kind, else
for its role ("title" or "content"), searched across every slide master. A template that lacks the
name falls back to the best-suited layout, with a named warning (pandoc's template contract). The
template's own slides are removed. ``inspect`` reports all of this for ``reportkit check-template``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..theme.sections.deck import DEFAULT_LAYOUTS, KIND_ROLES  # declared with the deck's theme keys
from ..workarounds.pptx import delete_slide, open_presentation

TEMPLATE_DIR = Path(__file__).parent / "templates"


def template_path(theme) -> Path:
    """The template file: checked when the theme was loaded (``theme.asset``), else looked up."""
    checked = theme.asset("deck.template")
    if checked is not None:
        return checked
    name = theme.get("deck.template", "base.pptx")
    for folder in (theme.folder, TEMPLATE_DIR):
        if folder is not None and (Path(folder) / name).is_file():
            return Path(folder) / name
    raise FileNotFoundError(f"theme {theme.name!r}: deck template {name!r} not found")


def is_builtin(path: Path) -> bool:
    return path.resolve().parent == TEMPLATE_DIR.resolve()


def sanitised(path: Path):
    """The template's package with external links and active content removed (``reportkit.opc``)."""
    from ..opc import sanitise

    return sanitise(path.read_bytes(), path.name)


def open_template(theme, path: Path | None = None, removed: list[str] | None = None):
    """The template as a Presentation with no slides (a template's sample slides are removed).
    What sanitising removed from it is appended to ``removed``."""
    path = path or template_path(theme)
    clean = sanitised(path)
    if removed is not None:
        removed.extend(f"deck template: removed {line}" for line in clean.removed)
    try:
        prs = readable(open_presentation(clean.data))
        for slide in list(prs.slides):
            delete_slide(prs, slide)
    except Exception as e:  # noqa: BLE001 - python-pptx on a package whose parts are broken
        from ..theme.assets import unreadable

        raise unreadable(theme, "deck.template", path, e, "a .pptx or .potx file") from None
    return prs


def readable(prs):
    """``prs``, after reading every part a build uses (python-pptx reads relationships lazily: a
    template without a master's theme or a layout's master would fail halfway through a build).
    ``check-template`` reads the same, so it rejects what a build cannot use."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    _ = prs.slide_width, prs.slide_height, len(prs.slides)
    for master in prs.slide_masters:
        master.part.part_related_by(RT.THEME)
        for layout in master.slide_layouts:
            _ = layout.name, layout.slide_master, [ph.placeholder_format.type for ph in layout.placeholders]
    return prs


def all_layouts(prs):
    for master in prs.slide_masters:  # prs.slide_layouts covers only the first master
        yield from master.slide_layouts


def wanted_layout(theme, kind: str) -> tuple[str, str]:
    """(layout name, the ``deck.layouts`` key that named it) for a slide kind."""
    role = KIND_ROLES.get(kind, kind)
    for key in (kind, role):
        name = theme.get(f"deck.layouts.{key}")
        if isinstance(name, str):
            return name, key
    return DEFAULT_LAYOUTS.get(role, "Title Only"), role


def find_layout(prs, theme, role: str, warnings: list[str], kind: str | None = None):
    """The layout for a slide of ``kind`` (or of ``role``); a missing name falls back with a warning."""
    name, _ = wanted_layout(theme, kind or role)
    role = KIND_ROLES.get(kind or role, role)
    for layout in all_layouts(prs):
        if layout.name == name:
            return layout
    fallback = best_fallback(prs, role)
    if fallback is None:
        raise ValueError("the deck template has no slide layouts")
    msg = f"deck template has no layout named {name!r} (role {role!r}); using {fallback.name!r}"
    if msg not in warnings:
        warnings.append(msg)
    return fallback


def best_fallback(prs, role: str):
    layouts = list(all_layouts(prs))
    return min(layouts, key=lambda layout: _unfit(layout, role)) if layouts else None


def _unfit(layout, role: str) -> tuple[int, int]:
    """How badly a layout suits a role (lower is better): the right kind of title first, then the
    fewest other placeholders to remove. Ties keep the template's order (``min`` is stable)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = [ph.placeholder_format.type for ph in layout.placeholders]
    wanted = PP_PLACEHOLDER.CENTER_TITLE if role == "title" else PP_PLACEHOLDER.TITLE
    any_title = wanted in kinds or PP_PLACEHOLDER.TITLE in kinds or PP_PLACEHOLDER.CENTER_TITLE in kinds
    return (0 if wanted in kinds else 1 if any_title else 2, len(kinds))


# --- colours ---------------------------------------------------------------------------------------

_SLOT = re.compile(rb"<a:(dk1|lt1|dk2|lt2|accent[1-6])>\s*<a:(?:srgbClr val|sysClr [^>]*lastClr)=\"([0-9A-Fa-f]{6})\"")
# reportkit theme key <- template colour slot. Brand colours only: stance, likelihood and banner colours
# carry meaning (position, classification), so they stay the reportkit theme's.
TEMPLATE_COLOR_KEYS = {"color.primary": "dk2", "color.accent": "accent1", "table.header.fill": "accent1",
                       "bluf.rule": "dk2"}


def template_palette(prs, theme) -> dict[str, str]:
    """The theme colours (``dk2``, ``accent1`` ...) of the master behind the content slides' layout."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    master = find_layout(prs, theme, "content", []).slide_master
    xml = master.part.part_related_by(RT.THEME).blob
    return {slot.decode(): "#" + rgb.decode().upper() for slot, rgb in _SLOT.findall(xml)}


def theme_colors(theme) -> dict[str, str]:
    """The theme keys the deck's template colours (``TEMPLATE_COLOR_KEYS``), key -> "#RRGGBB": with
    ``deck.colors: template``, or a user's own template and no ``deck.colors``; else none. Declared in
    the deck's registry record, so the pipeline gives the deck this view of the theme
    (``theme.views.with_colors``) and the theme package imports no renderer."""
    path = template_path(theme)
    if not uses_template_colors(theme, path):
        return {}
    palette = template_palette(open_template(theme, path), theme)
    return {key: palette[slot] for key, slot in TEMPLATE_COLOR_KEYS.items() if slot in palette}


def uses_template_colors(theme, path: Path) -> bool:
    """``deck.colors: template|theme``; unset: a user's template colours the deck, reportkit's own does not."""
    choice = theme.get("deck.colors")
    return choice == "template" if choice else not is_builtin(path)


# --- what check-template reports -------------------------------------------------------------------

@dataclass(frozen=True)
class KindReport:
    kind: str
    wanted: str  # the layout name the theme asks for
    key: str  # the deck.layouts key that named it
    found: bool
    layout: str | None  # the layout that will be used (the fallback if not found)
    master: int | None  # 1-based slide master of that layout
    placeholders: tuple[str, ...]  # placeholder types on that layout, e.g. "TITLE", "BODY"
    has_title: bool


@dataclass(frozen=True)
class TemplateReport:
    path: Path
    masters: tuple[tuple[str, ...], ...]  # layout names per master
    width_pt: float
    height_pt: float
    sample_slides: int
    kinds: tuple[KindReport, ...]
    removed: tuple[str, ...] = ()  # what sanitising takes out of it (reportkit.opc)

    @property
    def is_16_9(self) -> bool:
        return abs(self.width_pt / self.height_pt - 16 / 9) < 0.01


def inspect(path: Path, theme) -> TemplateReport:
    clean = sanitised(path)
    prs = readable(open_presentation(clean.data))
    sample_slides = len(prs.slides)
    masters = tuple(tuple(layout.name for layout in m.slide_layouts) for m in prs.slide_masters)
    master_of = {layout.part.partname: n for n, m in enumerate(prs.slide_masters, 1) for layout in m.slide_layouts}
    kinds = []
    for kind in KIND_ROLES:
        name, key = wanted_layout(theme, kind)
        layout = next((lo for lo in all_layouts(prs) if lo.name == name), None)
        found = layout is not None
        layout = layout or best_fallback(prs, KIND_ROLES[kind])
        types = tuple(ph.placeholder_format.type.name for ph in layout.placeholders) if layout is not None else ()
        kinds.append(KindReport(kind, name, key, found, layout.name if layout is not None else None,
                                master_of.get(layout.part.partname) if layout is not None else None, types,
                                any(t in ("TITLE", "CENTER_TITLE") for t in types)))
    return TemplateReport(path, masters, prs.slide_width / 12700, prs.slide_height / 12700, sample_slides,
                          tuple(kinds), clean.removed)
