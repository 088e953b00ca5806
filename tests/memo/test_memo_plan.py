"""The memo plan, tested without reportlab: what the memo says and in which order."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from reportkit.present import signed
from reportkit.present.analytic import likelihood_order
from reportkit.edition import make_edition
from reportkit.memo import plan as p
from reportkit.model import Source
from reportkit.theme import load_theme


@pytest.fixture(scope="module")
def theme():
    return load_theme("default")


def blocks_of(memo, kind):
    return [b for b in memo.blocks if isinstance(b, kind)]


def test_planner_imports_no_reportlab():
    code = ("import sys, reportkit.memo.plan, reportkit.memo;"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'matplotlib'));"
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_full_memo_outline_has_every_section_in_order(reference, theme):
    memo = p.plan(make_edition(reference, theme))
    expected = ["Key judgments", "Bottom line up front", *[s.title for s in reference.sections if s.paragraphs],
                "Where the parties stand", "Stances by issue", "Potential outcomes", "Indicators to watch",
                "Party positions on each outcome", "International reactions", "Next steps", "Sources"]
    assert list(memo.outline) == expected
    keys = [b.key for b in blocks_of(memo, p.Heading)]
    assert len(keys) == len(set(keys))  # bookmark keys must be unique


def test_header_rows_come_from_the_content(reference, theme):
    memo = p.plan(make_edition(reference, theme))
    (header,) = blocks_of(memo, p.MemoHeader)
    rows = dict(header.rows)
    assert rows["TO"] == reference.meta.memo.to
    assert rows["SUBJECT"] == reference.meta.memo.subject
    d = reference.meta.date
    assert rows["DATE"] == f"{d.day} {d.strftime('%B')} {d.year}"
    assert memo.classification == reference.meta.classification


def test_matrix_is_the_shared_chart_data_not_a_recount(reference, theme):
    ed = make_edition(reference, theme)
    (matrix,) = blocks_of(p.plan(ed), p.MatrixBlock)
    assert matrix.matrix is ed.charts.matrix
    (chart,) = blocks_of(p.plan(ed), p.ChartBlock)
    assert chart.charts is ed.charts.by_issue
    labels = {e.label for e in matrix.legend}
    assert "no stance in the source" in labels


def test_brief_keeps_only_the_essentials(reference, theme):
    memo = p.plan(make_edition(reference, theme, detail="brief"))
    assert list(memo.outline) == ["Key judgments", "Bottom line up front", "Potential outcomes",
                                  "Where the parties stand", "Next steps", "Sources"]
    assert memo.max_pages == 2
    (table,) = blocks_of(memo, p.OutcomeTable)
    assert table.compact
    assert not blocks_of(memo, p.ChartBlock) and not blocks_of(memo, p.ReactionTable)


def test_disclaimer_is_a_notice_under_the_header(reference, theme):
    memo = p.plan(make_edition(reference, theme, disclaimer="Not government policy."))
    kinds = [type(b) for b in memo.blocks]
    assert kinds[:3] == [p.TitleBlock, p.MemoHeader, p.Notice]
    assert memo.disclaimer == "Not government policy."


def test_source_ids_resolve_to_endnote_numbers(reference, theme):
    extra = Source(id="second", title="A second source")
    sec = dataclasses.replace(reference.sections[0], sources=("second", "article"))
    b = dataclasses.replace(reference, sources=(*reference.sources, extra), sections=(sec, *reference.sections[1:]))
    memo = p.plan(make_edition(b, theme))
    first_section_texts = []
    for blk in memo.blocks:
        if isinstance(blk, p.Text) and blk.text in sec.paragraphs:
            first_section_texts.append(blk)
    assert first_section_texts[-1].refs == (b.source_number("second"), b.source_number("article")) == (2, 1)
    (notes,) = blocks_of(memo, p.Endnotes)
    assert [n.number for n in notes.notes] == [1, 2]
    assert notes.notes[1].text.startswith("A second source")


def test_empty_lists_become_notes_not_gaps(reference, theme):
    b = dataclasses.replace(reference, reactions=(), outcomes=(), next_steps=(), stances=())
    memo = p.plan(make_edition(b, theme))
    notes = [blk.text for blk in blocks_of(memo, p.Text) if blk.style == "note"]
    assert any("no international reactions" in n for n in notes)
    assert any("no potential outcomes" in n for n in notes)
    assert any("no next steps" in n for n in notes)
    assert not blocks_of(memo, p.ChartBlock)  # no stance anywhere: no empty chart
    (matrix,) = blocks_of(memo, p.MatrixBlock)
    assert all(c.score is None for row in matrix.matrix.rows for c in row)


def test_wide_matrices_are_split_into_column_groups(reference, theme):
    issues = tuple(dataclasses.replace(reference.issues[0], id=f"i{k}", name=f"Issue {k}") for k in range(11))
    b = dataclasses.replace(reference, issues=issues, stances=())
    (matrix,) = blocks_of(p.plan(make_edition(b, theme)), p.MatrixBlock)
    assert [len(g) for g in matrix.column_groups] == [6, 5]  # balanced, each at most MAX_MATRIX_COLUMNS
    assert sum(matrix.column_groups, ()) == tuple(range(11))


def test_likelihood_is_labelled_as_judgement(reference, theme):
    (table,) = blocks_of(p.plan(make_edition(reference, theme)), p.OutcomeTable)
    for row, o in zip(table.rows, likelihood_order(reference.meta.likelihood_scale, reference.outcomes), strict=True):
        assert row.likelihood == o.likelihood
        assert row.likelihood_label == ("Analyst judgement" if o.likelihood_basis == "judgement"
                                        else "Stated in the source")


def test_signed_uses_a_true_minus():
    assert signed(-2) == "\u22122"
