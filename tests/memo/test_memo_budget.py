"""Budgets are honest (issue 12): a brief memo that cannot keep its page budget says so, by how much
and which content is longest (at its file:line:col); the reference keeps its two pages; a grid short
enough for one page is not split across two; an outcome's row is never split across pages."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REFERENCE
from helpers import compact
from reportkit.memo import plan as p
from reportkit.memo import render
from reportkit.pipeline import load_edition

WORDY = Path(__file__).parents[1] / "data" / "wordy.yaml"
THEMES = ["default", "print"]


def pages(pdf: bytes) -> list[str]:
    return [compact(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def memos():
    cache = {}

    def get(path, audience, theme):
        if (path, audience, theme) not in cache:
            cache[path, audience, theme] = render(load_edition(path, audience, theme))
        return cache[path, audience, theme]

    return get


@pytest.mark.parametrize("theme", THEMES)
def test_a_brief_memo_over_its_budget_says_by_how_much_and_what_is_longest(memos, theme):
    out = memos(WORDY, "principals", theme)
    n = len(pages(out.data))
    assert n > p.BRIEF_MAX_PAGES
    [warning] = [w for w in out.warnings if "budget" in w.message]
    assert f"takes {n} pages, {n - p.BRIEF_MAX_PAGES} over its {p.BRIEF_MAX_PAGES}-page budget" in warning.message
    # the longest printed text, named by its field and placed at its line
    assert "outcomes[1].summary (396 characters)" in warning.message
    path, line, col = warning.where.rsplit(":", 2)
    assert Path(path) == WORDY
    text = WORDY.read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert text[int(col) - 1:].startswith(("summary:", "A ", "'", '"')) or "summary" in text


@pytest.mark.parametrize("theme", THEMES)
def test_the_reference_principals_memo_keeps_its_budget_without_a_warning(memos, theme):
    out = memos(REFERENCE, "principals", theme)
    assert len(pages(out.data)) <= p.BRIEF_MAX_PAGES
    assert not [w for w in out.warnings if "budget" in w.message]


@pytest.mark.parametrize("theme", THEMES)
def test_a_stance_matrix_that_fits_a_page_is_not_split(memos, theme):
    """The wordy principals memo split its 12-party matrix 7 + 5 over two pages."""
    from reportkit.content import load

    b = load(WORDY)
    text = pages(memos(WORDY, "principals", theme).data)
    first = b.issues[0].name
    [k] = [k for k, t in enumerate(text) if compact("Where the parties stand") in t]
    for party in b.parties:
        assert compact(party.name) in text[k], party.name
    assert compact(first) in text[k]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", [REFERENCE, WORDY], ids=["reference", "wordy"])
def test_an_outcome_row_is_never_split_across_pages(memos, path, theme):
    """The reference staff memo printed the ceasefire row's confidence note alone on page 4."""
    from reportkit.content import load

    b = load(path)
    text = pages(memos(path, "staff", theme).data)
    start = next(k for k, t in enumerate(text) if compact("Potential outcomes") in t)
    for o in b.outcomes:
        first = compact(" ".join(o.summary.split()[:6]))
        [k] = [k for k in range(start, len(text)) if first in text[k]]
        for part in (o.summary, *o.conditions, *o.obstacles):
            assert compact(" ".join(part.split()[-4:])) in text[k], (o.id, part)
        assert "Obstacles" in PdfReader(io.BytesIO(memos(path, "staff", theme).data)).pages[k].extract_text()
