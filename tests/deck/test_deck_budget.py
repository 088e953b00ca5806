"""Budgets are honest for the deck too (issue 12): a brief deck that cannot keep its slide budget
(``audience.profiles.slide_budget``) says so, by how much and which content is longest, at its
file:line:col, in the memo's words (``present.budget``); the reference's principals deck keeps it."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import REFERENCE
from reportkit.audience.profiles import slide_budget
from reportkit.deck import render
from reportkit.pipeline import load_edition

WORDY = Path(__file__).parents[1] / "data" / "wordy.yaml"
THEMES = ["default", "print"]


@pytest.mark.parametrize("theme", THEMES)
def test_a_brief_deck_over_its_budget_says_by_how_much_and_what_is_longest(theme):
    out = render(load_edition(WORDY, "principals", theme))
    n, budget = len(Presentation(io.BytesIO(out.data)).slides), slide_budget("brief")
    assert n > budget
    [warning] = [w for w in out.warnings if "budget" in w.message]
    assert f"the brief deck takes {n} slides, {n - budget} over its {budget}-slide budget" in warning.message
    assert "the longest content: outcomes[1].summary (396 characters)" in warning.message  # as the memo says
    path, line, _ = warning.where.rsplit(":", 2)
    assert Path(path) == WORDY and "summary" in WORDY.read_text(encoding="utf-8").splitlines()[int(line) - 1]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("audience", ["principals", "staff"])
def test_the_reference_keeps_its_budget_without_a_warning(theme, audience):
    out = render(load_edition(REFERENCE, audience, theme))
    budget = slide_budget("brief" if audience == "principals" else "full")
    assert budget is None or len(Presentation(io.BytesIO(out.data)).slides) <= budget
    assert not [w for w in out.warnings if "budget" in w.message]
