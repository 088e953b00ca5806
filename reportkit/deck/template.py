"""The deck template: found on a search path, opened, its layouts looked up by name.

The theme's ``deck.layouts`` maps a slide role ("title", "content") to a layout name; a template that
lacks the name falls back to a layout with a title placeholder, with a named warning (pandoc's
template contract).
"""
from __future__ import annotations

from pathlib import Path

from ..workarounds.pptx import delete_slide, open_presentation

TEMPLATE_DIR = Path(__file__).parent / "templates"
DEFAULT_LAYOUTS = {"title": "Title Slide", "content": "Title Only"}


def template_path(theme) -> Path:
    name = theme.get("deck.template", "base.pptx")
    for folder in (theme.folder, TEMPLATE_DIR):
        if folder is not None and (Path(folder) / name).is_file():
            return Path(folder) / name
    raise FileNotFoundError(f"theme {theme.name!r}: deck template {name!r} not found")


def open_template(theme):
    """The template as a Presentation with no slides (a template's sample slides are removed)."""
    prs = open_presentation(template_path(theme).read_bytes())
    for slide in list(prs.slides):
        delete_slide(prs, slide)
    return prs


def _all_layouts(prs):
    for master in prs.slide_masters:  # prs.slide_layouts covers only the first master
        yield from master.slide_layouts


def find_layout(prs, theme, role: str, warnings: list[str]):
    name = theme.get(f"deck.layouts.{role}") or DEFAULT_LAYOUTS.get(role, "Title Only")
    for layout in _all_layouts(prs):
        if layout.name == name:
            return layout
    fallback = min(_all_layouts(prs), key=lambda layout: _unfit(layout, role))
    msg = f"deck template has no layout named {name!r} (role {role!r}); using {fallback.name!r}"
    if msg not in warnings:
        warnings.append(msg)
    return fallback


def _unfit(layout, role: str) -> tuple[int, int]:
    """How badly a layout suits a role (lower is better): the right kind of title first, then the
    fewest other placeholders to remove. Ties keep the template's order (``min`` is stable)."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = [ph.placeholder_format.type for ph in layout.placeholders]
    wanted = PP_PLACEHOLDER.CENTER_TITLE if role == "title" else PP_PLACEHOLDER.TITLE
    any_title = wanted in kinds or PP_PLACEHOLDER.TITLE in kinds or PP_PLACEHOLDER.CENTER_TITLE in kinds
    return (0 if wanted in kinds else 1 if any_title else 2, len(kinds))
