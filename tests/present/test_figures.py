"""The one figure rule every edition uses (present/figures.py): placement, numbering, words, fit."""
from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from conftest import REFERENCE
from reportkit.content import load
from reportkit.present import figures as figs


def test_numbers_count_in_reading_order_and_a_repeat_keeps_its_number():
    assert figs.numbers(["b", "a", "b", "c"]) == {"b": 1, "a": 2, "c": 3}


def test_words_under_the_reference_figure():
    b = load(REFERENCE)
    fig = b.figures[0]
    shown = figs.shown(b, fig, 3)
    assert shown.caption == "Figure 3: Who talks to whom, as the article reports it"
    assert shown.credit == "Credit: Drawn by reportkit from the article (CC0) \u00b7 26 November 2026"
    assert shown.alt.startswith("Schematic. The United States and Russia") and "\n" not in shown.alt
    assert shown.width == 0.9
    assert figs.source_line(b, fig).startswith("Source: [1] News article on U.S.")
    assert figs.source_line(b, fig, fits=lambda t: len(t) < 17) == "Source: [1]"  # the number is never dropped
    assert figs.refs(b, fig) == (1,)


def test_a_figure_nothing_names_stands_on_its_own():
    b = load(REFERENCE)
    assert figs.on_their_own(b) == ()
    unnamed = dataclasses.replace(b, sections=tuple(dataclasses.replace(s, figure=None) for s in b.sections))
    assert [f.id for f in figs.on_their_own(unnamed)] == ["talks-schematic"]


@given(st.integers(1, 20_000), st.integers(1, 20_000), st.floats(10, 2000), st.floats(10, 2000))
def test_fit_keeps_the_aspect_ratio_inside_the_box(w, h, box_w, box_h):
    fw, fh = figs.fit(w, h, box_w, box_h)
    assert fw <= box_w * (1 + 1e-9) and fh <= box_h * (1 + 1e-9)
    assert abs(fw / fh - w / h) <= 1e-6 * (w / h)
    assert abs(fw - box_w) < 1e-6 * box_w or abs(fh - box_h) < 1e-6 * box_h  # as large as the box allows


def test_the_source_line_leaves_the_web_address_to_the_endnote():
    b = load(REFERENCE)
    src = dataclasses.replace(b.sources[0], url="https://example.org/report?id=7")
    linked = dataclasses.replace(b, sources=(src, *b.sources[1:]))
    line = figs.source_line(linked, linked.figures[0])
    assert line.startswith("Source: [1] News article on U.S.") and "example.org" not in line
