"""A theme as one renderer sees it (its section's view), derived here, before rendering, so that no
renderer revises the theme it is given.

A renderer's record may name a function that gives some theme keys other colours
(``Renderer.theme_colors``: the deck's template colours, ``deck.template.theme_colors``); the
pipeline calls it and ``with_colors`` makes the view. This package imports no renderer: what the
colours are is the renderer's business, how a theme takes them is the theme's.
"""
from __future__ import annotations

from dataclasses import replace


def with_colors(theme, colors: dict[str, str]):
    """``theme`` with the dotted keys of ``colors`` set to those colours; the same object when there
    are none. A new table header fill gets the header text that reads on it (``present.text_on``)."""
    if not colors:
        return theme
    values = {k: (dict(v) if isinstance(v, dict) else v) for k, v in theme.values.items()}
    for key, color in colors.items():
        group, *rest = key.split(".")
        node = values.setdefault(group, {})
        for part in rest[:-1]:
            node[part] = dict(node.get(part) or {})
            node = node[part]
        node[rest[-1]] = color
    if "table.header.fill" in colors:  # header text must stay readable on the new fill
        from ..present import text_on

        fills = values.get("color", {})
        values["table"]["header"]["text"] = text_on(colors["table.header.fill"], dark=fills.get("text"),
                                                    light=fills.get("page"))
    return replace(theme, values=values)
