"""A theme as one renderer sees it (its section's view), derived here, before rendering, so that no
renderer revises the theme it is given.

The deck's view: with ``deck.colors: template`` (or a user's own template and no ``deck.colors``),
the brand colours (``deck.template.TEMPLATE_COLOR_KEYS``) come from the template's colour slots, so
titles, rules and table headers match the organisation's slides. Every other section sees the theme
as loaded.
"""
from __future__ import annotations

from dataclasses import replace


def section_view(theme, section: str | None):
    """The theme renderer section ``section`` draws with; the same object when nothing changes."""
    derive = VIEWS.get(section)
    return derive(theme) if derive else theme


def deck_view(theme):
    from ..deck.template import TEMPLATE_COLOR_KEYS, open_template, template_palette, template_path, \
        uses_template_colors

    path = template_path(theme)
    if not uses_template_colors(theme, path):
        return theme
    palette = template_palette(open_template(theme, path), theme)
    values = {k: (dict(v) if isinstance(v, dict) else v) for k, v in theme.values.items()}
    for key, slot in TEMPLATE_COLOR_KEYS.items():
        if slot in palette:
            group, *rest = key.split(".")
            node = values.setdefault(group, {})
            for part in rest[:-1]:
                node[part] = dict(node.get(part) or {})
                node = node[part]
            node[rest[-1]] = palette[slot]
    if "accent1" in palette:  # header text must stay readable on the brand fill
        from ..present import text_on

        colors = values.get("color", {})
        values["table"]["header"]["text"] = text_on(palette["accent1"], dark=colors.get("text"),
                                                    light=colors.get("page"))
    return replace(theme, values=values)


VIEWS = {"deck": deck_view}
