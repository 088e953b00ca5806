"""A likelihood scale as the reader sees it: its legend once per memo and deck (also when the outcomes
fill several table slides), and badges and slide steps that place each outcome on the briefing's own
scale (ICD 203 "likely" is step 5 of 7), not on the three bands."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from reportkit.memo import plan as memo_plan
from reportkit.pipeline import prepare, read_source
from reportkit.present import analytic
from reportkit.registry import REGISTRY

HERE = Path(__file__).parent
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None and not __import__("os").environ.get("CI"),
                                     reason="pdftotext (poppler-utils) not installed")


def many_outcomes(tmp_path: Path, name: str, copies: int = 8) -> Path:
    data = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    data["outcomes"] = [{**o, "id": f"{o['id']}{k}", "title": f"{o['title']} ({k})"}
                        for k in range(copies) for o in data["outcomes"]]
    path = tmp_path / f"{name}-many.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def deck_shapes(prepared):
    from pptx import Presentation

    deck = Presentation(io.BytesIO(REGISTRY["deck"].render(prepared.for_format("deck")).data))
    return [(slide, shape) for slide in deck.slides for shape in slide.shapes]


@needs_pdftotext
@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_the_legend_is_printed_once(tmp_path, name):
    prepared = prepare(read_source(many_outcomes(tmp_path, name)))
    legend = " ".join(analytic.scale_legend(prepared.edition.briefing.meta.likelihood_scale).split())
    pdf = REGISTRY["memo"].render(prepared.for_format("memo")).data
    memo = " ".join(subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                                   check=True).stdout.decode().split())
    assert memo.count(legend) == 1
    shapes = deck_shapes(prepared)
    overview = {id(s) for s, sh in shapes if sh.has_text_frame and sh.name == "Outcomes"} | {
        id(s) for s, sh in shapes if getattr(sh, "has_table", False) and sh.name == "Outcomes"}
    assert len(overview) > 1  # the outcomes fill more than one table slide
    printed = [sh for _, sh in shapes if sh.has_text_frame and " ".join(sh.text_frame.text.split()) == legend]
    assert len(printed) == 1


@pytest.mark.parametrize("name,scale_len", [("icd203", 7), ("uk-yardstick", 7)])
def test_badges_place_outcomes_on_the_scale(name, scale_len):
    prepared = prepare(read_source(HERE / f"{name}.yaml"))
    b = prepared.edition.briefing
    scale = b.meta.likelihood_scale
    rows = next(x for x in memo_plan.plan(prepared.for_format("memo")).blocks if isinstance(x, memo_plan.OutcomeTable)).rows
    for o, row in zip(analytic.likelihood_order(scale, b.outcomes), rows, strict=True):
        assert row.steps == (analytic.step_terms(scale).index(o.term) + 1, scale_len)
    # the deck's outcome slide: one step per term, only the judged one named so
    shapes = deck_shapes(prepared)
    for o in b.outcomes:
        place = analytic.step_terms(scale).index(o.term) + 1
        slide = next(s for s, sh in shapes if sh.has_text_frame and sh == s.shapes.title and sh.text_frame.text == o.title)
        steps = [sh.name for sh in slide.shapes if sh.name.startswith("Likelihood step")]
        assert len(steps) == scale_len
        assert [n for n in steps if n.endswith("(judged)")] == [f"Likelihood step {place} of {scale_len} (judged)"]
        assert not any(sh.has_text_frame and sh.text_frame.text in ("Low", "Medium", "High") for sh in slide.shapes)


def test_the_three_level_scale_keeps_its_three_labelled_steps():
    from conftest import REFERENCE

    prepared = prepare(read_source(REFERENCE))
    o = prepared.edition.briefing.outcomes[0]
    assert analytic.scale_steps("three-level", o.term) == (["low", "medium", "high"].index(o.likelihood) + 1, 3)
    shapes = deck_shapes(prepared)
    labels = [sh.text_frame.text for _, sh in shapes if sh.has_text_frame and sh.name.startswith("Likelihood ")
              and sh.text_frame.text in ("Low", "Medium", "High")]
    assert labels[:3] == ["Low", "Medium", "High"]


ORDER = ["An inspection deal", "The old deal is extended", "Talks drag on", "The talks collapse"]


def test_the_ordering_rule_is_most_likely_first_and_stable():
    from types import SimpleNamespace as O

    outs = [O(term=t, n=k) for k, t in enumerate(["unlikely", "likely", "almost certain", "likely", "medium"])]
    ordered = analytic.likelihood_order("icd203", outs)
    assert [o.n for o in ordered] == [2, 1, 3, 4, 0]  # the tie keeps content order; the band sits mid-scale
    three = [O(term=t, n=k) for k, t in enumerate(["low", "high", "medium", "high"])]
    assert [o.n for o in analytic.likelihood_order("three-level", three)] == [1, 3, 2, 0]


def _order_in(text: str) -> list[str]:
    found = {t: text.find(t) for t in ORDER}
    assert all(v >= 0 for v in found.values()), found
    return sorted(ORDER, key=found.get)


@needs_pdftotext
@pytest.mark.parametrize("name", ["icd203", "uk-yardstick"])
def test_every_edition_orders_outcomes_by_the_scale(name):
    """The golden file lists its outcomes out of the scale's order; the memo's table, indicators and
    positions, the deck's overview and outcome slides, the Word table and the web page all print them
    most likely first, the tie (two "likely") in content order."""
    from test_four_editions import extract

    prepared = prepare(read_source(HERE / f"{name}.yaml"))
    assert [o.title for o in prepared.edition.briefing.outcomes] != ORDER  # the content's own order differs
    for fmt in ("memo", "docx", "html"):
        text = " ".join(extract(fmt, REGISTRY[fmt].render(prepared.for_format(fmt)).data).split())
        at = text.rindex("Potential outcomes")  # the heading (the web page's contents name it first)
        assert _order_in(text[at:]) == ORDER, fmt
        positions = text[text.index("Party positions on each outcome", at):]
        assert _order_in(positions) == ORDER, fmt
    shapes = deck_shapes(prepared)
    table = next(sh for _, sh in shapes if getattr(sh, "has_table", False) and sh.name == "Outcomes")
    assert [r.cells[0].text for r in list(table.table.rows)[1:]] == ORDER
    titles = [sh.text_frame.text for s, sh in shapes if sh == s.shapes.title and sh.text_frame.text in ORDER]
    assert titles == ORDER
