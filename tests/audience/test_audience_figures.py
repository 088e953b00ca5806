"""Figures are withheld like every other item: by their own tags, and with the source they rest on;
the section or outcome that showed a withheld figure keeps its text and loses only the figure."""
from __future__ import annotations

import copy

from reportkit.audience import BUILTIN, select
from reportkit.content.to_model import to_model

from test_audience import CONTENT

FIGURES = {
    **copy.deepcopy(CONTENT),
    "figures": [
        {"id": "map", "file": "map.png", "caption": "Public map", "alt": "A public map"},
        {"id": "cable-map", "file": "c.png", "caption": "Map from the cable", "alt": "A map", "source": "secret"},
        {"id": "staff-map", "file": "s.png", "caption": "Staff map", "alt": "A map", "sensitivity": "internal"},
    ],
}
FIGURES["sections"] = [{**FIGURES["sections"][0], "figure": "cable-map"}, FIGURES["sections"][1]]
FIGURES["outcomes"] = [{**FIGURES["outcomes"][0], "figure": "staff-map"}, *FIGURES["outcomes"][1:]]


def test_press_loses_restricted_and_internal_figures_and_their_references():
    b, w = select(to_model(copy.deepcopy(FIGURES)), BUILTIN["press"])
    assert w.ids("figure") == ("cable-map", "staff-map")  # the withheld source; internal sensitivity
    assert [f.id for f in b.figures] == ["map"]
    assert b.sections[0].id == "s1" and b.sections[0].figure is None and b.sections[0].paragraphs == ("text",)
    assert b.outcome("o1").figure is None
    assert b.figure("cable-map") is None and b.figure("map").caption == "Public map"


def test_staff_keeps_every_figure_reference():
    full = to_model(copy.deepcopy(FIGURES))
    b, w = select(full, BUILTIN["staff"])
    assert w.ids("figure") == ()
    assert b.sections[0].figure == "cable-map" and b.outcome("o1").figure == "staff-map"
    assert b.figures == full.figures


def test_withheld_figures_are_reported_after_sections():
    _, w = select(to_model(copy.deepcopy(FIGURES)), BUILTIN["press"])
    kinds = [k for k, _ in w.items]
    assert kinds.index("figure") > kinds.index("section") and "figure cable-map" in str(w)


def test_a_figure_named_only_by_a_withheld_section_goes_with_it():
    data = copy.deepcopy(FIGURES)
    data["sections"][1]["figure"] = "map"  # s2 is for staff and principals only
    b, w = select(to_model(data), BUILTIN["press"])
    assert "map" in w.ids("figure") and b.figures == ()
